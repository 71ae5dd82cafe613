// The default face engine: FaceVision's CNN detector, 68 landmarks, levelled crop and
// 128-value ResNet descriptor behind the FaceEngine interface that the search, the
// backfill and live matching use. Its vectors are unit length (dlib's 0.6 rule is for
// the raw ones); two faces are the same person when their Euclidean distance is under
// kSameThreshold: on ../shared/faces every same-person pair is at most 0.38 apart and
// every different pair at least 0.46 (docs/PERFORMANCE.md, face-accuracy). On unit
// vectors that is a cosine similarity over 1 - d*d/2 = 0.912.
#pragma once

#include "FaceEngine.h"
#include "FaceVision.h"

#include <memory>

namespace fd::face {

class CnnFaceEngine : public FaceEngine {
public:
    static constexpr float kSameThreshold = 0.42f;
    // kindTag(): changes whenever the vectors change meaning (the models, the alignment).
    static constexpr const char *kKind = "faceapi-resnet128-levelled-1";

    explicit CnnFaceEngine(std::shared_ptr<const FaceVision> vision) : m_vision(std::move(vision)) {}

    QString name() const override;
    QString kindTag() const override;
    int dimensions() const override { return FaceVision::kDims; }
    // With a hint, the face overlapping it most; else the largest (device crops are
    // given a margin first, FaceVision::detect).
    std::optional<FaceFeature> extract(const cv::Mat &bgr, QRect hint = {}) const override;
    Scale scale() const override;

    const std::shared_ptr<const FaceVision> &vision() const { return m_vision; }

private:
    std::shared_ptr<const FaceVision> m_vision;
};

} // namespace fd::face
