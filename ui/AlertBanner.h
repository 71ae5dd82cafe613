// The strip across the top of the wall that an alert turns red (a watch-list hit) or
// amber (a device that went silent). Every alert is its own entry: ten hits are ten
// acknowledgements, not one. While an alarming alert waits, the alarm repeats.
#pragma once

#include "AlertRules.h"
#include "EventTile.h"

#include <QDateTime>
#include <QFrame>
#include <QFuture>

#include <deque>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;
class QSoundEffect;

namespace fd::ui {

struct Alert {
    enum class Kind { Face, DeviceOffline, DeviceOnline };
    Kind kind = Kind::Face;
    AlertAction action = AlertAction::Banner;
    EventTile tile;            // for face alerts
    QString deviceUuid;
    QString deviceName;
    QDateTime raisedAt;

    QString kindName() const;  // for the archive: "blacklist", "vip", "offline", ...
};

class AlertBanner : public QFrame {
    Q_OBJECT
public:
    explicit AlertBanner(QWidget *parent = nullptr);

    void raiseAlert(const Alert &alert);
    int pending() const { return int(m_alerts.size()); }
    bool alarmPlaying() const;
    QLineEdit *noteEdit() const { return m_note; }
    QPushButton *acknowledgeButton() const { return m_ack; }
    void playChime();
    // The face alert of this event was acknowledged on another desk (a shared
    // PostgreSQL archive): it leaves this banner too, and its alarm stops, with a line
    // saying who acknowledged it. Returns whether an alert was waiting for it here.
    bool acknowledgedElsewhere(qint64 eventId, const QString &by);
    QString lastElsewhereNote() const { return m_elsewhere; }
    // Where the banner gets a face to show: alerts do not keep their images, so that a
    // night of unacknowledged hits costs a few hundred bytes each, not a picture each.
    // Where a waiting alert's face comes from when its turn comes (the archive, read
    // off the GUI thread): the banner shows the alert at once and the face when it
    // arrives.
    using FaceLoader = std::function<QFuture<QImage>(qint64 eventId)>;
    void setFaceLoader(FaceLoader loader) { m_faceLoader = std::move(loader); }

signals:
    void acknowledged(const fd::ui::Alert &alert, const QString &note);

private:
    void acknowledgeFirst();
    void refresh();

    std::deque<Alert> m_alerts;
    FaceLoader m_faceLoader;
    qint64 m_faceAskedFor = -1;  // the event whose face is on its way (asked once)
    QString m_elsewhere;  // the last "acknowledged on another desk" line
    QLabel *m_face;
    QLabel *m_text;
    QLineEdit *m_note;
    QPushButton *m_ack;
    QSoundEffect *m_alarm;
    QSoundEffect *m_chime;
};

} // namespace fd::ui

Q_DECLARE_METATYPE(fd::ui::Alert)
