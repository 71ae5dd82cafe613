#include "NetBuilder.h"

namespace fd::face {

namespace {

using cv::dnn::LayerParams;

// TF (h, w, in, out) to OpenCV (out, in, h, w).
cv::Mat filtersFromTf(const Tensor &t)
{
    const int h = t.shape[0], w = t.shape[1], in = t.shape[2], out = t.shape[3];
    const int sizes[] = {out, in, h, w};
    cv::Mat m(4, sizes, CV_32F);
    float *dst = m.ptr<float>();
    const float *src = t.values.constData();
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int i = 0; i < in; ++i)
                for (int o = 0; o < out; ++o)
                    dst[((o * in + i) * h + y) * w + x] = src[((y * w + x) * in + i) * out + o];
    return m;
}

cv::Mat row(const Tensor &t)
{
    return cv::Mat(1, int(t.count()), CV_32F, const_cast<float *>(t.values.constData())).clone();
}

} // namespace

NetBuilder::NetBuilder(const WeightManifest &weights) : m_weights(weights) {}

int NetBuilder::addLayer(const std::string &type, LayerParams &params, int from)
{
    params.type = type;
    params.name = type + std::to_string(++m_count);
    const int id = m_net.addLayer(params.name, type, params);
    m_net.connect(from, 0, id, 0);
    return id;
}

int NetBuilder::addLayer2(const std::string &type, LayerParams &params, int a, int b)
{
    params.type = type;
    params.name = type + std::to_string(++m_count);
    const int id = m_net.addLayer(params.name, type, params);
    m_net.connect(a, 0, id, 0);
    m_net.connect(b, 0, id, 1);
    return id;
}

int NetBuilder::convFromBlobs(int from, cv::Mat weights, cv::Mat bias, int stride, int pad, int group)
{
    LayerParams p;
    p.set("kernel_h", weights.size[2]);
    p.set("kernel_w", weights.size[3]);
    p.set("num_output", weights.size[0]);
    p.set("stride", stride);
    p.set("pad", pad);
    p.set("group", group);
    p.set("bias_term", !bias.empty());
    p.blobs.push_back(weights);
    if (!bias.empty())
        p.blobs.push_back(bias);
    return addLayer("Convolution", p, from);
}

int NetBuilder::conv(int from, const QString &filters, const QString &bias, int stride, int pad)
{
    const Tensor &f = m_weights.get(filters);
    const Tensor *b = bias.isEmpty() ? nullptr : &m_weights.get(bias);
    if (f.shape.size() != 4 || (b && b->count() != f.shape[3])) {
        m_failed = true;
        return from;
    }
    return convFromBlobs(from, filtersFromTf(f), b ? row(*b) : cv::Mat(), stride, pad, 1);
}

int NetBuilder::convScaled(int from, const QString &prefix, int stride, int pad)
{
    const Tensor &f = m_weights.get(prefix + QLatin1String("/conv/filters"));
    const Tensor &b = m_weights.get(prefix + QLatin1String("/conv/bias"));
    const Tensor &s = m_weights.get(prefix + QLatin1String("/scale/weights"));
    const Tensor &t = m_weights.get(prefix + QLatin1String("/scale/biases"));
    if (f.shape.size() != 4) {
        m_failed = true;
        return from;
    }
    const int out = f.shape[3];
    if (b.count() != out || s.count() != out || t.count() != out) {
        m_failed = true;
        return from;
    }
    // (conv(x) + b) * s + t  ==  conv_{w*s}(x) + (b * s + t)
    cv::Mat weights = filtersFromTf(f);
    cv::Mat bias(1, out, CV_32F);
    const int perOutput = int(weights.total()) / out;
    for (int o = 0; o < out; ++o) {
        float *w = weights.ptr<float>() + qsizetype(o) * perOutput;
        for (int k = 0; k < perOutput; ++k)
            w[k] *= s.values[o];
        bias.at<float>(0, o) = b.values[o] * s.values[o] + t.values[o];
    }
    return convFromBlobs(from, weights, bias, stride, pad, 1);
}

int NetBuilder::depthwise(int from, const QString &filters, int stride, int pad)
{
    const Tensor &f = m_weights.get(filters);
    if (f.shape.size() != 4 || f.shape[3] != 1) {
        m_failed = true;
        return from;
    }
    // TF (h, w, channels, 1) is, read as (h, w, 1, channels), OpenCV's grouped
    // convolution with one input channel per group.
    Tensor asGrouped = f;
    asGrouped.shape = {f.shape[0], f.shape[1], 1, f.shape[2]};
    return convFromBlobs(from, filtersFromTf(asGrouped), cv::Mat(), stride, pad, f.shape[2]);
}

int NetBuilder::separable(int from, const QString &prefix, int stride, int pad)
{
    const int dw = depthwise(from, prefix + QLatin1String("/depthwise_filter"), stride, pad);
    return conv(dw, prefix + QLatin1String("/pointwise_filter"), prefix + QLatin1String("/bias"), 1, 0);
}

int NetBuilder::padSpatial(int from, int top, int bottom, int left, int right)
{
    LayerParams p;
    const int paddings[] = {0, 0, 0, 0, top, bottom, left, right};
    p.set("paddings", cv::dnn::DictValue::arrayInt(paddings, 8));
    p.set("value", 0.0);
    return addLayer("Padding", p, from);
}

int NetBuilder::padChannels(int from, int after)
{
    LayerParams p;
    const int paddings[] = {0, 0, 0, after, 0, 0, 0, 0};
    p.set("paddings", cv::dnn::DictValue::arrayInt(paddings, 8));
    p.set("value", 0.0);
    return addLayer("Padding", p, from);
}

int NetBuilder::maxPool(int from, int kernel, int stride, int padBottomRight)
{
    LayerParams p;
    p.set("pool", "max");
    p.set("kernel_size", kernel);
    p.set("stride", stride);
    p.set("pad_t", 0);
    p.set("pad_l", 0);
    p.set("pad_b", padBottomRight);
    p.set("pad_r", padBottomRight);
    p.set("ceil_mode", false);
    return addLayer("Pooling", p, from);
}

int NetBuilder::avgPool(int from, int kernel, int stride)
{
    LayerParams p;
    p.set("pool", "ave");
    p.set("kernel_size", kernel);
    p.set("stride", stride);
    p.set("ceil_mode", false);
    return addLayer("Pooling", p, from);
}

int NetBuilder::globalAvgPool(int from)
{
    LayerParams p;
    p.set("pool", "ave");
    p.set("global_pooling", true);
    return addLayer("Pooling", p, from);
}

int NetBuilder::relu(int from)
{
    LayerParams p;
    return addLayer("ReLU", p, from);
}

int NetBuilder::leakyRelu(int from, float slope)
{
    LayerParams p;
    p.set("negative_slope", slope);
    return addLayer("ReLU", p, from);
}

int NetBuilder::add(int a, int b)
{
    LayerParams p;
    p.set("operation", "sum");
    return addLayer2("Eltwise", p, a, b);
}

int NetBuilder::dense(int from, const QString &weights, const QString &bias)
{
    const Tensor &w = m_weights.get(weights);
    const Tensor *b = bias.isEmpty() ? nullptr : &m_weights.get(bias);
    if (w.shape.size() != 2 || (b && b->count() != w.shape[1])) {
        m_failed = true;
        return from;
    }
    const int in = w.shape[0], out = w.shape[1];
    cv::Mat m(out, in, CV_32F);
    for (int i = 0; i < in; ++i)
        for (int o = 0; o < out; ++o)
            m.at<float>(o, i) = w.values[qsizetype(i) * out + o];
    LayerParams p;
    p.set("num_output", out);
    p.set("bias_term", b != nullptr);
    p.set("axis", 1);
    p.blobs.push_back(m);
    if (b)
        p.blobs.push_back(row(*b));
    return addLayer("InnerProduct", p, from);
}

cv::dnn::Net NetBuilder::take()
{
    if (m_failed || !m_weights.isValid())
        return {};
    m_net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    m_net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
    return std::move(m_net);
}

} // namespace fd::face
