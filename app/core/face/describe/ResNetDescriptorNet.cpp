#include "ResNetDescriptorNet.h"

#include "face/model/NetBuilder.h"

namespace fd::face {

namespace {

const cv::Scalar kMeanRgb(122.782, 117.001, 104.298);

int residual(NetBuilder &b, int from, const QString &prefix)
{
    int out = b.relu(b.convScaled(from, prefix + QLatin1String("/conv1"), 1, 1));
    out = b.convScaled(out, prefix + QLatin1String("/conv2"), 1, 1);
    return b.relu(b.add(out, from));
}

// side: the input's side, updated to the output's. The main path is a "valid" 3x3
// stride-2 convolution, the shortcut a 2x2 stride-2 average pool; where the pool's
// side is one larger (an even input side), the main path gets a zero row and column
// at the bottom-right, as the package does.
int residualDown(NetBuilder &b, int from, const QString &prefix, int *side, int channelsIn, int channelsOut)
{
    const int convSide = (*side - 3) / 2 + 1;
    const int poolSide = (*side - 2) / 2 + 1;
    int out = b.relu(b.convScaled(from, prefix + QLatin1String("/conv1"), 2, 0));
    out = b.convScaled(out, prefix + QLatin1String("/conv2"), 1, 1);
    if (convSide < poolSide)
        out = b.padSpatial(out, 0, poolSide - convSide, 0, poolSide - convSide);
    int shortcut = b.avgPool(from, 2, 2);
    if (channelsOut > channelsIn)
        shortcut = b.padChannels(shortcut, channelsOut - channelsIn);
    *side = poolSide;
    return b.relu(b.add(shortcut, out));
}

} // namespace

cv::dnn::Net ResNetDescriptorNet::build(const WeightManifest &weights)
{
    NetBuilder b(weights);
    int x = b.relu(b.convScaled(0, QStringLiteral("conv32_down"), 2, 0));  // 150 -> 72
    x = b.maxPool(x, 3, 2);                                                 // 72 -> 35
    int side = 35;
    for (int i = 1; i <= 3; ++i)
        x = residual(b, x, QStringLiteral("conv32_%1").arg(i));
    x = residualDown(b, x, QStringLiteral("conv64_down"), &side, 32, 64);
    for (int i = 1; i <= 3; ++i)
        x = residual(b, x, QStringLiteral("conv64_%1").arg(i));
    x = residualDown(b, x, QStringLiteral("conv128_down"), &side, 64, 128);
    for (int i = 1; i <= 2; ++i)
        x = residual(b, x, QStringLiteral("conv128_%1").arg(i));
    x = residualDown(b, x, QStringLiteral("conv256_down"), &side, 128, 256);
    for (int i = 1; i <= 2; ++i)
        x = residual(b, x, QStringLiteral("conv256_%1").arg(i));
    x = residualDown(b, x, QStringLiteral("conv256_down_out"), &side, 256, 256);
    x = b.globalAvgPool(x);
    b.dense(x, QStringLiteral("fc"), QString());
    return b.take();
}

cv::Mat ResNetDescriptorNet::forward(cv::dnn::Net &net, const cv::Mat &rgbSquare)
{
    cv::Mat blob = cv::dnn::blobFromImage(rgbSquare, 1.0 / 255, cv::Size(), kMeanRgb, false, false, CV_32F);
    net.setInput(blob);
    return net.forward().reshape(1, 1).clone();
}

} // namespace fd::face
