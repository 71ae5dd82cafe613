// The image lifting (protocol/Base64Lift): the big image values taken out of a message
// before it is parsed. Each lifted span lies inside the text, each marker finds its
// span again, and the lifted text is strict JSON whenever the original is.
#include "FuzzTarget.h"

#include "protocol/Base64Lift.h"

#include <QJsonDocument>
#include <QString>

using namespace fd::protocol;

FACEDESK_FUZZ_TARGET(base64_lift)
{
    QByteArray out;
    LiftedImages lifted;
    if (!liftBase64Values(data, &out, &lifted))
        return;
    fuzzCheck(!lifted.spans.isEmpty());
    fuzzCheck(!lifted.marker.isEmpty());
    for (qsizetype i = 0; i < lifted.spans.size(); ++i) {
        const QByteArrayView span = lifted.spans[i];
        fuzzCheck(span.data() >= data.data() && span.data() + span.size() <= data.data() + data.size());
        const auto found = liftedValue(lifted.marker + QString::number(i), lifted);
        fuzzCheck(found.has_value());
        fuzzCheck(found->data() == span.data() && found->size() == span.size());
    }
    fuzzCheck(!liftedValue(lifted.marker + QString::number(lifted.spans.size()), lifted).has_value());
    fuzzCheck(!liftedValue(QStringLiteral("img"), lifted).has_value());
    if (QJsonDocument::fromJson(data.toByteArray()).isObject())
        fuzzCheck(QJsonDocument::fromJson(out).isObject());
}
