#include "JsonStreamFraming.h"

namespace fd::framing {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0';
}

} // namespace

JsonFrameResult scanJsonFrame(QByteArrayView buffer, JsonScanState &s, const FrameLimits &limits)
{
    JsonFrameResult r;
    const char *data = buffer.data();
    const qsizetype n = buffer.size();
    qsizetype i = s.position;

    if (s.start < 0) {
        while (i < n && isSpace(data[i]))
            ++i;
        s.position = i;
        if (i >= n)
            return r;
        if (data[i] != '{') {
            r.status = FrameStatus::Error;
            r.error = QStringLiteral("expected '{' at byte %1, found 0x%2")
                          .arg(i)
                          .arg(uchar(data[i]), 2, 16, QLatin1Char('0'));
            return r;
        }
        s.start = i;
    }

    const qsizetype limit = s.start + limits.maxFrameBytes;
    const qsizetype stop = qMin(n, limit);
    while (i < stop) {
        const char c = data[i];
        if (s.inString) {
            if (s.escaped) {
                s.escaped = false;
            } else if (c == '\\') {
                s.escaped = true;
            } else if (c == '"') {
                s.inString = false;
            }
            ++i;
            continue;
        }
        ++i;
        if (c == '"') {
            s.inString = true;
        } else if (c == '{' || c == '[') {
            if (++s.depth > limits.maxJsonDepth) {
                r.status = FrameStatus::Error;
                r.error = QStringLiteral("JSON nested deeper than %1").arg(limits.maxJsonDepth);
                return r;
            }
        } else if (c == '}' || c == ']') {
            if (--s.depth == 0) {
                // Only '}' closes the object: "{...]" is no frame (found by fuzzing,
                // docs/FUZZING.md), and the bytes behind it are not the next one.
                if (c == ']') {
                    r.status = FrameStatus::Error;
                    r.error = QStringLiteral("expected '}' to close the object at byte %1, found 0x5d").arg(i - 1);
                    return r;
                }
                r.status = FrameStatus::Complete;
                r.frameStart = s.start;
                r.frameSize = i;
                return r;
            }
        }
    }
    s.position = i;
    if (i >= limit) {
        r.status = FrameStatus::Error;
        r.tooLarge = true;
        r.error = QStringLiteral("JSON message larger than %1 bytes").arg(limits.maxFrameBytes);
    }
    return r;
}

Framing sniffFraming(QByteArrayView buffer)
{
    qsizetype i = 0;
    while (i < buffer.size() && isSpace(buffer[i]))
        ++i;
    if (i >= buffer.size())
        return Framing::NeedMore;
    if (buffer[i] == '{')
        return Framing::Json;
    // An HTTP start line begins with a token of capitals ("POST", "HTTP/1.1").
    qsizetype j = i;
    while (j < buffer.size() && j - i < 8 && buffer[j] >= 'A' && buffer[j] <= 'Z')
        ++j;
    if (j == buffer.size())
        return j - i > 0 ? Framing::NeedMore : Framing::Unknown;
    if (j > i && (buffer[j] == ' ' || buffer[j] == '/'))
        return Framing::Http;
    return Framing::Unknown;
}

} // namespace fd::framing
