#include "LocalFeatureBackfill.h"

#include "FeatureStore.h"
#include "store/ScopedConnection.h"
#include "face/FaceVision.h"
#include "store/ImageStore.h"

#include <QSqlDatabase>
#include <QThread>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <limits>

namespace fd::match {

namespace {

enum class Outcome { Face, NoFace, Unreadable };

Outcome computeRow(const face::FaceEngine &engine, const store::ImageStore &images, const PendingFace &event,
                   StoredFeature &row)
{
    QString error;  // a damaged file (its content no longer its name's hash) is unreadable too
    const QByteArray bytes = images.read(event.facePath, &error);
    if (bytes.isEmpty())
        return Outcome::Unreadable;
    // An archive holds whatever devices sent: a damaged file must cost one row, not
    // the run, so OpenCV's exceptions end here.
    try {
        const cv::Mat image = face::decodeImage(bytes);
        if (image.empty())
            return Outcome::Unreadable;
        const std::optional<face::FaceFeature> feature = engine.extract(image);
        if (!feature || feature->kind != row.kind)
            return Outcome::NoFace;
        row.values = feature->values;
        row.face = feature->face;
        return Outcome::Face;
    } catch (const cv::Exception &) {
        return Outcome::Unreadable;
    }
}

} // namespace

LocalFeatureBackfill::LocalFeatureBackfill(store::DatabaseConfig config, std::shared_ptr<const face::FaceEngine> engine,
                                           QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_engine(std::move(engine))
{
}

LocalFeatureBackfill::~LocalFeatureBackfill()
{
    stop();
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void LocalFeatureBackfill::setBatchSize(int events)
{
    m_batchSize = std::max(1, events);
}

bool LocalFeatureBackfill::isRunning() const
{
    return m_running.loadAcquire() != 0;
}

bool LocalFeatureBackfill::start()
{
    // Not from the run's own thread (a slot connected directly to finished()): it
    // cannot wait for itself to end.
    if (isRunning() || !m_engine || (m_thread && QThread::currentThread() == m_thread))
        return false;
    if (m_thread) {
        // The previous run has emitted finished() and is only returning.
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    m_stop.storeRelaxed(0);
    m_running.storeRelease(1);
    m_thread = QThread::create([this] {
        const BackfillResult result = run();
        m_running.storeRelease(0);
        emit finished(result);
    });
    m_thread->setObjectName(QStringLiteral("facedesk-backfill"));
    // Below the network and archive threads: a backfill of a big archive may take
    // hours, and it must never be why a device waits for its answer.
    m_thread->start(QThread::LowPriority);
    return true;
}

void LocalFeatureBackfill::stop()
{
    m_stop.storeRelaxed(1);
}

bool LocalFeatureBackfill::wait(QDeadlineTimer deadline)
{
    return !m_thread || m_thread->wait(deadline);
}

BackfillResult LocalFeatureBackfill::run()
{
    BackfillResult result;
    store::ScopedConnection connection(m_config, QStringLiteral("backfill"));
    if (!connection.isOpen())
        result.error = connection.error();
    else
        work(connection.db(), result);
    return result;
}

void LocalFeatureBackfill::work(const QSqlDatabase &db, BackfillResult &result)
{
    FeatureStore store(db);
    const store::ImageStore images(m_config.imagesDir());
    const QString kind = m_engine->kindTag();
    constexpr qint64 top = std::numeric_limits<qint64>::max();

    qint64 total = store.countPending(kind);
    if (total < 0) {
        result.error = store.lastError();
        return;
    }
    emit progress(0, total);
    qint64 cursor = top;
    while (!m_stop.loadRelaxed()) {
        const QList<PendingFace> batch = store.pending(kind, m_batchSize, cursor);
        if (!store.lastError().isEmpty()) {
            result.error = store.lastError();
            return;
        }
        if (batch.isEmpty()) {
            if (cursor == top)
                return;  // a pass from the newest event found nothing left: done
            // Events that arrived during this pass sit above where it began.
            cursor = top;
            const qint64 arrived = store.countPending(kind);
            total = result.processed + std::max<qint64>(0, arrived);
            continue;
        }
        QList<StoredFeature> rows;
        rows.reserve(batch.size());
        qint64 face = 0, noFace = 0, unreadable = 0;
        for (const PendingFace &event : batch) {
            if (m_stop.loadRelaxed())
                break;
            cursor = event.eventId;
            StoredFeature row;
            row.eventId = event.eventId;
            row.kind = kind;
            switch (computeRow(*m_engine, images, event, row)) {
            case Outcome::Face: ++face; break;
            case Outcome::NoFace: ++noFace; break;
            case Outcome::Unreadable: ++unreadable; break;
            }
            rows.append(row);
        }
        if (!store.put(rows)) {
            result.error = store.lastError();
            return;
        }
        result.processed += rows.size();
        result.withFace += face;
        result.noFace += noFace;
        result.unreadable += unreadable;
        emit progress(result.processed, std::max(total, result.processed));
    }
    result.stopped = true;
}

} // namespace fd::match
