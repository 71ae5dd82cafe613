// The small picture of each report row: the face with some margin (or the whole
// photo when no single face was found), at most `side` pixels, as JPEG.
// Made from the pixels the validator already holds where it got that far (0.2 ms
// against 0.95 ms for decoding the validated JPEG again at a reduced scale, the import
// benchmark's breakdown); from the file's bytes otherwise, decoded at a reduced scale
// straight from the JPEG's DCT where the face is large.
#pragma once

#include <QByteArray>
#include <QRect>
#include <QSize>

namespace cv {
class Mat;
}

namespace fd::library {

// photo: the image bytes; face: in the coordinates of a photo of `size` (the
// validated JPEG's), or null for the whole photo. Empty when the bytes do not decode.
QByteArray makeThumbnail(const QByteArray &photo, const QRect &face, const QSize &size, int side);

// The same from decoded pixels; face in their coordinates. Empty for an empty image.
QByteArray makeThumbnail(const cv::Mat &pixels, const QRect &face, int side);

} // namespace fd::library
