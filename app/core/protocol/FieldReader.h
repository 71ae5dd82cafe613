// Reads typed fields from a decoded JSON object the way devices actually fill them:
// numbers as strings ("12"), hex ("0x10"), strings as numbers (0), keys with stray
// spaces or another letter case ("Imgfr" for "ImgFr"). Anything that still cannot be
// read becomes the reader's first DecodeError, naming the field; later reads then
// return defaults, so decoders can read straight through and check once at the end.
#pragma once

#include "Base64Lift.h"
#include "DecodeError.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>

#include <optional>

namespace fd::protocol {

enum class Need { Optional, Required };

class FieldReader {
public:
    // lifted: the image values parseLenientObject took out of the text, if it did.
    FieldReader(const QJsonObject &object, QString path, DecodeError *error, QStringList *warnings,
                const LiftedImages *lifted = nullptr);

    // Lookup: the exact key first (the fast path), then one tolerant scan.
    QJsonValue value(QLatin1StringView key) const;
    bool has(QLatin1StringView key) const;

    std::optional<qint64> integer(QLatin1StringView key, Need need, qint64 min, qint64 max);
    std::optional<double> real(QLatin1StringView key, Need need, double min, double max);
    // maxBytes counts UTF-8 bytes, as the devices' C buffers do; 0 means no limit.
    QString string(QLatin1StringView key, Need need, int maxBytes = 0);
    // An identity (uuid, token, method): text or a whole non-negative number, nothing
    // else; a bool, a fraction or an object is WrongType.
    QString identity(QLatin1StringView key, Need need, int maxBytes = 0);
    // A base64 field. Blank text (the examples' " ") means "no image". *base64Text,
    // when given, receives the text itself (jpegBase64MD5 is computed over it).
    QByteArray base64(QLatin1StringView key, Need need, QByteArray *base64Text = nullptr);
    QList<float> feature(QLatin1StringView key);
    // "2018-04-17 14:53:23", ISO 8601, or Unix seconds (milliseconds past 1e11).
    QDateTime time(QLatin1StringView key, QString *rawText);
    // A small enumerated attribute: out-of-range values read as -1 ("unknown") with a
    // warning rather than rejecting a whole event for one attribute.
    int attribute(QLatin1StringView key, int min, int max);

    FieldReader object(QLatin1StringView key, Need need);
    QJsonArray array(QLatin1StringView key, Need need);
    FieldReader child(const QJsonValue &element, const QString &name);

    bool failed() const { return m_error && *m_error; }
    const QJsonObject &json() const { return m_object; }
    QString pathOf(QLatin1StringView key) const;
    void setError(DecodeErrorKind kind, QLatin1StringView key, const QString &detail);
    void warn(const QString &text);

private:
    bool missing(QLatin1StringView key, const QJsonValue &v, Need need);

    QJsonObject m_object;
    QString m_path;
    DecodeError *m_error;
    QStringList *m_warnings;
    const LiftedImages *m_lifted;
};

// Short printable form of a value for error messages ("\"xxx\"", "0", "an object").
QString describeValue(const QJsonValue &v);

} // namespace fd::protocol
