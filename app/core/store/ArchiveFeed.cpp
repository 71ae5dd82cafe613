#include "ArchiveFeed.h"

#include "ArchiveReader.h"
#include "ImageCache.h"

#include <QDateTime>

#include <QFile>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcFeed, "facedesk.feed")

namespace fd::store {

namespace {

const QString kEventsChannel = QStringLiteral("facedesk_events");
const QString kAcksChannel = QStringLiteral("facedesk_acks");
const QString kDevicesChannel = QStringLiteral("facedesk_devices");
constexpr qint64 kRegistrySaveMs = 60000;  // DeviceRegistry writes a beating device's row at most this often
constexpr int kPage = 200;                        // events loaded per query while catching up
constexpr qint64 kMaxFaceBytes = 8 * 1024 * 1024;  // the server's own limit for one image

// Another collector's face is not on this PC until the cache fetches it.
QByteArray readFace(const QString &path)
{
    QFile f(path);
    if (path.isEmpty() || !ImageCache::ensureLocal(path) || !f.open(QIODevice::ReadOnly) || f.size() > kMaxFaceBytes)
        return {};
    return f.readAll();
}

} // namespace

ArchiveFeed::ArchiveFeed(DatabaseConfig config, std::function<bool(qint64)> isOwnEvent, int pollMs)
    : m_config(std::move(config)), m_isOwnEvent(std::move(isOwnEvent)), m_pollMs(pollMs)
{
    static QAtomicInt counter;
    m_connectionName = QStringLiteral("facedesk-feed-%1").arg(counter.fetchAndAddRelaxed(1));
    m_thread.setObjectName(QStringLiteral("facedesk-feed"));
}

ArchiveFeed::~ArchiveFeed()
{
    stop();
}

protocol::FacePush ArchiveFeed::pushOf(const EventDetails &e)
{
    protocol::FacePush p;
    p.kind = e.indexId >= 0 ? protocol::FacePush::Kind::Compare : protocol::FacePush::Kind::Capture;
    p.uuid = e.deviceUuid;
    p.channel = e.channel;
    p.indexId = e.indexId;
    p.picSort = e.picSort;
    p.picName = e.picName;
    if (e.matchScore >= 0)
        p.matchScore = e.matchScore;
    if (!e.position.isNull())
        p.position = {e.position.x(), e.position.y(), e.position.width(), e.position.height(), true};
    p.captureTime = e.captureTime;
    p.quality = e.quality;
    p.visitCount = e.visitCount;
    p.attributes = {e.age, e.gender, e.glasses, e.mask, e.beard, e.race, e.emotion};
    if (e.temperature > -1000)
        p.temperature.realtime = e.temperature;
    if (e.warningTemperature > -1000)
        p.temperature.warning = e.warningTemperature;
    p.temperature.warningType = e.warningType;
    p.imageName = e.imageName;
    p.image = readFace(e.facePath);
    return p;
}

bool ArchiveFeed::start(QString *error)
{
    moveToThread(&m_thread);
    m_thread.start();
    bool ok = false;
    QMetaObject::invokeMethod(this, [this, &ok, error] { ok = open(error); }, Qt::BlockingQueuedConnection);
    if (!ok)
        stop();
    return ok;
}

void ArchiveFeed::stop()
{
    if (!m_thread.isRunning())
        return;
    QMetaObject::invokeMethod(this, [this] {
        delete m_poll;
        m_poll = nullptr;
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void ArchiveFeed::requestDevices()
{
    QMetaObject::invokeMethod(this, [this] {
        m_devicesReported = false;
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (!m_lost)
            fetchDevices(db);
    }, Qt::QueuedConnection);
}

// On the feed's thread: the connection, where the archive stands now, the channels.
bool ArchiveFeed::open(QString *error)
{
    QSqlDatabase db = connectDatabase(m_config, m_connectionName, error);
    if (!db.isOpen())
        return false;
    if (!m_positioned) {  // the first time only: a reconnection catches up from where it was
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT (SELECT COALESCE(MAX(id), 0) FROM events), "
                                   "(SELECT COALESCE(MAX(id), 0) FROM alert_acks)")) || !q.next()) {
            *error = q.lastError().text();
            return false;
        }
        m_lastEvent = q.value(0).toLongLong();
        m_lastAck = q.value(1).toLongLong();
        m_positioned = true;
    }
    for (const QString &channel : {kEventsChannel, kAcksChannel, kDevicesChannel}) {
        if (!db.driver()->subscribeToNotification(channel)) {
            *error = QStringLiteral("cannot listen on %1: %2").arg(channel, db.driver()->lastError().text());
            return false;
        }
    }
    connect(db.driver(), &QSqlDriver::notification, this, &ArchiveFeed::onNotification, Qt::UniqueConnection);
    if (!m_poll) {
        m_poll = new QTimer(this);
        connect(m_poll, &QTimer::timeout, this, &ArchiveFeed::fetchNew);
        m_poll->start(m_pollMs);
    }
    return true;
}

void ArchiveFeed::onNotification(const QString &)
{
    fetchNew();
}

// Devices, events and acknowledgements read in one snapshot, devices first: an event's
// tile is named after its device, and the device's row (a new device's first event, a
// rename just before) was committed with the event or before it. Read by two
// statements apart, a commit between them could show the event under its uuid
// (tst_gui_pg did, under load); the devices read costs a round trip per notification
// and is reported only when something changed.
bool ArchiveFeed::fetchInOneSnapshot(QSqlDatabase &db)
{
    QSqlQuery isolation(db);
    if (!db.transaction())
        return false;
    const bool ok = isolation.exec(QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
                    && fetchDevices(db) && fetchEvents(db) && fetchAcknowledgements(db);
    if (ok && db.commit())
        return true;
    db.rollback();
    return false;
}

void ArchiveFeed::fetchNew()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!m_lost && fetchInOneSnapshot(db))
        return;
    // A read failed: the server restarted or the network dropped. Open again and listen
    // again; what was committed meanwhile is above the last ids seen, so nothing is
    // missed. (No probe before each fetch: that was a round trip per notification.)
    db.close();
    QString error;
    const bool wasLost = m_lost;
    m_lost = !open(&error);
    if (m_lost) {
        if (!wasLost)
            qCWarning(lcFeed).noquote() << "the archive's database is unreachable; catching up when it returns:" << error;
        return;
    }
    qCInfo(lcFeed) << "the archive's database is reachable again; catching up";
    fetchInOneSnapshot(db);
}

bool ArchiveFeed::fetchEvents(QSqlDatabase &db)
{
    for (;;) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT id FROM events WHERE id > ? ORDER BY id LIMIT %1").arg(kPage));
        q.addBindValue(m_lastEvent);
        if (!q.exec()) {
            qCWarning(lcFeed).noquote() << "cannot read new events:" << q.lastError().text();
            return false;
        }
        QList<qint64> ids, others;
        while (q.next())
            ids << q.value(0).toLongLong();
        for (qint64 id : std::as_const(ids))
            if (!m_isOwnEvent || !m_isOwnEvent(id))
                others << id;
        // The page's events in one query; on failure the page is read again after the
        // reconnection (the last id seen has not moved).
        QString error;
        const QList<EventDetails> events = loadEvents(db, others, m_config.imagesDir(), &error);
        if (!error.isEmpty()) {
            qCWarning(lcFeed).noquote() << "cannot read new events:" << error;
            return false;
        }
        for (const EventDetails &e : events)
            emit eventArrived(e.id, pushOf(e), e.deviceUuid);
        if (!ids.isEmpty())
            m_lastEvent = ids.last();
        if (ids.size() < kPage)
            return true;
    }
}

bool ArchiveFeed::fetchAcknowledgements(QSqlDatabase &db)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id, event_id, device_uuid, kind, acknowledged_by, acknowledged_at, note "
                             "FROM alert_acks WHERE id > ? ORDER BY id"));
    q.addBindValue(m_lastAck);
    if (!q.exec()) {
        qCWarning(lcFeed).noquote() << "cannot read new acknowledgements:" << q.lastError().text();
        return false;
    }
    while (q.next()) {
        m_lastAck = q.value(0).toLongLong();
        emit acknowledgementArrived(q.value(1).isNull() ? -1 : q.value(1).toLongLong(), q.value(2).toString(),
                                    q.value(3).toString(), q.value(4).toString(), q.value(5).toLongLong(),
                                    q.value(6).toString());
    }
    return true;
}

bool ArchiveFeed::fetchDevices(QSqlDatabase &db)
{
    QString error;
    QList<DeviceRow> rows = loadDevices(db, &error);
    if (!error.isEmpty()) {
        qCWarning(lcFeed).noquote() << "cannot read the site's devices:" << error;
        return false;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (DeviceRow &r : rows)
        if (r.online && now - r.lastSeen > 3 * qint64(r.heartbeatInterval) * 1000 + kRegistrySaveMs)
            r.online = false;
    const auto same = [](const DeviceRow &a, const DeviceRow &b) {
        return a.uuid == b.uuid && a.name == b.name && a.state == b.state && a.online == b.online && a.host == b.host
            && a.deviceType == b.deviceType && a.softVersion == b.softVersion && a.mac == b.mac;
    };
    if (m_devicesReported && rows.size() == m_devices.size()
        && std::equal(rows.cbegin(), rows.cend(), m_devices.cbegin(), same))
        return true;
    m_devices = rows;
    m_devicesReported = true;
    emit devicesChanged(rows);
    return true;
}

} // namespace fd::store
