// The embedded server in-process on loopback: tokens, admission, presence, every
// kind of bad input, ordered replies, and what reaches the archive.
#include "../support/TestDesk.h"
#include "../support/ThreadSafeSpy.h"
#include "TestClient.h"
#include "../support/HostileJpegs.h"

#include "devices/DeviceRegistry.h"
#include "protocol/ErrorCodes.h"
#include "protocol/MessageCodec.h"
#include "server/FaceServer.h"
#include "store/ArchiveFeed.h"
#include "store/ArchiveReader.h"
#include "store/ImageFileCheck.h"
#include "store/ImageStore.h"
#include "store/SqlDialect.h"
#include "store/StoreWriter.h"
#include "store/WalCheckpointer.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QProcess>
#include <QScopeGuard>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

#include <unistd.h>

using namespace fd;
using namespace fd::protocol;

namespace {

// A JPEG by structure (the door reads it), `size` bytes, its scan `fill`.
QByteArray jpegBytes(int size, char fill)
{
    return jpegShell({}, size - kJpegShellBytes, fill);
}

// A guard's acknowledgement of a blacklist alert, now (eventId -1: none).
store::AlertAck blacklistAck(qint64 eventId, const QString &by)
{
    store::AlertAck ack;
    ack.eventId = eventId;
    ack.kind = QStringLiteral("blacklist");
    ack.raisedAt = ack.acknowledgedAt = QDateTime::currentMSecsSinceEpoch();
    ack.acknowledgedBy = by;
    return ack;
}

FacePush push(const QString &uuid, const QString &token, int n = 1)
{
    FacePush p;
    p.kind = FacePush::Kind::Compare;
    p.uuid = uuid;
    p.token = token;
    p.deviceType = 0x12;
    p.channel = 0;
    p.indexId = 478;
    p.picSort = 1;
    p.matchScore = 0.91;
    p.captureTimeText = QStringLiteral("2026-11-25 10:00:%1").arg(n % 60, 2, 10, QLatin1Char('0'));
    p.captureTime = QDateTime::fromString(p.captureTimeText, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    p.image = jpegBytes(2000 + n, char('a' + n % 20));
    p.imageName = QStringLiteral("FACE_%1_%2.jpg").arg(uuid).arg(n);
    p.background = jpegBytes(9000 + n, 'z');
    p.backgroundName = QStringLiteral("FACE_%1_%2_YT.jpg").arg(uuid).arg(n);
    p.position = FaceRect{10, 20, 30, 40, true};
    return p;
}

// The message with an exact {"dataLength":N,...} in front, as some firmware sends it.
QByteArray withDataLength(const QByteArray &json)
{
    qsizetype length = json.size();
    for (;;) {
        const QByteArray out = "{\"dataLength\":" + QByteArray::number(length) + "," + json.mid(1);
        if (out.size() == length)
            return out;
        length = out.size();
    }
}

int codeOf(const std::optional<net::Frame> &frame)
{
    if (!frame)
        return 999999;
    const Decoded d = decode(frame->json);
    if (const auto *s = d.as<StatusReply>())
        return s->code;
    if (const auto *k = d.as<KeepaliveReply>())
        return k->code;
    if (const auto *t = d.as<AccessTokenReply>())
        return t->code;
    if (const auto *r = d.as<CapFaceReportReply>())
        return r->result;
    if (const auto *s = d.as<DeviceSyncReply>())
        return s->code;
    return 888888;
}

int httpStatus(const std::optional<net::Frame> &frame)
{
    return frame && frame->kind == net::Frame::Kind::Http ? frame->http.statusCode : 0;
}

// The shared test desk (TestDesk.h) without the library sync, started at once, with
// this suite's account for sw_cap_face_report.
struct Desk : TestDesk {
    explicit Desk(devices::RegistryPolicy policy = acceptAll(), server::ServerConfig config = local(),
                  store::WriterOptions writerOptions = {}, const QString &dataDir = {},
                  const std::optional<store::DatabaseConfig> &database = std::nullopt)
    {
        options.registry = policy;
        options.server = config;
        options.writer = writerOptions;
        if (database)
            options.database = *database;  // another collector's archive
        else if (!dataDir.isEmpty())
            options.database = testarchive::config(dataDir);
        startOrDie();
    }

    static devices::RegistryPolicy acceptAll()
    {
        devices::RegistryPolicy p;
        p.acceptNewDevices = true;
        p.reportUser = QStringLiteral("admin");
        p.reportPassword = QStringLiteral("s3cret");
        return p;
    }
    static server::ServerConfig local()
    {
        server::ServerConfig c;
        c.bind = QHostAddress::LocalHost;
        c.httpPort = 0;
        c.tcpPort = 0;
        return c;
    }

    QString token(TestClient &c, const QString &uuid)
    {
        AccessTokenRequest req;
        req.uuid = uuid;
        req.deviceType = 0x12;
        req.mac = QStringLiteral("02:00:00:00:00:01");
        const auto reply = c.post("/cloud_kq/api/getAccessToken", encode(req));
        if (!reply)
            return {};
        const Decoded d = decode(reply->json);
        const auto *t = d.as<AccessTokenReply>();
        return t ? t->token : QString();
    }
};

} // namespace

class TestServer : public QObject {
    Q_OBJECT

private slots:
    void logIsCheckpointedOffTheWriter();
    void pushIsAcknowledgedAfterCommit();
    void pendingDeviceUntilApproved();
    void wrongTokenAndUnknownDevices();
    void badInputIsRefusedAndNothingStored_data();
    void badInputIsRefusedAndNothingStored();
    void bodyOverLimitGets413AndClose();
    void slowClientIsDisconnected();
    void tricklingDoesNotKeepAFrameAlive();
    void idleClockCountsTheLastMessage();
    void busyArchiveAsksForRetry();
    void databaseOutageAsksForRetryAndResumes();
    void feedBringsWhatOtherProcessesCommit();
    void feedStepsOverNoIdCommittedLate();
    void aGroupTheDatabaseEndsIsWrittenAgain();
    void longConnectionRepliesInOrder();
    void sessionsOpenCloseAndReplace();
    void capFaceReportUsesItsAccount();
    void presenceGoesOfflineAfterMissedHeartbeats();
    void retriedPushIsStoredOnce();
    void httpCloseAndKeepAlive();
    void retentionByAgeAndSceneQuota();
    void retentionPerList_data();
    void retentionPerList();
    void connectionLimits();
    void nothingIsReadBehindAShortHttpRequest_data();
    void nothingIsReadBehindAShortHttpRequest();
    void implausibleImagesAreRefusedAtTheDoor();
    void looseHttpIsRefusedAndTheConnectionClosed_data();
    void looseHttpIsRefusedAndTheConnectionClosed();
    void answersOwedBeforeAFramingErrorAreSent();
    void dataLengthPolicyIsTheSameOnBothTransports();
    void diskFullRefusesWithTheBusyCodeAndResumes();
    void damagedImageFileIsFoundAndMended();
    void truncatedMessageIsDroppedAndTheStreamGoesOn_data();
    void truncatedMessageIsDroppedAndTheStreamGoesOn();
};

void TestServer::logIsCheckpointedOffTheWriter()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    store::DatabaseConfig config;
    config.dataDir = dir.path();
    QString error;
    {
        QSqlDatabase writer = store::openDatabase(config, QStringLiteral("ckpt-writer"), &error);
        QVERIFY2(writer.isOpen(), qPrintable(error));
        QVERIFY(store::execStatement(writer, QStringLiteral("PRAGMA wal_autocheckpoint=0"), &error));  // only ours
        QVERIFY(store::execStatement(writer, QStringLiteral("CREATE TABLE scratch(x)"), &error));
        const auto insert = [&](int n) {
            QVERIFY(writer.transaction());
            QSqlQuery q(writer);
            for (int i = 0; i < n; ++i)
                QVERIFY(q.exec(QStringLiteral("INSERT INTO scratch VALUES (randomblob(1000))")));
            QVERIFY(writer.commit());
        };
        insert(500);

        store::WalCheckpointer checkpointer(config, 20);
        QVERIFY2(checkpointer.start(&error), qPrintable(error));
        QSignalSpy spy(&checkpointer, &store::WalCheckpointer::checkpointed);
        const auto waitFor = [&](bool complete) {
            for (;;) {
                if (spy.isEmpty() && !spy.wait(5000))
                    return false;
                const QList<QVariant> args = spy.takeFirst();
                if ((args[1].toInt() >= args[0].toInt()) == complete && args[0].toInt() > 0)
                    return true;
            }
        };
        checkpointer.noteCommit();
        QVERIFY(waitFor(true));

        // The rows are in the database file itself, not only in the log beside it.
        QVERIFY(QFile::copy(config.sqlitePath(), dir.filePath(QStringLiteral("copy.sqlite"))));
        {
            QSqlDatabase copy = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("ckpt-copy"));
            copy.setDatabaseName(dir.filePath(QStringLiteral("copy.sqlite")));
            QVERIFY(copy.open());
            QSqlQuery q(copy);
            QVERIFY2(q.exec(QStringLiteral("SELECT count(*) FROM scratch")) && q.next(), qPrintable(q.lastError().text()));
            QCOMPARE(q.value(0).toInt(), 500);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("ckpt-copy"));

        // A reader holding an old snapshot keeps part of the log; once it lets go, a
        // later tick takes the rest without another commit being noted.
        {
            QSqlDatabase reader = store::openDatabase(config, QStringLiteral("ckpt-reader"), &error);
            QVERIFY(reader.transaction());
            QSqlQuery hold(reader);
            QVERIFY(hold.exec(QStringLiteral("SELECT count(*) FROM scratch")) && hold.next());
            insert(200);
            checkpointer.noteCommit();
            QVERIFY(waitFor(false));
            hold.finish();
            QVERIFY(reader.commit());
            QVERIFY(waitFor(true));
            reader.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("ckpt-reader"));
        checkpointer.stop();
        writer.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("ckpt-writer"));
}

void TestServer::pushIsAcknowledgedAfterCommit()
{
    Desk desk;
    TestClient c;
    QVERIFY(c.connectTo(desk.server->httpPort()));
    const QString token = desk.token(c, QStringLiteral("DEV1"));
    QCOMPARE(token.size(), 64);
    QSignalSpy committed(desk.server, &server::FaceServer::eventCommitted);
    const FacePush p = push(QStringLiteral("DEV1"), token);
    const auto reply = c.post("/cloud_kq/api/face/push", encode(p));
    QCOMPARE(codeOf(reply), code::Ok);
    QCOMPARE(httpStatus(reply), 200);
    // The success reply is written only after the commit: the signal has fired by now.
    QCOMPARE(committed.size(), 1);
    QCOMPARE(desk.count(), qint64(1));

    // The images are on disk, named by content, byte-identical.
    QString error;
    QSqlDatabase check = store::openDatabase(desk.db, QStringLiteral("check"), &error);
    QSqlQuery q(check);
    QVERIFY(q.exec(QStringLiteral("SELECT face_path, scene_path, img_name, index_id, match_score, pos_w FROM events")));
    QVERIFY(q.next());
    store::ImageStore images(desk.db.imagesDir());
    QFile face(images.absolutePath(q.value(0).toString()));
    QVERIFY(face.open(QIODevice::ReadOnly));
    QCOMPARE(face.readAll(), p.image);
    QFile scene(images.absolutePath(q.value(1).toString()));
    QVERIFY(scene.open(QIODevice::ReadOnly));
    QCOMPARE(scene.readAll(), p.background);
    QCOMPARE(q.value(2).toString(), p.imageName);
    QCOMPARE(q.value(3).toLongLong(), 478);
    QCOMPARE(q.value(4).toDouble(), 0.91);
    QCOMPARE(q.value(5).toInt(), 30);
}

void TestServer::pendingDeviceUntilApproved()
{
    devices::RegistryPolicy policy;  // the default for a new install: hold new devices
    Desk desk(policy);
    QSignalSpy pending(desk.registry, &devices::DeviceRegistry::devicePending);
    TestClient c;
    QVERIFY(c.connectTo(desk.server->httpPort()));
    QVERIFY(desk.token(c, QStringLiteral("NEW1")).isEmpty());
    QCOMPARE(pending.size(), 1);
    QCOMPARE(desk.registry->device(QStringLiteral("NEW1"))->state, QStringLiteral("pending"));
    // Its pushes are refused as not registered.
    QCOMPARE(codeOf(c.post("/faceinfo", encode(push(QStringLiteral("NEW1"), QStringLiteral("x"))))), code::NotRegistered);

    QVERIFY(desk.registry->approve(QStringLiteral("NEW1")));
    const QString token = desk.token(c, QStringLiteral("NEW1"));
    QVERIFY(!token.isEmpty());
    QCOMPARE(codeOf(c.post("/faceinfo", encode(push(QStringLiteral("NEW1"), token)))), code::Ok);
    QCOMPARE(desk.count(), qint64(1));

    QVERIFY(desk.registry->reject(QStringLiteral("NEW1")));
    QCOMPARE(codeOf(c.post("/faceinfo", encode(push(QStringLiteral("NEW1"), token, 2)))), code::NotRegistered);
    QCOMPARE(desk.count(), qint64(1));
}

void TestServer::wrongTokenAndUnknownDevices()
{
    Desk desk;
    TestClient c;
    QVERIFY(c.connectTo(desk.server->httpPort()));
    const QString token = desk.token(c, QStringLiteral("DEV2"));
    auto reply = c.post("/faceinfo", encode(push(QStringLiteral("DEV2"), token.left(63) + u'x')));
    QCOMPARE(codeOf(reply), code::TokenInvalid);
    QCOMPARE(httpStatus(reply), 403);
    // Another device's token is no good either.
    const QString other = desk.token(c, QStringLiteral("DEV3"));
    QCOMPARE(codeOf(c.post("/faceinfo", encode(push(QStringLiteral("DEV2"), other)))), code::TokenInvalid);
    // Heartbeats: unknown device -1002, bad token -1003, good token 0.
    KeepaliveRequest k;
    k.uuid = QStringLiteral("NOBODY");
    QCOMPARE(codeOf(c.post("/keepalive", encode(k))), code::NotInServerList);
    k.uuid = QStringLiteral("DEV2");
    k.token = QStringLiteral("forged");
    QCOMPARE(codeOf(c.post("/keepalive", encode(k))), code::TokenInvalid);
    k.token = token;
    QCOMPARE(codeOf(c.post("/keepalive", encode(k))), code::Ok);
    QCOMPARE(desk.count(), qint64(0));
}

void TestServer::badInputIsRefusedAndNothingStored_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("status");

    const auto withToken = [](FacePush p) { return p; };
    FacePush good = push(QStringLiteral("DEV9"), QStringLiteral("TOKEN"));
    QTest::newRow("malformed JSON") << QByteArray("{\"method\":\"sw_face_compare_push\",\"uuid\":") << code::JsonParseError << 400;
    QTest::newRow("not JSON at all") << QByteArray("hello") << code::JsonParseError << 400;
    QTest::newRow("no method") << QByteArray(R"({"uuid":"DEV9"})") << code::JsonParseError << 400;
    QByteArray badBase64 = encode(good);
    badBase64.replace("\"img_data\":\"", "\"img_data\":\"*");
    QTest::newRow("invalid base64") << badBase64 << code::JsonParseError << 400;
    FacePush png = good;
    png.image = QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(100, 'p');
    QTest::newRow("image not a JPEG") << encode(withToken(png)) << code::InvalidJpeg << 400;
    FacePush hostile = good;
    hostile.imageName = QStringLiteral("../../etc/passwd");
    QTest::newRow("hostile img_name") << encode(hostile) << code::ParameterError << 400;
    FacePush hostileScene = good;
    hostileScene.backgroundName = QStringLiteral("C:\\Windows\\evil.jpg");
    QTest::newRow("hostile img_fr_name") << encode(hostileScene) << code::ParameterError << 400;
    FacePush empty = good;
    empty.image.clear();
    empty.background.clear();
    QTest::newRow("no image, no feature") << encode(empty) << code::ParameterError << 400;
    QTest::newRow("a reply sent as a request") << encode(StatusReply{0, QStringLiteral("ok"), {}}) << code::ParameterError << 400;
}

void TestServer::badInputIsRefusedAndNothingStored()
{
    QFETCH(QByteArray, body);
    QFETCH(int, code);
    QFETCH(int, status);
    Desk desk;
    TestClient c;
    QVERIFY(c.connectTo(desk.server->httpPort()));
    const QString token = desk.token(c, QStringLiteral("DEV9"));
    body.replace("TOKEN", token.toLatin1());
    QSignalSpy rejected(desk.server, &server::FaceServer::messageRejected);
    const auto reply = c.post("/faceinfo", body);
    QCOMPARE(codeOf(reply), code);
    QCOMPARE(httpStatus(reply), status);
    QCOMPARE(rejected.size(), 1);
    QVERIFY(!rejected.first().at(1).toString().isEmpty());
    // The connection and the listener carry on: a good push on the same connection.
    QCOMPARE(codeOf(c.post("/faceinfo", encode(push(QStringLiteral("DEV9"), token, 5)))), code::Ok);
    QCOMPARE(desk.count(), qint64(1));
    QVERIFY(!QFile::exists(desk.dir.filePath(QStringLiteral("passwd"))));
}

void TestServer::bodyOverLimitGets413AndClose()
{
    server::ServerConfig config = Desk::local();
    config.limits.frame.maxFrameBytes = 64 * 1024;
    Desk desk(Desk::acceptAll(), config);
    TestClient c;
    QVERIFY(c.connectTo(desk.server->httpPort()));
    // A 100 MB claim is refused before the body is sent.
    c.send("POST /faceinfo HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n");
    const auto reply = c.next();
    QVERIFY(reply);
    QCOMPARE(reply->http.statusCode, 413);
    QCOMPARE(codeOf(reply), code::JsonParseError);
    QVERIFY(c.waitClosed());
    // The same over TCP: an object that never ends within the limit.
    TestClient t;
    QVERIFY(t.connectTo(desk.server->tcpPort()));
    t.send("{\"method\":\"keepalive\",\"uuid\":\"" + QByteArray(70 * 1024, 'u'));
    QCOMPARE(codeOf(t.next()), code::JsonParseError);
    QVERIFY(t.waitClosed());
    // Others are still served.
    TestClient d;
    QVERIFY(d.connectTo(desk.server->httpPort()));
    QVERIFY(!desk.token(d, QStringLiteral("DEV4")).isEmpty());
}

void TestServer::slowClientIsDisconnected()
{
    server::ServerConfig config = Desk::local();
    config.limits.partialFrameTimeoutMs = 300;
    Desk desk(Desk::acceptAll(), config);
    TestClient slow;
    QVERIFY(slow.connectTo(desk.server->httpPort()));
    slow.send("POST /faceinfo HTTP/1.1\r\nHost: x\r\nContent-");
    QVERIFY(slow.waitClosed(5000));
    TestClient other;
    QVERIFY(other.connectTo(desk.server->httpPort()));
    QVERIFY(!desk.token(other, QStringLiteral("DEV5")).isEmpty());
}

void TestServer::tricklingDoesNotKeepAFrameAlive()
{
    // The clock runs from a frame's first byte: a byte every 40 ms must not keep a
    // frame that never completes alive past its 300 ms (the timers are lazy, so this
    // is what proves that arriving bytes are not mistaken for a finished frame).
    server::ServerConfig config = Desk::local();
    config.limits.partialFrameTimeoutMs = 300;
    Desk desk(Desk::acceptAll(), config);
    TestClient slow;
    QVERIFY(slow.connectTo(desk.server->httpPort()));
    const QByteArray request = "POST /faceinfo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n";
    qsizetype sent = 0;
    QTimer trickle;
    trickle.setInterval(40);
    connect(&trickle, &QTimer::timeout, this, [&] {
        slow.send(sent < request.size() ? request.mid(sent, 1) : QByteArray("x"));
        ++sent;
    });
    QElapsedTimer clock;
    clock.start();
    slow.send(request.left(1));
    ++sent;
    trickle.start();
    QVERIFY(slow.waitClosed(5000));
    trickle.stop();
    QVERIFY2(clock.elapsed() >= 250, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(sent > 5);  // it was still sending when it was cut off
}

void TestServer::idleClockCountsTheLastMessage()
{
    // A connection that keeps talking outlives several idle periods; silent ones
    // opened meanwhile are closed one idle period after they opened.
    server::ServerConfig config = Desk::local();
    config.limits.idleTimeoutMs = 400;
    Desk desk(Desk::acceptAll(), config);
    TestClient active;
    QVERIFY(active.connectTo(desk.server->httpPort()));
    QVERIFY(!desk.token(active, QStringLiteral("DEVIDLE")).isEmpty());
    AccessTokenRequest again;
    again.uuid = QStringLiteral("DEVIDLE");
    again.deviceType = 0x12;
    again.mac = QStringLiteral("02:00:00:00:00:01");
    const QByteArray request = fd::framing::buildHttpRequest("POST", "/cloud_kq/api/getAccessToken", "127.0.0.1", encode(again), true);
    QTimer pacer;
    pacer.setInterval(100);
    connect(&pacer, &QTimer::timeout, this, [&] { active.send(request); });
    pacer.start();
    QElapsedTimer clock;
    clock.start();
    for (int round = 0; round < 3; ++round) {
        TestClient silent;
        QVERIFY(silent.connectTo(desk.server->httpPort()));
        QVERIFY(silent.waitClosed(5000));
    }
    pacer.stop();
    QVERIFY2(clock.elapsed() >= 3 * 380, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(active.socket().state(), QAbstractSocket::ConnectedState);
    QVERIFY(active.next());  // and still answered
}

void TestServer::busyArchiveAsksForRetry()
{
    store::WriterOptions tiny;
    tiny.maxQueued = 0;  // the archive "cannot keep up" at all
    Desk desk(Desk::acceptAll(), Desk::local(), tiny);
    TestClient c;
    QVERIFY(c.connectTo(desk.server->httpPort()));
    const QString token = desk.token(c, QStringLiteral("DEV6"));
    const auto reply = c.post("/faceinfo", encode(push(QStringLiteral("DEV6"), token)));
    QCOMPARE(codeOf(reply), code::SystemException);
    QCOMPARE(httpStatus(reply), 503);
    QCOMPARE(desk.server->counters().eventsRefusedBusy, qint64(1));
}

// Runs statements as the test cluster's administrator.
bool asAdmin(const QStringList &statements)
{
    store::DatabaseConfig admin;
    admin.url = testarchive::adminUrl();
    admin.dataDir = QDir::tempPath();
    bool ok = true;
    {
        QString error;
        QSqlDatabase db = store::connectDatabase(admin, QStringLiteral("outage-admin"), &error);
        ok = db.isOpen();
        for (const QString &sql : statements)
            ok = ok && store::execStatement(db, sql, &error);
        if (!ok)
            qWarning("admin: %s", qPrintable(error));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("outage-admin"));
    return ok;
}

// Another writer's transaction on the archive (a second collector's group, a desk's
// acknowledgement), holding the commit-order lock (store::lockCommitOrder) from its
// start until commit() or its end, which rolls back: the lock is never left held, or
// the desk's writer would hang at teardown.
class OtherWriter {
public:
    explicit OtherWriter(const store::DatabaseConfig &archive)
    {
        QString error;
        QSqlError lockError;
        static int made = 0;
        m_name = QStringLiteral("other-writer-%1").arg(++made);
        m_db = store::connectDatabase(archive, m_name, &error);
        m_holding = m_db.isOpen() && m_db.transaction() && store::lockCommitOrder(m_db, &lockError);
        if (!m_holding)
            qWarning("other writer: %s %s", qPrintable(error), qPrintable(lockError.text()));
    }
    ~OtherWriter()
    {
        release();
        m_db = {};
        QSqlDatabase::removeDatabase(m_name);
    }
    // Runs an INSERT ... RETURNING id inside the transaction; -1 when it fails.
    qint64 insert(const QString &sql)
    {
        QSqlQuery q(m_db);
        if (m_holding && q.exec(sql) && q.next())
            return q.value(0).toLongLong();
        qWarning("other writer: %s", qPrintable(q.lastError().text()));
        return -1;
    }
    // Whether someone waits for this very lock in this database (other _pg tests run beside).
    bool someoneWaits()
    {
        QSqlQuery locks(m_db);
        return locks.exec(QStringLiteral(
                   "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = 1178887023 "
                   "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))
            && locks.next() && locks.value(0).toInt() > 0;
    }
    bool commit()
    {
        const bool ok = m_holding && m_db.commit();
        m_holding = false;
        return ok;
    }
    void release()
    {
        if (m_holding)
            m_db.rollback();
        m_holding = false;
    }

private:
    QString m_name;
    QSqlDatabase m_db;
    bool m_holding = false;
};

// #12: the collector's database goes away (connections ended and refused, as when the
// server restarts or the network to it drops) and comes back. Meanwhile events are
// answered with the busy code, never acknowledged; the desk's own records (here an
// alert acknowledgement) wait in memory; when the database takes connections again the
// writer reconnects by itself and the device's retry is stored, once.
void TestServer::databaseOutageAsksForRetryAndResumes()
{
    if (!testarchive::onPostgres())
        QSKIP("a PostgreSQL server going away: the _pg run");
    Desk desk;
    ThreadSafeSpy<bool, QDateTime, QString> reachable(desk.writer, &store::StoreWriter::databaseReachableChanged);
    TestClient c;
    QVERIFY(c.connectTo(desk.server->httpPort()));
    const QString token = desk.token(c, QStringLiteral("DEVPG"));
    QCOMPARE(codeOf(c.post("/faceinfo", encode(push(QStringLiteral("DEVPG"), token, 1)))), code::Ok);

    const QString name = QUrl(desk.db.url).path().mid(1);
    QVERIFY(asAdmin({QStringLiteral("ALTER DATABASE %1 ALLOW_CONNECTIONS false").arg(name),
                     QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%1'").arg(name)}));
    auto allowAgain = qScopeGuard([&] { asAdmin({QStringLiteral("ALTER DATABASE %1 ALLOW_CONNECTIONS true").arg(name)}); });

    const auto refused = c.post("/faceinfo", encode(push(QStringLiteral("DEVPG"), token, 2)));
    QCOMPARE(codeOf(refused), code::SystemException);
    QCOMPARE(httpStatus(refused), 503);
    QTRY_VERIFY_WITH_TIMEOUT(reachable.count() >= 1, 5000);
    QCOMPARE(std::get<0>(reachable.first()), false);
    QVERIFY(std::get<1>(reachable.first()).isValid());
    desk.writer->enqueueAlertAck(blacklistAck(-1, QStringLiteral("guard")));
    // Still away: the retry is refused again, and nothing is lost meanwhile.
    QCOMPARE(codeOf(c.post("/faceinfo", encode(push(QStringLiteral("DEVPG"), token, 2)))), code::SystemException);

    allowAgain.dismiss();
    QVERIFY(asAdmin({QStringLiteral("ALTER DATABASE %1 ALLOW_CONNECTIONS true").arg(name)}));
    // The held acknowledgement makes the writer try again every second by itself.
    QTRY_VERIFY_WITH_TIMEOUT(reachable.count() >= 2, 10000);
    QCOMPARE(std::get<0>(reachable.last()), true);
    QCOMPARE(codeOf(c.post("/faceinfo", encode(push(QStringLiteral("DEVPG"), token, 2)))), code::Ok);
    QCOMPARE(codeOf(c.post("/faceinfo", encode(push(QStringLiteral("DEVPG"), token, 2)))), code::Ok);  // a retry
    QCOMPARE(desk.count(), qint64(2));
    QCOMPARE(desk.rows(QStringLiteral("SELECT COUNT(*) FROM alert_acks WHERE acknowledged_by = 'guard'")).value(0).value(0).toInt(), 1);
}

// #12: two collectors on one PostgreSQL archive. The first one's desk feed reports the
// second one's events (with their faces) and acknowledgements, never its own events
// (its listener shows those), and after its connection is cut it reconnects and
// catches up from the archive, so an event committed meanwhile is not missed.
void TestServer::feedBringsWhatOtherProcessesCommit()
{
    if (!testarchive::onPostgres())
        QSKIP("LISTEN/NOTIFY between processes: the _pg run");
    Desk a;
    Desk b(Desk::acceptAll(), Desk::local(), {}, QString(), a.db);
    store::ArchiveFeed feed(a.db, [&a](qint64 id) { return a.writer->isOwnEvent(id); }, 300);
    QString error;
    QVERIFY2(feed.start(&error), qPrintable(error));
    ThreadSafeSpy<qint64, FacePush, QString> events(&feed, &store::ArchiveFeed::eventArrived);
    ThreadSafeSpy<qint64, QString, QString, QString, qint64, QString> acks(&feed, &store::ArchiveFeed::acknowledgementArrived);

    TestClient ca, cb;
    QVERIFY(ca.connectTo(a.server->httpPort()));
    QVERIFY(cb.connectTo(b.server->httpPort()));
    const QString tokenA = a.token(ca, QStringLiteral("DEVA"));
    const QString tokenB = b.token(cb, QStringLiteral("DEVB"));
    QCOMPARE(codeOf(ca.post("/faceinfo", encode(push(QStringLiteral("DEVA"), tokenA, 1)))), code::Ok);
    const FacePush sent = push(QStringLiteral("DEVB"), tokenB, 2);
    QCOMPARE(codeOf(cb.post("/faceinfo", encode(sent))), code::Ok);
    QVERIFY(events.wait(5000));
    QCOMPARE(events.count(), 1);  // DEVB's; DEVA's is the listener's to show
    QCOMPARE(std::get<2>(events.first()), QStringLiteral("DEVB"));
    const FacePush arrived = std::get<1>(events.first());
    QCOMPARE(arrived.image, sent.image);
    QCOMPARE(arrived.imageName, sent.imageName);

    // The site's devices, both collectors' (a desk lists and names the other's too),
    // and a rename on collector B reaches desk A's feed.
    ThreadSafeSpy<QList<store::DeviceRow>> devices(&feed, &store::ArchiveFeed::devicesChanged);
    const auto lastDevices = [&devices] {
        QHash<QString, QString> names;
        if (devices.count() > 0)
            for (const store::DeviceRow &r : std::get<0>(devices.last()))
                names.insert(r.uuid, r.name);
        return names;
    };
    feed.requestDevices();
    QTRY_VERIFY_WITH_TIMEOUT(lastDevices().contains(QStringLiteral("DEVA")) && lastDevices().contains(QStringLiteral("DEVB")),
                             5000);
    QVERIFY(b.registry->rename(QStringLiteral("DEVB"), QStringLiteral("Gate 2")));
    QTRY_COMPARE_WITH_TIMEOUT(lastDevices().value(QStringLiteral("DEVB")), QStringLiteral("Gate 2"), 5000);

    const store::AlertAck ack = blacklistAck(std::get<0>(events.first()), QStringLiteral("guard-b"));
    b.writer->enqueueAlertAck(ack);
    QVERIFY(acks.wait(5000));
    QCOMPARE(std::get<0>(acks.first()), ack.eventId);
    QCOMPARE(std::get<3>(acks.first()), QStringLiteral("guard-b"));

    // Every connection to the archive cut: the feed's LISTEN is gone with it.
    const QString name = QUrl(a.db.url).path().mid(1);
    QVERIFY(asAdmin({QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%1'").arg(name)}));
    const QByteArray again = encode(push(QStringLiteral("DEVB"), tokenB, 3));
    // The first try meets B's dead connection and is answered busy (503, which closes
    // the device's connection); B reconnects at once, so a retry is stored.
    int code = -1;
    for (int attempt = 0; attempt < 3 && code != code::Ok; ++attempt) {
        TestClient retry;
        QVERIFY(retry.connectTo(b.server->httpPort()));
        code = codeOf(retry.post("/faceinfo", again));
    }
    QCOMPARE(code, code::Ok);
    QTRY_COMPARE_WITH_TIMEOUT(events.count(), 2, 10000);
    QCOMPARE(std::get<1>(events.last()).imageName, push(QStringLiteral("DEVB"), tokenB, 3).imageName);
    feed.stop();
}

// #12: two collectors commit at once. A sequence hands out ids at insert, not at
// commit: another collector's slow group holds a lower id than the event collector A
// stores meanwhile. Were A to commit first, the feed ("ids above the last one seen")
// would step over the lower id for good: a missed alert on every desk. A waits for the
// slow group's commit instead (store::lockCommitOrder), and the feed reports both.
void TestServer::feedStepsOverNoIdCommittedLate()
{
    if (!testarchive::onPostgres())
        QSKIP("several writers on one PostgreSQL archive: the _pg run");
    Desk a;
    store::ArchiveFeed feed(a.db, {}, 300);  // every event, A's own too
    QString error;
    QVERIFY2(feed.start(&error), qPrintable(error));
    ThreadSafeSpy<qint64, FacePush, QString> events(&feed, &store::ArchiveFeed::eventArrived);
    ThreadSafeSpy<qint64, QString, QString, QString, qint64, QString> acks(&feed, &store::ArchiveFeed::acknowledgementArrived);
    TestClient c;
    QVERIFY(c.connectTo(a.server->httpPort()));
    const QString token = a.token(c, QStringLiteral("DEVA"));

    // Another writer's group, slow to commit, holding a lower id than what collector A
    // writes meanwhile (`write`); A waits for it, or (were ids not kept in order)
    // commits first.
    const auto slowWriter = [&](const QString &insert, const std::function<void()> &write,
                                const std::function<bool()> &reported) -> qint64 {
        OtherWriter slow(a.db);
        const qint64 id = slow.insert(insert);
        if (id < 0)
            return -1;
        write();
        return QTest::qWaitFor([&] { return reported() || slow.someoneWaits(); }, 10000) && slow.commit() ? id : -1;
    };

    const qint64 slowEvent = slowWriter(
        QStringLiteral("INSERT INTO events (dedup_key, received_at, device_uuid, method, capture_at) "
                       "VALUES ('slow group', 0, 'DEVS', 'sw_face_compare_push', 0) RETURNING id"),
        [&] {  // the device waits for its answer
            c.send(framing::buildHttpRequest("POST", "/faceinfo", "127.0.0.1", encode(push(QStringLiteral("DEVA"), token, 1)), true));
        },
        [&] { return events.count() > 0; });
    QVERIFY(slowEvent > 0);
    QCOMPARE(codeOf(c.next()), code::Ok);  // acknowledged after its own commit
    QTRY_COMPARE_WITH_TIMEOUT(events.count(), 2, 5000);
    QCOMPARE(std::get<0>(events.first()), slowEvent);
    QCOMPARE(std::get<2>(events.last()), QStringLiteral("DEVA"));

    // The same for acknowledgements: another desk's, slow to commit, and this desk's.
    const qint64 slowAck = slowWriter(
        QStringLiteral("INSERT INTO alert_acks (event_id, kind, raised_at, acknowledged_at, acknowledged_by) "
                       "VALUES (%1, 'blacklist', 0, 0, 'guard-slow') RETURNING id").arg(slowEvent),
        [&] { a.writer->enqueueAlertAck(blacklistAck(std::get<0>(events.last()), QStringLiteral("guard-a"))); },
        [&] { return acks.count() > 0; });
    QVERIFY(slowAck > 0);
    QTRY_COMPARE_WITH_TIMEOUT(acks.count(), 2, 5000);
    QCOMPARE(std::get<3>(acks.first()), QStringLiteral("guard-slow"));
    QCOMPARE(std::get<3>(acks.last()), QStringLiteral("guard-a"));
    feed.stop();
}

// #12: a group the database ends because of another writer (a lock not granted in
// time, 55P03 here; a deadlock, 40P01, or a serialization failure, 40001, take the
// same path) is written again. Its event is answered busy, never acknowledged, and
// stored once when the device sends it again; the desk's acknowledgement in it is kept
// and written once the other writer is done. The same when the step that waits is an
// image row (the same face uncommitted in another writer's transaction).
void TestServer::aGroupTheDatabaseEndsIsWrittenAgain()
{
    if (!testarchive::onPostgres())
        QSKIP("several writers on one PostgreSQL archive: the _pg run");
    QTemporaryDir dir;
    const store::DatabaseConfig archive = testarchive::config(dir.path());
    QVERIFY(asAdmin({QStringLiteral("ALTER DATABASE %1 SET lock_timeout = '300ms'").arg(QUrl(archive.url).path().mid(1))}));
    Desk desk(Desk::acceptAll(), Desk::local(), {}, QString(), archive);
    TestClient c;
    QVERIFY(c.connectTo(desk.server->httpPort()));
    const QString token = desk.token(c, QStringLiteral("DEVL"));

    OtherWriter other(desk.db);
    desk.writer->enqueueAlertAck(blacklistAck(-1, QStringLiteral("guard-held")));
    const auto refused = c.post("/faceinfo", encode(push(QStringLiteral("DEVL"), token, 1)));
    QCOMPARE(codeOf(refused), code::SystemException);
    QCOMPARE(httpStatus(refused), 503);
    QVERIFY(other.commit());

    TestClient again;  // a 503 closes the device's connection
    QVERIFY(again.connectTo(desk.server->httpPort()));
    QCOMPARE(codeOf(again.post("/faceinfo", encode(push(QStringLiteral("DEVL"), token, 1)))), code::Ok);

    // The same when it is an image row that waits: another writer holds this event's
    // face uncommitted, so the image insert (before any lock) is the step that ends.
    const FacePush second = push(QStringLiteral("DEVL"), token, 2);
    {
        OtherWriter holdsTheFace(desk.db);
        QVERIFY(holdsTheFace.insert(QStringLiteral("INSERT INTO image_blobs (hash, bytes, stored_at) VALUES ('%1', '\\x00', 0) "
                                                   "RETURNING 1").arg(QString::fromLatin1(store::ImageStore::contentHash(second.image)))) == 1);
        TestClient c2;
        QVERIFY(c2.connectTo(desk.server->httpPort()));
        const auto busy = c2.post("/faceinfo", encode(second));
        QCOMPARE(codeOf(busy), code::SystemException);
        const Decoded d = decode(busy->json);
        QVERIFY(d.as<StatusReply>());
        QVERIFY2(d.as<StatusReply>()->retMsg.contains(QStringLiteral("busy")), qPrintable(d.as<StatusReply>()->retMsg));
    }  // rolled back
    TestClient c3;
    QVERIFY(c3.connectTo(desk.server->httpPort()));
    QCOMPARE(codeOf(c3.post("/faceinfo", encode(second))), code::Ok);
    QCOMPARE(desk.count(), qint64(2));
    QCOMPARE(desk.rows(QStringLiteral("SELECT COUNT(*) FROM alert_acks WHERE acknowledged_by = 'guard-held'")).value(0).value(0).toInt(), 1);
}

void TestServer::longConnectionRepliesInOrder()
{
    Desk desk;
    TestClient http;
    QVERIFY(http.connectTo(desk.server->httpPort()));
    const QString token = desk.token(http, QStringLiteral("DEV7"));
    TestClient tcp;
    QVERIFY(tcp.connectTo(desk.server->tcpPort()));
    KeepaliveRequest k;
    k.uuid = QStringLiteral("DEV7");
    k.token = token;
    const auto beat = tcp.sendJson(encode(k));
    QVERIFY(beat);
    QVERIFY(decode(beat->json).dataLengthMatches);  // the envelope's length is exact
    QCOMPARE(codeOf(beat), code::Ok);
    QVERIFY(desk.server->isConnected(QStringLiteral("DEV7")));
    // Five pushes and a heartbeat in one write, a bad one in the middle: the answers
    // come back in the same order, each one its own.
    QByteArray burst;
    for (int i = 1; i <= 3; ++i)
        burst += encode(push(QStringLiteral("DEV7"), token, i));
    FacePush bad = push(QStringLiteral("DEV7"), token, 4);
    bad.imageName = QStringLiteral("../x");
    burst += encode(bad) + "\r\n" + encode(k) + encode(push(QStringLiteral("DEV7"), token, 5));
    tcp.send(burst);
    QList<int> codes;
    for (int i = 0; i < 6; ++i)
        codes.append(codeOf(tcp.next()));
    QCOMPARE(codes, (QList<int>{0, 0, 0, code::ParameterError, 0, 0}));
    QCOMPARE(desk.count(), qint64(4));
}

void TestServer::sessionsOpenCloseAndReplace()
{
    Desk desk;
    QSignalSpy opened(desk.server, &server::FaceServer::deviceSessionOpened);
    QSignalSpy closed(desk.server, &server::FaceServer::deviceSessionClosed);
    TestClient http;
    QVERIFY(http.connectTo(desk.server->httpPort()));
    KeepaliveRequest k;
    k.uuid = QStringLiteral("DEV8");
    k.token = desk.token(http, k.uuid);
    TestClient first;
    QVERIFY(first.connectTo(desk.server->tcpPort()));
    QCOMPARE(codeOf(first.sendJson(encode(k))), code::Ok);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.first().first().toString(), k.uuid);
    // Another heartbeat on the same connection is not a new session.
    QCOMPARE(codeOf(first.sendJson(encode(k))), code::Ok);
    QCOMPARE(opened.size(), 1);
    QVERIFY(desk.server->connectedDevices().contains(k.uuid));

    // A second connection takes over: the first session closes, a new one opens, and
    // the first connection closing later reports nothing.
    TestClient second;
    QVERIFY(second.connectTo(desk.server->tcpPort()));
    QCOMPARE(codeOf(second.sendJson(encode(k))), code::Ok);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(opened.size(), 2);
    first.socket().disconnectFromHost();
    QVERIFY(first.waitClosed());
    QVERIFY(desk.server->sendToDevice(k.uuid, "{}"));  // still the second connection
    QCOMPARE(closed.size(), 1);

    // Dropping the session aborts the connection and reports it closed.
    desk.server->dropSession(k.uuid);
    QCOMPARE(closed.size(), 2);
    QVERIFY(!desk.server->isConnected(k.uuid));
    QVERIFY(second.waitClosed());
}

void TestServer::capFaceReportUsesItsAccount()
{
    Desk desk;
    TestClient c;
    QVERIFY(c.connectTo(desk.server->httpPort()));
    FacePush report = push(QStringLiteral("CAM1"), QString());
    report.kind = FacePush::Kind::HttpReport;
    report.userName = QStringLiteral("admin");
    report.passwordMd5 = QString::fromLatin1(QCryptographicHash::hash("wrong", QCryptographicHash::Md5).toHex());
    report.deviceId = QStringLiteral("CAM1");
    auto reply = c.post("/", encode(report));
    QCOMPARE(codeOf(reply), code::TokenInvalid);
    QCOMPARE(httpStatus(reply), 401);
    QVERIFY(decode(reply->json).as<CapFaceReportReply>());
    report.passwordMd5 = QString::fromLatin1(QCryptographicHash::hash("s3cret", QCryptographicHash::Md5).toHex());
    reply = c.post("/", encode(report));
    QCOMPARE(codeOf(reply), 0);
    QCOMPARE(desk.count(QStringLiteral("method = 'sw_cap_face_report'")), qint64(1));
}

void TestServer::presenceGoesOfflineAfterMissedHeartbeats()
{
    Desk desk;
    TestClient c;
    QVERIFY(c.connectTo(desk.server->httpPort()));
    const QString token = desk.token(c, QStringLiteral("DEV8"));
    QSignalSpy presence(desk.registry, &devices::DeviceRegistry::presenceChanged);
    KeepaliveRequest k;
    k.uuid = QStringLiteral("DEV8");
    k.token = token;
    QCOMPARE(codeOf(c.post("/keepalive", encode(k))), code::Ok);
    QCOMPARE(presence.size(), 1);
    QCOMPARE(presence.last().at(1).toBool(), true);
    // Two missed intervals: still online. Three: offline, and the change is recorded.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    desk.registry->checkPresence(now.addSecs(2 * 30));
    QCOMPARE(presence.size(), 1);
    desk.registry->checkPresence(now.addSecs(3 * 30 + 2));
    QCOMPARE(presence.size(), 2);
    QCOMPARE(presence.last().at(1).toBool(), false);
    desk.writer->stop();
    QString error;
    QSqlDatabase check = store::openDatabase(desk.db, QStringLiteral("check"), &error);
    QSqlQuery q(check);
    QVERIFY(q.exec(QStringLiteral("SELECT kind FROM device_events WHERE device_uuid = 'DEV8' ORDER BY id")));
    QStringList kinds;
    while (q.next())
        kinds << q.value(0).toString();
    QCOMPARE(kinds, (QStringList{QStringLiteral("online"), QStringLiteral("offline")}));
    desk.writer->start(&error);
}

void TestServer::retriedPushIsStoredOnce()
{
    Desk desk;
    TestClient c;
    QVERIFY(c.connectTo(desk.server->httpPort()));
    const QString token = desk.token(c, QStringLiteral("DEV10"));
    const QByteArray body = encode(push(QStringLiteral("DEV10"), token, 7));
    QCOMPARE(codeOf(c.post("/faceinfo", body)), code::Ok);
    QCOMPARE(codeOf(c.post("/faceinfo", body)), code::Ok);  // the device did not hear the first answer
    QCOMPARE(desk.count(), qint64(1));
}

void TestServer::httpCloseAndKeepAlive()
{
    Desk desk;
    TestClient c;
    QVERIFY(c.connectTo(desk.server->httpPort()));
    AccessTokenRequest req;
    req.uuid = QStringLiteral("DEV11");
    // HTTP/1.0 without keep-alive: answered, then closed.
    c.send(framing::buildHttpRequest("POST", "/cloud_kq/api/getAccessToken", "h", encode(req), false, true));
    QCOMPARE(codeOf(c.next()), code::Ok);
    QVERIFY(c.waitClosed());
    // GET is not part of the protocol.
    TestClient g;
    QVERIFY(g.connectTo(desk.server->httpPort()));
    g.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(httpStatus(g.next()), 405);
}

void TestServer::retentionByAgeAndSceneQuota()
{
    Desk desk;
    TestClient c;
    QVERIFY(c.connectTo(desk.server->httpPort()));
    const QString token = desk.token(c, QStringLiteral("DEV12"));
    FacePush old = push(QStringLiteral("DEV12"), token, 1);
    old.captureTimeText = QStringLiteral("2020-01-01 00:00:00");
    old.image = jpegBytes(3333, 'o');  // its own files, so they can go
    old.background = jpegBytes(44444, 'O');
    QCOMPARE(codeOf(c.post("/faceinfo", encode(old))), code::Ok);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 2; i <= 4; ++i) {
        FacePush recent = push(QStringLiteral("DEV12"), token, i);
        recent.captureTimeText = now.addSecs(-600 + i).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        QCOMPARE(codeOf(c.post("/faceinfo", encode(recent))), code::Ok);
    }
    store::ImageStore images(desk.db.imagesDir());
    const auto fileOf = [&images](const QByteArray &bytes) {
        return images.absolutePath(store::ImageStore::relativePathFor(store::ImageStore::contentHash(bytes)));
    };
    QVERIFY(QFile::exists(fileOf(old.image)));
    QVERIFY(QFile::exists(fileOf(old.background)));

    ThreadSafeSpy<QList<qint64>> deleted(desk.writer, &store::StoreWriter::eventsDeleted);
    store::RetentionPolicy policy;
    policy.maxAgeDays = 30;
    desk.writer->setRetention(policy);
    store::RetentionResult r = desk.writer->applyRetentionNow(now);
    QCOMPARE(r.eventsDeleted, qint64(1));
    // The face index hears of it (FaceSearchController drops the ids), exactly once.
    QTRY_COMPARE(deleted.count(), 1);
    QCOMPARE(std::get<0>(deleted.first()).size(), 1);
    QCOMPARE(r.filesRemoved, qint64(2));
    QVERIFY(!QFile::exists(fileOf(old.image)));
    QVERIFY(!QFile::exists(fileOf(old.background)));
    QCOMPARE(desk.count(), qint64(3));

    // Three backgrounds of ~9 KB each; a 20 KB quota keeps the newest two.
    policy.maxSceneBytes = 20000;
    desk.writer->setRetention(policy);
    // (The writer also applies the policy by itself, so look at the archive rather
    // than at what this one call did.)
    desk.writer->applyRetentionNow(now);
    QCOMPARE(desk.count(QStringLiteral("scene_path IS NULL")), qint64(1));
    QCOMPARE(desk.count(QStringLiteral("scene_path IS NULL AND img_name LIKE '%_2.jpg'")), qint64(1));
    QCOMPARE(desk.count(), qint64(3));  // the events themselves stay
}

// #13: per-list retention: strangers and custom-list matches go after 30 days,
// blacklist hits after a year, lists without a rule of their own stay (no general
// limit here).
void TestServer::retentionPerList_data()
{
    QTest::addColumn<qint64>("indexId");
    QTest::addColumn<int>("picSort");
    QTest::addColumn<int>("ageDays");
    QTest::addColumn<bool>("kept");
    QTest::newRow("stranger, 40 days") << qint64(-1) << -1 << 40 << false;
    QTest::newRow("stranger, 20 days") << qint64(-1) << -1 << 20 << true;
    QTest::newRow("blacklist, 400 days") << qint64(478) << 1 << 400 << false;
    QTest::newRow("blacklist, 40 days") << qint64(478) << 1 << 40 << true;
    QTest::newRow("whitelist, 400 days") << qint64(478) << 2 << 400 << true;
    QTest::newRow("vip, 400 days") << qint64(478) << 3 << 400 << true;
    // A match the device sent without a list is on the custom list (store::eventListSql).
    QTest::newRow("match without a list, 40 days") << qint64(478) << 0 << 40 << false;
    QTest::newRow("match without a list, 20 days") << qint64(478) << 0 << 20 << true;
}

void TestServer::retentionPerList()
{
    QFETCH(qint64, indexId);
    QFETCH(int, picSort);
    QFETCH(int, ageDays);
    QFETCH(bool, kept);
    Desk desk;
    TestClient c;
    QVERIFY(c.connectTo(desk.server->httpPort()));
    const QString token = desk.token(c, QStringLiteral("DEV13"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    FacePush p = push(QStringLiteral("DEV13"), token, 1);
    p.indexId = indexId;
    p.picSort = picSort;
    p.captureTimeText = now.addDays(-ageDays).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    p.captureTime = QDateTime::fromString(p.captureTimeText, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    QCOMPARE(codeOf(c.post("/faceinfo", encode(p))), code::Ok);
    FacePush fresh = push(QStringLiteral("DEV13"), token, 2);  // today's: always kept
    fresh.indexId = indexId;
    fresh.picSort = picSort;
    fresh.captureTimeText = now.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    QCOMPARE(codeOf(c.post("/faceinfo", encode(fresh))), code::Ok);
    store::RetentionPolicy policy;
    policy.listMaxAgeDays = {{QStringLiteral("stranger"), 30}, {QStringLiteral("blacklist"), 365}, {QStringLiteral("custom"), 30}};
    desk.writer->setRetention(policy);
    QCOMPARE(desk.writer->applyRetentionNow(now).eventsDeleted, kept ? qint64(0) : qint64(1));
    QCOMPARE(desk.count(), kept ? qint64(2) : qint64(1));
}

void TestServer::connectionLimits()
{
    server::ServerConfig config = Desk::local();
    config.limits.maxConnectionsPerAddress = 2;
    config.limits.maxConnections = 3;
    Desk desk(Desk::acceptAll(), config);
    TestClient a, b, c;
    QVERIFY(a.connectTo(desk.server->httpPort()));
    QVERIFY(b.connectTo(desk.server->httpPort()));
    QVERIFY(!desk.token(a, QStringLiteral("L1")).isEmpty());  // both are being served
    QVERIFY(!desk.token(b, QStringLiteral("L2")).isEmpty());
    // A third from the same address is closed at once; the first two carry on.
    QVERIFY(c.connectTo(desk.server->httpPort()));
    QVERIFY(c.waitClosed(5000));
    QVERIFY(!desk.token(a, QStringLiteral("L1")).isEmpty());
    // The per-port total counts too: the TCP port has its own budget.
    TestClient t1, t2, t3;
    QVERIFY(t1.connectTo(desk.server->tcpPort()));
    QVERIFY(t2.connectTo(desk.server->tcpPort()));
    QVERIFY(t3.connectTo(desk.server->tcpPort()));
    QVERIFY(t3.waitClosed(5000));
    // When one leaves, a newcomer gets its place.
    a.socket().disconnectFromHost();
    QVERIFY(a.waitClosed());
    QTRY_COMPARE_WITH_TIMEOUT(desk.server->connectionCount(), 3, 5000);  // b, t1, t2
    TestClient d;
    QVERIFY(d.connectTo(desk.server->httpPort()));
    QVERIFY(!desk.token(d, QStringLiteral("L3")).isEmpty());
}

// A request whose body is shorter than what follows it (Content-Length: 0, or no
// length) is answered, and what follows is not served as a message of its own: the
// connection ends with a framing error and the push behind it is not stored.
void TestServer::nothingIsReadBehindAShortHttpRequest_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::newRow("Content-Length: 0") << QByteArray("POST /faceinfo HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    QTest::newRow("request line only") << QByteArray("POST /faceinfo HTTP/1.1\r\n\r\n");
}

void TestServer::nothingIsReadBehindAShortHttpRequest()
{
    QFETCH(QByteArray, head);
    Desk desk;
    TestClient c;
    QVERIFY(c.connectTo(desk.server->httpPort()));
    const QString token = desk.token(c, QStringLiteral("SMUG1"));
    QVERIFY(!token.isEmpty());
    c.send(head + encode(push(QStringLiteral("SMUG1"), token, 1)));
    const auto first = c.next();
    QVERIFY(first);
    QCOMPARE(first->http.statusCode, 400);  // the empty body is no message
    const auto second = c.next();
    QVERIFY(second);
    QCOMPARE(second->kind, net::Frame::Kind::Http);  // answered in HTTP, not acknowledged as a push
    QCOMPARE(second->http.statusCode, 400);
    QCOMPARE(codeOf(second), code::JsonParseError);
    QVERIFY(c.waitClosed());
    QCOMPARE(desk.count(), qint64(0));
    // The same push alone, on a new connection, is stored.
    TestClient d;
    QVERIFY(d.connectTo(desk.server->httpPort()));
    QCOMPARE(codeOf(d.post("/faceinfo", encode(push(QStringLiteral("SMUG1"), token, 1)))), code::Ok);
    QCOMPARE(desk.count(), qint64(1));
}

// Images checked at the door (#14): a push whose face or scene is not a complete,
// plausible JPEG picture is refused with the protocol's image error (-2004) and
// nothing of it is stored, while a real photo in the same places is.
void TestServer::implausibleImagesAreRefusedAtTheDoor()
{
    Desk desk;
    TestClient c;
    QVERIFY(c.connectTo(desk.server->httpPort()));
    const QString token = desk.token(c, QStringLiteral("DOOR1"));
    QVERIFY(!token.isEmpty());
    QSignalSpy rejected(desk.server, &server::FaceServer::messageRejected);
    int n = 0;
    for (const HostileJpeg &bad : hostileJpegs()) {
        for (const bool scene : {false, true}) {
            FacePush p = push(QStringLiteral("DOOR1"), token, ++n);
            (scene ? p.background : p.image) = bad.bytes;
            const auto reply = c.post("/faceinfo", encode(p));
            QVERIFY2(codeOf(reply) == code::InvalidJpeg, qPrintable(bad.name));
            QCOMPARE(httpStatus(reply), 400);
            const QString reason = rejected.takeLast().at(1).toString();
            QVERIFY2(reason.contains(bad.reason) && reason.contains(scene ? u"img_fr: " : u"img_data: "), qPrintable(reason));
        }
    }
    QCOMPARE(desk.count(), qint64(0));
    QCOMPARE(QDir(desk.db.imagesDir()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).size(), 0);
    // A real photo, face and scene, is stored.
    QFile file(QStringLiteral(SHARED_DIR "/faces/obama_1.jpg"));
    const QByteArray real = file.open(QIODevice::ReadOnly) ? file.readAll() : noisyJpeg();
    FacePush good = push(QStringLiteral("DOOR1"), token, ++n);
    good.image = real;
    good.background = real;
    QCOMPARE(codeOf(c.post("/faceinfo", encode(good))), code::Ok);
    QCOMPARE(desk.count(), qint64(1));
}

// HTTP is read as RFC 9112 asks a server to: what two parsers could read two ways
// is refused with its status, and nothing after it on the connection is read (a
// second message behind a refused one would otherwise be served: smuggling).
void TestServer::looseHttpIsRefusedAndTheConnectionClosed_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("status");
    const QByteArray keepalive = R"({"method":"keepalive","uuid":"SMUG1","token":"x","data":{"devicetype":18}})";
    const QByteArray n = QByteArray::number(keepalive.size());
    QTest::newRow("space before the colon")
        << "POST /faceinfo HTTP/1.1\r\nHost: x\r\nContent-Length : " + n + "\r\n\r\n" + keepalive << 400;
    QTest::newRow("HTTP/9.9") << "POST /faceinfo HTTP/9.9\r\nHost: x\r\nContent-Length: " + n + "\r\n\r\n" + keepalive << 505;
    QTest::newRow("CRLF and bare LF mixed")
        << "POST /faceinfo HTTP/1.1\r\nHost: x\nContent-Length: " + n + "\r\n\r\n" + keepalive << 400;
    QTest::newRow("folded header line")
        << "POST /faceinfo HTTP/1.1\r\nHost: x\r\nX-Note: a\r\n b\r\nContent-Length: " + n + "\r\n\r\n" + keepalive << 400;
    QTest::newRow("gzip, chunked")
        << "POST /faceinfo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
           + QByteArray::number(keepalive.size(), 16) + "\r\n" + keepalive + "\r\n0\r\n\r\n"
        << 501;
}

void TestServer::looseHttpIsRefusedAndTheConnectionClosed()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, status);
    Desk desk(Desk::acceptAll(), Desk::local());
    TestClient c;
    QVERIFY(c.connectTo(desk.server->httpPort()));
    c.send(wire);
    const auto reply = c.next();
    QVERIFY(reply);
    QCOMPARE(reply->http.statusCode, status);
    QVERIFY(codeOf(reply) != code::Ok);
    QVERIFY(c.waitClosed());
    QVERIFY(!c.next(0));  // no second answer: nothing after the refused request was read
    // Others are still served.
    TestClient d;
    QVERIFY(d.connectTo(desk.server->httpPort()));
    QVERIFY(!desk.token(d, QStringLiteral("DEV9")).isEmpty());
}

// On the long connection a bad message ends the stream, but every message before it
// is answered first, in order: a device that never hears "code 0" for a stored push
// sends it again.
void TestServer::answersOwedBeforeAFramingErrorAreSent()
{
    Desk desk;
    TestClient http;
    QVERIFY(http.connectTo(desk.server->httpPort()));
    const QString token = desk.token(http, QStringLiteral("OWED1"));
    TestClient tcp;
    QVERIFY(tcp.connectTo(desk.server->tcpPort()));
    QByteArray burst;
    for (int i = 1; i <= 3; ++i)
        burst += encode(push(QStringLiteral("OWED1"), token, i));
    tcp.send(burst + "not json at all");
    QList<int> codes;
    for (int i = 0; i < 4; ++i)
        codes.append(codeOf(tcp.next()));
    QCOMPARE(codes, (QList<int>{0, 0, 0, code::JsonParseError}));
    QVERIFY(tcp.waitClosed());
    QCOMPARE(desk.count(), qint64(3));
}

// A push cut short (the device gave up on it mid-image) and the heartbeat behind it:
// the cut push is answered with a parse error and the heartbeat is answered at once,
// not swallowed until the partial-frame timeout closes the connection.
void TestServer::truncatedMessageIsDroppedAndTheStreamGoesOn_data()
{
    QTest::addColumn<int>("shape");
    QTest::newRow("cut in the image, heartbeat in its envelope") << 0;
    QTest::newRow("cut in the image, bare heartbeat") << 1;
    QTest::newRow("cut after a value") << 2;
    // Its last brace lost, the push still has the length it declares: the heartbeat,
    // whose first key is no message start, is found where that length ends.
    QTest::newRow("unclosed, found by dataLength") << 3;
}

void TestServer::truncatedMessageIsDroppedAndTheStreamGoesOn()
{
    QFETCH(int, shape);
    Desk desk;
    TestClient http;
    QVERIFY(http.connectTo(desk.server->httpPort()));
    const QString uuid = QStringLiteral("CUT1");
    const QString token = desk.token(http, uuid);
    const QByteArray whole = withDataLength(encode(push(uuid, token, 1)));
    KeepaliveRequest k;
    k.uuid = uuid;
    k.token = token;
    const QByteArray bare = R"({"method":"keepalive","uuid":"CUT1","token":")" + token.toUtf8()
                            + R"(","data":{"devicetype":16}})";
    QByteArray wire;
    switch (shape) {
    case 0: wire = whole.left(whole.size() * 6 / 10) + encode(k); break;
    case 1: wire = whole.left(whole.size() / 2) + bare; break;
    case 2: wire = whole.left(whole.indexOf("\"img_data\"")) + bare; break;
    default: {
        QByteArray unclosed = whole;
        unclosed[unclosed.size() - 1] = ' ';
        wire = unclosed + R"({"uuid":"CUT1","method":"keepalive","token":")" + token.toUtf8()
               + R"(","data":{"devicetype":16}})";
    }
    }
    TestClient tcp;
    QVERIFY(tcp.connectTo(desk.server->tcpPort()));
    tcp.send(wire);
    const auto dropped = tcp.next(5000);  // far under the 15 s partial-frame timeout
    QCOMPARE(codeOf(dropped), code::JsonParseError);
    const auto answered = tcp.next(5000);
    QCOMPARE(codeOf(answered), code::Ok);
    QVERIFY(desk.server->isConnected(uuid));
    QCOMPARE(desk.count(), qint64(0));
    // The stream is in step again: a whole push after it is stored.
    QCOMPARE(codeOf(tcp.sendJson(encode(push(uuid, token, 2)))), code::Ok);
    QCOMPARE(desk.count(), qint64(1));
}

// A dataLength that disagrees with the text is served and counted for the device's
// row in the panel; one that is no length at all is refused. HTTP and the long
// connection alike.
void TestServer::dataLengthPolicyIsTheSameOnBothTransports()
{
    Desk desk;
    TestClient http;
    QVERIFY(http.connectTo(desk.server->httpPort()));
    const QString token = desk.token(http, QStringLiteral("LEN1"));
    TestClient tcp;
    QVERIFY(tcp.connectTo(desk.server->tcpPort()));
    const QByteArray beat = R"({"method":"keepalive","uuid":"LEN1","token":")" + token.toUtf8() + R"("})";
    const QByteArray wrong = "{\"dataLength\":7," + beat.mid(1);
    QCOMPARE(codeOf(http.post("/keepalive", wrong)), code::Ok);
    QCOMPARE(codeOf(tcp.sendJson(wrong)), code::Ok);
    QCOMPARE(codeOf(tcp.sendJson(withDataLength(beat))), code::Ok);  // exact: not counted
    QCOMPARE(desk.registry->device(QStringLiteral("LEN1"))->lengthMismatches, 2);
    for (const QByteArray &nonsense : {QByteArray("-5"), QByteArray("\"long\""), QByteArray("{}")}) {
        const QByteArray bad = "{\"dataLength\":" + nonsense + "," + beat.mid(1);
        QCOMPARE(codeOf(http.post("/keepalive", bad)), code::JsonParseError);
        QCOMPARE(codeOf(tcp.sendJson(bad)), code::JsonParseError);
    }
    QCOMPARE(codeOf(tcp.sendJson(beat)), code::Ok);  // refusals do not end the connection
}

// A full disk under the archive: every event is either acknowledged and stored, or
// answered with the busy code (and so sent again); the writer says the disk is full
// and, when space returns, the retries are stored and it says so again. The disk is a
// 2 MiB tmpfs, mounted for the test (root only: CI runs as root).
void TestServer::diskFullRefusesWithTheBusyCodeAndResumes()
{
    if (::geteuid() != 0)
        QSKIP("mounting a size-limited tmpfs needs root");
    QTemporaryDir mountPoint;
    QVERIFY(mountPoint.isValid());
    if (QProcess::execute(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                                    QStringLiteral("size=2m"), QStringLiteral("facedesk-test"), mountPoint.path()}) != 0)
        QSKIP("cannot mount a tmpfs here");
    const auto unmount = qScopeGuard([&] { QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), mountPoint.path()}); });
    Desk desk(Desk::acceptAll(), Desk::local(), {}, mountPoint.path());
    ThreadSafeSpy<bool, QString> full(desk.writer, &store::StoreWriter::storageFullChanged);
    TestClient c;
    QVERIFY(c.connectTo(desk.server->httpPort()));
    const QString token = desk.token(c, QStringLiteral("FULL1"));
    QVERIFY(!token.isEmpty());
    // Leave about 100 KB: a few events fit, then the disk is full.
    QFile filler(QDir(mountPoint.path()).filePath(QStringLiteral("filler")));
    QVERIFY(filler.open(QIODevice::WriteOnly));
    const qint64 room = QStorageInfo(mountPoint.path()).bytesAvailable() - 100 * 1024;
    QVERIFY(room > 0);
    QCOMPARE(filler.write(QByteArray(room, '\0')), room);
    filler.close();

    QList<int> refused;
    int acknowledged = 0;
    for (int n = 1; n <= 40; ++n) {
        const int code = codeOf(c.post("/faceinfo", encode(push(QStringLiteral("FULL1"), token, n))));
        QVERIFY2(code == code::Ok || code == code::SystemException, qPrintable(QString::number(code)));
        if (code == code::Ok)
            ++acknowledged;
        else
            refused.append(n);
    }
    QVERIFY(acknowledged > 0);
    QVERIFY(!refused.isEmpty());
    QTRY_VERIFY(full.count() > 0);
    QCOMPARE(std::get<0>(full.first()), true);
    QCOMPARE(desk.count(), qint64(acknowledged));  // everything acknowledged is there

    QVERIFY(QFile::remove(filler.fileName()));  // space returns
    for (int n : std::as_const(refused))
        QCOMPARE(codeOf(c.post("/faceinfo", encode(push(QStringLiteral("FULL1"), token, n)))), code::Ok);
    QCOMPARE(desk.count(), qint64(40));
    QTRY_COMPARE(std::get<0>(full.last()), false);
}

// After a power cut a file can have its full size and the wrong content. Reading it
// says so (its name is its content's hash), the start-up check of --full-sync finds
// it and moves it aside, and the same image pushed again is written afresh.
void TestServer::damagedImageFileIsFoundAndMended()
{
    QTemporaryDir dir;
    store::ImageStore images(dir.path());
    const QByteArray bytes = jpegBytes(5000, 'q');
    QString error;
    const QString relative = images.put(bytes, &error);
    QVERIFY2(!relative.isEmpty(), qPrintable(error));
    QCOMPARE(images.read(relative, &error), bytes);

    const auto damage = [&] {
        QFile f(images.absolutePath(relative));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(bytes.size(), '\0'));  // the right size, blocks never written
    };
    damage();
    QVERIFY(images.read(relative, &error).isEmpty());
    QVERIFY2(error.contains(QLatin1String("damaged")), qPrintable(error));
    // A retried push with the same image mends it rather than trusting its size.
    QCOMPARE(images.put(bytes, &error), relative);
    QCOMPARE(images.read(relative, &error), bytes);

    damage();
    const store::ImageFileCheckResult check = store::checkImageFiles(dir.path());
    QCOMPARE(check.checked, qint64(1));
    QCOMPARE(check.damaged, QStringList{relative});
    QVERIFY(!QFile::exists(images.absolutePath(relative)));
    QVERIFY(QFile::exists(images.absolutePath(relative) + QStringLiteral(".damaged")));
    QCOMPARE(images.put(bytes, &error), relative);
    QCOMPARE(store::checkImageFiles(dir.path()).damaged, QStringList());
}

QTEST_GUILESS_MAIN(TestServer)
#include "tst_server.moc"
