#include "ImageFormat.h"

#include <algorithm>

namespace fd::image {

namespace {

bool startsWith(const QByteArray &bytes, const char *magic, qsizetype length, qsizetype at = 0)
{
    return bytes.size() >= at + length && bytes.mid(at, length) == QByteArray::fromRawData(magic, length);
}

// Text has no magic: call it text when the start has no control bytes other than
// whitespace (UTF-8 beyond ASCII is fine), so a CSV or a note saved as .jpg is named.
bool looksLikeText(const QByteArray &bytes)
{
    const qsizetype n = std::min<qsizetype>(bytes.size(), 512);
    for (qsizetype i = 0; i < n; ++i) {
        const uchar c = uchar(bytes[i]);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
            return false;
        if (c == 0x7F)
            return false;
    }
    return true;
}

} // namespace

ImageFormat sniffImageFormat(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return ImageFormat::Empty;
    if (startsWith(bytes, "\xFF\xD8\xFF", 3))
        return ImageFormat::Jpeg;
    if (startsWith(bytes, "\x89PNG\r\n\x1A\n", 8))
        return ImageFormat::Png;
    // "BM" alone is common in text; a BMP also has the header size 12..124 at offset 14.
    if (startsWith(bytes, "BM", 2) && bytes.size() >= 18) {
        const quint32 dib = uchar(bytes[14]) | uchar(bytes[15]) << 8 | uchar(bytes[16]) << 16 | quint32(uchar(bytes[17])) << 24;
        if (dib >= 12 && dib <= 124)
            return ImageFormat::Bmp;
    }
    if (startsWith(bytes, "GIF87a", 6) || startsWith(bytes, "GIF89a", 6))
        return ImageFormat::Gif;
    if (startsWith(bytes, "%PDF-", 5))
        return ImageFormat::Pdf;
    if (startsWith(bytes, "II*\0", 4) || startsWith(bytes, "MM\0*", 4))
        return ImageFormat::Tiff;
    if (startsWith(bytes, "RIFF", 4) && startsWith(bytes, "WEBP", 4, 8))
        return ImageFormat::Webp;
    if (startsWith(bytes, "ftyp", 4, 4) &&
        (startsWith(bytes, "heic", 4, 8) || startsWith(bytes, "heix", 4, 8) || startsWith(bytes, "mif1", 4, 8) ||
         startsWith(bytes, "avif", 4, 8)))
        return ImageFormat::Heif;
    if (looksLikeText(bytes))
        return ImageFormat::Text;
    return ImageFormat::Unknown;
}

bool isSupportedFormat(ImageFormat format)
{
    return format == ImageFormat::Jpeg || format == ImageFormat::Png || format == ImageFormat::Bmp;
}

QString formatName(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Jpeg: return QStringLiteral("JPEG");
    case ImageFormat::Png: return QStringLiteral("PNG");
    case ImageFormat::Bmp: return QStringLiteral("BMP");
    case ImageFormat::Gif: return QStringLiteral("GIF");
    case ImageFormat::Pdf: return QStringLiteral("PDF");
    case ImageFormat::Tiff: return QStringLiteral("TIFF");
    case ImageFormat::Webp: return QStringLiteral("WebP");
    case ImageFormat::Heif: return QStringLiteral("HEIF/AVIF");
    case ImageFormat::Text: return QStringLiteral("text");
    case ImageFormat::Empty: return QStringLiteral("empty file");
    case ImageFormat::Unknown: break;
    }
    return QStringLiteral("unknown data");
}

} // namespace fd::image
