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

    // Answers a frame at once: as an HTTP response when it came as HTTP, else as bare
    // JSON. Only for frames answered in arrival order with nothing reserved before.
    void reply(const Frame &request, const QByteArray &json, int httpStatus = 200);

    // Asynchronous answers that still leave in arrival order (HTTP demands it, and
    // devices match replies on the long connection by order): reserve a place when
    // the frame arrives, fill it when the answer is known (e.g. after the commit).
    using Ticket = quint64;
    Ticket reserveReply(const Frame &request);
    void fulfil(Ticket ticket, const QByteArray &json, int httpStatus = 200);
    int pendingReplies() const { return int(m_pending.size()); }
    // Writes raw bytes (a bare JSON command or a whole HTTP request).
    void send(const QByteArray &bytes);
    // Closes once everything written has left.
    void closeAfterWrite();
    void abort();

    // Closes the connection when nothing arrives for this long (0: never).
    void setIdleTimeout(int ms);
    // Closes it when a frame that has begun is not complete this long after its first
    // byte (0: never): a slow-loris client cannot hold a slot.
    void setPartialFrameTimeout(int ms);

signals:
    void frameReceived(const fd::net::Frame &frame);
    void timedOut(const QString &reason);
    // The stream cannot be framed any more; the connection has been answered and closed.
    void framingError(const QString &reason);
    // A bare JSON message was cut short by the next one; it was answered with an
    // error and the connection goes on.
    void messageDropped(const QString &reason);
    void closed();

private:
    void onReadyRead();
    void failFraming();
    void answerTruncated();
    void writeReply(bool http, bool keepAlive, const QByteArray &json, int httpStatus);
    void flushReplies();
    static qint64 nowMs();  // a monotonic clock

    struct PendingReply {
        Ticket ticket = 0;
        bool http = false;
        bool keepAlive = false;
        bool ready = false;
        QByteArray json;
        int httpStatus = 200;
        bool closes = false;  // the framing error: the connection ends after it
    };

    QTcpSocket *m_socket;
    FrameReader m_reader;
    QTimer m_idle;
    QTimer m_partial;
    qint64 m_lastActivityMs = 0;
    qint64 m_partialSinceMs = -1;  // when the unfinished frame began; -1: none
    int m_partialTimeoutMs = 0;
    int m_idleTimeoutMs = 0;
    QList<PendingReply> m_pending;
    Ticket m_nextTicket = 1;
    bool m_closing = false;
    bool m_stopReading = false;  // the framing failed: nothing after it is read
};

} // namespace fd::net
