// Real photos for the face tests: read from ../shared/faces, encoded, and cropped the
// way a device crops an event's face. Shared by tst_faceengine and tst_facesearch.
#pragma once

#include "face/detect/HaarFaceDetector.h"

#include <QByteArray>
#include <QString>

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

// What a device sends as an event's face image: the face with some room around it,
// about 200 px wide.
inline cv::Mat deviceFaceCrop(const cv::Mat &image)
{
    static const fd::face::HaarFaceDetector detector;
    const QList<QRect> faces = detector.detect(image);
    if (faces.isEmpty())
        return {};
    const QRect f = faces.first();
    const int m = f.width() * 3 / 10;
    const cv::Rect around = cv::Rect(f.x() - m, f.y() - m, f.width() + 2 * m, f.height() + 2 * m) &
                            cv::Rect(0, 0, image.cols, image.rows);
    cv::Mat crop;
    const double scale = 200.0 / around.width;
    cv::resize(image(around), crop, cv::Size(), scale, scale, cv::INTER_AREA);
    return crop;
}

} // namespace facephotos
