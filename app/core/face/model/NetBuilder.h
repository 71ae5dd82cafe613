// Builds an OpenCV DNN network layer by layer from TensorFlow.js weights
// (WeightManifest), with OpenCV's stock layer types only.
//
// Why layers and not an imported model file: Debian 12's OpenCV 4.6 reads ONNX,
// Caffe and TensorFlow graphs, but the package ships TF.js manifests, and writing one
// of those formats only to read it back adds a serialiser and its bugs; building the
// graph through cv::dnn::Net::addLayer takes the dequantised tensors as they are and
// loads in milliseconds. What differs between TensorFlow and OpenCV is handled here,
// once (each was checked against the package's own numbers, tests/face):
// - weights: TF keeps filters as height, width, in, out; OpenCV as out, in, height, width;
// - "same" padding with stride 2 on an even size puts the one extra row and column at
//   the bottom and right, which OpenCV's symmetric padding cannot say: an explicit
//   Padding layer does;
// - pooling rounds down (OpenCV rounds up by default);
// - TF's "same" max pooling pads with minus infinity; OpenCV's max pooling ignores
//   padded cells, which is the same thing.
#pragma once

#include "WeightManifest.h"

#include <opencv2/dnn.hpp>

#include <string>

namespace fd::face {

class NetBuilder {
public:
    // Layer ids are OpenCV's; 0 is the input (NCHW float).
    explicit NetBuilder(const WeightManifest &weights);

    // A convolution with TF weights PREFIX/filters (h, w, in, out) and PREFIX/bias
    // (when hasBias), square stride, symmetric padding pad.
    int conv(int from, const QString &filters, const QString &bias, int stride, int pad);
    // The same with every output channel then scaled (x * scale + shift): folded into
    // the weights (the recognition net's conv + scale layers).
    int convScaled(int from, const QString &prefix, int stride, int pad);
    // Depthwise (filters h, w, channels, 1), stride, symmetric padding.
    int depthwise(int from, const QString &filters, int stride, int pad);
    // TF's separableConv2d: depthwise then a 1x1 convolution with bias.
    int separable(int from, const QString &prefix, int stride, int pad);

    // Zero padding of the spatial sides (top, bottom, left, right) or of the channels.
    int padSpatial(int from, int top, int bottom, int left, int right);
    int padChannels(int from, int after);
    int maxPool(int from, int kernel, int stride, int padBottomRight = 0);
    int avgPool(int from, int kernel, int stride);
    int globalAvgPool(int from);
    int relu(int from);
    int leakyRelu(int from, float slope);
    int add(int a, int b);
    // A fully connected layer: TF weights (in, out), optional bias.
    int dense(int from, const QString &weights, const QString &bias);

    // The net, ready to run; empty when a weight was missing or misshapen (the
    // manifest's error() says which).
    cv::dnn::Net take();

private:
    int addLayer(const std::string &type, cv::dnn::LayerParams &params, int from);
    int addLayer2(const std::string &type, cv::dnn::LayerParams &params, int a, int b);
    int convFromBlobs(int from, cv::Mat weights, cv::Mat bias, int stride, int pad, int group);

    const WeightManifest &m_weights;
    cv::dnn::Net m_net;
    int m_count = 0;
    bool m_failed = false;
};

} // namespace fd::face
