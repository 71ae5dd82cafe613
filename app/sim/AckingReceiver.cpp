#include "AckingReceiver.h"

#include "protocol/ErrorCodes.h"

#include <QDateTime>
#include <QUuid>

namespace fd::sim {

using namespace fd::protocol;

AckingReceiver::AckingReceiver(QObject *parent) : QObject(parent), m_http(this), m_tcp(this) {}

bool AckingReceiver::listen(const QHostAddress &address, quint16 httpPort, quint16 tcpPort, QString *error)
{
    if (!m_http.listen(address, httpPort) || !m_tcp.listen(address, tcpPort)) {
        *error = m_http.isListening() ? m_tcp.errorString() : m_http.errorString();
        return false;
    }
    return true;
}

bool AckingReceiver::sendCommand(const QString &uuid, const Message &command)
{
    net::PeerConnection *c = m_sessions.value(uuid);
    if (!c)
        return false;
    c->send(encode(command));
    return true;
}

void AckingReceiver::connectionClosed(net::PeerConnection *connection)
{
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        if (it.value() == connection)
            it = m_sessions.erase(it);
        else
            ++it;
    }
}

void AckingReceiver::handleFrame(net::PeerConnection *connection, const net::Frame &frame)
{
    const Decoded d = decode(frame.json);
    if (!d.ok()) {
        ++m_decodeErrors;
        connection->reply(frame, encode(StatusReply{code::JsonParseError, d.error.describe(), {}}), 400);
        return;
    }
    if (const auto *t = d.as<AccessTokenRequest>()) {
        AccessTokenReply reply{code::Ok, QStringLiteral("ok"), t->uuid, QDateTime::currentSecsSinceEpoch() + 3600,
                               QUuid::createUuid().toString(QUuid::Id128), int(m_tcp.serverPort())};
        connection->reply(frame, encode(reply));
    } else if (const auto *k = d.as<KeepaliveRequest>()) {
        if (m_sessions.value(k->uuid) != connection) {
            m_sessions.insert(k->uuid, connection);
            emit deviceConnected(k->uuid);
        }
        connection->reply(frame, encode(KeepaliveReply{code::Ok, QStringLiteral("ok")}));
    } else if (const auto *p = d.as<FacePush>()) {
        ++m_pushes;
        emit pushReceived(*p);
        if (p->kind == FacePush::Kind::HttpReport)
            connection->reply(frame, encode(CapFaceReportReply{0, QStringLiteral("ok")}));
        else
            connection->reply(frame, encode(StatusReply{code::Ok, QStringLiteral("Data uploaded successfully."), {}}));
    } else if (const auto *s = d.as<DeviceSyncRequest>()) {
        connection->reply(frame, encode(DeviceSyncReply{code::Ok, QStringLiteral("ok")}));
        Q_UNUSED(s);
    } else {
        // A device's answer to one of our commands.
        emit deviceReplied(m_sessions.key(connection), d);
    }
}

} // namespace fd::sim
