#include "DeviceRegistry.h"

#include "protocol/ErrorCodes.h"

#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QRandomGenerator>

Q_LOGGING_CATEGORY(lcDevices, "facedesk.devices")

namespace fd::devices {

using namespace fd::protocol;

namespace {

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

QString stateName(bool approved, bool rejected)
{
    return approved ? QStringLiteral("approved") : rejected ? QStringLiteral("rejected") : QStringLiteral("pending");
}

} // namespace

DeviceRegistry::DeviceRegistry(store::StoreWriter *writer, RegistryPolicy policy, QObject *parent)
    : QObject(parent), m_writer(writer), m_policy(std::move(policy))
{
    m_presenceTimer.setInterval(1000);
    connect(&m_presenceTimer, &QTimer::timeout, this, [this] { checkPresence(QDateTime::currentDateTimeUtc()); });
    m_presenceTimer.start();
}

void DeviceRegistry::load(const QList<store::DeviceRow> &rows)
{
    const QMutexLocker lock(&m_mutex);
    for (store::DeviceRow row : rows) {
        row.online = false;  // nobody is online until a heartbeat says so
        m_devices.insert(row.uuid, row);
    }
}

QList<store::DeviceRow> DeviceRegistry::devices() const
{
    const QMutexLocker lock(&m_mutex);
    return m_devices.values();
}

std::optional<store::DeviceRow> DeviceRegistry::device(const QString &uuid) const
{
    const QMutexLocker lock(&m_mutex);
    const auto it = m_devices.constFind(uuid);
    return it == m_devices.cend() ? std::nullopt : std::optional<store::DeviceRow>(*it);
}

void DeviceRegistry::save(const store::DeviceRow &row)
{
    m_lastSaved[row.uuid] = nowMs();
    if (m_writer)
        m_writer->enqueueDevice(row);
    emit deviceChanged(row.uuid);
}

store::DeviceRow &DeviceRegistry::touch(const QString &uuid, const QString &mac, int type, const QString &host, bool *isNew)
{
    auto it = m_devices.find(uuid);
    *isNew = it == m_devices.end();
    if (*isNew) {
        store::DeviceRow row;
        row.uuid = uuid;
        row.state = m_policy.acceptNewDevices ? QStringLiteral("approved") : QStringLiteral("pending");
        row.firstSeen = nowMs();
        it = m_devices.insert(uuid, row);
        if (row.state == QLatin1String("pending")) {
            qCWarning(lcDevices).noquote() << "new device" << uuid << "from" << host
                                           << "is pending: approve it in the Devices panel or start with --accept-new-devices";
            emit devicePending(uuid);
        } else {
            qCInfo(lcDevices).noquote() << "new device" << uuid << "from" << host << "accepted";
        }
    }
    if (!mac.isEmpty())
        it->mac = mac;
    if (type >= 0)
        it->deviceType = type;
    if (!host.isEmpty())
        it->host = host;
    it->lastSeen = nowMs();
    return *it;
}

DeviceRegistry::TokenGrant DeviceRegistry::issueToken(const AccessTokenRequest &request, const QString &peerHost)
{
    const QMutexLocker lock(&m_mutex);
    if (!m_policy.deviceKey.isEmpty() && request.deviceKey != m_policy.deviceKey) {
        qCWarning(lcDevices).noquote() << "accesstoken from" << request.uuid << "at" << peerHost << "refused: wrong device_key";
        return {code::NotRegistered, {}, 0};
    }
    bool isNew = false;
    store::DeviceRow &row = touch(request.uuid, request.mac, request.deviceType, peerHost, &isNew);
    save(row);
    if (row.state != QLatin1String("approved"))
        return {code::NotRegistered, {}, 0};
    // UUID + device key + randomness, hashed: unguessable and not reversible.
    QByteArray random(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(random.data()), 8);
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(request.uuid.toUtf8());
    h.addData(request.deviceKey.toUtf8());
    h.addData(random);
    const QString token = QString::fromLatin1(h.result().toHex());  // 64 characters, the table's limit
    const qint64 expires = QDateTime::currentSecsSinceEpoch() + m_policy.tokenLifetimeSeconds;
    // One live token per device: a new one retires the old.
    for (auto it = m_tokens.begin(); it != m_tokens.end();) {
        if (it->uuid == request.uuid)
            it = m_tokens.erase(it);
        else
            ++it;
    }
    m_tokens.insert(token, Token{request.uuid, expires});
    return {code::Ok, token, expires};
}

bool DeviceRegistry::tokenValid(const QString &uuid, const QString &token) const
{
    const auto it = m_tokens.constFind(token);
    return it != m_tokens.cend() && it->uuid == uuid && it->expiresAt > QDateTime::currentSecsSinceEpoch();
}

int DeviceRegistry::heartbeat(const KeepaliveRequest &request, const QString &peerHost)
{
    const QMutexLocker lock(&m_mutex);
    auto it = m_devices.find(request.uuid);
    if (it == m_devices.end() || it->state != QLatin1String("approved"))
        return code::NotInServerList;
    if (!tokenValid(request.uuid, request.token))
        return code::TokenInvalid;
    const qint64 now = nowMs();
    // The interval is learnt from the gap between heartbeats (the protocol has no
    // field for it), bounded to 1..300 s; 30 s until two have been seen.
    if (const qint64 last = m_lastBeat.value(request.uuid); last > 0) {
        const int gap = int(qBound<qint64>(qint64(1), (now - last + 500) / 1000, qint64(300)));
        it->heartbeatInterval = gap;
    }
    m_lastBeat[request.uuid] = now;
    it->lastSeen = now;
    if (!request.softVersion.isEmpty())
        it->softVersion = request.softVersion;
    if (!peerHost.isEmpty())
        it->host = peerHost;
    if (!it->online)
        setOnline(*it, true, QStringLiteral("heartbeat"));
    else if (now - m_lastSaved.value(request.uuid) > 60000)
        save(*it);  // last_seen reaches the archive at most once a minute
    return code::Ok;
}

int DeviceRegistry::admitPush(const FacePush &push, const QString &peerHost)
{
    const QMutexLocker lock(&m_mutex);
    if (push.kind == FacePush::Kind::HttpReport) {
        // The HTTP form has no token: it signs with UserName and the password's MD5.
        const QString expected = QString::fromLatin1(
            QCryptographicHash::hash(m_policy.reportPassword.toUtf8(), QCryptographicHash::Md5).toHex());
        // No configured password means the HTTP form is switched off, not open to all.
        if (m_policy.reportUser.isEmpty() || m_policy.reportPassword.isEmpty() || push.userName != m_policy.reportUser
            || push.passwordMd5.compare(expected, Qt::CaseInsensitive) != 0)
            return code::TokenInvalid;
        const QString uuid = push.uuid.isEmpty() ? push.deviceId : push.uuid;
        if (uuid.isEmpty())
            return code::NotRegistered;  // a report that names no device cannot be admitted
        bool isNew = false;
        store::DeviceRow &row = touch(uuid, push.mac, push.deviceType, peerHost, &isNew);
        const bool renamed = row.name.isEmpty() && !push.productName.isEmpty();
        if (renamed)
            row.name = push.productName;
        if (isNew || renamed)
            save(row);
        return row.state == QLatin1String("approved") ? code::Ok : code::NotRegistered;
    }
    const auto it = m_devices.find(push.uuid);
    if (it == m_devices.end() || it->state != QLatin1String("approved"))
        return code::NotRegistered;
    if (!tokenValid(push.uuid, push.token))
        return code::TokenInvalid;
    if (it->name.isEmpty() && !push.productName.isEmpty()) {
        it->name = push.productName;
        save(*it);
    }
    return code::Ok;
}

int DeviceRegistry::admitSync(const DeviceSyncRequest &request)
{
    const QMutexLocker lock(&m_mutex);
    const auto it = m_devices.constFind(request.uuid);
    if (it == m_devices.cend() || it->state != QLatin1String("approved"))
        return code::NotRegistered;
    return tokenValid(request.uuid, request.token) ? code::Ok : code::TokenInvalid;
}

bool DeviceRegistry::approve(const QString &uuid)
{
    const QMutexLocker lock(&m_mutex);
    auto it = m_devices.find(uuid);
    if (it == m_devices.end())
        return false;
    it->state = stateName(true, false);
    save(*it);
    if (m_writer)
        m_writer->enqueueDeviceEvent(uuid, nowMs(), QStringLiteral("approved"), {});
    return true;
}

bool DeviceRegistry::reject(const QString &uuid)
{
    const QMutexLocker lock(&m_mutex);
    auto it = m_devices.find(uuid);
    if (it == m_devices.end())
        return false;
    it->state = stateName(false, true);
    for (auto t = m_tokens.begin(); t != m_tokens.end();)
        t = t->uuid == uuid ? m_tokens.erase(t) : std::next(t);
    save(*it);
    if (m_writer)
        m_writer->enqueueDeviceEvent(uuid, nowMs(), QStringLiteral("rejected"), {});
    return true;
}

bool DeviceRegistry::rename(const QString &uuid, const QString &name)
{
    const QMutexLocker lock(&m_mutex);
    auto it = m_devices.find(uuid);
    if (it == m_devices.end())
        return false;
    it->name = name;
    save(*it);
    return true;
}

void DeviceRegistry::noteLengthMismatch(const QString &uuid)
{
    int count = 0;
    {
        const QMutexLocker lock(&m_mutex);
        auto it = m_devices.find(uuid);
        if (it == m_devices.end())
            return;  // unknown senders get no row for it
        count = ++it->lengthMismatches;
    }
    // A device that always sends a wrong length would otherwise redraw the panel at
    // its event rate: the first one shows at once, later ones in steps.
    if (count == 1 || count % 50 == 0)
        emit deviceChanged(uuid);
}

bool DeviceRegistry::remove(const QString &uuid)
{
    const QMutexLocker lock(&m_mutex);
    if (!m_devices.remove(uuid))
        return false;
    for (auto t = m_tokens.begin(); t != m_tokens.end();)
        t = t->uuid == uuid ? m_tokens.erase(t) : std::next(t);
    m_lastBeat.remove(uuid);
    m_lastSaved.remove(uuid);
    if (m_writer) {
        m_writer->enqueueDeviceRemoval(uuid);
        m_writer->enqueueDeviceEvent(uuid, nowMs(), QStringLiteral("removed"), {});
    }
    emit deviceRemoved(uuid);
    return true;
}

void DeviceRegistry::setOnline(store::DeviceRow &row, bool online, const QString &why)
{
    row.online = online;
    qCInfo(lcDevices).noquote() << "device" << row.uuid << (online ? "online" : "offline") << QStringLiteral("(%1)").arg(why);
    save(row);
    if (m_writer)
        m_writer->enqueueDeviceEvent(row.uuid, nowMs(), online ? QStringLiteral("online") : QStringLiteral("offline"), why);
    emit presenceChanged(row.uuid, online);
}

void DeviceRegistry::checkPresence(const QDateTime &now)
{
    const QMutexLocker lock(&m_mutex);
    const qint64 ms = now.toMSecsSinceEpoch();
    for (auto it = m_devices.begin(); it != m_devices.end(); ++it) {
        if (!it->online)
            continue;
        const qint64 last = m_lastBeat.value(it->uuid, it->lastSeen);
        const qint64 allowed = qint64(it->heartbeatInterval) * 1000 * m_policy.missedHeartbeatsForOffline;
        if (ms - last > allowed)
            setOnline(*it, false, QStringLiteral("%1 heartbeats missed").arg(m_policy.missedHeartbeatsForOffline));
    }
}

} // namespace fd::devices
