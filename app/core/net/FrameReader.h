// Cuts a connection's byte stream into protocol frames. A frame is either an HTTP
// message carrying JSON, or a bare JSON object; both can follow each other on one
// connection, so the framing is sniffed again at every frame boundary.
#pragma once

#include "framing/HttpFraming.h"
#include "framing/JsonStreamFraming.h"

#include <QByteArray>

namespace fd::net {

struct Frame {
    enum class Kind { Http, Json };
    Kind kind = Kind::Json;
    framing::HttpMessage http;  // Http frames only
    QByteArray json;            // the JSON text: the HTTP body, or the bare object
    qsizetype wireBytes = 0;
};

class FrameReader {
public:
    // Servers read requests; clients (the simulator) read responses.
    enum class Role { Server, Client };
    explicit FrameReader(Role role, framing::FrameLimits limits = {}) : m_role(role), m_limits(limits) {}

    void append(const QByteArray &bytes) { m_buffer.append(bytes); }
    void markEof() { m_eof = true; }
    qsizetype buffered() const { return m_buffer.size(); }

    // Truncated: a bare JSON message was cut short and another began behind it; the
    // cut bytes are dropped (error() says how many and why) and reading goes on.
    enum class Status { Frame, NeedMore, Error, Truncated };
    // Takes the next whole frame off the buffer, if there is one.
    Status next(Frame *frame);

    QString error() const { return m_error; }
    // After Truncated: what was dropped, in words for the device and the log.
    QString truncation() const { return m_truncation; }
    int httpStatusForError() const { return m_httpStatus; }
    // True when the unfinished frame is HTTP (an error then gets an HTTP answer).
    bool speakingHttp() const { return m_lastFraming == framing::Framing::Http; }

private:
    Status nextJson(Frame *frame);
    bool dropTruncated(qsizetype frameEnd);

    Role m_role;
    framing::FrameLimits m_limits;
    QByteArray m_buffer;
    framing::JsonScanState m_scan;
    framing::Framing m_lastFraming = framing::Framing::Unknown;
    // The last frame was an HTTP request without a body (Content-Length: 0, or no
    // length at all). Raw JSON right behind it is refused rather than served as a
    // message of its own: a device's requests carry their message in the body, and a
    // body cut short with the message following is the shape of request smuggling.
    // Mixed streams of requests with bodies and bare JSON stay served (PROTOCOL.md 2.3).
    bool m_afterEmptyRequest = false;
    bool m_eof = false;
    qsizetype m_resyncSearchFrom = 0;  // where the search for a message start goes on
    qsizetype m_skipped = 0;  // white space dropped before the frame in progress
    QString m_error;
    QString m_truncation;
    int m_httpStatus = 0;
};

} // namespace fd::net
