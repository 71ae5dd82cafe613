#include "SimDevice.h"

#include "FacePhotoSet.h"

#include "framing/HttpFraming.h"
#include "protocol/ErrorCodes.h"
#include "store/ImageStore.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QLoggingCategory>
#include <QPointer>

Q_LOGGING_CATEGORY(lcSim, "facedesk.sim")

namespace fd::sim {

using namespace fd::protocol;

namespace {

constexpr char kTokenPath[] = "/cloud_kq/api/getAccessToken";
constexpr char kComparePath[] = "/cloud_kq/api/face/push";
constexpr char kCapturePath[] = "/faceinfo";
constexpr int kMaxBackoffMs = 5000;

// The vendor's own style: hex device types, numbers sent as strings.
QByteArray sloppify(QByteArray json, int deviceType)
{
    json.replace("\"device_type\":" + QByteArray::number(deviceType),
                 "\"device_type\":0x" + QByteArray::number(deviceType, 16));
    json.replace("\"channel\":0,", "\"channel\":\"0\"\xEF\xBC\x8C");
    return json;
}

bool isRetryable(int code)
{
    return code == code::SystemException || code == code::TokenInvalid || code == code::NotRegistered
        || code == code::NotInServerList || code == code::DeviceBusy;
}

} // namespace

SimDevice::SimDevice(const SimConfig &config, int index, int deviceType, const FacePhotoSet &photos,
                     const face::HaarFaceDetector &detector, SimStats &stats, QObject *parent)
    : QObject(parent), m_config(config), m_photos(photos), m_stats(stats), m_index(index), m_type(deviceType),
      m_tcpPort(config.tcpPort), m_library(config.libraryCapacity, config.checkFaces ? &detector : nullptr),
      m_rng(config.seed * 7919u + quint32(index))
{
    // 12 characters like the vendor's own ("12721SSQSQCA"), unique per run and index.
    m_uuid = QStringLiteral("%1%2%3").arg(config.uuidPrefix).arg(deviceType, 2, 16, QLatin1Char('0')).arg(index, 6, 10, QLatin1Char('0')).toUpper();
    m_mac = QStringLiteral("02:fd:%1:%2:%3:%4")
                .arg(deviceType, 2, 16, QLatin1Char('0'))
                .arg((index >> 16) & 0xFF, 2, 16, QLatin1Char('0'))
                .arg((index >> 8) & 0xFF, 2, 16, QLatin1Char('0'))
                .arg(index & 0xFF, 2, 16, QLatin1Char('0'));
    m_heartbeat.setInterval(config.heartbeatSeconds * 1000);
    connect(&m_heartbeat, &QTimer::timeout, this, &SimDevice::sendHeartbeat);
    m_tokenRetry.setSingleShot(true);
    connect(&m_tokenRetry, &QTimer::timeout, this, &SimDevice::requestToken);
}

void SimDevice::start()
{
    connectChannel(m_http, false);
}

void SimDevice::stop()
{
    m_stopped = true;
    m_heartbeat.stop();
    m_tokenRetry.stop();
    for (Channel *c : {&m_http, &m_tcp})
        if (c->connection)
            c->connection->abort();
}

// ---- connections ---------------------------------------------------------------------

void SimDevice::connectChannel(Channel &channel, bool tcp)
{
    if (m_stopped || channel.connection)
        return;
    auto *socket = new QTcpSocket;
    auto *connection = new net::PeerConnection(socket, net::FrameReader::Role::Client, {}, this);
    channel.connection = connection;
    connect(socket, &QTcpSocket::connected, this, [this, tcp] { onConnected(tcp ? m_tcp : m_http, tcp); });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, tcp, connection](QAbstractSocket::SocketError) {
        Channel &c = tcp ? m_tcp : m_http;
        if (c.connection == connection && !c.connected)
            onDisconnected(c, tcp);  // a refused connect never emits disconnected
    });
    connect(connection, &net::PeerConnection::closed, this, [this, tcp, connection] {
        Channel &c = tcp ? m_tcp : m_http;
        if (c.connection == connection)
            onDisconnected(c, tcp);
    });
    connect(connection, &net::PeerConnection::frameReceived, this,
            [this, tcp](const net::Frame &frame) { onFrame(tcp ? m_tcp : m_http, tcp, frame); });
    socket->connectToHost(m_config.server, tcp ? m_tcpPort : m_config.httpPort);
}

void SimDevice::onConnected(Channel &channel, bool tcp)
{
    channel.connected = true;
    channel.backoffMs = 200;
    if (!tcp) {
        if (m_token.isEmpty())
            requestToken();
        pump(channel, tcp);
        return;
    }
    sendHeartbeat();
    m_heartbeat.start();
    if (!m_syncSent) {
        m_syncSent = true;
        sendWork(m_tcp, true, Work::SyncRequest, encode(DeviceSyncRequest{m_token, m_uuid}), 0, {});
    }
    pump(channel, tcp);
}

void SimDevice::onDisconnected(Channel &channel, bool tcp)
{
    if (channel.connection) {
        channel.connection->deleteLater();
        channel.connection = nullptr;
    }
    if (channel.connected && !m_stopped)
        ++m_stats.reconnects;
    channel.connected = false;
    if (tcp)
        m_heartbeat.stop();
    // Whatever was in flight is unanswered: send it again, in its original order.
    for (auto it = channel.inFlight.crbegin(); it != channel.inFlight.crend(); ++it) {
        if (it->work == Work::Event && m_events.contains(it->seq)) {
            ++m_stats.retries;
            channel.queue.prepend(it->seq);
        } else if (it->work == Work::Token) {
            m_tokenPending = false;
        } else if (it->work == Work::Malformed) {
            --m_probesInFlight;  // never to be answered
        }
    }
    channel.inFlight.clear();
    if (m_stopped)
        return;
    const int delay = channel.backoffMs;
    channel.backoffMs = std::min(kMaxBackoffMs, channel.backoffMs * 2);
    QTimer::singleShot(delay, this, [this, tcp] {
        if (!tcp || hasToken())
            connectChannel(tcp ? m_tcp : m_http, tcp);
    });
}

// ---- sending ---------------------------------------------------------------------------

void SimDevice::requestToken()
{
    if (m_stopped || m_tokenPending || !m_http.connected)
        return;
    m_tokenPending = true;
    AccessTokenRequest req;
    req.uuid = m_uuid;
    req.deviceKey = m_config.deviceKey;
    req.deviceType = m_type;
    req.mac = m_mac;
    req.timestamp = QDateTime::currentSecsSinceEpoch();
    sendWork(m_http, false, Work::Token, encode(req), 0, kTokenPath);
}

void SimDevice::sendHeartbeat()
{
    if (!m_tcp.connected)
        return;
    KeepaliveRequest k;
    k.uuid = m_uuid;
    k.mac = m_mac;
    k.deviceType = m_type;
    k.timestamp = QString::number(QDateTime::currentSecsSinceEpoch());
    k.softVersion = QStringLiteral("facedesk-sim 1.0");
    k.token = m_token;
    ++m_stats.heartbeatsSent;
    sendWork(m_tcp, true, Work::Heartbeat, encode(k), 0, {});
}

void SimDevice::sendWork(Channel &channel, bool tcp, Work work, const QByteArray &json, quint64 seq, QByteArrayView path)
{
    InFlight f{work, seq, {}};
    f.sentAt.start();
    channel.inFlight.append(f);
    if (tcp) {
        channel.connection->send(json);
    } else {
        const QByteArray host = m_config.server.toLatin1() + ':' + QByteArray::number(m_config.httpPort);
        channel.connection->send(framing::buildHttpRequest("POST", path, host, json, true));
    }
}

void SimDevice::pushEvent()
{
    const bool viaTcp = m_config.transport == SimConfig::Transport::Tcp
        || (m_config.transport == SimConfig::Transport::Both && (m_nextSeq % 2 == 0));
    Event e;
    e.seq = m_nextSeq++;
    e.viaTcp = viaTcp;
    e.push = makePush(viaTcp);
    m_events.insert(e.seq, e);
    ++m_outstanding;
    ++m_stats.eventsSent;
    Channel &channel = viaTcp ? m_tcp : m_http;
    channel.queue.append(e.seq);
    pump(channel, viaTcp);

    if (m_config.malformedEvery > 0 && m_stats.eventsSent % m_config.malformedEvery == 0 && m_http.connected) {
        ++m_stats.malformedSent;
        ++m_probesInFlight;
        const QByteArray garbage = "{\"method\":\"sw_face_compare_push\",\"uuid\":\"" + m_uuid.toLatin1()
            + "\",\"data\":{\"img_data\":\"not*base64\"";
        sendWork(m_http, false, Work::Malformed, garbage + "}}", 0, kComparePath);
    }
}

void SimDevice::pump(Channel &channel, bool tcp)
{
    if (!channel.connected || m_token.isEmpty())
        return;
    while (!channel.queue.isEmpty() && channel.inFlight.size() < m_config.window) {
        const quint64 seq = channel.queue.takeFirst();
        auto it = m_events.find(seq);
        if (it == m_events.end())
            continue;
        ++it->attempts;
        const QByteArray json = encodeEvent(*it);
        const char *path = it->push.kind == FacePush::Kind::Compare ? kComparePath : kCapturePath;
        sendWork(channel, tcp, Work::Event, json, seq, path);
        // A device that loses its network with events unanswered: they are sent again
        // after the reconnection, and the server must store each once.
        if (m_config.disconnectEvery > 0 && ++m_eventsSent % m_config.disconnectEvery == 0) {
            channel.connection->socket()->flush();
            channel.connection->abort();
            return;
        }
    }
}

QByteArray SimDevice::encodeEvent(Event &event)
{
    event.push.token = m_token;
    event.push.sendTimeText = QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    const QByteArray json = encode(event.push);
    return m_config.sloppy ? sloppify(json, m_type) : json;
}

FacePush SimDevice::makePush(bool viaTcp)
{
    FacePush p;
    const bool capture = m_type == 0x10;
    p.kind = capture ? FacePush::Kind::Capture : FacePush::Kind::Compare;
    if (capture && !viaTcp && m_config.httpReport)
        p.kind = FacePush::Kind::HttpReport;
    p.uuid = m_uuid;
    p.mac = m_mac;
    p.host = QStringLiteral("127.0.0.1");
    p.productName = QStringLiteral("Sim %1 #%2").arg(m_type, 2, 16, QLatin1Char('0')).arg(m_index);
    p.deviceType = m_type;
    p.channel = 0;
    const QDateTime now = QDateTime::currentDateTime();
    p.captureTimeText = now.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    p.quality = 60 + int(m_rng.bounded(40));
    const quint64 seq = m_nextSeq - 1;
    const QString stamp = now.toString(QStringLiteral("yyyyMMddThhmmsszzz"));
    p.imageName = QStringLiteral("FACE_%1_%2_%3.jpg").arg(m_uuid, stamp).arg(seq);
    p.backgroundName = QStringLiteral("FACE_%1_%2_%3_YT.jpg").arg(m_uuid, stamp).arg(seq);

    if (m_photos.isEmpty())
        return p;
    const SimPhoto &photo = m_photos.photos()[m_rng.bounded(int(m_photos.photos().size()))];
    p.image = photo.face;
    if (m_config.background)
        p.background = photo.scene;
    p.position = FaceRect{photo.faceRect.x(), photo.faceRect.y(), photo.faceRect.width(), photo.faceRect.height(), true};
    p.feature = m_photos.featureFor(photo.identity, m_config.featureDims, m_rng);
    const size_t h = qHash(photo.identity, 11);
    p.attributes = FaceAttributes{25 + int(h % 40), int(h % 2) + 1, int(h / 2 % 3), 0, int(h / 7 % 2), int(h / 11 % 3) + 1,
                                  int(m_rng.bounded(5)) + 1};
    if (m_type == 0x14 || m_type == 0x16)
        p.temperature = Temperature{36.2 + m_rng.generateDouble() * 1.4, 37.3, QString()};
    if (p.kind == FacePush::Kind::HttpReport) {
        p.userName = m_config.reportUser;
        p.passwordMd5 = QString::fromLatin1(
            QCryptographicHash::hash(m_config.reportPassword.toUtf8(), QCryptographicHash::Md5).toHex());
        p.deviceId = m_uuid;
        p.faceId = qint64(seq % 9999999);
        return p;
    }
    if (capture) {
        p.trackId = qint64(seq);
        return p;
    }
    p.visitCount = ++m_visits[photo.identity];
    if (m_rng.generateDouble() < m_config.strangerRatio)
        return p;  // a stranger: no library match
    if (!m_library.people().isEmpty()) {
        // A match against what FaceDesk synced to this device: the person with this
        // photo's name (the demo library is made from the same photos). A face whose
        // person the device does not hold is a stranger: a match never names someone
        // else, so the demo's alerts show the matched person's own face.
        const auto &people = m_library.people();
        const QString name = displayName(photo.identity);
        const auto it = std::find_if(people.cbegin(), people.cend(), [&](const auto &person) { return person.attribute.name == name; });
        if (it == people.cend())
            return p;
        p.indexId = it.key();
        p.picName = it->attribute.name + QStringLiteral(".jpg");
    } else {
        // Nothing synced yet: match the photo's own identity, as a demo device would.
        const int identityIndex = int(m_photos.identities().indexOf(photo.identity));
        p.indexId = 1000 + identityIndex;
        p.picSort = identityIndex % 4 + 1;
        p.picName = displayName(photo.identity) + QStringLiteral(".jpg");
    }
    p.matchScore = 0.80 + m_rng.generateDouble() * 0.18;
    return p;
}

// ---- receiving ---------------------------------------------------------------------------

void SimDevice::onFrame(Channel &channel, bool tcp, const net::Frame &frame)
{
    const Decoded decoded = decode(frame.json);
    const bool isCommand = decoded.ok()
        && (decoded.as<AddPicRequest>() || decoded.as<DelPicRequest>() || decoded.as<AddMultiplePicRequest>()
            || decoded.as<DelMultiplePicRequest>() || decoded.as<GetPicRequest>() || decoded.as<GetSortRequest>());
    if (isCommand) {
        handleCommand(decoded);
        return;
    }
    // A command the device cannot read still gets an answer, as -2001, rather than
    // being mistaken for the reply to one of its own requests.
    if (!decoded.ok() && tcp && frame.json.contains("\"param\"")) {
        ++m_stats.commandsReceived;
        if (m_tcp.connection)
            m_tcp.connection->send(encode(StatusReply{code::JsonParseError, decoded.error.describe(), {}}));
        return;
    }
    onReply(channel, tcp, frame, decoded);
}

void SimDevice::onReply(Channel &channel, bool tcp, const net::Frame &frame, const Decoded &decoded)
{
    if (channel.inFlight.isEmpty()) {
        qCWarning(lcSim) << m_uuid << "unexpected reply" << frame.json.left(200);
        return;
    }
    const InFlight f = channel.inFlight.takeFirst();
    const double latencyMs = double(f.sentAt.nsecsElapsed()) / 1e6;
    const int httpStatus = frame.kind == net::Frame::Kind::Http ? frame.http.statusCode : 200;

    int code = code::SystemException;
    if (const auto *s = decoded.as<StatusReply>())
        code = s->code;
    else if (const auto *k = decoded.as<KeepaliveReply>())
        code = k->code;
    else if (const auto *r = decoded.as<CapFaceReportReply>())
        code = r->result;
    else if (const auto *d = decoded.as<DeviceSyncReply>())
        code = d->code;
    else if (const auto *t = decoded.as<AccessTokenReply>())
        code = t->code;
    if (httpStatus >= 500 && code == 0)
        code = code::SystemException;

    switch (f.work) {
    case Work::Token: {
        m_tokenPending = false;
        const auto *t = decoded.as<AccessTokenReply>();
        if (t && t->code == code::Ok && !t->token.isEmpty()) {
            const bool first = m_token.isEmpty();
            m_token = t->token;
            if (t->tcpPort > 0)
                m_tcpPort = quint16(t->tcpPort);
            if (first) {
                ++m_stats.devicesWithToken;
                emit tokenAcquired();
            }
            connectChannel(m_tcp, true);
            // A long connection already open (the server restarted and refused the old
            // token) is re-established by a heartbeat with the new token at once,
            // not at the next beat.
            if (m_tcp.connected)
                sendHeartbeat();
            pump(m_http, false);
            pump(m_tcp, true);
        } else {
            // Not registered yet (waiting for approval) or a server hiccup: ask again.
            if (!m_config.quiet)
                qCInfo(lcSim) << m_uuid << "no token:" << code << resultCodeText(code);
            m_tokenRetry.start(2000);
        }
        break;
    }
    case Work::Heartbeat:
        if (code == code::Ok)
            ++m_stats.heartbeatsAcknowledged;
        else if (code == code::TokenInvalid) {
            m_token.clear();
            requestToken();
        }
        break;
    case Work::SyncRequest:
    case Work::Malformed:
        if (f.work == Work::Malformed) {
            --m_probesInFlight;
            if (code != code::Ok || httpStatus >= 400)
                ++m_stats.malformedAnsweredWithError;
        }
        break;
    case Work::Event:
        if (code == code::Ok && httpStatus < 300) {
            finishEvent(f.seq, code::Ok, latencyMs);
        } else if (isRetryable(code) || httpStatus == 503) {
            if (code == code::TokenInvalid) {
                m_token.clear();
                requestToken();
            }
            ++m_stats.retries;
            const quint64 seq = f.seq;
            QTimer::singleShot(100 + int(m_rng.bounded(200)), this, [this, seq, tcp] {
                if (!m_events.contains(seq))
                    return;
                Channel &c = tcp ? m_tcp : m_http;
                c.queue.append(seq);
                pump(c, tcp);
            });
        } else {
            if (!m_config.quiet)
                qCWarning(lcSim) << m_uuid << "event" << f.seq << "rejected:" << code << resultCodeText(code);
            finishEvent(f.seq, code, latencyMs);
        }
        break;
    }
    pump(channel, tcp);
}

void SimDevice::finishEvent(quint64 seq, int code, double latencyMs)
{
    const auto it = m_events.constFind(seq);
    if (it == m_events.cend())
        return;
    if (code == code::Ok && m_ackLog) {
        const FacePush &p = it->push;
        const auto hash = [](const QByteArray &b) {
            return b.isEmpty() ? QByteArray("-") : store::ImageStore::contentHash(b);
        };
        m_ackLog->write(m_uuid.toUtf8() + '\t' + p.imageName.toUtf8() + '\t' + hash(p.image) + '\t'
                        + hash(p.background) + '\n');
    }
    m_events.erase(it);
    --m_outstanding;
    if (code == code::Ok) {
        ++m_stats.eventsAcknowledged;
        m_stats.ackLatencyMs.append(latencyMs);
    } else {
        ++m_stats.eventsRejected;
        ++m_stats.rejectionsByCode[code];
    }
}

void SimDevice::handleCommand(const Decoded &decoded)
{
    ++m_stats.commandsReceived;
    ++m_commands[decoded.method];
    bool drop = false;
    const QByteArray reply = commandReply(decoded, &drop);
    emit libraryChanged();
    if (drop) {
        // The fault mode: the device dies half-way through a batch, unanswered.
        if (m_tcp.connection)
            m_tcp.connection->abort();
        return;
    }
    if (m_config.slowMs <= 0) {
        if (m_tcp.connection)
            m_tcp.connection->send(reply);
        return;
    }
    QPointer<net::PeerConnection> connection = m_tcp.connection;
    QTimer::singleShot(m_config.slowMs, this, [connection, reply] {
        if (connection)
            connection->send(reply);
    });
}

QByteArray SimDevice::commandReply(const Decoded &decoded, bool *dropConnection)
{
    const auto count = [this](int code) {
        if (code == code::Ok)
            ++m_stats.libraryItemsAccepted;
        else
            ++m_stats.libraryItemsRejected;
        return code;
    };
    if (const auto *add = decoded.as<AddPicRequest>()) {
        const int code = count(m_library.add(add->picture, add->update));
        return encode(PicReply{decoded.method, m_uuid, add->picture.indexId, code});
    }
    if (const auto *del = decoded.as<DelPicRequest>())
        return encode(PicReply{decoded.method, m_uuid, del->indexId, count(m_library.remove(del->indexId))});
    if (const auto *batch = decoded.as<AddMultiplePicRequest>()) {
        MultiplePicReply reply{decoded.method, m_uuid, {}};
        const bool dropHere = m_batchesDropped < m_config.dropBatches && batch->pictures.size() > 1;
        const qsizetype stopAt = dropHere ? batch->pictures.size() / 2 : batch->pictures.size();
        for (qsizetype i = 0; i < stopAt; ++i) {
            const LibraryPicture &p = batch->pictures[i];
            reply.results.append({p.indexId, count(m_library.add(p, false))});
        }
        if (dropHere) {
            ++m_batchesDropped;
            *dropConnection = true;
        }
        return encode(reply);
    }
    if (const auto *batch = decoded.as<DelMultiplePicRequest>()) {
        MultiplePicReply reply{decoded.method, m_uuid, {}};
        for (qint64 id : batch->indexIds)
            reply.results.append({id, count(m_library.remove(id))});
        return encode(reply);
    }
    if (const auto *get = decoded.as<GetPicRequest>()) {
        GetPicReply reply;
        reply.method = get->method;
        reply.sentcnt = get->sentcnt;
        reply.indexId = get->indexId;
        const auto it = m_library.people().constFind(get->indexId);
        if (it == m_library.people().cend()) {
            reply.errorcode = code::ReadPictureFailed;
        } else {
            reply.image = it->jpeg;
            reply.picName = it->attribute.name + QStringLiteral(".jpg");
        }
        return encode(reply);
    }
    const auto *sort = decoded.as<GetSortRequest>();
    GetSortReply reply;
    reply.method = sort->method;
    reply.sentcnt = sort->sentcnt;
    reply.uuid = m_uuid;
    for (auto it = m_library.people().cbegin(); it != m_library.people().cend(); ++it)
        reply.entries.append({sort->picSort > 0 ? sort->picSort : 4, it.key()});
    return encode(reply);
}

} // namespace fd::sim
