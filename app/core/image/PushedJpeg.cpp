#include "PushedJpeg.h"

#include "JpegInfo.h"

namespace fd::image {

QString pushedJpegProblem(const QByteArray &bytes, const ImageBudget &budget)
{
    const JpegInfo info = readJpegInfo(bytes);
    if (!info.problem.isEmpty())
        return info.problem;
    if (const QString size = sizeProblem(QStringLiteral("the frame header"), info.width, info.height, budget); !size.isEmpty())
        return size;
    const qint64 pixels = qint64(info.width) * info.height;
    if (info.scanBytes * kMinPixelsPerScanByte < pixels)
        return QStringLiteral("the JPEG codes %1x%2 pixels in %3 bytes of image data; a real picture that size needs at least %4")
            .arg(info.width)
            .arg(info.height)
            .arg(info.scanBytes)
            .arg((pixels + kMinPixelsPerScanByte - 1) / kMinPixelsPerScanByte);
    return {};
}

} // namespace fd::image
