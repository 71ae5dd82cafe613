// Image bytes in the site's PostgreSQL (#12, item 2): a desk on another PC has no
// share of the collector's disk, so the collector stores each event image (and the
// library each photo) in the table image_blobs as well as in its own folder, in the
// same transaction as the row that names it: a committed event always has its face
// in the database. Keyed by the SHA-256 the file name already holds, so images stay
// content-addressed and deduplicated across collectors as on one PC. SQLite archives
// keep images as files only (their table stays empty): one PC has one disk.
//
// Readers never query here themselves: they read files, and store/ImageCache fetches
// a missing one from this table into the desk's bounded local cache.
#pragma once

#include <QByteArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include <memory>

namespace fd::store {

// Whether images of this archive live in the database (PostgreSQL) or only as files.
bool imagesInDatabase(const QSqlDatabase &db);

// The key of a stored image: the hash its file name holds ("3fa/3fa2...c1.jpg" gives
// "3fa2...c1"); empty when the name is no SHA-256 (those images are never in the table).
QString imageKeyOf(const QString &path);

// Inserts an image's bytes unless the key is there already, inside the caller's
// transaction. Prepared once per writer: the statement is kept between calls.
class ImageBlobWriter {
public:
    bool put(QSqlDatabase &db, const QString &key, const QByteArray &bytes, qint64 nowMs, QString *error);
    // Forgets the prepared statement: before its connection is closed, or after it was reopened.
    void reset() { m_insert.reset(); }
    // The database's own error of the last put that failed (a full disk is told by its code).
    QSqlError lastError() const;

private:
    std::unique_ptr<QSqlQuery> m_insert;
    QString m_connection;
};

// The bytes stored under key; empty with *error when there are none or the query failed.
QByteArray fetchImageBlob(QSqlDatabase &db, const QString &key, QString *error);

// Whether the database holds the image (false also when it cannot be asked).
bool hasImageBlob(QSqlDatabase &db, const QString &key);

// Deletes the rows of these images (relative paths as events and library photos name
// them) that no event and no library photo names any more. Returns how many went.
qint64 dropUnreferencedBlobs(QSqlDatabase &db, const QStringList &paths);

class ImageStore;

// After a deletion: the images it named (relative paths) that no event and no library
// photo names any more lose their database rows (PostgreSQL) and their files under
// `files`' folder (content-named files can be shared: only the last user's going frees
// one). Retention and "forget this person" both end with it. Returns the files removed.
qint64 removeUnreferencedImages(QSqlDatabase &db, ImageStore &files, const QStringList &paths, qint64 *blobsDropped);

} // namespace fd::store
