#include "FaceEngine.h"

#include <algorithm>
#include <cmath>

namespace fd::face {

std::optional<float> similarity(const FaceFeature &a, const FaceFeature &b)
{
    if (a.kind != b.kind || a.values.size() != b.values.size() || a.values.isEmpty())
        return std::nullopt;
    // Summed in double: 512 float products lose a few bits otherwise, and ranking
    // ties between near-identical photos are decided in those bits.
    double dot = 0;
    for (qsizetype i = 0; i < a.values.size(); ++i)
        dot += double(a.values[i]) * double(b.values[i]);
    return float(dot);
}

bool normaliseL2(QVector<float> &values)
{
    double sum = 0;
    for (float v : values)
        sum += double(v) * double(v);
    if (!(sum > 0) || !std::isfinite(sum))
        return false;
    const double scale = 1.0 / std::sqrt(sum);
    for (float &v : values)
        v = float(v * scale);
    return true;
}

float unitDistance(float cosine)
{
    return float(std::sqrt(std::max(0.0, 2.0 - 2.0 * double(cosine))));
}

float cosineOfUnitDistance(float distance)
{
    return float(1.0 - double(distance) * distance / 2.0);
}

float toEngineScale(const FaceEngine::Scale &scale, float cosine)
{
    return scale.distance ? unitDistance(cosine) : cosine;
}

float fromEngineScale(const FaceEngine::Scale &scale, float value)
{
    return scale.distance ? cosineOfUnitDistance(value) : value;
}

} // namespace fd::face
