// The face networks against the face-api package's own numbers (reference.json,
// made by make-reference.js on the synthetic images of SyntheticImage.h), and the
// weights manifest reader against damaged and hostile manifests.
#include "SyntheticImage.h"

#include "face/FaceVision.h"
#include "face/describe/ResNetDescriptorNet.h"
#include "face/detect/LandmarkNet.h"
#include "face/detect/TinyFaceDetectorNet.h"
#include "face/model/WeightManifest.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

using namespace fd::face;

class TestFaceModels : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void detectorMatchesReference_data();
    void detectorMatchesReference();
    void landmarksMatchReference_data();
    void landmarksMatchReference();
    void descriptorMatchesReference_data();
    void descriptorMatchesReference();
    void manifestRefusesDamage_data();
    void manifestRefusesDamage();
    void manifestDequantises();
    void missingModelsSayWhatToRun();

private:
    QJsonObject referenceCase(int seed) const;
    static void addSeeds();

    QJsonArray m_cases;
    WeightManifest m_detector, m_landmarks, m_descriptor;
};

namespace {

double maxDifference(const cv::Mat &ours, const QJsonArray &theirs)
{
    if (qsizetype(ours.total()) != theirs.size())
        return INFINITY;
    const float *v = ours.ptr<float>();
    double worst = 0;
    for (qsizetype i = 0; i < theirs.size(); ++i)
        worst = std::max(worst, std::abs(double(v[i]) - theirs[i].toDouble()));
    return worst;
}

} // namespace

void TestFaceModels::initTestCase()
{
    QFile file(QStringLiteral(REFERENCE_JSON));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    m_cases = QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("cases")).toArray();
    QCOMPARE(m_cases.size(), 2);
    // The models are a dependency like opencv-data: packaging/install-deps.sh
    // installs them, so their absence is a failure, not a skip.
    const QString dir = FaceVision::modelDir();
    m_detector = WeightManifest::load(dir, QLatin1String(TinyFaceDetectorNet::kModel));
    m_landmarks = WeightManifest::load(dir, QLatin1String(LandmarkNet::kModel));
    m_descriptor = WeightManifest::load(dir, QLatin1String(ResNetDescriptorNet::kModel));
    QVERIFY2(m_detector.isValid(), qPrintable(m_detector.error()));
    QVERIFY2(m_landmarks.isValid(), qPrintable(m_landmarks.error()));
    QVERIFY2(m_descriptor.isValid(), qPrintable(m_descriptor.error()));
}

QJsonObject TestFaceModels::referenceCase(int seed) const
{
    for (const QJsonValue &c : m_cases)
        if (c.toObject().value(QLatin1String("seed")).toInt() == seed)
            return c.toObject();
    return {};
}

void TestFaceModels::addSeeds()
{
    QTest::addColumn<int>("seed");
    QTest::newRow("seed 0") << 0;
    QTest::newRow("seed 17") << 17;
}

void TestFaceModels::detectorMatchesReference_data()
{
    addSeeds();
}

void TestFaceModels::detectorMatchesReference()
{
    QFETCH(int, seed);
    cv::dnn::Net net = TinyFaceDetectorNet::build(m_detector, 416);
    QVERIFY(!net.empty());
    const cv::Mat out = TinyFaceDetectorNet::forward(net, synthetic::rgbImage(416, seed));
    QCOMPARE(out.dims, 4);
    QCOMPARE(out.size[1], 25);
    QCOMPARE(out.size[2], 13);
    // The package's output is height, width, channels; ours channels, height, width.
    cv::Mat hwc(13 * 13, 25, CV_32F);
    for (int c = 0; c < 25; ++c)
        for (int i = 0; i < 13 * 13; ++i)
            hwc.at<float>(i, c) = out.ptr<float>()[c * 169 + i];
    const QJsonArray theirs = referenceCase(seed).value(QLatin1String("detector416")).toObject().value(QLatin1String("values")).toArray();
    const double diff = maxDifference(hwc, theirs);
    qInfo("largest difference from the package: %g", diff);
    QVERIFY2(diff < 5e-4, qPrintable(QString::number(diff)));
}

void TestFaceModels::landmarksMatchReference_data()
{
    addSeeds();
}

void TestFaceModels::landmarksMatchReference()
{
    QFETCH(int, seed);
    cv::dnn::Net net = LandmarkNet::build(m_landmarks);
    QVERIFY(!net.empty());
    const cv::Mat out = LandmarkNet::forward(net, synthetic::rgbImage(112, seed));
    const double diff = maxDifference(out, referenceCase(seed).value(QLatin1String("landmarks112")).toArray());
    // Relative to the 112 square: 1e-6 is 0.0001 px.
    qInfo("largest difference from the package: %g", diff);
    QVERIFY2(diff < 1e-6, qPrintable(QString::number(diff)));
}

void TestFaceModels::descriptorMatchesReference_data()
{
    addSeeds();
}

void TestFaceModels::descriptorMatchesReference()
{
    QFETCH(int, seed);
    cv::dnn::Net net = ResNetDescriptorNet::build(m_descriptor);
    QVERIFY(!net.empty());
    const cv::Mat out = ResNetDescriptorNet::forward(net, synthetic::rgbImage(150, seed));
    const double diff = maxDifference(out, referenceCase(seed).value(QLatin1String("descriptor150")).toArray());
    // Same-person distances are under 0.5; 1e-5 per value is far below that.
    qInfo("largest difference from the package: %g", diff);
    QVERIFY2(diff < 1e-5, qPrintable(QString::number(diff)));
}

void TestFaceModels::manifestRefusesDamage_data()
{
    QTest::addColumn<QByteArray>("manifest");
    QTest::addColumn<QByteArray>("shard");
    QTest::addColumn<QString>("expected");
    const QByteArray fourBytes("\x01\x02\x03\x04", 4);
    auto group = [](const QByteArray &path, const QByteArray &weights) {
        return "[{\"paths\":[\"" + path + "\"],\"weights\":[" + weights + "]}]";
    };
    const QByteArray u8 = R"({"name":"w","shape":[2,2],"dtype":"float32","quantization":{"dtype":"uint8","min":-1,"scale":0.5}})";
    QTest::newRow("not json") << QByteArray("{oops") << fourBytes << QStringLiteral("not a weights manifest");
    QTest::newRow("path leaves the folder") << group("../etc/passwd", u8) << fourBytes << QStringLiteral("not a plain file name");
    QTest::newRow("absolute path") << group("/etc/passwd", u8) << fourBytes << QStringLiteral("not a plain file name");
    QTest::newRow("missing shard") << group("other.bin", u8) << fourBytes << QStringLiteral("missing");
    QTest::newRow("truncated shard") << group("m.bin", u8) << QByteArray("\x01\x02", 2) << QStringLiteral("end inside weight w");
    QTest::newRow("bytes left over") << group("m.bin", u8) << QByteArray(8, 'x') << QStringLiteral("hold 8 bytes");
    QTest::newRow("negative dimension") << group("m.bin", R"({"name":"w","shape":[-2,2],"dtype":"float32"})") << fourBytes << QStringLiteral("bad shape");
    QTest::newRow("huge tensor") << group("m.bin", R"({"name":"w","shape":[1048576,1048576],"dtype":"float32"})") << fourBytes << QStringLiteral("too large");
    QTest::newRow("unknown dtype") << group("m.bin", R"({"name":"w","shape":[1],"dtype":"complex64"})") << fourBytes << QStringLiteral("complex64");
    QTest::newRow("no min or scale") << group("m.bin", R"({"name":"w","shape":[4],"dtype":"float32","quantization":{"dtype":"uint8"}})") << fourBytes << QStringLiteral("min and scale");
    QTest::newRow("named twice") << group("m.bin", QByteArray(u8).append(',').append(u8)) << QByteArray(8, 'x') << QStringLiteral("named twice");
    QTest::newRow("no weights") << QByteArray("[]") << fourBytes << QStringLiteral("names no weights");
}

void TestFaceModels::manifestRefusesDamage()
{
    QFETCH(QByteArray, manifest);
    QFETCH(QByteArray, shard);
    QFETCH(QString, expected);
    const WeightManifest m = WeightManifest::parse(manifest, {{QStringLiteral("m.bin"), shard}}, QStringLiteral("m-weights_manifest.json"));
    QVERIFY(!m.isValid());
    QVERIFY2(m.error().contains(expected), qPrintable(m.error()));
    QVERIFY(m.error().startsWith(QLatin1String("m-weights_manifest.json")));
}

void TestFaceModels::manifestDequantises()
{
    const QByteArray manifest = R"([{"paths":["m.bin"],"weights":[
        {"name":"q8","shape":[2,2],"dtype":"float32","quantization":{"dtype":"uint8","min":-1,"scale":0.5}},
        {"name":"q16","shape":[1],"dtype":"float32","quantization":{"dtype":"uint16","min":0,"scale":0.25}},
        {"name":"f","shape":[1],"dtype":"float32"},
        {"name":"i","shape":[1],"dtype":"int32"}]}])";
    QByteArray shard("\x00\x01\x02\xff", 4);
    shard.append("\x04\x01", 2);  // 260
    const float f = 1.5f;
    shard.append(reinterpret_cast<const char *>(&f), 4);
    const qint32 i = -7;
    shard.append(reinterpret_cast<const char *>(&i), 4);
    const WeightManifest m = WeightManifest::parse(manifest, {{QStringLiteral("m.bin"), shard}}, QStringLiteral("m"));
    QVERIFY2(m.isValid(), qPrintable(m.error()));
    QCOMPARE(m.get(QStringLiteral("q8"), {2, 2}).values, (QVector<float>{-1.0f, -0.5f, 0.0f, 126.5f}));
    QCOMPARE(m.get(QStringLiteral("q16")).values, QVector<float>{65.0f});
    QCOMPARE(m.get(QStringLiteral("f")).values, QVector<float>{1.5f});
    QCOMPARE(m.get(QStringLiteral("i")).values, QVector<float>{-7.0f});
    QVERIFY(m.isValid());
    QVERIFY(m.get(QStringLiteral("q8"), {4}).values.isEmpty());  // wrong shape asked
    QVERIFY(m.error().contains(QLatin1String("expected shape")));
}

void TestFaceModels::missingModelsSayWhatToRun()
{
    QTemporaryDir empty;
    QString error;
    QVERIFY(!FaceVision::load(empty.path(), &error));
    QVERIFY2(error.contains(QLatin1String("tiny_face_detector_model-weights_manifest.json")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("install-deps.sh")), qPrintable(error));

    // A damaged shard (right name, wrong size) names itself too.
    const QString dir = FaceVision::modelDir();
    for (const QString &file : FaceVision::requiredFiles())
        QVERIFY(QFile::copy(dir + u'/' + file, empty.filePath(file)));
    QFile bin(empty.filePath(QStringLiteral("face_recognition_model.bin")));
    QVERIFY(bin.open(QIODevice::ReadWrite));
    QVERIFY(bin.resize(bin.size() / 2));
    bin.close();
    QVERIFY(!FaceVision::load(empty.path(), &error));
    QVERIFY2(error.contains(QLatin1String("face_recognition_model")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestFaceModels)
#include "tst_facemodels.moc"
