// The few facts about a JPEG that decoding does not tell: the EXIF orientation, the
// coding process, and whether the file ends (a cut-off download still decodes, the
// missing part grey). Reads only the marker segments; never the image data.
#pragma once

#include <QByteArray>

namespace fd::library {

struct JpegInfo {
    bool valid = false;     // SOI, then well-formed segments up to the scan
    int orientation = 1;    // EXIF tag 0x0112, 1..8; 1 when absent or unreadable
    bool baseline = false;  // SOF0: the one process every decoder supports
    int width = 0;          // from the frame header, before any EXIF rotation
    int height = 0;
    bool complete = false;  // an EOI marker follows the first scan
};

JpegInfo readJpegInfo(const QByteArray &bytes);
// The orientation tag of an APP1 "Exif" payload (after the marker and length), or 1.
int exifOrientation(const QByteArray &app1Payload);

} // namespace fd::library
