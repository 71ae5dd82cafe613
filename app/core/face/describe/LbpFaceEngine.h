// The engine that works out of the box with Debian's packages: faces by the Haar
// detector (HaarPool), a crop levelled by the eyes (EyeCascadeAligner), and
// centre-symmetric LBP histograms (LbpDescriptor). No model download; finding the
// face costs nearly all the time (about 0.1 to 0.2 s on a 1 MP photo, the descriptor
// well under a millisecond). Far weaker than a trained network: on ../shared/faces it
// identifies no better than comparing pixels (docs/PERFORMANCE.md, face-accuracy), so
// it is what FaceDesk uses until YuNet and SFace are installed, not a recogniser.
#pragma once

#include "EyeCascadeAligner.h"
#include "face/FaceEngine.h"
#include "LbpDescriptor.h"
#include "face/detect/HaarFaceDetector.h"

namespace fd::face {

class LbpFaceEngine : public FaceEngine {
public:
    // Empty paths mean opencv-data's cascades. options is for the accuracy benchmark,
    // which compares layouts; vectors of other options than the default are not of
    // kindTag()'s kind, so the engine then tags them with the layout.
    explicit LbpFaceEngine(const QString &faceCascadePath = {}, const QString &eyeCascadePath = {},
                           const LbpOptions &options = {});

    QString name() const override;
    QString kindTag() const override;
    int dimensions() const override;
    std::optional<FaceFeature> extract(const cv::Mat &bgr, QRect hint = {}) const override;

    // Whether faces can be found at all (opencv-data installed).
    bool canDetect() const;
    bool canLevel() const { return m_aligner.canLevel(); }

    // The face the engine would describe and its aligned crop (for the benchmark's
    // pixel anchor, and to look at). An empty crop when there is no face.
    cv::Mat alignedCrop(const cv::Mat &bgr, QRect hint, QRect *face, bool *levelled = nullptr) const;

private:
    QRect findFace(const cv::Mat &grey, QRect hint) const;

    HaarPool m_detectors;
    EyeCascadeAligner m_aligner;
    LbpOptions m_options;
    QString m_kind;
};

} // namespace fd::face
