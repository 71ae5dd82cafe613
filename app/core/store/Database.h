// Where the archive lives and how to open it. SQLite (QSQLITE, WAL) in the data
// folder is the embedded default; the schema is migrated on open.
#pragma once

#include <QSqlDatabase>
#include <QString>

namespace fd::store {

struct DatabaseConfig {
    QString dataDir;           // images/ and facedesk.sqlite live here
    bool fullSync = false;     // synchronous=FULL: survive power loss, not only crashes

    QString sqlitePath() const;
    QString imagesDir() const;
    // Library photos live apart from event images: retention never touches them.
    QString libraryDir() const;
};

// Opens (creating and migrating as needed) a connection with this name for the
// calling thread. Every thread that touches the archive opens its own.
QSqlDatabase openDatabase(const DatabaseConfig &config, const QString &connectionName, QString *error);

// Runs one statement; false with *error (the statement and SQLite's words) if it fails.
bool execStatement(QSqlDatabase &db, const QString &sql, QString *error);

// The schema version this build writes.
int schemaVersion();

// Moves an open archive's schema up to `version` and no further, one transaction a
// step; an archive newer than this build is refused untouched. openDatabase() takes
// every archive to schemaVersion(); the migration tests stop earlier to make an
// archive as each earlier FaceDesk left it (steps are never edited once shipped).
bool migrateTo(QSqlDatabase &db, int version, QString *error);

} // namespace fd::store
