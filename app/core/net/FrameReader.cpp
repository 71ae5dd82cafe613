#include "FrameReader.h"

namespace fd::net {

using namespace fd::framing;

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Where a new message begins inside the bytes [from, end) of an unfinished one: a '{'
// opening an object whose first key is "method" or "dataLength", and that is not a
// value or an array's first element (not behind ':' or '['; the dataLength envelope
// carries {"method"...} as the value of "data"). Inside a well-formed JSON string a
// quote is always escaped, so these bytes cannot be text of the message before:
// only a message cut short leaves them there. A later array element behind ','
// could, but no message of the protocol holds an array of objects keyed "method"
// or "dataLength", and a cut right after a comma is common. -1 when there is none.
qsizetype messageStartWithin(QByteArrayView buffer, qsizetype from, qsizetype end)
{
    qsizetype best = -1;
    for (const QByteArrayView key : {QByteArrayView("\"method\""), QByteArrayView("\"dataLength\"")}) {
        for (qsizetype at = buffer.indexOf(key, from); at >= 0 && at < end && (best < 0 || at < best);
             at = buffer.indexOf(key, at + 1)) {
            qsizetype brace = at - 1;
            while (brace >= from && isBlank(buffer[brace]))
                --brace;
            if (brace < from || buffer[brace] != '{')
                continue;
            qsizetype before = brace - 1;
            while (before >= 0 && isBlank(buffer[before]))
                --before;
            if (before >= 0 && (buffer[before] == ':' || buffer[before] == '['))
                continue;
            best = brace;
            break;
        }
    }
    return best;
}

// The dataLength a message declares as its first key ({"dataLength":1234,...}), or -1.
qsizetype declaredLength(QByteArrayView buffer, qsizetype start)
{
    static const QByteArrayView key("\"dataLength\"");
    qsizetype i = start + 1;
    while (i < buffer.size() && isBlank(buffer[i]))
        ++i;
    if (!buffer.sliced(qMin(i, buffer.size())).startsWith(key))
        return -1;
    i += key.size();
    while (i < buffer.size() && (isBlank(buffer[i]) || buffer[i] == ':'))
        ++i;
    qsizetype n = 0, digits = 0;
    for (; i < buffer.size() && buffer[i] >= '0' && buffer[i] <= '9' && digits < 10; ++i, ++digits)
        n = n * 10 + (buffer[i] - '0');
    return digits > 0 ? n : -1;
}

} // namespace

FrameReader::Status FrameReader::next(Frame *frame)
{
    if (!m_error.isEmpty())
        return Status::Error;
    if (m_scan.start < 0) {
        // Between frames, white space (and the NUL padding some firmware sends) is
        // nobody's: drop it, so it can neither pile up nor confuse the HTTP parser.
        qsizetype skip = 0;
        while (skip < m_buffer.size()) {
            const char c = m_buffer[skip];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\0')
                break;
            ++skip;
        }
        if (skip > 0) {
            m_buffer.remove(0, skip);
            m_scan = {};
            // Counted with the frame it precedes; idle white space with nothing after
            // it (keep-alive CRLFs) belongs to no frame.
            m_skipped = m_buffer.isEmpty() ? 0 : m_skipped + skip;
        }
    }
    const Framing kind = sniffFraming(m_buffer);
    if (kind == Framing::NeedMore)
        return Status::NeedMore;
    if (kind == Framing::Unknown) {
        m_error = QStringLiteral("neither an HTTP message nor a JSON object");
        m_httpStatus = 400;
        return Status::Error;
    }
    if (kind == Framing::Json && m_afterEmptyRequest && m_role == Role::Server) {
        m_error = QStringLiteral("raw JSON right behind an HTTP request without a body (Content-Length 0 or none): "
                                 "the message belongs in the request's body");
        m_httpStatus = 400;
        return Status::Error;
    }
    m_lastFraming = kind;

    if (kind == Framing::Json)
        return nextJson(frame);

    const HttpParseResult r = m_role == Role::Server ? parseHttpRequest(m_buffer, m_limits)
                                                     : parseHttpResponse(m_buffer, m_limits, m_eof);
    if (r.status == FrameStatus::NeedMore)
        return Status::NeedMore;
    if (r.status == FrameStatus::Error) {
        m_error = r.error;
        m_httpStatus = r.httpStatusForError;
        return Status::Error;
    }
    m_afterEmptyRequest = m_role == Role::Server && r.message.body.isEmpty();
    frame->kind = Frame::Kind::Http;
    frame->http = r.message;
    frame->json = r.message.body;
    frame->wireBytes = r.frameSize + m_skipped;
    m_skipped = 0;
    m_buffer.remove(0, r.frameSize);
    return Status::Frame;
}

FrameReader::Status FrameReader::nextJson(Frame *frame)
{
    const JsonFrameResult r = scanJsonFrame(m_buffer, m_scan, m_limits);
    if (r.status == FrameStatus::NeedMore) {
        if (m_role == Role::Server && m_scan.start >= 0 && dropTruncated(m_buffer.size()))
            return Status::Truncated;
        return Status::NeedMore;
    }
    if (r.status == FrameStatus::Error) {
        m_scan = {};
        m_error = r.error;
        m_httpStatus = r.tooLarge ? 413 : 400;
        return Status::Error;
    }
    // A message cut short can still close its braces with the bytes of the next one.
    if (m_role == Role::Server && dropTruncated(r.frameSize))
        return Status::Truncated;
    m_scan = {};
    m_resyncSearchFrom = 0;
    m_afterEmptyRequest = false;
    frame->kind = Frame::Kind::Json;
    frame->json = m_buffer.mid(r.frameStart, r.frameSize - r.frameStart);
    frame->wireBytes = r.frameSize + m_skipped;
    m_skipped = 0;
    m_buffer.remove(0, r.frameSize);
    return Status::Frame;
}

// Resynchronisation of the long connection after a message cut short (a device that
// gave up on one push mid-image and went on with its heartbeat). The next message is
// found by its start (messageStartWithin) or, when the cut message declared its
// dataLength, by a '{' exactly where that length ends. The cut bytes are dropped and
// the caller answers them with an error; without this the heartbeat would sit inside
// the unfinished message until the partial-frame timeout closed the connection.
bool FrameReader::dropTruncated(qsizetype frameEnd)
{
    const qsizetype start = m_scan.start;
    qsizetype cut = messageStartWithin(m_buffer, qMax(start + 1, m_resyncSearchFrom), frameEnd);
    if (cut < 0) {
        const qsizetype declared = declaredLength(m_buffer, start);
        const qsizetype end = start + declared;
        if (declared > 1 && end + 1 < frameEnd && m_buffer[end] == '{' && m_buffer[end + 1] == '"')
            cut = end;
    }
    if (cut < 0) {
        // Keys may be split across reads: look again a key's length back next time.
        m_resyncSearchFrom = qMax(start + 1, frameEnd - 16);
        return false;
    }
    m_truncation = QStringLiteral("a message of %1 bytes was cut short: another message began before it ended")
                       .arg(cut - start);
    m_buffer.remove(0, cut);
    m_scan = {};
    m_resyncSearchFrom = 0;
    m_skipped = 0;
    return true;
}

} // namespace fd::net
