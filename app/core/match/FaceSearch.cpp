#include "FaceSearch.h"

#include "FeatureStore.h"
#include "image/BoundedDecode.h"
#include "image/ImageHeader.h"
#include "library/LibraryStore.h"
#include "store/ArchiveReader.h"
#include "store/VectorBlob.h"

#include <QAtomicInteger>
#include <QReadLocker>
#include <QSqlError>
#include <QSqlQuery>
#include <QWriteLocker>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <vector>

namespace fd::match {

namespace {

// Tells FaceSearch instances (and threads) apart in connection names: addresses and
// thread ids are reused, these numbers are not.
QAtomicInteger<quint64> g_instances;
QAtomicInteger<quint64> g_threads;

quint64 threadSerial()
{
    thread_local const quint64 serial = g_threads.fetchAndAddRelaxed(1) + 1;
    return serial;
}

// Strangers have no list (NULL): they are list 0, as in EventFilter.
int listOf(const QVariant &picSort)
{
    return picSort.isNull() ? 0 : std::max(0, picSort.toInt());
}

QString localKind(const QString &tag)
{
    return QStringLiteral("local:") + tag;
}

QString deviceKind(int dims)
{
    return QStringLiteral("device:") + QString::number(dims);
}

} // namespace

FaceSearch::FaceSearch(store::DatabaseConfig config, std::shared_ptr<const face::FaceEngine> engine)
    : m_config(std::move(config)), m_engine(std::move(engine)),
      m_connectionPrefix(QStringLiteral("facesearch-%1-").arg(g_instances.fetchAndAddRelaxed(1) + 1))
{
    m_indexes.local = makeLocalIndex();
}

FaceSearch::~FaceSearch()
{
    // Closing from this thread is safe for SQLite once no search runs any more (the
    // owner destroys us only then); the connections' own threads may be gone.
    for (const QString &name : std::as_const(m_connections))
        QSqlDatabase::removeDatabase(name);
}

QSqlDatabase FaceSearch::connection(QString *error) const
{
    const QString name = m_connectionPrefix + QString::number(threadSerial());
    {
        QMutexLocker lock(&m_connectionsMutex);
        if (m_connections.contains(name)) {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (!db.isOpen() && error)
                *error = tr("The archive cannot be opened.");
            return db;
        }
    }
    QSqlDatabase db = store::openDatabase(m_config, name, error);
    QMutexLocker lock(&m_connectionsMutex);
    m_connections.append(name);  // even when it failed: removeDatabase() cleans up either way
    return db;
}

FaceSearch::IndexPtr FaceSearch::makeDeviceIndex(int dims) const
{
    auto index = std::make_shared<FeatureIndex>(FeatureKind::Device, dims);
    index->setExactFetcher([this, dims](qint64 id, QVector<float> &out) {
        QString error;
        QSqlDatabase db = connection(&error);
        if (!db.isOpen())
            return false;
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT feature FROM events WHERE id = ? AND feature_dims = ?"));
        q.addBindValue(id);
        q.addBindValue(dims);
        if (!q.exec() || !q.next())
            return false;
        out = store::vectorFromBlob(q.value(0).toByteArray(), dims);
        return !out.isEmpty();
    });
    return index;
}

FaceSearch::IndexPtr FaceSearch::makeLocalIndex() const
{
    const int dims = m_engine->dimensions();
    auto index = std::make_shared<FeatureIndex>(FeatureKind::Local, dims);
    index->setExactFetcher([this, dims](qint64 id, QVector<float> &out) {
        QString error;
        QSqlDatabase db = connection(&error);
        if (!db.isOpen())
            return false;
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT vector FROM local_features WHERE event_id = ? AND kind = ? AND dims = ?"));
        q.addBindValue(id);
        q.addBindValue(m_engine->kindTag());
        q.addBindValue(dims);
        if (!q.exec() || !q.next())
            return false;
        out = store::vectorFromBlob(q.value(0).toByteArray(), dims);
        return !out.isEmpty();
    });
    return index;
}

bool FaceSearch::load(QString *error)
{
    QSqlDatabase db = connection(error);
    if (!db.isOpen())
        return false;
    const auto failed = [error](const QSqlQuery &q) {
        if (error)
            *error = q.lastError().text();
        return false;
    };

    // Built beside the live indexes, swapped in at the end: searches go on meanwhile.
    Indexes fresh;
    fresh.local = makeLocalIndex();

    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT feature_dims, COUNT(*) FROM events WHERE feature_dims > 0 GROUP BY feature_dims")))
        return failed(q);
    while (q.next()) {
        const int dims = q.value(0).toInt();
        if (dims < FeatureIndex::kMinDims || dims > FeatureIndex::kMaxDims)
            continue;  // no index takes these; byEvent says so
        IndexPtr index = makeDeviceIndex(dims);
        index->reserve(q.value(1).toLongLong());
        fresh.device.insert(dims, index);
    }

    // In capture order, so that a time filter becomes a row range in the index.
    // Lists by the one rule (store::eventListSql): a list filter here agrees with the
    // Search view's and the wall's.
    if (!q.exec(QStringLiteral("SELECT e.id, e.capture_at, e.device_uuid, %1, e.feature, e.feature_dims FROM events e "
                               "WHERE e.feature_dims > 0 ORDER BY e.capture_at, e.id")
                    .arg(store::eventListSql())))
        return failed(q);
    while (q.next()) {
        const int dims = q.value(5).toInt();
        const IndexPtr index = fresh.device.value(dims);
        const QVector<float> v = store::vectorFromBlob(q.value(4).toByteArray(), dims);
        if (!index || v.isEmpty())
            continue;  // a blob that does not match its dims is skipped, not fatal
        const FeatureMeta meta{q.value(1).toLongLong(), fresh.devices.idFor(q.value(2).toString()), listOf(q.value(3))};
        index->add(q.value(0).toLongLong(), {FeatureKind::Device, v.constData(), dims}, meta);
    }

    const int dims = m_engine->dimensions();
    qint64 highWater = 0;
    // The mark is read first: a row stored while the load runs is then read again by
    // the next loadNewLocal (add() of an id already there replaces it), never missed.
    if (q.exec(QStringLiteral("SELECT n FROM local_features_counter")) && q.next())
        highWater = q.value(0).toLongLong();
    q.prepare(QStringLiteral("SELECT l.event_id, e.capture_at, e.device_uuid, %1, l.vector FROM local_features l "
                             "JOIN events e ON e.id = l.event_id WHERE l.kind = ? AND l.dims = ? "
                             "ORDER BY e.capture_at, e.id")
                  .arg(store::eventListSql()));
    q.addBindValue(m_engine->kindTag());
    q.addBindValue(dims);
    if (!q.exec())
        return failed(q);
    while (q.next()) {
        const QVector<float> v = store::vectorFromBlob(q.value(4).toByteArray(), dims);
        if (v.isEmpty())
            continue;
        const FeatureMeta meta{q.value(1).toLongLong(), fresh.devices.idFor(q.value(2).toString()), listOf(q.value(3))};
        fresh.local->add(q.value(0).toLongLong(), {FeatureKind::Local, v.constData(), dims}, meta);
    }
    q.finish();

    QWriteLocker lock(&m_lock);
    std::swap(m_indexes, fresh);
    m_localHighWater = highWater;
    return true;
}

qsizetype FaceSearch::loadNewLocal(QString *error)
{
    QSqlDatabase db = connection(error);
    if (!db.isOpen())
        return -1;
    qint64 after = 0;
    {
        QReadLocker lock(&m_lock);
        after = m_localHighWater;
    }
    const int dims = m_engine->dimensions();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // By the order rows were stored (migration 6), not by event id: the background
    // pass stores the newest events first and older ones after them.
    q.prepare(QStringLiteral("SELECT l.event_id, e.capture_at, e.device_uuid, %1, l.vector, l.added FROM local_features l "
                             "JOIN events e ON e.id = l.event_id WHERE l.added > ? AND l.kind = ? AND l.dims = ? "
                             "ORDER BY e.capture_at, e.id")
                  .arg(store::eventListSql()));
    q.addBindValue(after);
    q.addBindValue(m_engine->kindTag());
    q.addBindValue(dims);
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return -1;
    }
    qsizetype added = 0;
    qint64 highWater = after;
    while (q.next()) {
        const QVector<float> v = store::vectorFromBlob(q.value(4).toByteArray(), dims);
        const qint64 id = q.value(0).toLongLong();
        highWater = std::max(highWater, q.value(5).toLongLong());
        if (!v.isEmpty() && add(FeatureKind::Local, id, q.value(1).toLongLong(), q.value(2).toString(),
                                listOf(q.value(3)), QList<float>(v.cbegin(), v.cend())))
            ++added;
    }
    QWriteLocker lock(&m_lock);
    m_localHighWater = std::max(m_localHighWater, highWater);
    return added;
}

bool FaceSearch::add(FeatureKind kind, qint64 eventId, qint64 timeMs, const QString &deviceUuid, int picSort,
                     const QList<float> &values)
{
    const int dims = int(values.size());
    QWriteLocker lock(&m_lock);
    IndexPtr index = kind == FeatureKind::Local ? m_indexes.local : m_indexes.device.value(dims);
    if (!index) {
        if (dims < FeatureIndex::kMinDims || dims > FeatureIndex::kMaxDims)
            return false;
        index = makeDeviceIndex(dims);
        m_indexes.device.insert(dims, index);
    }
    const FeatureMeta meta{timeMs, m_indexes.devices.idFor(deviceUuid), std::max(0, picSort)};
    return index->add(eventId, {kind, values.constData(), dims}, meta) == IndexError::None;
}

bool FaceSearch::addDeviceFeature(qint64 eventId, qint64 timeMs, const QString &deviceUuid, int picSort,
                                  const QList<float> &values)
{
    return add(FeatureKind::Device, eventId, timeMs, deviceUuid, picSort, values);
}

bool FaceSearch::addLocalFeature(qint64 eventId, qint64 timeMs, const QString &deviceUuid, int picSort,
                                 const QList<float> &values)
{
    return add(FeatureKind::Local, eventId, timeMs, deviceUuid, picSort, values);
}

void FaceSearch::remove(const QList<qint64> &eventIds)
{
    QWriteLocker lock(&m_lock);
    for (qint64 id : eventIds) {
        m_indexes.local->remove(id);
        for (const IndexPtr &index : std::as_const(m_indexes.device))
            index->remove(id);
    }
}

qsizetype FaceSearch::localCount() const
{
    QReadLocker lock(&m_lock);
    return m_indexes.local->size();
}

qsizetype FaceSearch::deviceCount(int dims) const
{
    QReadLocker lock(&m_lock);
    const IndexPtr index = m_indexes.device.value(dims);
    return index ? index->size() : 0;
}

FaceSearchResult FaceSearch::run(FeatureKind kind, int dims, const QVector<float> &query, qint64 exclude, int k,
                                 const FaceSearchFilter &filter, float minSimilarity) const
{
    FaceSearchResult result;
    if (k < 1) {
        result.error = tr("Ask for at least one result.");
        return result;
    }
    result.kindUsed = kind == FeatureKind::Local ? localKind(m_engine->kindTag()) : deviceKind(dims);

    QReadLocker lock(&m_lock);
    const IndexPtr index = kind == FeatureKind::Local ? m_indexes.local : m_indexes.device.value(dims);
    if (!index)
        return result;  // no stored feature of this kind and length: nothing is like it

    FeatureFilter f;
    f.fromMs = filter.fromMs;
    if (filter.toMs != std::numeric_limits<qint64>::max())
        f.toMs = filter.toMs - 1;  // FeatureFilter's bound is inclusive
    if (!filter.devices.isEmpty())
        f.devices = m_indexes.devices.find(filter.devices);
    if (!filter.lists.isEmpty())
        f.lists = filter.lists;

    // One more than asked for, so that dropping the query's own event still leaves k.
    const int want = exclude >= 0 && k < std::numeric_limits<int>::max() ? k + 1 : k;
    SearchInfo info;
    const QList<FeatureHit> hits = index->search({kind, query.constData(), int(query.size())}, want, f,
                                                 minSimilarity, &info);
    if (info.error != IndexError::None) {
        result.error = FeatureIndex::describe(info.error);
        result.kindUsed.clear();
        return result;
    }
    for (const FeatureHit &h : hits) {
        if (h.id != exclude && result.hits.size() < k)
            result.hits.append({h.id, h.similarity});
    }
    return result;
}

FaceSearchResult FaceSearch::byEvent(qint64 eventId, int k, const FaceSearchFilter &filter, float minSimilarity) const
{
    FaceSearchResult result;
    QString error;
    QSqlDatabase db = connection(&error);
    if (!db.isOpen()) {
        result.error = error;
        return result;
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT e.feature, e.feature_dims, l.vector, l.dims FROM events e "
                             "LEFT JOIN local_features l ON l.event_id = e.id AND l.kind = ? WHERE e.id = ?"));
    q.addBindValue(m_engine->kindTag());
    q.addBindValue(eventId);
    if (!q.exec()) {
        result.error = q.lastError().text();
        return result;
    }
    if (!q.next()) {
        result.error = tr("There is no event %1 in the archive.").arg(eventId);
        return result;
    }
    // FaceDesk's own feature first: it is comparable with every event the backfill
    // has reached, whatever device took it; the device's only with its own kind.
    const QVector<float> local = store::vectorFromBlob(q.value(2).toByteArray(), m_engine->dimensions());
    if (!local.isEmpty())
        return run(FeatureKind::Local, int(local.size()), local, eventId, k, filter, minSimilarity);
    const int dims = q.value(1).toInt();
    const QVector<float> device = store::vectorFromBlob(q.value(0).toByteArray(), dims);
    if (device.isEmpty()) {
        result.error = tr("This event has no face feature yet.");
        return result;
    }
    if (dims < FeatureIndex::kMinDims || dims > FeatureIndex::kMaxDims) {
        result.error = tr("This event's face feature (%1 values) cannot be searched.").arg(dims);
        return result;
    }
    return run(FeatureKind::Device, dims, device, eventId, k, filter, minSimilarity);
}

FaceSearchResult FaceSearch::byPhoto(const QByteArray &imageBytes, int k, const FaceSearchFilter &filter,
                                     float minSimilarity) const
{
    FaceSearchResult result;
    QString problem;
    const cv::Mat image = imageBytes.isEmpty() ? cv::Mat() : image::decodeWithinBudget(imageBytes, cv::IMREAD_COLOR, &problem);
    if (image.empty()) {
        // Over the budget: say by how much. Not an image, or not decodable: say only that.
        const bool overBudget = !problem.isEmpty() && image::readImageHeader(imageBytes).problem.isEmpty();
        result.error = overBudget ? tr("The photo is not decoded: %1.").arg(problem)
                                  : tr("The photo cannot be read as an image.");
        return result;
    }
    const std::optional<face::FaceFeature> face = m_engine->extract(image);
    if (!face || face->values.size() != m_engine->dimensions()) {
        result.error = tr("No face found in the photo.");
        return result;
    }
    return run(FeatureKind::Local, int(face->values.size()), face->values, -1, k, filter, minSimilarity);
}

FaceSearchResult FaceSearch::byPerson(qint64 indexId, int k, const FaceSearchFilter &filter, float minSimilarity) const
{
    FaceSearchResult result;
    QString error;
    QSqlDatabase db = connection(&error);
    if (!db.isOpen()) {
        result.error = error;
        return result;
    }
    library::LibraryStore library(db, m_config.libraryDir());
    const std::optional<library::Person> person = library.person(indexId);
    if (!person) {
        result.error = library.lastError().isEmpty() ? tr("There is no person %1 in the library.").arg(indexId)
                                                     : library.lastError();
        return result;
    }
    if (person->photos.isEmpty()) {
        result.error = tr("%1 has no photo in the library.").arg(person->name);
        return result;
    }
    const QByteArray jpeg = library.photoJpeg(person->photos.first());
    if (jpeg.isEmpty()) {
        result.error = tr("The library photo of %1 cannot be read.").arg(person->name);
        return result;
    }
    return byPhoto(jpeg, k, filter, minSimilarity);
}

} // namespace fd::match
