// How much an image FaceDesk did not make may cost to decode. A capture camera's
// scene is at most 4K (3840x2160, 8.3 megapixels; an 8 MP sensor's 3264x2448 is 8.0)
// and its face crop far smaller; a phone's staff photo is 12 MP, 24 at most in the
// usual modes. 40 megapixels passes all of them with a margin of four or more, while
// the largest picture accepted still costs at most about 120 MB of BGR pixels (plus
// as much again in libjpeg's coefficient buffer for a progressive JPEG). A side of
// 16,000 pixels allows a wide panorama but not a 16384-pixel square. 64 MiB of bytes
// holds any 40 MP JPEG or PNG a camera writes. A push meets the server's own,
// smaller byte limit first (ServerConfig::maxImageBytes, 8 MiB).
#pragma once

#include <QString>

namespace fd::image {

struct ImageBudget {
    qint64 maxBytes = 64LL * 1024 * 1024;
    qint64 maxPixels = 40'000'000;
    int maxSide = 16'000;
};

// Why a picture of width x height, as `declaredBy` states it ("the frame header"),
// is not decoded: an empty side, more pixels than the budget, a side over the limit.
// Empty when it fits.
QString sizeProblem(const QString &declaredBy, qint64 width, qint64 height, const ImageBudget &budget = {});
// Why `bytes` bytes of image are not decoded; empty when they fit.
QString byteProblem(qint64 bytes, const ImageBudget &budget = {});

} // namespace fd::image
