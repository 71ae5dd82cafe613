#include "FeatureStore.h"

#include "store/VectorBlob.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace fd::match {

FeatureStore::FeatureStore(QSqlDatabase db) : m_db(std::move(db)) {}

FeatureStore::~FeatureStore() = default;

bool FeatureStore::fail(const QSqlQuery &q)
{
    m_error = q.lastError().text();
    return false;
}

bool FeatureStore::put(const QList<StoredFeature> &rows)
{
    m_error.clear();
    if (rows.isEmpty())
        return true;
    if (!m_db.transaction()) {
        m_error = m_db.lastError().text();
        return false;
    }
    // INSERT ... SELECT ... WHERE EXISTS: an event that retention deleted while its
    // feature was computed would otherwise fail the foreign key and the whole batch.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO local_features (event_id, kind, dims, vector, face_x, face_y, face_w, face_h) "
        "SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM events WHERE id = ?) "
        "ON CONFLICT(event_id) DO UPDATE SET kind = excluded.kind, dims = excluded.dims, "
        "vector = excluded.vector, face_x = excluded.face_x, face_y = excluded.face_y, "
        "face_w = excluded.face_w, face_h = excluded.face_h"));
    for (const StoredFeature &row : rows) {
        const bool face = row.hasFace() && !row.face.isEmpty();
        const QList<QVariant> values = {
            row.eventId, row.kind, int(row.values.size()), store::vectorToBlob(row.values),
            face ? QVariant(row.face.x()) : QVariant(), face ? QVariant(row.face.y()) : QVariant(),
            face ? QVariant(row.face.width()) : QVariant(), face ? QVariant(row.face.height()) : QVariant(),
            row.eventId};
        for (int i = 0; i < values.size(); ++i)
            q.bindValue(i, values[i]);
        if (!q.exec()) {
            fail(q);
            m_db.rollback();
            return false;
        }
    }
    if (!m_db.commit()) {
        m_error = m_db.lastError().text();
        m_db.rollback();
        return false;
    }
    return true;
}

std::optional<StoredFeature> FeatureStore::get(qint64 eventId)
{
    m_error.clear();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "SELECT kind, dims, vector, face_x, face_y, face_w, face_h FROM local_features WHERE event_id = ?"));
    q.addBindValue(eventId);
    if (!q.exec()) {
        fail(q);
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    StoredFeature row;
    row.eventId = eventId;
    row.kind = q.value(0).toString();
    row.values = store::vectorFromBlob(q.value(2).toByteArray(), q.value(1).toInt());
    if (!q.value(5).isNull())
        row.face = QRect(q.value(3).toInt(), q.value(4).toInt(), q.value(5).toInt(), q.value(6).toInt());
    return row;
}

bool FeatureStore::fetch(qint64 eventId, const QString &kind, QVector<float> &out)
{
    m_error.clear();
    if (!m_fetch) {
        m_fetch = std::make_unique<QSqlQuery>(m_db);
        m_fetch->prepare(QStringLiteral(
            "SELECT dims, vector FROM local_features WHERE event_id = ? AND kind = ? AND dims > 0"));
    }
    m_fetch->bindValue(0, eventId);
    m_fetch->bindValue(1, kind);
    if (!m_fetch->exec())
        return fail(*m_fetch);
    const bool found = m_fetch->next();
    if (found)
        out = store::vectorFromBlob(m_fetch->value(1).toByteArray(), m_fetch->value(0).toInt());
    m_fetch->finish();
    return found && !out.isEmpty();
}

QList<PendingFace> FeatureStore::pending(const QString &kind, int limit, qint64 beforeId)
{
    m_error.clear();
    QList<PendingFace> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // Walks events by id downwards (the primary key) and probes local_features by its
    // primary key: a batch costs its own rows, not the archive's size.
    q.prepare(QStringLiteral(
        "SELECT e.id, e.face_path FROM events e LEFT JOIN local_features f ON f.event_id = e.id "
        "WHERE e.id < ? AND e.face_path IS NOT NULL AND e.face_path <> '' "
        "AND (f.event_id IS NULL OR f.kind <> ?) ORDER BY e.id DESC LIMIT ?"));
    q.addBindValue(beforeId);
    q.addBindValue(kind);
    q.addBindValue(limit);
    if (!q.exec()) {
        fail(q);
        return out;
    }
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toString()});
    return out;
}

qint64 FeatureStore::countPending(const QString &kind)
{
    m_error.clear();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "SELECT COUNT(*) FROM events e LEFT JOIN local_features f ON f.event_id = e.id "
        "WHERE e.face_path IS NOT NULL AND e.face_path <> '' AND (f.event_id IS NULL OR f.kind <> ?)"));
    q.addBindValue(kind);
    if (!q.exec() || !q.next()) {
        fail(q);
        return -1;
    }
    return q.value(0).toLongLong();
}

qint64 FeatureStore::count(const QString &kind, bool withFaceOnly)
{
    m_error.clear();
    QSqlQuery q(m_db);
    q.prepare(withFaceOnly ? QStringLiteral("SELECT COUNT(*) FROM local_features WHERE kind = ? AND dims > 0")
                           : QStringLiteral("SELECT COUNT(*) FROM local_features WHERE kind = ?"));
    q.addBindValue(kind);
    if (!q.exec() || !q.next()) {
        fail(q);
        return -1;
    }
    return q.value(0).toLongLong();
}

} // namespace fd::match
