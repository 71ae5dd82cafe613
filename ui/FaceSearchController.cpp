#include "FaceSearchController.h"

#include "match/LocalFeatureBackfill.h"

#include <QPointer>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace fd::ui {

FaceSearchController::FaceSearchController(const store::DatabaseConfig &archive, const QString &modelsDir, QObject *parent)
    : QObject(parent), m_archive(archive), m_timer(new QTimer(this))
{
    m_status = tr("Loading face search...");
    // Reading the models costs about a quarter of a second: not on the window's thread.
    // The continuation runs here, and not at all once this controller is gone.
    QtConcurrent::run([modelsDir] { return face::createFaceEngine(modelsDir); })
        .then(this, [this](const face::FaceEngineChoice &choice) { adopt(choice); });
}

void FaceSearchController::adopt(const face::FaceEngineChoice &choice)
{
    m_choice = choice;
    m_search = std::make_shared<match::FaceSearch>(m_archive, m_choice.engine);
    m_backfill = std::make_unique<match::LocalFeatureBackfill>(m_archive, m_choice.engine);
    connect(m_backfill.get(), &match::LocalFeatureBackfill::finished, this, &FaceSearchController::backfillFinished,
            Qt::QueuedConnection);
    connect(m_backfill.get(), &match::LocalFeatureBackfill::progress, this, [this](qint64 done, qint64 total) {
        m_status = tr("Computing face features: %1 of %2").arg(done).arg(total);
        emit statusChanged(m_status);
    }, Qt::QueuedConnection);
    m_timer->setInterval(30 * 1000);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (m_newEvents)
            refresh();
    });
    m_timer->start();
    emit engineChosen();
    refresh();
}

FaceSearchController::~FaceSearchController()
{
    if (!m_backfill)
        return;
    m_backfill->stop();
    m_backfill->wait();
}

void FaceSearchController::eventCommitted(qint64 eventId, const protocol::FacePush &push, const QString &deviceUuid,
                                          int list)
{
    m_newEvents = true;
    if (!m_ready || push.feature.isEmpty())
        return;
    const QDateTime at = push.captureTime.isValid() ? push.captureTime : QDateTime::currentDateTimeUtc();
    m_search->addDeviceFeature(eventId, at.toMSecsSinceEpoch(), deviceUuid, list, push.feature);
}

void FaceSearchController::eventsDeleted(const QList<qint64> &eventIds)
{
    // Before the first load nothing is indexed, and the load reads only what is left.
    if (!m_ready)
        return;
    m_search->remove(eventIds);
}

void FaceSearchController::refresh()
{
    m_newEvents = false;
    if (m_backfill && !m_backfill->isRunning())
        m_backfill->start();
}

void FaceSearchController::backfillFinished(const match::BackfillResult &result)
{
    // The first pass is followed by the one full load; later passes only add what
    // they found (a full rebuild every half minute would reread every feature).
    if (!m_ready) {
        load();
        return;
    }
    if (result.withFace > 0) {
        QString error;
        m_search->loadNewLocal(&error);
        m_status = error.isEmpty() ? tr("Face search: %1, %n faces", nullptr, int(m_search->localCount())).arg(m_search->engineName())
                                   : tr("Face search unavailable: %1").arg(error);
    }
    emit statusChanged(m_status);
}

void FaceSearchController::load()
{
    if (m_loading)
        return;
    m_loading = true;
    QPointer<FaceSearchController> self(this);
    std::shared_ptr<match::FaceSearch> search = m_search;
    auto watcher = QtConcurrent::run([search] {
        QString error;
        search->load(&error);
        return error;
    });
    watcher.then(this, [self, search](const QString &error) {
        if (!self)
            return;
        self->m_loading = false;
        self->m_ready = true;
        self->m_status = error.isEmpty()
            ? tr("Face search: %1, %n faces", nullptr, int(search->localCount())).arg(search->engineName())
            : tr("Face search unavailable: %1").arg(error);
        emit self->statusChanged(self->m_status);
        emit self->ready();
    });
}

} // namespace fd::ui
