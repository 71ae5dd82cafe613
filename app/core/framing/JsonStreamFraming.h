// Framing of a raw TCP stream of concatenated JSON objects (the devices' long
// connection), with or without the dataLength envelope.
//
// The scanner counts braces outside strings, so '{' and '}' inside text do not
// confuse it. Its state is passed in and out, so bytes already scanned are never
// scanned again when more arrive; the function itself has no other memory.
#pragma once

#include "FrameStatus.h"

#include <QByteArrayView>
#include <QString>

namespace fd::framing {

struct JsonScanState {
    qsizetype position = 0;  // next byte to look at
    qsizetype start = -1;    // offset of the object's '{', -1 before it is seen
    int depth = 0;
    bool inString = false;
    bool escaped = false;
};

struct JsonFrameResult {
    FrameStatus status = FrameStatus::NeedMore;
    qsizetype frameStart = 0;  // offset of '{' (white space before it is skipped)
    qsizetype frameSize = 0;   // bytes to cut off the front, leading white space included
    bool tooLarge = false;     // the error is the size limit (else: not JSON, or too deep)
    QString error;
};

// Scans buffer (which always starts at the same place for one state) for one object.
// After Complete or Error, reset the state before scanning the next frame.
JsonFrameResult scanJsonFrame(QByteArrayView buffer, JsonScanState &state, const FrameLimits &limits = {});

enum class Framing { Unknown, NeedMore, Http, Json };
// Tells an HTTP request/response from a bare JSON object by its first bytes.
Framing sniffFraming(QByteArrayView buffer);

} // namespace fd::framing
