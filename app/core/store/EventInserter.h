// Writes one commit group's events (and, on PostgreSQL, their images) with a few
// multi-row INSERTs instead of one statement per row.
//
// Why: with one INSERT per image and one per event, the writer on PostgreSQL was
// latency-bound: 1,058 events/s against 2,173 for pgbench inserting the same rows and
// bytes in the same transactions (500 devices, 20 KB faces). Each statement is a
// round trip and a statement the server parses. Grouping rows cuts that to one
// statement per chunk: at most kEventRows events (37 parameters each) or kBlobRows
// images under kBlobBytes. On PostgreSQL the chunks go through libpq with binary
// images (PostgresExec.h): through QSqlQuery the same chunks reached only 766 events/s
// (the writer copying hex strings), through libpq 1,398 events/s, 73 % of pgbench's
// 1,914 in the same run, with the writer thread at 6 % of a core.
//
// New ids come back through RETURNING, matched to their events by dedup key, never by
// row order (which neither database promises). An event whose key was already there (a
// device's retry, or the same event twice in one group) gets the stored id and
// fresh = false, as before.
#pragma once

#include "EventRecord.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QHash>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <vector>

namespace fd::store {

class EventInserter {
public:
    struct Outcome {
        bool stored = false;
        qint64 id = -1;
        bool fresh = true;     // false: the archive had it already (a retry)
        QString error;         // when !stored
        bool noSpace = false;  // ... because the disk (files or database) is full
    };

    static constexpr int kEventRows = 100;
    static constexpr int kBlobRows = 64;
    static constexpr qsizetype kBlobBytes = 4 * 1024 * 1024;

    // Two steps inside the caller's transaction, one outcome per event in their order.
    // First the images (PostgreSQL only): false with *error when they could not be
    // stored (the transaction is then aborted), every event carrying the error. An
    // event whose files failed carries the file stage's error.
    bool insertImages(QSqlDatabase &db, const std::vector<const EventRecord *> &events, std::vector<Outcome> *out,
                      QSqlError *error);
    // Then, once the caller holds the commit-order lock (lockCommitOrder), the rows of
    // the events that carry no error yet.
    void insertRows(QSqlDatabase &db, const std::vector<const EventRecord *> &events, std::vector<Outcome> *out);

    // Forgets the prepared statements: before their connection closes, or after it reopened.
    void reset();

private:
    using Cache = std::map<int, std::unique_ptr<QSqlQuery>>;
    bool run(QSqlDatabase &db, Cache &cache, int rows, QString (*sqlFor)(int rows, bool postgres),
             const QList<QVariant> &values, std::vector<QList<QByteArray>> *returned, QSqlError *error);
    bool insertBlobs(QSqlDatabase &db, const std::vector<const EventRecord *> &events,
                     const std::vector<size_t> &which, QSqlError *error);
    bool insertEvents(QSqlDatabase &db, const std::vector<const EventRecord *> &events,
                      const std::vector<QString> &keys, const std::vector<size_t> &chunk,
                      QHash<QString, qint64> *newIds, QSqlError *error);
    bool findExisting(QSqlDatabase &db, const QStringList &keys, QHash<QString, qint64> *ids, QSqlError *error);

    Cache m_eventInserts;  // SQLite: prepared statements by row count
    Cache m_blobInserts;
    QString m_connection;
};

} // namespace fd::store
