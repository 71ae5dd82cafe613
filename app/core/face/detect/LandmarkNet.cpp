#include "LandmarkNet.h"

#include "face/model/NetBuilder.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace fd::face {

namespace {

const cv::Scalar kMeanRgb(122.782, 117.001, 104.298);

// A block of the tiny feature extractor: a strided first convolution (plain in the
// first block, separable in the others) then two separable ones, each fed the sum
// of the outputs before it. Stride 2 "same" on an even side pads bottom-right by one.
int denseBlock(NetBuilder &b, int from, const QString &prefix, bool first)
{
    const int padded = b.padSpatial(from, 0, 1, 0, 1);
    int out1 = first ? b.conv(padded, prefix + QLatin1String("/conv0/filters"), prefix + QLatin1String("/conv0/bias"), 2, 0)
                     : b.separable(padded, prefix + QLatin1String("/conv0"), 2, 0);
    out1 = b.relu(out1);
    const int out2 = b.separable(out1, prefix + QLatin1String("/conv1"), 1, 1);
    const int in3 = b.relu(b.add(out1, out2));
    const int out3 = b.separable(in3, prefix + QLatin1String("/conv2"), 1, 1);
    return b.relu(b.add(out1, b.add(out2, out3)));
}

} // namespace

cv::dnn::Net LandmarkNet::build(const WeightManifest &weights)
{
    NetBuilder b(weights);
    int x = denseBlock(b, 0, QStringLiteral("dense0"), true);
    x = denseBlock(b, x, QStringLiteral("dense1"), false);
    x = denseBlock(b, x, QStringLiteral("dense2"), false);
    x = b.avgPool(x, 14, 2);
    b.dense(x, QStringLiteral("fc/weights"), QStringLiteral("fc/bias"));
    return b.take();
}

cv::Mat LandmarkNet::forward(cv::dnn::Net &net, const cv::Mat &rgbSquare)
{
    cv::Mat blob = cv::dnn::blobFromImage(rgbSquare, 1.0 / 255, cv::Size(), kMeanRgb, false, false, CV_32F);
    net.setInput(blob);
    return net.forward().clone();
}

Landmarks68 LandmarkNet::locate(cv::dnn::Net &net, const cv::Mat &bgr, const cv::Rect2f &box)
{
    // The box as a centred square (the package pads the short side equally on both
    // sides with black); pixels outside the image are black too.
    const float side = std::max(box.width, box.height);
    const cv::Point2f origin(box.x + box.width / 2 - side / 2, box.y + box.height / 2 - side / 2);
    const double scale = kSide / double(side);
    const cv::Matx23d toSquare(scale, 0, -origin.x * scale, 0, scale, -origin.y * scale);
    cv::Mat square;
    cv::warpAffine(bgr, square, toSquare, cv::Size(kSide, kSide), scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR,
                   cv::BORDER_CONSTANT, cv::Scalar::all(0));
    cv::Mat rgb;
    cv::cvtColor(square, rgb, cv::COLOR_BGR2RGB);
    const cv::Mat out = forward(net, rgb);
    const float *v = out.ptr<float>();
    Landmarks68 points;
    for (int i = 0; i < 68; ++i)
        points[size_t(i)] = cv::Point2f(origin.x + v[2 * i] * side, origin.y + v[2 * i + 1] * side);
    return points;
}

} // namespace fd::face
