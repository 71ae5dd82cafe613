// Moving a one-PC archive up to a site's PostgreSQL (#12, item 6; `facedesk migrate`):
// every table's rows copied from the SQLite archive into the PostgreSQL one, in pages,
// each page an upsert in one transaction, so that a copy that stopped (a dropped
// network, Ctrl-C) simply runs again: rows already there are written over with the
// same values, none twice. The source's row wins where the new archive seeded one of
// its own (the named lists, the change counters). At the end the sequences move past
// the copied ids and every table is counted on both sides.
//
// Images are not copied: they stay as files in the data folder, which the collector
// keeps using with --database (#12 will move them into the database).
#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>

namespace fd::store {

struct TableCount {
    QString table;
    qint64 source = 0;
    qint64 target = 0;
};

struct ArchiveCopyResult {
    bool completed = false;  // every table copied (counts still to be compared)
    QString error;           // why not, when it stopped on an error
    QList<TableCount> counts;
    bool countsMatch() const;
};

// Called after every page: the table, rows copied so far and its total. Returning
// false stops the copy there (what was committed stays).
using CopyProgress = std::function<bool(const QString &table, qint64 done, qint64 total)>;

// Both archives must be at the current schema version (openDatabase does that).
ArchiveCopyResult copyArchive(QSqlDatabase &source, QSqlDatabase &target, const CopyProgress &progress = {},
                              int pageRows = 1000);

} // namespace fd::store
