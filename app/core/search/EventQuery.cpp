#include "EventQuery.h"

#include "store/ArchiveReader.h"
#include "store/SqlDialect.h"

#include <QDir>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QVariant>

namespace fd::search {

namespace {

QString placeholders(qsizetype n)
{
    QStringList q;
    q.reserve(n);
    for (qsizetype i = 0; i < n; ++i)
        q << QStringLiteral("?");
    return q.join(u',');
}

// The score in percent: devices send 0..1 or 0..100 (PROTOCOL.md); NULL scores
// sort as -1, below every real score.
QString scoreKey()
{
    return QStringLiteral("(CASE WHEN e.match_score IS NULL THEN -1 WHEN e.match_score <= 1 "
                          "THEN e.match_score * 100 ELSE e.match_score END)");
}

// The event's list by the one rule (store::eventListSql).
QString listKey()
{
    return store::eventListSql();
}

} // namespace

QString EventQuery::whereClause(const EventFilter &f, QVariantList *values)
{
    QStringList where;
    if (f.from.isValid()) {
        where << QStringLiteral("e.capture_at >= ?");
        *values << f.from.toMSecsSinceEpoch();
    }
    if (f.to.isValid()) {
        where << QStringLiteral("e.capture_at < ?");
        *values << f.to.toMSecsSinceEpoch();
    }
    if (!f.devices.isEmpty()) {
        where << QStringLiteral("e.device_uuid IN (%1)").arg(placeholders(f.devices.size()));
        for (const QString &d : f.devices)
            *values << d;
    }
    if (!f.lists.isEmpty()) {
        // Strangers (0) have no pic_sort at all.
        QStringList parts;
        QList<int> sorts;
        for (int l : f.lists) {
            if (l == 0)
                parts << QStringLiteral("COALESCE(%1, 0) = 0").arg(listKey());
            else
                sorts << l;
        }
        if (!sorts.isEmpty()) {
            parts << QStringLiteral("%1 IN (%2)").arg(listKey(), placeholders(sorts.size()));
            for (int s : sorts)
                *values << s;
        }
        where << QStringLiteral("(%1)").arg(parts.join(QStringLiteral(" OR ")));
    }
    if (!f.indexIds.isEmpty()) {
        where << QStringLiteral("e.index_id IN (%1)").arg(placeholders(f.indexIds.size()));
        for (qint64 id : f.indexIds)
            *values << id;
    }
    const QString person = f.person.trimmed();
    if (!person.isEmpty()) {
        // A library person by name or card (through persons' indexes, then the events'
        // index_id index), or the name a device sent for someone FaceDesk doesn't know.
        where << QStringLiteral(
            "(e.index_id IN (SELECT index_id FROM persons WHERE instr(lower(name), lower(?)) > 0 OR card_no = ?) "
            "OR instr(lower(e.pic_name), lower(?)) > 0)");
        *values << person << person << person;
    }
    if (f.minScore >= 0) {
        where << scoreKey() + QStringLiteral(" >= ?");
        *values << f.minScore;
    }
    if (f.maxScore >= 0) {
        where << QStringLiteral("e.match_score IS NOT NULL AND ") + scoreKey() + QStringLiteral(" <= ?");
        *values << f.maxScore;
    }
    const auto exact = [&](const char *column, int value) {
        if (value >= 0) {
            where << QStringLiteral("e.%1 = ?").arg(QLatin1String(column));
            *values << value;
        }
    };
    exact("gender", f.gender);
    exact("mask", f.mask);
    exact("glasses", f.glasses);
    if (f.minQuality >= 0) {
        where << QStringLiteral("e.quality >= ?");
        *values << f.minQuality;
    }
    if (f.minAge >= 0) {
        where << QStringLiteral("e.age >= ?");
        *values << f.minAge;
    }
    if (f.maxAge >= 0) {
        where << QStringLiteral("e.age <= ?");
        *values << f.maxAge;
    }
    if (f.temperatureWarning)
        where << QStringLiteral("(e.temperature IS NOT NULL AND e.warning_temperature IS NOT NULL "
                                "AND e.temperature >= e.warning_temperature)");
    if (f.ack == EventFilter::Ack::Acknowledged)
        where << QStringLiteral("EXISTS (SELECT 1 FROM alert_acks a WHERE a.event_id = e.id)");
    else if (f.ack == EventFilter::Ack::NotAcknowledged)
        where << QStringLiteral("NOT EXISTS (SELECT 1 FROM alert_acks a WHERE a.event_id = e.id)");
    if (f.eventIds) {
        if (f.eventIds->isEmpty()) {
            where << QStringLiteral("FALSE");
        } else {
            // Ids are numbers: inlined, as thousands of bound values would exceed
            // SQLite's variable limit.
            QStringList ids;
            ids.reserve(f.eventIds->size());
            for (qint64 id : *f.eventIds)
                ids << QString::number(id);
            where << QStringLiteral("e.id IN (%1)").arg(ids.join(u','));
        }
    }
    return where.isEmpty() ? QStringLiteral("TRUE") : where.join(QStringLiteral(" AND "));
}

QString EventQuery::pageSql(const EventFilter &filter, EventOrder order, const PageCursor &after, int limit,
                            QVariantList *values) const
{
    QString where = whereClause(filter, values);
    QString orderBy;
    switch (order) {
    case EventOrder::NewestFirst:
        orderBy = QStringLiteral("e.capture_at DESC, e.id DESC");
        if (after.id >= 0) {
            where += QStringLiteral(" AND (e.capture_at, e.id) < (?, ?)");
            *values << after.timeMs << after.id;
        }
        break;
    case EventOrder::OldestFirst:
        orderBy = QStringLiteral("e.capture_at ASC, e.id ASC");
        if (after.id >= 0) {
            where += QStringLiteral(" AND (e.capture_at, e.id) > (?, ?)");
            *values << after.timeMs << after.id;
        }
        break;
    case EventOrder::BestScoreFirst:
        orderBy = scoreKey() + QStringLiteral(" DESC, e.id DESC");
        if (after.id >= 0) {
            where += QStringLiteral(" AND (%1, e.id) < (?, ?)").arg(scoreKey());
            *values << after.score << after.id;
        }
        break;
    }
    return QStringLiteral(
               "SELECT e.id, e.capture_at, e.device_uuid, d.name, e.index_id, COALESCE(p.name, e.pic_name), %5, "
               "%4, e.quality, e.age, e.gender, e.mask, e.glasses, e.temperature, e.face_path, "
               "EXISTS (SELECT 1 FROM alert_acks a WHERE a.event_id = e.id) "
               "FROM events e LEFT JOIN devices d ON d.uuid = e.device_uuid "
               "LEFT JOIN persons p ON p.index_id = e.index_id "
               "WHERE %1 ORDER BY %2 LIMIT %3")
        .arg(where, orderBy)
        .arg(limit)
        .arg(scoreKey(), listKey());
}

EventPage EventQuery::page(const EventFilter &filter, EventOrder order, int pageSize, const PageCursor &after)
{
    EventPage result;
    QVariantList values;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // One row more than asked says whether there is a next page.
    if (!q.prepare(pageSql(filter, order, after, pageSize + 1, &values))) {
        m_error = q.lastError().text();
        return result;
    }
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return result;
    }
    const auto i = [&q](int c) { return q.value(c).isNull() ? -1 : q.value(c).toInt(); };
    const QDir images(m_imagesRoot);
    while (q.next()) {
        if (result.hits.size() == pageSize) {
            result.more = true;
            break;
        }
        EventHit h;
        h.id = q.value(0).toLongLong();
        h.captureTime = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC);
        h.deviceUuid = q.value(2).toString();
        h.deviceName = q.value(3).toString();
        h.indexId = q.value(4).isNull() ? -1 : q.value(4).toLongLong();
        h.personName = q.value(5).toString();
        h.picSort = i(6);
        h.matchScore = q.value(7).isNull() ? -1 : q.value(7).toDouble();
        h.quality = i(8);
        h.age = i(9);
        h.gender = i(10);
        h.mask = i(11);
        h.glasses = i(12);
        h.temperature = q.value(13).isNull() ? -1000 : q.value(13).toDouble();
        h.facePath = q.value(14).isNull() ? QString() : images.filePath(q.value(14).toString());
        h.acknowledged = q.value(15).toBool();
        result.hits.append(h);
    }
    if (!result.hits.isEmpty()) {
        const EventHit &last = result.hits.last();
        result.next = {last.captureTime.toMSecsSinceEpoch(), last.matchScore, last.id};
    }
    return result;
}

qint64 EventQuery::count(const EventFilter &filter, qint64 cap)
{
    QVariantList values;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM events e WHERE %1 LIMIT %2) AS capped")
                  .arg(whereClause(filter, &values))
                  .arg(cap));
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec() || !q.next()) {
        m_error = q.lastError().text();
        return -1;
    }
    return q.value(0).toLongLong();
}

QStringList EventQuery::plan(const EventFilter &filter, EventOrder order)
{
    QVariantList values;
    QSqlQuery q(m_db);
    // SQLite's plan has a row per step with the words in column 3; PostgreSQL's a line per row.
    const bool sqlite = store::backendOf(m_db) == store::Backend::Sqlite;
    QString sql = pageSql(filter, order, {}, 50, &values);
    QStringList steps;
    bool ok = false;
    if (sqlite) {
        q.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + sql);
        for (const QVariant &v : values)
            q.addBindValue(v);
        ok = q.exec();
    } else {
        // PostgreSQL cannot PREPARE an EXPLAIN: the values go in as literals.
        for (const QVariant &v : values) {
            QSqlField field(QString(), v.metaType());
            field.setValue(v);
            sql.replace(sql.indexOf(u'?'), 1, m_db.driver()->formatValue(field));
        }
        ok = q.exec(QStringLiteral("EXPLAIN ") + sql);
    }
    if (!ok) {
        m_error = q.lastError().text();
        return steps;
    }
    while (q.next())
        steps << q.value(sqlite ? 3 : 0).toString().trimmed();
    return steps;
}

} // namespace fd::search
