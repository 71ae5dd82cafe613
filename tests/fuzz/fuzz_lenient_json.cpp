// The lenient JSON parser (protocol/LenientJson): any bytes, as a device's frame.
#include "FuzzTarget.h"

#include "protocol/LenientJson.h"

#include <QJsonDocument>

using namespace fd::protocol;

FACEDESK_FUZZ_TARGET(lenient_json)
{
    JsonLimits limits;
    limits.maxBytes = 1024 * 1024;
    const LenientParse plain = parseLenientObject(data, limits);

    // Text the strict parser reads as an object is never repaired, and means the same.
    const QByteArray bytes = data.toByteArray();
    QJsonParseError strictError;
    const QJsonDocument strict = QJsonDocument::fromJson(bytes, &strictError);
    if (strict.isObject()) {
        fuzzCheck(!plain.error);
        fuzzCheck(!plain.repaired);
        fuzzCheck(plain.object == strict.object());
    }

    // The repair's output is strict JSON whenever it says it succeeded, and it is what
    // a repaired parse read. UTF-8 and the range of numbers are left to the parse that
    // follows it ("-3e423" is JSON, but no double: Qt refuses it, and so the message).
    JsonError repairError;
    const QByteArray repaired = repairJson(data, &repairError, limits);
    if (!repairError) {
        QJsonParseError againError;
        const QJsonDocument again = QJsonDocument::fromJson(repaired, &againError);
        fuzzCheck(again.isObject() || againError.error == QJsonParseError::IllegalUTF8String
                  || againError.error == QJsonParseError::IllegalNumber);
        if (plain.repaired)
            fuzzCheck(plain.object == again.object());
    }

    // Lifting the images out first never refuses what reads without (Base64Lift's
    // promise). The other way round is allowed: a lifted value is judged by the
    // base64 decoder, not as JSON text (raw line breaks, bytes that are not UTF-8).
    LiftedImages lifted;
    const LenientParse withLift = parseLenientObject(data, limits, &lifted);
    if (!plain.error)
        fuzzCheck(!withLift.error);
    (void)plain.error.describe();
}
