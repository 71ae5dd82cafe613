#include "Listener.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcListener, "facedesk.listener")

namespace fd::net {

Listener::Listener(FrameHandler *handler, ListenerLimits limits, QObject *parent)
    : QTcpServer(parent), m_handler(handler), m_limits(limits)
{
    // Hundreds of devices reconnect at once after an outage: the default queue of 50
    // overflows and the kernel drops their connections.
    setListenBacklogSize(1024);
}

void Listener::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    const QString address = socket->peerAddress().toString();
    QString refusal;
    if (m_connections.size() >= m_limits.maxConnections)
        refusal = QStringLiteral("too many connections (%1)").arg(m_limits.maxConnections);
    else if (m_perAddress.value(address) >= m_limits.maxConnectionsPerAddress)
        refusal = QStringLiteral("too many connections from %1").arg(address);
    if (!refusal.isEmpty()) {
        qCWarning(lcListener) << "refused" << address << refusal;
        emit connectionRejected(address, refusal);
        socket->abort();
        socket->deleteLater();
        return;
    }

    auto *connection = new PeerConnection(socket, FrameReader::Role::Server, m_limits.frame, this);
    connection->setIdleTimeout(m_limits.idleTimeoutMs);
    connection->setPartialFrameTimeout(m_limits.partialFrameTimeoutMs);
    connect(connection, &PeerConnection::timedOut, this, [connection](const QString &reason) {
        qCWarning(lcListener) << "closed" << connection->peerText() << reason;
    });
    m_connections.insert(connection, address);
    ++m_perAddress[address];
    connect(connection, &PeerConnection::frameReceived, this,
            [this, connection](const Frame &frame) { m_handler->handleFrame(connection, frame); });
    connect(connection, &PeerConnection::framingError, this, [connection](const QString &reason) {
        qCWarning(lcListener) << "framing error from" << connection->peerText() << reason;
    });
    connect(connection, &PeerConnection::messageDropped, this, [connection](const QString &reason) {
        qCWarning(lcListener) << "dropped from" << connection->peerText() << reason;
    });
    connect(connection, &PeerConnection::closed, this, [this, connection] {
        const QString addr = m_connections.take(connection);
        if (--m_perAddress[addr] <= 0)
            m_perAddress.remove(addr);
        m_handler->connectionClosed(connection);
        connection->deleteLater();
    });
}

} // namespace fd::net
