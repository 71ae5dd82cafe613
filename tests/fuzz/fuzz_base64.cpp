// Strict base64 (protocol/Base64): the bytes as base64 text (both the 8-bit and the
// UTF-16 path, which must agree), and the bytes encoded by Qt, which must decode back.
#include "FuzzTarget.h"

#include "protocol/Base64.h"

#include <QString>

using namespace fd::protocol;

FACEDESK_FUZZ_TARGET(base64)
{
    QByteArray fromBytes;
    const bool ok = decodeBase64(data, &fromBytes);
    const QString latin1 = QString::fromLatin1(data);
    QByteArray fromUtf16;
    fuzzCheck(decodeBase64(QStringView(latin1), &fromUtf16) == ok);
    const qsizetype bad = firstNonBase64(data);
    if (ok) {
        fuzzCheck(fromUtf16 == fromBytes);
        fuzzCheck(bad == -1);
        QByteArray back;
        fuzzCheck(decodeBase64(QByteArrayView(fromBytes.toBase64()), &back));
        fuzzCheck(back == fromBytes);
    } else if (bad >= 0) {
        fuzzCheck(bad < data.size());
    }

    // Any bytes, encoded, decode back to themselves; line breaks inside are skipped.
    const QByteArray encoded = data.toByteArray().toBase64();
    QByteArray decoded;
    fuzzCheck(decodeBase64(QByteArrayView(encoded), &decoded));
    fuzzCheck(decoded == data);
    QByteArray wrapped;
    for (qsizetype i = 0; i < encoded.size(); i += 76)
        wrapped.append(encoded.mid(i, 76)).append("\r\n");
    fuzzCheck(decodeBase64(QByteArrayView(wrapped), &decoded));
    fuzzCheck(decoded == data);
}
