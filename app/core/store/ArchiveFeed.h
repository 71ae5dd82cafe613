// What other processes commit to a shared PostgreSQL archive, as they commit it: the
// events every collector stores and the alert acknowledgements every desk writes
// (#12, item 4). A desk shows them beside what its own listener receives. Also the
// site's devices as every collector records them, so that a desk lists and names the
// devices other collectors hold (their rows change on registration, approval, renaming
// and presence; the writer notifies `facedesk_devices` with them).
//
// Woken by LISTEN/NOTIFY (the writer notifies `facedesk_events` and `facedesk_acks` in
// the transaction that stores them, so a notification never arrives before its rows),
// but never trusting the notification for content: the archive says what is new (ids
// above the last one seen), so a desk that missed notifications (asleep, disconnected,
// its database connection lost and reopened) catches up from the database, not from
// memory. A poll every few seconds covers notifications lost while reconnecting.
// Runs on a thread and connection of its own: nothing here waits on the GUI thread.
// SQLite archives have one process writing them; the feed is not used there.
#pragma once

#include "Database.h"
#include "StoreWriter.h"
#include "protocol/Messages.h"

#include <QObject>
#include <QThread>
#include <QTimer>

#include <functional>

namespace fd::store {

struct EventDetails;

class ArchiveFeed : public QObject {
    Q_OBJECT
public:
    // isOwnEvent: ids this process's own writer committed (the desk's listener shows
    // those already); called on the feed's thread.
    ArchiveFeed(DatabaseConfig config, std::function<bool(qint64)> isOwnEvent, int pollMs = 5000);
    ~ArchiveFeed() override;

    // Starts after what the archive holds now (the wall starts empty, as with a
    // listener); events and acknowledgements from then on are reported.
    bool start(QString *error);
    void stop();
    // Thread-safe: reports the site's devices (devicesChanged) soon, changed or not;
    // for a window that has just connected to the feed.
    void requestDevices();

    // A committed event as the wall takes it: the push rebuilt from its row, its face
    // image read from the archive (bounded).
    static protocol::FacePush pushOf(const EventDetails &event);

signals:
    void eventArrived(qint64 eventId, const fd::protocol::FacePush &push, const QString &deviceUuid);
    // An alert acknowledged anywhere (this desk included): eventId -1 for a device alert.
    void acknowledgementArrived(qint64 eventId, const QString &deviceUuid, const QString &kind,
                                const QString &acknowledgedBy, qint64 acknowledgedAtMs, const QString &note);
    // Every device of the site, as the collectors last recorded them, when that changed
    // (and once after start). A device whose collector stopped recording it (the
    // collector died with the device online) is reported offline once its row is older
    // than three heartbeat intervals plus the registry's minute between saves.
    void devicesChanged(const QList<fd::store::DeviceRow> &devices);

private:
    bool open(QString *error);  // on the feed's thread
    // On every notification and poll: what is new, devices included (fetchInOneSnapshot).
    void fetchNew();
    bool fetchInOneSnapshot(QSqlDatabase &db);
    void onNotification(const QString &channel);  // a member: connected uniquely on every reconnection
    bool fetchEvents(QSqlDatabase &db);  // false: the archive did not answer
    bool fetchAcknowledgements(QSqlDatabase &db);
    bool fetchDevices(QSqlDatabase &db);

    DatabaseConfig m_config;
    std::function<bool(qint64)> m_isOwnEvent;
    int m_pollMs;
    QThread m_thread;
    QTimer *m_poll = nullptr;  // lives on m_thread
    QString m_connectionName;
    qint64 m_lastEvent = 0;
    qint64 m_lastAck = 0;
    bool m_positioned = false;  // m_lastEvent and m_lastAck read from the archive
    bool m_lost = false;
    QList<DeviceRow> m_devices;  // as last reported
    bool m_devicesReported = false;
};

} // namespace fd::store
