#include "Int8Kernels.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define FD_X86_KERNELS 1
#include <immintrin.h>
#endif

namespace fd::match {

namespace {

// Filtered scans read scattered rows (one in ten for a one-device filter, kilobytes
// apart), which the hardware prefetchers do not follow across pages: each row would
// wait for DRAM. Asking for a row a few picks ahead hides that wait.
constexpr int kPrefetchAhead = 8;

inline void prefetchRow(const qint8 *row, int stride)
{
    for (int i = 0; i < stride; i += 64)
        __builtin_prefetch(row + i);
}

// The reference: what every other kernel must reproduce bit for bit (integer sums
// have no rounding, so "agree" means "equal").
qint32 dotPortable(const qint8 *a, const qint8 *q, int stride)
{
    qint32 sum = 0;
    for (int i = 0; i < stride; ++i)
        sum += qint32(a[i]) * qint32(q[i]);
    return sum;
}

void dotRowsPortable(const qint8 *rows, int stride, const quint32 *rowIndex, int count, const qint8 *query,
                     qint32 *out)
{
    for (int i = 0; i < count; ++i)
        out[i] = dotPortable(rows + qsizetype(rowIndex ? rowIndex[i] : quint32(i)) * stride, query, stride);
}

#if defined(FD_X86_KERNELS)

// AVX2 has no signed-by-signed byte multiply. maddubs multiplies unsigned by signed
// bytes, so the row's sign is moved onto the query (sign_epi8) and its magnitude made
// unsigned (abs_epi8). Two products of at most 127 * 127 sum to 32,258 and never
// saturate the 16-bit lanes, which is why codes stop at -127.
__attribute__((target("avx2"), always_inline)) inline qint32 dotAvx2(const qint8 *a, const qint8 *q, int stride)
{
    const __m256i ones = _mm256_set1_epi16(1);
    __m256i acc0 = _mm256_setzero_si256();
    __m256i acc1 = _mm256_setzero_si256();
    for (int i = 0; i < stride; i += 64) {
        const __m256i a0 = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(a + i));
        const __m256i a1 = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(a + i + 32));
        const __m256i q0 = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(q + i));
        const __m256i q1 = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(q + i + 32));
        const __m256i p0 = _mm256_maddubs_epi16(_mm256_abs_epi8(a0), _mm256_sign_epi8(q0, a0));
        const __m256i p1 = _mm256_maddubs_epi16(_mm256_abs_epi8(a1), _mm256_sign_epi8(q1, a1));
        acc0 = _mm256_add_epi32(acc0, _mm256_madd_epi16(p0, ones));
        acc1 = _mm256_add_epi32(acc1, _mm256_madd_epi16(p1, ones));
    }
    const __m256i acc = _mm256_add_epi32(acc0, acc1);
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
    return _mm_cvtsi128_si32(s);
}

__attribute__((target("avx2"))) void dotRowsAvx2(const qint8 *rows, int stride, const quint32 *rowIndex, int count,
                                                 const qint8 *query, qint32 *out)
{
    if (rowIndex) {
        for (int i = 0; i < count; ++i) {
            if (i + kPrefetchAhead < count)
                prefetchRow(rows + qsizetype(rowIndex[i + kPrefetchAhead]) * stride, stride);
            out[i] = dotAvx2(rows + qsizetype(rowIndex[i]) * stride, query, stride);
        }
    } else {
        for (int i = 0; i < count; ++i)
            out[i] = dotAvx2(rows + qsizetype(i) * stride, query, stride);
    }
}

// VNNI's dpbusd is unsigned-by-signed too, and AVX-512 has no sign_epi8: the query is
// negated under a mask of the row's negative bytes instead. 64 bytes per step in four
// instructions, against AVX2's five per 32 bytes.
#define FD_VNNI_TARGET "avx512f,avx512bw,avx512vnni"

__attribute__((target(FD_VNNI_TARGET), always_inline)) inline __m512i dotStepVnni(__m512i acc, const qint8 *a,
                                                                                   const qint8 *q)
{
    const __m512i av = _mm512_loadu_si512(a);
    const __m512i qv = _mm512_loadu_si512(q);
    const __mmask64 negative = _mm512_movepi8_mask(av);
    const __m512i signedQ = _mm512_mask_sub_epi8(qv, negative, _mm512_setzero_si512(), qv);
    return _mm512_dpbusd_epi32(acc, _mm512_abs_epi8(av), signedQ);
}

__attribute__((target(FD_VNNI_TARGET), always_inline)) inline qint32 dotVnni(const qint8 *a, const qint8 *q,
                                                                              int stride)
{
    __m512i acc0 = _mm512_setzero_si512();
    __m512i acc1 = _mm512_setzero_si512();
    int i = 0;
    for (; i + 128 <= stride; i += 128) {
        acc0 = dotStepVnni(acc0, a + i, q + i);
        acc1 = dotStepVnni(acc1, a + i + 64, q + i + 64);
    }
    if (i < stride)
        acc0 = dotStepVnni(acc0, a + i, q + i);
    // Not _mm512_reduce_add_epi32: GCC 12 warns about its internal undefined vector
    // (-Wmaybe-uninitialized), and so does _mm512_castsi512_si256 there; zero-masked
    // extracts say the same without it.
    const __m512i acc = _mm512_add_epi32(acc0, acc1);
    const __m256i half = _mm256_add_epi32(_mm512_maskz_extracti64x4_epi64(0xFF, acc, 0),
                                           _mm512_maskz_extracti64x4_epi64(0xFF, acc, 1));
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(half), _mm256_extracti128_si256(half, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
    return _mm_cvtsi128_si32(s);
}

__attribute__((target(FD_VNNI_TARGET))) void dotRowsVnni(const qint8 *rows, int stride, const quint32 *rowIndex,
                                                         int count, const qint8 *query, qint32 *out)
{
    if (rowIndex) {
        for (int i = 0; i < count; ++i) {
            if (i + kPrefetchAhead < count)
                prefetchRow(rows + qsizetype(rowIndex[i + kPrefetchAhead]) * stride, stride);
            out[i] = dotVnni(rows + qsizetype(rowIndex[i]) * stride, query, stride);
        }
    } else {
        for (int i = 0; i < count; ++i)
            out[i] = dotVnni(rows + qsizetype(i) * stride, query, stride);
    }
}

#endif // FD_X86_KERNELS

} // namespace

std::vector<Int8Kernel> availableInt8Kernels()
{
    std::vector<Int8Kernel> kernels{{"portable", &dotRowsPortable}};
#if defined(FD_X86_KERNELS)
    // __builtin_cpu_supports also checks that the OS saves the wide registers (XCR0).
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2"))
        kernels.push_back({"avx2", &dotRowsAvx2});
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512vnni"))
        kernels.push_back({"avx512-vnni", &dotRowsVnni});
#endif
    return kernels;
}

const Int8Kernel &bestInt8Kernel()
{
    static const Int8Kernel best = availableInt8Kernels().back();
    return best;
}

} // namespace fd::match
