// Real photos for the face tests: read from ../shared/faces, encoded, and cropped the
// way devices crop an event's face (with room around it, or tight on the box). Shared
// by the face, match and live-matching tests and the face benchmarks.
#pragma once

#include "face/detect/HaarFaceDetector.h"

#include <algorithm>

#include <QByteArray>
#include <QString>

#include <opencv2/core/types.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace facephotos {

inline const QString kFaces = QStringLiteral(SHARED_DIR "/faces");

inline cv::Mat photo(const QString &name)
{
    return cv::imread((kFaces + u'/' + name + QStringLiteral(".jpg")).toStdString(), cv::IMREAD_COLOR);
}

inline QByteArray jpeg(const cv::Mat &image, int quality = 90)
{
    std::vector<uchar> out;
    cv::imencode(".jpg", image, out, {cv::IMWRITE_JPEG_QUALITY, quality});
    return QByteArray(reinterpret_cast<const char *>(out.data()), qsizetype(out.size()));
}

// The face box with `margin` (a fraction of its width) on every side, cut at the
// image's edges, scaled to `width` pixels wide.
inline cv::Mat cropAround(const cv::Mat &image, const cv::Rect2f &box, float margin, int width)
{
    const float m = box.width * margin;
    const cv::Rect around = cv::Rect(int(box.x - m), int(box.y - m), int(box.width + 2 * m), int(box.height + 2 * m)) &
                            cv::Rect(0, 0, image.cols, image.rows);
    if (around.empty())
        return {};
    cv::Mat crop;
    const double scale = double(width) / around.width;
    cv::resize(image(around), crop, cv::Size(width, std::max(1, int(around.height * scale + 0.5))), 0, 0, cv::INTER_AREA);
    return crop;
}

// What many devices send as img_data: exactly the face box, squared, nothing around
// it, scaled to side x side.
inline cv::Mat tightCrop(const cv::Mat &image, const cv::Rect2f &box, int side)
{
    const float s = std::max(box.width, box.height);
    const cv::Rect r = cv::Rect(int(box.x + box.width / 2 - s / 2), int(box.y + box.height / 2 - s / 2), int(s), int(s)) &
                       cv::Rect(0, 0, image.cols, image.rows);
    if (r.empty())
        return {};
    cv::Mat crop;
    cv::resize(image(r), crop, cv::Size(side, side), 0, 0, cv::INTER_AREA);
    return crop;
}

// What a device sends as an event's face image: the face (Haar's box, as the
// simulator's) with 30 % around it, 200 px wide.
inline cv::Mat deviceFaceCrop(const cv::Mat &image)
{
    static const fd::face::HaarFaceDetector detector;
    const QList<QRect> faces = detector.detect(image);
    if (faces.isEmpty())
        return {};
    const QRect f = faces.first();
    return cropAround(image, cv::Rect2f(float(f.x()), float(f.y()), float(f.width()), float(f.height())), 0.3f, 200);
}

} // namespace facephotos
