// The strip across the top of the wall that a blacklist hit turns red. Every hit is
// its own entry: ten hits are ten acknowledgements, not one. While anything is
// unacknowledged the banner stays and a warning sound repeats.
#pragma once

#include "EventTile.h"

#include <QFrame>
#include <QTimer>

#include <deque>

class QLabel;
class QPushButton;

namespace fd::ui {

class AlertBanner : public QFrame {
    Q_OBJECT
public:
    explicit AlertBanner(QWidget *parent = nullptr);

    void raiseAlert(const EventTile &tile);
    int pending() const { return int(m_alerts.size()); }

signals:
    void acknowledged(qint64 eventId);

private:
    void acknowledgeFirst();
    void refresh();

    std::deque<EventTile> m_alerts;
    QLabel *m_face;
    QLabel *m_text;
    QPushButton *m_ack;
    QTimer m_sound;
};

} // namespace fd::ui
