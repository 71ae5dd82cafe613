// Where the archive lives and how to open it. SQLite (QSQLITE, WAL) in the data
// folder is the embedded default; a site with several desks shares one PostgreSQL
// (QPSQL, #12) named by `url`. The schema is migrated on open, on PostgreSQL under an
// advisory lock so that two collectors starting at once migrate it once.
#pragma once

#include "SqlDialect.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace fd::store {

struct DatabaseConfig {
    QString dataDir;           // images/ and facedesk.sqlite live here
    QString url;               // postgresql://...: the site's database; empty: SQLite in dataDir
    bool fullSync = false;     // synchronous=FULL: survive power loss, not only crashes
    // PostgreSQL: the bound of this PC's cache of the database's images (store/ImageCache).
    qint64 imageCacheBytes = 2LL * 1024 * 1024 * 1024;

    Backend backend() const;
    // The archive's name for logs and titles: the SQLite file or the URL without secrets.
    QString display() const;

    QString sqlitePath() const;
    QString imagesDir() const;
    // Library photos live apart from event images: retention never touches them.
    QString libraryDir() const;
};

// Opens (creating and migrating as needed) a connection with this name for the
// calling thread. Every thread that touches the archive opens its own. A PostgreSQL
// URL that does not parse fails here with the parser's sentence.
QSqlDatabase openDatabase(const DatabaseConfig &config, const QString &connectionName, QString *error);

// Opens a connection with this name without touching the schema: the session's
// settings only. For looking at an archive as it is (the migration tests).
QSqlDatabase connectDatabase(const DatabaseConfig &config, const QString &connectionName, QString *error);

// Whether the connection still reaches its database (a trivial query answers), and if
// not, one attempt to open it again with the session's settings. A PostgreSQL server
// restarted, or a connection its administrator ended, leaves Qt's connection "open"
// but dead: every statement fails until it is reopened. Copies of the QSqlDatabase
// share the reopened connection; statements prepared on the dead one must be prepared
// again. SQLite's file connection has no such state: true when it is open.
bool reconnectIfLost(QSqlDatabase &db, const DatabaseConfig &config, QString *error);
// PostgreSQL: moves every serial column's sequence past the largest id its table
// holds, after rows were written with their ids (a copied archive, a test's seed), so
// that the next insert never reuses an id. SQLite needs nothing (it takes max()+1).
bool resyncSequences(QSqlDatabase &db, QString *error);

// Begins a transaction that will write. SQLite: BEGIN IMMEDIATE, which takes the write
// lock first (waiting for it as the busy timeout allows): a deferred transaction that
// reads and then writes fails at once, without waiting, when another connection
// committed in between (SQLITE_BUSY_SNAPSHOT; the sync's record of a device's answer
// did, under load, beside the writer's heartbeat rows). PostgreSQL: a plain BEGIN.
// End it with db.commit() or db.rollback() as usual.
bool beginWrite(QSqlDatabase &db);
// Runs one statement; false with *error (the statement and the database's words) if it fails.
bool execStatement(QSqlDatabase &db, const QString &sql, QString *error);

// Runs a prepared `INSERT ... RETURNING id` (values bound) and sets *id to the id it
// returned, or -1 when it returned none (ON CONFLICT DO NOTHING met the row already
// there); false when the statement failed. Both backends: QPSQL has no last insert
// id. The statement is finished before it returns: SQLite keeps a RETURNING statement
// open, and with it the transaction's commit, until then.
bool execReturningId(QSqlQuery &q, qint64 *id);

// The schema version this build writes.
int schemaVersion();

// Moves an open archive's schema up to `version` and no further (SQLite: all steps in
// one IMMEDIATE transaction; PostgreSQL: one transaction a step under an advisory
// lock); an archive newer than this build is refused untouched. openDatabase() takes
// every archive to schemaVersion(); the migration tests stop earlier to make an
// archive as each earlier FaceDesk left it (steps are never edited once shipped).
bool migrateTo(QSqlDatabase &db, int version, QString *error);

} // namespace fd::store
