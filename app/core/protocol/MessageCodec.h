// Decoding and encoding of whole protocol messages (the JSON text of one frame).
//
// decode() reads what a device (or, for the simulator, FaceDesk) sends and tells
// which message it is from its content. encode() writes strict, compact UTF-8 JSON;
// messages that travel in the {"dataLength":N,"data":{...}} envelope get it with an
// exact N.
#pragma once

#include "DecodeError.h"
#include "LenientJson.h"
#include "Messages.h"

#include <QByteArrayView>
#include <QMetaType>
#include <QStringList>

namespace fd::protocol {

struct DecodeLimits {
    JsonLimits json;
};

struct Decoded {
    std::optional<Message> message;  // set exactly when error is empty
    DecodeError error;
    QString method;                  // the method the message named, when it named one
    bool repaired = false;           // the lenient path was needed
    // dataLength as sent, and whether it matched; a mismatch is a warning, not an error.
    qint64 dataLength = -1;
    bool dataLengthMatches = true;
    QStringList warnings;

    bool ok() const { return message.has_value(); }
    template<class T> const T *as() const { return message ? std::get_if<T>(&*message) : nullptr; }
};

Decoded decode(QByteArrayView json, const DecodeLimits &limits = {});

QByteArray encode(const Message &message);

// Wraps a compact JSON object text as {"dataLength":N,"data":<inner>} where N is the
// byte length of the whole result, its own digits included.
QByteArray wrapWithDataLength(const QByteArray &innerObjectJson);
// The N for a given inner text, exposed for tests.
qint64 dataLengthFor(qsizetype innerSize);

// MD5 (lower-case hex) of base64 text, as jpegBase64MD5 is defined.
QByteArray base64Md5(const QByteArray &base64Text);

} // namespace fd::protocol

Q_DECLARE_METATYPE(fd::protocol::Decoded)
Q_DECLARE_METATYPE(fd::protocol::FacePush)
