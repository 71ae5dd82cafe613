#include "TinyFaceDetectorNet.h"

#include "face/model/NetBuilder.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace fd::face {

namespace {

constexpr float kLeak = 0.1f;
constexpr int kAnchors = 5;
constexpr float kAnchorW[kAnchors] = {1.603231f, 6.041143f, 2.882459f, 4.266906f, 9.041765f};
constexpr float kAnchorH[kAnchors] = {2.094468f, 7.080126f, 3.518061f, 5.178857f, 10.66308f};
const cv::Scalar kMeanRgb(117.001, 114.697, 97.404);

float sigmoid(float x)
{
    return 1.0f / (1.0f + std::exp(-x));
}

// TF's 2x2 "same" max pooling: an odd side gets one padded row/column bottom-right.
int samePool(NetBuilder &b, int from, int *side, int stride)
{
    const int pad = (stride == 1 || *side % 2) ? 1 : 0;
    *side = (*side + stride - 1) / stride;
    return b.maxPool(from, 2, stride, pad);
}

} // namespace

cv::dnn::Net TinyFaceDetectorNet::build(const WeightManifest &weights, int side)
{
    NetBuilder b(weights);
    int x = b.conv(0, QStringLiteral("conv0/filters"), QStringLiteral("conv0/bias"), 1, 0);
    x = b.leakyRelu(x, kLeak);
    int size = side - 2;
    x = samePool(b, x, &size, 2);
    for (int i = 1; i <= 5; ++i) {
        x = b.leakyRelu(b.separable(x, QStringLiteral("conv%1").arg(i), 1, 1), kLeak);
        x = samePool(b, x, &size, i < 5 ? 2 : 1);
    }
    b.conv(x, QStringLiteral("conv8/filters"), QStringLiteral("conv8/bias"), 1, 0);
    return b.take();
}

cv::Mat TinyFaceDetectorNet::forward(cv::dnn::Net &net, const cv::Mat &rgbSquare)
{
    cv::Mat blob = cv::dnn::blobFromImage(rgbSquare, 1.0 / 255, cv::Size(), kMeanRgb, false, false, CV_32F);
    net.setInput(blob);
    return net.forward().clone();
}

std::vector<ScoredBox> TinyFaceDetectorNet::detect(cv::dnn::Net &net, int side, const cv::Mat &bgr, float minScore)
{
    std::vector<ScoredBox> found;
    if (bgr.empty() || side < 32)
        return found;
    // Padded bottom/right to a square, then scaled: the package's toBatchTensor.
    const int longSide = std::max(bgr.cols, bgr.rows);
    const double scale = double(side) / longSide;
    const int w = std::max(1, int(std::lround(bgr.cols * scale)));
    const int h = std::max(1, int(std::lround(bgr.rows * scale)));
    cv::Mat resized;
    cv::resize(bgr, resized, cv::Size(w, h), 0, 0, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::Mat square(side, side, CV_8UC3, cv::Scalar::all(0));
    resized.copyTo(square(cv::Rect(0, 0, w, h)));
    cv::Mat rgb;
    cv::cvtColor(square, rgb, cv::COLOR_BGR2RGB);
    const cv::Mat out = forward(net, rgb);  // 1 x 25 x cells x cells
    const int cells = out.size[2];
    const float *data = out.ptr<float>();
    const auto at = [&](int channel, int row, int col) { return data[(channel * cells + row) * cells + col]; };
    for (int row = 0; row < cells; ++row) {
        for (int col = 0; col < cells; ++col) {
            for (int a = 0; a < kAnchors; ++a) {
                const float score = sigmoid(at(a * 5 + 4, row, col));
                if (score <= minScore)
                    continue;
                const float cx = (col + sigmoid(at(a * 5, row, col))) / cells;
                const float cy = (row + sigmoid(at(a * 5 + 1, row, col))) / cells;
                const float bw = std::exp(at(a * 5 + 2, row, col)) * kAnchorW[a] / cells;
                const float bh = std::exp(at(a * 5 + 3, row, col)) * kAnchorH[a] / cells;
                // Relative to the square, which is longSide pixels of the image.
                const cv::Rect2f box((cx - bw / 2) * longSide, (cy - bh / 2) * longSide, bw * longSide, bh * longSide);
                found.push_back({box, score});
            }
        }
    }
    return suppressOverlaps(std::move(found), 0.4f);
}

std::vector<ScoredBox> suppressOverlaps(std::vector<ScoredBox> boxes, float maxIou)
{
    std::sort(boxes.begin(), boxes.end(), [](const ScoredBox &a, const ScoredBox &b) { return a.score > b.score; });
    std::vector<ScoredBox> kept;
    for (const ScoredBox &candidate : boxes) {
        bool overlaps = false;
        for (const ScoredBox &k : kept) {
            const float inter = (candidate.box & k.box).area();
            const float uni = candidate.box.area() + k.box.area() - inter;
            if (uni > 0 && inter / uni > maxIou) {
                overlaps = true;
                break;
            }
        }
        if (!overlaps)
            kept.push_back(candidate);
    }
    return kept;
}

} // namespace fd::face
