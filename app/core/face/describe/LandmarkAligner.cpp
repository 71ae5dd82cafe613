#include "LandmarkAligner.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace fd::face {

namespace {

cv::Point2f meanOf(const Landmarks68 &p, int first, int last)
{
    cv::Point2f sum(0, 0);
    for (int i = first; i <= last; ++i)
        sum += p[size_t(i)];
    return sum * (1.0f / float(last - first + 1));
}

// Room around the landmarks on each side, as a fraction of their extent. Measured on
// ../shared/faces (the gap between the farthest same-person pair and the closest
// different-person pair): 0 -> 0.048, 0.05 -> 0.041, 0.10 -> 0.078, 0.15 -> 0.085,
// 0.20 -> 0.095, 0.25 -> 0.070.
constexpr float kMargin = 0.20f;

} // namespace

FaceGeometry geometryOf(const Landmarks68 &points)
{
    FaceGeometry g;
    // The 68-point layout (iBUG 300-W): 36-41 the eye on the image's left, 42-47 the
    // other, 48-67 the mouth, 30 the nose tip.
    g.leftEye = meanOf(points, 36, 41);
    g.rightEye = meanOf(points, 42, 47);
    g.mouth = meanOf(points, 48, 67);
    g.nose = points[30];
    const cv::Point2f d = g.rightEye - g.leftEye;
    g.eyeDistance = std::hypot(d.x, d.y);
    g.rollDegrees = float(std::atan2(d.y, d.x) * 180.0 / CV_PI);
    if (g.eyeDistance > 0) {
        // Signed distance of the nose tip from the line through the eyes' midpoint
        // and the mouth, over the eye distance.
        const cv::Point2f mid = (g.leftEye + g.rightEye) * 0.5f;
        const cv::Point2f axis = g.mouth - mid;
        const float axisLength = std::hypot(axis.x, axis.y);
        if (axisLength > 0) {
            const cv::Point2f toNose = g.nose - mid;
            g.yawRatio = std::abs(axis.x * toNose.y - axis.y * toNose.x) / axisLength / g.eyeDistance;
        }
    }
    return g;
}

cv::Mat alignedCrop(const cv::Mat &bgr, const Landmarks68 &points, int side)
{
    const FaceGeometry g = geometryOf(points);
    const cv::Point2f centre = (g.leftEye + g.rightEye) * 0.5f;
    const double angle = std::atan2(g.rightEye.y - g.leftEye.y, g.rightEye.x - g.leftEye.x);
    const double c = std::cos(-angle), s = std::sin(-angle);
    // The landmarks in the levelled frame (rotated about the eyes' midpoint).
    float minX = 1e9f, minY = 1e9f, maxX = -1e9f, maxY = -1e9f;
    for (const cv::Point2f &p : points) {
        const double x = p.x - centre.x, y = p.y - centre.y;
        const float rx = float(c * x - s * y), ry = float(s * x + c * y);
        minX = std::min(minX, rx);
        maxX = std::max(maxX, rx);
        minY = std::min(minY, ry);
        maxY = std::max(maxY, ry);
    }
    const float w = (maxX - minX) * (1 + 2 * kMargin), h = (maxY - minY) * (1 + 2 * kMargin);
    const float boxSide = std::max({w, h, 1.0f});
    const float cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
    const double scale = side / double(boxSide);
    // Image -> levelled frame -> crop: x' = scale * (R (p - centre) - (cx, cy)) + side/2
    const cv::Matx23d m(scale * c, -scale * s, scale * (-c * centre.x + s * centre.y - cx) + side / 2.0,
                        scale * s, scale * c, scale * (-s * centre.x - c * centre.y - cy) + side / 2.0);
    cv::Mat crop;
    cv::warpAffine(bgr, crop, m, cv::Size(side, side), scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR,
                   cv::BORDER_CONSTANT, cv::Scalar::all(0));
    return crop;
}

} // namespace fd::face
