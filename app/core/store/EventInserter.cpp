#include "EventInserter.h"

#include "ImageBlobs.h"
#include "PostgresExec.h"
#include "SqlDialect.h"
#include "VectorBlob.h"

#include <QSet>
#include <QSqlRecord>
#include <QVariant>

#include <optional>

namespace fd::store {

namespace {

const char kEventColumns[] =
    "dedup_key, received_at, device_uuid, method, channel, index_id, pic_sort, pic_name, match_score, pos_x, "
    "pos_y, pos_w, pos_h, capture_time, capture_at, send_time, quality, visit_count, track_id, face_id, age, "
    "gender, glasses, mask, beard, race, emotion, temperature, warning_temperature, warning_type, img_name, "
    "img_fr_name, face_path, scene_path, scene_bytes, feature, feature_dims";
constexpr int kEventColumnCount = 37;

// "(?,?,?),(?,?,?)" for SQLite through Qt; "($1,$2,$3),($4,$5,$6)" for libpq.
QString placeholderRows(int rows, int columns, bool postgres)
{
    QStringList all;
    for (int r = 0; r < rows; ++r) {
        QString one;
        if (postgres) {
            one = postgresPlaceholders(r * columns + 1, columns);
        } else {
            QStringList marks;
            for (int c = 0; c < columns; ++c)
                marks << QStringLiteral("?");
            one = marks.join(QLatin1Char(','));
        }
        all << QLatin1Char('(') + one + QLatin1Char(')');
    }
    return all.join(QLatin1Char(','));
}

QString eventInsertSql(int rows, bool postgres)
{
    return QStringLiteral("INSERT INTO events (%1) VALUES %2 ON CONFLICT(dedup_key) DO NOTHING RETURNING id, dedup_key")
        .arg(QLatin1String(kEventColumns), placeholderRows(rows, kEventColumnCount, postgres));
}

QString blobInsertSql(int rows, bool postgres)
{
    return QStringLiteral("INSERT INTO image_blobs (hash, bytes, stored_at) VALUES %1 ON CONFLICT (hash) DO NOTHING")
        .arg(placeholderRows(rows, 3, postgres));
}

QList<QVariant> eventValues(const EventRecord &r, const QString &dedupKey)
{
    const protocol::FacePush &p = r.push;
    const qint64 received = r.receivedAt.toMSecsSinceEpoch();
    const qint64 captured = p.captureTime.isValid() ? p.captureTime.toMSecsSinceEpoch() : received;
    const bool hasPos = p.position.valid;
    return {dedupKey, received, r.deviceUuid, r.methodName(), orNull(p.channel),
            orNull(p.indexId), orNull(p.picSort), orNull(p.picName), orNull(p.matchScore),
            hasPos ? QVariant(p.position.x) : QVariant(), hasPos ? QVariant(p.position.y) : QVariant(),
            hasPos ? QVariant(p.position.w) : QVariant(), hasPos ? QVariant(p.position.h) : QVariant(),
            orNull(p.captureTimeText), captured, orNull(p.sendTimeText), orNull(p.quality), orNull(p.visitCount),
            orNull(p.trackId), orNull(p.faceId), orNull(p.attributes.age), orNull(p.attributes.gender),
            orNull(p.attributes.glasses), orNull(p.attributes.mask), orNull(p.attributes.beard),
            orNull(p.attributes.race), orNull(p.attributes.emotion), orNull(p.temperature.realtime),
            orNull(p.temperature.warning), orNull(p.temperature.warningType), orNull(p.imageName),
            orNull(p.backgroundName), orNull(r.facePath), orNull(r.scenePath), qint64(p.background.size()),
            p.feature.isEmpty() ? QVariant() : QVariant(vectorToBlob(p.feature)), int(p.feature.size())};
}

struct Blob {
    QString key;
    const QByteArray *bytes;
    qint64 storedAt;
};

} // namespace

void EventInserter::reset()
{
    m_eventInserts.clear();
    m_blobInserts.clear();
    m_connection.clear();
}

// One statement of `rows` rows: on PostgreSQL through libpq with binary images
// (PostgresExec.h says why), on SQLite through a QSqlQuery prepared once per row count
// (SQLite's prepare costs more than its insert). Returned rows come back as text.
bool EventInserter::run(QSqlDatabase &db, Cache &cache, int rows, QString (*sqlFor)(int, bool),
                        const QList<QVariant> &values, std::vector<QList<QByteArray>> *returned, QSqlError *error)
{
    if (backendOf(db) == Backend::Postgres)
        return execPostgres(db, sqlFor(rows, true).toUtf8(), values, returned, error);
    if (m_connection != db.connectionName()) {
        reset();
        m_connection = db.connectionName();
    }
    std::unique_ptr<QSqlQuery> &q = cache[rows];
    if (!q) {
        auto prepared = std::make_unique<QSqlQuery>(db);
        if (!prepared->prepare(sqlFor(rows, false))) {
            *error = prepared->lastError();
            cache.erase(rows);
            return false;
        }
        q = std::move(prepared);
    }
    for (int i = 0; i < values.size(); ++i)
        q->bindValue(i, values[i]);
    if (!q->exec()) {
        *error = q->lastError();
        return false;
    }
    while (returned && q->next()) {
        QList<QByteArray> row;
        for (int c = 0; c < q->record().count(); ++c)
            row << q->value(c).toString().toUtf8();
        returned->push_back(row);
    }
    q->finish();
    return true;
}

namespace {

// The events with nothing against them yet.
std::vector<size_t> readyOf(const std::vector<EventInserter::Outcome> &out)
{
    std::vector<size_t> ready;
    for (size_t i = 0; i < out.size(); ++i)
        if (out[i].error.isEmpty())
            ready.push_back(i);
    return ready;
}

void failAll(std::vector<EventInserter::Outcome> *out, const std::vector<size_t> &which, size_t from,
             const QSqlError &e, Backend backend, const QString &what)
{
    for (size_t k = from; k < which.size(); ++k) {
        (*out)[which[k]].error = what + e.text();
        (*out)[which[k]].noSpace = isDiskFull(e, backend);
    }
}

} // namespace

bool EventInserter::insertImages(QSqlDatabase &db, const std::vector<const EventRecord *> &events,
                                 std::vector<Outcome> *out, QSqlError *error)
{
    out->assign(events.size(), Outcome{});
    for (size_t i = 0; i < events.size(); ++i) {
        const EventRecord &r = *events[i];
        if (!r.filesWritten || !r.fileError.isEmpty()) {
            (*out)[i].error = r.filesWritten ? r.fileError : QStringLiteral("the images were not written");
            (*out)[i].noSpace = r.fileNoSpace;
        }
    }
    const std::vector<size_t> ready = readyOf(*out);
    if (imagesInDatabase(db) && !insertBlobs(db, events, ready, error)) {
        failAll(out, ready, 0, *error, backendOf(db), QStringLiteral("the images were not stored in the database: "));
        return false;
    }
    return true;
}

void EventInserter::insertRows(QSqlDatabase &db, const std::vector<const EventRecord *> &events,
                               std::vector<Outcome> *out)
{
    const std::vector<size_t> ready = readyOf(*out);
    const Backend backend = backendOf(db);
    QSqlError error;
    QHash<QString, qint64> ids;
    std::vector<QString> keys(events.size());
    for (size_t i : ready)
        keys[i] = QString::fromLatin1(events[i]->dedupKey(events[i]->faceHash));
    for (size_t from = 0; from < ready.size(); from += kEventRows) {
        const size_t to = std::min(ready.size(), from + kEventRows);
        std::vector<size_t> chunk(ready.begin() + qsizetype(from), ready.begin() + qsizetype(to));
        if (!insertEvents(db, events, keys, chunk, &ids, &error)) {
            failAll(out, ready, from, error, backend, QString());
            return;
        }
    }
    // Keys RETURNING did not give back were in the archive already (or twice in this group).
    QStringList missing;
    QSet<QString> seen;
    for (size_t i : ready)
        if (!ids.contains(keys[i]) && !seen.contains(keys[i])) {
            missing << keys[i];
            seen.insert(keys[i]);
        }
    if (!missing.isEmpty() && !findExisting(db, missing, &ids, &error)) {
        failAll(out, ready, 0, error, backend, QString());
        return;
    }
    QSet<QString> claimed;
    for (size_t i : ready) {
        Outcome &o = (*out)[i];
        const QString &key = keys[i];
        o.id = ids.value(key, -1);
        o.stored = o.id >= 0;
        o.fresh = !seen.contains(key) && !claimed.contains(key);
        claimed.insert(key);
        if (!o.stored)
            o.error = QStringLiteral("the event was neither stored nor found in the archive");
    }
}

// The group's images, each once, in chunks bounded by rows and by bytes.
bool EventInserter::insertBlobs(QSqlDatabase &db, const std::vector<const EventRecord *> &events,
                                const std::vector<size_t> &which, QSqlError *error)
{
    std::vector<Blob> blobs;
    QSet<QString> keys;
    for (size_t i : which) {
        const EventRecord &r = *events[i];
        const qint64 at = r.receivedAt.toMSecsSinceEpoch();
        for (const auto &[path, bytes] : {std::pair{&r.facePath, &r.push.image}, {&r.scenePath, &r.push.background}}) {
            const QString key = path->isEmpty() ? QString() : imageKeyOf(*path);
            if (!key.isEmpty() && !keys.contains(key)) {
                keys.insert(key);
                blobs.push_back({key, bytes, at});
            }
        }
    }
    for (size_t from = 0; from < blobs.size();) {
        size_t to = from;
        qsizetype bytes = 0;
        while (to < blobs.size() && int(to - from) < kBlobRows
               && (to == from || bytes + blobs[to].bytes->size() <= kBlobBytes))
            bytes += blobs[to++].bytes->size();
        QList<QVariant> values;
        for (size_t b = from; b < to; ++b)
            values << blobs[b].key << *blobs[b].bytes << blobs[b].storedAt;
        if (!run(db, m_blobInserts, int(to - from), blobInsertSql, values, nullptr, error))
            return false;
        from = to;
    }
    return true;
}

bool EventInserter::insertEvents(QSqlDatabase &db, const std::vector<const EventRecord *> &events,
                                 const std::vector<QString> &keys, const std::vector<size_t> &chunk,
                                 QHash<QString, qint64> *newIds, QSqlError *error)
{
    QList<QVariant> values;
    for (size_t i : chunk)
        values += eventValues(*events[i], keys[i]);
    std::vector<QList<QByteArray>> returned;
    if (!run(db, m_eventInserts, int(chunk.size()), eventInsertSql, values, &returned, error))
        return false;
    for (const QList<QByteArray> &row : returned)
        newIds->insert(QString::fromLatin1(row.value(1)), row.value(0).toLongLong());
    return true;
}

bool EventInserter::findExisting(QSqlDatabase &db, const QStringList &keys, QHash<QString, qint64> *ids,
                                 QSqlError *error)
{
    for (qsizetype from = 0; from < keys.size(); from += kEventRows) {
        const QStringList part = keys.mid(from, kEventRows);
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT dedup_key, id FROM events WHERE dedup_key IN %1")
                      .arg(placeholderRows(1, int(part.size()), false)));
        for (const QString &key : part)
            q.addBindValue(key);
        if (!q.exec()) {
            *error = q.lastError();
            return false;
        }
        while (q.next())
            ids->insert(q.value(0).toString(), q.value(1).toLongLong());
    }
    return true;
}

} // namespace fd::store
