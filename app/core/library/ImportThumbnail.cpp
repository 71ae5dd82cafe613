#include "ImportThumbnail.h"

#include "image/BoundedDecode.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <vector>

namespace fd::library {

namespace {

// The region to show, in the photo's coordinates: the face grown by half its size on
// each side, squared, or everything.
QRect regionToShow(const QRect &face, const QSize &size)
{
    if (face.isNull() || !size.isValid())
        return QRect(QPoint(0, 0), size);
    const int s = std::max(face.width(), face.height()) * 2;
    return QRect(face.center().x() - s / 2, face.center().y() - s / 2, s, s).intersected(QRect(QPoint(0, 0), size));
}

QByteArray shrinkAndEncode(const cv::Mat &image, cv::Rect crop, int side)
{
    crop &= cv::Rect(0, 0, image.cols, image.rows);
    if (crop.empty())
        crop = cv::Rect(0, 0, image.cols, image.rows);
    const double scale = std::min(1.0, double(side) / std::max(crop.width, crop.height));
    cv::Mat small;
    cv::resize(image(crop), small, cv::Size(std::max(1, int(crop.width * scale)), std::max(1, int(crop.height * scale))), 0, 0,
               cv::INTER_AREA);
    std::vector<uchar> jpeg;
    if (!cv::imencode(".jpg", small, jpeg, {cv::IMWRITE_JPEG_QUALITY, 80}))
        return {};
    return QByteArray(reinterpret_cast<const char *>(jpeg.data()), qsizetype(jpeg.size()));
}

} // namespace

QByteArray makeThumbnail(const cv::Mat &pixels, const QRect &face, int side)
{
    if (pixels.empty() || side <= 0)
        return {};
    const QRect region = regionToShow(face, QSize(pixels.cols, pixels.rows));
    return shrinkAndEncode(pixels, cv::Rect(region.x(), region.y(), region.width(), region.height()), side);
}

QByteArray makeThumbnail(const QByteArray &photo, const QRect &face, const QSize &size, int side)
{
    if (photo.isEmpty() || side <= 0)
        return {};
    const QRect region = regionToShow(face, size);
    // The coarsest DCT scale that still leaves the region at least `side` pixels.
    int flag = cv::IMREAD_COLOR;
    const int extent = size.isValid() ? std::min(region.width(), region.height()) : 0;
    for (const auto &[factor, reduced] : {std::pair{8, cv::IMREAD_REDUCED_COLOR_8}, std::pair{4, cv::IMREAD_REDUCED_COLOR_4},
                                          std::pair{2, cv::IMREAD_REDUCED_COLOR_2}})
        if (extent / factor >= side) {
            flag = reduced;
            break;
        }
    const cv::Mat image = image::decodeWithinBudget(photo, flag);
    if (image.empty())
        return {};
    cv::Rect crop(0, 0, image.cols, image.rows);
    if (size.isValid() && region != QRect(QPoint(0, 0), size)) {
        const double sx = double(image.cols) / size.width(), sy = double(image.rows) / size.height();
        crop = cv::Rect(int(region.x() * sx), int(region.y() * sy), int(region.width() * sx), int(region.height() * sy));
    }
    return shrinkAndEncode(image, crop, side);
}

} // namespace fd::library
