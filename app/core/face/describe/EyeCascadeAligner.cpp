#include "EyeCascadeAligner.h"

#include <QFileInfo>

#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include <cmath>

namespace fd::face {

namespace {

// Where the crop sits on the detector's box (fractions of its side). The crop covers
// the box's central 80 %: hair, ears and background at the box's edges change more
// between two photos of one person than the face does (on ../shared/faces the
// central 80 % ranked better than the whole box or the box with 10 % around it).
constexpr double kCover = 0.8;
// The eye line's height in a Haar box, measured on ../shared/faces (0.37 to 0.43):
// the crop turns around this point, so a levelled face stays where it was.
constexpr double kEyeHeight = 0.40;

// Eye search: the band of the box where eyes can be, scaled to this width.
constexpr int kEyeBandWidth = 160;
constexpr double kEyeBandTop = 0.15;
constexpr double kEyeBandBottom = 0.60;

} // namespace

QString EyeCascadeAligner::defaultEyeCascadePath()
{
    for (const char *p : {"/usr/share/opencv4/haarcascades/haarcascade_eye.xml",
                          "/usr/share/opencv/haarcascades/haarcascade_eye.xml"}) {
        const QString path = QString::fromLatin1(p);
        if (QFileInfo::exists(path))
            return path;
    }
    return {};
}

EyeCascadeAligner::EyeCascadeAligner(const QString &eyeCascadePath)
    : m_path(eyeCascadePath.isEmpty() ? defaultEyeCascadePath() : eyeCascadePath),
      m_cascades([path = m_path]() -> std::unique_ptr<cv::CascadeClassifier> {
          auto cascade = std::make_unique<cv::CascadeClassifier>();
          // Checked first: OpenCV logs an error for a missing file.
          if (path.isEmpty() || !QFileInfo::exists(path) || !cascade->load(path.toStdString()))
              return nullptr;
          return cascade;
      })
{
    // Loading one now tells whether levelling is possible; it is kept for the first
    // caller.
    m_canLevel = bool(m_cascades.acquire());
}

EyeCascadeAligner::~EyeCascadeAligner() = default;

bool EyeCascadeAligner::eyeLineAngle(const cv::Mat &grey, const cv::Rect &face, double *radians) const
{
    const cv::Rect band = cv::Rect(face.x, face.y + int(face.height * kEyeBandTop), face.width,
                                   int(face.height * (kEyeBandBottom - kEyeBandTop))) &
                          cv::Rect(0, 0, grey.cols, grey.rows);
    if (band.width < 16 || band.height < 8)
        return false;
    const double scale = double(kEyeBandWidth) / face.width;
    cv::Mat small;
    cv::resize(grey(band), small, cv::Size(), scale, scale, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::equalizeHist(small, small);

    const auto lease = m_cascades.acquire();
    if (!lease)
        return false;
    std::vector<cv::Rect> eyes;
    std::vector<int> levels;
    std::vector<double> weights;
    // Two neighbours and the cascade's own confidence: with the usual 3 neighbours
    // one eye of a smiling face (squinting) was often lost, and the stronger of two
    // candidates on one side was nearly always the eye rather than a brow.
    const int minEye = int(kEyeBandWidth * 0.12);
    const int maxEye = int(kEyeBandWidth * 0.35);
    lease->detectMultiScale(small, eyes, levels, weights, 1.05, 2, 0, cv::Size(minEye, minEye),
                            cv::Size(maxEye, maxEye), true);
    int left = -1;
    int right = -1;
    for (int i = 0; i < int(eyes.size()); ++i) {
        const double cx = eyes[size_t(i)].x + eyes[size_t(i)].width / 2.0;
        int &side = cx < kEyeBandWidth / 2.0 ? left : right;
        if (side < 0 || weights[size_t(i)] > weights[size_t(side)])
            side = i;
    }
    if (left < 0 || right < 0)
        return false;
    const auto centre = [&](int i) {
        const cv::Rect &e = eyes[size_t(i)];
        return cv::Point2d(e.x + e.width / 2.0, e.y + e.height / 2.0);
    };
    const cv::Point2d d = centre(right) - centre(left);
    const double distance = std::hypot(d.x, d.y) / kEyeBandWidth;
    const double angle = std::atan2(d.y, d.x);
    // Eyes are a quarter to half a face apart, and a face the frontal cascade found is
    // not tilted by more than about 25 degrees: anything else is a brow, a nostril or
    // a glint taken for an eye.
    if (distance < 0.22 || distance > 0.55 || std::abs(angle) > 25.0 * CV_PI / 180.0)
        return false;
    *radians = angle;
    return true;
}

cv::Mat EyeCascadeAligner::align(const cv::Mat &grey, const QRect &face, bool *levelled) const
{
    const cv::Rect box(face.x(), face.y(), face.width(), face.height());
    double angle = 0;
    const bool level = m_canLevel && eyeLineAngle(grey, box, &angle);
    if (levelled)
        *levelled = level;

    // Work on the neighbourhood of the face only, shrunk (area averaging) to about
    // twice the crop's size first: warping straight from a big photo would alias.
    const int pad = box.width * 2 / 5;
    const cv::Rect around = cv::Rect(box.x - pad, box.y - pad, box.width + 2 * pad, box.height + 2 * pad) &
                            cv::Rect(0, 0, grey.cols, grey.rows);
    double scale = kSize / (kCover * box.width);
    cv::Point2d pivot(box.x + box.width / 2.0 - around.x, box.y + box.height * kEyeHeight - around.y);
    cv::Mat source = grey(around);
    if (scale < 0.5) {
        const double shrink = scale * 2;
        cv::resize(source, source, cv::Size(), shrink, shrink, cv::INTER_AREA);
        pivot *= shrink;
        scale /= shrink;
    }
    // Turn by -angle about the pivot, scale, and put the pivot where it lands when the
    // crop covers the box's central kCover.
    const double c = scale * std::cos(angle);
    const double s = scale * std::sin(angle);
    const cv::Point2d target(kSize / 2.0, kSize * (kEyeHeight - (1 - kCover) / 2) / kCover);
    const cv::Matx23d m(c, s, target.x - (c * pivot.x + s * pivot.y),
                        -s, c, target.y - (-s * pivot.x + c * pivot.y));
    cv::Mat crop;
    cv::warpAffine(source, crop, m, cv::Size(kSize, kSize), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    return crop;
}

} // namespace fd::face
