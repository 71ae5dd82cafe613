// Moving a one-PC archive up to a site's PostgreSQL (#12, item 6; `facedesk migrate`):
// every table's rows copied from the SQLite archive into the PostgreSQL one, in pages,
// each page an upsert in one transaction, so that a copy that stopped (a dropped
// network, Ctrl-C) simply runs again: rows already there are written over with the
// same values, none twice. The source's row wins where the new archive seeded one of
// its own (the named lists, the change counters). At the end the sequences move past
// the copied ids and every table is counted on both sides.
//
// Then the images every event and library photo names, from the data folder's files
// into the database's image_blobs (checked against their hashes on the way; those
// there already are skipped), counted as the pseudo-table "images": the desks of the
// site read them from there. The folder stays, as this PC's cache.
#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>

namespace fd::store {

struct DatabaseConfig;

struct TableCount {
    QString table;
    qint64 source = 0;
    qint64 target = 0;
};

struct ArchiveCopyResult {
    bool completed = false;  // every table copied (counts still to be compared)
    QString error;           // why not, when it stopped on an error
    QList<TableCount> counts;  // every table, then "images"
    QStringList missingImages; // why each image that could not be copied was not (missing, damaged)
    bool countsMatch() const;
};

// Called after every page: the table, rows copied so far and its total. Returning
// false stops the copy there (what was committed stays).
using CopyProgress = std::function<bool(const QString &table, qint64 done, qint64 total)>;

// Both archives must be at the current schema version (openDatabase does that).
// sourceConfig names the data folder whose images and library photos are copied.
ArchiveCopyResult copyArchive(QSqlDatabase &source, QSqlDatabase &target, const DatabaseConfig &sourceConfig,
                              const CopyProgress &progress = {}, int pageRows = 1000);

} // namespace fd::store
