#include "Base64.h"

#include <array>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace fd::protocol {

namespace {

constexpr quint8 kInvalid = 0xFF;
constexpr quint8 kSpace = 0xFE;
constexpr quint8 kPad = 0xFD;

constexpr std::array<quint8, 256> makeTable()
{
    std::array<quint8, 256> t{};
    for (auto &v : t)
        v = kInvalid;
    const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i)
        t[static_cast<unsigned char>(alphabet[i])] = quint8(i);
    t[' '] = t['\n'] = t['\r'] = t['\t'] = kSpace;
    t['='] = kPad;
    return t;
}

constexpr std::array<quint8, 256> kTable = makeTable();

#if defined(__x86_64__) || defined(__i386__)
// 32 characters to 24 bytes at a time, the way Muła and Lemire showed ("Faster Base64
// Encoding and Decoding Using AVX2 Instructions", 2018): two nibble lookups validate
// the alphabet, a third gives each character's offset to its 6-bit value, and two
// multiply-adds pack four 6-bit values into three bytes. A block holding anything
// else (white space, padding, junk) is left to the scalar loops. Decoding the image
// of a face push was 5 % of the ingest's CPU with the scalar loop alone.
// Returns the characters consumed; writes 32 bytes per 24 it keeps, so the caller
// leaves that much room.
__attribute__((target("avx2"))) qsizetype decodeBlocksAvx2(const unsigned char *src, qsizetype n, quint8 *dst)
{
    const __m256i lutLo = _mm256_setr_epi8(0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1A, 0x1B,
                                           0x1B, 0x1B, 0x1A, 0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
                                           0x13, 0x1A, 0x1B, 0x1B, 0x1B, 0x1A);
    const __m256i lutHi = _mm256_setr_epi8(0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10,
                                           0x10, 0x10, 0x10, 0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10,
                                           0x10, 0x10, 0x10, 0x10, 0x10, 0x10);
    // Offset by high nibble: '/' 16 (the slot before '+'), '+' 19, digits 4, letters -65 and -71.
    const __m256i lutRoll = _mm256_setr_epi8(0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16, 19, 4, -65,
                                             -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m256i mask2F = _mm256_set1_epi8(0x2F);
    const __m256i pack12 = _mm256_set1_epi32(0x01400140);
    const __m256i pack24 = _mm256_set1_epi32(0x00011000);
    const __m256i order = _mm256_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1, 2, 1, 0, 6, 5, 4, 10, 9,
                                           8, 14, 13, 12, -1, -1, -1, -1);
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 7, 7);
    qsizetype done = 0;
    while (n - done >= 45) {  // 32 to read, and room for the 32-byte store
        __m256i in = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(src + done));
        const __m256i hiNibbles = _mm256_and_si256(_mm256_srli_epi32(in, 4), mask2F);
        const __m256i loNibbles = _mm256_and_si256(in, mask2F);
        const __m256i hi = _mm256_shuffle_epi8(lutHi, hiNibbles);
        const __m256i lo = _mm256_shuffle_epi8(lutLo, loNibbles);
        if (!_mm256_testz_si256(lo, hi))
            break;
        const __m256i isSlash = _mm256_cmpeq_epi8(in, mask2F);
        in = _mm256_add_epi8(in, _mm256_shuffle_epi8(lutRoll, _mm256_add_epi8(isSlash, hiNibbles)));
        __m256i out = _mm256_madd_epi16(_mm256_maddubs_epi16(in, pack12), pack24);
        out = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(out, order), lanes);
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(dst + done / 4 * 3), out);
        done += 32;
    }
    return done;
}

bool hasAvx2()
{
    static const bool yes = __builtin_cpu_supports("avx2");
    return yes;
}
#endif

template<typename Char>
bool decodeImpl(const Char *p, qsizetype n, QByteArray *out)
{
    out->resize(n / 4 * 3 + 3);
    auto *dst = reinterpret_cast<quint8 *>(out->data());
    quint8 *const begin = dst;
    const Char *const end = p + n;
#if defined(__x86_64__) || defined(__i386__)
    if constexpr (sizeof(Char) == 1) {
        if (hasAvx2()) {
            const qsizetype done = decodeBlocksAvx2(p, n, dst);
            p += done;
            dst += done / 4 * 3;
        }
    }
#endif

    // Fast loop: four alphabet characters at a time, the overwhelmingly common case.
    while (end - p >= 4) {
        const auto c0 = quint32(p[0]), c1 = quint32(p[1]), c2 = quint32(p[2]), c3 = quint32(p[3]);
        if ((c0 | c1 | c2 | c3) > 0xFF)
            return false;
        const quint8 a = kTable[c0], b = kTable[c1], c = kTable[c2], d = kTable[c3];
        if ((a | b | c | d) & 0xC0)
            break;  // white space, padding or junk: the careful loop decides
        *dst++ = quint8(a << 2 | b >> 4);
        *dst++ = quint8(b << 4 | c >> 2);
        *dst++ = quint8(c << 6 | d);
        p += 4;
    }

    // Careful loop: skips white space, handles the final padded quantum.
    quint32 acc = 0;
    int have = 0;
    int pads = 0;
    for (; p < end; ++p) {
        const auto ch = quint32(*p);
        if (ch > 0xFF)
            return false;
        const quint8 v = kTable[ch];
        if (v == kSpace)
            continue;
        if (v == kInvalid)
            return false;
        if (v == kPad) {
            ++pads;
            ++have;
        } else {
            if (pads)
                return false;  // data after padding
            acc = acc << 6 | v;
            ++have;
        }
        if (have == 4) {
            if (pads > 2)
                return false;
            acc <<= 6 * pads;
            *dst++ = quint8(acc >> 16);
            if (pads < 2)
                *dst++ = quint8(acc >> 8);
            if (pads < 1)
                *dst++ = quint8(acc);
            if (pads) {
                // Only white space may follow the padding.
                for (++p; p < end; ++p)
                    if (quint32(*p) > 0xFF || kTable[quint32(*p)] != kSpace)
                        return false;
                break;
            }
            acc = 0;
            have = 0;
        }
    }
    if (have != 0 && !(have == 4))
        return false;  // not whole quanta: a truncated image
    out->resize(dst - begin);
    return true;
}

} // namespace

bool decodeBase64(QStringView text, QByteArray *out)
{
    return decodeImpl(text.utf16(), text.size(), out);
}

bool decodeBase64(QByteArrayView text, QByteArray *out)
{
    return decodeImpl(reinterpret_cast<const unsigned char *>(text.data()), text.size(), out);
}

qsizetype firstNonBase64(QByteArrayView text)
{
    for (qsizetype i = 0; i < text.size(); ++i)
        if (kTable[static_cast<unsigned char>(text[i])] == kInvalid)
            return i;
    return -1;
}

} // namespace fd::protocol
