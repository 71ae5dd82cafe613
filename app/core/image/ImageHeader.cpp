#include "ImageHeader.h"

#include "JpegInfo.h"

#include <QtEndian>

namespace fd::image {

namespace {

// PNG: the signature, then the IHDR chunk (length, "IHDR", width, height big-endian).
void readPng(const QByteArray &bytes, ImageHeader &header)
{
    if (bytes.size() < 24 || bytes.mid(12, 4) != "IHDR") {
        header.problem = QStringLiteral("the PNG has no image header (IHDR)");
        return;
    }
    header.width = qFromBigEndian<quint32>(bytes.constData() + 16);
    header.height = qFromBigEndian<quint32>(bytes.constData() + 20);
}

// BMP: the DIB header's size at 14; a 12-byte OS/2 header has 16-bit sides, the
// others signed 32-bit ones (a negative height: stored top-down).
void readBmp(const QByteArray &bytes, ImageHeader &header)
{
    if (bytes.size() < 26) {
        header.problem = QStringLiteral("the BMP ends inside its header");
        return;
    }
    if (qFromLittleEndian<quint32>(bytes.constData() + 14) == 12) {
        header.width = qFromLittleEndian<quint16>(bytes.constData() + 18);
        header.height = qFromLittleEndian<quint16>(bytes.constData() + 20);
        return;
    }
    header.width = qFromLittleEndian<qint32>(bytes.constData() + 18);
    header.height = qAbs(qint64(qFromLittleEndian<qint32>(bytes.constData() + 22)));
}

} // namespace

ImageHeader readImageHeader(const QByteArray &bytes)
{
    ImageHeader header;
    header.format = sniffImageFormat(bytes);
    header.declaredBy = QStringLiteral("the %1 header").arg(formatName(header.format));
    switch (header.format) {
    case ImageFormat::Jpeg: {
        // A JPEG that ends early or has odd segments after its frame header may still
        // decode (the validator rewrites it); its size is all a budget needs.
        const JpegInfo info = readJpegInfo(bytes);
        header.declaredBy = QStringLiteral("the frame header");
        if (!info.hasFrame)
            header.problem = info.problem.isEmpty() ? QStringLiteral("the JPEG has no frame header") : info.problem;
        header.width = info.width;
        header.height = info.height;
        break;
    }
    case ImageFormat::Png: readPng(bytes, header); break;
    case ImageFormat::Bmp: readBmp(bytes, header); break;
    case ImageFormat::Empty: header.problem = QStringLiteral("the image is empty"); break;
    default:
        header.problem = QStringLiteral("FaceDesk decodes JPEG, PNG and BMP, not %1").arg(formatName(header.format));
        break;
    }
    return header;
}

} // namespace fd::image
