#include "JpegInfo.h"

namespace fd::library {

namespace {

// Bounds-checked reads from untrusted bytes: every read says whether it fit.
class Reader {
public:
    Reader(const QByteArray &bytes, bool bigEndian) : m_bytes(bytes), m_big(bigEndian) {}

    bool u16(qsizetype at, quint32 *out) const
    {
        if (at < 0 || at + 2 > m_bytes.size())
            return false;
        const quint32 a = uchar(m_bytes[at]), b = uchar(m_bytes[at + 1]);
        *out = m_big ? (a << 8 | b) : (b << 8 | a);
        return true;
    }
    bool u32(qsizetype at, quint32 *out) const
    {
        quint32 hi = 0, lo = 0;
        if (!u16(at, m_big ? &hi : &lo) || !u16(at + 2, m_big ? &lo : &hi))
            return false;
        *out = hi << 16 | lo;
        return true;
    }

private:
    const QByteArray &m_bytes;
    bool m_big;
};

constexpr uchar kSoi = 0xD8, kEoi = 0xD9, kSos = 0xDA, kApp1 = 0xE1, kSof0 = 0xC0;

bool isStartOfFrame(uchar marker)
{
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

// Markers that stand alone, without a length: TEM and the restart markers.
bool hasNoLength(uchar marker)
{
    return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);
}

} // namespace

int exifOrientation(const QByteArray &payload)
{
    constexpr qsizetype tiff = 6;  // after "Exif\0\0"
    if (!payload.startsWith(QByteArray::fromRawData("Exif\0\0", 6)) || payload.size() < tiff + 8)
        return 1;
    const QByteArray order = payload.mid(tiff, 2);
    if (order != "II" && order != "MM")
        return 1;
    const Reader r(payload, order == "MM");
    quint32 magic = 0, ifd = 0, count = 0;
    if (!r.u16(tiff + 2, &magic) || magic != 42 || !r.u32(tiff + 4, &ifd) || !r.u16(tiff + ifd, &count))
        return 1;
    for (quint32 i = 0; i < count; ++i) {
        const qsizetype entry = tiff + qsizetype(ifd) + 2 + qsizetype(i) * 12;
        quint32 tag = 0, type = 0, value = 0;
        if (!r.u16(entry, &tag) || !r.u16(entry + 2, &type) || !r.u16(entry + 8, &value))
            return 1;
        if (tag == 0x0112)
            return type == 3 && value >= 1 && value <= 8 ? int(value) : 1;  // SHORT, in the value field
    }
    return 1;
}

JpegInfo readJpegInfo(const QByteArray &bytes)
{
    JpegInfo info;
    if (bytes.size() < 4 || uchar(bytes[0]) != 0xFF || uchar(bytes[1]) != kSoi)
        return info;
    const Reader r(bytes, true);
    bool sawExif = false;
    qsizetype at = 2;
    while (at < bytes.size()) {
        if (uchar(bytes[at]) != 0xFF)
            return info;  // garbage where a marker must be
        while (at < bytes.size() && uchar(bytes[at]) == 0xFF)
            ++at;  // fill bytes may pad before a marker
        if (at >= bytes.size())
            return info;
        const uchar marker = uchar(bytes[at++]);
        if (marker == kEoi)
            return info;  // an image with no scan
        if (hasNoLength(marker))
            continue;
        quint32 length = 0;
        if (!r.u16(at, &length) || length < 2 || at + length > bytes.size())
            return info;
        if (isStartOfFrame(marker)) {
            quint32 height = 0, width = 0;
            if (!r.u16(at + 3, &height) || !r.u16(at + 5, &width))
                return info;
            info.baseline = marker == kSof0;
            info.width = int(width);
            info.height = int(height);
        }
        if (marker == kApp1 && !sawExif && bytes.mid(at + 2, 6).startsWith("Exif")) {
            sawExif = true;
            info.orientation = exifOrientation(bytes.mid(at + 2, length - 2));
        }
        if (marker == kSos) {
            info.valid = true;
            // In entropy-coded data an FF is always followed by 00 or a restart
            // marker, so the first FF D9 after the scan header is the real end.
            info.complete = bytes.indexOf(QByteArray::fromRawData("\xFF\xD9", 2), at + length) >= 0;
            return info;
        }
        at += length;
    }
    return info;
}

} // namespace fd::library
