#include "HaarFaceDetector.h"

#include <QFileInfo>

#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include <algorithm>

namespace fd::vision {

struct HaarFaceDetector::Impl {
    mutable cv::CascadeClassifier cascade;
};

QString HaarFaceDetector::defaultCascadePath()
{
    for (const char *p : {"/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml",
                          "/usr/share/opencv/haarcascades/haarcascade_frontalface_default.xml"}) {
        const QString path = QString::fromLatin1(p);
        if (QFileInfo::exists(path))
            return path;
    }
    return {};
}

HaarFaceDetector::HaarFaceDetector(const QString &cascadePath) : d(std::make_unique<Impl>())
{
    m_path = cascadePath.isEmpty() ? defaultCascadePath() : cascadePath;
    if (!m_path.isEmpty())
        d->cascade.load(m_path.toStdString());
}

HaarFaceDetector::~HaarFaceDetector() = default;

bool HaarFaceDetector::isLoaded() const
{
    return !d->cascade.empty();
}

QList<QRect> HaarFaceDetector::detect(const cv::Mat &image) const
{
    QList<QRect> faces;
    if (image.empty() || d->cascade.empty())
        return faces;
    cv::Mat grey;
    if (image.channels() == 3)
        cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
    else if (image.channels() == 4)
        cv::cvtColor(image, grey, cv::COLOR_BGRA2GRAY);
    else
        grey = image;
    // Detection runs on at most 480 px across: big photos gain nothing but time, and
    // with 8 neighbours this setting gave the steadiest counts on ../shared/faces
    // (one face each, two for multi_two_people, unchanged by a one-pixel crop).
    const double scale = std::min(1.0, 480.0 / std::max(grey.cols, grey.rows));
    cv::Mat small;
    if (scale < 1.0)
        cv::resize(grey, small, cv::Size(), scale, scale, cv::INTER_AREA);
    else
        small = grey;
    cv::equalizeHist(small, small);
    std::vector<cv::Rect> found;
    const int minSide = std::max(24, std::min(small.cols, small.rows) / 12);
    d->cascade.detectMultiScale(small, found, 1.1, 8, 0, cv::Size(minSide, minSide));
    std::sort(found.begin(), found.end(), [](const cv::Rect &a, const cv::Rect &b) { return a.area() > b.area(); });
    for (const cv::Rect &r : found)
        faces.append(QRect(int(r.x / scale), int(r.y / scale), int(r.width / scale), int(r.height / scale)));
    return faces;
}

} // namespace fd::vision
