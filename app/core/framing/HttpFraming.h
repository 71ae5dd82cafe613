// HTTP/1.0 and HTTP/1.1 framing over node's http_parser (Debian: libhttp-parser-dev).
//
// parseHttpRequest()/parseHttpResponse() are pure: they look at the buffer from its
// first byte and say whether it holds one whole message, which the caller then cuts
// off the front. Bodies are never copied until the message is complete, so calling
// again as bytes trickle in only re-reads the headers.
#pragma once

#include "FrameStatus.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

namespace fd::framing {

struct HttpMessage {
    bool isRequest = true;
    QByteArray method;   // requests: "POST"
    QByteArray target;   // requests: "/faceinfo"
    int statusCode = 0;  // responses
    int versionMajor = 1;
    int versionMinor = 1;
    QList<QPair<QByteArray, QByteArray>> headers;  // in order, names as sent
    QByteArray body;     // de-chunked
    bool keepAlive = false;

    // Case-insensitive lookup of the first header with this name.
    QByteArray header(QByteArrayView name) const;
    // The target without its query string.
    QByteArray path() const;
};

struct HttpParseResult {
    FrameStatus status = FrameStatus::NeedMore;
    qsizetype frameSize = 0;     // bytes to cut off when Complete
    HttpMessage message;         // filled when Complete
    int httpStatusForError = 0;  // 400 malformed, 413 too large, 431 headers too large
    QString error;               // English, for the log
};

HttpParseResult parseHttpRequest(QByteArrayView buffer, const FrameLimits &limits = {});
// atEof: the peer closed; a response without Content-Length ends there.
HttpParseResult parseHttpResponse(QByteArrayView buffer, const FrameLimits &limits = {}, bool atEof = false);

// Writers. Serialising HTTP is trivial and not parsing, so no library is needed here.
QByteArray buildHttpRequest(QByteArrayView method, QByteArrayView target, QByteArrayView host,
                            const QByteArray &body, bool keepAlive = true, bool http10 = false);
QByteArray buildHttpResponse(int statusCode, const QByteArray &body, bool keepAlive = true,
                             QByteArrayView contentType = "application/json;charset=utf-8");
QByteArray httpReasonPhrase(int statusCode);

} // namespace fd::framing
