// Library photo validation on the real photos of ../shared/faces and on variants made
// from them here (odd sizes, PNG, BMP, EXIF orientation, damage): what is accepted,
// what is converted and how, what is refused with which code, and that many threads
// at once get what one thread gets.
#include "image/ImageFormat.h"
#include "image/JpegInfo.h"
#include "library/PhotoHash.h"
#include "library/PhotoValidator.h"
#include "protocol/ErrorCodes.h"

#include <QDir>
#include <QFile>
#include <QMutex>
#include <QThreadPool>
#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace fd::library;
using namespace fd::image;
namespace code = fd::protocol::code;

namespace {

const QString kFaces = QStringLiteral(SHARED_DIR "/faces");

QByteArray readFace(const QString &name)
{
    QFile f(kFaces + u'/' + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

cv::Mat toImage(const QByteArray &bytes, int flags = cv::IMREAD_COLOR)
{
    const cv::Mat raw(1, int(bytes.size()), CV_8UC1, const_cast<char *>(bytes.constData()));
    return cv::imdecode(raw, flags);
}

QByteArray encode(const cv::Mat &image, const char *ext, int jpegQuality = 95)
{
    std::vector<uchar> out;
    cv::imencode(ext, image, out, {cv::IMWRITE_JPEG_QUALITY, jpegQuality});
    return QByteArray(reinterpret_cast<const char *>(out.data()), qsizetype(out.size()));
}

cv::Mat scaled(const cv::Mat &image, double factor)
{
    cv::Mat out;
    cv::resize(image, out, cv::Size(), factor, factor, cv::INTER_AREA);
    return out;
}

// An APP1 "Exif" segment holding only IFD0 with the orientation tag, placed right
// after SOI; written byte by byte so the test depends on no EXIF library.
QByteArray bytePair(int first, int second)
{
    QByteArray out;
    out.append(char(first)).append(char(second));
    return out;
}

QByteArray exifSegment(int orientation, bool bigEndian)
{
    const auto u16 = [bigEndian](int v) {
        return bigEndian ? bytePair(v >> 8, v & 0xFF) : bytePair(v & 0xFF, v >> 8);
    };
    const auto u32 = [&](int v) { return bigEndian ? u16(v >> 16) + u16(v & 0xFFFF) : u16(v & 0xFFFF) + u16(v >> 16); };
    QByteArray tiff = bigEndian ? QByteArrayLiteral("MM") : QByteArrayLiteral("II");
    tiff += u16(42) + u32(8);                              // magic, IFD0 right after the header
    tiff += u16(1);                                        // one entry
    tiff += u16(0x0112) + u16(3) + u32(1) + u16(orientation) + u16(0);  // SHORT, value in place
    tiff += u32(0);                                        // no next IFD
    const QByteArray payload = QByteArrayLiteral("Exif") + QByteArray(2, '\0') + tiff;
    const int length = int(payload.size()) + 2;
    return QByteArrayLiteral("\xFF\xE1") + bytePair(length >> 8, length & 0xFF) + payload;
}

QByteArray withExif(const QByteArray &jpeg, int orientation, bool bigEndian = false)
{
    return jpeg.left(2) + exifSegment(orientation, bigEndian) + jpeg.mid(2);
}

// The stored pixels that orientation n turns into `upright` (the inverse of the tag).
cv::Mat storedFor(const cv::Mat &upright, int orientation)
{
    cv::Mat out;
    switch (orientation) {
    case 2: cv::flip(upright, out, 1); break;
    case 3: cv::rotate(upright, out, cv::ROTATE_180); break;
    case 4: cv::flip(upright, out, 0); break;
    case 5: cv::transpose(upright, out); break;
    case 6: cv::rotate(upright, out, cv::ROTATE_90_COUNTERCLOCKWISE); break;
    case 7: cv::flip(upright, out, -1); cv::transpose(out, out); break;
    case 8: cv::rotate(upright, out, cv::ROTATE_90_CLOCKWISE); break;
    default: out = upright.clone();
    }
    return out;
}

double meanAbsDiff(const cv::Mat &a, const cv::Mat &b)
{
    if (a.size() != b.size())
        return 1e9;
    cv::Mat d;
    cv::absdiff(a, b, d);
    const cv::Scalar m = cv::mean(d);
    return (m[0] + m[1] + m[2]) / 3.0;
}

QString describe(const PhotoCheck &c)
{
    return QStringLiteral("accepted=%1 code=%2 faces=%3 size=%4x%5 reason=\"%6\" fixes=[%7] flags=[%8]")
        .arg(c.accepted)
        .arg(c.errorCode)
        .arg(c.faceCount)
        .arg(c.size.width())
        .arg(c.size.height())
        .arg(c.reason, c.fixes.join(QStringLiteral(" | ")), c.flags.join(QStringLiteral(" | ")));
}

// What every accepted photo must be, whatever it started as.
void verifyDeviceReady(const PhotoCheck &c, const PhotoRules &rules)
{
    QVERIFY2(c.accepted, qPrintable(describe(c)));
    QCOMPARE(c.errorCode, 0);
    QVERIFY(c.reason.isEmpty());
    QCOMPARE(sniffImageFormat(c.jpeg), ImageFormat::Jpeg);
    QVERIFY(c.jpeg.size() <= rules.maxBytes);
    const JpegInfo info = readJpegInfo(c.jpeg);
    QVERIFY(info.valid && info.complete && info.baseline);
    const cv::Mat pixels = toImage(c.jpeg);
    QCOMPARE(QSize(pixels.cols, pixels.rows), c.size);
    QCOMPARE(c.size.width() % 2, 0);
    QCOMPARE(c.size.height() % 2, 0);
    QVERIFY(c.size.width() <= rules.maxWidth && c.size.height() <= rules.maxHeight);
    QCOMPARE(c.faceCount, 1);
    QVERIFY(QRect(QPoint(0, 0), c.size).contains(c.face));
    // The hash is taken before the JPEG coding's loss (decoding the new JPEG again to
    // hash it cost as much as reading the file): within a few bits of the stored pixels'.
    QVERIFY2(hammingDistance(c.phash, perceptualHash(pixels)) <= 3,
             qPrintable(QString::number(hammingDistance(c.phash, perceptualHash(pixels)))));
}

bool samePhotoCheck(const PhotoCheck &a, const PhotoCheck &b)
{
    return a.accepted == b.accepted && a.errorCode == b.errorCode && a.reason == b.reason && a.fixes == b.fixes &&
           a.flags == b.flags && a.jpeg == b.jpeg && a.size == b.size && a.faceCount == b.faceCount &&
           a.face == b.face && a.sharpness == b.sharpness && a.phash == b.phash;
}

} // namespace

class TestPhotoValidation : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void realPhotos_data();
    void realPhotos();
    void converted_data();
    void converted();
    void refused_data();
    void refused();
    void facePolicies_data();
    void facePolicies();
    void turnedFacePolicy();

    void openCvAppliesExifInImdecode();
    void exifOrientationApplied_data();
    void exifOrientationApplied();
    void exifReaderSurvivesDamage();

    void perceptualHashFindsCopies_data();
    void perceptualHashFindsCopies();

    void concurrentMatchesSerial();

private:
    bool m_haveFaces = false;
    PhotoValidator m_validator;
};

void TestPhotoValidation::initTestCase()
{
    m_haveFaces = QDir(kFaces).exists();
    if (m_haveFaces)
        QVERIFY2(m_validator.canDetectFaces(), "opencv-data's Haar cascade is missing");
}

#define NEED_FACES()                                   \
    if (!m_haveFaces)                                  \
        QSKIP("../shared/faces is not present")

// Every photo of ../shared/faces as the user would add it. A photo that needs no
// change goes out byte for byte as it came.
void TestPhotoValidation::realPhotos_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("errorCode");
    QTest::addColumn<int>("faces");
    QTest::addColumn<QString>("fix");  // a fragment of the expected fix; "" for none at all

    const auto one = [](const char *file, const char *fix) {
        QTest::newRow(file) << QString::fromLatin1(file) << 0 << 1 << QString::fromUtf8(fix);
    };
    one("alex_lacamoire_1.jpg", "Scaled down from 874×1200 to 786×1080");
    one("biden_1.jpg", "Scaled down from 970×2204 to 474×1080");
    // Two faces for the detector alone (chin, collar and tie); one once confirmed.
    one("biden_2.jpg", "Scaled down from 1200×1200 to 1080×1080");
    one("kit_harington_1.jpg", "Scaled down from 1200×599 to 1080×538");
    one("kit_harington_2.jpg", "");  // 630×374 baseline, 68 KiB: already fine
    one("obama_1.jpg", "Scaled down from 910×1137 to 864×1080");
    one("obama_2.jpg", "Scaled down from 626×1200 to 562×1080");
    one("obama_3.jpg", "Scaled down from 1434×2333 to 662×1080");
    one("obama_4.jpg", "baseline JPEG");  // progressive
    one("obama_small.jpg", "");
    one("rose_leslie_1.jpg", "baseline JPEG");
    one("rose_leslie_2.jpg", "Cropped 577×880 → 576×880 px: devices need even sizes (100015)");
    one("scene_obama_1080p.jpg", "Scaled down from 1920×1080 to 1080×606");
    QTest::newRow("multi_two_people.jpg") << QStringLiteral("multi_two_people.jpg") << code::FaceDetectionFailed << 2
                                          << QString();
    QTest::newRow("edge_partial_face.jpg") << QStringLiteral("edge_partial_face.jpg") << code::FaceAreaError << 1
                                           << QString();
}

void TestPhotoValidation::realPhotos()
{
    NEED_FACES();
    QFETCH(QString, file);
    QFETCH(int, errorCode);
    QFETCH(int, faces);
    QFETCH(QString, fix);
    const QByteArray bytes = readFace(file);
    QVERIFY(!bytes.isEmpty());
    const PhotoCheck c = m_validator.check(bytes, file);
    QCOMPARE(c.faceCount, faces);
    QCOMPARE(c.errorCode, errorCode);
    if (errorCode != 0) {
        QVERIFY(!c.accepted);
        QVERIFY(c.jpeg.isEmpty());
        if (faces == 2)
            QVERIFY2(c.reason.startsWith(QLatin1String("2 faces found; a library photo must show exactly one person")),
                     qPrintable(c.reason));
        else
            QVERIFY2(c.reason.startsWith(QLatin1String("The face is cut off by the edge")), qPrintable(c.reason));
        return;
    }
    verifyDeviceReady(c, m_validator.rules());
    // Counted by the CNN, and described for search and live matching.
    QVERIFY(m_validator.usesCnn());
    QCOMPARE(c.descriptorKind, QStringLiteral("faceapi-resnet128-levelled-1"));
    QCOMPARE(c.descriptor.size(), 128);
    QCOMPARE(c.toNewPhoto(file).descriptor, c.descriptor);
    QVERIFY2(c.flags.isEmpty(), qPrintable(describe(c)));  // real photos are sharp, faces big
    QVERIFY(c.sharpness >= m_validator.rules().minSharpness);
    if (fix.isEmpty()) {
        QVERIFY2(c.fixes.isEmpty(), qPrintable(describe(c)));
        QVERIFY(c.jpeg == bytes);  // untouched, not recompressed
    } else {
        QVERIFY2(c.fixes.join(u'\n').contains(fix), qPrintable(describe(c)));
        QVERIFY(c.jpeg != bytes);
    }
}

// The frontal check reads the CNN's landmarks: kit_harington_2 is turned by 0.20 of
// the eye distance, so a stricter rule refuses it (or only flags it).
void TestPhotoValidation::turnedFacePolicy()
{
    NEED_FACES();
    const QByteArray turned = readFace(QStringLiteral("kit_harington_2.jpg"));
    PhotoRules rules;
    QVERIFY(PhotoValidator(rules).check(turned, {}).accepted);
    rules.maxYawRatio = 0.1;
    const PhotoCheck refused = PhotoValidator(rules).check(turned, {});
    QVERIFY(!refused.accepted);
    QCOMPARE(refused.errorCode, code::PoorQuality);
    QVERIFY2(refused.reason.contains(QLatin1String("turned to the side")), qPrintable(refused.reason));
    rules.turnedFace = PhotoRules::Policy::Flag;
    const PhotoCheck flagged = PhotoValidator(rules).check(turned, {});
    QVERIFY(flagged.accepted);
    QVERIFY(flagged.flags.join(u' ').contains(QLatin1String("turned to the side")));
    // A frontal face passes the strict rule.
    rules.turnedFace = PhotoRules::Policy::Reject;
    QVERIFY(PhotoValidator(rules).check(readFace(QStringLiteral("obama_small.jpg")), {}).accepted);
}

// Variants made from real photos: each becomes a device-ready JPEG with the fix said.
void TestPhotoValidation::converted_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qint64>("maxBytes");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("fix");
    if (!QDir(kFaces).exists())
        return;
    const cv::Mat obama = toImage(readFace(QStringLiteral("obama_1.jpg")));  // 910×1137
    const cv::Mat obama640 = scaled(obama, 0.6);                               // 546×682
    const qint64 limit = PhotoRules().maxBytes;

    QTest::newRow("odd width and height") << encode(obama640(cv::Rect(0, 0, 545, 681)), ".jpg") << limit
                                          << QSize(544, 680)
                                          << QStringLiteral("Cropped 545×681 → 544×680 px: devices need even sizes (100015).");
    QTest::newRow("odd width") << encode(obama640(cv::Rect(0, 0, 541, 480)), ".jpg") << limit << QSize(540, 480)
                               << QStringLiteral("Cropped 541×480 → 540×480 px");
    QTest::newRow("PNG") << encode(obama640, ".png") << limit << QSize(546, 682)
                         << QStringLiteral("Converted from PNG to JPEG");
    QTest::newRow("BMP") << encode(obama640, ".bmp") << limit << QSize(546, 682)
                         << QStringLiteral("Converted from BMP to JPEG");
    QTest::newRow("odd PNG") << encode(obama640(cv::Rect(0, 0, 545, 682)), ".png") << limit << QSize(544, 682)
                             << QStringLiteral("Cropped 545×682 → 544×682");
    // 2× the limits: the big-JPEG path decodes at half size straight from the DCT.
    QTest::newRow("oversize JPEG") << encode(scaled(obama, 2.0), ".jpg") << limit << QSize(864, 1080)
                                   << QStringLiteral("Scaled down from 1820×2274 to 864×1080");
    QTest::newRow("oversize PNG") << encode(scaled(obama, 1.5), ".png") << limit << QSize(864, 1080)
                                  << QStringLiteral("Scaled down from 1365×1706 to 864×1080");
    QTest::newRow("too many bytes: recompressed") << encode(obama640, ".jpg", 100) << qint64(60 * 1024)
                                                  << QSize(546, 682)
                                                  << QStringLiteral("Recompressed at JPEG quality");
    QTest::newRow("too many bytes: scaled") << encode(obama640, ".jpg", 100) << qint64(20 * 1024) << QSize()
                                            << QStringLiteral("Scaled down to ");
}

void TestPhotoValidation::converted()
{
    NEED_FACES();
    QFETCH(QByteArray, bytes);
    QFETCH(qint64, maxBytes);
    QFETCH(QSize, size);
    QFETCH(QString, fix);
    PhotoRules rules;
    rules.maxBytes = maxBytes;
    const PhotoValidator validator(rules);
    const PhotoCheck c = validator.check(bytes, QStringLiteral("photo"));
    verifyDeviceReady(c, rules);
    if (size.isValid())
        QCOMPARE(c.size, size);
    else
        QVERIFY(c.size.width() < 546);
    QVERIFY2(c.fixes.join(u'\n').contains(fix), qPrintable(describe(c)));
}

// What cannot be fixed is refused with the code a device would give and a reason.
void TestPhotoValidation::refused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("errorCode");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<int>("faces");

    QTest::newRow("text") << QByteArrayLiteral("name,card_id\nAlice,1001\n") << code::WrongPictureFormat
                          << QStringLiteral("me.jpg is not a JPEG, PNG or BMP image (it looks like text).") << 0;
    QTest::newRow("PDF") << QByteArrayLiteral("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n") << code::WrongPictureFormat
                         << QStringLiteral("me.jpg is not a JPEG, PNG or BMP image (it looks like a PDF file).") << 0;
    QTest::newRow("GIF") << QByteArrayLiteral("GIF89a\x01\x00\x01\x00\x80\x00\x00") << code::WrongPictureFormat
                         << QStringLiteral("(it looks like a GIF file)") << 0;
    QTest::newRow("empty") << QByteArray() << code::WrongPictureFormat << QStringLiteral("me.jpg is empty.") << 0;
    QTest::newRow("binary") << QByteArrayLiteral("\x00\x01\x02\x03\x04\x05") << code::WrongPictureFormat
                            << QStringLiteral("me.jpg is not a JPEG, PNG or BMP image.") << 0;
    QTest::newRow("JPEG header, garbage after") << QByteArrayLiteral("\xFF\xD8\xFF\xE0garbage, not segments")
                                                << code::ReadPictureFailed
                                                << QStringLiteral("me.jpg is a corrupt JPEG: it could not be decoded.")
                                                << 0;
    // Over the decode budget (image/ImageBudget): refused before a decoder sees it.
    QTest::newRow("16384x16384, over the decode budget")
        << encode(cv::Mat(16384, 16384, CV_8UC1, cv::Scalar(128)), ".jpg", 10) << code::FileTooBig
        << QStringLiteral("me.jpg is too large to decode safely: the frame header declares 16384x16384 pixels, over the "
                          "40-megapixel budget.")
        << 0;
    QTest::newRow("PNG declaring 60000x60000")
        << QByteArray("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR\x00\x00\xEA\x60\x00\x00\xEA\x60\x08\x02\x00\x00\x00", 29)
        << code::FileTooBig << QStringLiteral("the PNG header declares 60000x60000 pixels, over the 40-megapixel budget")
        << 0;
    if (!QDir(kFaces).exists())
        return;
    const QByteArray obamaBytes = readFace(QStringLiteral("obama_1.jpg"));
    const cv::Mat obama = toImage(obamaBytes);
    // OpenCV decodes a JPEG cut in half without complaint (the rest grey): the
    // validator notices the missing end marker.
    QTest::newRow("truncated JPEG") << obamaBytes.left(obamaBytes.size() / 2) << code::ReadPictureFailed
                                    << QStringLiteral("me.jpg is a truncated JPEG") << 0;
    QTest::newRow("JPEG cut in its headers") << obamaBytes.left(2000) << code::ReadPictureFailed
                                             << QStringLiteral("me.jpg is a corrupt JPEG") << 0;
    const QByteArray png = encode(scaled(obama, 0.5), ".png");
    QTest::newRow("truncated PNG") << png.left(png.size() / 2) << code::ReadPictureFailed
                                   << QStringLiteral("me.jpg is a corrupt PNG: it could not be decoded.") << 0;
    const QByteArray bmp = encode(scaled(obama, 0.5), ".bmp");
    QTest::newRow("truncated BMP") << bmp.left(bmp.size() / 2) << code::ReadPictureFailed
                                   << QStringLiteral("me.jpg is a corrupt BMP") << 0;
    QTest::newRow("photo too small") << encode(scaled(obama, 0.07), ".jpg") << code::PoorQuality
                                     << QStringLiteral("The photo is only 64×80 px; each side needs at least 80 px.")
                                     << 0;
    QTest::newRow("two people") << readFace(QStringLiteral("multi_two_people.jpg")) << code::FaceDetectionFailed
                                << QStringLiteral("2 faces found; a library photo must show exactly one person.") << 2;
    QTest::newRow("face cut by the edge") << readFace(QStringLiteral("edge_partial_face.jpg")) << code::FaceAreaError
                                          << QStringLiteral("cut off by the edge") << 1;
    // Two real people side by side, made here from two one-person photos.
    const cv::Mat left = scaled(obama, 0.5);
    const cv::Mat rose = toImage(readFace(QStringLiteral("rose_leslie_2.jpg")));
    const cv::Mat right = scaled(rose, double(left.rows) / rose.rows);
    cv::Mat pair;
    cv::hconcat(left, right, pair);
    QTest::newRow("two photos side by side") << encode(pair, ".jpg") << code::FaceDetectionFailed
                                             << QStringLiteral("2 faces found") << 2;
}

void TestPhotoValidation::refused()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, errorCode);
    QFETCH(QString, reason);
    QFETCH(int, faces);
    const PhotoCheck c = m_validator.check(bytes, QStringLiteral("/some/folder/me.jpg"));
    QVERIFY2(!c.accepted, qPrintable(describe(c)));
    QCOMPARE(c.errorCode, errorCode);
    QVERIFY2(c.reason.contains(reason), qPrintable(describe(c)));
    QCOMPARE(c.faceCount, faces);
    QVERIFY(c.jpeg.isEmpty());
}

// Small and blurred faces: refused or only flagged, as the rules say.
void TestPhotoValidation::facePolicies_data()
{
    QTest::addColumn<QString>("problem");
    QTest::addColumn<bool>("reject");
    QTest::addColumn<int>("errorCode");
    QTest::addColumn<QString>("reason");
    QTest::newRow("small face, reject") << QStringLiteral("small") << true << code::FaceAreaError
                                        << QStringLiteral("The face is only");
    QTest::newRow("small face, flag") << QStringLiteral("small") << false << 0 << QStringLiteral("The face is only");
    QTest::newRow("blurred face, reject") << QStringLiteral("blurred") << true << code::PoorQuality
                                          << QStringLiteral("The face is blurred");
    QTest::newRow("blurred face, flag") << QStringLiteral("blurred") << false << 0
                                        << QStringLiteral("The face is blurred");
}

void TestPhotoValidation::facePolicies()
{
    NEED_FACES();
    QFETCH(QString, problem);
    QFETCH(bool, reject);
    QFETCH(int, errorCode);
    QFETCH(QString, reason);
    const cv::Mat obama = toImage(readFace(QStringLiteral("obama_1.jpg")));
    PhotoRules rules;
    const PhotoCheck sharp = PhotoValidator(rules).check(encode(obama, ".jpg"), {});
    QVERIFY2(sharp.accepted, qPrintable(describe(sharp)));
    QByteArray bytes;
    if (problem == QLatin1String("small")) {
        // The face is about 283 px across in the 1080-high photo: ask for more.
        rules.minFaceSide = sharp.face.width() + 20;
        bytes = sharp.jpeg;
    } else {
        // Blur by 1 % of the face width: soft enough that a person would retake it.
        cv::Mat blurred;
        cv::GaussianBlur(toImage(sharp.jpeg), blurred, cv::Size(), sharp.face.width() / 100.0);
        bytes = encode(blurred, ".jpg");
    }
    rules.smallFace = rules.blurredFace = reject ? PhotoRules::Policy::Reject : PhotoRules::Policy::Flag;
    const PhotoCheck c = PhotoValidator(rules).check(bytes, {});
    QCOMPARE(c.errorCode, errorCode);
    QCOMPARE(c.faceCount, 1);
    if (reject) {
        QVERIFY(!c.accepted);
        QVERIFY2(c.reason.startsWith(reason), qPrintable(describe(c)));
    } else {
        verifyDeviceReady(c, rules);
        QCOMPARE(c.flags.size(), 1);
        QVERIFY2(c.flags.first().startsWith(reason), qPrintable(describe(c)));
    }
    if (problem == QLatin1String("blurred"))
        QVERIFY(c.sharpness < rules.minSharpness && sharp.sharpness >= rules.minSharpness);
}

// The finding behind the validator's own EXIF handling: OpenCV 4.6's imdecode turns
// the pixels as imread does. The validator still reads the tag itself (and decodes
// with IMREAD_IGNORE_ORIENTATION), so that the fix it reports is the one it made.
void TestPhotoValidation::openCvAppliesExifInImdecode()
{
    cv::Mat image(100, 200, CV_8UC3, cv::Scalar(0, 0, 0));
    const QByteArray rotated = withExif(encode(image, ".jpg"), 6);
    const cv::Mat applied = toImage(rotated);
    QCOMPARE(QSize(applied.cols, applied.rows), QSize(100, 200));
    const cv::Mat ignored = toImage(rotated, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION);
    QCOMPARE(QSize(ignored.cols, ignored.rows), QSize(200, 100));
}

void TestPhotoValidation::exifOrientationApplied_data()
{
    QTest::addColumn<int>("orientation");
    QTest::addColumn<bool>("bigEndian");
    QTest::addColumn<QString>("fix");
    const char *const how[] = {"",
                               "",
                               "mirrored left to right",
                               "rotated 180°",
                               "mirrored top to bottom",
                               "rotated 90° clockwise and mirrored",
                               "rotated 90° clockwise",
                               "rotated 90° counter-clockwise and mirrored",
                               "rotated 90° counter-clockwise"};
    for (int o = 1; o <= 8; ++o)
        for (const bool big : {false, true})
            QTest::addRow("%d %s", o, big ? "MM" : "II") << o << big << QString::fromUtf8(how[o]);
}

// A photo stored on its side (as phones do) with the tag that stands it up: the
// validator's output is upright (its face found, its pixels those OpenCV's own
// EXIF handling gives) and the turn is reported.
void TestPhotoValidation::exifOrientationApplied()
{
    NEED_FACES();
    QFETCH(int, orientation);
    QFETCH(bool, bigEndian);
    QFETCH(QString, fix);
    const cv::Mat upright = scaled(toImage(readFace(QStringLiteral("obama_1.jpg"))), 0.5);  // 455×568
    const QByteArray bytes = withExif(encode(storedFor(upright, orientation), ".jpg"), orientation, bigEndian);
    QCOMPARE(readJpegInfo(bytes).orientation, orientation);

    const PhotoCheck c = m_validator.check(bytes, QStringLiteral("phone.jpg"));
    verifyDeviceReady(c, m_validator.rules());
    QCOMPARE(c.size, QSize(454, 568));
    const cv::Mat out = toImage(c.jpeg);
    const cv::Mat openCvUpright = toImage(bytes);  // OpenCV applies the tag itself
    QVERIFY(meanAbsDiff(out, openCvUpright(cv::Rect(0, 0, 454, 568))) < 3.0);
    QVERIFY(meanAbsDiff(out, upright(cv::Rect(0, 0, 454, 568))) < 3.0);
    if (orientation == 1) {
        QVERIFY2(!c.fixes.join(u'\n').contains(QLatin1String("EXIF")), qPrintable(describe(c)));
    } else {
        const QString expected = QStringLiteral("Turned upright as its EXIF orientation says (%1)").arg(fix);
        QVERIFY2(c.fixes.contains(expected + QStringLiteral(": devices may not honour the tag.")), qPrintable(describe(c)));
    }
}

// The tag reader walks untrusted bytes: every cut of the segment and stray offsets
// give orientation 1 (or the real value), never a read past the end.
void TestPhotoValidation::exifReaderSurvivesDamage()
{
    for (const bool big : {false, true}) {
        const QByteArray segment = exifSegment(6, big);
        const QByteArray payload = segment.mid(4);
        QCOMPARE(exifOrientation(payload), 6);
        for (qsizetype cut = 0; cut < payload.size(); ++cut) {
            const int o = exifOrientation(payload.left(cut));
            QVERIFY2(o == 1 || o == 6, qPrintable(QStringLiteral("cut %1 gave %2").arg(cut).arg(o)));
        }
        for (qsizetype at = 6; at < payload.size(); ++at) {
            QByteArray damaged = payload;
            damaged[at] = char(0xFF);
            const int o = exifOrientation(damaged);
            QVERIFY(o >= 1 && o <= 8);
        }
    }
    QCOMPARE(exifOrientation(QByteArrayLiteral("Exif\0\0II*\0\xFF\xFF\xFF\x7F")), 1);  // IFD far outside
    QCOMPARE(exifOrientation(QByteArrayLiteral("Exif\0\0XX*\0\x08\0\0\0")), 1);          // no byte order
    QCOMPARE(readJpegInfo(QByteArrayLiteral("\xFF\xD8\xFF\xE1\xFF\xFF")).valid, false);   // length past the end
}

// The same photo saved again or resized stays within kNearIdenticalDistance bits;
// photos of different people do not.
void TestPhotoValidation::perceptualHashFindsCopies_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("other");
    QTest::addColumn<QString>("change");  // what is done to `file` when other is empty
    QTest::addColumn<bool>("same");
    for (const char *f : {"obama_1.jpg", "biden_1.jpg", "kit_harington_2.jpg", "rose_leslie_2.jpg"}) {
        for (const char *change : {"quality 60", "scaled 80 %", "scaled 50 %", "as PNG"})
            QTest::addRow("%s %s", f, change) << QString::fromLatin1(f) << QString() << QString::fromLatin1(change)
                                               << true;
    }
    const char *const pairs[][2] = {{"obama_1.jpg", "biden_1.jpg"},
                                    {"obama_2.jpg", "kit_harington_1.jpg"},
                                    {"rose_leslie_1.jpg", "kit_harington_2.jpg"},
                                    {"alex_lacamoire_1.jpg", "biden_2.jpg"},
                                    {"obama_1.jpg", "obama_2.jpg"},  // same person, another photo
                                    {"rose_leslie_1.jpg", "rose_leslie_2.jpg"}};
    for (const auto &p : pairs)
        QTest::addRow("%s vs %s", p[0], p[1]) << QString::fromLatin1(p[0]) << QString::fromLatin1(p[1]) << QString()
                                              << false;
}

void TestPhotoValidation::perceptualHashFindsCopies()
{
    NEED_FACES();
    QFETCH(QString, file);
    QFETCH(QString, other);
    QFETCH(QString, change);
    QFETCH(bool, same);
    const QByteArray original = readFace(file);
    QByteArray second;
    if (!other.isEmpty()) {
        second = readFace(other);
    } else {
        const cv::Mat image = toImage(original);
        if (change == QLatin1String("quality 60"))
            second = encode(image, ".jpg", 60);
        else if (change == QLatin1String("scaled 80 %"))
            second = encode(scaled(image, 0.8), ".jpg");
        else if (change == QLatin1String("scaled 50 %"))
            second = encode(scaled(image, 0.5), ".jpg");
        else
            second = encode(image, ".png");
    }
    const PhotoCheck a = m_validator.check(original, file);
    const PhotoCheck b = m_validator.check(second, other);
    QVERIFY2(a.accepted && b.accepted, qPrintable(describe(a) + u'\n' + describe(b)));
    const int distance = hammingDistance(a.phash, b.phash);
    QVERIFY2(nearIdentical(a.phash, b.phash) == same, qPrintable(QStringLiteral("distance %1").arg(distance)));
    if (same)
        QVERIFY(distance <= kNearIdenticalDistance);
    else
        QVERIFY(distance > kNearIdenticalDistance);
}

// One validator, many threads, as the import's workers use it: the answers are
// those one thread gets, byte for byte.
void TestPhotoValidation::concurrentMatchesSerial()
{
    NEED_FACES();
    QList<QByteArray> inputs;
    const QStringList files = QDir(kFaces).entryList({QStringLiteral("*.jpg")}, QDir::Files, QDir::Name);
    for (const QString &f : files)
        inputs << readFace(f);
    const cv::Mat obama = toImage(readFace(QStringLiteral("obama_1.jpg")));
    inputs << encode(scaled(obama, 0.6), ".png") << encode(scaled(obama, 0.6), ".bmp")
           << withExif(encode(storedFor(scaled(obama, 0.5), 6), ".jpg"), 6) << QByteArrayLiteral("%PDF-1.4");

    const PhotoValidator serialValidator;
    QList<PhotoCheck> serial;
    for (const QByteArray &in : inputs)
        serial << serialValidator.check(in, {});

    const PhotoValidator shared;
    constexpr int threads = 4, rounds = 2;
    QThreadPool pool;
    pool.setMaxThreadCount(threads);
    std::vector<PhotoCheck> parallel(inputs.size() * rounds);
    for (int i = 0; i < int(parallel.size()); ++i)
        pool.start([&, i] { parallel[i] = shared.check(inputs[i % inputs.size()], {}); });
    QVERIFY(pool.waitForDone(300000));
    for (int i = 0; i < int(parallel.size()); ++i)
        QVERIFY2(samePhotoCheck(parallel[i], serial[i % inputs.size()]),
                 qPrintable(QStringLiteral("input %1: %2 vs %3")
                                .arg(i % inputs.size())
                                .arg(describe(parallel[i]), describe(serial[i % inputs.size()]))));
}

QTEST_GUILESS_MAIN(TestPhotoValidation)
#include "tst_photovalidation.moc"
