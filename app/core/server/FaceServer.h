// FaceDesk's embedded server: the HTTP and TCP listeners, the protocol's answers,
// and the hand-off of every face event to the archive. A device hears "success"
// only after its event is committed; when the archive cannot keep up it hears
// -1001 (HTTP 503) and sends again later.
#pragma once

#include "devices/DeviceChannel.h"
#include "devices/DeviceRegistry.h"
#include "net/Listener.h"
#include "protocol/MessageCodec.h"
#include "store/StoreWriter.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace fd::server {

struct ServerConfig {
    QHostAddress bind = QHostAddress::Any;
    quint16 httpPort = 8070;
    quint16 tcpPort = 18567;
    net::ListenerLimits limits;
    int maxImageBytes = 8 * 1024 * 1024;  // per image, after base64 decoding
    // False for a desk without a listener on a site archive (#12): devices send to the
    // site's collectors, and the desk follows their events through the archive.
    bool listen = true;
};

class FaceServer : public devices::DeviceChannel, public net::FrameHandler {
    Q_OBJECT
public:
    FaceServer(ServerConfig config, devices::DeviceRegistry *registry, store::StoreWriter *writer,
               QObject *parent = nullptr);
    ~FaceServer() override;

    bool start(QString *error);
    // Stops accepting connections; those already open are served until they close.
    void close();
    quint16 httpPort() const { return m_http.serverPort(); }
    quint16 tcpPort() const { return m_tcp.serverPort(); }
    int connectionCount() const { return m_http.connectionCount() + m_tcp.connectionCount(); }

    // The device channel (DeviceChannel.h): the library sync's way to devices.
    bool sendToDevice(const QString &uuid, const QByteArray &json) override;
    QStringList connectedDevices() const override { return m_sessions.keys(); }
    void dropSession(const QString &uuid) override;
    bool isConnected(const QString &uuid) const { return m_sessions.contains(uuid); }

    void handleFrame(net::PeerConnection *connection, const net::Frame &frame) override;
    void connectionClosed(net::PeerConnection *connection) override;

    struct Counters {
        qint64 eventsCommitted = 0;
        qint64 eventsRefusedBusy = 0;
        qint64 messagesRejected = 0;
    };
    const Counters &counters() const { return m_counters; }

signals:
    // A new event is in the archive (emitted after its device was told so; a retry of
    // an event already there is answered but not announced again).
    void eventCommitted(qint64 eventId, const fd::protocol::FacePush &push, const QString &deviceUuid);
    // A message was refused: who, and why, in the protocol's terms.
    void messageRejected(const QString &peer, const QString &reason);
    // deviceSyncRequested, deviceReplied, deviceSessionOpened and deviceSessionClosed
    // come from DeviceChannel.

private:
    void onCommitted(const QList<quint64> &tickets, const QList<qint64> &ids, const QList<bool> &fresh);
    void onFailed(const QList<quint64> &tickets, const QString &error);
    void handlePush(net::PeerConnection *connection, const net::Frame &frame, protocol::FacePush push);
    void refuse(net::PeerConnection *connection, const net::Frame &frame, int code, const QString &why,
                int httpStatus, bool report = false);
    QString validatePush(const protocol::FacePush &push, int *code) const;

    struct Waiting {
        QPointer<net::PeerConnection> connection;
        net::PeerConnection::Ticket replyTicket = 0;
        protocol::FacePush push;
        QString deviceUuid;
    };

    ServerConfig m_config;
    devices::DeviceRegistry *m_registry;
    store::StoreWriter *m_writer;
    net::Listener m_http;
    net::Listener m_tcp;
    QHash<quint64, Waiting> m_waiting;
    QHash<QString, QPointer<net::PeerConnection>> m_sessions;  // uuid -> long connection
    quint64 m_nextTicket = 1;
    Counters m_counters;
};

} // namespace fd::server
