#include "SearchExport.h"

#include "face/FaceEngine.h"
#include "store/ArchiveReader.h"

namespace fd::search {

QStringList hitColumns()
{
    return {QStringLiteral("event_id"), QStringLiteral("time"), QStringLiteral("device_uuid"),
            QStringLiteral("device_name"), QStringLiteral("index_id"), QStringLiteral("person"),
            QStringLiteral("list"), QStringLiteral("score"), QStringLiteral("similarity"),
            QStringLiteral("distance"), QStringLiteral("quality"), QStringLiteral("age"), QStringLiteral("gender"), QStringLiteral("mask"),
            QStringLiteral("glasses"), QStringLiteral("temperature"), QStringLiteral("acknowledged"),
            QStringLiteral("thumbnail")};
}

bool writeHitsCsv(const QList<EventHit> &hits, const QHash<qint64, float> &similarity, QIODevice *out)
{
    const auto num = [](auto v, auto none) { return v == none ? QString() : QString::number(v); };
    if (out->write(hitColumns().join(u',').toUtf8() + '\n') < 0)
        return false;
    for (const EventHit &h : hits) {
        const auto s = similarity.constFind(h.id);
        const QStringList fields = {
            QString::number(h.id), h.captureTime.toString(Qt::ISODateWithMs), h.deviceUuid, h.deviceName,
            num(h.indexId, qint64(-1)), h.personName,
            store::listName(h.picSort > 0 ? QVariant(h.picSort) : QVariant()),
            h.matchScore >= 0 ? QString::number(h.matchScore) : QString(),
            s != similarity.constEnd() ? QString::number(double(*s), 'f', 4) : QString(),
            s != similarity.constEnd() ? QString::number(double(face::unitDistance(*s)), 'f', 4) : QString(),
            num(h.quality, -1),
            num(h.age, -1), num(h.gender, -1), num(h.mask, -1), num(h.glasses, -1),
            h.temperature > -1000 ? QString::number(h.temperature, 'f', 1) : QString(),
            h.acknowledged ? QStringLiteral("1") : QStringLiteral("0"), h.facePath};
        if (out->write(store::csvLine(fields).toUtf8() + '\n') < 0)
            return false;
    }
    return true;
}

} // namespace fd::search
