#include "PersonEraser.h"

#include "store/Database.h"
#include "store/ImageBlobs.h"
#include "store/ImageStore.h"
#include "store/SqlDialect.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

namespace fd::library {

namespace {

// The non-empty text columns of every row (after the id in column 0, when ids is given).
bool columns(QSqlDatabase &db, const QString &sql, const QVariantList &bound, QStringList *out, QString *error,
             QList<qint64> *ids = nullptr)
{
    QSqlQuery q(db);
    q.prepare(sql);
    for (const QVariant &v : bound)
        q.addBindValue(v);
    if (!q.exec())
        return *error = q.lastError().text(), false;
    while (q.next()) {
        if (ids)
            *ids << q.value(0).toLongLong();
        for (int c = ids ? 1 : 0; c < q.record().count(); ++c)
            if (!q.value(c).isNull() && !q.value(c).toString().isEmpty())
                *out << q.value(c).toString();
    }
    return true;
}

} // namespace

QJsonObject ErasureReport::auditDetails() const
{
    return {{QStringLiteral("photos"), photos}, {QStringLiteral("events"), int(eventIds.size())},
            {QStringLiteral("files_removed"), filesRemoved}, {QStringLiteral("image_rows_dropped"), blobsDropped},
            {QStringLiteral("devices_to_clear"), devicesToClear}};
}

ErasureReport PersonEraser::erase(qint64 indexId, bool withEvents)
{
    ErasureReport report;
    const bool sqlite = store::backendOf(m_db) == store::Backend::Sqlite;
    QSqlQuery pragma(m_db);
    if (sqlite)
        pragma.exec(QStringLiteral("PRAGMA secure_delete = ON"));
    QStringList photoPaths, eventPaths;
    const bool deleted = deleteRows(indexId, withEvents, &report, &photoPaths, &eventPaths);
    if (sqlite)
        pragma.exec(QStringLiteral("PRAGMA secure_delete = FAST"));  // every connection's setting (SqlDialect)
    if (!deleted)
        return report;
    store::ImageStore photos(m_libraryDir), images(m_imagesDir);
    report.filesRemoved = store::removeUnreferencedImages(m_db, photos, photoPaths, &report.blobsDropped)
                        + store::removeUnreferencedImages(m_db, images, eventPaths, &report.blobsDropped);
    // The log held the rows' old pages; a checkpoint that truncates it leaves none
    // (busy = 0 when no reader kept it from finishing).
    if (sqlite && pragma.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) && pragma.next())
        report.logTruncated = pragma.value(0).toInt() == 0;
    return report;
}

bool PersonEraser::deleteRows(qint64 indexId, bool withEvents, ErasureReport *report, QStringList *photoPaths,
                              QStringList *eventPaths)
{
    if (!store::beginWrite(m_db))
        return report->error = m_db.lastError().text(), false;
    QSqlQuery q(m_db);
    const auto fail = [&](const QSqlQuery &failed) {
        report->error = failed.lastError().text();
        m_db.rollback();
        return false;
    };
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM persons WHERE index_id = ?"));
    q.addBindValue(indexId);
    if (!q.exec() || !q.next())
        return fail(q);
    report->found = q.value(0).toInt() > 0;
    q.finish();
    const auto rolledBack = [&] {
        m_db.rollback();
        return false;
    };
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM sync_state WHERE index_id = ? AND (confirmed_revision > 0 OR may_hold = 1)"));
    q.addBindValue(indexId);
    if (!q.exec() || !q.next())
        return fail(q);
    report->devicesToClear = q.value(0).toInt();
    const QString id = QString::number(indexId);
    // What goes is read from the deletions themselves (RETURNING: SQLite 3.35, Debian
    // 12 has 3.40): on PostgreSQL each statement sees rows committed meanwhile, so an
    // event a device stored between a SELECT and the DELETE would go without its images.
    const QString theirs = QStringLiteral("index_id = %1 OR local_index_id = %1 ").arg(id);
    QStringList statements{QStringLiteral("DELETE FROM assignments WHERE index_id = %1").arg(id)};
    if (withEvents)
        statements << QStringLiteral("DELETE FROM alert_acks WHERE event_id IN (SELECT id FROM events WHERE %1)").arg(theirs)
                   << QStringLiteral("DELETE FROM local_features WHERE event_id IN (SELECT id FROM events WHERE %1)").arg(theirs);
    else  // FaceDesk's own matches on them go; what a device reported stays
        statements << QStringLiteral("UPDATE events SET index_id = CASE WHEN matched_by_desk = 1 THEN NULL ELSE index_id END, "
                                     "local_index_id = NULL, local_distance = NULL, matched_by_desk = 0 "
                                     "WHERE local_index_id = %1 OR (matched_by_desk = 1 AND index_id = %1)").arg(id);
    for (const QString &statement : statements)
        if (!q.exec(statement))
            return fail(q);
    if (!columns(m_db, QStringLiteral("DELETE FROM person_photos WHERE index_id = ? RETURNING path"), {indexId}, photoPaths,
                 &report->error))
        return rolledBack();
    report->photos = int(photoPaths->size());
    if (withEvents
        && !columns(m_db, QStringLiteral("DELETE FROM events WHERE %1 RETURNING id, face_path, scene_path").arg(theirs), {},
                    eventPaths, &report->error, &report->eventIds))
        return rolledBack();
    if (!q.exec(QStringLiteral("DELETE FROM persons WHERE index_id = %1").arg(id)))
        return fail(q);
    if (!m_db.commit())
        return report->error = m_db.lastError().text(), m_db.rollback(), false;
    return true;
}

} // namespace fd::library
