// The protocol codec: every example of the vendor's spec, verbatim; a round trip of
// every message type; the tolerances real devices need; and hostile input.
#include "protocol/Base64.h"
#include "protocol/Base64Lift.h"
#include "protocol/DeviceType.h"
#include "protocol/ErrorCodes.h"
#include "protocol/MessageCodec.h"

#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>

using namespace fd::protocol;

Q_DECLARE_METATYPE(fd::protocol::Message)
Q_DECLARE_METATYPE(fd::protocol::DecodeErrorKind)

namespace {

QByteArray example(const QString &name)
{
    QFile f(QStringLiteral(SPEC_EXAMPLES_DIR "/") + name + QStringLiteral(".txt"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing spec example %s", qPrintable(name));
    return f.readAll();
}

QList<float> featureOf(int dims, quint32 seed)
{
    QRandomGenerator rng(seed);
    QList<float> f;
    for (int i = 0; i < dims; ++i)
        f.append(float(rng.generateDouble() * 2.0 - 1.0));
    return f;
}

QByteArray fakeJpeg(int size, char fill)
{
    QByteArray b(size, fill);
    b[0] = char(0xFF);
    b[1] = char(0xD8);
    return b;
}

FacePush samplePush(FacePush::Kind kind)
{
    FacePush p;
    p.kind = kind;
    p.uuid = QStringLiteral("12721SSQSQCA");
    p.mac = QStringLiteral("e0:62:90:12:34:56");
    p.host = QStringLiteral("127.0.0.1");
    p.productName = QStringLiteral("Gate 北门");
    p.deviceType = 0x14;
    p.channel = 1;
    p.position = FaceRect{120, 80, 64, 72, true};
    p.captureTimeText = QStringLiteral("2018-04-17 14:53:23");
    p.captureTime = QDateTime::fromString(p.captureTimeText, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    p.quality = 87;
    p.attributes = FaceAttributes{32, 1, 0, 1, 0, 1, 3};
    p.image = fakeJpeg(2000, 'a');
    p.imageName = QStringLiteral("FACE_1.jpg");
    p.background = fakeJpeg(5000, 'b');
    p.backgroundName = QStringLiteral("FACE_1_YT.jpg");
    p.feature = featureOf(256, 7);
    if (kind == FacePush::Kind::HttpReport) {
        p.userName = QStringLiteral("admin");
        p.passwordMd5 = QStringLiteral("123456789abcdef123456789abcdef12");
        p.deviceId = QStringLiteral("12221SSS13Q4");
        p.faceId = 42;
        return p;
    }
    p.token = QStringLiteral("0123456789abcdef");
    p.sendTimeText = QStringLiteral("1700000000");
    p.sendTime = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    p.temperature = Temperature{36.7, 37.3, QStringLiteral("high temperature")};
    if (kind == FacePush::Kind::Compare) {
        p.indexId = 9007199254740993LL; // above 2^53: must survive as an integer
        p.picSort = 1;
        p.picName = QStringLiteral("zhang_san.jpg");
        p.matchScore = 0.875;
        p.visitCount = 12;
    } else {
        p.trackId = 5511;
    }
    return p;
}

LibraryPicture samplePicture(qint64 id)
{
    LibraryPicture pic;
    pic.indexId = id;
    pic.attribute = PersonAttributes{QStringLiteral("张三 %1").arg(id), 1, QStringLiteral("C%1").arg(id)};
    pic.jpeg = fakeJpeg(3000 + int(id), 'p');
    return pic;
}

} // namespace

class TestProtocolCodec : public QObject {
    Q_OBJECT

private slots:
    void specExamplesAreVerbatim();
    void specExample_data();
    void specExample();
    void roundTrip_data();
    void roundTrip();
    void tolerance_data();
    void tolerance();
    void rejects_data();
    void rejects();
    void truncatedAtEveryOffset_data();
    void truncatedAtEveryOffset();
    void nestingBombs();
    void dataLengthCountsItself_data();
    void dataLengthCountsItself();
    void attributeProblemsAreWarnings();
    void resultCodesHaveText();
    void deviceTypeNames();
    void base64_data();
    void base64();
    void liftedImages_data();
    void liftedImages();
};

void TestProtocolCodec::specExamplesAreVerbatim()
{
    QFile spec(QStringLiteral(SPEC_FILE));
    if (!spec.open(QIODevice::ReadOnly))
        QSKIP("../shared/spec is not present: the copies cannot be compared with it");
    const QByteArray text = spec.readAll();
    const QDir dir(QStringLiteral(SPEC_EXAMPLES_DIR));
    const QStringList files = dir.entryList({QStringLiteral("*.txt")});
    QCOMPARE(files.size(), 19);
    for (const QString &f : files)
        QVERIFY2(text.contains(example(f.chopped(4))), qPrintable(f + QStringLiteral(" is not verbatim")));
}

void TestProtocolCodec::specExample_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<Message>("expected");
    QTest::addColumn<DecodeErrorKind>("errorKind");
    QTest::addColumn<QString>("errorField");
    QTest::addColumn<qint64>("dataLength");
    QTest::addColumn<bool>("dataLengthMatches");

    const Message none = StatusReply{};
    const auto ok = DecodeErrorKind::None;
    const UserDigest admin{QStringLiteral("admin"), QStringLiteral("3ed07a078ad9d9cec0480d2e9736e14e")};

    // "Upload face comparison data": every data field is a placeholder; the first
    // one read that cannot be a value is device_type "xxx".
    QTest::newRow("compare push: example") << "compare_push_request" << none << DecodeErrorKind::WrongType
                                           << "device_type" << qint64(-1) << true;
    QTest::newRow("compare push: server response")
        << "compare_push_response" << Message(StatusReply{0, QStringLiteral("Data uploaded successfully."), {}})
        << ok << QString() << qint64(-1) << true;
    // "HTTP Push face capture data": "Img": "base64 " is a placeholder, not base64.
    QTest::newRow("cap face report: example") << "cap_face_report_request" << none << DecodeErrorKind::BadBase64
                                              << "sw_cap_face_report.Info.Img" << qint64(-1) << true;
    QTest::newRow("cap face report: server response")
        << "cap_face_report_response" << Message(CapFaceReportReply{0, QStringLiteral("ok")}) << ok << QString()
        << qint64(-1) << true;

    GetPicRequest getPic;
    getPic.method = QString::fromLatin1(method::GetOnePic);
    getPic.sentcnt = 1234;
    getPic.user = admin;
    getPic.sortMode = 0;
    getPic.libIndex = 0;
    getPic.fileIndex = 0;
    getPic.picName = QStringLiteral("chenzhen_12354.jpg");
    getPic.deviceType = 0x10;
    QTest::newRow("get a picture: request") << "get_one_pic_request" << Message(getPic) << ok << QString()
                                            << qint64(-1) << true;
    QTest::newRow("get a picture: response") << "get_one_pic_response" << none << DecodeErrorKind::BadBase64
                                             << "result.Img" << qint64(-1) << true;

    // "Add a picture to the device": img_data "" is a placeholder; an add needs a photo.
    QTest::newRow("add a picture: request") << "add_pic_request" << none << DecodeErrorKind::MissingField
                                            << "data.param.img_data" << qint64(-1) << true;
    QTest::newRow("add a picture: response")
        << "add_pic_response"
        << Message(PicReply{QString::fromLatin1(method::AddPic), QStringLiteral("12721SSQSQCA"), 475, 0}) << ok
        << QString() << qint64(-1) << true;

    QTest::newRow("delete a picture: request") << "del_pic_request" << Message(DelPicRequest{480}) << ok << QString()
                                               << qint64(80) << true;
    QTest::newRow("delete a picture: response")
        << "del_pic_response"
        << Message(PicReply{QString::fromLatin1(method::DelPic), QStringLiteral("12721SSQSQCA"), 480, 0}) << ok
        << QString() << qint64(-1) << true;

    // "Modify a picture": no photo means an update of the attributes only.
    LibraryPicture updated;
    updated.indexId = 478;
    updated.attribute = PersonAttributes{QStringLiteral("34"), 1, QStringLiteral("34")};
    QTest::newRow("modify a picture: request") << "update_pic_request" << Message(AddPicRequest{true, updated}) << ok
                                               << QString() << qint64(136) << false;
    QTest::newRow("modify a picture: response")
        << "update_pic_response"
        << Message(PicReply{QString::fromLatin1(method::UpdatePic), QStringLiteral("12721SSQSQCA"), 478, -2}) << ok
        << QString() << qint64(-1) << true;

    QTest::newRow("batch delete: request") << "del_multiple_pic_request"
                                           << Message(DelMultiplePicRequest{{424, 423}}) << ok << QString()
                                           << qint64(92) << false;
    QTest::newRow("batch delete: response")
        << "del_multiple_pic_response"
        << Message(MultiplePicReply{QString::fromLatin1(method::DelMultiplePic), QStringLiteral("12721SSQSQCA"),
                                    {{424, 0}, {423, 0}}})
        << ok << QString() << qint64(-1) << true;

    GetSortRequest getSort;
    getSort.method = QString::fromLatin1(method::GetFaceRcgList);
    getSort.sentcnt = 1234;
    getSort.user = admin;
    getSort.channelId = 0;
    getSort.pageNum = 1;
    getSort.pageSize = 12;
    getSort.libType = 0;
    QTest::newRow("list libraries: request") << "get_face_rcg_list_request" << Message(getSort) << ok << QString()
                                             << qint64(-1) << true;
    GetSortReply sortReply;
    sortReply.method = getSort.method;
    sortReply.sentcnt = 1234;
    sortReply.user = admin;
    sortReply.totalCount = 17;
    const QString url = QStringLiteral("sdcard/face_20190717/102441_403.jpg");
    sortReply.faces = {FaceRcgEntry{1, QStringLiteral("15090"), QStringLiteral("Alex"), 1, 39, url},
                       FaceRcgEntry{2, QStringLiteral("15092"), QStringLiteral("Alex"), 1, 39, url}};
    QTest::newRow("list libraries: response") << "get_face_rcg_list_response" << Message(sortReply) << ok
                                              << QString() << qint64(-1) << true;

    // "HTTP protocol error returns JSON format": "code":"error" cannot be a code.
    QTest::newRow("HTTP error format") << "http_error_format" << none << DecodeErrorKind::WrongType << "code"
                                       << qint64(-1) << true;
}

void TestProtocolCodec::specExample()
{
    QFETCH(QString, file);
    QFETCH(Message, expected);
    QFETCH(DecodeErrorKind, errorKind);
    QFETCH(QString, errorField);
    QFETCH(qint64, dataLength);
    QFETCH(bool, dataLengthMatches);

    const Decoded d = decode(example(file));
    QCOMPARE(d.error.kind, errorKind);
    if (errorKind != DecodeErrorKind::None) {
        QCOMPARE(d.error.field, errorField);
        QVERIFY(!d.ok());
        QVERIFY(d.error.describe().contains(errorField));
        return;
    }
    QVERIFY2(d.ok(), qPrintable(d.error.describe()));
    if (!(*d.message == expected))
        QFAIL(qPrintable(QStringLiteral("decoded %1 differs; re-encoded: %2")
                             .arg(messageName(*d.message), QString::fromUtf8(encode(*d.message)))));
    QCOMPARE(d.dataLength, dataLength);
    QCOMPARE(d.dataLengthMatches, dataLengthMatches);
    if (!dataLengthMatches)
        QVERIFY(!d.warnings.isEmpty());
}

void TestProtocolCodec::roundTrip_data()
{
    QTest::addColumn<Message>("message");

    QTest::newRow("accesstoken request") << Message(AccessTokenRequest{
        QStringLiteral("12721SSQSQCA"), QStringLiteral("jovision-key"), 0x12, QStringLiteral("e0:62:90:00:00:01"),
        1700000000, QStringLiteral("admin"), QStringLiteral("secret")});
    QTest::newRow("accesstoken reply") << Message(AccessTokenReply{0, QStringLiteral("ok"), QStringLiteral("12721SSQSQCA"),
                                                                   1700003600, QStringLiteral("tok-123"), 18567});
    QTest::newRow("keepalive") << Message(KeepaliveRequest{QStringLiteral("12721SSQSQCA"), QStringLiteral("e0:62"), 0x10,
                                                           QStringLiteral("1700000000"), QStringLiteral("V2.0.1"),
                                                           QStringLiteral("tok")});
    QTest::newRow("keepalive reply") << Message(KeepaliveReply{-1003, QStringLiteral("token invalid")});
    QTest::newRow("compare push") << Message(samplePush(FacePush::Kind::Compare));
    QTest::newRow("capture push") << Message(samplePush(FacePush::Kind::Capture));
    QTest::newRow("sw_cap_face_report") << Message(samplePush(FacePush::Kind::HttpReport));
    QTest::newRow("push reply") << Message(StatusReply{-1001, QStringLiteral("busy"), {}});
    QTest::newRow("error reply with dataObj")
        << Message(StatusReply{-1004, QStringLiteral("not registered"), QJsonObject{{QStringLiteral("x"), 1}}});
    QTest::newRow("sw_cap_face_report reply") << Message(CapFaceReportReply{0, QStringLiteral("ok")});
    QTest::newRow("add pic") << Message(AddPicRequest{false, samplePicture(478)});
    QTest::newRow("update pic") << Message(AddPicRequest{true, samplePicture(479)});
    QTest::newRow("del pic") << Message(DelPicRequest{480});
    QTest::newRow("add multiple") << Message(AddMultiplePicRequest{{samplePicture(1), samplePicture(2), samplePicture(3)}});
    QTest::newRow("del multiple") << Message(DelMultiplePicRequest{{424, 423, 9007199254740993LL}});
    QTest::newRow("pic reply") << Message(PicReply{QString::fromLatin1(method::AddPic), QStringLiteral("u1"), 475, -2004});
    QTest::newRow("multiple reply")
        << Message(MultiplePicReply{QString::fromLatin1(method::AddMultiplePic), QStringLiteral("u1"),
                                    {{1, 0}, {2, -2002}, {3, 100016}}});
    GetPicRequest getPic;
    getPic.sentcnt = 7;
    getPic.user = UserDigest{QStringLiteral("admin"), QStringLiteral("3ed07a078ad9d9cec0480d2e9736e14e")};
    getPic.indexId = 480;
    getPic.picName = QStringLiteral("a.jpg");
    QTest::newRow("get pic") << Message(getPic);
    GetPicReply getPicReply;
    getPicReply.sentcnt = 7;
    getPicReply.indexId = 480;
    getPicReply.picName = QStringLiteral("a.jpg");
    getPicReply.image = fakeJpeg(100, 'z');
    QTest::newRow("get pic reply") << Message(getPicReply);
    GetPicReply onePicReply = getPicReply;
    onePicReply.method = QString::fromLatin1(method::GetOnePic);
    onePicReply.indexId = -1;
    onePicReply.sortMode = 1;
    onePicReply.deviceType = 0x10;
    onePicReply.errorcode = 100012;
    QTest::newRow("get one pic reply") << Message(onePicReply);
    GetSortRequest getSort;
    getSort.uuid = QStringLiteral("u1");
    getSort.picSort = 1;
    QTest::newRow("get sort") << Message(getSort);
    GetSortReply sortReply;
    sortReply.uuid = QStringLiteral("u1");
    sortReply.entries = {{1, 10}, {1, 11}, {3, 12}};
    QTest::newRow("get sort reply") << Message(sortReply);
    GetSortReply rcgReply;
    rcgReply.method = QString::fromLatin1(method::GetFaceRcgList);
    rcgReply.totalCount = 1;
    rcgReply.faces = {FaceRcgEntry{1, QStringLiteral("15090"), QStringLiteral("Alex"), 1, 39, QStringLiteral("sd/a.jpg")}};
    QTest::newRow("face rcg list reply") << Message(rcgReply);
    QTest::newRow("device sync") << Message(DeviceSyncRequest{QStringLiteral("tok"), QStringLiteral("u1")});
    QTest::newRow("device sync reply") << Message(DeviceSyncReply{0, QStringLiteral("ok")});
}

void TestProtocolCodec::roundTrip()
{
    QFETCH(Message, message);
    const QByteArray wire = encode(message);

    // Everything FaceDesk writes is strict JSON: the strict parser takes it as is.
    QJsonParseError strictError;
    QVERIFY(QJsonDocument::fromJson(wire, &strictError).isObject());
    QCOMPARE(strictError.error, QJsonParseError::NoError);

    Decoded d = decode(wire);
    QVERIFY2(d.ok(), qPrintable(d.error.describe()));
    QVERIFY(!d.repaired);
    QVERIFY(d.dataLengthMatches);
    // jpegBase64MD5 is written by the encoder; compare what the sender controls.
    if (auto *add = std::get_if<AddPicRequest>(&*d.message)) {
        QVERIFY(add->picture.md5Matches);
        QVERIFY(!add->picture.jpegBase64Md5.isEmpty());
        add->picture.jpegBase64Md5.clear();
    }
    if (auto *many = std::get_if<AddMultiplePicRequest>(&*d.message)) {
        for (LibraryPicture &p : many->pictures) {
            QVERIFY(p.md5Matches);
            p.jpegBase64Md5.clear();
        }
    }
    if (!(*d.message == message))
        QFAIL(qPrintable(QStringLiteral("round trip changed the message: %1").arg(QString::fromUtf8(wire.left(400)))));
    QCOMPARE(encode(*d.message).size() > 0, true);
}

void TestProtocolCodec::tolerance_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");

    // Each row is sloppy in one way real devices are, and must still read right.
    QTest::newRow("hex number") << QByteArray(R"({"method":"keepalive","uuid":"u","device_type":0x12})") << "device_type" << "18";
    QTest::newRow("hex in a string") << QByteArray(R"({"method":"keepalive","uuid":"u","device_type":"0x16"})") << "device_type" << "22";
    QTest::newRow("number as string") << QByteArray(R"({"method":"keepalive","uuid":"u","device_type":"16"})") << "device_type" << "16";
    QTest::newRow("string as number") << QByteArray(R"({"method":"keepalive","uuid":12345,"device_type":16})") << "uuid" << "12345";
    QTest::newRow("unquoted value") << QByteArray(R"({"method":keepalive,"uuid":dev-1.local})") << "uuid" << "dev-1.local";
    QTest::newRow("unquoted key") << QByteArray(R"({method:"keepalive", uuid : "u2"})") << "uuid" << "u2";
    QTest::newRow("missing comma") << QByteArray("{\"method\":\"keepalive\"\n\"uuid\":\"u3\"}") << "uuid" << "u3";
    QTest::newRow("missing comma after number") << QByteArray(R"({"method":"keepalive","device_type":16"uuid":"u4"})") << "uuid" << "u4";
    QTest::newRow("full-width comma") << QByteArray("{\"method\":\"keepalive\"\xEF\xBC\x8C\"uuid\":\"u5\"}") << "uuid" << "u5";
    QTest::newRow("full-width colon") << QByteArray("{\"method\":\"keepalive\",\"uuid\"\xEF\xBC\x9A\"u6\"}") << "uuid" << "u6";
    QTest::newRow("curly quotes") << QByteArray("{\"method\":\"keepalive\",\"uuid\":\xE2\x80\x9Cu7\xE2\x80\x9D}") << "uuid" << "u7";
    QTest::newRow("key with stray spaces") << QByteArray(R"({"method":"keepalive"," uuid ":"u8"})") << "uuid" << "u8";
    QTest::newRow("key in other case") << QByteArray(R"({"method":"keepalive","UUID":"u9"})") << "uuid" << "u9";
    QTest::newRow("trailing comma") << QByteArray(R"({"method":"keepalive","uuid":"u10",})") << "uuid" << "u10";
    QTest::newRow("comment") << QByteArray("{\"method\":\"keepalive\", // heartbeat\n\"uuid\":\"u11\"}") << "uuid" << "u11";
    QTest::newRow("raw newline in string") << QByteArray("{\"method\":\"keepalive\",\"soft_version\":\"V1\nbeta\",\"uuid\":\"u\"}") << "soft_version" << "V1\nbeta";
    QTest::newRow("single quotes") << QByteArray(R"({'method':'keepalive','uuid':'u12'})") << "uuid" << "u12";
    QTest::newRow("utf-8 bom") << QByteArray("\xEF\xBB\xBF{\"method\":\"keepalive\",\"uuid\":\"u13\"}") << "uuid" << "u13";
    QTest::newRow("method with spaces") << QByteArray(R"({"method":" keepalive ","uuid":"u14"})") << "uuid" << "u14";
    // Found by fuzzing (docs/FUZZING.md): the key's trailing "\t" was trimmed as a written
    // tab, leaving its backslash to escape the closing quote.
    QTest::newRow("unquoted key ending in backslash, t") << QByteArray(R"({method:"keepalive", dir\t:"x", uuid:"u15"})") << "uuid" << "u15";
}

void TestProtocolCodec::tolerance()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, field);
    QFETCH(QString, value);
    const Decoded d = decode(text);
    QVERIFY2(d.ok(), qPrintable(d.error.describe()));
    const auto *k = d.as<KeepaliveRequest>();
    QVERIFY(k);
    QString got;
    if (field == QLatin1String("uuid"))
        got = k->uuid;
    else if (field == QLatin1String("device_type"))
        got = QString::number(k->deviceType);
    else if (field == QLatin1String("soft_version"))
        got = k->softVersion;
    QCOMPARE(got, value);
}

void TestProtocolCodec::rejects_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<DecodeErrorKind>("kind");
    QTest::addColumn<QString>("field");

    QTest::newRow("empty") << QByteArray("  \n") << DecodeErrorKind::Json << "";
    QTest::newRow("array") << QByteArray("[1,2]") << DecodeErrorKind::Json << "";
    QTest::newRow("garbage") << QByteArray("{\"method\":}") << DecodeErrorKind::Json << "";
    QTest::newRow("trailing junk") << QByteArray(R"({"method":"keepalive","uuid":"u"} {)") << DecodeErrorKind::Json << "";
    QTest::newRow("invalid utf-8") << QByteArray("{\"method\":\"keepalive\",\"uuid\":\"\xFF\xFE\"}") << DecodeErrorKind::Json << "";
    QTest::newRow("invalid utf-8, sloppy") << QByteArray("{method:keepalive,uuid:\"\xC3\x28\"}") << DecodeErrorKind::Json << "";
    QTest::newRow("no method") << QByteArray(R"({"uuid":"u"})") << DecodeErrorKind::MissingMethod << "method";
    QTest::newRow("unknown method") << QByteArray(R"({"method":"reboot"})") << DecodeErrorKind::UnknownMethod << "method";
    QTest::newRow("method not text") << QByteArray(R"({"method":{"a":1}})") << DecodeErrorKind::WrongType << "method";
    QTest::newRow("uuid too long") << QByteArray(R"({"method":"keepalive","uuid":"123456789012345678901234567890123"})") << DecodeErrorKind::TooLong << "uuid";
    QTest::newRow("uuid missing") << QByteArray(R"({"method":"keepalive"})") << DecodeErrorKind::MissingField << "uuid";
    QTest::newRow("device type placeholder") << QByteArray(R"({"method":"keepalive","uuid":"u","device_type":"xxx"})") << DecodeErrorKind::WrongType << "device_type";
    QTest::newRow("device type fraction") << QByteArray(R"({"method":"keepalive","uuid":"u","device_type":16.5})") << DecodeErrorKind::WrongType << "device_type";
    QTest::newRow("device type 1e30") << QByteArray(R"({"method":"keepalive","uuid":"u","device_type":1e30})") << DecodeErrorKind::WrongType << "device_type";
    QTest::newRow("device type out of range") << QByteArray(R"({"method":"keepalive","uuid":"u","device_type":4096})") << DecodeErrorKind::OutOfRange << "device_type";
    QTest::newRow("bad base64") << QByteArray(R"({"method":"sw_face_compare_push","uuid":"u","data":{"img_data":"!!!!"}})") << DecodeErrorKind::BadBase64 << "data.img_data";
    QTest::newRow("truncated base64") << QByteArray(R"({"method":"sw_face_compare_push","uuid":"u","data":{"img_fr":"/9j/4AAQSk"}})") << DecodeErrorKind::BadBase64 << "data.img_fr";
    QTest::newRow("position not an object") << QByteArray(R"({"method":"sw_face_compare_push","uuid":"u","data":{"position":0}})") << DecodeErrorKind::WrongType << "data.position";
    QTest::newRow("score not a number") << QByteArray(R"({"method":"sw_face_compare_push","uuid":"u","data":{"match_score":"high"}})") << DecodeErrorKind::WrongType << "data.match_score";
    QTest::newRow("time placeholder") << QByteArray(R"({"method":"sw_face_compare_push","uuid":"u","data":{"capture_time":"xxx"}})") << DecodeErrorKind::BadTime << "data.capture_time";
    QTest::newRow("short feature") << QByteArray(R"({"method":"sw_face_compare_push","uuid":"u","data":{"face_feature":"0.1,0.2"}})") << DecodeErrorKind::BadFeature << "data.face_feature";
    QTest::newRow("data missing") << QByteArray(R"({"method":"sw_face_capture_push","uuid":"u"})") << DecodeErrorKind::MissingField << "data";
    QTest::newRow("index id zero") << QByteArray(R"({"dataLength":1,"data":{"method":"sw_server_del_pic","param":{"index_id":0}}})") << DecodeErrorKind::OutOfRange << "data.param.index_id";
    QTest::newRow("batch item not an object") << QByteArray(R"({"dataLength":1,"data":{"method":"sw_server_add_multiple_pic","param":[7]}})") << DecodeErrorKind::WrongType << "data.param[0]";
    QTest::newRow("reply code placeholder") << QByteArray(R"({"code":"error","retMsg":""})") << DecodeErrorKind::WrongType << "code";
    // Ambiguity is refused: a forged token first and the real one last, or two senders.
    QTest::newRow("token twice") << QByteArray(R"({"method":"keepalive","uuid":"u","token":"forged","token":"real"})") << DecodeErrorKind::Ambiguous << "token";
    QTest::newRow("uuid twice, other case") << QByteArray(R"({"method":"keepalive","uuid":"A","UUID":"B"})") << DecodeErrorKind::Ambiguous << "uuid";
    QTest::newRow("method twice") << QByteArray(R"({"method":"keepalive","method":"accesstoken","uuid":"u"})") << DecodeErrorKind::Ambiguous << "method";
    QTest::newRow("method twice, sloppy") << QByteArray(R"({method:keepalive,"method":"accesstoken",uuid:u})") << DecodeErrorKind::Ambiguous << "method";
    QTest::newRow("uuid twice in the envelope") << QByteArray(R"({"dataLength":1,"data":{"method":"keepalive","uuid":"A","uuid":"B"}})") << DecodeErrorKind::Ambiguous << "uuid";
    QTest::newRow("image twice") << QByteArray(R"({"method":"sw_face_compare_push","uuid":"u","data":{"img_data":"/9j/","img_data":"/9j/"}})") << DecodeErrorKind::Ambiguous << "img_data";
    QTest::newRow("escaped key twice") << QByteArray(R"({"method":"keepalive","uuid":"u","token":"a","tok\u0065n":"b"})") << DecodeErrorKind::Ambiguous << "token";
    // Identity fields are text (or a plain number), nothing else.
    QTest::newRow("uuid true") << QByteArray(R"({"method":"accesstoken","uuid":true,"mac":"m","device_type":16})") << DecodeErrorKind::WrongType << "uuid";
    QTest::newRow("uuid -1.5") << QByteArray(R"({"method":"accesstoken","uuid":-1.5,"mac":"m","device_type":16})") << DecodeErrorKind::WrongType << "uuid";
    QTest::newRow("uuid an object") << QByteArray(R"({"method":"keepalive","uuid":{"a":1}})") << DecodeErrorKind::WrongType << "uuid";
    QTest::newRow("uuid blank") << QByteArray(R"({"method":"keepalive","uuid":" "})") << DecodeErrorKind::MissingField << "uuid";
    QTest::newRow("uuid a byte-order mark") << QByteArray("{\"method\":\"keepalive\",\"uuid\":\"\xEF\xBB\xBF\"}") << DecodeErrorKind::MissingField << "uuid";
    QTest::newRow("token false") << QByteArray(R"({"method":"keepalive","uuid":"u","token":false})") << DecodeErrorKind::WrongType << "token";
    // dataLength is a whole number of bytes wherever it is, or the message is refused.
    QTest::newRow("dataLength negative") << QByteArray(R"({"dataLength":-5,"method":"keepalive","uuid":"u"})") << DecodeErrorKind::OutOfRange << "dataLength";
    QTest::newRow("dataLength NaN") << QByteArray(R"({"dataLength":NaN,"method":"keepalive","uuid":"u"})") << DecodeErrorKind::WrongType << "dataLength";
    QTest::newRow("dataLength text") << QByteArray(R"({"dataLength":"long","method":"keepalive","uuid":"u"})") << DecodeErrorKind::WrongType << "dataLength";
    QTest::newRow("dataLength an object") << QByteArray(R"({"dataLength":{"n":1},"data":{"method":"keepalive","uuid":"u"}})") << DecodeErrorKind::WrongType << "dataLength";
    QTest::newRow("dataLength a fraction") << QByteArray(R"({"dataLength":12.5,"data":{"method":"keepalive","uuid":"u"}})") << DecodeErrorKind::WrongType << "dataLength";
    QTest::newRow("100 MB dataLength is only a number")
        << QByteArray(R"({"dataLength":104857600,"data":{"method":"sw_server_del_pic","param":{"index_id":-5}}})")
        << DecodeErrorKind::OutOfRange << "data.param.index_id";
}

void TestProtocolCodec::rejects()
{
    QFETCH(QByteArray, text);
    QFETCH(DecodeErrorKind, kind);
    QFETCH(QString, field);
    const Decoded d = decode(text);
    QVERIFY(!d.ok());
    QCOMPARE(d.error.kind, kind);
    QCOMPARE(d.error.field, field);
    QVERIFY(!d.error.describe().isEmpty());
}

void TestProtocolCodec::truncatedAtEveryOffset_data()
{
    QTest::addColumn<QByteArray>("text");
    FacePush small = samplePush(FacePush::Kind::Compare);
    small.image = fakeJpeg(30, 'a');
    small.background.clear();
    small.feature = featureOf(128, 3);
    QTest::newRow("strict compare push") << encode(small);
    QTest::newRow("enveloped add") << encode(AddPicRequest{false, samplePicture(5)});
    for (const char *name : {"compare_push_request", "cap_face_report_request", "get_face_rcg_list_response",
                             "del_multiple_pic_request", "http_error_format"})
        QTest::newRow(name) << example(QString::fromLatin1(name));
}

void TestProtocolCodec::truncatedAtEveryOffset()
{
    QFETCH(QByteArray, text);
    const QByteArray whole = text.trimmed();
    for (qsizetype n = 0; n < whole.size(); ++n) {
        const Decoded d = decode(QByteArrayView(whole.constData(), n));
        if (d.ok())
            QFAIL(qPrintable(QStringLiteral("a prefix of %1 bytes decoded as %2").arg(n).arg(messageName(*d.message))));
        QVERIFY(d.error.kind != DecodeErrorKind::None);
    }
}

void TestProtocolCodec::nestingBombs()
{
    const QByteArray strictBomb = "{\"a\":" + QByteArray(200000, '[');
    Decoded d = decode(strictBomb);
    QCOMPARE(d.error.kind, DecodeErrorKind::Json);
    QVERIFY(d.error.detail.contains(QLatin1String("deep")) || d.error.detail.contains(QLatin1String("nest")));

    QByteArray sloppyBomb;
    for (int i = 0; i < 100000; ++i)
        sloppyBomb += "{a:";
    d = decode(sloppyBomb);
    QCOMPARE(d.error.kind, DecodeErrorKind::Json);

    const QByteArray objectBomb = QByteArray(100000, '{');
    QCOMPARE(decode(objectBomb).error.kind, DecodeErrorKind::Json);
}

void TestProtocolCodec::dataLengthCountsItself_data()
{
    QTest::addColumn<int>("innerSize");
    // Sizes around the points where N gains a digit.
    for (int s : {0, 1, 50, 74, 75, 76, 77, 976, 977, 978, 9975, 9976, 9977, 99974, 99975, 99976})
        QTest::newRow(qPrintable(QString::number(s))) << s;
}

void TestProtocolCodec::dataLengthCountsItself()
{
    QFETCH(int, innerSize);
    const QByteArray inner = innerSize >= 2 ? "{" + QByteArray(innerSize - 2, ' ') + "}" : QByteArray(innerSize, ' ');
    const QByteArray wrapped = wrapWithDataLength(inner);
    QCOMPARE(qint64(wrapped.size()), dataLengthFor(inner.size()));
    QVERIFY(wrapped.startsWith("{\"dataLength\":" + QByteArray::number(wrapped.size()) + ",\"data\":"));
}

void TestProtocolCodec::attributeProblemsAreWarnings()
{
    // One odd attribute must not cost a security event: it reads as unknown, with a warning.
    const Decoded d = decode(R"({"method":"sw_face_capture_push","uuid":"u","data":{"img_data":"/9j/4A==",
        "attribute":{"age":"","gender":3,"glasses":1.5,"mask":"1","emotion":"happy"}}})");
    QVERIFY2(d.ok(), qPrintable(d.error.describe()));
    const auto *p = d.as<FacePush>();
    QCOMPARE(p->attributes.age, -1);
    QCOMPARE(p->attributes.gender, -1);
    QCOMPARE(p->attributes.glasses, -1);
    QCOMPARE(p->attributes.mask, 1);
    QCOMPARE(p->attributes.emotion, -1);
    QCOMPARE(d.warnings.size(), 3);
    QVERIFY(d.warnings.join(u' ').contains(QLatin1String("data.attribute.gender")));
}

void TestProtocolCodec::resultCodesHaveText()
{
    const QList<int> codes = {0, -1001, -1002, -1003, -1004, -2001, -2002, -2003, -2004, -2005, -2006};
    QSet<QString> seen;
    for (int c : codes) {
        QVERIFY(isKnownResultCode(c));
        seen.insert(resultCodeText(c));
    }
    for (int c = 100001; c <= 100020; ++c) {
        QVERIFY(isKnownResultCode(c));
        seen.insert(resultCodeText(c));
    }
    QCOMPARE(seen.size(), codes.size() + 20); // every code has its own sentence
    QVERIFY(!isKnownResultCode(-2));
    QVERIFY(resultCodeText(-2).contains(QLatin1String("-2")));
    QVERIFY(isPermanentLibraryError(-2002));
    QVERIFY(isPermanentLibraryError(100016));
    QVERIFY(!isPermanentLibraryError(100020)); // busy: try again later
    QVERIFY(!isPermanentLibraryError(-1001));
}

void TestProtocolCodec::deviceTypeNames()
{
    QCOMPARE(deviceTypeName(0x10), QStringLiteral("Face capture camera"));
    QCOMPARE(deviceTypeName(0x18), QStringLiteral("AI NVR"));
    QCOMPARE(deviceTypeName(0x20), QStringLiteral("CMS"));
    QVERIFY(deviceTypeName(0x33).contains(QLatin1String("0x33")));
    QVERIFY(isFaceDevice(0x14));
    QVERIFY(!isFaceDevice(0x20));
}

void TestProtocolCodec::base64_data()
{
    // Lengths on both sides of the 32-character vector blocks and their 45-character
    // safety margin, and damage inside a block, at its edges and in the scalar tail.
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");  // empty with ok false: must be refused
    QTest::addColumn<bool>("ok");
    QRandomGenerator rng(11);
    for (int size : {0, 1, 2, 3, 23, 24, 25, 33, 34, 35, 36, 48, 96, 97, 98, 1000, 20000}) {
        QByteArray bytes(size, Qt::Uninitialized);
        for (char &c : bytes)
            c = char(rng.bounded(256));
        const QByteArray text = bytes.toBase64();
        QTest::addRow("%d bytes", size) << text << bytes << true;
        if (text.size() < 8)
            continue;
        QByteArray wrapped;  // MIME-style lines: white space falls back to the careful loop
        for (qsizetype i = 0; i < text.size(); i += 76)
            wrapped += text.mid(i, 76) + "\r\n";
        QTest::addRow("%d bytes, wrapped", size) << wrapped << bytes << true;
        for (qsizetype at : {qsizetype(0), qsizetype(5), qsizetype(31), qsizetype(32), text.size() / 2, text.size() - 5}) {
            for (char junk : {'@', '-', '_', '=', char(0x80), char(0xFF), '\0'}) {
                if (at >= text.size() || text[at] == junk || (junk == '=' && at >= text.size() - 2))
                    continue;  // not damage: the same text, or padding where padding may be
                QByteArray bad = text;
                bad[at] = junk;
                QTest::addRow("%d bytes, 0x%02x at %d", size, uchar(junk), int(at)) << bad << QByteArray() << false;
            }
        }
    }
    QTest::newRow("padding inside") << QByteArray("QUJD=QUJD") << QByteArray() << false;
    QTest::newRow("one character short") << QByteArray("QUJDRA=") << QByteArray() << false;
}

void TestProtocolCodec::base64()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    QFETCH(bool, ok);
    QByteArray fromBytes, fromText;
    QCOMPARE(decodeBase64(QByteArrayView(text), &fromBytes), ok);
    QCOMPARE(decodeBase64(QStringView(QString::fromLatin1(text)), &fromText), ok);
    if (ok) {
        QCOMPARE(fromBytes, expected);
        QCOMPARE(fromText, expected);
    }
}

void TestProtocolCodec::liftedImages_data()
{
    // The image values are taken out of the text before parsing; every way a device
    // may write them must still give the same bytes, or the same error.
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("image");       // expected img_data
    QTest::addColumn<QByteArray>("background");  // expected img_fr
    QTest::addColumn<QString>("errorField");     // empty: must decode
    QTest::addColumn<int>("liftedCount");        // values taken out before parsing

    const QByteArray face = fakeJpeg(3000, 'f'), scene = fakeJpeg(9000, 's');
    const QByteArray f64 = face.toBase64(), s64 = scene.toBase64();
    const auto push = [](const QByteArray &data) {
        return QByteArray(R"({"method":"sw_face_capture_push","uuid":"u","token":"t","data":{)") + data + "}}";
    };
    QTest::newRow("strict") << push("\"img_data\":\"" + f64 + "\",\"img_fr\":\"" + s64 + "\"") << face << scene << QString() << 2;
    QTest::newRow("spaces around the colon") << push("\"img_data\" :\n \"" + f64 + "\"") << face << QByteArray() << QString() << 1;
    QTest::newRow("key in other case") << push("\"IMG_Data\":\"" + f64 + "\"") << face << QByteArray() << QString() << 1;
    QByteArray escaped = f64;
    escaped.replace("/", "\\/");
    QTest::newRow("escaped slashes (not lifted)") << push("\"img_data\":\"" + escaped + "\"") << face << QByteArray() << QString() << 0;
    QByteArray lines;
    for (qsizetype i = 0; i < s64.size(); i += 76)
        lines += s64.mid(i, 76) + "\n";
    QTest::newRow("raw line breaks") << push("\"img_fr\":\"" + lines + "\"") << QByteArray() << scene << QString() << 1;
    QTest::newRow("sloppy elsewhere") << push("img_data:\"" + f64 + "\", \"img_fr\":\"" + s64 + "\"\xEF\xBC\x8C\"track_id\":0x10")
                                      << face << scene << QString() << 1;
    QTest::newRow("a long string that is no image")
        << push("\"extra_note\":\"" + QByteArray(300, 'n') + "\",\"img_data\":\"" + f64 + "\"") << face << QByteArray() << QString() << 1;
    QByteArray broken = f64;
    broken[700] = '!';
    QTest::newRow("bad base64 names its field") << push("\"img_data\":\"" + broken + "\"") << QByteArray() << QByteArray()
                                                << QStringLiteral("data.img_data") << 1;
    QTest::newRow("marker sent by a device is not a reference")
        << push("\"img_data\":\"\\u00010\",\"img_fr\":\"" + s64 + "\"") << QByteArray() << QByteArray()
        << QStringLiteral("data.img_data") << 1;
}

void TestProtocolCodec::liftedImages()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, image);
    QFETCH(QByteArray, background);
    QFETCH(QString, errorField);
    QFETCH(int, liftedCount);
    QByteArray withoutImages;
    LiftedImages lifted;
    QCOMPARE(liftBase64Values(text, &withoutImages, &lifted), liftedCount > 0);
    QCOMPARE(int(lifted.spans.size()), liftedCount);
    qsizetype liftedBytes = 0;
    for (const QByteArrayView span : lifted.spans) {
        QVERIFY(span.size() >= 256);
        liftedBytes += span.size();
    }
    if (liftedCount > 0)  // the parser sees the message without them, each replaced by a short marker
        QVERIFY(withoutImages.size() <= text.size() - liftedBytes + 40 * liftedCount);
    const Decoded d = decode(text);
    if (!errorField.isEmpty()) {
        QVERIFY(!d.ok());
        QCOMPARE(d.error.kind, DecodeErrorKind::BadBase64);
        QCOMPARE(d.error.field, errorField);
        // Told in the device's terms, never with FaceDesk's internal placeholder.
        const QString why = d.error.describe();
        QVERIFY2(why.contains(QLatin1String("not valid base64")), qPrintable(why));
        QVERIFY2(!why.contains(QChar(0x01)) && !why.contains(QLatin1String("\\u0001")), qPrintable(why));
        if (QByteArray(QTest::currentDataTag()) == "bad base64 names its field")
            QVERIFY2(why.contains(QLatin1String("\"!\" at character 701")), qPrintable(why));
        return;
    }
    QVERIFY2(d.ok(), qPrintable(d.error.describe()));
    const auto *p = d.as<FacePush>();
    QVERIFY(p);
    QCOMPARE(p->image, image);
    QCOMPARE(p->background, background);
}

QTEST_GUILESS_MAIN(TestProtocolCodec)
#include "tst_protocolcodec.moc"
