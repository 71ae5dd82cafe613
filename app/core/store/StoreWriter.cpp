#include "StoreWriter.h"

#include "ArchiveReader.h"

#include "ImageBlobs.h"
#include "SqlDialect.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>
#include <QVariant>

#include <algorithm>
#include <variant>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

Q_LOGGING_CATEGORY(lcStore, "facedesk.store")

namespace fd::store {

struct DeviceEventRow {
    QString uuid;
    qint64 at = 0;
    QString kind;
    QString detail;
};

struct DeviceRemoval {
    QString uuid;
};

struct StoreWriter::Job {
    std::variant<EventRecord, DeviceRow, DeviceEventRow, DeviceRemoval, AlertAck> what;
};

namespace {

const QString kUnreachable = QStringLiteral("the archive's database is unreachable; send the event again later");

// Why a statement or commit failed, and whether the disk being full is why.
StoreWriter::Failure failureOf(const QSqlError &e, Backend backend)
{
    return {e.text(), isDiskFull(e, backend), isTransient(e, backend)};
}

} // namespace

StoreWriter::StoreWriter(DatabaseConfig config, WriterOptions options)
    : m_config(std::move(config)), m_options(options), m_images(m_config.imagesDir())
{
    m_owner = QThread::currentThread();
    m_filePool.setMaxThreadCount(qMax(1, m_options.fileWriters));
    static QAtomicInt counter;
    m_connectionName = QStringLiteral("facedesk-writer-%1").arg(counter.fetchAndAddRelaxed(1));
}

StoreWriter::~StoreWriter()
{
    stop();
}

bool StoreWriter::start(QString *error)
{
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("facedesk-store"));
    moveToThread(m_thread);
    m_thread->start();
    bool ok = false;
    // Open on the writer thread: a QSqlDatabase belongs to the thread that opened it.
    QMetaObject::invokeMethod(this, [this, &ok, error] {
        QSqlDatabase db = openDatabase(m_config, m_connectionName, error);
        ok = db.isOpen();
        // The writer's B-tree pages stay in its own cache: with SQLite's default 2 MB,
        // a growing archive's indexes were read back from the kernel for every group
        // (pread was a sixth of the writer's time).
        const bool sqlite = m_config.backend() == Backend::Sqlite;
        ok = ok && (!sqlite || execStatement(db, QStringLiteral("PRAGMA cache_size=-65536"), error));
        if (ok && sqlite && m_options.walCheckpointMs > 0)
            ok = execStatement(db, QStringLiteral("PRAGMA wal_autocheckpoint=16384"), error);  // a 64 MB safety net
        if (ok) {
            m_retentionTimer = new QTimer(this);
            m_retentionTimer->setInterval(3600 * 1000);
            connect(m_retentionTimer, &QTimer::timeout, this, [this] { applyRetention(QDateTime::currentDateTimeUtc()); });
            m_retentionTimer->start();
            m_trimTimer = new QTimer(this);
            connect(m_trimTimer, &QTimer::timeout, this, &StoreWriter::returnFreedMemory);
            m_trimTimer->start(kTrimCheckMs);
            QMetaObject::invokeMethod(this, [this] { applyRetention(QDateTime::currentDateTimeUtc()); }, Qt::QueuedConnection);
        }
    }, Qt::BlockingQueuedConnection);
    if (ok && m_config.backend() == Backend::Sqlite && m_options.walCheckpointMs > 0) {
        m_checkpointer = std::make_unique<WalCheckpointer>(m_config, m_options.walCheckpointMs);
        ok = m_checkpointer->start(error);
    }
    if (!ok)
        stop();
    return ok;
}

void StoreWriter::stop()
{
    if (!m_thread)
        return;
    // Finish what is queued (files first: they feed the queue), then close the
    // connection on its own thread.
    m_filePool.waitForDone();
    QMetaObject::invokeMethod(this, [this] {
        // Not while the database is unreachable: what is held then cannot be written.
        while (queued() > 0 && drainOnce()) {
        }
        if (const int left = queued(); left > 0)
            qCCritical(lcStore) << left << "records not written at shutdown: the archive's database is unreachable";
        delete m_retentionTimer;
        m_retentionTimer = nullptr;
        delete m_trimTimer;
        m_trimTimer = nullptr;
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            db.close();
        }
        m_inserter.reset();
        QSqlDatabase::removeDatabase(m_connectionName);
        moveToThread(m_owner);  // back home, so the owner can delete it
    }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_checkpointer.reset();  // after the writer's last commit; closing it checkpoints nothing twice
}

int StoreWriter::queued() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_queue.size());
}

bool StoreWriter::enqueueEvent(EventRecord record)
{
    QMutexLocker lock(&m_mutex);
    if (m_queuedEvents >= m_options.maxQueued)
        return false;
    ++m_queuedEvents;  // counted from here: the file stage is part of the queue
    m_fileQueue.emplace_back(m_nextFileSeq++, std::move(record));
    // A file worker keeps taking events while there are any, so under load the pool is
    // not woken once per event (a futex round trip and two context switches each).
    if (m_fileWorkersActive < m_filePool.maxThreadCount() &&
        qsizetype(m_fileQueue.size()) > qsizetype(m_fileWorkersActive) * kFileBatch) {
        ++m_fileWorkersActive;
        m_filePool.start([this] { runFileWorker(); });
    }
    return true;
}

void StoreWriter::runFileWorker()
{
    std::vector<std::pair<quint64, EventRecord>> mine;
    QMutexLocker lock(&m_mutex);
    while (!m_fileQueue.empty()) {
        mine.clear();
        while (!m_fileQueue.empty() && mine.size() < size_t(kFileBatch)) {
            mine.push_back(std::move(m_fileQueue.front()));
            m_fileQueue.pop_front();
        }
        lock.unlock();
        for (auto &[seq, record] : mine)
            writeFiles(record);
        lock.relock();
        // Files are written in parallel, rows are committed in arrival order: a big
        // image must not let a later event be acknowledged (and alerted) first.
        for (auto &[seq, record] : mine)
            m_filesDone.emplace(seq, std::move(record));
        for (auto it = m_filesDone.begin(); it != m_filesDone.end() && it->first == m_nextQueueSeq;
             it = m_filesDone.erase(it), ++m_nextQueueSeq)
            pushLocked(Job{std::move(it->second)});
    }
    --m_fileWorkersActive;
}

void StoreWriter::writeFiles(EventRecord &r)
{
    // Content-named files: writing one that a crash leaves without its row costs
    // nothing but space (retention and the next identical push reuse it).
    const protocol::FacePush &p = r.push;
    r.filesWritten = true;
    if (!p.image.isEmpty()) {
        r.faceHash = ImageStore::contentHash(p.image);
        r.facePath = m_images.put(p.image, r.faceHash, &r.fileError, &r.fileNoSpace);
        if (r.facePath.isEmpty())
            return;
    }
    if (!p.background.isEmpty())
        r.scenePath = m_images.put(p.background, &r.fileError, &r.fileNoSpace);
}

void StoreWriter::pushLocked(Job job)
{
    m_queue.push_back(std::move(job));
    // One drain is scheduled at a time; it takes everything queued by then.
    if (!m_drainScheduled) {
        m_drainScheduled = true;
        QMetaObject::invokeMethod(this, &StoreWriter::drain, Qt::QueuedConnection);
    }
}

void StoreWriter::enqueueDevice(const DeviceRow &row)
{
    QMutexLocker lock(&m_mutex);
    pushLocked(Job{row});
}

void StoreWriter::enqueueDeviceEvent(const QString &uuid, qint64 atMs, const QString &kind, const QString &detail)
{
    QMutexLocker lock(&m_mutex);
    pushLocked(Job{DeviceEventRow{uuid, atMs, kind, detail}});
}

void StoreWriter::enqueueDeviceRemoval(const QString &uuid)
{
    QMutexLocker lock(&m_mutex);
    pushLocked(Job{DeviceRemoval{uuid}});
}

void StoreWriter::enqueueAlertAck(const AlertAck &ack)
{
    QMutexLocker lock(&m_mutex);
    pushLocked(Job{ack});
}

std::vector<StoreWriter::Job> StoreWriter::takeBatch()
{
    std::vector<Job> batch;
    QMutexLocker lock(&m_mutex);
    const size_t n = std::min(m_queue.size(), size_t(m_options.maxBatch));
    batch.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        batch.push_back(std::move(m_queue.front()));
        m_queue.pop_front();
    }
    return batch;
}

void StoreWriter::drain()
{
    const bool reached = drainOnce();
    QMutexLocker lock(&m_mutex);
    if (m_queue.empty()) {
        m_drainScheduled = false;
    } else if (!reached) {
        // The database is unreachable and records wait for it: try again in a second
        // (events that come meanwhile wait at most that long for their busy answer).
        QTimer::singleShot(kReconnectMs, this, &StoreWriter::drain);
    } else {
        // More arrived while committing: the next group goes right away, but after
        // any other queued work on this thread.
        QMetaObject::invokeMethod(this, &StoreWriter::drain, Qt::QueuedConnection);
    }
}

bool StoreWriter::drainOnce()
{
    std::vector<Job> batch = takeBatch();
    if (batch.empty())
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!databaseReachable(db)) {
        holdBack(batch, kUnreachable);
        return false;
    }
    return commitBatch(db, batch);
}

// While the database is unreachable, a reconnection is tried at most once a second:
// a host that does not answer makes each try wait for libpq's connect timeout.
bool StoreWriter::databaseReachable(QSqlDatabase &db)
{
    if (!m_unreachableSince.isValid())
        return true;
    if (m_reconnectClock.isValid() && m_reconnectClock.elapsed() < kReconnectMs)
        return false;
    m_reconnectClock.start();
    QString error;
    if (!reconnectIfLost(db, m_config, &error)) {
        qCWarning(lcStore).noquote() << "the archive's database is still unreachable:" << error;
        return false;
    }
    m_inserter.reset();  // prepared on the connection that died
    qCInfo(lcStore).noquote() << "the archive's database is reachable again after"
                              << m_unreachableSince.secsTo(QDateTime::currentDateTimeUtc()) << "s";
    m_unreachableSince = {};
    emit databaseReachableChanged(true, {}, {});
    return true;
}

// After a group failed as a whole: was the connection lost? (Only PostgreSQL's can be.)
bool StoreWriter::connectionLost(QSqlDatabase &db, const QString &why)
{
    if (m_config.backend() != Backend::Postgres)
        return false;
    QString error;
    if (reconnectIfLost(db, m_config, &error)) {
        m_inserter.reset();  // the connection may be a new one
        return false;
    }
    if (!m_unreachableSince.isValid()) {
        m_unreachableSince = QDateTime::currentDateTimeUtc();
        m_reconnectClock.start();
        qCCritical(lcStore).noquote() << "the archive's database is unreachable:" << why << "/" << error;
        emit databaseReachableChanged(false, m_unreachableSince, error.isEmpty() ? why : error);
    }
    return true;
}

// Records that could not reach the database: events are answered with the busy code
// (their devices send them again: a device is told "stored" only after a commit), and
// everything else FaceDesk itself wrote (device rows and history, acknowledgements)
// goes back to the head of the queue, in order, to be written when the database
// returns. Those are few and small; events, the bulk, are never held.
void StoreWriter::holdBack(std::vector<Job> &batch, const QString &why)
{
    QList<quint64> tickets;
    std::vector<Job> kept;
    for (Job &job : batch) {
        if (const auto *e = std::get_if<EventRecord>(&job.what))
            tickets.append(e->ticket);
        else
            kept.push_back(std::move(job));
    }
    {
        QMutexLocker lock(&m_mutex);
        m_queuedEvents -= int(tickets.size());
        for (auto it = kept.rbegin(); it != kept.rend(); ++it)
            m_queue.push_front(std::move(*it));
    }
    if (!tickets.isEmpty())
        emit failed(tickets, why);
}

// PostgreSQL: the other processes on the archive (desks' ArchiveFeed) hear of new
// events and acknowledgements. NOTIFY is transactional, delivered at the commit, so a
// listener never hears of rows it cannot read yet. The new ids are also noted as this
// process's own, before the commit, so that this desk's feed skips what its own
// listener already shows.
bool StoreWriter::announce(QSqlDatabase &db, const QList<qint64> &ids, const QList<bool> &fresh,
                           const std::vector<Job> &batch, Failure *error)
{
    if (m_config.backend() != Backend::Postgres)
        return true;
    qint64 newest = -1;
    {
        QMutexLocker lock(&m_mutex);
        for (qsizetype i = 0; i < ids.size(); ++i) {
            if (fresh[i]) {
                m_ownEvents.insert(ids[i]);
                newest = std::max(newest, ids[i]);
            }
        }
        while (m_ownEvents.size() > kOwnEventsKept)
            m_ownEvents.erase(m_ownEvents.begin());
    }
    const bool acks = std::any_of(batch.cbegin(), batch.cend(),
                                  [](const Job &j) { return std::holds_alternative<AlertAck>(j.what); });
    const bool devices = std::any_of(batch.cbegin(), batch.cend(), [](const Job &j) {
        return std::holds_alternative<DeviceRow>(j.what) || std::holds_alternative<DeviceRemoval>(j.what);
    });
    QSqlQuery q(db);
    // Devices first: a desk names an event's tile after its device, which may be new.
    if ((devices && !q.exec(QStringLiteral("NOTIFY facedesk_devices")))
        || (newest >= 0 && !q.exec(QStringLiteral("NOTIFY facedesk_events, '%1'").arg(newest)))
        || (acks && !q.exec(QStringLiteral("NOTIFY facedesk_acks")))) {
        *error = failureOf(q.lastError(), m_config.backend());
        return false;
    }
    return true;
}

bool StoreWriter::isOwnEvent(qint64 id) const
{
    QMutexLocker lock(&m_mutex);
    return m_ownEvents.count(id) > 0;
}

bool StoreWriter::commitBatch(QSqlDatabase &db, std::vector<Job> &batch)
{
    QList<quint64> tickets, failedTickets;
    QList<qint64> ids;
    QList<bool> fresh;
    Failure error, eventError;
    bool ok = db.transaction();
    const bool begun = ok;
    if (!ok)
        error = failureOf(db.lastError(), m_config.backend());
    const std::vector<const EventRecord *> events = eventsOf(batch);
    std::vector<EventInserter::Outcome> outcomes;
    // A failed image row aborts the transaction: the group fails as a whole, so that a
    // full disk, a lost connection or a lock lost to another writer take their paths.
    if (QSqlError imageError; ok && !m_inserter.insertImages(db, events, &outcomes, &imageError)) {
        ok = false;
        error = failureOf(imageError, m_config.backend());
        error.text = QStringLiteral("the images were not stored in the database: ") + error.text;
    }
    // Events and acknowledgements are fed to every desk by id (ArchiveFeed), so their ids
    // must commit in order: the commit-order lock, after the images (which other
    // writers store side by side) and before any events row, acknowledgement or device
    // row (no writer may hold a device row while it waits for the lock).
    const bool rows = std::any_of(outcomes.cbegin(), outcomes.cend(), [](const auto &o) { return o.error.isEmpty(); })
                      || std::any_of(batch.cbegin(), batch.cend(),
                                     [](const Job &job) { return std::holds_alternative<AlertAck>(job.what); });
    if (QSqlError lockError; ok && rows && !lockCommitOrder(db, &lockError)) {
        ok = false;
        error = failureOf(lockError, m_config.backend());
        error.text = QStringLiteral("the archive's commit order could not be kept: ") + error.text;
    }
    if (ok) {
        m_inserter.insertRows(db, events, &outcomes);
        sortOutcomes(events, outcomes, &tickets, &ids, &fresh, &failedTickets, &eventError);
        writeOtherRows(db, batch);
    }
    if (ok)
        ok = announce(db, ids, fresh, batch, &error);
    if (ok && !db.commit()) {
        ok = false;
        error = failureOf(db.lastError(), m_config.backend());
        db.rollback();
    } else if (!ok && begun) {
        db.rollback();  // a failed step: the next group must not start inside this one
    }
    if (ok && m_checkpointer)
        m_checkpointer->noteCommit();
    if (!ok && connectionLost(db, error.text)) {
        holdBack(batch, kUnreachable);
        return false;
    }
    if (!ok && error.transient) {
        // Another writer won a lock race: nothing of the group is stored; its records
        // are written again at once, its events are sent again by their devices.
        qCWarning(lcStore).noquote() << "the group was rolled back by the database and is written again:" << error.text;
        holdBack(batch, QStringLiteral("the archive was busy; send the event again"));
        return true;
    }
    if (!ok) {
        qCCritical(lcStore) << "commit failed:" << error.text;
        failedTickets.clear();
        for (const EventRecord *e : events)
            failedTickets.append(e->ticket);
        tickets.clear();
        ids.clear();
        fresh.clear();
    }
    {
        QMutexLocker lock(&m_mutex);
        m_queuedEvents -= int(events.size());
    }
    if (error.text.isEmpty())
        error = eventError;
    noteStorage(!tickets.isEmpty(), error);
    if (m_storageFull && !failedTickets.isEmpty())
        error.text = QStringLiteral("the archive's disk is full; send the event again later");
    if (!tickets.isEmpty())
        emit committed(tickets, ids, fresh);
    if (!failedTickets.isEmpty())
        emit failed(failedTickets, error.text.isEmpty() ? QStringLiteral("the event could not be stored") : error.text);
    return true;
}

void StoreWriter::setRetention(const RetentionPolicy &policy)
{
    QMutexLocker lock(&m_mutex);
    m_retention = policy;
}

RetentionResult StoreWriter::applyRetentionNow(const QDateTime &now)
{
    RetentionResult result;
    QMetaObject::invokeMethod(this, [&] { result = applyRetention(now); }, Qt::BlockingQueuedConnection);
    return result;
}

void StoreWriter::removeUnreferenced(QSqlDatabase &db, const QStringList &paths, RetentionResult *result)
{
    result->filesRemoved += removeUnreferencedImages(db, m_images, paths, &result->blobsDropped);
}

// A backlog (a database stall, a disk that was full) holds every queued event's images
// in memory: 2,000 events of a 250 KB scene are half a gigabyte. glibc keeps freed
// heap pages for reuse, so the process stayed at the backlog's peak for the rest of
// the run (the fault soak: 800 MB before a 20 s stall, 1.33 GB after it). Trimming once
// when the writer's queue emptied gave back only 80 MB: the events' images, the
// server's waiting answers and the sockets' buffers are freed after that moment.
// malloc_info of a serve process 2 minutes after such a stall: 732 MiB taken from the
// system, 53 MiB in use, 679 MiB free in the main arena. So the check runs every few
// seconds on the writer thread and trims when glibc holds more than 64 MiB free
// (mallinfo2 only reads the arenas' counters and bins; neither it nor the trim has
// been timed on its own, tests/soak/stall_memory.sh shows the whole effect).
void StoreWriter::returnFreedMemory()
{
#if defined(__GLIBC__)
    if (mallinfo2().fordblks > kTrimAboveBytes)
        malloc_trim(0);
#endif
}

// A full disk is ENOSPC on an image file (ImageStore::put says so) or the database's
// disk-full code (isDiskFull, either backend), told by codes: the texts are the locale's. It ends when an event
// is stored again: devices keep retrying, so the first retry after space returns clears it.
void StoreWriter::noteStorage(bool anyStored, const Failure &failure)
{
    const bool full = failure.noSpace;
    if (full && !m_storageFull) {
        m_storageFull = true;
        qCCritical(lcStore) << "the archive's disk is full:" << failure.text;
        emit storageFullChanged(true, failure.text);
    } else if (anyStored && !full && m_storageFull) {
        m_storageFull = false;
        qCInfo(lcStore) << "the archive's disk has room again";
        emit storageFullChanged(false, {});
    }
}

QStringList RetentionPolicy::listNames()
{
    return {QStringLiteral("stranger"), QStringLiteral("blacklist"), QStringLiteral("whitelist"), QStringLiteral("vip"),
            QStringLiteral("custom")};
}

QString RetentionPolicy::listCondition(const QString &list)
{
    if (list == QLatin1String("stranger"))
        return QStringLiteral("(e.index_id IS NULL OR e.index_id <= 0)");
    // The list as everywhere else (eventListSql: the library person's list, else the
    // device's, else custom), so FaceDesk's own matches and a device's match without a
    // pic_sort fall under a rule too.
    const int sort = int(listNames().indexOf(list));  // blacklist 1, whitelist 2, vip 3, custom 4
    return sort > 0 ? QStringLiteral("e.index_id > 0 AND %1 = %2").arg(eventListSql()).arg(sort) : QString();
}

void StoreWriter::deleteOlderThan(QSqlDatabase &db, qint64 cutoffMs, const QString &condition, RetentionResult *result)
{
    const QString where = condition.isEmpty() ? QStringLiteral("e.capture_at < ?") : QStringLiteral("e.capture_at < ? AND ") + condition;
    for (;;) {
        QSqlQuery old(db);
        old.prepare(QStringLiteral("SELECT e.id, e.face_path, e.scene_path FROM events e WHERE %1 ORDER BY e.capture_at LIMIT 1000").arg(where));
        old.addBindValue(cutoffMs);
        if (!old.exec())
            return;
        QStringList ids, paths;
        QList<qint64> deleted;
        while (old.next()) {
            ids << old.value(0).toString();
            deleted << old.value(0).toLongLong();
            for (int c : {1, 2})
                if (!old.value(c).isNull())
                    paths << old.value(c).toString();
        }
        if (ids.isEmpty())
            return;
        db.transaction();
        QSqlQuery del(db);
        if (!del.exec(QStringLiteral("DELETE FROM events WHERE id IN (%1)").arg(ids.join(u','))) || !db.commit()) {
            qCWarning(lcStore) << "retention: events not deleted:" << del.lastError().text();
            db.rollback();
            return;
        }
        emit eventsDeleted(deleted);
        result->eventsDeleted += ids.size();
        removeUnreferenced(db, paths, result);
    }
}

RetentionResult StoreWriter::applyRetention(const QDateTime &now)
{
    RetentionPolicy policy;
    {
        QMutexLocker lock(&m_mutex);
        policy = m_retention;
    }
    RetentionResult result;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isOpen())
        return result;
    if (policy.maxAgeDays > 0)
        deleteOlderThan(db, now.addDays(-policy.maxAgeDays).toMSecsSinceEpoch(), {}, &result);
    for (auto it = policy.listMaxAgeDays.cbegin(); it != policy.listMaxAgeDays.cend(); ++it)
        if (const QString condition = RetentionPolicy::listCondition(it.key()); it.value() > 0 && !condition.isEmpty())
            deleteOlderThan(db, now.addDays(-it.value()).toMSecsSinceEpoch(), condition, &result);
    if (policy.maxSceneBytes > 0) {
        for (;;) {
            QSqlQuery total(db);
            if (!total.exec(QStringLiteral("SELECT COALESCE(SUM(scene_bytes), 0) FROM events WHERE scene_path IS NOT NULL")) || !total.next())
                break;
            qint64 excess = total.value(0).toLongLong() - policy.maxSceneBytes;
            if (excess <= 0)
                break;
            QSqlQuery oldest(db);
            if (!oldest.exec(QStringLiteral("SELECT id, scene_path, scene_bytes FROM events WHERE scene_path IS NOT NULL "
                                            "ORDER BY capture_at, id LIMIT 500")))
                break;
            QStringList ids, paths;
            while (oldest.next() && excess > 0) {
                ids << oldest.value(0).toString();
                paths << oldest.value(1).toString();
                excess -= oldest.value(2).toLongLong();
            }
            if (ids.isEmpty())
                break;
            db.transaction();
            QSqlQuery drop(db);
            drop.exec(QStringLiteral("UPDATE events SET scene_path = NULL, scene_bytes = 0 WHERE id IN (%1)").arg(ids.join(u',')));
            db.commit();
            result.scenesDropped += ids.size();
            removeUnreferenced(db, paths, &result);
        }
    }
    if (result.eventsDeleted || result.scenesDropped)
        qCInfo(lcStore) << "retention:" << result.eventsDeleted << "events deleted," << result.scenesDropped
                        << "background images dropped," << result.filesRemoved << "files removed,"
                        << result.blobsDropped << "images dropped from the database";
    return result;
}

std::vector<const EventRecord *> StoreWriter::eventsOf(const std::vector<Job> &batch)
{
    std::vector<const EventRecord *> events;
    for (const Job &job : batch)
        if (const auto *e = std::get_if<EventRecord>(&job.what))
            events.push_back(e);
    return events;
}

// The group's other records: device rows and their history, acknowledgements. One that
// fails is logged and does not sink the group (its events are what devices wait for).
void StoreWriter::writeOtherRows(QSqlDatabase &db, const std::vector<Job> &batch)
{
    for (const Job &job : batch) {
        if (const auto *d = std::get_if<DeviceRow>(&job.what)) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral(
                "INSERT INTO devices (uuid, mac, device_type, name, host, soft_version, state, first_seen, last_seen, "
                "heartbeat_interval, online) VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(uuid) DO UPDATE SET "
                "mac=excluded.mac, device_type=excluded.device_type, name=excluded.name, host=excluded.host, "
                "soft_version=excluded.soft_version, state=excluded.state, last_seen=excluded.last_seen, "
                "heartbeat_interval=excluded.heartbeat_interval, online=excluded.online"));
            for (const QVariant &v : {QVariant(d->uuid), orNull(d->mac), orNull(d->deviceType), orNull(d->name),
                                      orNull(d->host), orNull(d->softVersion), QVariant(d->state),
                                      QVariant(d->firstSeen), QVariant(d->lastSeen),
                                      QVariant(d->heartbeatInterval), QVariant(d->online ? 1 : 0)})
                q.addBindValue(v);
            if (!q.exec())
                qCWarning(lcStore) << "device" << d->uuid << "not saved:" << q.lastError().text();
        } else if (const auto *rm = std::get_if<DeviceRemoval>(&job.what)) {
            // The device goes; its events stay in the archive, as evidence should.
            QSqlQuery q(db);
            q.prepare(QStringLiteral("DELETE FROM devices WHERE uuid = ?"));
            q.addBindValue(rm->uuid);
            if (!q.exec())
                qCWarning(lcStore) << "device" << rm->uuid << "not removed:" << q.lastError().text();
        } else if (const auto *ack = std::get_if<AlertAck>(&job.what)) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("INSERT INTO alert_acks (event_id, device_uuid, kind, raised_at, "
                                     "acknowledged_at, acknowledged_by, note) VALUES (?,?,?,?,?,?,?)"));
            for (const QVariant &v : {orNull(ack->eventId), orNull(ack->deviceUuid), QVariant(ack->kind),
                                      QVariant(ack->raisedAt), QVariant(ack->acknowledgedAt),
                                      QVariant(ack->acknowledgedBy), orNull(ack->note)})
                q.addBindValue(v);
            if (!q.exec())
                qCWarning(lcStore) << "acknowledgement not saved:" << q.lastError().text();
        } else if (const auto *de = std::get_if<DeviceEventRow>(&job.what)) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("INSERT INTO device_events (device_uuid, at, kind, detail) VALUES (?,?,?,?)"));
            q.addBindValue(de->uuid);
            q.addBindValue(de->at);
            q.addBindValue(de->kind);
            q.addBindValue(de->detail);
            if (!q.exec())
                qCWarning(lcStore) << "device event not saved:" << q.lastError().text();
        }
    }
}

// Each event's outcome to its list: stored (acknowledged after the commit) or failed
// (answered with the error). A bad event (its files failed) does not sink its group.
void StoreWriter::sortOutcomes(const std::vector<const EventRecord *> &events,
                               const std::vector<EventInserter::Outcome> &outcomes, QList<quint64> *tickets,
                               QList<qint64> *ids, QList<bool> *fresh, QList<quint64> *failedTickets,
                               Failure *firstError)
{
    for (size_t i = 0; i < events.size(); ++i) {
        const EventInserter::Outcome &o = outcomes[i];
        if (o.stored) {
            tickets->append(events[i]->ticket);
            ids->append(o.id);
            fresh->append(o.fresh);
            continue;
        }
        qCWarning(lcStore) << "event from" << events[i]->deviceUuid << "not stored:" << o.error;
        failedTickets->append(events[i]->ticket);
        if (firstError->text.isEmpty())
            *firstError = {o.error, o.noSpace};
    }
}

} // namespace fd::store
