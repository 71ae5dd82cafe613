#include "PeerConnection.h"

#include "protocol/ErrorCodes.h"
#include "protocol/MessageCodec.h"

#include <chrono>

namespace fd::net {

PeerConnection::PeerConnection(QTcpSocket *socket, FrameReader::Role role, framing::FrameLimits limits,
                               QObject *parent)
    : QObject(parent), m_socket(socket), m_reader(role, limits)
{
    m_socket->setParent(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_socket, &QTcpSocket::readyRead, this, &PeerConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        m_idle.stop();
        m_partial.stop();
        // A response without a length ends with the connection: read it out (an
        // aborted socket is closed already and has nothing left).
        if (m_socket->isOpen())
            m_reader.append(m_socket->readAll());
        m_reader.markEof();
        Frame frame;
        while (!m_closing && !m_stopReading && m_reader.next(&frame) == FrameReader::Status::Frame)
            emit frameReceived(frame);
        emit closed();
    });
    // Both clocks are lazy: reads only note the time, and a timer that fires early
    // (because bytes came meanwhile) starts itself again for what is left. Restarting
    // two timers on every read cost the network thread more than framing the bytes
    // with 500 devices sending (the ingest benchmark's profile).
    m_idle.setSingleShot(true);
    connect(&m_idle, &QTimer::timeout, this, [this] {
        const qint64 left = m_lastActivityMs + m_idleTimeoutMs - nowMs();
        if (left > 0) {
            m_idle.start(int(left));
            return;
        }
        emit timedOut(QStringLiteral("idle for %1 ms").arg(m_idleTimeoutMs));
        abort();
    });
    m_partial.setSingleShot(true);
    connect(&m_partial, &QTimer::timeout, this, [this] {
        if (m_partialSinceMs < 0)
            return;  // the frame completed meanwhile
        const qint64 left = m_partialSinceMs + m_partialTimeoutMs - nowMs();
        if (left > 0) {
            m_partial.start(int(left));
            return;
        }
        emit timedOut(QStringLiteral("a message stayed incomplete for %1 ms").arg(m_partialTimeoutMs));
        abort();
    });
}

qint64 PeerConnection::nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

PeerConnection::~PeerConnection() = default;

QString PeerConnection::peerText() const
{
    return QStringLiteral("%1:%2").arg(m_socket->peerAddress().toString()).arg(m_socket->peerPort());
}

void PeerConnection::setIdleTimeout(int ms)
{
    m_lastActivityMs = nowMs();
    m_idleTimeoutMs = ms;
    if (ms > 0)
        m_idle.start(ms);
    else
        m_idle.stop();
}

void PeerConnection::setPartialFrameTimeout(int ms)
{
    m_partialTimeoutMs = ms;
    if (ms <= 0)
        m_partial.stop();
}

void PeerConnection::onReadyRead()
{
    const qint64 now = nowMs();
    m_lastActivityMs = now;
    m_reader.append(m_socket->readAll());
    Frame frame;
    // A frame handler may close us; stop reading when it does.
    QPointer<PeerConnection> self(this);
    while (self && !m_closing && !m_stopReading) {
        const auto status = m_reader.next(&frame);
        if (status == FrameReader::Status::NeedMore) {
            // The clock runs from the first byte of an unfinished frame, not from the
            // last byte received: trickling bytes does not keep a slot alive.
            if (m_reader.buffered() == 0) {
                m_partialSinceMs = -1;
            } else if (m_partialSinceMs < 0) {
                m_partialSinceMs = now;
                if (m_partialTimeoutMs > 0 && !m_partial.isActive())
                    m_partial.start(m_partialTimeoutMs);
            }
            return;
        }
        if (status == FrameReader::Status::Error) {
            failFraming();
            return;
        }
        m_partialSinceMs = -1;
        if (status == FrameReader::Status::Truncated) {
            answerTruncated();
            continue;
        }
        emit frameReceived(frame);
    }
}

// The stream cannot be framed past this point. Nothing more is read from it, but
// every message before the bad one is still answered, in order (their answers may be
// waiting for a commit), and the framing error goes last; then the connection closes.
// A device that is not told its pushes were stored sends them again.
void PeerConnection::failFraming()
{
    const QString reason = m_reader.error();
    m_stopReading = true;
    const bool http = m_reader.speakingHttp();
    PendingReply last;
    last.ticket = m_nextTicket++;
    last.http = http;
    last.ready = true;
    last.closes = true;
    last.httpStatus = http ? m_reader.httpStatusForError() : 200;
    // Answered in the protocol's terms, so the device knows why.
    last.json = protocol::encode(protocol::StatusReply{
        protocol::code::JsonParseError, QStringLiteral("framing error: %1").arg(reason), {}});
    m_pending.append(last);
    emit framingError(reason);
    flushReplies();
}

// A bare JSON message cut short by the next one: it is answered with a parse error in
// its place in the order, and the connection carries on with the message behind it.
void PeerConnection::answerTruncated()
{
    const QString reason = m_reader.truncation();
    PendingReply slot;
    slot.ticket = m_nextTicket++;
    slot.ready = true;
    slot.json = protocol::encode(protocol::StatusReply{protocol::code::JsonParseError, reason, {}});
    m_pending.append(slot);
    emit messageDropped(reason);
    flushReplies();
}

void PeerConnection::reply(const Frame &request, const QByteArray &json, int httpStatus)
{
    fulfil(reserveReply(request), json, httpStatus);
}

PeerConnection::Ticket PeerConnection::reserveReply(const Frame &request)
{
    const bool http = request.kind == Frame::Kind::Http;
    PendingReply slot;
    slot.ticket = m_nextTicket;
    slot.http = http;
    slot.keepAlive = http && request.http.keepAlive;
    m_pending.append(slot);
    return m_nextTicket++;
}

void PeerConnection::fulfil(Ticket ticket, const QByteArray &json, int httpStatus)
{
    for (PendingReply &p : m_pending) {
        if (p.ticket == ticket) {
            p.ready = true;
            p.json = json;
            p.httpStatus = httpStatus;
            break;
        }
    }
    flushReplies();
}

void PeerConnection::flushReplies()
{
    while (!m_pending.isEmpty() && m_pending.first().ready) {
        const PendingReply p = m_pending.takeFirst();
        writeReply(p.http, p.keepAlive, p.json, p.httpStatus);
        if (p.closes)
            closeAfterWrite();
    }
}

void PeerConnection::writeReply(bool http, bool keepAlive, const QByteArray &json, int httpStatus)
{
    if (m_closing || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (http) {
        m_socket->write(framing::buildHttpResponse(httpStatus, json, keepAlive));
        if (!keepAlive)
            closeAfterWrite();
    } else {
        m_socket->write(json);
    }
}

void PeerConnection::send(const QByteArray &bytes)
{
    if (!m_closing && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->write(bytes);
}

void PeerConnection::closeAfterWrite()
{
    m_closing = true;
    m_socket->disconnectFromHost();
}

void PeerConnection::abort()
{
    m_closing = true;
    m_socket->abort();
}

} // namespace fd::net
