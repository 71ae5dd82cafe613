// The small picture of each report row: the face with some margin (or the whole
// photo when no single face was found), at most `side` pixels, as JPEG. Decoded at
// a reduced scale straight from the JPEG's DCT where the face is large, so that a
// thumbnail costs a fraction of the photo's validation.
#pragma once

#include <QByteArray>
#include <QRect>
#include <QSize>

namespace fd::library {

// photo: the image bytes; face: in the coordinates of a photo of `size` (the
// validated JPEG's), or null for the whole photo. Empty when the bytes do not decode.
QByteArray makeThumbnail(const QByteArray &photo, const QRect &face, const QSize &size, int side);

} // namespace fd::library
