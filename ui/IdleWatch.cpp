#include "IdleWatch.h"

#include <QCoreApplication>
#include <QEvent>

#include <limits>

namespace fd::ui {

IdleWatch::IdleWatch(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &IdleWatch::idle);
    QCoreApplication::instance()->installEventFilter(this);
}

void IdleWatch::setTimeout(qint64 ms)
{
    m_timeoutMs = ms;
    m_sinceRestart.invalidate();
    restart();
}

void IdleWatch::restart()
{
    if (m_timeoutMs <= 0) {
        m_timer.stop();
        return;
    }
    if (m_sinceRestart.isValid() && m_sinceRestart.elapsed() < 1000 && m_timeoutMs > 2000)
        return;  // restarted a moment ago: a mouse move is hundreds of events a second
    m_sinceRestart.start();
    m_timer.start(int(qMin<qint64>(m_timeoutMs, std::numeric_limits<int>::max())));
}

bool IdleWatch::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
        restart();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace fd::ui
