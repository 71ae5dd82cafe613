// Image bytes FaceDesk did not make: the JPEG structure reader and the door a push's
// images pass (image/PushedJpeg) on hostile and real JPEGs, the budgets, and decoding
// within them (image/BoundedDecode) for JPEG, PNG and BMP headers.
#include "image/BoundedDecode.h"
#include "image/ImageBudget.h"
#include "image/ImageHeader.h"
#include "image/JpegInfo.h"
#include "image/PushedJpeg.h"

#include "../support/HostileJpegs.h"

#include <QDir>
#include <QFile>
#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

using namespace fd::image;

namespace {

const QString kFaces = QStringLiteral(SHARED_DIR "/faces");

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

cv::Mat noise(int width, int height, int type)
{
    cv::Mat m(height, width, type);
    cv::randu(m, cv::Scalar::all(0), cv::Scalar::all(255));
    return m;
}

QByteArray encodeWith(const cv::Mat &image, const std::vector<int> &params)
{
    std::vector<uchar> buffer;
    cv::imencode(".jpg", image, buffer, params);
    return QByteArray(reinterpret_cast<const char *>(buffer.data()), qsizetype(buffer.size()));
}

// A PNG that is its signature and header only: what a decoder would be asked for.
QByteArray pngHeader(quint32 width, quint32 height)
{
    QByteArray b("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR", 16);
    for (const quint32 v : {width, height})
        for (int shift = 24; shift >= 0; shift -= 8)
            b += char((v >> shift) & 0xFF);
    return b + QByteArray("\x08\x02\x00\x00\x00", 5);
}

} // namespace

class TestImageCheck : public QObject {
    Q_OBJECT

private slots:
    void hostileJpegsAreRefused_data();
    void hostileJpegsAreRefused();
    void realPhotosPass_data();
    void realPhotosPass();
    void capturesAndCodingVariantsPass_data();
    void capturesAndCodingVariantsPass();
    void budget_data();
    void budget();
    void headersOfOtherFormats_data();
    void headersOfOtherFormats();
    void decodingStaysWithinTheBudget();
    void everyCutOfAPhotoIsReadSafely();
};

void TestImageCheck::hostileJpegsAreRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    for (const HostileJpeg &h : hostileJpegs())
        QTest::newRow(qPrintable(h.name)) << h.bytes << h.reason;
    QTest::newRow("empty") << QByteArray() << QStringLiteral("does not start with the JPEG start-of-image marker");
    QTest::newRow("SOI alone") << QByteArrayLiteral("\xFF\xD8") << QStringLiteral("the JPEG ends before its image data");
    QTest::newRow("EOI before any scan") << QByteArrayLiteral("\xFF\xD8\xFF\xD9")
                                         << QStringLiteral("end-of-image marker at byte 2 comes before any image data");
    QTest::newRow("scan before the frame") << QByteArrayLiteral("\xFF\xD8\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00\x00\xFF\xD9")
                                           << QStringLiteral("image data (SOS at byte 2) before the frame header");
    QByteArray twoFrames = jpegFrame(16, 16, 1, 4);
    twoFrames.insert(2, jpegFrame(16, 16, 1, 4).mid(2, 13));
    QTest::newRow("two frame headers") << twoFrames << QStringLiteral("a second frame header (SOF0) at byte 15");
    QByteArray sampling = jpegFrame(16, 16, 3, 4);
    sampling[13] = char(0x51);  // the first component's H = 5
    QTest::newRow("sampling factor 5") << sampling << QStringLiteral("colour component 1 has sampling factors 5x1");
    QByteArray precision = jpegFrame(16, 16, 1, 4);
    precision[6] = char(16);
    QTest::newRow("16-bit samples") << precision << QStringLiteral("declares 16 bits a sample");
    QByteArray foreign = jpegFrame(16, 16, 1, 4);
    foreign[20] = char(7);  // the scan names component 7
    QTest::newRow("scan names an undeclared component")
        << foreign << QStringLiteral("the scan names colour component 7, which the frame header does not declare");
    QTest::newRow("segment length 1") << QByteArrayLiteral("\xFF\xD8\xFF\xFE\x00\x01\xFF\xD9")
                                      << QStringLiteral("the COM segment at byte 2 declares a length of 1");
    QTest::newRow("garbage where a marker must be") << QByteArrayLiteral("\xFF\xD8\xFF\xE0\x00\x04" "ab!!")
                                                    << QStringLiteral("byte 8 is 21 where a marker must start");
}

void TestImageCheck::hostileJpegsAreRefused()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    const QString problem = pushedJpegProblem(bytes);
    QVERIFY2(problem.contains(reason), qPrintable(problem));
}

void TestImageCheck::realPhotosPass_data()
{
    QTest::addColumn<QString>("path");
    const QStringList photos = QDir(kFaces).entryList({QStringLiteral("*.jpg")}, QDir::Files, QDir::Name);
    if (photos.isEmpty())
        QSKIP("../shared/faces is not there");
    for (const QString &name : photos)
        QTest::newRow(qPrintable(name)) << QDir(kFaces).filePath(name);
}

void TestImageCheck::realPhotosPass()
{
    QFETCH(QString, path);
    const QByteArray bytes = readAll(path);
    QCOMPARE(pushedJpegProblem(bytes), QString());
    const JpegInfo info = readJpegInfo(bytes);
    QVERIFY(info.valid);
    QVERIFY(info.complete);
    QVERIFY(info.hasFrame);
    QCOMPARE(info.precision, 8);
    QVERIFY(info.components == 1 || info.components == 3);
    QVERIFY(info.scanBytes > 0 && info.scanBytes < bytes.size());
    const cv::Mat decoded = decodeWithinBudget(bytes, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION);
    QCOMPARE(decoded.cols, info.width);
    QCOMPARE(decoded.rows, info.height);
}

// What capture cameras and encoders write: up to 4K and 8 MP scenes, grey, progressive,
// restart markers, no chroma subsampling, and a flat frame (the least data a real
// picture has).
void TestImageCheck::capturesAndCodingVariantsPass_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::newRow("4K scene") << encodeWith(noise(3840, 2160, CV_8UC3), {cv::IMWRITE_JPEG_QUALITY, 85}) << 3840 << 2160;
    QTest::newRow("8 MP scene") << encodeWith(noise(3264, 2448, CV_8UC3), {cv::IMWRITE_JPEG_QUALITY, 85}) << 3264 << 2448;
    QTest::newRow("8K flat at quality 1") << encodeWith(cv::Mat(4320, 7680, CV_8UC3, cv::Scalar(90, 90, 90)), {cv::IMWRITE_JPEG_QUALITY, 1})
                                          << 7680 << 4320;
    QTest::newRow("grey face crop") << encodeWith(noise(200, 240, CV_8UC1), {}) << 200 << 240;
    QTest::newRow("progressive") << encodeWith(noise(640, 480, CV_8UC3), {cv::IMWRITE_JPEG_PROGRESSIVE, 1}) << 640 << 480;
    QTest::newRow("restart markers") << encodeWith(noise(640, 480, CV_8UC3), {cv::IMWRITE_JPEG_RST_INTERVAL, 4}) << 640 << 480;
    QTest::newRow("odd size") << encodeWith(noise(333, 251, CV_8UC3), {}) << 333 << 251;
    QTest::newRow("test shell") << jpegShell(QByteArray(70000, 'c'), 4, 'x') << 16 << 16;
}

void TestImageCheck::capturesAndCodingVariantsPass()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, width);
    QFETCH(int, height);
    QCOMPARE(pushedJpegProblem(bytes), QString());
    const JpegInfo info = readJpegInfo(bytes);
    QCOMPARE(info.width, width);
    QCOMPARE(info.height, height);
    QVERIFY(info.complete);
}

void TestImageCheck::budget_data()
{
    QTest::addColumn<qint64>("width");
    QTest::addColumn<qint64>("height");
    QTest::addColumn<QString>("problem");
    QTest::newRow("8K") << qint64(7680) << qint64(4320) << QString();
    QTest::newRow("exactly 40 MP") << qint64(8000) << qint64(5000) << QString();
    QTest::newRow("a wide panorama") << qint64(16000) << qint64(2500) << QString();
    QTest::newRow("one pixel") << qint64(1) << qint64(1) << QString();
    QTest::newRow("just over 40 MP") << qint64(8001) << qint64(5000)
                                     << QStringLiteral("the frame header declares 8001x5000 pixels, over the 40-megapixel budget");
    QTest::newRow("a side too long") << qint64(16001) << qint64(100)
                                     << QStringLiteral("the frame header declares 16001x100 pixels, a side over the 16000-pixel limit");
    QTest::newRow("no height") << qint64(640) << qint64(0)
                               << QStringLiteral("the frame header declares 640x0 pixels; a picture has no empty side");
    QTest::newRow("2^31 squared") << qint64(2147483647) << qint64(2147483647)
                                  << QStringLiteral("the frame header declares 2147483647x2147483647 pixels, over the 40-megapixel budget");
}

void TestImageCheck::budget()
{
    QFETCH(qint64, width);
    QFETCH(qint64, height);
    QFETCH(QString, problem);
    QCOMPARE(sizeProblem(QStringLiteral("the frame header"), width, height), problem);
}

void TestImageCheck::headersOfOtherFormats_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qint64>("width");
    QTest::addColumn<qint64>("height");
    QTest::addColumn<QString>("problem");
    const cv::Mat small = noise(64, 48, CV_8UC3);
    std::vector<uchar> png, bmp;
    cv::imencode(".png", small, png);
    cv::imencode(".bmp", small, bmp);
    QTest::newRow("PNG") << QByteArray(reinterpret_cast<const char *>(png.data()), qsizetype(png.size())) << qint64(64) << qint64(48)
                         << QString();
    QTest::newRow("BMP") << QByteArray(reinterpret_cast<const char *>(bmp.data()), qsizetype(bmp.size())) << qint64(64) << qint64(48)
                         << QString();
    QTest::newRow("PNG declaring 100000 squared") << pngHeader(100000, 100000) << qint64(100000) << qint64(100000)
                                                  << QStringLiteral("the PNG header declares 100000x100000 pixels, over the 40-megapixel budget");
    QTest::newRow("PNG without IHDR") << QByteArrayLiteral("\x89PNG\r\n\x1A\n\x00\x00\x00\x00IEND") << qint64(0) << qint64(0)
                                     << QStringLiteral("the PNG has no image header (IHDR)");
    QTest::newRow("GIF") << QByteArrayLiteral("GIF89a\x01\x00\x01\x00\x80\x00\x00") << qint64(0) << qint64(0)
                         << QStringLiteral("FaceDesk decodes JPEG, PNG and BMP, not GIF");
}

void TestImageCheck::headersOfOtherFormats()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qint64, width);
    QFETCH(qint64, height);
    QFETCH(QString, problem);
    const ImageHeader header = readImageHeader(bytes);
    QCOMPARE(header.width, width);
    QCOMPARE(header.height, height);
    QCOMPARE(decodeProblem(bytes), problem);
}

// What slips past the door (an archived file, a photo an admin picks) costs a refusal
// before a decoder allocates anything.
void TestImageCheck::decodingStaysWithinTheBudget()
{
    QString problem;
    const QByteArray huge = hugeJpeg();
    QVERIFY2(huge.size() < 8 * 1024 * 1024, qPrintable(QString::number(huge.size())));
    QVERIFY(decodeWithinBudget(huge, cv::IMREAD_COLOR, &problem).empty());
    QCOMPARE(problem, QStringLiteral("the frame header declares 16384x16384 pixels, over the 40-megapixel budget"));
    QVERIFY(decodeWithinBudget(pngHeader(60000, 60000), cv::IMREAD_COLOR, &problem).empty());
    QVERIFY(problem.contains(QStringLiteral("over the 40-megapixel budget")));
    // A smaller budget of bytes or pixels is the caller's to choose.
    const QByteArray scene = encodeWith(noise(640, 480, CV_8UC3), {});
    QVERIFY(!decodeWithinBudget(scene, cv::IMREAD_COLOR, &problem).empty());
    QCOMPARE(problem, QString());
    QVERIFY(decodeWithinBudget(scene, cv::IMREAD_COLOR, &problem, ImageBudget{1000, 40'000'000, 16'000}).empty());
    QVERIFY(problem.startsWith(QStringLiteral("the image is")));
    QVERIFY(decodeWithinBudget(scene, cv::IMREAD_COLOR, &problem, ImageBudget{1 << 20, 100'000, 16'000}).empty());
    QVERIFY(problem.contains(QStringLiteral("640x480")));
    // Not an image: empty, and no budget to blame.
    QVERIFY(decodeWithinBudget(jpegShell({}), cv::IMREAD_COLOR, &problem).empty());
    QCOMPARE(problem, QString());
}

// Every prefix of a real JPEG is read without reading past its end, and only the whole
// file passes the door.
void TestImageCheck::everyCutOfAPhotoIsReadSafely()
{
    const QByteArray photo = encodeWith(noise(96, 64, CV_8UC3), {cv::IMWRITE_JPEG_PROGRESSIVE, 1});
    for (qsizetype cut = 0; cut < photo.size(); ++cut) {
        const QByteArray prefix(photo.constData(), cut);  // a copy: ASan sees reads past its end
        QVERIFY2(!pushedJpegProblem(prefix).isEmpty(), qPrintable(QString::number(cut)));
        (void)readImageHeader(prefix);
    }
    QCOMPARE(pushedJpegProblem(photo), QString());
}

QTEST_GUILESS_MAIN(TestImageCheck)
#include "tst_imagecheck.moc"
