// The JPEG structure reader (image/JpegInfo): marker segments, the frame header,
// EXIF orientation, the end of the file, from any bytes; and what is built on it: the
// header reader that sizes an image before it is decoded (image/ImageHeader) and the
// door for pushed images (image/PushedJpeg).
#include "FuzzTarget.h"

#include "image/ImageHeader.h"
#include "image/JpegInfo.h"
#include "image/PushedJpeg.h"

using namespace fd::image;

FACEDESK_FUZZ_TARGET(jpeg_info)
{
    const QByteArray bytes = data.toByteArray();
    const JpegInfo info = readJpegInfo(bytes);
    fuzzCheck(info.orientation >= 1 && info.orientation <= 8);
    fuzzCheck(info.width >= 0 && info.height >= 0);
    fuzzCheck(info.scanBytes >= 0 && info.scanBytes <= bytes.size());
    if (!info.valid) {
        fuzzCheck(!info.complete);
        fuzzCheck(!info.problem.isEmpty());  // a refusal says why
    }
    const int exif = exifOrientation(bytes);
    fuzzCheck(exif >= 1 && exif <= 8);
    // The sides as the header states them (a BMP's may be 0 or negative: judging them
    // is sizeProblem's job), so only crashes and UB are looked for here.
    (void)readImageHeader(bytes);
    // The door takes only what the structure reader calls whole.
    if (pushedJpegProblem(bytes).isEmpty())
        fuzzCheck(info.valid && info.complete);
}
