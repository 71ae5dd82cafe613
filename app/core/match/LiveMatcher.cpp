#include "LiveMatcher.h"

#include "FeatureStore.h"
#include "store/ScopedConnection.h"
#include "face/FaceVision.h"
#include "image/BoundedDecode.h"
#include "library/LibraryStore.h"
#include "store/ImageStore.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QMetaType>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

Q_LOGGING_CATEGORY(lcMatch, "facedesk.match")

namespace fd::match {

namespace {

// How far beyond the threshold the device's person must be before FaceDesk says it
// disagrees: near the threshold both verdicts are plausible and a guard gains nothing
// from a warning.
constexpr float kDisagreeMargin = 0.08f;
// Face crops are small; a larger "face" is not decoded live (the background pass
// will see it with its own limits).
constexpr qsizetype kMaxImageBytes = 4 * 1024 * 1024;

QByteArray readFaceImage(QSqlDatabase &db, const store::DatabaseConfig &config, qint64 eventId)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT face_path FROM events WHERE id = ?"));
    q.addBindValue(eventId);
    if (!q.exec() || !q.next() || q.value(0).toString().isEmpty())
        return {};
    QString error;
    const QByteArray bytes = store::ImageStore(config.imagesDir()).read(q.value(0).toString(), &error, kMaxImageBytes);
    if (bytes.isEmpty())
        qCWarning(lcMatch).noquote() << "event" << eventId << "not matched:" << error;
    return bytes;
}

} // namespace

LiveMatcher::LiveMatcher(store::DatabaseConfig config, std::shared_ptr<const face::FaceEngine> engine, int threads,
                         QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_engine(std::move(engine)), m_scale(m_engine->scale()),
      m_library(std::make_shared<LibraryFaces>())
{
    qRegisterMetaType<fd::match::LiveMatch>();
    for (int i = 0; i < std::max(1, threads); ++i) {
        QThread *t = QThread::create([this, i] { run(i); });
        t->setObjectName(QStringLiteral("LiveMatcher-%1").arg(i));
        m_threads.push_back(t);
        t->start(QThread::LowPriority);
    }
    reloadLibrary();
}

LiveMatcher::~LiveMatcher()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.wakeAll();
    }
    for (QThread *t : m_threads) {
        t->wait();
        delete t;
    }
}

void LiveMatcher::setThreshold(int listId, float value)
{
    QMutexLocker lock(&m_mutex);
    m_thresholds.insert(listId, value);
}

float LiveMatcher::threshold(int listId) const
{
    QMutexLocker lock(&m_mutex);
    return m_thresholds.value(listId, m_scale.sameThreshold);
}

bool LiveMatcher::within(float distance, int listId) const
{
    // Unit vectors: the distance is the engine's own scale, or cosine = 1 - d*d/2.
    const float value = m_scale.distance ? distance : 1.0f - distance * distance / 2.0f;
    const float limit = threshold(listId);
    return m_scale.distance ? value < limit : value > limit;
}

void LiveMatcher::reloadLibrary()
{
    QMutexLocker lock(&m_mutex);
    Job job;
    job.reloadLibrary = true;
    m_queue.push_front(job);  // before the events: they should meet the new library
    m_wake.wakeOne();
}

void LiveMatcher::submit(qint64 eventId, const protocol::FacePush &push, const QString &deviceUuid)
{
    if (push.image.isEmpty())
        return;
    Job job;
    job.eventId = eventId;
    job.deviceUuid = deviceUuid;
    job.deviceIndexId = push.indexId;
    job.devicePicSort = push.picSort;
    job.timeMs = push.captureTime.isValid() ? push.captureTime.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
    QMutexLocker lock(&m_mutex);
    if (int(m_queue.size()) < kKeepImages)
        job.image = push.image;
    if (int(m_queue.size()) >= kMaxBacklog) {
        m_queue.pop_front();
        ++m_skipped;
    }
    m_queue.push_back(std::move(job));
    m_backlog = int(m_queue.size());
    m_wake.wakeOne();
    lock.unlock();
    emit backlogChanged(m_backlog);
}

void LiveMatcher::run(int worker)
{
    {
        store::ScopedConnection connection(m_config, QStringLiteral("livematch-%1").arg(worker));
        QSqlDatabase &db = connection.db();
        if (!db.isOpen())
            qWarning("live matching: %s", qPrintable(connection.error()));
        for (;;) {
            Job job;
            {
                QMutexLocker lock(&m_mutex);
                while (m_queue.empty() && !m_stopping)
                    m_wake.wait(&m_mutex);
                if (m_stopping)
                    break;
                job = std::move(m_queue.front());
                m_queue.pop_front();
                m_backlog = int(m_queue.size());
            }
            if (!db.isOpen())
                continue;
            if (job.reloadLibrary)
                loadLibrary(db);
            else
                process(db, job);
            emit backlogChanged(m_backlog);
        }
    }
}

void LiveMatcher::loadLibrary(QSqlDatabase &db)
{
    library::LibraryStore store(db, m_config.libraryDir());
    const QString kind = m_engine->kindTag();
    // Photos validated before this engine was installed get their descriptor now.
    for (const library::PhotoToDescribe &photo : store.photosWithoutDescriptor(kind)) {
        const cv::Mat image = face::decodeImage(image::readImageFile(photo.absolutePath));
        const std::optional<face::FaceFeature> f = image.empty() ? std::nullopt : m_engine->extract(image);
        store.setPhotoDescriptor(photo.photoId, kind, f ? f->values : QVector<float>());
    }
    auto faces = std::make_shared<const LibraryFaces>(store.photoDescriptors(kind, m_engine->dimensions()));
    {
        QMutexLocker lock(&m_mutex);
        m_library = faces;
    }
    emit libraryLoaded(faces->personCount(), faces->photoCount());
}

void LiveMatcher::process(QSqlDatabase &db, const Job &job)
{
    const QByteArray bytes = job.image.isEmpty() ? readFaceImage(db, m_config, job.eventId) : job.image;
    const cv::Mat image = bytes.size() > kMaxImageBytes ? cv::Mat() : face::decodeImage(bytes);
    if (image.empty())
        return;
    const std::optional<face::FaceFeature> feature = m_engine->extract(image);
    if (!feature)
        return;
    std::shared_ptr<const LibraryFaces> library;
    {
        QMutexLocker lock(&m_mutex);
        library = m_library;
    }
    LiveMatch m;
    m.eventId = job.eventId;
    m.deviceUuid = job.deviceUuid;
    m.deviceIndexId = job.deviceIndexId;
    m.devicePicSort = job.devicePicSort;
    m.timeMs = job.timeMs;
    m.feature = *feature;
    const NearestPerson nearest = library->nearest(feature->values);
    m.distance = nearest.distance;
    if (nearest.indexId >= 0 && within(nearest.distance, nearest.listId)) {
        m.indexId = nearest.indexId;
        m.listId = nearest.listId;
    }
    if (m.deviceIndexId >= 0) {
        int deviceList = 0;
        m.deviceDistance = library->distanceTo(m.deviceIndexId, feature->values, &deviceList);
        // The device named a person FaceDesk has a photo of, and FaceDesk sees someone
        // else there or, clearly, not that person.
        m.disagrees = m.deviceDistance >= 0
                      && ((m.indexId >= 0 && m.indexId != m.deviceIndexId)
                          || (m.indexId < 0 && !within(m.deviceDistance - kDisagreeMargin, deviceList)));
    }

    // The verdict on the event's row, then the feature (its own transaction).
    QSqlQuery q(db);
    if (m.deviceIndexId < 0 && m.indexId >= 0) {
        q.prepare(QStringLiteral("UPDATE events SET index_id = ?, matched_by_desk = 1, local_index_id = ?, "
                                 "local_distance = ? WHERE id = ? AND index_id IS NULL"));
        q.addBindValue(m.indexId);
        q.addBindValue(m.indexId);
        q.addBindValue(double(m.distance));
        q.addBindValue(m.eventId);
        m.assigned = q.exec() && q.numRowsAffected() == 1;
        if (q.lastError().isValid())
            qWarning("live matching: event %lld: %s", qlonglong(m.eventId), qPrintable(q.lastError().text()));
    } else {
        q.prepare(QStringLiteral("UPDATE events SET local_index_id = ?, local_distance = ? WHERE id = ?"));
        q.addBindValue(m.indexId >= 0 ? QVariant(m.indexId) : QVariant(QMetaType::fromType<qint64>()));
        q.addBindValue(double(m.indexId < 0 && m.deviceDistance >= 0 ? m.deviceDistance : m.distance));
        q.addBindValue(m.eventId);
        q.exec();
    }
    FeatureStore features(db);
    StoredFeature row{m.eventId, feature->kind, feature->values, feature->face};
    if (!features.put({row}))
        qWarning("live matching: event %lld: %s", qlonglong(m.eventId), qPrintable(features.lastError()));
    emit matched(m);
}

} // namespace fd::match
