// One statement on a QPSQL connection through libpq itself, with its bytea parameters
// sent as binary. Only the writer's bulk inserts (store/EventInserter) use it.
//
// Why: Qt's PostgreSQL driver sends every bound value inside the text of an EXECUTE:
// a 20 KB face becomes 40 KB of hex, widened to 80 KB of UTF-16, concatenated with the
// other rows' and converted back to UTF-8 before libpq copies it once more. Profiled
// under the ingest benchmark (500 devices, 20 KB faces, multi-row inserts through
// QSqlQuery) the writer thread spent 56 % of its time in memmove and the page faults
// of those strings' fresh pages, and committed 766 events/s against pgbench's 1,983.
// PQexecParams with binary parameters sends the image bytes as they are. libpq is the
// library Qt's driver already loads; the connection, its transaction and its session
// settings stay Qt's (the statement runs inside the caller's transaction).
#pragma once

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QSqlError>
#include <QVariant>

#include <vector>

namespace fd::store {

// "$1,$2,...": PostgreSQL's positional parameters, from `first` on.
QString postgresPlaceholders(int first, int count);

// Runs sql (parameters written $1, $2, ...) with these values: QByteArray as binary
// bytea, null QVariants as NULL, numbers and text as text. Rows the statement returns
// go to *rows (each column as text) when rows is given. False with *error (its
// nativeErrorCode the SQLSTATE, as QPSQL gives it) when the statement failed or the
// connection is not a QPSQL one.
bool execPostgres(QSqlDatabase &db, const QByteArray &sql, const QList<QVariant> &values,
                  std::vector<QList<QByteArray>> *rows, QSqlError *error);

} // namespace fd::store
