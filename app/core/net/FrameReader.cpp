#include "FrameReader.h"

namespace fd::net {

using namespace fd::framing;

FrameReader::Status FrameReader::next(Frame *frame)
{
    if (!m_error.isEmpty())
        return Status::Error;
    const Framing kind = sniffFraming(m_buffer);
    if (kind == Framing::NeedMore) {
        // Only white space so far: drop it so that idle keep-alive CRLFs do not pile up.
        if (!m_buffer.isEmpty() && m_buffer.trimmed().isEmpty())
            m_buffer.clear();
        return Status::NeedMore;
    }
    if (kind == Framing::Unknown) {
        m_error = QStringLiteral("neither an HTTP message nor a JSON object");
        m_httpStatus = 400;
        return Status::Error;
    }
    m_lastFraming = kind;

    if (kind == Framing::Json) {
        const JsonFrameResult r = scanJsonFrame(m_buffer, m_scan, m_limits);
        if (r.status == FrameStatus::NeedMore)
            return Status::NeedMore;
        m_scan = {};
        if (r.status == FrameStatus::Error) {
            m_error = r.error;
            m_httpStatus = 413;
            return Status::Error;
        }
        frame->kind = Frame::Kind::Json;
        frame->json = m_buffer.mid(r.frameStart, r.frameSize - r.frameStart);
        frame->wireBytes = r.frameSize;
        m_buffer.remove(0, r.frameSize);
        return Status::Frame;
    }

    const HttpParseResult r = m_role == Role::Server ? parseHttpRequest(m_buffer, m_limits)
                                                     : parseHttpResponse(m_buffer, m_limits, m_eof);
    if (r.status == FrameStatus::NeedMore)
        return Status::NeedMore;
    if (r.status == FrameStatus::Error) {
        m_error = r.error;
        m_httpStatus = r.httpStatusForError;
        return Status::Error;
    }
    frame->kind = Frame::Kind::Http;
    frame->http = r.message;
    frame->json = r.message.body;
    frame->wireBytes = r.frameSize;
    m_buffer.remove(0, r.frameSize);
    return Status::Frame;
}

} // namespace fd::net
