// The face-api package's recognition network: dlib's ResNet-34-like metric network
// (29 convolutions, 6.4 MB of uint8 weights), which maps an aligned 150 x 150 RGB
// face (minus 122.782, 117.001, 104.298, divided by 255) to 128 values. dlib reports
// 99.38 % on LFW with the same-person rule "Euclidean distance under 0.6". Measured
// here: 10 to 13 ms a face on one thread. Its down-sampling blocks add an average-
// pooled shortcut whose channels are zero-padded, and whose odd sides the main path
// meets by a zero row and column at the bottom-right: both are explicit layers here.
#pragma once

#include "face/model/WeightManifest.h"

#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>

namespace fd::face {

class ResNetDescriptorNet {
public:
    static constexpr const char *kModel = "face_recognition_model";
    static constexpr int kSide = 150;
    static constexpr int kDims = 128;

    static cv::dnn::Net build(const WeightManifest &weights);
    // The 128 values (not normalised) for an RGB image already 150 x 150 (8-bit or float).
    static cv::Mat forward(cv::dnn::Net &net, const cv::Mat &rgbSquare);
};

} // namespace fd::face
