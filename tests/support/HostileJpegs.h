// The images the server's door must refuse (#14, "images checked at the door"), each
// with the words its refusal must contain: shared by the structure reader's test and
// the server's, so both hold the same list. All but the PNG right behind FF D8 started
// with FF D8 FF and were stored before the door read the structure.
#pragma once

#include "JpegShell.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

struct HostileJpeg {
    QString name;
    QByteArray bytes;
    QString reason;  // a part of the refusal's text
};

inline QByteArray encodeJpeg(const cv::Mat &image, int quality)
{
    std::vector<uchar> buffer;
    cv::imencode(".jpg", image, buffer, {cv::IMWRITE_JPEG_QUALITY, quality});
    return QByteArray(reinterpret_cast<const char *>(buffer.data()), qsizetype(buffer.size()));
}

// A noisy 320x240 JPEG: every part of it is scan data worth cutting.
inline QByteArray noisyJpeg()
{
    cv::Mat noise(240, 320, CV_8UC3);
    cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(255));
    return encodeJpeg(noise, 80);
}

// A real 16384x16384 JPEG: flat grey at quality 10, about 3 MB (under the server's
// 8 MiB image limit, so only the pixel budget can refuse it). Costs 256 MiB of
// pixels for a moment.
inline QByteArray hugeJpeg()
{
    return encodeJpeg(cv::Mat(16384, 16384, CV_8UC1, cv::Scalar(128)), 10);
}

inline QList<HostileJpeg> hostileJpegs()
{
    const QByteArray noisy = noisyJpeg();
    // The signature and a whole IHDR chunk: length, type, 13 bytes of data, a CRC (zero).
    const QByteArray png = QByteArray("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR\x00\x00\x01\x40\x00\x00\x00\xF0\x08\x02\x00\x00\x00"
                                      "\x00\x00\x00\x00", 33);
    return {
        {QStringLiteral("SOI and APP0 marker alone"), QByteArrayLiteral("\xFF\xD8\xFF\xE0"),
         QStringLiteral("the JPEG ends inside its APP0 segment")},
        {QStringLiteral("cut in the middle of the scan"), noisy.left(noisy.size() / 2),
         QStringLiteral("the JPEG ends before its end-of-image marker")},
        {QStringLiteral("no end-of-image marker"), noisy.chopped(2), QStringLiteral("the JPEG ends before its end-of-image marker")},
        {QStringLiteral("65535x65535 frame, 64 bytes of data"), jpegFrame(65535, 65535, 3, 64),
         QStringLiteral("the frame header declares 65535x65535 pixels, over the 40-megapixel budget")},
        {QStringLiteral("real 16384x16384 image"), hugeJpeg(),
         QStringLiteral("the frame header declares 16384x16384 pixels, over the 40-megapixel budget")},
        {QStringLiteral("255 colour components"), jpegFrame(640, 480, 255, 4096), QStringLiteral("255 colour components; a photo has 1 or 3")},
        {QStringLiteral("PNG behind the JPEG start marker"), QByteArray("\xFF\xD8", 2) + png,
         QStringLiteral("a PNG signature follows the JPEG start marker")},
        {QStringLiteral("PNG behind FF D8 FF"), QByteArray("\xFF\xD8\xFF", 3) + png,
         QStringLiteral("a PNG signature follows the JPEG start marker")},
        {QStringLiteral("zero width"), jpegFrame(0, 480, 3, 4096), QStringLiteral("a picture has no empty side")},
        {QStringLiteral("4000x4000 in 64 bytes of data"), jpegFrame(4000, 4000, 3, 64),
         QStringLiteral("a real picture that size needs at least 3907")},
    };
}
