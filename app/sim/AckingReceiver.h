// The trivial receiver: a server that gives every device a token and acknowledges
// every push, keeping nothing. It is the simulator's own peer for smoke tests and
// the baseline of benchmarks, and lets tests drive library commands down a
// device's long connection. It is not FaceDesk's listener.
#pragma once

#include "net/Listener.h"
#include "protocol/MessageCodec.h"

#include <QHash>
#include <QObject>

namespace fd::sim {

class AckingReceiver : public QObject, public net::FrameHandler {
    Q_OBJECT
public:
    explicit AckingReceiver(QObject *parent = nullptr);

    bool listen(const QHostAddress &address, quint16 httpPort, quint16 tcpPort, QString *error);
    quint16 httpPort() const { return m_http.serverPort(); }
    quint16 tcpPort() const { return m_tcp.serverPort(); }

    // Sends a library command down the device's long connection.
    bool sendCommand(const QString &uuid, const protocol::Message &command);
    QStringList connectedDevices() const { return m_sessions.keys(); }

    qint64 pushes() const { return m_pushes; }
    qint64 decodeErrors() const { return m_decodeErrors; }

    void handleFrame(net::PeerConnection *connection, const net::Frame &frame) override;
    void connectionClosed(net::PeerConnection *connection) override;

signals:
    void pushReceived(const fd::protocol::FacePush &push);
    void deviceConnected(const QString &uuid);
    void deviceReplied(const QString &uuid, const fd::protocol::Decoded &reply);

private:
    net::Listener m_http;
    net::Listener m_tcp;
    QHash<QString, net::PeerConnection *> m_sessions;
    qint64 m_pushes = 0;
    qint64 m_decodeErrors = 0;
};

} // namespace fd::sim
