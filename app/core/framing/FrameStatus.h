// What a framing parser says about the bytes received so far.
#pragma once

#include <QtGlobal>

namespace fd::framing {

enum class FrameStatus {
    NeedMore,  // no complete frame yet: read more bytes and call again
    Complete,  // one frame of frameSize bytes is at the front of the buffer
    Error,     // the bytes can never become a valid frame: answer the error and close
};

struct FrameLimits {
    qsizetype maxFrameBytes = 16 * 1024 * 1024;  // body or JSON object, whichever framing
    qsizetype maxHeaderBytes = 16 * 1024;        // HTTP request line plus headers
    int maxJsonDepth = 64;                       // the stream scanner's own guard
};

} // namespace fd::framing
