#include "LbpFaceEngine.h"

#include <QCoreApplication>

#include <opencv2/imgproc.hpp>

namespace fd::face {

namespace {

bool isDefault(const LbpOptions &o)
{
    const LbpOptions d;
    return o.pattern == d.pattern && o.grid == d.grid && o.radius == d.radius && o.blurSigma == d.blurSigma;
}

double overlap(const QRect &a, const QRect &b)
{
    const QRect both = a & b;
    const double common = double(both.width()) * both.height();
    const double all = double(a.width()) * a.height() + double(b.width()) * b.height() - common;
    return all > 0 ? common / all : 0.0;
}

} // namespace

LbpFaceEngine::LbpFaceEngine(const QString &faceCascadePath, const QString &eyeCascadePath,
                             const LbpOptions &options)
    : m_detectors(haarPool(faceCascadePath)), m_aligner(eyeCascadePath), m_options(options)
{
    // v1: CS-LBP, 5x5 cells of the levelled 128 px crop (central 80 % of the Haar
    // box), radius 1 after a sigma-1 blur, square-rooted cells; 400 values.
    m_kind = isDefault(options)
        ? QStringLiteral("lbph-v1")
        : QStringLiteral("lbph-v1-%1-g%2-r%3-b%4")
              .arg(options.pattern == LbpPattern::Uniform ? QStringLiteral("u2") : QStringLiteral("cs"))
              .arg(options.grid)
              .arg(options.radius)
              .arg(options.blurSigma);
}

QString LbpFaceEngine::name() const
{
    return QCoreApplication::translate("FaceEngine", "Haar + LBP histograms (built in)");
}

QString LbpFaceEngine::kindTag() const
{
    return m_kind;
}

int LbpFaceEngine::dimensions() const
{
    return m_options.dimensions();
}

bool LbpFaceEngine::canDetect() const
{
    return m_detectors.acquire()->isLoaded();
}

QRect LbpFaceEngine::findFace(const cv::Mat &grey, QRect hint) const
{
    const QRect whole(0, 0, grey.cols, grey.rows);
    hint &= whole;
    const auto detector = m_detectors.acquire();
    if (hint.isEmpty()) {
        const QList<QRect> faces = detector->detect(grey);
        return faces.isEmpty() ? QRect() : faces.first();
    }
    // Around the hint, with room for a box that is placed a little differently: the
    // detector's own box is what the crop's geometry was measured on.
    const int mx = hint.width() / 2;
    const int my = hint.height() / 2;
    const QRect around = hint.adjusted(-mx, -my, mx, my) & whole;
    const cv::Mat region = grey(cv::Rect(around.x(), around.y(), around.width(), around.height()));
    QRect best;
    double bestOverlap = 0.3;  // less than this is another face near the hinted one
    for (const QRect &f : detector->detect(region)) {
        const QRect placed = f.translated(around.topLeft());
        if (const double o = overlap(placed, hint); o > bestOverlap) {
            bestOverlap = o;
            best = placed;
        }
    }
    return best.isEmpty() ? hint : best;
}

cv::Mat LbpFaceEngine::alignedCrop(const cv::Mat &bgr, QRect hint, QRect *face, bool *levelled) const
{
    if (bgr.empty() || bgr.depth() != CV_8U)
        return {};
    const cv::Mat grey = face::HaarFaceDetector::toGrey(bgr);
    const QRect found = findFace(grey, hint);
    if (face)
        *face = found;
    if (found.width() < 8 || found.height() < 8)
        return {};
    return m_aligner.align(grey, found, levelled);
}

std::optional<FaceFeature> LbpFaceEngine::extract(const cv::Mat &bgr, QRect hint) const
{
    QRect face;
    const cv::Mat crop = alignedCrop(bgr, hint, &face);
    if (crop.empty())
        return std::nullopt;
    FaceFeature feature;
    feature.kind = m_kind;
    feature.face = face;
    feature.values = lbpDescriptor(crop, m_options);
    if (feature.values.size() != dimensions())
        return std::nullopt;
    return feature;
}

} // namespace fd::face
