// Parses the JSON that Jovision devices really send.
//
// Well-formed text takes QJsonDocument's strict parser and nothing else. Only text
// that fails it is rewritten by a tolerant scanner into strict JSON (the "repair")
// and parsed again, so the sloppiness of the vendor's examples costs nothing for
// devices that behave. Every tolerance is listed in docs/PROTOCOL.md.
#pragma once

#include "Base64Lift.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace fd::protocol {

enum class JsonErrorKind {
    None,
    Empty,        // nothing but white space
    NotAnObject,  // a top-level array or scalar: every message is an object
    Syntax,       // not readable even with every tolerance
    TooDeep,      // nesting beyond JsonLimits::maxDepth
    InvalidUtf8,  // the protocol says UTF-8; other encodings are refused, not guessed
    TooLarge,     // longer than JsonLimits::maxBytes
};

struct JsonError {
    JsonErrorKind kind = JsonErrorKind::None;
    qsizetype offset = -1;  // byte offset in the input where known
    QString detail;         // English, for logs; see describe() for the user text

    explicit operator bool() const { return kind != JsonErrorKind::None; }
    QString describe() const;
};

struct JsonLimits {
    int maxDepth = 32;                    // real messages nest at most 5 deep
    qsizetype maxBytes = 64 * 1024 * 1024;
};

struct LenientParse {
    QJsonObject object;
    bool repaired = false;  // true when the strict parser refused and the repair was used
    JsonError error;
    QStringList repeatedKeys;  // keys one object holds twice (RepeatedKeys.h), normalised
};

// Parses one JSON object, tolerating the vendor's sloppiness. With lifted, big image
// values are taken out first (liftBase64Values): their strings in the object are then
// markers for the bytes in *lifted, which point into text.
LenientParse parseLenientObject(QByteArrayView text, const JsonLimits &limits = {},
                                LiftedImages *lifted = nullptr);

// The repair step on its own: returns strict JSON text or sets *error.
// Exposed for tests and the codec benchmark.
QByteArray repairJson(QByteArrayView text, JsonError *error, const JsonLimits &limits = {});

} // namespace fd::protocol
