// "Forget this person" (#13): what an admin does when someone asks to be erased, or
// leaves and must not stay recognisable. The person, their photos and face
// descriptors, their assignments, and (when asked) every event a device or FaceDesk
// matched to them with its face and scene images and its face-index row, go in one
// transaction; then the image files and (PostgreSQL) image rows nobody else names
// any more. Devices lose the person through the sync engine: the person's sync_state
// rows stay behind exactly so that the engine sends the delete to every device that
// holds them, and the engine drops each row when its device confirms.
//
// "No trace" is meant literally on SQLite: the erasing connection turns on
// secure_delete (freed pages are overwritten with zeros, not left for a file reader
// to find) and truncates the write-ahead log afterwards, which also held the rows'
// old bytes; tests/sync checks the database files byte for byte. On PostgreSQL the
// dead rows are physically gone after the next (auto)vacuum, and other desks' local
// image caches keep a copy they fetched until the cache evicts it (see
// docs/ARCHITECTURE.md): both are stated, not hidden.
//
// Without events, the archive's events keep what the device reported (its own
// index_id and picture name), and FaceDesk's own match on them (local_index_id) is
// cleared: the person's face is no longer anywhere in FaceDesk, their sightings are.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace fd::library {

struct ErasureReport {
    QString error;                  // empty: done
    bool found = false;             // the person was in the library
    int photos = 0;
    QList<qint64> eventIds;         // deleted events (their face-index entries go too)
    qint64 filesRemoved = 0;        // photo and event image files
    qint64 blobsDropped = 0;        // PostgreSQL image rows
    int devicesToClear = 0;         // devices the sync engine will delete them from
    bool logTruncated = false;      // SQLite: the write-ahead log held no old bytes after

    bool ok() const { return error.isEmpty(); }
    // For the audit trail: what happened, in counts; never a name, a photo or a face.
    QJsonObject auditDetails() const;
};

class PersonEraser {
public:
    PersonEraser(QSqlDatabase db, QString libraryDir, QString imagesDir)
        : m_db(std::move(db)), m_libraryDir(std::move(libraryDir)), m_imagesDir(std::move(imagesDir)) {}

    ErasureReport erase(qint64 indexId, bool withEvents);

private:
    bool deleteRows(qint64 indexId, bool withEvents, ErasureReport *report, QStringList *photoPaths,
                    QStringList *eventPaths);

    QSqlDatabase m_db;
    QString m_libraryDir;
    QString m_imagesDir;
};

} // namespace fd::library
