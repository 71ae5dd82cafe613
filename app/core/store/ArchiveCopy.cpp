#include "ArchiveCopy.h"

#include "Database.h"
#include "ImageBlobs.h"
#include "ImageStore.h"

#include <QDateTime>
#include <QSet>

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>
#include <QVariant>

#include <algorithm>
#include <limits>

namespace fd::store {

namespace {

// Parents before children (person_photos refers to persons, local_features to events),
// and the change counters last: copying the library bumps them through its triggers.
const QStringList kOrder = {
    QStringLiteral("devices"), QStringLiteral("device_events"), QStringLiteral("face_lists"),
    QStringLiteral("persons"), QStringLiteral("person_photos"), QStringLiteral("device_groups"),
    QStringLiteral("device_group_members"), QStringLiteral("assignments"), QStringLiteral("events"),
    QStringLiteral("alert_acks"), QStringLiteral("local_features"), QStringLiteral("sync_state"),
    QStringLiteral("sync_devices"), QStringLiteral("library_changes"), QStringLiteral("local_features_counter"),
    QStringLiteral("operators"), QStringLiteral("audit_log")};

struct Table {
    QString name;
    QStringList columns;
    QStringList key;      // the primary key's columns
    bool resumable = false;  // copied in key order, so a second run starts after the target's largest key
};

// The big tables, only ever appended to, keyed by SQLite's rowid. Every other table is
// small and written over whole on a second run: that is also how the source's rows
// win over those a new archive seeds (the named lists, the counters), which a
// "largest key" rule would skip.
const QStringList kAppendOnly = {QStringLiteral("events"), QStringLiteral("device_events"), QStringLiteral("alert_acks"),
                                 QStringLiteral("local_features"), QStringLiteral("audit_log")};
// Rows never written over, even on a page copied again: the audit trail (#13), whose
// rows the application may not change on PostgreSQL and whose hashes cover them as they are.
const QStringList kNeverUpdated = {QStringLiteral("audit_log")};

// The source's tables in copy order: the known ones first, then any other a later
// schema added, never SQLite's own or the schema version (the target has its own).
QList<Table> tablesOf(QSqlDatabase &source, QString *error)
{
    QStringList names;
    QSqlQuery q(source);
    if (!q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                               "AND name NOT IN ('schema_version', 'image_blobs')"))) {
        *error = q.lastError().text();
        return {};
    }
    while (q.next())
        names << q.value(0).toString();
    std::stable_sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        const auto rank = [](const QString &n) { const qsizetype i = kOrder.indexOf(n); return i < 0 ? kOrder.size() : i; };
        return rank(a) < rank(b);
    });
    QList<Table> tables;
    for (const QString &name : names) {
        Table t{name, {}, {}};
        QSqlQuery info(source);
        if (!info.exec(QStringLiteral("PRAGMA table_info(%1)").arg(name))) {
            *error = info.lastError().text();
            return {};
        }
        QList<std::pair<int, QString>> key;
        bool integerKey = false;
        while (info.next()) {
            t.columns << info.value(1).toString();
            if (info.value(5).toInt() > 0) {
                key.append({info.value(5).toInt(), info.value(1).toString()});
                integerKey = info.value(2).toString().compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) == 0;
            }
        }
        std::sort(key.begin(), key.end());
        for (const auto &[position, column] : key)
            t.key << column;
        t.resumable = key.size() == 1 && integerKey && kAppendOnly.contains(name);
        tables << t;
    }
    return tables;
}

// INSERT ... ON CONFLICT (key) DO UPDATE: a page written again is written over.
QString upsertSql(const Table &t)
{
    QStringList marks, updates;
    for (const QString &c : t.columns) {
        marks << QStringLiteral("?");
        if (!t.key.contains(c))
            updates << QStringLiteral("%1 = excluded.%1").arg(c);
    }
    const QString onConflict = t.key.isEmpty() || kNeverUpdated.contains(t.name) ? QStringLiteral(" ON CONFLICT DO NOTHING")
        : updates.isEmpty() ? QStringLiteral(" ON CONFLICT (%1) DO NOTHING").arg(t.key.join(u','))
                            : QStringLiteral(" ON CONFLICT (%1) DO UPDATE SET %2").arg(t.key.join(u','), updates.join(u','));
    return QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)%4").arg(t.name, t.columns.join(u','), marks.join(u','), onConflict);
}

qint64 countOf(QSqlDatabase &db, const QString &table)
{
    QSqlQuery q(db);
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table)) && q.next() ? q.value(0).toLongLong() : -1;
}

// One table, page by page in rowid order; false with *error on a failure, or when
// progress asked to stop (then *stopped).
bool copyTable(QSqlDatabase &source, QSqlDatabase &target, const Table &t, const CopyProgress &progress, int pageRows,
               bool *stopped, QString *error)
{
    const qint64 total = countOf(source, t.name);
    // Pages commit in key order, so a copy that ran before holds every row up to the
    // target's largest key: a big table goes on from there.
    qint64 after = std::numeric_limits<qint64>::min();
    if (t.resumable) {
        QSqlQuery last(target);
        if (last.exec(QStringLiteral("SELECT MAX(%1) FROM %2").arg(t.key.first(), t.name)) && last.next()
            && !last.value(0).isNull())
            after = last.value(0).toLongLong();
    }
    QSqlQuery read(source);
    read.setForwardOnly(true);
    read.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE rowid > ? ORDER BY rowid").arg(t.columns.join(u','), t.name));
    read.addBindValue(after);
    if (!read.exec()) {
        *error = QStringLiteral("%1: %2").arg(t.name, read.lastError().text());
        return false;
    }
    QSqlQuery write(target);
    if (!write.prepare(upsertSql(t))) {
        *error = QStringLiteral("%1: %2").arg(t.name, write.lastError().text());
        return false;
    }
    qint64 done = total;
    {
        QSqlQuery remaining(source);
        remaining.prepare(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE rowid > ?").arg(t.name));
        remaining.addBindValue(after);
        if (remaining.exec() && remaining.next())
            done -= remaining.value(0).toLongLong();
    }
    bool more = read.next();
    while (more) {
        if (!target.transaction()) {
            *error = target.lastError().text();
            return false;
        }
        int inPage = 0;
        for (; more && inPage < pageRows; ++inPage, more = read.next()) {
            for (int c = 0; c < t.columns.size(); ++c)
                write.bindValue(c, read.value(c));
            if (!write.exec()) {
                *error = QStringLiteral("%1, row %2: %3").arg(t.name).arg(done + inPage + 1).arg(write.lastError().text());
                target.rollback();
                return false;
            }
        }
        if (!target.commit()) {
            *error = target.lastError().text();
            return false;
        }
        done += inPage;
        if (progress && !progress(t.name, done, total)) {
            *stopped = true;
            return false;
        }
    }
    return true;
}

// The images every event and library photo names, as (folder, relative path) in a
// stable order, each key once.
QList<std::pair<QString, QString>> referencedImages(QSqlDatabase &source, const DatabaseConfig &config, QString *error)
{
    QList<std::pair<QString, QString>> images;
    QSet<QString> keys;
    const std::pair<QString, QString> queries[] = {
        {config.imagesDir(), QStringLiteral("SELECT face_path FROM events WHERE face_path IS NOT NULL UNION "
                                            "SELECT scene_path FROM events WHERE scene_path IS NOT NULL ORDER BY 1")},
        {config.libraryDir(), QStringLiteral("SELECT DISTINCT path FROM person_photos ORDER BY 1")}};
    for (const auto &[folder, sql] : queries) {
        QSqlQuery q(source);
        q.setForwardOnly(true);
        if (!q.exec(sql)) {
            *error = QStringLiteral("images: %1").arg(q.lastError().text());
            return {};
        }
        while (q.next()) {
            const QString path = q.value(0).toString();
            const QString key = imageKeyOf(path);
            if (!key.isEmpty() && !keys.contains(key)) {
                keys.insert(key);
                images.append({folder, path});
            }
        }
    }
    return images;
}

// The images into image_blobs, a page a transaction; those the target holds already
// are not read again, so a second run goes on where the first stopped. A file that is
// missing or damaged is named in *missing and left out: the count check then tells.
bool copyImages(QSqlDatabase &source, QSqlDatabase &target, const DatabaseConfig &config, const CopyProgress &progress,
                int pageRows, TableCount *count, QStringList *missing, bool *stopped, QString *error)
{
    const QList<std::pair<QString, QString>> images = referencedImages(source, config, error);
    if (!error->isEmpty())
        return false;
    count->table = QStringLiteral("images");
    count->source = images.size();
    ImageBlobWriter writer;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (qsizetype done = 0; done < images.size();) {
        if (!target.transaction()) {
            *error = target.lastError().text();
            return false;
        }
        const qsizetype end = std::min(images.size(), done + pageRows);
        for (; done < end; ++done) {
            const auto &[folder, path] = images[done];
            const QString key = imageKeyOf(path);
            if (hasImageBlob(target, key))
                continue;
            QString why;
            const QByteArray bytes = ImageStore(folder).read(path, &why);
            if (bytes.isEmpty()) {
                missing->append(why);
                continue;
            }
            if (!writer.put(target, key, bytes, now, error)) {
                target.rollback();
                return false;
            }
        }
        if (!target.commit()) {
            *error = target.lastError().text();
            return false;
        }
        if (progress && !progress(count->table, done, images.size())) {
            *stopped = true;
            return false;
        }
    }
    for (const auto &[folder, path] : images)
        count->target += hasImageBlob(target, imageKeyOf(path));
    return true;
}

} // namespace

bool ArchiveCopyResult::countsMatch() const
{
    return completed && std::all_of(counts.cbegin(), counts.cend(), [](const TableCount &c) { return c.source == c.target; });
}

ArchiveCopyResult copyArchive(QSqlDatabase &source, QSqlDatabase &target, const DatabaseConfig &sourceConfig,
                              const CopyProgress &progress, int pageRows)
{
    ArchiveCopyResult result;
    const QList<Table> tables = tablesOf(source, &result.error);
    if (tables.isEmpty())
        return result;
    for (const Table &t : tables) {
        bool stopped = false;
        if (!copyTable(source, target, t, progress, pageRows, &stopped, &result.error)) {
            if (stopped)
                result.error = QStringLiteral("stopped during %1; run the copy again to go on").arg(t.name);
            return result;
        }
    }
    TableCount images;
    bool stopped = false;
    if (!copyImages(source, target, sourceConfig, progress, pageRows, &images, &result.missingImages, &stopped,
                    &result.error)) {
        if (stopped)
            result.error = QStringLiteral("stopped during the images; run the copy again to go on");
        return result;
    }
    if (!resyncSequences(target, &result.error))
        return result;
    for (const Table &t : tables)
        result.counts << TableCount{t.name, countOf(source, t.name), countOf(target, t.name)};
    result.counts << images;
    result.completed = true;
    return result;
}

} // namespace fd::store
