#include "Attendance.h"

#include "store/ArchiveReader.h"

#include <QMap>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace fd::search {

QList<Sighting> sightingsOf(QSqlDatabase &db, qint64 indexId, const QDateTime &from, const QDateTime &to, QString *error)
{
    QList<Sighting> result;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT e.id, e.capture_at, e.device_uuid, d.name FROM events e "
                             "LEFT JOIN devices d ON d.uuid = e.device_uuid "
                             "WHERE e.index_id = ? AND e.capture_at >= ? AND e.capture_at < ? ORDER BY e.capture_at, e.id"));
    q.addBindValue(indexId);
    q.addBindValue(from.isValid() ? from.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min());
    q.addBindValue(to.isValid() ? to.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max());
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return result;
    }
    while (q.next())
        result.append({q.value(0).toLongLong(), QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC),
                       q.value(2).toString(), q.value(3).toString(), -2.f});
    return result;
}

QList<AttendanceDay> attendanceDays(const QList<Sighting> &sightings)
{
    QMap<QDate, AttendanceDay> days;
    QSet<qint64> seen;
    for (const Sighting &s : sightings) {
        if (seen.contains(s.eventId))
            continue;
        seen.insert(s.eventId);
        const QDateTime local = s.time.toLocalTime();
        const QString where = s.deviceName.isEmpty() ? s.deviceUuid : s.deviceName;
        AttendanceDay &d = days[local.date()];
        d.day = local.date();
        if (!d.firstSeen.isValid() || local < d.firstSeen) {
            d.firstSeen = local;
            d.firstDevice = where;
        }
        if (!d.lastSeen.isValid() || local > d.lastSeen) {
            d.lastSeen = local;
            d.lastDevice = where;
        }
        ++d.sightings;
    }
    return days.values();
}

bool writeAttendanceCsv(const QString &personName, const QList<AttendanceDay> &days, QIODevice *out)
{
    QByteArray text = "person,day,first_seen,first_device,last_seen,last_device,sightings\n";
    for (const AttendanceDay &d : days) {
        const QStringList f = {personName, d.day.toString(Qt::ISODate), d.firstSeen.toString(QStringLiteral("HH:mm:ss")),
                               d.firstDevice, d.lastSeen.toString(QStringLiteral("HH:mm:ss")), d.lastDevice,
                               QString::number(d.sightings)};
        text += store::csvLine(f).toUtf8() + '\n';
    }
    return out->write(text) == text.size();
}

} // namespace fd::search
