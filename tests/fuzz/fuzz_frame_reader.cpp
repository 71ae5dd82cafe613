// The frame reader (net/FrameReader): HTTP and bare JSON frames sniffed at each frame
// boundary, the bytes arriving in pieces. The first byte picks the role (server reads
// requests, client responses) and the size of the pieces.
#include "FuzzTarget.h"

#include "net/FrameReader.h"

using namespace fd::net;

FACEDESK_FUZZ_TARGET(frame_reader)
{
    if (data.isEmpty())
        return;
    const quint8 control = quint8(data[0]);
    const QByteArrayView stream = data.sliced(1);
    const auto role = (control & 1) ? FrameReader::Role::Client : FrameReader::Role::Server;
    const qsizetype piece = (control >> 1) % 64 + 1;
    fd::framing::FrameLimits limits;
    limits.maxFrameBytes = 64 * 1024;
    limits.maxHeaderBytes = 4 * 1024;
    FrameReader reader(role, limits);

    qsizetype fed = 0;
    qsizetype wire = 0;
    bool stopped = false;
    while (!stopped) {
        const qsizetype n = qMin(piece, stream.size() - fed);
        if (n > 0)
            reader.append(stream.sliced(fed, n).toByteArray());
        fed += n;
        if (fed == stream.size())
            reader.markEof();
        // Take every frame the bytes so far hold; the guard catches a reader that
        // would say "frame" for ever.
        for (int guard = 0;; ++guard) {
            fuzzCheck(guard < 100000);
            Frame frame;
            const FrameReader::Status s = reader.next(&frame);
            if (s == FrameReader::Status::Frame) {
                fuzzCheck(frame.wireBytes > 0);
                wire += frame.wireBytes;
                fuzzCheck(wire <= fed);
                continue;
            }
            if (s == FrameReader::Status::Error) {
                (void)reader.error();
                (void)reader.httpStatusForError();
                stopped = true;
            } else if (s == FrameReader::Status::NeedMore) {
                stopped = fed == stream.size();
            } else {
                continue;  // any other word (a frame dropped) leaves more to read
            }
            break;
        }
        fuzzCheck(reader.buffered() <= fed);
    }
}
