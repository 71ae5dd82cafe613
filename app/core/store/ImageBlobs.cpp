#include "ImageBlobs.h"

#include "ImageStore.h"
#include "SqlDialect.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QVariant>

namespace fd::store {

bool imagesInDatabase(const QSqlDatabase &db)
{
    return backendOf(db) == Backend::Postgres;
}

QString imageKeyOf(const QString &path)
{
    static const QRegularExpression sha256(QStringLiteral("^[0-9a-f]{64}$"));
    const QString name = QFileInfo(path).completeBaseName();
    return sha256.match(name).hasMatch() ? name : QString();
}

bool ImageBlobWriter::put(QSqlDatabase &db, const QString &key, const QByteArray &bytes, qint64 nowMs, QString *error)
{
    if (!m_insert || m_connection != db.connectionName()) {
        m_insert = std::make_unique<QSqlQuery>(db);
        m_connection = db.connectionName();
        if (!m_insert->prepare(QStringLiteral("INSERT INTO image_blobs (hash, bytes, stored_at) VALUES (?, ?, ?) "
                                              "ON CONFLICT (hash) DO NOTHING"))) {
            *error = m_insert->lastError().text();
            m_insert.reset();
            return false;
        }
    }
    m_insert->bindValue(0, key);
    m_insert->bindValue(1, bytes);
    m_insert->bindValue(2, nowMs);
    if (!m_insert->exec()) {
        *error = QStringLiteral("image %1 not stored in the database: %2").arg(key, m_insert->lastError().text());
        return false;
    }
    return true;
}

QSqlError ImageBlobWriter::lastError() const
{
    return m_insert ? m_insert->lastError() : QSqlError();
}

QByteArray fetchImageBlob(QSqlDatabase &db, const QString &key, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT bytes FROM image_blobs WHERE hash = ?"));
    q.addBindValue(key);
    if (!q.exec()) {
        *error = QStringLiteral("cannot read image %1 from the database: %2").arg(key, q.lastError().text());
        return {};
    }
    if (!q.next()) {
        *error = QStringLiteral("the database holds no image %1").arg(key);
        return {};
    }
    return q.value(0).toByteArray();
}

bool hasImageBlob(QSqlDatabase &db, const QString &key)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT 1 FROM image_blobs WHERE hash = ?"));
    q.addBindValue(key);
    return q.exec() && q.next();
}

qint64 dropUnreferencedBlobs(QSqlDatabase &db, const QStringList &paths)
{
    QSqlQuery drop(db);
    drop.prepare(QStringLiteral(
        "DELETE FROM image_blobs WHERE hash = ? "
        "AND NOT EXISTS (SELECT 1 FROM events WHERE face_path = ? OR scene_path = ?) "
        "AND NOT EXISTS (SELECT 1 FROM person_photos WHERE path = ?)"));
    qint64 dropped = 0;
    for (const QString &path : paths) {
        const QString key = imageKeyOf(path);
        if (key.isEmpty())
            continue;
        for (const QVariant &v : {QVariant(key), QVariant(path), QVariant(path), QVariant(path)})
            drop.addBindValue(v);
        if (drop.exec())
            dropped += drop.numRowsAffected();
    }
    return dropped;
}

qint64 removeUnreferencedImages(QSqlDatabase &db, ImageStore &files, const QStringList &paths, qint64 *blobsDropped)
{
    if (imagesInDatabase(db))
        *blobsDropped += dropUnreferencedBlobs(db, paths);
    QSqlQuery still(db);
    still.prepare(QStringLiteral("SELECT 1 WHERE EXISTS (SELECT 1 FROM events WHERE face_path = ? OR scene_path = ?) "
                                 "OR EXISTS (SELECT 1 FROM person_photos WHERE path = ?)"));
    qint64 removed = 0;
    for (const QString &path : paths) {
        for (int i = 0; i < 3; ++i)
            still.addBindValue(path);
        if (still.exec() && !still.next() && files.remove(path))
            ++removed;
    }
    return removed;
}

} // namespace fd::store
