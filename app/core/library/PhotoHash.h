// A perceptual hash to find the same photo uploaded twice, even re-saved or resized:
// OpenCV's pHash (DCT of a 32x32 grey thumbnail), 64 bits.
#pragma once

#include <QtGlobal>

namespace cv { class Mat; }

namespace fd::library {

// Hashes at most this many bits apart show the same photo. Measured on
// ../shared/faces: one photo re-encoded at JPEG quality 30-90 differs by 0-2 bits,
// scaled to 25-90 % by 0-4, cropped by 1 px by 0-2 and by 1 % each side by 0-6,
// brightened by 20 levels by 0-4; the 105 pairs of different photos differ by 19-44
// (median 30). 10 keeps a margin on both sides; crops of 5 % a side (6-15) are
// edits, not copies, and may fall either way.
constexpr int kNearIdenticalDistance = 10;

// The hash of an 8-bit BGR or grey image; the first hash byte is the top byte.
quint64 perceptualHash(const cv::Mat &image);
int hammingDistance(quint64 a, quint64 b);
inline bool nearIdentical(quint64 a, quint64 b) { return hammingDistance(a, b) <= kNearIdenticalDistance; }

} // namespace fd::library
