#include "HttpFraming.h"

#include <http_parser.h>

#include <algorithm>

namespace fd::framing {

namespace {

// Per-call state reached from http_parser's C callbacks through parser.data.
struct Context {
    const char *base = nullptr;
    qsizetype size = 0;  // of the buffer at base
    const FrameLimits *limits = nullptr;
    HttpMessage message;
    QList<QPair<qsizetype, qsizetype>> bodySpans;  // offsets into the buffer, not copies
    qsizetype bodyBytes = 0;
    bool lastWasValue = true;
    bool headersDone = false;
    bool headersTooLarge = false;
    qsizetype headerEnd = 0;  // furthest header byte seen, as an offset
    bool complete = false;
    bool tooLarge = false;
    int refusedStatus = 0;  // set with refusedWhy when the request breaks RFC 9112
    QString refusedWhy;
};

Context *ctx(http_parser *p) { return static_cast<Context *>(p->data); }

// RFC 9110 token characters: what a header name may hold (no white space, no colon).
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

// The header block's line endings, read from the buffer's start up to the empty line.
// RFC 9112 2.2 lets a recipient take a bare LF as a line end, and the vendor's own
// example request uses nothing else, so a block of bare LFs is read. What is refused
// is a mix of the two in one block: a parser that splits lines only at CRLF and one
// that also splits at LF see different headers in it, which is how requests get
// smuggled past a proxy. Lines that continue the one before (obsolete folding, 5.2)
// are refused too.
QString headerBlockProblem(QByteArrayView buffer)
{
    qsizetype lineStart = 0;
    int crlfEnded = -1;  // unknown until the request line ends
    for (qsizetype i = 0; i < buffer.size(); ++i) {
        if (buffer[i] != '\n')
            continue;
        const bool crlf = i > 0 && buffer[i - 1] == '\r';
        if (crlfEnded < 0)
            crlfEnded = crlf ? 1 : 0;
        else if (crlfEnded != int(crlf))
            return QStringLiteral("the header mixes CRLF and bare LF line ends");
        if (i - (crlf ? 1 : 0) == lineStart)
            return {};  // the empty line: the headers end here
        lineStart = i + 1;
        if (lineStart < buffer.size() && (buffer[lineStart] == ' ' || buffer[lineStart] == '\t'))
            return QStringLiteral("a header line is folded onto the next (obsolete line folding)");
    }
    return {};
}

// What RFC 9112 asks a server to refuse and http_parser lets through: versions other
// than 1.0 and 1.1, header names with white space ("Content-Length : 5"), mixed line
// ends, folded lines, and transfer codings other than plain chunked.
void checkStrictly(http_parser *p, Context *c)
{
    const auto refuse = [c](int status, const QString &why) {
        if (c->refusedStatus == 0) {
            c->refusedStatus = status;
            c->refusedWhy = why;
        }
    };
    if (p->type == HTTP_REQUEST && (p->http_major != 1 || p->http_minor > 1))
        refuse(505, QStringLiteral("HTTP/%1.%2 is not served; only HTTP/1.0 and HTTP/1.1").arg(p->http_major).arg(p->http_minor));
    for (const auto &[name, value] : std::as_const(c->message.headers)) {
        if (name.isEmpty() || !std::all_of(name.cbegin(), name.cend(), isTokenChar))
            refuse(400, QStringLiteral("the header name \"%1\" holds white space or other characters a name may not")
                            .arg(QString::fromLatin1(name.left(64))));
        if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0 && value.trimmed().toLower() != "chunked")
            refuse(501, QStringLiteral("Transfer-Encoding \"%1\" is not served; only chunked")
                            .arg(QString::fromLatin1(value.trimmed().left(64))));
    }
    if (const QString problem = headerBlockProblem(QByteArrayView(c->base, c->size)); !problem.isEmpty())
        refuse(400, problem);
}

int onUrl(http_parser *p, const char *at, size_t len)
{
    ctx(p)->message.target.append(at, qsizetype(len));
    return 0;
}

int onHeaderField(http_parser *p, const char *at, size_t len)
{
    Context *c = ctx(p);
    c->headerEnd = qMax(c->headerEnd, qsizetype(at - c->base) + qsizetype(len));
    if (c->lastWasValue)
        c->message.headers.append({QByteArray(), QByteArray()});
    c->message.headers.last().first.append(at, qsizetype(len));
    c->lastWasValue = false;
    return 0;
}

int onHeaderValue(http_parser *p, const char *at, size_t len)
{
    Context *c = ctx(p);
    c->headerEnd = qMax(c->headerEnd, qsizetype(at - c->base) + qsizetype(len));
    if (c->message.headers.isEmpty())
        return 0;
    c->message.headers.last().second.append(at, qsizetype(len));
    c->lastWasValue = true;
    return 0;
}

int onHeadersComplete(http_parser *p)
{
    Context *c = ctx(p);
    c->headersDone = true;
    if (p->type == HTTP_REQUEST) {
        checkStrictly(p, c);
        if (c->refusedStatus != 0)
            return -1;
    }
    // The same limit whether the headers came in one read or byte by byte.
    if (c->headerEnd > c->limits->maxHeaderBytes) {
        c->headersTooLarge = true;
        return -1;
    }
    // Refuse a declared body over the limit before a single byte of it arrives.
    if ((p->flags & F_CONTENTLENGTH) && p->content_length > quint64(c->limits->maxFrameBytes)) {
        c->tooLarge = true;
        return -1;
    }
    return 0;
}

int onBody(http_parser *p, const char *at, size_t len)
{
    Context *c = ctx(p);
    c->bodyBytes += qsizetype(len);
    if (c->bodyBytes > c->limits->maxFrameBytes) {
        c->tooLarge = true;
        return -1;
    }
    c->bodySpans.append({at - c->base, qsizetype(len)});
    return 0;
}

int onMessageComplete(http_parser *p)
{
    Context *c = ctx(p);
    c->complete = true;
    c->message.keepAlive = http_should_keep_alive(p) != 0;
    // Stop right after this message so that the caller sees its exact size.
    http_parser_pause(p, 1);
    return 0;
}

HttpParseResult parse(QByteArrayView buffer, const FrameLimits &limits, http_parser_type type, bool atEof)
{
    static const http_parser_settings settings = [] {
        http_parser_settings s;
        http_parser_settings_init(&s);
        s.on_url = onUrl;
        s.on_header_field = onHeaderField;
        s.on_header_value = onHeaderValue;
        s.on_headers_complete = onHeadersComplete;
        s.on_body = onBody;
        s.on_message_complete = onMessageComplete;
        return s;
    }();

    HttpParseResult result;
    Context c;
    c.base = buffer.data();
    c.size = buffer.size();
    c.limits = &limits;
    c.message.isRequest = type == HTTP_REQUEST;

    http_parser parser;
    http_parser_init(&parser, type);
    parser.data = &c;
    size_t parsed = http_parser_execute(&parser, &settings, buffer.data(), size_t(buffer.size()));
    if (!c.complete && atEof && HTTP_PARSER_ERRNO(&parser) == HPE_OK)
        http_parser_execute(&parser, &settings, nullptr, 0);

    const auto err = HTTP_PARSER_ERRNO(&parser);
    if (c.headersTooLarge) {
        result.status = FrameStatus::Error;
        result.httpStatusForError = 431;
        result.error = QStringLiteral("headers longer than %1 bytes").arg(limits.maxHeaderBytes);
        return result;
    }
    if (c.refusedStatus != 0) {
        result.status = FrameStatus::Error;
        result.httpStatusForError = c.refusedStatus;
        result.error = c.refusedWhy;
        return result;
    }
    if (c.tooLarge) {
        result.status = FrameStatus::Error;
        result.httpStatusForError = 413;
        result.error = QStringLiteral("body larger than %1 bytes").arg(limits.maxFrameBytes);
        return result;
    }
    if (err != HPE_OK && err != HPE_PAUSED) {
        result.status = FrameStatus::Error;
        result.httpStatusForError = err == HPE_HEADER_OVERFLOW ? 431 : 400;
        result.error = QString::fromLatin1(http_errno_name(err)) + QStringLiteral(": ")
            + QString::fromLatin1(http_errno_description(err));
        return result;
    }
    if (!c.complete) {
        // Headers that never end are as bad as a body that never ends.
        if (!c.headersDone && buffer.size() > limits.maxHeaderBytes) {
            result.status = FrameStatus::Error;
            result.httpStatusForError = 431;
            result.error = QStringLiteral("headers longer than %1 bytes").arg(limits.maxHeaderBytes);
        }
        return result;
    }

    result.status = FrameStatus::Complete;
    result.frameSize = qsizetype(parsed);
    c.message.versionMajor = parser.http_major;
    c.message.versionMinor = parser.http_minor;
    if (type == HTTP_REQUEST)
        c.message.method = http_method_str(http_method(parser.method));
    else
        c.message.statusCode = int(parser.status_code);
    if (c.bodySpans.size() == 1) {
        c.message.body = buffer.sliced(c.bodySpans[0].first, c.bodySpans[0].second).toByteArray();
    } else {
        c.message.body.reserve(c.bodyBytes);
        for (const auto &[offset, len] : c.bodySpans)
            c.message.body.append(buffer.sliced(offset, len));
    }
    result.message = std::move(c.message);
    return result;
}

} // namespace

QByteArray HttpMessage::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value.trimmed();
    return {};
}

QByteArray HttpMessage::path() const
{
    const qsizetype q = target.indexOf('?');
    return q < 0 ? target : target.left(q);
}

HttpParseResult parseHttpRequest(QByteArrayView buffer, const FrameLimits &limits)
{
    return parse(buffer, limits, HTTP_REQUEST, false);
}

HttpParseResult parseHttpResponse(QByteArrayView buffer, const FrameLimits &limits, bool atEof)
{
    return parse(buffer, limits, HTTP_RESPONSE, atEof);
}

QByteArray httpReasonPhrase(int statusCode)
{
    switch (statusCode) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 505: return "HTTP Version Not Supported";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

QByteArray buildHttpRequest(QByteArrayView method, QByteArrayView target, QByteArrayView host,
                            const QByteArray &body, bool keepAlive, bool http10)
{
    QByteArray out;
    out.reserve(body.size() + 160);
    out += method;
    out += ' ';
    out += target;
    out += http10 ? " HTTP/1.0\r\n" : " HTTP/1.1\r\n";
    out += "Host: ";
    out += host;
    out += "\r\nConnection: ";
    out += keepAlive ? "keep-alive" : "close";
    out += "\r\nContent-Type: application/json;charset=utf-8\r\nContent-Length: ";
    out += QByteArray::number(body.size());
    out += "\r\n\r\n";
    out += body;
    return out;
}

QByteArray buildHttpResponse(int statusCode, const QByteArray &body, bool keepAlive, QByteArrayView contentType)
{
    QByteArray out;
    out.reserve(body.size() + 160);
    out += "HTTP/1.1 ";
    out += QByteArray::number(statusCode);
    out += ' ';
    out += httpReasonPhrase(statusCode);
    out += "\r\nContent-Type: ";
    out += contentType;
    out += "\r\nContent-Length: ";
    out += QByteArray::number(body.size());
    out += "\r\nConnection: ";
    out += keepAlive ? "keep-alive" : "close";
    out += "\r\n\r\n";
    out += body;
    return out;
}

} // namespace fd::framing
