// Keeps every connected device's face library equal to what FaceDesk wants it to
// hold. Lives on the server's thread beside the device channel (FaceServer), with its own database
// connection opened there.
//
// The persistent state is the queue: what a device should hold (LibraryStore::wantedBy)
// and what it confirmed (sync_state) are compared afresh whenever something may have
// changed (a kick, a session opening, a back-off ending, the periodic reconcile), and
// the difference is sent as library commands down the device's long connection, one
// command in flight per device. Every answer is recorded before the next command goes
// out, so a restart of FaceDesk resumes where the archive says it stopped.
// See docs/ARCHITECTURE.md ("Library sync") and docs/PROTOCOL.md §4.10.
#pragma once

#include "PictureCache.h"
#include "SyncCommand.h"
#include "SyncPlanner.h"
#include "SyncStateStore.h"
#include "store/Database.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <unordered_map>
#include <memory>

namespace fd::library { class LibraryStore; }
namespace fd::devices { class DeviceChannel; }

namespace fd::sync {

struct SyncConfig {
    BatchLimits batch;
    RetryPolicy retry;
    int replyTimeoutMs = 30000;            // no answer this long: a transport failure, and the connection is dropped
    int reconcileIntervalMs = 5 * 60000;   // plan every connected device again (0: never)
    int changePollMs = 1000;               // look for library changes made by other processes (0: never)
    int kickDelayMs = 50;                  // kicks within this window make one plan
    bool verifyOnSyncRequest = true;       // ask the device what it holds (sw_server_get_sort) on sw_device_sync_data
};

class SyncEngine : public QObject {
    Q_OBJECT
public:
    // Counters of one device since the engine started (engine thread only).
    struct DeviceCounters {
        qint64 commands = 0;       // library commands written
        qint64 itemsSent = 0;      // persons named in them (adds, updates, deletes)
        qint64 bytesSent = 0;      // their bytes on the wire
        qint64 replies = 0;        // answers matched to a command
        qint64 transportFailures = 0;  // commands that got no answer (connection lost, timeout)
        qint64 verifies = 0;       // sw_server_get_sort answers applied
    };

    SyncEngine(store::DatabaseConfig database, devices::DeviceChannel *channel, SyncConfig config = {},
               QObject *parent = nullptr);
    ~SyncEngine() override;

    // Opens the engine's database connection on the calling thread (which must be the
    // server's) and starts serving the devices already connected.
    bool start(QString *error);

    const SyncConfig &config() const { return m_config; }
    // Engine thread only.
    DeviceCounters counters(const QString &uuid) const;
    SyncCounts counts(const QString &uuid) const;
    // Connected, nothing in flight and nothing due now (engine thread only).
    bool isSettled(const QString &uuid) const;

public slots:
    // The library or the assignments changed: plan again. Cheap, coalesced, and
    // callable from any thread.
    void kick();
    // A full reconcile of one device, as sw_device_sync_data asks for: its permanent
    // failures and back-offs are forgotten and (when it answers sw_server_get_sort)
    // what it really holds is compared with what it confirmed. Any thread.
    void reconcileDevice(const QString &uuid);

signals:
    // done = persons the device holds at their current revision; failed = refused for
    // good; total also counts removals still to do.
    void progress(const QString &uuid, qint64 done, qint64 total, qint64 failed);
    // sync_state of this device changed (a reply was recorded, a verify applied).
    void syncStateChanged(const QString &uuid);
    // Nothing more is due for this device now: everything is synced, failed for good,
    // or waiting for a back-off to end.
    void deviceSettled(const QString &uuid);
    // The device listed what it holds (held persons), after a sync request.
    void deviceVerified(const QString &uuid, qint64 held);
    // One periodic reconcile pass over the connected devices is done.
    void reconcileTicked();

private:
    struct Device {
        bool connected = false;
        bool dirty = true;          // plan before the next command
        bool verifyWanted = false;  // send sw_server_get_sort before the next command
        bool settled = false;
        bool stalled = false;       // the database refused a write; wait for the next kick or tick
        QList<Action> queue;        // the current plan's actions not yet cut into commands
        std::optional<Command> inFlight;
        // The next command, cut while the device works on the one in flight, so that
        // its answer is followed by the next command at once.
        std::optional<Command> prepared;
        QElapsedTimer sentAt;
        qint64 wakeAt = 0;
        SyncCounts counts;
        DeviceCounters counters;
    };

    void onSessionOpened(const QString &uuid);
    void onSessionClosed(const QString &uuid);
    void onReplied(const QString &uuid, const protocol::Decoded &reply);
    void onKickTimer();
    void onWatchdog();
    void onWake();
    void onReconcileTick();
    void replanAll();  // every device dirty, unstalled, and pumped
    void onPoll();
    void reconnect();

    void pump(const QString &uuid);
    void prepare(const QString &uuid);
    std::optional<Command> cutCommand(const QString &uuid, Device &d);
    bool replan(const QString &uuid, Device &d);
    void send(const QString &uuid, Device &d, Command command);
    void recordOutcomes(const QString &uuid, Device &d, const QList<ItemOutcome> &outcomes);
    void failInFlight(const QString &uuid, Device &d, const QString &why);
    void scheduleWake();
    SourcedPicture pictureOf(const Action &action);

    store::DatabaseConfig m_database;
    devices::DeviceChannel *m_channel;
    SyncConfig m_config;
    QString m_connectionName;
    std::unique_ptr<library::LibraryStore> m_library;
    std::unique_ptr<SyncStateStore> m_state;
    Device *find(const QString &uuid);
    QStringList deviceIds() const;

    // Node-based: a Device reference stays valid while devices are added, even from a
    // slot connected (directly) to one of the signals emitted while it is in use.
    std::unordered_map<QString, Device> m_devices;
    PictureCache m_pictures;
    std::atomic<bool> m_kickQueued{false};
    bool m_databaseLost = false;  // the last poll found the database unreachable
    qint64 m_changeCounter = -1;
    QTimer m_kickTimer;
    QTimer m_watchdog;
    QTimer m_wake;
    QTimer m_reconcile;
    QTimer m_poll;
};

} // namespace fd::sync
