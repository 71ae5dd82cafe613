#include "LbpDescriptor.h"

#include "face/FaceEngine.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <array>
#include <cmath>

namespace fd::face {

namespace {

// Uniform LBP(8): each of the 58 patterns with at most two 0/1 transitions around
// the circle gets its own bin (in code order), every other pattern bin 58.
const std::array<quint8, 256> &uniformBins()
{
    static const std::array<quint8, 256> bins = [] {
        std::array<quint8, 256> out{};
        int next = 0;
        for (int code = 0; code < 256; ++code) {
            int transitions = 0;
            for (int bit = 0; bit < 8; ++bit)
                transitions += ((code >> bit) & 1) != ((code >> ((bit + 1) % 8)) & 1);
            out[size_t(code)] = quint8(transitions <= 2 ? next++ : 58);
        }
        return out;
    }();
    return bins;
}

int binsPerCell(LbpPattern pattern)
{
    return pattern == LbpPattern::Uniform ? 59 : 16;
}

// Centre-symmetric comparisons ignore differences of up to this many grey levels:
// flat skin then gives pattern 0 instead of sensor noise (Heikkilae's CS-LBP
// threshold, on 0..255 after the smoothing).
constexpr int kCsThreshold = 3;

// Per-cell L1-normalised histograms, cells in row-major order.
QVector<float> cellHistograms(const cv::Mat &greyCrop, const LbpOptions &o)
{
    CV_Assert(greyCrop.type() == CV_8UC1);
    const int bins = binsPerCell(o.pattern);
    const int grid = std::max(1, o.grid);
    const int r = std::max(1, o.radius);
    QVector<float> hist(grid * grid * bins, 0.0f);
    if (greyCrop.rows <= 2 * r || greyCrop.cols <= 2 * r)
        return hist;

    cv::Mat g;
    if (o.blurSigma > 0)
        cv::GaussianBlur(greyCrop, g, cv::Size(), o.blurSigma);
    else
        g = greyCrop;

    // Neighbours counter-clockwise from the right; opposite ones are 4 apart.
    const int dx[8] = {r, r, 0, -r, -r, -r, 0, r};
    const int dy[8] = {0, r, r, r, 0, -r, -r, -r};
    const int width = g.cols - 2 * r;
    const int height = g.rows - 2 * r;
    const auto &uniform = uniformBins();
    for (int y = r; y < g.rows - r; ++y) {
        const uchar *rows[3] = {g.ptr<uchar>(y - r), g.ptr<uchar>(y), g.ptr<uchar>(y + r)};
        const int cellRow = (y - r) * grid / height;
        for (int x = r; x < g.cols - r; ++x) {
            const auto at = [&](int k) { return int(rows[1 + dy[k] / r][x + dx[k]]); };
            int bin;
            if (o.pattern == LbpPattern::Uniform) {
                const int centre = rows[1][x];
                int code = 0;
                for (int k = 0; k < 8; ++k)
                    code |= int(at(k) >= centre) << k;
                bin = uniform[size_t(code)];
            } else {
                bin = 0;
                for (int k = 0; k < 4; ++k)
                    bin |= int(at(k) - at(k + 4) > kCsThreshold) << k;
            }
            const int cell = cellRow * grid + (x - r) * grid / width;
            hist[cell * bins + bin] += 1.0f;
        }
    }
    for (int cell = 0; cell < grid * grid; ++cell) {
        float sum = 0;
        for (int b = 0; b < bins; ++b)
            sum += hist[cell * bins + b];
        if (sum > 0)
            for (int b = 0; b < bins; ++b)
                hist[cell * bins + b] /= sum;
    }
    return hist;
}

} // namespace

int LbpOptions::dimensions() const
{
    return grid * grid * binsPerCell(pattern);
}

QVector<float> lbpHistograms(const cv::Mat &greyCrop, const LbpOptions &options)
{
    return cellHistograms(greyCrop, options);
}

QVector<float> lbpDescriptor(const cv::Mat &greyCrop, const LbpOptions &options)
{
    QVector<float> v = cellHistograms(greyCrop, options);
    // Square roots of L1-normalised histograms (Hellinger): every cell then has unit
    // length, so each weighs the same, and the dot product of two cells is their
    // Bhattacharyya coefficient.
    for (float &x : v)
        x = std::sqrt(x);
    normaliseL2(v);
    return v;
}

} // namespace fd::face
