// Local binary pattern histograms of an aligned face: the built-in engine's
// descriptor, computed with plain OpenCV operations.
//
// The crop is cut into a grid of cells; each cell's pattern histogram is
// L1-normalised and square-rooted, and the cells are concatenated and scaled to unit
// length. The cosine of two such vectors is then the mean Bhattacharyya coefficient
// of their cells' histograms (Hellinger), a histogram similarity that FeatureIndex
// can rank by cosine. Measured on ../shared/faces against chi-square on the plain
// histograms it ranks about as well (docs/PERFORMANCE.md, face-accuracy).
#pragma once

#include <QVector>

namespace cv { class Mat; }

namespace fd::face {

enum class LbpPattern {
    // Centre-symmetric LBP: 4 comparisons of opposite neighbours, 16 bins per cell.
    CentreSymmetric,
    // Uniform LBP(8): 58 patterns with at most two 0/1 transitions and one bin for the
    // rest, 59 bins per cell.
    Uniform,
};

struct LbpOptions {
    LbpPattern pattern = LbpPattern::CentreSymmetric;
    int grid = 5;           // cells per side
    int radius = 1;         // neighbour distance in pixels
    double blurSigma = 1.0; // Gaussian smoothing before the patterns; 0 for none

    int dimensions() const;
};

// The descriptor of an 8-bit grey crop (EyeCascadeAligner::kSize square), unit length.
// Thread-safe: uses no shared state.
QVector<float> lbpDescriptor(const cv::Mat &greyCrop, const LbpOptions &options = {});

// The plain per-cell histograms (each L1-normalised, not square-rooted): for
// comparing with chi-square in the accuracy benchmark.
QVector<float> lbpHistograms(const cv::Mat &greyCrop, const LbpOptions &options = {});

} // namespace fd::face
