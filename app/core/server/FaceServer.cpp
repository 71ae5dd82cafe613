#include "FaceServer.h"

#include "image/PushedJpeg.h"
#include "protocol/ErrorCodes.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcServer, "facedesk.server")

namespace fd::server {

using namespace fd::protocol;

namespace {

const QString kUploaded = QStringLiteral("Data uploaded successfully.");

// Empty for an image a push may carry: a JPEG by its structure, complete and a
// plausible picture (image/PushedJpeg); else "img_data: <why>".
QString jpegProblem(const char *field, const QByteArray &bytes)
{
    const QString problem = bytes.isEmpty() ? QString() : image::pushedJpegProblem(bytes);
    return problem.isEmpty() ? problem : QStringLiteral("%1: %2").arg(QLatin1String(field), problem);
}

// A name devices send for display only; FaceDesk never uses it as a path, but a
// name that tries to be one is a sign of a broken or hostile sender.
bool isPlainFileName(const QString &name)
{
    if (name.contains(u'/') || name.contains(u'\\') || name == QLatin1String("..") || name.startsWith(QLatin1String("..")))
        return false;
    for (QChar c : name)
        if (c.unicode() < 0x20 || c == QChar(0x7F))
            return false;
    return true;
}

// The uuid a message names as its sender, or nothing.
QString senderOf(const Message &message)
{
    return std::visit(
        [](const auto &m) -> QString {
            if constexpr (requires { m.uuid; })
                return m.uuid;
            else
                return {};
        },
        message);
}

} // namespace

FaceServer::FaceServer(ServerConfig config, devices::DeviceRegistry *registry, store::StoreWriter *writer,
                       QObject *parent)
    : DeviceChannel(parent), m_config(config), m_registry(registry), m_writer(writer), m_http(this, config.limits, this),
      m_tcp(this, config.limits, this)
{
    // The writer's signals come from its own thread; queued onto ours.
    connect(m_writer, &store::StoreWriter::committed, this, &FaceServer::onCommitted, Qt::QueuedConnection);
    connect(m_writer, &store::StoreWriter::failed, this, &FaceServer::onFailed, Qt::QueuedConnection);
}

FaceServer::~FaceServer() = default;

bool FaceServer::start(QString *error)
{
    if (!m_config.listen)
        return true;  // a desk only: no port is opened
    if (!m_http.listen(m_config.bind, m_config.httpPort)) {
        *error = QStringLiteral("HTTP port %1: %2").arg(m_config.httpPort).arg(m_http.errorString());
        return false;
    }
    if (!m_tcp.listen(m_config.bind, m_config.tcpPort)) {
        *error = QStringLiteral("TCP port %1: %2").arg(m_config.tcpPort).arg(m_tcp.errorString());
        m_http.close();
        return false;
    }
    return true;
}

void FaceServer::close()
{
    m_http.close();
    m_tcp.close();
}

bool FaceServer::sendToDevice(const QString &uuid, const QByteArray &json)
{
    const QPointer<net::PeerConnection> c = m_sessions.value(uuid);
    if (!c)
        return false;
    c->send(json);
    return true;
}

void FaceServer::dropSession(const QString &uuid)
{
    const QPointer<net::PeerConnection> c = m_sessions.value(uuid);
    if (c)
        c->abort();  // connectionClosed() follows and reports the session closed
}

void FaceServer::connectionClosed(net::PeerConnection *connection)
{
    QStringList ended;
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        if (it.value() == connection || it.value().isNull()) {
            ended << it.key();
            it = m_sessions.erase(it);
        } else {
            ++it;
        }
    }
    for (const QString &uuid : std::as_const(ended))
        emit deviceSessionClosed(uuid);
}

void FaceServer::refuse(net::PeerConnection *connection, const net::Frame &frame, int code, const QString &why,
                        int httpStatus, bool report)
{
    ++m_counters.messagesRejected;
    qCWarning(lcServer).noquote() << "refused" << connection->peerText() << code << why;
    emit messageRejected(connection->peerText(), why);
    const QByteArray body = report ? encode(CapFaceReportReply{code, why}) : encode(StatusReply{code, why, {}});
    connection->reply(frame, body, httpStatus);
}

void FaceServer::handleFrame(net::PeerConnection *connection, const net::Frame &frame)
{
    if (frame.kind == net::Frame::Kind::Http && frame.http.method != "POST") {
        refuse(connection, frame, code::ParameterError,
               QStringLiteral("only POST is served, not %1").arg(QString::fromLatin1(frame.http.method)), 405);
        return;
    }
    Decoded d = decode(frame.json);
    for (const QString &w : std::as_const(d.warnings))
        qCInfo(lcServer).noquote() << connection->peerText() << w;
    if (!d.ok()) {
        refuse(connection, frame, code::JsonParseError, d.error.describe(), 400);
        return;
    }
    if (!d.dataLengthMatches)
        m_registry->noteLengthMismatch(senderOf(*d.message));
    const QString host = connection->socket()->peerAddress().toString();

    if (const auto *t = d.as<AccessTokenRequest>()) {
        const auto grant = m_registry->issueToken(*t, host);
        AccessTokenReply reply{grant.code, resultCodeText(grant.code), t->uuid, grant.expiresAt, grant.token,
                               int(m_tcp.serverPort())};
        connection->reply(frame, encode(reply));
        return;
    }
    if (const auto *k = d.as<KeepaliveRequest>()) {
        const int code = m_registry->heartbeat(*k, host);
        // Answer first: a session-opened handler may send a command at once, and the
        // device should see its heartbeat answered before that.
        connection->reply(frame, encode(KeepaliveReply{code, resultCodeText(code)}));
        if (code == code::Ok && frame.kind == net::Frame::Kind::Json) {
            const QPointer<net::PeerConnection> previous = m_sessions.value(k->uuid);
            if (previous != connection) {
                m_sessions.insert(k->uuid, connection);  // this is the device's long connection
                if (previous)
                    emit deviceSessionClosed(k->uuid);
                emit deviceSessionOpened(k->uuid);
            }
        }
        return;
    }
    if (auto *p = std::get_if<FacePush>(&*d.message)) {
        handlePush(connection, frame, std::move(*p));
        return;
    }
    if (const auto *s = d.as<DeviceSyncRequest>()) {
        const int code = m_registry->admitSync(*s);
        connection->reply(frame, encode(DeviceSyncReply{code, resultCodeText(code)}));
        if (code == code::Ok)
            emit deviceSyncRequested(s->uuid);
        return;
    }
    // Answers to FaceDesk's own commands, on a device's long connection.
    if (d.as<PicReply>() || d.as<MultiplePicReply>() || d.as<GetPicReply>() || d.as<GetSortReply>()) {
        emit deviceReplied(m_sessions.key(connection), d);
        return;
    }
    refuse(connection, frame, code::ParameterError,
           QStringLiteral("%1 is not something a device sends to FaceDesk").arg(messageName(*d.message)), 400);
}

QString FaceServer::validatePush(const FacePush &push, int *code) const
{
    *code = code::InvalidJpeg;
    for (const QString &problem : {jpegProblem("img_data", push.image), jpegProblem("img_fr", push.background)})
        if (!problem.isEmpty())
            return problem;
    *code = code::FileTooBig;
    if (push.image.size() > m_config.maxImageBytes || push.background.size() > m_config.maxImageBytes)
        return QStringLiteral("an image is larger than %1 bytes").arg(m_config.maxImageBytes);
    *code = code::ParameterError;
    if (!isPlainFileName(push.imageName))
        return QStringLiteral("img_name \"%1\" is not a plain file name").arg(push.imageName.left(80));
    if (!isPlainFileName(push.backgroundName))
        return QStringLiteral("img_fr_name \"%1\" is not a plain file name").arg(push.backgroundName.left(80));
    if (push.image.isEmpty() && push.background.isEmpty() && push.feature.isEmpty())
        return QStringLiteral("the event carries no image and no feature");
    *code = code::Ok;
    return {};
}

void FaceServer::handlePush(net::PeerConnection *connection, const net::Frame &frame, FacePush push)
{
    const bool report = push.kind == FacePush::Kind::HttpReport;
    const QString host = connection->socket()->peerAddress().toString();
    const int admitted = m_registry->admitPush(push, host);
    if (admitted != code::Ok) {
        refuse(connection, frame, admitted,
               QStringLiteral("%1 from %2: %3").arg(messageName(push), push.uuid.isEmpty() ? push.deviceId : push.uuid,
                                                    resultCodeText(admitted)),
               admitted == code::TokenInvalid && report ? 401 : 403, report);
        return;
    }
    int code = code::Ok;
    const QString invalid = validatePush(push, &code);
    if (!invalid.isEmpty()) {
        refuse(connection, frame, code, invalid, code == code::FileTooBig ? 413 : 400, report);
        return;
    }

    store::EventRecord record;
    record.deviceUuid = report && push.uuid.isEmpty() ? push.deviceId : push.uuid;
    record.receivedAt = QDateTime::currentDateTimeUtc();
    record.ticket = m_nextTicket++;
    record.push = push;
    const quint64 ticket = record.ticket;
    const QString uuid = record.deviceUuid;
    if (!m_writer->enqueueEvent(std::move(record))) {
        ++m_counters.eventsRefusedBusy;
        refuse(connection, frame, code::SystemException,
               QStringLiteral("the archive is busy; send the event again later"), 503, report);
        return;
    }
    m_waiting.insert(ticket, Waiting{connection, connection->reserveReply(frame), std::move(push), uuid});
}

void FaceServer::onCommitted(const QList<quint64> &tickets, const QList<qint64> &ids, const QList<bool> &fresh)
{
    for (qsizetype i = 0; i < tickets.size(); ++i) {
        const Waiting w = m_waiting.take(tickets[i]);
        ++m_counters.eventsCommitted;
        if (w.connection) {
            const bool report = w.push.kind == FacePush::Kind::HttpReport;
            w.connection->fulfil(w.replyTicket, report ? encode(CapFaceReportReply{0, QStringLiteral("ok")})
                                                       : encode(StatusReply{code::Ok, kUploaded, {}}));
        }
        if (fresh.value(i, true))
            emit eventCommitted(ids.value(i, -1), w.push, w.deviceUuid);
    }
}

void FaceServer::onFailed(const QList<quint64> &tickets, const QString &error)
{
    for (quint64 t : tickets) {
        const Waiting w = m_waiting.take(t);
        qCWarning(lcServer).noquote() << "event from" << w.deviceUuid << "not archived:" << error;
        if (w.connection)
            w.connection->fulfil(w.replyTicket, encode(StatusReply{code::SystemException, error, {}}), 503);
    }
}

} // namespace fd::server
