// Notices when nobody has touched the desk for a while (#13: lock after a settable
// idle time). It watches the application's input events (keys, mouse, wheel,
// touch), nothing else: alarms and new tiles do not count as someone being there.
// Cheap: one type check per event, one timer restarted at most once a second.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace fd::ui {

class IdleWatch : public QObject {
    Q_OBJECT
public:
    explicit IdleWatch(QObject *parent = nullptr);
    // 0: never. Starts counting again from now.
    void setTimeout(qint64 ms);
    qint64 timeout() const { return m_timeoutMs; }

signals:
    void idle();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void restart();

    qint64 m_timeoutMs = 0;
    QTimer m_timer;
    QElapsedTimer m_sinceRestart;
};

} // namespace fd::ui
