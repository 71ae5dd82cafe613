// Strict, fast base64 decoding of the images devices send (img_data, img_fr, Img).
//
// Qt's decoder spends ~20 instructions a byte and accepts unpadded text; images are
// most of every push, so this one is table-driven, reads the JSON string's UTF-16
// directly (no Latin-1 copy first), skips the line breaks some firmware inserts,
// and refuses anything that is not whole, padded base64.
#pragma once

#include <QByteArray>
#include <QStringView>

namespace fd::protocol {

// False on any character outside the alphabet, misplaced '=', or a length that is
// not a multiple of 4 once white space is dropped.
bool decodeBase64(QStringView text, QByteArray *out);
bool decodeBase64(QByteArrayView text, QByteArray *out);
// Why text did not decode, by the decoder's own alphabet: the index of the first
// character that is neither base64, padding nor white space, or -1 when there is none
// (then the text is cut short or padded in the wrong place).
qsizetype firstNonBase64(QByteArrayView text);

} // namespace fd::protocol
