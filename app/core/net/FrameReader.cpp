#include "FrameReader.h"

namespace fd::net {

using namespace fd::framing;

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

    if (kind == Framing::Json) {
        const JsonFrameResult r = scanJsonFrame(m_buffer, m_scan, m_limits);
        if (r.status == FrameStatus::NeedMore)
            return Status::NeedMore;
        m_scan = {};
        if (r.status == FrameStatus::Error) {
            m_error = r.error;
            m_httpStatus = r.tooLarge ? 413 : 400;
            return Status::Error;
        }
        m_afterEmptyRequest = false;
        frame->kind = Frame::Kind::Json;
        frame->json = m_buffer.mid(r.frameStart, r.frameSize - r.frameStart);
        frame->wireBytes = r.frameSize + m_skipped;
        m_skipped = 0;
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
    m_afterEmptyRequest = m_role == Role::Server && r.message.body.isEmpty();
    frame->kind = Frame::Kind::Http;
    frame->http = r.message;
    frame->json = r.message.body;
    frame->wireBytes = r.frameSize + m_skipped;
    m_skipped = 0;
    m_buffer.remove(0, r.frameSize);
    return Status::Frame;
}

} // namespace fd::net
