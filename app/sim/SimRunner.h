// Runs a whole simulation: loads the photos, starts the devices, paces the events,
// waits for the last acknowledgements, and reports.
#pragma once

#include "FacePhotoSet.h"
#include "SimConfig.h"
#include "SimDevice.h"
#include "SimStats.h"

#include "face/detect/HaarFaceDetector.h"

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QTimer>

namespace fd::sim {

class SimRunner : public QObject {
    Q_OBJECT
public:
    explicit SimRunner(SimConfig config, QObject *parent = nullptr);

    // Loads the photos; false (with *error) when --faces names an unusable folder.
    bool prepare(QString *error);
    void start();

    const SimStats &stats() const { return m_stats; }
    const QList<SimDevice *> &devices() const { return m_devices; }
    // 0 when every event was acknowledged, 1 otherwise.
    // Seconds from the start until the last acknowledgement was waited for.
    double elapsedSeconds() const { return m_finishedSeconds; }
    int exitCode() const { return m_stats.unacknowledged() == 0 && m_stats.eventsRejected == 0 ? 0 : 1; }

signals:
    void finished(int exitCode);

private:
    void tick();
    void checkDone();

    SimConfig m_config;
    face::HaarFaceDetector m_detector;
    FacePhotoSet m_photos;
    SimStats m_stats;
    QList<SimDevice *> m_devices;
    QFile m_ackLog;
    QTimer m_ticker;
    QElapsedTimer m_clock;
    qint64 m_generated = 0;
    bool m_pushing = false;
    double m_pushSeconds = 0;
    double m_finishedSeconds = 0;
};

} // namespace fd::sim
