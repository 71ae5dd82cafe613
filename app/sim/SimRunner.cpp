#include "SimRunner.h"

#include <QDir>

namespace fd::sim {

SimRunner::SimRunner(SimConfig config, QObject *parent) : QObject(parent), m_config(std::move(config))
{
    m_ticker.setInterval(5);
    connect(&m_ticker, &QTimer::timeout, this, &SimRunner::tick);
}

bool SimRunner::prepare(QString *error)
{
    if (!m_config.facesDir.isEmpty()) {
        if (!QDir(m_config.facesDir).exists()) {
            *error = QStringLiteral("--faces %1: no such folder").arg(m_config.facesDir);
            return false;
        }
        if (!m_detector.isLoaded()) {
            *error = QStringLiteral("the Haar cascade from opencv-data is missing (apt-get install opencv-data)");
            return false;
        }
        if (m_photos.loadFolder(m_config.facesDir, m_detector, error) == 0)
            return false;
    } else {
        m_photos.generate(6);
    }
    if (!m_config.ackLog.isEmpty()) {
        const bool opened = m_config.ackLog == QLatin1String("-")
            ? m_ackLog.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered)
            : (m_ackLog.setFileName(m_config.ackLog), m_ackLog.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered));
        if (!opened) {
            *error = QStringLiteral("--ack-log %1: %2").arg(m_config.ackLog, m_ackLog.errorString());
            return false;
        }
    }
    for (int i = 0; i < m_config.devices; ++i) {
        const int type = m_config.deviceTypes[i % m_config.deviceTypes.size()];
        m_devices.append(new SimDevice(m_config, i, type, m_photos, m_detector, m_stats, this));
        if (m_ackLog.isOpen())
            m_devices.last()->setAckLog(&m_ackLog);
    }
    return true;
}

void SimRunner::start()
{
    for (SimDevice *d : std::as_const(m_devices))
        d->start();
    m_clock.start();
    m_pushing = true;
    m_ticker.start();
}

void SimRunner::tick()
{
    const double elapsed = double(m_clock.nsecsElapsed()) / 1e9;
    if (m_pushing) {
        const double until = std::min(elapsed, m_config.duration);
        const auto due = qint64(m_config.rate * until);
        while (m_generated < due) {
            m_devices[int(m_generated % m_devices.size())]->pushEvent();
            ++m_generated;
        }
        if (elapsed >= m_config.duration) {
            m_pushing = false;
            m_pushSeconds = elapsed;
        }
        return;
    }
    checkDone();
}

void SimRunner::checkDone()
{
    int outstanding = 0;
    for (const SimDevice *d : std::as_const(m_devices))
        outstanding += d->outstanding() + d->probesAwaitingAnswer();
    const double waited = double(m_clock.nsecsElapsed()) / 1e9 - m_pushSeconds;
    if (outstanding > 0 && waited < m_config.grace)
        return;
    m_ticker.stop();
    m_finishedSeconds = double(m_clock.nsecsElapsed()) / 1e9;
    for (SimDevice *d : std::as_const(m_devices))
        d->stop();
    emit finished(exitCode());
}

} // namespace fd::sim
