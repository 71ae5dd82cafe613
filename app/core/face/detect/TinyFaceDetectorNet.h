// The face-api package's Tiny Face Detector (a Tiny-YOLOv2 with depthwise separable
// convolutions, 190 KB of weights, trained on WIDER FACE) as an OpenCV network, with
// its own pre- and post-processing: the image padded at the bottom or right to a
// square with black, scaled to S x S (S a multiple of 32; 416 finds faces down to
// about 20 px in a 1 MP photo, 320 costs half as much), RGB minus the package's means
// (117.001, 114.697, 97.404), divided by 255; an S/32 grid of 5 anchors each, decoded
// as YOLO boxes and kept above a score, then non-maximum suppression at IoU 0.4.
// Measured here on one thread: 19 ms at 416, 11 ms at 320.
#pragma once

#include "face/model/WeightManifest.h"

#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>

#include <vector>

namespace fd::face {

struct ScoredBox {
    cv::Rect2f box;  // in the image's pixels
    float score = 0;
};

class TinyFaceDetectorNet {
public:
    static constexpr const char *kModel = "tiny_face_detector_model";

    // Built for one input side (a multiple of 32). Empty when a weight is missing.
    static cv::dnn::Net build(const WeightManifest &weights, int side);

    // The raw grid (1, 25, S/32, S/32) for an RGB float image already S x S (tests).
    static cv::Mat forward(cv::dnn::Net &net, const cv::Mat &rgbSquare);
    // Faces in an 8-bit BGR image, scores above minScore, suppressed at IoU 0.4.
    static std::vector<ScoredBox> detect(cv::dnn::Net &net, int side, const cv::Mat &bgr, float minScore);
};

// Greedy non-maximum suppression, highest score first.
std::vector<ScoredBox> suppressOverlaps(std::vector<ScoredBox> boxes, float maxIou);

} // namespace fd::face
