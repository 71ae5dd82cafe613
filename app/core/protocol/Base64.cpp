#include "Base64.h"

#include <array>

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

template<typename Char>
bool decodeImpl(const Char *p, qsizetype n, QByteArray *out)
{
    out->resize(n / 4 * 3 + 3);
    auto *dst = reinterpret_cast<quint8 *>(out->data());
    quint8 *const begin = dst;
    const Char *const end = p + n;

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

} // namespace fd::protocol
