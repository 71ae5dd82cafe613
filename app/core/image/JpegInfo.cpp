#include "JpegInfo.h"

#include "ImageFormat.h"

#include <cstring>

namespace fd::image {

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

bool isRestart(uchar marker)
{
    return marker >= 0xD0 && marker <= 0xD7;
}

QString markerName(uchar marker)
{
    if (isStartOfFrame(marker))
        return QStringLiteral("SOF%1").arg(marker - 0xC0);
    if (marker >= 0xE0 && marker <= 0xEF)
        return QStringLiteral("APP%1").arg(marker - 0xE0);
    switch (marker) {
    case 0xC4: return QStringLiteral("DHT");
    case 0xDA: return QStringLiteral("SOS");
    case 0xDB: return QStringLiteral("DQT");
    case 0xDC: return QStringLiteral("DNL");
    case 0xDD: return QStringLiteral("DRI");
    case 0xFE: return QStringLiteral("COM");
    default: break;
    }
    return QStringLiteral("FF%1").arg(uint(marker), 2, 16, QLatin1Char('0')).toUpper();
}

QString hexByte(uchar b)
{
    return QStringLiteral("%1").arg(uint(b), 2, 16, QLatin1Char('0')).toUpper();
}

const QString kEndsBeforeEoi = QStringLiteral("the JPEG ends before its end-of-image marker");

// One pass over the markers, filling `info`; the first problem ends it.
class Walk {
public:
    Walk(const QByteArray &bytes, JpegInfo &info) : m_bytes(bytes), m_info(info), m_reader(bytes, true) {}

    void run()
    {
        const qsizetype n = m_bytes.size();
        if (foreignSignature(2) || (n > 2 && byte(2) == 0xFF && foreignSignature(3)))
            return;
        qsizetype at = 2;
        for (;;) {
            if (at >= n)
                return fail(m_info.valid ? kEndsBeforeEoi : QStringLiteral("the JPEG ends before its image data"));
            if (byte(at) != 0xFF)
                return notAMarker(at);
            while (at < n && byte(at) == 0xFF)
                ++at;  // fill bytes may pad before a marker
            if (at >= n)
                return fail(m_info.valid ? kEndsBeforeEoi : QStringLiteral("the JPEG ends before its image data"));
            const qsizetype markerAt = at - 1;
            const uchar marker = byte(at++);
            if (marker == 0x00)
                return fail(QStringLiteral("a stray FF 00 at byte %1 where a marker must be").arg(markerAt));
            if (marker == kSoi)
                return fail(QStringLiteral("a second start-of-image marker at byte %1").arg(markerAt));
            if (marker == kEoi) {
                if (!m_info.valid)
                    return fail(QStringLiteral("the end-of-image marker at byte %1 comes before any image data").arg(markerAt));
                m_info.complete = true;
                return;
            }
            if (hasNoLength(marker))
                continue;
            quint32 length = 0;
            if (!m_reader.u16(at, &length) || at + qsizetype(length) > n)
                return fail(QStringLiteral("the JPEG ends inside its %1 segment at byte %2").arg(markerName(marker)).arg(markerAt));
            if (length < 2)
                return fail(QStringLiteral("the %1 segment at byte %2 declares a length of %3").arg(markerName(marker)).arg(markerAt).arg(length));
            if (isStartOfFrame(marker) && !readFrame(marker, at, length))
                return;
            if (marker == kApp1 && !m_sawExif && m_bytes.mid(at + 2, 6).startsWith("Exif")) {
                m_sawExif = true;
                m_info.orientation = exifOrientation(m_bytes.mid(at + 2, length - 2));
            }
            at += length;
            if (marker == kSos) {
                if (!readScanHeader(markerAt, at - length, length))
                    return;
                m_info.valid = true;
                const qsizetype next = nextMarker(at);
                m_info.scanBytes += (next < 0 ? n : next) - at;
                if (next < 0)
                    return fail(kEndsBeforeEoi);
                at = next;
            }
        }
    }

private:
    uchar byte(qsizetype at) const { return uchar(m_bytes[at]); }
    void fail(const QString &problem) { m_info.problem = problem; }

    void notAMarker(qsizetype at)
    {
        fail(QStringLiteral("byte %1 is %2 where a marker must start").arg(at).arg(hexByte(byte(at))));
    }

    // Another format's file behind FF D8 (or FF D8 FF): a polyglot, named as such.
    bool foreignSignature(qsizetype at)
    {
        const ImageFormat format = sniffImageFormat(m_bytes.mid(at, 64));
        if (format == ImageFormat::Text || format == ImageFormat::Unknown || format == ImageFormat::Empty)
            return false;
        fail(QStringLiteral("a %1 signature follows the JPEG start marker").arg(formatName(format)));
        return true;
    }

    // SOFn: P, Y, X, Nf, then Nf times (id, HV, Tq). `at` is the length field.
    bool readFrame(uchar marker, qsizetype at, quint32 length)
    {
        if (m_info.hasFrame) {
            fail(QStringLiteral("a second frame header (%1) at byte %2").arg(markerName(marker)).arg(at - 2));
            return false;
        }
        if (length < 8) {
            fail(QStringLiteral("the frame header is %1 bytes long; it needs at least 8").arg(length));
            return false;
        }
        quint32 height = 0, width = 0;
        m_reader.u16(at + 3, &height);
        m_reader.u16(at + 5, &width);
        m_info.baseline = marker == kSof0;
        m_info.precision = byte(at + 2);
        m_info.height = int(height);
        m_info.width = int(width);
        m_info.components = byte(at + 7);
        const int count = m_info.components;
        if (count < 1 || count > 4) {
            fail(QStringLiteral("the frame header declares %1 colour components; a photo has 1 or 3").arg(count));
            return false;
        }
        if (length != quint32(8 + 3 * count)) {
            fail(QStringLiteral("the frame header's length (%1 bytes) does not fit its %2 components").arg(length).arg(count));
            return false;
        }
        if (m_info.precision != 8 && m_info.precision != 12) {
            fail(QStringLiteral("the frame header declares %1 bits a sample; a JPEG photo has 8").arg(m_info.precision));
            return false;
        }
        for (int i = 0; i < count; ++i) {
            const qsizetype c = at + 8 + 3 * i;
            const int id = byte(c), h = byte(c + 1) >> 4, v = byte(c + 1) & 0x0F, table = byte(c + 2);
            if (h < 1 || h > 4 || v < 1 || v > 4) {
                fail(QStringLiteral("colour component %1 has sampling factors %2x%3; JPEG allows 1 to 4").arg(id).arg(h).arg(v));
                return false;
            }
            if (table > 3) {
                fail(QStringLiteral("colour component %1 uses quantisation table %2; JPEG has 0 to 3").arg(id).arg(table));
                return false;
            }
            for (int j = 0; j < i; ++j)
                if (m_componentIds[j] == id) {
                    fail(QStringLiteral("two colour components have the id %1").arg(id));
                    return false;
                }
            m_componentIds[i] = id;
        }
        m_info.hasFrame = true;
        return true;
    }

    // SOS: Ns, then Ns times (selector, tables), then Ss, Se, AhAl.
    bool readScanHeader(qsizetype markerAt, qsizetype at, quint32 length)
    {
        if (!m_info.hasFrame) {
            fail(QStringLiteral("image data (SOS at byte %1) before the frame header").arg(markerAt));
            return false;
        }
        const int count = length >= 3 ? byte(at + 2) : 0;
        if (count < 1 || count > 4 || length != quint32(6 + 2 * count)) {
            fail(QStringLiteral("the scan header at byte %1 is malformed (%2 components in %3 bytes)").arg(markerAt).arg(count).arg(length));
            return false;
        }
        for (int i = 0; i < count; ++i) {
            const int id = byte(at + 3 + 2 * i);
            bool declared = false;
            for (int j = 0; j < m_info.components; ++j)
                declared = declared || m_componentIds[j] == id;
            if (!declared) {
                fail(QStringLiteral("the scan names colour component %1, which the frame header does not declare").arg(id));
                return false;
            }
        }
        return true;
    }

    // Entropy-coded data runs to the next marker: an FF that is not followed by a
    // stuffed 00, a restart marker or another fill FF. -1 when the data ends first.
    qsizetype nextMarker(qsizetype from) const
    {
        const qsizetype n = m_bytes.size();
        const char *data = m_bytes.constData();
        for (qsizetype i = from; i < n;) {
            const void *ff = std::memchr(data + i, 0xFF, size_t(n - i));
            if (!ff)
                return -1;
            i = static_cast<const char *>(ff) - data;
            if (i + 1 >= n)
                return -1;
            const uchar next = byte(i + 1);
            if (next == 0x00 || isRestart(next))
                i += 2;
            else if (next == 0xFF)
                i += 1;
            else
                return i;
        }
        return -1;
    }

    const QByteArray &m_bytes;
    JpegInfo &m_info;
    Reader m_reader;
    bool m_sawExif = false;
    int m_componentIds[4] = {};
};

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
    if (bytes.size() < 2 || uchar(bytes[0]) != 0xFF || uchar(bytes[1]) != kSoi) {
        info.problem = QStringLiteral("the data does not start with the JPEG start-of-image marker (FF D8)");
        return info;
    }
    Walk(bytes, info).run();
    return info;
}

} // namespace fd::image
