// The one place where FaceDesk's SQL differs between its two backends (#12): SQLite,
// the embedded default, and PostgreSQL, for sites with several desks. Every query
// elsewhere is written once, in the SQL both understand (ON CONFLICT, RETURNING,
// COALESCE, lower(), instr() - which PostgreSQL is given as a function here).
//
// Why translate the migrations rather than keep a second list: the SQLite steps are
// shipped and never edited, and a second hand-written schema drifts. The rules are few
// (measured on the seven steps: four type names, one index on a collation, and the
// trigger bodies SQLite writes inline and PostgreSQL wants as functions), and the
// migration test runs every step on both backends and compares the resulting columns.
#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace fd::store {

enum class Backend { Sqlite, Postgres };

Backend backendOf(const QSqlDatabase &db);

// One SQLite statement (as Database.cpp splits a migration) as the PostgreSQL
// statements that do the same: INTEGER becomes BIGINT (times are milliseconds), REAL
// DOUBLE PRECISION, BLOB BYTEA, an `id` or `index_id` INTEGER PRIMARY KEY a BIGSERIAL,
// an index on `x COLLATE NOCASE` one on lower(x), and a trigger with an inline body a
// plpgsql function plus a trigger that runs it for each row.
QStringList postgresStatements(const QString &sqliteStatement);

// Functions PostgreSQL lacks and FaceDesk's queries use, created (or replaced) before
// the first migration step: instr(haystack, needle) as SQLite defines it.
QStringList postgresCompatibility();

// Statements that only one backend runs after migration step `version` (1-based),
// where the backends protect a table differently: the audit trail (step 9) is
// append-only through triggers on SQLite and through revoked rights on PostgreSQL;
// PostgreSQL stores image bytes uncompressed (step 10), SQLite has no such knob.
QStringList backendOnlyStatements(Backend backend, int version);

// Whether a failed statement or commit failed because the database's disk is full:
// SQLite's SQLITE_FULL (13, the low byte of the extended code Qt gives as text) or
// PostgreSQL's SQLSTATE 53100 (disk_full). Told by codes: the texts are the locale's.
bool isDiskFull(const QSqlError &error, Backend backend);
// PostgreSQL gave up on the transaction for its own reasons (a deadlock, a
// serialization failure, a lock not available): the same work may simply be done again.
bool isTransient(const QSqlError &error, Backend backend);

// A bound value that is NULL when the device did not send the field: negative
// numbers and empty texts mean "absent" throughout the protocol's structs.
inline QVariant orNull(qint64 v) { return v >= 0 ? QVariant(v) : QVariant(); }
inline QVariant orNull(int v) { return v >= 0 ? QVariant(v) : QVariant(); }
inline QVariant orNull(const QString &s) { return s.isEmpty() ? QVariant() : QVariant(s); }
inline QVariant orNull(const std::optional<double> &v) { return v ? QVariant(*v) : QVariant(); }

// Makes ids of events and acknowledgements become visible in the order they were
// taken, across every process writing one PostgreSQL archive: a transaction-long lock
// taken before its first events or acknowledgements row, released by its commit. Why:
// a sequence hands out ids at insert, not at commit, so without it a collector's long
// group could hold id 100 while another collector commits 101 first; the desks' feed
// (ArchiveFeed: "ids above the last one seen") would step over 100 for good, a missed
// blacklist alert. Image rows go in before the lock, so collectors still overlap
// their heavy writes; what waits is the events rows and the commit (a writer waits
// only for other writers' commits). Taken before any device row is locked, so that no
// writer holds a row while it waits. SQLite has one writer: nothing to do there.
bool lockCommitOrder(QSqlDatabase &db, QSqlError *error);

// Connection settings run on every new connection.
QStringList sessionSetup(Backend backend, bool fullSync);

} // namespace fd::store
