// The JPEG structure reader: marker segments, the frame header, EXIF orientation, the
// end of the file, from any bytes (and, where the image/ reader is there, the header
// reader that sizes an image before it is decoded).
#include "FuzzTarget.h"

#if __has_include("image/JpegInfo.h")
#include "image/ImageHeader.h"
#include "image/JpegInfo.h"
namespace jpeg = fd::image;
#define FUZZ_IMAGE_HEADER 1
#else
#include "library/JpegInfo.h"
namespace jpeg = fd::library;
#endif

FACEDESK_FUZZ_TARGET(jpeg_info)
{
    const QByteArray bytes = data.toByteArray();
    const jpeg::JpegInfo info = jpeg::readJpegInfo(bytes);
    fuzzCheck(info.orientation >= 1 && info.orientation <= 8);
    fuzzCheck(info.width >= 0 && info.height >= 0);
    if (!info.valid)
        fuzzCheck(!info.complete);
    const int exif = jpeg::exifOrientation(bytes);
    fuzzCheck(exif >= 1 && exif <= 8);
#ifdef FUZZ_IMAGE_HEADER
    if (!info.valid)
        fuzzCheck(!info.problem.isEmpty());  // a refusal says why
    // The sides as the header states them (a BMP's may be 0 or negative: judging them
    // is sizeProblem's job), so only crashes and UB are looked for here.
    (void)jpeg::readImageHeader(bytes);
#endif
}
