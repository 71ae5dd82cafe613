#include "SimLibrary.h"

#include "protocol/ErrorCodes.h"
#include "face/detect/HaarFaceDetector.h"

#include <opencv2/imgcodecs.hpp>

namespace fd::sim {

using namespace fd::protocol;

int SimLibrary::validate(const QByteArray &jpeg) const
{
    // A JPEG starts with SOI and a marker (FF D8 FF); devices refuse anything else outright.
    if (jpeg.size() < 4 || uchar(jpeg[0]) != 0xFF || uchar(jpeg[1]) != 0xD8 || uchar(jpeg[2]) != 0xFF)
        return code::InvalidJpeg;
    const cv::Mat raw(1, int(jpeg.size()), CV_8UC1, const_cast<char *>(jpeg.constData()));
    const cv::Mat image = cv::imdecode(raw, cv::IMREAD_COLOR);
    if (image.empty())
        return code::InvalidJpeg;
    if (image.cols % 2 != 0 || image.rows % 2 != 0)
        return code::OddPictureSize;
    if (m_detector && m_detector->isLoaded() && m_detector->detect(image).size() != 1)
        return code::FaceDetectionFailed;
    return code::Ok;
}

int SimLibrary::add(const LibraryPicture &picture, bool update)
{
    if (!picture.md5Matches)
        return code::ReadPictureFailed;  // the base64 was damaged on the way
    const bool exists = m_people.contains(picture.indexId);
    if (update && !exists && picture.jpeg.isEmpty())
        return code::ParameterError;  // nothing to update
    if (picture.jpeg.isEmpty()) {
        m_people[picture.indexId].attribute = picture.attribute;
        return code::Ok;
    }
    if (const int c = validate(picture.jpeg); c != code::Ok)
        return c;
    if (!exists && m_people.size() >= m_capacity)
        return code::LibraryFull;
    LibraryPicture stored = picture;
    m_people.insert(picture.indexId, stored);
    return code::Ok;
}

int SimLibrary::remove(qint64 indexId)
{
    m_people.remove(indexId);
    return code::Ok;  // deleting what is not there leaves the wanted state: success
}

} // namespace fd::sim
