// The synthetic test images of tests/face/make-reference.js, made again in C++: the
// reference numbers in reference.json were computed by the face-api package on
// exactly these pixels.
#pragma once

#include <opencv2/core.hpp>

namespace synthetic {

inline int pixel(int x, int y, int c, int seed)
{
    const int cx = x - 60 - seed, cy = y - 70;
    const int ring = ((cx * cx + cy * cy) >> 6) & 0xff;
    const int noise = (x * 1103 + y * 2999 + c * 7919 + seed * 131) % 61;
    return (ring + x * (c + 1) + y * (3 - c) + noise) % 256;
}

// side x side, RGB order, float (as the package's tensors).
inline cv::Mat rgbImage(int side, int seed)
{
    cv::Mat m(side, side, CV_32FC3);
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x)
            for (int c = 0; c < 3; ++c)
                m.ptr<float>(y)[x * 3 + c] = float(pixel(x, y, c, seed));
    return m;
}

} // namespace synthetic
