// The archive's single writer. It runs on its own thread, takes events (and device
// updates) from a bounded queue, and commits them in groups: one transaction for
// everything that arrived while the previous one was being written. A caller learns
// through committed() that its event is on disk, and only then acknowledges it.
#pragma once

#include "Database.h"
#include "EventInserter.h"
#include "EventRecord.h"
#include "ImageBlobs.h"
#include "ImageStore.h"
#include "WalCheckpointer.h"

#include <QMutex>
#include <QMap>
#include <QObject>
#include <QThreadPool>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTimer>

#include <deque>
#include <map>
#include <set>
#include <functional>
#include <memory>

namespace fd::store {

struct DeviceRow {
    QString uuid;
    QString mac;
    int deviceType = -1;
    QString name;
    QString host;
    QString softVersion;
    QString state = QStringLiteral("pending");  // pending, approved, rejected
    qint64 firstSeen = 0;                        // ms since the epoch, UTC
    qint64 lastSeen = 0;
    int heartbeatInterval = 30;
    bool online = false;
    // Messages whose dataLength disagreed with their text since FaceDesk started
    // (tolerated, PROTOCOL.md 2.4). Kept by the registry, not stored.
    int lengthMismatches = 0;
};

struct AlertAck {
    qint64 eventId = -1;      // the face event, or -1 for a device alert
    QString deviceUuid;
    QString kind;             // "blacklist", "vip", "stranger", "offline", ...
    qint64 raisedAt = 0;      // ms since the epoch, UTC
    qint64 acknowledgedAt = 0;
    QString acknowledgedBy;   // the desk's operating-system user
    QString note;
};

struct WriterOptions {
    int maxQueued = 20000;    // beyond this, enqueue() refuses: the device retries later
    int maxBatch = 1000;
    // Threads that hash and write image files before the rows are committed. File
    // creation waits on the disk; several in flight keep the disk busy while the
    // single SQLite writer commits the previous group.
    int fileWriters = 4;
    // How often a thread of its own checkpoints the log (WalCheckpointer); 0: the
    // writer does it itself every 4 MB, as SQLite does by default.
    int walCheckpointMs = 250;
};

// What the archive forgets, and when. Checked at start and every hour.
struct RetentionPolicy {
    int maxAgeDays = 0;            // events older than this go, images and all (0: keep)
    qint64 maxSceneBytes = 0;      // background images beyond this go, oldest first (0: no quota)
    // Per list (#13: biometric data is kept no longer than its purpose needs, e.g.
    // strangers 30 days, blacklist hits a year): events of the list older than this
    // go too; 0 or absent: only the rule above. The list is the event's as the wall and
    // the search show it (store::eventListSql); "stranger" is an event that matched nobody.
    QMap<QString, int> listMaxAgeDays;

    // "stranger", "blacklist", "whitelist", "vip", "custom": the keys above, the
    // command line's and the settings' names.
    static QStringList listNames();
    // The SQL condition on events (as `e`) that selects a list's events; empty for an unknown name.
    static QString listCondition(const QString &list);
};

struct RetentionResult {
    qint64 eventsDeleted = 0;
    qint64 scenesDropped = 0;
    qint64 filesRemoved = 0;
    qint64 blobsDropped = 0;  // PostgreSQL: image rows no event and no photo names any more
};

class StoreWriter : public QObject {
    Q_OBJECT
public:
    // Why an event or a commit failed, and whether the disk being full is why.
    struct Failure {
        QString text;
        bool noSpace = false;
        bool transient = false;  // a deadlock or the like: the group may be written again
    };
    StoreWriter(DatabaseConfig config, WriterOptions options = {});
    ~StoreWriter() override;

    const DatabaseConfig &config() const { return m_config; }

    // Starts the writer thread and opens the database there.
    bool start(QString *error);
    void stop();

    // Thread-safe. False when the queue is full (nothing is queued then).
    bool enqueueEvent(EventRecord record);
    // Thread-safe; device rows and state changes are never refused.
    void enqueueDevice(const DeviceRow &row);
    void enqueueDeviceEvent(const QString &uuid, qint64 atMs, const QString &kind, const QString &detail);
    void enqueueDeviceRemoval(const QString &uuid);
    void enqueueAlertAck(const AlertAck &ack);
    int queued() const;
    // Thread-safe: whether this writer stored the event (PostgreSQL; the last 100,000
    // of them), so that a desk's ArchiveFeed skips what its own listener already shows.
    bool isOwnEvent(qint64 id) const;

    void setRetention(const RetentionPolicy &policy);
    // Applies the policy now, on the writer thread, and waits for it (tests, CLI).
    RetentionResult applyRetentionNow(const QDateTime &now);

signals:
    // Emitted from the writer thread after each group commit. fresh[i] is false when
    // the event was already in the archive (a device's retry): answer it, show it once.
    void committed(const QList<quint64> &tickets, const QList<qint64> &eventIds, const QList<bool> &fresh);
    // Events that could not be stored; their tickets must be answered with an error.
    void failed(const QList<quint64> &tickets, const QString &error);
    // Events retention deleted, after the deletion is committed: whoever indexes
    // events (face search) drops them, so they cannot hold a place in a top-k.
    void eventsDeleted(const QList<qint64> &eventIds);
    // The disk under the archive (images or database) is full, or has room again.
    // While full, every event that cannot be written is answered with the busy code
    // (never acknowledged): devices send it again, nothing acknowledged is lost.
    void storageFullChanged(bool full, const QString &reason);
    // PostgreSQL only: the connection to the archive's database was lost (a server
    // restarted or unreachable), or is back. While lost, events are answered with the
    // busy code and the writer's other records wait in memory; a reconnection is
    // tried every second. `since` is when it was lost (UTC).
    void databaseReachableChanged(bool reachable, const QDateTime &since, const QString &reason);

private:
    struct Job;
    static std::vector<const EventRecord *> eventsOf(const std::vector<Job> &batch);
    void drain();
    bool drainOnce();  // false: the database was unreachable and records were held back
    std::vector<Job> takeBatch();
    bool commitBatch(QSqlDatabase &db, std::vector<Job> &batch);
    bool databaseReachable(QSqlDatabase &db);
    bool connectionLost(QSqlDatabase &db, const QString &why);
    void holdBack(std::vector<Job> &batch, const QString &why);
    bool announce(QSqlDatabase &db, const QList<qint64> &ids, const QList<bool> &fresh, const std::vector<Job> &batch,
                  Failure *error);
    void noteStorage(bool anyStored, const Failure &failure);
    static void returnFreedMemory();  // on m_trimTimer: gives glibc's free heap back when it is large
    void pushLocked(Job job);  // m_mutex held
    void runFileWorker();      // a pool thread: writes queued events' files until none are left
    void writeFiles(EventRecord &record);
    void writeOtherRows(QSqlDatabase &db, const std::vector<Job> &batch);
    static void sortOutcomes(const std::vector<const EventRecord *> &events,
                             const std::vector<EventInserter::Outcome> &outcomes, QList<quint64> *tickets,
                             QList<qint64> *ids, QList<bool> *fresh, QList<quint64> *failedTickets,
                             Failure *firstError);
    RetentionResult applyRetention(const QDateTime &now);
    void removeUnreferenced(QSqlDatabase &db, const QStringList &paths, RetentionResult *result);
    // Deletes the events captured before cutoffMs that match `condition` (empty: all),
    // a thousand at a time, with their files.
    void deleteOlderThan(QSqlDatabase &db, qint64 cutoffMs, const QString &condition, RetentionResult *result);

    DatabaseConfig m_config;
    WriterOptions m_options;
    ImageStore m_images;
    QThread *m_thread = nullptr;
    QThread *m_owner = nullptr;
    mutable QMutex m_mutex;
    std::deque<Job> m_queue;
    int m_queuedEvents = 0;
    bool m_storageFull = false;
    std::set<qint64> m_ownEvents;  // m_mutex held; see isOwnEvent
    static constexpr size_t kOwnEventsKept = 100000;
    QDateTime m_unreachableSince;  // valid while the database cannot be reached
    QElapsedTimer m_reconnectClock;
    static constexpr int kReconnectMs = 1000;
    QTimer *m_trimTimer = nullptr;  // lives on the writer thread
    static constexpr int kTrimCheckMs = 5000;
    static constexpr size_t kTrimAboveBytes = 64u * 1024 * 1024;
    bool m_drainScheduled = false;
    QString m_connectionName;
    RetentionPolicy m_retention;
    EventInserter m_inserter;  // owned by the writer thread
    QTimer *m_retentionTimer = nullptr;
    QThreadPool m_filePool;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    // Events leave the file stage in any order and enter the queue in arrival order.
    quint64 m_nextFileSeq = 0;
    quint64 m_nextQueueSeq = 0;
    std::map<quint64, EventRecord> m_filesDone;
    // Events waiting for the file stage, with their arrival numbers; m_mutex held.
    std::deque<std::pair<quint64, EventRecord>> m_fileQueue;
    int m_fileWorkersActive = 0;
    static constexpr int kFileBatch = 4;  // events a file worker takes at a time
};

} // namespace fd::store
