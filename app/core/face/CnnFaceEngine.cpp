#include "CnnFaceEngine.h"

#include <QCoreApplication>

namespace fd::face {

QString CnnFaceEngine::name() const
{
    return QCoreApplication::translate("FaceEngine", "CNN (face-api: Tiny Face Detector + ResNet-34, 128 values)");
}

QString CnnFaceEngine::kindTag() const
{
    return QLatin1String(kKind);
}

FaceEngine::Scale CnnFaceEngine::scale() const
{
    Scale s;
    s.distance = true;
    s.sameThreshold = kSameThreshold;
    return s;
}

std::optional<FaceFeature> CnnFaceEngine::extract(const cv::Mat &bgr, QRect hint) const
{
    const std::vector<Face> faces = m_vision->detect(bgr);
    const Face *best = nullptr;
    double bestValue = -1;
    for (const Face &f : faces) {
        const QRect box(int(f.box.x), int(f.box.y), int(f.box.width), int(f.box.height));
        const QRect both = hint.isEmpty() ? box : (box & hint);
        const double value = double(both.width()) * both.height();
        if (value > bestValue) {
            bestValue = value;
            best = &f;
        }
    }
    if (!best)
        return std::nullopt;
    FaceFeature out;
    out.kind = kindTag();
    out.face = QRect(int(best->box.x), int(best->box.y), int(best->box.width), int(best->box.height))
               & QRect(0, 0, bgr.cols, bgr.rows);
    out.values = m_vision->describe(bgr, *best);
    if (out.values.isEmpty())
        return std::nullopt;
    return out;
}

} // namespace fd::face
