// The JSON stream framer (framing/JsonStreamFraming): the same buffer scanned in one
// call and resumed over growing prefixes (its state carried between calls, as bytes
// arrive) must give the same verdict; a frame lies inside the buffer.
#include "FuzzTarget.h"

#include "framing/JsonStreamFraming.h"

using namespace fd::framing;

FACEDESK_FUZZ_TARGET(json_framing)
{
    if (data.isEmpty())
        return;
    const qsizetype step = (quint8(data[0]) % 31) + 1;
    const QByteArrayView buffer = data.sliced(1);
    FrameLimits limits;
    limits.maxFrameBytes = 64 * 1024;
    limits.maxJsonDepth = 64;

    (void)sniffFraming(buffer);

    // The stream as a reader frames it: one frame after another, state reset each time.
    qsizetype at = 0;
    while (at < buffer.size()) {
        const QByteArrayView rest = buffer.sliced(at);
        JsonScanState whole;
        const JsonFrameResult once = scanJsonFrame(rest, whole, limits);

        JsonScanState resumed;
        JsonFrameResult bit;
        for (qsizetype end = qMin(step, rest.size());; end = qMin(end + step, rest.size())) {
            bit = scanJsonFrame(rest.first(end), resumed, limits);
            if (bit.status != FrameStatus::NeedMore || end == rest.size())
                break;
        }
        fuzzCheck(bit.status == once.status);
        if (once.status != FrameStatus::Complete)
            break;
        fuzzCheck(bit.frameSize == once.frameSize);
        fuzzCheck(bit.frameStart == once.frameStart);
        fuzzCheck(once.frameSize > 0 && once.frameSize <= rest.size());
        fuzzCheck(once.frameStart >= 0 && once.frameStart < once.frameSize);
        fuzzCheck(rest[once.frameStart] == '{' && rest[once.frameSize - 1] == '}');
        at += once.frameSize;
    }
}
