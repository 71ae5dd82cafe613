// The face-api package's tiny 68-point landmark network (three dense blocks of
// separable convolutions, 80 KB of weights) as an OpenCV network. It takes a face
// box's pixels padded to a square (centred, black) and scaled to 112 x 112, RGB minus
// (122.782, 117.001, 104.298), divided by 255, and answers 68 points relative to
// that square. Measured here: about 3 ms a face on one thread. The points give the
// eyes and mouth for alignment (FaceAligner) and the pose for the import's frontal
// check (FacePose).
#pragma once

#include "face/model/WeightManifest.h"

#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>

#include <array>

namespace fd::face {

using Landmarks68 = std::array<cv::Point2f, 68>;

class LandmarkNet {
public:
    static constexpr const char *kModel = "face_landmark_68_tiny_model";
    static constexpr int kSide = 112;

    static cv::dnn::Net build(const WeightManifest &weights);
    // The raw 136 values (x, y relative to the 112 square) for an RGB float image
    // already 112 x 112 (tests).
    static cv::Mat forward(cv::dnn::Net &net, const cv::Mat &rgbSquare);
    // The 68 points, in the image's pixels, of the face in box (clipped to the image;
    // outside it is black, as the package pads).
    static Landmarks68 locate(cv::dnn::Net &net, const cv::Mat &bgr, const cv::Rect2f &box);
};

} // namespace fd::face
