// JPEGs by structure that are no pictures, written byte by byte: a frame of any
// declared size with a scan of filler, and a shell that carries any bytes in comment
// segments. The shell passes the server's door (image/PushedJpeg) at any size, so
// tests and benchmarks about the protocol, the archive and the rate can push
// thousands of distinct images without encoding one; the frames let the door's tests
// declare what a decoder would be asked to allocate. Nothing decodes them into a face.
#pragma once

#include <QByteArray>
#include <QtGlobal>

// SOI, a baseline frame header (8 bits; `components` times id 1.., 1x1 sampling,
// table 0), a scan header for component 1, `scanBytes` copies of `fill` (not 0xFF)
// and EOI.
inline QByteArray jpegFrame(int width, int height, int components, int scanBytes, char fill = 0)
{
    QByteArray b("\xFF\xD8\xFF\xC0", 4);
    const int length = 8 + 3 * components;
    for (const int v : {length >> 8, length & 0xFF, 8, height >> 8, height & 0xFF, width >> 8, width & 0xFF, components})
        b += char(v);
    for (int id = 1; id <= components; ++id) {
        b += char(id);
        b += char(0x11);  // 1x1 sampling
        b += char(0);     // quantisation table 0
    }
    // SOS: length 8, component 1 (tables 0/0), spectral 0..63, no approximation.
    b += QByteArray("\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00", 10);
    b += QByteArray(scanBytes, fill);
    b += "\xFF\xD9";
    return b;
}

// The bytes of a 16x16 grey shell without comment and scan data.
constexpr int kJpegShellBytes = 27;

// A 16x16 grey frame behind `comment`, carried in COM segments of up to 65533 bytes
// (4 bytes of header each); the scan is `scanBytes` (at least 1) copies of `fill`.
inline QByteArray jpegShell(const QByteArray &comment, int scanBytes = 4, char fill = 0)
{
    QByteArray b("\xFF\xD8", 2);
    for (qsizetype at = 0; at < comment.size(); at += 65533) {
        const QByteArray part = comment.mid(at, 65533);
        b += "\xFF\xFE";
        b += char((part.size() + 2) >> 8);
        b += char((part.size() + 2) & 0xFF);
        b += part;
    }
    return b + jpegFrame(16, 16, 1, qMax(1, scanBytes), fill).mid(2);
}
