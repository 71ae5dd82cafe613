// A QTcpServer that turns accepted sockets into PeerConnections and hands their
// frames to a FrameHandler. One Listener per port; each accepts both framings.
#pragma once

#include "PeerConnection.h"

#include <QHash>
#include <QTcpServer>

namespace fd::net {

class FrameHandler {
public:
    virtual ~FrameHandler() = default;
    virtual void handleFrame(PeerConnection *connection, const Frame &frame) = 0;
    virtual void connectionClosed(PeerConnection *) {}
};

struct ListenerLimits {
    framing::FrameLimits frame;
    int maxConnections = 2000;
    int maxConnectionsPerAddress = 1000;
    int idleTimeoutMs = 15 * 60 * 1000; // above 3 heartbeats at the longest interval (300 s)
    int partialFrameTimeoutMs = 15000; // a 500 KB push takes milliseconds on a LAN
};

class Listener : public QTcpServer {
    Q_OBJECT
public:
    Listener(FrameHandler *handler, ListenerLimits limits = {}, QObject *parent = nullptr);

    int connectionCount() const { return int(m_connections.size()); }

signals:
    void connectionRejected(const QString &peer, const QString &reason);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    FrameHandler *m_handler;
    ListenerLimits m_limits;
    QHash<PeerConnection *, QString> m_connections;  // connection -> peer address
    QHash<QString, int> m_perAddress;
};

} // namespace fd::net
