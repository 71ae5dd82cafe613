// The HTTP framer (framing/HttpFraming), requests and responses: the first byte picks
// which (and, for a response, whether the peer has closed). A complete frame lies
// inside the buffer, and a frame found in a buffer is found the same with more bytes
// behind it (the framer looks only at the front).
#include "FuzzTarget.h"

#include "framing/HttpFraming.h"

using namespace fd::framing;

namespace {

HttpParseResult parse(QByteArrayView buffer, char mode, const FrameLimits &limits)
{
    switch (mode & 3) {
    case 0:
    case 1:
        return parseHttpRequest(buffer, limits);
    case 2:
        return parseHttpResponse(buffer, limits, false);
    default:
        return parseHttpResponse(buffer, limits, true);
    }
}

} // namespace

FACEDESK_FUZZ_TARGET(http_framing)
{
    if (data.isEmpty())
        return;
    const char mode = data[0];
    const QByteArrayView buffer = data.sliced(1);
    FrameLimits limits;
    limits.maxFrameBytes = 64 * 1024;
    limits.maxHeaderBytes = 4 * 1024;
    const HttpParseResult r = parse(buffer, mode, limits);
    if (r.status == FrameStatus::Error) {
        fuzzCheck(r.httpStatusForError >= 400 && r.httpStatusForError < 600);
        return;
    }
    if (r.status != FrameStatus::Complete)
        return;
    fuzzCheck(r.frameSize > 0 && r.frameSize <= buffer.size());
    fuzzCheck(r.message.body.size() <= limits.maxFrameBytes);
    (void)r.message.path();
    (void)r.message.header("Content-Length");
    // The same frame, read from exactly its own bytes, is the same frame (a response
    // that ends at the close is left out: its end is where the bytes end).
    if ((mode & 3) != 3) {
        const HttpParseResult alone = parse(buffer.first(r.frameSize), mode, limits);
        fuzzCheck(alone.status == FrameStatus::Complete);
        fuzzCheck(alone.frameSize == r.frameSize);
        fuzzCheck(alone.message.body == r.message.body);
    }
}
