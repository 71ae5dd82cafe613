// From a feature as the device or the engine sent it to what the scan reads: unit
// length, then one signed byte per dimension with a scale of its own.
#pragma once

#include <QtGlobal>

namespace fd::match {

// Scales v to unit length in place. False (v untouched) when it has no length or holds
// NaN or infinity: such a vector would match everything or nothing.
bool normaliseL2(float *v, int dims);

// Symmetric per-vector codes: code = round(v * 127 / max|v|), so every vector uses the
// whole range [-127, 127] whatever its spread. Writes `stride` bytes (zero beyond
// dims) and returns the step: v[i] ~ code[i] * step, within step / 2.
float quantiseInt8(const float *v, int dims, int stride, qint8 *codes);

// How far the approximate similarity of two codes can be from the exact cosine of the
// unit vectors they came from: the error vectors are at most sqrt(dims) * step / 2
// long, and (q + eq).(v + ev) - q.v = q.ev + eq.v + eq.ev.
float quantisationBound(int dims, float stepA, float stepB);

} // namespace fd::match
