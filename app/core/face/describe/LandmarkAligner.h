// The 150 x 150 face the recognition network takes, cut from the image with the
// eyes level. From the 68 landmarks: the angle of the line between the eye centres,
// and the landmarks' bounding box in the levelled frame, widened by 20 % on each side
// and made square around its centre. One warpAffine then takes exactly those pixels
// (black outside the image).
//
// Why not the package's own crop: it clips its box at the image border and shifts
// the landmarks by the unclipped origin, which squashes faces near an edge, and it
// never levels the eyes. Levelled crops were measured better on ../shared/faces
// (every same-person pair closer than every different pair; docs/PERFORMANCE.md).
#pragma once

#include "face/detect/LandmarkNet.h"

#include <opencv2/core.hpp>

namespace fd::face {

struct FaceGeometry {
    cv::Point2f leftEye, rightEye, mouth, nose;
    float rollDegrees = 0;   // positive: the face's right eye (image left) is lower
    float eyeDistance = 0;   // pixels
    // How far the nose tip is off the eyes' midline, as a fraction of the eye
    // distance: 0 frontal, about 0.5 for a face turned 45 degrees.
    float yawRatio = 0;
};

FaceGeometry geometryOf(const Landmarks68 &points);

// The levelled square crop, side x side, 8-bit BGR like the source.
cv::Mat alignedCrop(const cv::Mat &bgr, const Landmarks68 &points, int side);

} // namespace fd::face
