// SIGINT/SIGTERM turned into a Qt signal through a self-pipe, so that shutdown runs
// in the event loop (closing listeners, draining the archive writer) and not inside
// a signal handler, where almost nothing is allowed.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace fd::app {

class UnixSignals : public QObject {
    Q_OBJECT
public:
    explicit UnixSignals(QObject *parent = nullptr);
    ~UnixSignals() override;

signals:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace fd::app
