#include "PhotoValidator.h"

#include "face/CnnFaceEngine.h"

#include "image/BoundedDecode.h"
#include "image/ImageFormat.h"
#include "image/ImageHeader.h"
#include "image/JpegInfo.h"
#include "LibraryText.h"
#include "PhotoHash.h"
#include "protocol/ErrorCodes.h"

#include <QFileInfo>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace fd::library {

namespace code = fd::protocol::code;
using image::ImageFormat;
using image::JpegInfo;

namespace {

QString sizeText(int w, int h)
{
    return QStringLiteral("%1×%2").arg(w).arg(h);
}

QString kib(qint64 bytes)
{
    return QString::number(double(bytes) / 1024.0, 'f', 0);
}

// The largest even size within the box, aspect kept (to the pixel).
cv::Size fitEven(int w, int h, int maxW, int maxH)
{
    const double scale = std::min({1.0, double(maxW) / w, double(maxH) / h});
    return {std::max(2, int(w * scale) & ~1), std::max(2, int(h * scale) & ~1)};
}

cv::Mat decode(const QByteArray &bytes, int flags)
{
    const cv::Mat raw(1, int(bytes.size()), CV_8UC1, const_cast<char *>(bytes.constData()));
    return cv::imdecode(raw, flags);
}

QByteArray encodeJpeg(const cv::Mat &image, int quality)
{
    std::vector<uchar> buffer;
    cv::imencode(".jpg", image, buffer, {cv::IMWRITE_JPEG_QUALITY, quality});
    return QByteArray(reinterpret_cast<const char *>(buffer.data()), qsizetype(buffer.size()));
}

// A big camera JPEG decodes 2, 4 or 8 times smaller a side straight from its DCT, as
// long as the result is still no smaller than the photo will be sent: a 24 MP photo
// then holds 4.5 MB of pixels instead of 72 MB, per worker thread.
int reducedDecodeFlag(const JpegInfo &info, const PhotoRules &rules)
{
    const bool turned = info.orientation >= 5;  // 5..8 swap width and height
    const int w = turned ? info.height : info.width, h = turned ? info.width : info.height;
    if (w <= 0 || h <= 0)
        return cv::IMREAD_COLOR;
    const cv::Size target = fitEven(w, h, rules.maxWidth, rules.maxHeight);
    for (const auto &[factor, flag] : {std::pair{8, cv::IMREAD_REDUCED_COLOR_8}, std::pair{4, cv::IMREAD_REDUCED_COLOR_4},
                                       std::pair{2, cv::IMREAD_REDUCED_COLOR_2}})
        if (w / factor >= target.width && h / factor >= target.height)
            return flag;
    return cv::IMREAD_COLOR;
}

// EXIF orientation n says how the stored pixels must be turned to stand upright.
// OpenCV 4.6's imdecode would apply it too, but silently; doing it here lets the
// fix be reported, with one reading of the tag deciding both.
QString applyOrientation(cv::Mat &image, int orientation)
{
    cv::Mat out;
    QString how;
    switch (orientation) {
    case 2: cv::flip(image, out, 1); how = LibraryText::tr("mirrored left to right"); break;
    case 3: cv::rotate(image, out, cv::ROTATE_180); how = LibraryText::tr("rotated 180°"); break;
    case 4: cv::flip(image, out, 0); how = LibraryText::tr("mirrored top to bottom"); break;
    case 5: cv::transpose(image, out); how = LibraryText::tr("rotated 90° clockwise and mirrored"); break;
    case 6: cv::rotate(image, out, cv::ROTATE_90_CLOCKWISE); how = LibraryText::tr("rotated 90° clockwise"); break;
    case 7: cv::transpose(image, out); cv::flip(out, out, -1); how = LibraryText::tr("rotated 90° counter-clockwise and mirrored"); break;
    case 8: cv::rotate(image, out, cv::ROTATE_90_COUNTERCLOCKWISE); how = LibraryText::tr("rotated 90° counter-clockwise"); break;
    default: return {};
    }
    image = out;
    return LibraryText::tr("Turned upright as its EXIF orientation says (%1): devices may not honour the tag.").arg(how);
}

// Re-encodes until the JPEG fits rules.maxBytes: lower quality first (cheap in looks
// at these levels), then 15 % fewer pixels a side at a time, each size starting again
// at full quality. Returns the fix made, or nothing when even a minSide photo is too big.
QString fitByteLimit(const cv::Mat &image, const PhotoRules &rules, QByteArray *jpeg)
{
    const qint64 before = jpeg->size();
    cv::Mat scaled = image;
    int quality = rules.jpegQuality;
    for (;;) {
        *jpeg = encodeJpeg(scaled, quality);
        if (jpeg->size() <= rules.maxBytes)
            break;
        if (quality - 10 >= rules.minJpegQuality) {
            quality -= 10;
            continue;
        }
        const cv::Size smaller = fitEven(scaled.cols, scaled.rows, scaled.cols * 85 / 100, scaled.rows * 85 / 100);
        if (std::min(smaller.width, smaller.height) < rules.minSide)
            return {};
        cv::resize(image, scaled, smaller, 0, 0, cv::INTER_AREA);
        quality = rules.jpegQuality;
    }
    if (scaled.size() == image.size())
        return LibraryText::tr("Recompressed at JPEG quality %1 to fit within %2 KiB (it was %3 KiB).")
            .arg(quality)
            .arg(kib(rules.maxBytes), kib(before));
    return LibraryText::tr("Scaled down to %1 px at JPEG quality %2 to fit within %3 KiB (it was %4 KiB).")
        .arg(sizeText(scaled.cols, scaled.rows))
        .arg(quality)
        .arg(kib(rules.maxBytes), kib(before));
}

QString refusedFormatReason(ImageFormat format, const QString &name)
{
    switch (format) {
    case ImageFormat::Empty: return LibraryText::tr("%1 is empty.").arg(name);
    case ImageFormat::Unknown: return LibraryText::tr("%1 is not a JPEG, PNG or BMP image.").arg(name);
    case ImageFormat::Text: return LibraryText::tr("%1 is not a JPEG, PNG or BMP image (it looks like text).").arg(name);
    default: return LibraryText::tr("%1 is not a JPEG, PNG or BMP image (it looks like a %2 file).").arg(name, image::formatName(format));
    }
}

} // namespace

NewPhoto PhotoCheck::toNewPhoto(const QString &sourceName) const
{
    NewPhoto photo;
    photo.jpeg = jpeg;
    photo.phash = phash;
    photo.size = size;
    photo.sourceName = sourceName;
    photo.descriptorKind = descriptorKind;
    photo.descriptor = descriptor;
    return photo;
}

PhotoValidator::PhotoValidator(const PhotoRules &rules, std::shared_ptr<const face::FaceVision> vision,
                               const QString &cascadePath)
    : m_rules(rules), m_vision(std::move(vision)), m_detectors(face::haarPool(cascadePath))
{
}

bool PhotoValidator::canDetectFaces() const
{
    return m_vision || m_detectors.acquire()->isLoaded();
}

struct PhotoValidator::Faces {
    bool available = true;
    QList<QRect> boxes;
    std::vector<face::Face> cnn;  // with landmarks, when the CNN counted
};

PhotoValidator::Faces PhotoValidator::findFaces(const cv::Mat &image) const
{
    Faces found;
    if (m_vision) {
        found.cnn = m_vision->detect(image);
        for (const face::Face &f : found.cnn)
            found.boxes << (QRect(int(f.box.x), int(f.box.y), int(f.box.width), int(f.box.height)) &
                            QRect(0, 0, image.cols, image.rows));
        return found;
    }
    const auto detector = m_detectors.acquire();
    found.available = detector->isLoaded();
    if (found.available)
        found.boxes = detector->detect(image);
    return found;
}

double PhotoValidator::sharpness(const cv::Mat &image, const QRect &face)
{
    const cv::Rect r = cv::Rect(face.x(), face.y(), face.width(), face.height()) & cv::Rect(0, 0, image.cols, image.rows);
    if (r.empty())
        return 0.0;
    cv::Mat grey = image(r);
    if (image.channels() == 3)
        cv::cvtColor(image(r), grey, cv::COLOR_BGR2GRAY);
    cv::Mat scaled, laplacian;
    cv::resize(grey, scaled, cv::Size(128, 128), 0, 0, r.width > 128 ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::Laplacian(scaled, laplacian, CV_64F);
    cv::Scalar mean, stddev;
    cv::meanStdDev(laplacian, mean, stddev);
    return stddev[0] * stddev[0];
}

PhotoCheck PhotoValidator::check(const QByteArray &fileBytes, const QString &fileName) const
{
    PhotoCheck result;
    const auto refuse = [&result](int errorCode, const QString &reason) {
        result.accepted = false;
        result.errorCode = errorCode;
        result.reason = reason;
        result.jpeg.clear();
        return result;
    };
    const QString name = fileName.isEmpty() ? LibraryText::tr("The file") : QFileInfo(fileName).fileName();

    // 1. What it is, by content.
    const ImageFormat format = image::sniffImageFormat(fileBytes);
    if (!image::isSupportedFormat(format))
        return refuse(code::WrongPictureFormat, refusedFormatReason(format, name));
    const QString formatText = image::formatName(format);
    JpegInfo info;
    if (format == ImageFormat::Jpeg) {
        info = image::readJpegInfo(fileBytes);
        if (info.valid && !info.complete)
            return refuse(code::ReadPictureFailed, LibraryText::tr("%1 is a truncated JPEG: the file ends before the image does.").arg(name));
    }
    const QString corrupt = LibraryText::tr("%1 is a corrupt %2: it could not be decoded.").arg(name, formatText);
    // The size its header declares, within the decode budget, before a decoder sees it.
    const image::ImageHeader header = image::readImageHeader(fileBytes);
    if (!header.problem.isEmpty())
        return refuse(code::ReadPictureFailed, QStringLiteral("%1 %2%3.").arg(corrupt, header.problem.left(1).toUpper(), header.problem.mid(1)));
    if (const QString over = image::sizeProblem(header.declaredBy, header.width, header.height); !over.isEmpty())
        return refuse(code::FileTooBig, LibraryText::tr("%1 is too large to decode safely: %2.").arg(name, over));

    // 2. Pixels, upright.
    const int decodeFlags = (format == ImageFormat::Jpeg ? reducedDecodeFlag(info, m_rules) : int(cv::IMREAD_COLOR)) |
                            cv::IMREAD_IGNORE_ORIENTATION;
    cv::Mat image = image::decodeWithinBudget(fileBytes, decodeFlags);
    if (image.empty())
        return refuse(code::ReadPictureFailed, corrupt);
    const bool decodedReduced = (decodeFlags & ~int(cv::IMREAD_IGNORE_ORIENTATION)) != cv::IMREAD_COLOR;
    // A JPEG whose segments we could not walk but libjpeg could decode is rewritten:
    // a device's decoder may be less forgiving.
    bool changed = format != ImageFormat::Jpeg || !info.valid || decodedReduced;
    if (const QString fix = applyOrientation(image, info.orientation); !fix.isEmpty()) {
        result.fixes << fix;
        changed = true;
    }
    // Sizes as the user knows them: the file's, upright.
    const bool turned = info.orientation >= 5;
    const int fullW = decodedReduced ? (turned ? info.height : info.width) : image.cols;
    const int fullH = decodedReduced ? (turned ? info.width : info.height) : image.rows;
    result.size = QSize(fullW, fullH);
    result.pixels = image;
    if (std::min(fullW, fullH) < m_rules.minSide)
        return refuse(code::PoorQuality, LibraryText::tr("The photo is only %1 px; each side needs at least %2 px.")
                                             .arg(sizeText(fullW, fullH))
                                             .arg(m_rules.minSide));

    // 3. A JPEG a device takes: JPEG, baseline, even-sized, within the size limits.
    if (format != ImageFormat::Jpeg)
        result.fixes << LibraryText::tr("Converted from %1 to JPEG: devices take only JPEG.").arg(formatText);
    else if (m_rules.baselineOnly && info.valid && !info.baseline) {
        result.fixes << LibraryText::tr("Re-encoded as a baseline JPEG: devices may decode only baseline JPEG.");
        changed = true;
    }
    const cv::Size fitted = fitEven(fullW, fullH, m_rules.maxWidth, m_rules.maxHeight);
    if (fullW > m_rules.maxWidth || fullH > m_rules.maxHeight) {
        cv::resize(cv::Mat(image), image, fitted, 0, 0, cv::INTER_AREA);
        result.fixes << LibraryText::tr("Scaled down from %1 to %2 px: larger photos only cost transfer time and device storage.")
                            .arg(sizeText(fullW, fullH), sizeText(fitted.width, fitted.height));
        changed = true;
    } else if (image.cols % 2 != 0 || image.rows % 2 != 0) {
        image = image(cv::Rect(0, 0, image.cols & ~1, image.rows & ~1)).clone();
        result.fixes << LibraryText::tr("Cropped %1 → %2 px: devices need even sizes (100015).")
                            .arg(sizeText(fullW, fullH), sizeText(image.cols, image.rows));
        changed = true;
    }

    QByteArray jpeg = changed ? encodeJpeg(image, m_rules.jpegQuality) : fileBytes;
    if (jpeg.size() > m_rules.maxBytes) {
        const QString fix = fitByteLimit(image, m_rules, &jpeg);
        if (fix.isEmpty())
            return refuse(code::FileTooBig,
                          LibraryText::tr("%1 cannot be made smaller than %2 KiB without becoming too small to use.")
                              .arg(name, kib(m_rules.maxBytes)));
        result.fixes << fix;
        changed = true;
    }
    // From here on, the pixels a device will see. Those of a JPEG we wrote differ from
    // `image` only by the coding's loss, which moves neither the face nor the hash
    // (0-2 bits at quality 60-90, see PhotoHash.h): it is decoded again only when
    // fitting the byte limit made it smaller. Decoding it cost as much as reading the
    // file (the import benchmark's breakdown).
    if (changed) {
        const JpegInfo written = image::readJpegInfo(jpeg);
        if (written.width != image.cols || written.height != image.rows)
            image = decode(jpeg, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION);
    }
    result.size = QSize(image.cols, image.rows);
    result.pixels = image;

    // 4. Exactly one face, big and sharp enough.
    const Faces found = findFaces(image);
    if (!found.available)
        return refuse(code::FaceDetectionFailed,
                      LibraryText::tr("Faces cannot be counted: neither the face models (packaging/install-deps.sh) nor "
                                      "OpenCV's face cascade (package opencv-data) are installed."));
    const QList<QRect> &faces = found.boxes;
    result.faceCount = int(faces.size());
    if (faces.isEmpty())
        return refuse(code::FaceDetectionFailed,
                      LibraryText::tr("No face found; a library photo must show one person's face from the front."));
    if (faces.size() > 1)
        return refuse(code::FaceDetectionFailed,
                      LibraryText::tr("%n faces found; a library photo must show exactly one person.", nullptr,
                                      int(faces.size())));
    result.face = faces.first();
    result.sharpness = sharpness(image, result.face);
    if (result.face.width() < m_rules.minFaceSide) {
        const QString why = LibraryText::tr("The face is only %1 px wide; recognition needs at least %2 px.")
                                .arg(result.face.width())
                                .arg(m_rules.minFaceSide);
        if (m_rules.smallFace == PhotoRules::Policy::Reject)
            return refuse(code::FaceAreaError, why);
        result.flags << why;
    }
    if (result.sharpness < m_rules.minSharpness) {
        const QString why = LibraryText::tr("The face is blurred (sharpness %1, at least %2 wanted); recognition may miss this person.")
                                .arg(result.sharpness, 0, 'f', 0)
                                .arg(m_rules.minSharpness, 0, 'f', 0);
        if (m_rules.blurredFace == PhotoRules::Policy::Reject)
            return refuse(code::PoorQuality, why);
        result.flags << why;
    }

    if (!found.cnn.empty()) {
        const double outside = face::outsideFraction(found.cnn.front().box, image.size());
        if (outside > m_rules.maxFaceOutside)
            return refuse(code::FaceAreaError,
                          LibraryText::tr("The face is cut off by the edge of the photo (%1 % of it is outside); a library "
                                          "photo must show the whole face.")
                              .arg(int(std::lround(outside * 100))));
        const face::FaceGeometry &pose = found.cnn.front().geometry;
        if (pose.yawRatio > m_rules.maxYawRatio) {
            const QString why = LibraryText::tr("The face is turned to the side (%1 where at most %2 is wanted); a library "
                                                "photo must show the face from the front.")
                                    .arg(pose.yawRatio, 0, 'f', 2)
                                    .arg(m_rules.maxYawRatio, 0, 'f', 2);
            if (m_rules.turnedFace == PhotoRules::Policy::Reject)
                return refuse(code::PoorQuality, why);
            result.flags << why;
        }
        result.descriptor = m_vision->describe(image, found.cnn.front());
        if (!result.descriptor.isEmpty())
            result.descriptorKind = QLatin1String(face::CnnFaceEngine::kKind);
    }

    result.phash = perceptualHash(image);
    result.jpeg = jpeg;
    result.accepted = true;
    return result;
}

} // namespace fd::library
