#include "ArchiveReader.h"

#include "ScopedConnection.h"

#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace fd::store {

namespace {

QString text(const QVariant &v)
{
    return v.isNull() ? QString() : v.toString();
}

} // namespace

QList<DeviceRow> loadDevices(QSqlDatabase &db, QString *error)
{
    QList<DeviceRow> rows;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT uuid, mac, device_type, name, host, soft_version, state, first_seen, last_seen, "
                               "heartbeat_interval, online FROM devices ORDER BY uuid"))) {
        *error = q.lastError().text();
        return rows;
    }
    while (q.next()) {
        DeviceRow r;
        r.uuid = q.value(0).toString();
        r.mac = text(q.value(1));
        r.deviceType = q.value(2).isNull() ? -1 : q.value(2).toInt();
        r.name = text(q.value(3));
        r.host = text(q.value(4));
        r.softVersion = text(q.value(5));
        r.state = q.value(6).toString();
        r.firstSeen = q.value(7).toLongLong();
        r.lastSeen = q.value(8).toLongLong();
        r.heartbeatInterval = q.value(9).toInt();
        r.online = q.value(10).toInt() != 0;
        rows.append(r);
    }
    return rows;
}

QString listName(const QVariant &picSort)
{
    if (picSort.isNull())
        return {};
    switch (picSort.toInt()) {
    case 1: return QStringLiteral("blacklist");
    case 2: return QStringLiteral("whitelist");
    case 3: return QStringLiteral("VIP");
    case 4: return QStringLiteral("custom");
    default: return QStringLiteral("list %1").arg(picSort.toInt());
    }
}

QString eventListSql()
{
    return QStringLiteral("COALESCE((SELECT fl.pic_sort FROM persons fp JOIN face_lists fl ON fl.id = fp.list_id "
                          "WHERE fp.index_id = e.index_id), NULLIF(e.pic_sort, 0), "
                          "CASE WHEN e.index_id IS NOT NULL THEN 4 END)");
}

// Events link to library persons by index_id: FaceDesk allocates the ids it syncs
// to devices, so a device's match names our person; the library's current name
// wins over the pic_name the device sent (which may be stale or a file name).
namespace {

// One row of the events query below as the event's details.
EventDetails eventOf(const QSqlQuery &q, const QString &imagesRoot)
{
    const auto i = [&q](int c) { return q.value(c).isNull() ? -1 : q.value(c).toInt(); };
    const auto path = [&q, &imagesRoot](int c) {
        return q.value(c).isNull() ? QString() : QDir(imagesRoot).filePath(q.value(c).toString());
    };
    EventDetails e;
    e.id = q.value(0).toLongLong();
    e.captureTime = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC);
    e.receivedAt = QDateTime::fromMSecsSinceEpoch(q.value(2).toLongLong(), Qt::UTC);
    e.deviceUuid = q.value(3).toString();
    e.deviceName = text(q.value(4));
    e.method = q.value(5).toString();
    e.channel = i(6);
    e.indexId = q.value(7).isNull() ? -1 : q.value(7).toLongLong();
    e.picSort = i(8);
    e.picName = text(q.value(9));
    e.matchScore = q.value(10).isNull() ? -1 : q.value(10).toDouble();
    if (!q.value(11).isNull())
        e.position = QRect(i(11), i(12), i(13), i(14));
    e.quality = i(15);
    e.visitCount = i(16);
    e.age = i(17);
    e.gender = i(18);
    e.glasses = i(19);
    e.mask = i(20);
    e.beard = i(21);
    e.race = i(22);
    e.emotion = i(23);
    e.temperature = q.value(24).isNull() ? -1000 : q.value(24).toDouble();
    e.warningTemperature = q.value(25).isNull() ? -1000 : q.value(25).toDouble();
    e.warningType = text(q.value(26));
    e.imageName = text(q.value(27));
    e.facePath = path(28);
    e.scenePath = path(29);
    e.featureDims = i(30);
    e.devicePicSort = i(31);
    e.localIndexId = q.value(32).isNull() ? -1 : q.value(32).toLongLong();
    e.localPersonName = text(q.value(33));
    e.localDistance = q.value(34).isNull() ? -1 : q.value(34).toDouble();
    e.matchedByDesk = q.value(35).toInt() != 0;
    return e;
}

} // namespace

QList<EventDetails> loadEvents(QSqlDatabase &db, const QList<qint64> &ids, const QString &imagesRoot, QString *error)
{
    QList<EventDetails> out;
    if (ids.isEmpty())
        return out;
    QStringList marks;
    for (qsizetype i = 0; i < ids.size(); ++i)
        marks << QStringLiteral("?");
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "SELECT e.id, e.capture_at, e.received_at, e.device_uuid, d.name, e.method, e.channel, e.index_id, "
        "%1, "  // the list, by the wall's rule: an alert and its detail agree
        "COALESCE(p.name, e.pic_name), e.match_score, e.pos_x, e.pos_y, e.pos_w, e.pos_h, e.quality, e.visit_count, e.age, e.gender, "
        "e.glasses, e.mask, e.beard, e.race, e.emotion, e.temperature, e.warning_temperature, e.warning_type, "
        "e.img_name, e.face_path, e.scene_path, e.feature_dims, e.pic_sort, "
        "e.local_index_id, (SELECT lp.name FROM persons lp WHERE lp.index_id = e.local_index_id), e.local_distance, "
        "e.matched_by_desk "
        "FROM events e LEFT JOIN devices d ON d.uuid = e.device_uuid LEFT JOIN persons p ON p.index_id = e.index_id "
        "WHERE e.id IN (%2) ORDER BY e.id")
                  .arg(eventListSql(), marks.join(QLatin1Char(','))));
    for (qint64 id : ids)
        q.addBindValue(id);
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return out;
    }
    while (q.next())
        out.append(eventOf(q, imagesRoot));
    return out;
}

std::optional<EventDetails> loadEvent(QSqlDatabase &db, qint64 id, const QString &imagesRoot)
{
    const QList<EventDetails> one = loadEvents(db, {id}, imagesRoot);
    return one.isEmpty() ? std::nullopt : std::optional<EventDetails>(one.first());
}

QList<DeviceRow> loadDevices(const DatabaseConfig &config, QString *error)
{
    ScopedConnection connection(config, QStringLiteral("load-devices"));
    if (!connection.isOpen()) {
        if (error)
            *error = connection.error();
        return {};
    }
    return loadDevices(connection.db(), error);
}

QHash<QString, qint64> eventCountsSince(QSqlDatabase &db, const QDateTime &since)
{
    QHash<QString, qint64> counts;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT device_uuid, COUNT(*) FROM events WHERE capture_at >= ? GROUP BY device_uuid"));
    q.addBindValue(since.toMSecsSinceEpoch());
    if (q.exec())
        while (q.next())
            counts.insert(q.value(0).toString(), q.value(1).toLongLong());
    return counts;
}

QStringList exportColumns()
{
    return {QStringLiteral("event_id"), QStringLiteral("time"), QStringLiteral("received_at"),
            QStringLiteral("device_uuid"), QStringLiteral("device_name"), QStringLiteral("method"),
            QStringLiteral("channel"), QStringLiteral("index_id"), QStringLiteral("person_name"),
            QStringLiteral("list"), QStringLiteral("score"), QStringLiteral("quality"), QStringLiteral("age"),
            QStringLiteral("gender"), QStringLiteral("mask"), QStringLiteral("glasses"), QStringLiteral("beard"),
            QStringLiteral("race"), QStringLiteral("emotion"), QStringLiteral("temperature"),
            QStringLiteral("warning_temperature"), QStringLiteral("img_name"), QStringLiteral("thumbnail_path"),
            QStringLiteral("background_path")};
}

QString csvField(const QString &value)
{
    QString v = value;
    if (!v.isEmpty() && (v[0] == u'=' || v[0] == u'+' || v[0] == u'-' || v[0] == u'@' || v[0] == u'\t' || v[0] == u'\r')) {
        bool numeric = false;
        v.toDouble(&numeric);
        if (!numeric)
            v.prepend(u'\'');
    }
    if (v.contains(u',') || v.contains(u'"') || v.contains(u'\n') || v.contains(u'\r'))
        v = u'"' + v.replace(u'"', QStringLiteral("\"\"")) + u'"';
    return v;
}

QString csvLine(const QStringList &fields)
{
    QString line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            line += u',';
        line += csvField(fields[i]);
    }
    return line;
}

qint64 exportEventsCsv(QSqlDatabase &db, QIODevice *out, const QDateTime &from, const QDateTime &to,
                       const QString &imagesRoot, QString *error)
{
    QString sql = QStringLiteral(
        "SELECT e.id, e.capture_at, e.received_at, e.device_uuid, d.name, e.method, e.channel, e.index_id, "
        "COALESCE(p.name, e.pic_name), %1, "
        "e.match_score, e.quality, e.age, e.gender, e.mask, e.glasses, e.beard, e.race, "
        "e.emotion, e.temperature, e.warning_temperature, e.img_name, e.face_path, e.scene_path "
        "FROM events e LEFT JOIN devices d ON d.uuid = e.device_uuid LEFT JOIN persons p ON p.index_id = e.index_id WHERE 1=1")
                      .arg(eventListSql());
    if (from.isValid())
        sql += QStringLiteral(" AND e.capture_at >= :from");
    if (to.isValid())
        sql += QStringLiteral(" AND e.capture_at < :to");
    sql += QStringLiteral(" ORDER BY e.capture_at, e.id");
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    if (from.isValid())
        q.bindValue(QStringLiteral(":from"), from.toMSecsSinceEpoch());
    if (to.isValid())
        q.bindValue(QStringLiteral(":to"), to.toMSecsSinceEpoch());
    if (!q.exec()) {
        *error = q.lastError().text();
        return -1;
    }
    const QDir images(imagesRoot);
    out->write(exportColumns().join(u',').toUtf8() + '\n');
    qint64 rows = 0;
    while (q.next()) {
        QStringList f;
        f << text(q.value(0))
          << QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC).toString(Qt::ISODateWithMs)
          << QDateTime::fromMSecsSinceEpoch(q.value(2).toLongLong(), Qt::UTC).toString(Qt::ISODateWithMs);
        for (int c = 3; c <= 8; ++c)
            f << text(q.value(c));
        f << listName(q.value(9));
        for (int c = 10; c <= 21; ++c)
            f << text(q.value(c));
        f << (q.value(22).isNull() ? QString() : images.filePath(q.value(22).toString()))
          << (q.value(23).isNull() ? QString() : images.filePath(q.value(23).toString()));
        out->write((csvLine(f) + u'\n').toUtf8());
        ++rows;
    }
    return rows;
}

} // namespace fd::store
