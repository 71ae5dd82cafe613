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
#include <QString>
#include <QStringList>

namespace fd::store {

enum class Backend { Sqlite, Postgres };

Backend backendOf(const QSqlDatabase &db);

// One SQLite statement (as Database.cpp splits a migration) as the PostgreSQL
// statements that do the same: INTEGER becomes BIGINT (times are milliseconds), REAL
// DOUBLE PRECISION, BLOB BYTEA, an `id` or `index_id` INTEGER PRIMARY KEY a BIGSERIAL,
// an index on `x COLLATE NOCASE` one on lower(x), and a trigger with an inline body a
// plpgsql function plus a trigger that runs it for each row.
QStringList postgresStatements(const QString &sqliteStatement);

// Statements PostgreSQL runs after migration step `step` (1-based) and SQLite does not
// need: a serial column's sequence moved past the ids a step inserted by hand.
QStringList postgresAfterStep(int step);

// Functions PostgreSQL lacks and FaceDesk's queries use, created (or replaced) before
// the first migration step: instr(haystack, needle) as SQLite defines it.
QStringList postgresCompatibility();

// Connection settings run on every new connection.
QStringList sessionSetup(Backend backend, bool fullSync);

} // namespace fd::store
