// A JPEG's structure, read from its markers without decoding a pixel: the start
// marker, every marker segment (bounds-checked), the frame header (precision, size,
// colour components and their sampling), the scans and the end-of-image marker. It
// answers what decoding does not tell (the EXIF orientation, the coding process,
// whether the file ends: a cut-off download still decodes, the missing part grey)
// and, before anything is decoded, what a decoder would be asked to allocate and
// whether the bytes are a JPEG at all. Every byte it reads is untrusted.
#pragma once

#include <QByteArray>
#include <QString>

namespace fd::image {

struct JpegInfo {
    bool valid = false;     // SOI, a frame header and well-formed segments up to the first scan
    bool complete = false;  // the scans are followed by an EOI marker
    // The first thing wrong with the structure, in plain English ("the JPEG ends
    // before its end-of-image marker"); empty for a well-formed JPEG.
    QString problem;
    int orientation = 1;    // EXIF tag 0x0112, 1..8; 1 when absent or unreadable
    bool hasFrame = false;  // a well-formed frame header was read
    // From the frame header, as far as it was read:
    bool baseline = false;  // SOF0: the one process every decoder supports
    int precision = 0;      // bits per sample: 8 (or 12)
    int width = 0;          // before any EXIF rotation
    int height = 0;
    int components = 0;     // 1 (grey) or 3 (colour); 4 for CMYK
    qint64 scanBytes = 0;   // entropy-coded data of all scans, in bytes
};

JpegInfo readJpegInfo(const QByteArray &bytes);
// The orientation tag of an APP1 "Exif" payload (after the marker and length), or 1.
int exifOrientation(const QByteArray &app1Payload);

} // namespace fd::image
