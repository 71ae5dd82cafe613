#include "PhotoHash.h"

#include <opencv2/core.hpp>
#include <opencv2/img_hash.hpp>

#include <bit>

namespace fd::library {

quint64 perceptualHash(const cv::Mat &image)
{
    if (image.empty())
        return 0;
    // PHash keeps no state between calls, but one instance is not documented as
    // safe for concurrent use; making one costs an allocation, nothing else.
    cv::Mat bits;
    cv::img_hash::PHash::create()->compute(image, bits);
    quint64 hash = 0;
    for (int i = 0; i < bits.cols; ++i)
        hash = hash << 8 | bits.at<uchar>(0, i);
    return hash;
}

int hammingDistance(quint64 a, quint64 b)
{
    return std::popcount(a ^ b);
}

} // namespace fd::library
