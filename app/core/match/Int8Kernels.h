// Dot products of int8 codes: the inner loop of FeatureIndex's scan. One portable
// kernel and, on x86-64, AVX2 and AVX-512 VNNI ones chosen at run time, so that one
// binary runs everywhere and still uses what the desk's CPU has.
#pragma once

#include <QtGlobal>

#include <vector>

namespace fd::match {

// Codes are signed bytes in [-127, 127] (never -128: the AVX2 kernel's abs/sign trick
// needs that), rows are `stride` bytes apart and `stride` is a multiple of
// kCodeAlignment (padding bytes are zero, so they add nothing).
inline constexpr int kCodeAlignment = 64;

// out[i] = dot(rows + rowIndex[i] * stride, query) for i in [0, count), or for rows
// 0..count-1 when rowIndex is null (the unfiltered scan reads rows in order).
using DotRowsFn = void (*)(const qint8 *rows, int stride, const quint32 *rowIndex, int count,
                           const qint8 *query, qint32 *out);

struct Int8Kernel {
    const char *name;
    DotRowsFn dotRows;
};

// The fastest kernel this CPU runs, decided once.
const Int8Kernel &bestInt8Kernel();
// Every kernel this CPU runs, portable first (tests check they agree; the benchmark reports them).
std::vector<Int8Kernel> availableInt8Kernels();

} // namespace fd::match
