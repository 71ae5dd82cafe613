#include "Quantiser.h"

#include <opencv2/core.hpp>

#include <cmath>
#include <cstring>

namespace fd::match {

bool normaliseL2(float *v, int dims)
{
    cv::Mat row(1, dims, CV_32F, v);
    if (!cv::checkRange(row))
        return false;
    const double norm = cv::norm(row, cv::NORM_L2);
    if (!(norm > 0) || !std::isfinite(norm))
        return false;
    row.convertTo(row, CV_32F, 1.0 / norm);
    return true;
}

float quantiseInt8(const float *v, int dims, int stride, qint8 *codes)
{
    const cv::Mat row(1, dims, CV_32F, const_cast<float *>(v));
    const double maxAbs = cv::norm(row, cv::NORM_INF);
    std::memset(codes + dims, 0, size_t(stride - dims));
    if (!(maxAbs > 0)) {
        std::memset(codes, 0, size_t(dims));
        return 0.f;
    }
    // convertTo rounds to nearest and saturates; |v| * 127 / max|v| never passes 127,
    // so -128 (which the AVX2 kernel cannot take) never appears.
    cv::Mat out(1, dims, CV_8S, codes);
    row.convertTo(out, CV_8S, 127.0 / maxAbs);
    return float(maxAbs / 127.0);
}

float quantisationBound(int dims, float stepA, float stepB)
{
    const float half = 0.5f * std::sqrt(float(dims));
    const float ea = half * stepA;
    const float eb = half * stepB;
    // A little more for the float arithmetic that turns the integer sum into a score.
    return ea + eb + ea * eb + 1e-5f;
}

} // namespace fd::match
