// A thin QObject over one TCP socket: bytes in become frames out, replies go back in
// the framing the request came in (HTTP body or bare JSON). Used by the listener for
// device connections and by the simulator for its side of the same connections.
#pragma once

#include "FrameReader.h"

#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace fd::net {

class PeerConnection : public QObject {
    Q_OBJECT
public:
    PeerConnection(QTcpSocket *socket, FrameReader::Role role, framing::FrameLimits limits = {},
                   QObject *parent = nullptr);
    ~PeerConnection() override;

    QTcpSocket *socket() const { return m_socket; }
    QString peerText() const;

    // Answers a frame: as an HTTP response when it came as HTTP, else as bare JSON.
    void reply(const Frame &request, const QByteArray &json, int httpStatus = 200);
    // Writes raw bytes (a bare JSON command or a whole HTTP request).
    void send(const QByteArray &bytes);
    // Closes once everything written has left.
    void closeAfterWrite();
    void abort();

    // Closes the connection when nothing arrives for this long (0: never).
    void setIdleTimeout(int ms);

signals:
    void frameReceived(const fd::net::Frame &frame);
    // The stream cannot be framed any more; the connection has been answered and closed.
    void framingError(const QString &reason);
    void closed();

private:
    void onReadyRead();
    void failFraming();

    QTcpSocket *m_socket;
    FrameReader m_reader;
    QTimer m_idle;
    bool m_closing = false;
};

} // namespace fd::net
