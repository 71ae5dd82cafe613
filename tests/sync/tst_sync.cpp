// Library sync end to end on loopback: FaceDesk's server and sync engine against
// simulated devices (the simulator's own code, in this process, so that a device's
// library can be compared with what FaceDesk wants), a hand-driven device for the
// answers no simulator gives, and `facedesk serve` as a process killed mid-sync.
// Real faces from ../shared/faces; real SQLite in temporary folders.
#include "../support/TestDesk.h"
#include "../support/ServePorts.h"
#include "../server/TestClient.h"

#include "FacePhotoSet.h"
#include "SimRunner.h"

#include "devices/DeviceRegistry.h"
#include "library/LibraryStore.h"
#include "operators/AuditLog.h"
#include "operators/OperatorStore.h"
#include "store/EventRecord.h"
#include "store/ImageStore.h"
#include "protocol/ErrorCodes.h"
#include "server/FaceServer.h"
#include "store/Database.h"
#include "store/StoreWriter.h"
#include "sync/SyncEngine.h"
#include "sync/SyncStatusReader.h"
#include "face/detect/HaarFaceDetector.h"

#include <QDirIterator>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace fd;
using namespace fd::protocol;
using library::LibraryStore;
using library::NewPerson;
using library::NewPhoto;

namespace {

const QString kFaces = QStringLiteral(SHARED_DIR "/faces");

QByteArray jpegOf(const cv::Mat &image)
{
    std::vector<uchar> buf;
    cv::imencode(".jpg", image, buf, {cv::IMWRITE_JPEG_QUALITY, 85});
    return QByteArray(reinterpret_cast<const char *>(buf.data()), qsizetype(buf.size()));
}

cv::Mat matOf(const QByteArray &jpeg)
{
    const cv::Mat raw(1, int(jpeg.size()), CV_8UC1, const_cast<char *>(jpeg.constData()));
    return cv::imdecode(raw, cv::IMREAD_COLOR);
}

// Face crops the way the simulator makes them (160 px wide, even height, one face),
// each person's own: a slight brightness shift and a code in the corner pixel make
// every photo distinct without touching the face.
class Faces {
public:
    bool load(QString *error)
    {
        if (!m_detector.isLoaded()) {
            *error = QStringLiteral("no Haar cascade (opencv-data)");
            return false;
        }
        return m_set.loadFolder(kFaces, m_detector, error) > 0;
    }
    qsizetype count() const { return m_set.photos().size(); }
    QByteArray crop(int i) const { return m_set.photos()[i % m_set.photos().size()].face; }
    QByteArray distinct(int i) const
    {
        cv::Mat image = matOf(crop(i));
        image.convertTo(image, -1, 1.0, double(i % 21 - 10));
        image.at<cv::Vec3b>(0, 0) = cv::Vec3b(uchar(i & 0xFF), uchar((i >> 8) & 0xFF), 77);
        return jpegOf(image);
    }
    // Exactly one face as the Haar detector (the simulator's) sees it.
    bool oneFace(const QByteArray &jpeg) const { return m_detector.detect(matOf(jpeg)).size() == 1; }
    static QByteArray noFace()
    {
        cv::Mat grey(200, 160, CV_8UC3, cv::Scalar(128, 128, 128));
        cv::rectangle(grey, cv::Rect(40, 60, 80, 40), cv::Scalar(90, 140, 200), cv::FILLED);
        return jpegOf(grey);
    }

private:
    face::HaarFaceDetector m_detector;
    sim::FacePhotoSet m_set;
};

NewPerson person(const QString &name, const QByteArray &jpeg, int list = library::sort::Whitelist)
{
    NewPerson p;
    p.name = name;
    p.gender = 1;
    p.cardNo = QStringLiteral("C-") + name;
    p.listId = list;
    const cv::Mat m = matOf(jpeg);
    p.photos << NewPhoto{jpeg, 0, QSize(m.cols, m.rows), name + QStringLiteral(".jpg")};
    return p;
}

// FaceDesk in this process (the shared test desk, with the library sync), plus a
// library store of the test's own on its own connection.
struct Desk : TestDesk {
    std::unique_ptr<LibraryStore> library;
    std::unique_ptr<sync::SyncStatusReader> reader;

    explicit Desk(sync::SyncConfig config)
    {
        options.sync = config;
        startOrDie();
        QString error;
        QSqlDatabase test = store::openDatabase(db, QStringLiteral("test"), &error);
        library = std::make_unique<LibraryStore>(test, db.libraryDir());
        reader = std::make_unique<sync::SyncStatusReader>(test, db.libraryDir());
    }
    ~Desk() override
    {
        reader.reset();
        library.reset();
        QSqlDatabase::removeDatabase(QStringLiteral("test"));
    }

    QList<qint64> add(const QList<NewPerson> &persons)
    {
        const QList<qint64> ids = library->addPersons(persons);
        if (ids.size() != persons.size())
            qWarning() << "addPersons:" << library->lastError();
        return ids;
    }
    // Nothing pending for the device (everything synced or failed for good) and the
    // engine has nothing in flight.
    bool done(const QString &uuid) const { return engine->isSettled(uuid) && engine->counts(uuid).pending == 0; }
    QList<sync::StateRow> rows(const QString &uuid)
    {
        sync::SyncStateStore state(library->database());
        return state.rows(uuid);
    }
};

sync::SyncConfig fastConfig()
{
    sync::SyncConfig c;
    c.retry.baseMs = 100;  // a dropped batch is sent again soon
    c.retry.maxMs = 2000;
    c.replyTimeoutMs = 10000;
    return c;
}

// Simulated devices in this process, talking to the desk over loopback.
std::unique_ptr<sim::SimRunner> simDevices(quint16 httpPort, quint16 tcpPort, const QString &prefix, int count,
                                        const std::function<void(sim::SimConfig &)> &tune = {})
{
    sim::SimConfig c;
    c.server = QStringLiteral("127.0.0.1");
    c.httpPort = httpPort;
    c.tcpPort = tcpPort;
    c.devices = count;
    c.rate = 0;  // no face events: these devices only hold libraries
    c.duration = 1e6;
    c.quiet = true;
    c.uuidPrefix = prefix;
    c.checkFaces = false;
    if (tune)
        tune(c);
    auto runner = std::make_unique<sim::SimRunner>(c);
    QString error;
    if (!runner->prepare(&error))
        qWarning() << "sim:" << error;
    return runner;
}

std::unique_ptr<sim::SimRunner> simDevices(const Desk &desk, const QString &prefix, int count,
                                        const std::function<void(sim::SimConfig &)> &tune = {})
{
    return simDevices(desk.server->httpPort(), desk.server->tcpPort(), prefix, count, tune);
}

// The device holds exactly what FaceDesk wants it to hold (index_ids, names, photos):
// no gaps, nothing extra.
QString compareLibrary(LibraryStore &library, const sim::SimDevice &device, qsizetype limit = -1)
{
    const QList<library::WantedPerson> wanted = library.wantedBy(device.uuid());
    QList<qint64> want;
    for (const library::WantedPerson &w : wanted)
        want << w.indexId;
    if (limit >= 0)
        want = want.mid(0, limit);
    const QList<qint64> held = device.library().people().keys();
    if (held != want)
        return QStringLiteral("%1 holds %2 persons, FaceDesk wants %3 (first difference at %4)")
            .arg(device.uuid())
            .arg(held.size())
            .arg(want.size())
            .arg([&] {
                for (qsizetype i = 0; i < std::min(held.size(), want.size()); ++i)
                    if (held[i] != want[i])
                        return i;
                return std::min(held.size(), want.size());
            }());
    for (qint64 id : want) {
        const std::optional<library::Person> p = library.person(id);
        const protocol::LibraryPicture &got = device.library().people()[id];
        if (!p || got.attribute.name != p->name || got.attribute.cardId != p->cardNo
            || got.jpeg != library.photoJpeg(p->photos.first()))
            return QStringLiteral("%1 holds another version of %2").arg(device.uuid()).arg(id);
    }
    return {};
}

// `facedesk serve` as a child process; its first stdout line names its ports.
class Serve {
public:
    bool start(const store::DatabaseConfig &db, quint16 http = 0, quint16 tcp = 0)
    {
        m_process.setProgram(QStringLiteral(FACEDESK_BINARY));
        m_process.setArguments(QStringList{QStringLiteral("serve")} + testarchive::arguments(db) + QStringList{QStringLiteral("--bind"),
                                QStringLiteral("127.0.0.1"), QStringLiteral("--http-port"), QString::number(http),
                                QStringLiteral("--tcp-port"), QString::number(tcp), QStringLiteral("--accept-new-devices"),
                                QStringLiteral("--sync-retry-ms"), QStringLiteral("100")});
        if (qEnvironmentVariableIsSet("SERVE_STDERR"))  // for debugging: serve's log on ours
            m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        return startServeAndReadPorts(m_process, &m_http, &m_tcp);
    }
    void killNow() { m_process.kill(); }  // SIGKILL: no chance to record anything more
    bool waitFinished() { return m_process.state() == QProcess::NotRunning || m_process.waitForFinished(10000); }
    int stop()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(20000))
            return -1;
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -2;
    }
    quint16 http() const { return m_http; }
    quint16 tcp() const { return m_tcp; }

private:
    QProcess m_process;
    quint16 m_http = 0;
    quint16 m_tcp = 0;
};

QString runFacedesk(const QStringList &arguments, int *exitCode = nullptr)
{
    QProcess p;
    p.start(QStringLiteral(FACEDESK_BINARY), arguments);
    if (!p.waitForFinished(30000))
        return QStringLiteral("(did not finish)");
    if (exitCode)
        *exitCode = p.exitCode();
    return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
}

} // namespace

class TestSync : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void thousandPersonsToThreeDevices();
    void droppedBatchesResumeWithoutGaps();
    void updatesAndDeletesPropagate();
    void badPhotoFailsForGoodUntilReconciled();
    void verifyRepairsWhatTheDeviceReallyHolds();
    void busyAndSilentDevicesAreRetried();
    void killedServeResumesOnRestart();
    void forgottenPersonLeavesNoTrace();

private:
    Faces m_faces;
};

void TestSync::initTestCase()
{
    if (!QDir(kFaces).exists())
        QSKIP("../shared/faces is not present");
    QString error;
    QVERIFY2(m_faces.load(&error), qPrintable(error));
    QVERIFY(m_faces.count() >= 4);
}

void TestSync::thousandPersonsToThreeDevices()
{
    sync::SyncConfig config = fastConfig();
    config.reconcileIntervalMs = 400;
    Desk desk(config);
    QList<NewPerson> persons;
    for (int i = 0; i < 1000; ++i)
        persons << person(QStringLiteral("Person %1").arg(i), m_faces.distinct(i));
    const QList<qint64> ids = desk.add(persons);
    QCOMPARE(ids.size(), 1000);

    // Two roomy devices and one that holds only 500; the whitelist goes to all three
    // through a group.
    auto roomy = simDevices(desk, QStringLiteral("BIG"), 2);
    auto small = simDevices(desk, QStringLiteral("SML"), 1, [](sim::SimConfig &c) { c.libraryCapacity = 500; });
    QList<sim::SimDevice *> all = roomy->devices() + small->devices();
    QStringList uuids;
    for (const sim::SimDevice *d : all)
        uuids << d->uuid();
    const int group = desk.library->addGroup(QStringLiteral("Entrances"), uuids);
    QVERIFY(group > 0);
    QVERIFY(desk.library->assign({-1, {}, group, library::sort::Whitelist, 0}));
    QSignalSpy progress(desk.engine, &sync::SyncEngine::progress);
    roomy->start();
    small->start();

    QTRY_VERIFY_WITH_TIMEOUT(desk.done(uuids[0]) && desk.done(uuids[1]) && desk.done(uuids[2]), 90000);
    QCOMPARE(compareLibrary(*desk.library, *all[0]), QString());
    QCOMPARE(compareLibrary(*desk.library, *all[1]), QString());
    QCOMPARE(compareLibrary(*desk.library, *all[2], 500), QString());  // the first 500, nothing else
    QVERIFY(!progress.isEmpty());

    // The full device: 500 refused for good, with the reason in words.
    const sync::DeviceSyncStatus full = desk.reader->device(uuids[2]);
    QCOMPARE(full.counts.done, 500);
    QCOMPARE(full.counts.failed, 500);
    QCOMPARE(full.counts.pending, 0);
    const QList<sync::SyncFailure> failures = desk.reader->failures(uuids[2]);
    QCOMPARE(failures.size(), 500);
    QCOMPARE(failures.first().errorCode, code::LibraryFull);
    QCOMPARE(failures.first().errorText, resultCodeText(code::LibraryFull));
    QCOMPARE(failures.first().name, QStringLiteral("Person 500"));
    QCOMPARE(desk.reader->device(uuids[0]).counts, (sync::SyncCounts{1000, 1000, 0, 0, 0, 0}));
    const QList<sync::PersonSyncStatus> onDevices = desk.reader->person(ids[999]);
    QCOMPARE(onDevices.size(), 3);
    QCOMPARE(onDevices[2].status, sync::ItemStatus::Failed);
    QCOMPARE(onDevices[0].status, sync::ItemStatus::Synced);

    // Not retried: two more reconcile ticks send nothing to anyone.
    const qint64 received = all[2]->commandsReceived();
    const qint64 sent = desk.engine->counters(uuids[2]).commands;
    QSignalSpy ticks(desk.engine, &sync::SyncEngine::reconcileTicked);
    QVERIFY(ticks.wait(5000));
    QVERIFY(ticks.wait(5000));
    QCOMPARE(all[2]->commandsReceived(), received);
    QCOMPARE(desk.engine->counters(uuids[2]).commands, sent);
    for (const sync::StateRow &r : desk.rows(uuids[2]))
        QVERIFY(r.attempts <= 1);  // each refused person was offered exactly once
}

void TestSync::droppedBatchesResumeWithoutGaps()
{
    Desk desk(fastConfig());
    QList<NewPerson> persons;
    for (int i = 0; i < 200; ++i)
        persons << person(QStringLiteral("Drop %1").arg(i), m_faces.distinct(i + 3000));
    QCOMPARE(desk.add(persons).size(), 200);
    // The device dies in the middle of each of its first three batches: half applied,
    // no answer, connection gone.
    auto sim = simDevices(desk, QStringLiteral("DRP"), 1, [](sim::SimConfig &c) { c.dropBatches = 3; });
    const sim::SimDevice &device = *sim->devices().first();
    QVERIFY(desk.library->assign({-1, device.uuid(), 0, library::sort::Whitelist, 0}));
    sim->start();
    QTRY_VERIFY_WITH_TIMEOUT(desk.done(device.uuid()), 60000);
    QCOMPARE(compareLibrary(*desk.library, device), QString());
    QVERIFY(sim->stats().reconnects >= 3);
    QVERIFY(desk.engine->counters(device.uuid()).transportFailures >= 3);
    QCOMPARE(desk.reader->device(device.uuid()).counts.done, 200);
    for (const sync::StateRow &r : desk.rows(device.uuid())) {
        QCOMPARE(r.attempts, 0);  // every retry ended in success, which resets the count
        QVERIFY(!r.mayHold);
    }
}

void TestSync::updatesAndDeletesPropagate()
{
    Desk desk(fastConfig());
    QList<NewPerson> persons;
    for (int i = 0; i < 30; ++i)
        persons << person(QStringLiteral("Change %1").arg(i), m_faces.distinct(i + 5000));
    const QList<qint64> ids = desk.add(persons);
    QCOMPARE(ids.size(), 30);
    auto sim = simDevices(desk, QStringLiteral("UPD"), 1);
    const sim::SimDevice &device = *sim->devices().first();
    const QString uuid = device.uuid();
    QVERIFY(desk.library->assignPersons(uuid, 0, ids));  // person by person, so one can be unassigned
    sim->start();
    QTRY_VERIFY_WITH_TIMEOUT(desk.done(uuid) && device.library().size() == 30, 30000);

    // Renamed; new photo; removed from the library; unassigned from the device.
    std::optional<library::Person> renamed = desk.library->person(ids[0]);
    renamed->name = QStringLiteral("Renamed Person");
    QVERIFY(desk.library->updatePerson(*renamed));
    const QByteArray newPhoto = m_faces.distinct(9999);
    QVERIFY(desk.library->setPhotos(ids[1], {NewPhoto{newPhoto, 0, QSize(160, 200), QStringLiteral("new.jpg")}}));
    QVERIFY(desk.library->removePersons({ids[2]}));
    QVERIFY(desk.library->unassignPersons(uuid, 0, {ids[3], ids[4]}));
    const qint64 updatesBefore = device.commandsReceived(QString::fromLatin1(method::UpdatePic));
    desk.engine->kick();
    desk.engine->kick();  // coalesced with the first

    QTRY_VERIFY_WITH_TIMEOUT(desk.done(uuid) && device.library().size() == 27, 30000);
    QCOMPARE(compareLibrary(*desk.library, device), QString());
    QCOMPARE(device.library().people()[ids[0]].attribute.name, QStringLiteral("Renamed Person"));
    QCOMPARE(device.library().people()[ids[1]].jpeg, newPhoto);
    QVERIFY(!device.library().people().contains(ids[2]));
    QCOMPARE(device.commandsReceived(QString::fromLatin1(method::UpdatePic)) - updatesBefore, 2);
    QCOMPARE(device.commandsReceived(QString::fromLatin1(method::DelMultiplePic)), 1);  // the three in one batch
    // The deleted person's row is gone with the confirmation; the others are synced.
    QCOMPARE(desk.rows(uuid).size(), 27);
    QCOMPARE(desk.reader->device(uuid).counts, (sync::SyncCounts{27, 27, 0, 0, 0, 0}));

    // A change made through another connection (another process would do the same)
    // is noticed by the change counter, without a kick.
    QVERIFY(desk.library->unassignPersons(uuid, 0, {ids[5]}));
    QTRY_VERIFY_WITH_TIMEOUT(device.library().size() == 26, 10000);
    QCOMPARE(device.commandsReceived(QString::fromLatin1(method::DelPic)), 1);
}

void TestSync::badPhotoFailsForGoodUntilReconciled()
{
    sync::SyncConfig config = fastConfig();
    config.reconcileIntervalMs = 300;
    Desk desk(config);
    QList<NewPerson> persons;
    for (int i = 0; i < int(m_faces.count()); ++i)
        if (m_faces.oneFace(m_faces.crop(i)))
            persons << person(QStringLiteral("Face %1").arg(i), m_faces.crop(i));
    QVERIFY(persons.size() >= 3);
    persons << person(QStringLiteral("Nobody"), Faces::noFace());
    const QList<qint64> ids = desk.add(persons);
    QCOMPARE(ids.size(), persons.size());
    // This device looks for faces in what it is sent, like a real one.
    auto sim = simDevices(desk, QStringLiteral("HAAR"), 1, [](sim::SimConfig &c) { c.checkFaces = true; });
    const sim::SimDevice &device = *sim->devices().first();
    const QString uuid = device.uuid();
    QVERIFY(desk.library->assign({-1, uuid, 0, library::sort::Whitelist, 0}));
    sim->start();
    QTRY_VERIFY_WITH_TIMEOUT(desk.done(uuid), 30000);
    QCOMPARE(device.library().size(), persons.size() - 1);

    const QList<sync::SyncFailure> failures = desk.reader->failures(uuid);
    QCOMPARE(failures.size(), 1);
    QCOMPARE(failures.first().indexId, ids.last());
    QCOMPARE(failures.first().name, QStringLiteral("Nobody"));
    QCOMPARE(failures.first().errorCode, code::FaceDetectionFailed);
    QCOMPARE(failures.first().errorText, resultCodeText(code::FaceDetectionFailed));
    const QList<sync::PersonSyncStatus> status = desk.reader->person(ids.last());
    QCOMPARE(status.size(), 1);
    QCOMPARE(status.first().status, sync::ItemStatus::Failed);
    QVERIFY(status.first().errorText.contains(QLatin1String("no face")));

    const qint64 received = device.commandsReceived();
    QSignalSpy ticks(desk.engine, &sync::SyncEngine::reconcileTicked);
    QVERIFY(ticks.wait(5000));
    QVERIFY(ticks.wait(5000));
    QCOMPARE(device.commandsReceived(), received);

    // An admin's full reconcile offers it once more (and verifies the library first);
    // it fails again, and stays failed.
    QSignalSpy verified(desk.engine, &sync::SyncEngine::deviceVerified);
    desk.engine->reconcileDevice(uuid);
    QVERIFY(verified.wait(10000));
    QCOMPARE(verified.first().at(1).toLongLong(), qint64(persons.size() - 1));
    QTRY_VERIFY_WITH_TIMEOUT(desk.done(uuid) && device.commandsReceived() == received + 2, 10000);
    QCOMPARE(desk.reader->failures(uuid).size(), 1);
    QVERIFY(ticks.wait(5000));
    QCOMPARE(device.commandsReceived(), received + 2);  // get_sort and the one add
}

void TestSync::verifyRepairsWhatTheDeviceReallyHolds()
{
    Desk desk(fastConfig());
    QList<NewPerson> persons;
    for (int i = 0; i < 6; ++i)
        persons << person(QStringLiteral("Verify %1").arg(i), m_faces.distinct(i + 7000));
    const QList<qint64> ids = desk.add(persons);
    auto sim = simDevices(desk, QStringLiteral("VER"), 1);
    const sim::SimDevice &device = *sim->devices().first();
    const QString uuid = device.uuid();
    QVERIFY(desk.library->assignPersons(uuid, 0, ids.mid(0, 4)));
    sim->start();
    QTRY_VERIFY_WITH_TIMEOUT(desk.done(uuid) && device.library().size() == 4, 30000);

    // FaceDesk's record goes wrong behind the engine's back (a restored backup, say):
    // person 0 is unassigned and its row lost, so the device holds someone nobody
    // wants and FaceDesk does not know it; person 4 is assigned and recorded as
    // confirmed, but the device never got it.
    QSqlQuery q(desk.library->database());
    QVERIFY(desk.library->unassignPersons(uuid, 0, {ids[0]}));
    QVERIFY(q.exec(QStringLiteral("DELETE FROM sync_state WHERE index_id = %1").arg(ids[0])));
    QVERIFY(q.exec(QStringLiteral("INSERT INTO sync_state (device_uuid, index_id, confirmed_revision, updated_at) "
                                  "VALUES ('%1', %2, 1, 0)").arg(uuid).arg(ids[4])));
    QVERIFY(desk.library->assignPersons(uuid, 0, {ids[4]}));
    desk.engine->kick();
    QTRY_VERIFY_WITH_TIMEOUT(desk.done(uuid), 10000);
    QVERIFY(device.library().people().contains(ids[0]));   // still there: nobody knows
    QVERIFY(!device.library().people().contains(ids[4]));  // still missing: FaceDesk thinks it is there

    // The device asks for a full sync (as sw_device_sync_data does): what it lists is
    // compared with what it confirmed.
    QSignalSpy verified(desk.engine, &sync::SyncEngine::deviceVerified);
    desk.engine->reconcileDevice(uuid);
    QVERIFY(verified.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(desk.done(uuid) && !device.library().people().contains(ids[0]), 10000);
    QCOMPARE(compareLibrary(*desk.library, device), QString());
    const sync::DeviceSyncStatus s = desk.reader->device(uuid);
    QCOMPARE(s.counts.done, 4);
    QVERIFY(s.verify.verifiedAt > 0);
    QCOMPARE(s.verify.heldCount, 4);
}

void TestSync::busyAndSilentDevicesAreRetried()
{
    sync::SyncConfig config = fastConfig();
    // Long enough that the hand-driven device's first answer is never late on a loaded
    // machine (at 300 ms, with other tests beside it, the batch timed out and came back
    // whole), short enough for the silent part below.
    config.replyTimeoutMs = 1500;
    Desk desk(config);
    // The photos' content does not matter to this hand-driven device.
    const QList<qint64> ids = desk.add({person(QStringLiteral("Busy"), m_faces.crop(0)),
                                        person(QStringLiteral("Fine"), m_faces.crop(1))});
    const QString uuid = QStringLiteral("HAND00000001");
    QVERIFY(desk.library->assignPersons(uuid, 0, ids));

    TestClient http;
    QVERIFY(http.connectTo(desk.server->httpPort()));
    AccessTokenRequest tokenRequest;
    tokenRequest.uuid = uuid;
    const auto granted = http.post("/cloud_kq/api/getAccessToken", encode(tokenRequest));
    QVERIFY(granted);
    KeepaliveRequest beat;
    beat.uuid = uuid;
    const Decoded grant = decode(granted->json);
    QVERIFY(grant.as<AccessTokenReply>());
    beat.token = grant.as<AccessTokenReply>()->token;
    const auto connectDevice = [&](TestClient &tcp) {
        QVERIFY(tcp.connectTo(desk.server->tcpPort()));
        tcp.send(encode(beat));
        const auto answer = tcp.next();
        QVERIFY(answer);
        QVERIFY(decode(answer->json).as<KeepaliveReply>());
    };

    // First the batch: one person answered "busy", the other added.
    TestClient first;
    connectDevice(first);
    auto command = first.next();
    QVERIFY(command);
    const Decoded batchCommand = decode(command->json);
    const auto *batch = batchCommand.as<AddMultiplePicRequest>();
    QVERIFY(batch);
    QCOMPARE(batch->pictures.size(), 2);
    MultiplePicReply busy{QString::fromLatin1(method::AddMultiplePic), uuid, {{ids[0], code::DeviceBusy}}};
    first.send(encode(busy));

    // After the back-off the busy one comes again, alone; this time no answer at all:
    // the engine gives up on the connection.
    command = first.next();
    QVERIFY(command);
    const Decoded singleCommand = decode(command->json);
    const auto *single = singleCommand.as<AddPicRequest>();
    QVERIFY2(single, command->json.left(300).constData());  // what came instead, if anything
    QCOMPARE(single->picture.indexId, ids[0]);
    QVERIFY(first.waitClosed());
    QList<sync::StateRow> rows = desk.rows(uuid);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].attempts, 2);
    QCOMPARE(rows[0].confirmedRevision, 0);
    QVERIFY(rows[0].errorText.contains(QLatin1String("did not answer")));
    QCOMPARE(rows[1].confirmedRevision, 1);
    QCOMPARE(desk.reader->device(uuid).counts.pending, 1);

    // The device comes back and answers: done, and the retry count is cleared.
    TestClient second;
    connectDevice(second);
    command = second.next();
    QVERIFY(command);
    const Decoded again = decode(command->json);
    QVERIFY(again.as<AddPicRequest>());
    QCOMPARE(again.as<AddPicRequest>()->picture.indexId, ids[0]);
    second.send(encode(PicReply{QString::fromLatin1(method::AddPic), uuid, ids[0], code::Ok}));
    QTRY_VERIFY_WITH_TIMEOUT(desk.done(uuid), 10000);
    rows = desk.rows(uuid);
    QCOMPARE(rows[0].confirmedRevision, 1);
    QCOMPARE(rows[0].attempts, 0);
    QCOMPARE(rows[0].errorText, QString());
}

void TestSync::killedServeResumesOnRestart()
{
    QTemporaryDir dir;
    const store::DatabaseConfig db = testarchive::config(dir.path());
    QString error;
    QList<qint64> ids;
    {
        QSqlDatabase conn = store::openDatabase(db, QStringLiteral("restart"), &error);
        QVERIFY2(conn.isOpen(), qPrintable(error));
        LibraryStore library(conn, db.libraryDir());
        QList<NewPerson> persons;
        for (int i = 0; i < 1000; ++i)
            persons << person(QStringLiteral("Restart %1").arg(i), m_faces.distinct(i + 20000), library::sort::Vip);
        ids = library.addPersons(persons);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("restart"));
    QCOMPARE(ids.size(), 1000);

    Serve first;
    QVERIFY(first.start(db));
    const quint16 http = first.http();
    const quint16 tcp = first.tcp();
    auto sim = simDevices(http, tcp, QStringLiteral("RST"), 1, [](sim::SimConfig &c) {
        c.slowMs = 5;  // a little time per command, so that the kill lands mid-sync
    });
    const sim::SimDevice &device = *sim->devices().first();
    const QString uuid = device.uuid();

    // Assigned from the command line while serve runs: it notices within a second.
    int rc = -1;
    const QString assigned = runFacedesk(QStringList{QStringLiteral("assign")} + testarchive::arguments(db)
                                             + QStringList{QStringLiteral("--device"), uuid, QStringLiteral("--list"), QStringLiteral("VIP")},
                                         &rc);
    QVERIFY2(rc == 0, qPrintable(assigned));
    QVERIFY2(assigned.contains(QStringLiteral("%1 should now hold 1000 persons").arg(uuid)), qPrintable(assigned));

    bool killed = false;
    connect(&device, &sim::SimDevice::libraryChanged, this, [&] {
        if (!killed && device.library().size() >= 300) {
            killed = true;
            first.killNow();
        }
    });
    sim->start();
    QTRY_VERIFY_WITH_TIMEOUT(killed, 60000);
    QVERIFY(first.waitFinished());
    QVERIFY(device.library().size() < 1000);

    // Same archive, same ports: the device comes back, and the sync picks up where the
    // archive says it stopped.
    Serve second;
    QVERIFY(second.start(db, http, tcp));
    {
        QSqlDatabase conn = store::openDatabase(db, QStringLiteral("watch"), &error);
        LibraryStore library(conn, db.libraryDir());
        sync::SyncStatusReader reader(conn, db.libraryDir());
        QTRY_VERIFY_WITH_TIMEOUT(reader.device(uuid).counts.done == 1000, 60000);
        QCOMPARE(compareLibrary(library, device), QString());
        // Only the batch in flight at the kill went twice (adds replace by index_id).
        QVERIFY2(sim->stats().libraryItemsAccepted <= 1000 + 20, qPrintable(QString::number(sim->stats().libraryItemsAccepted)));

        // Taken back from the command line: the device is emptied.
        const QString removed = runFacedesk(QStringList{QStringLiteral("assign")} + testarchive::arguments(db)
                                                + QStringList{QStringLiteral("--device"), uuid, QStringLiteral("--list"),
                                                              QStringLiteral("3"), QStringLiteral("--remove")},
                                            &rc);
        QVERIFY2(rc == 0 && !removed.contains(QLatin1String("nothing to remove")), qPrintable(removed));
        const QString again = runFacedesk(QStringList{QStringLiteral("assign")} + testarchive::arguments(db)
                                              + QStringList{QStringLiteral("--device"), uuid, QStringLiteral("--list"),
                                                            QStringLiteral("3"), QStringLiteral("--remove")},
                                          &rc);
        QVERIFY2(rc == 0 && again.contains(QLatin1String("nothing to remove")), qPrintable(again));
        QTRY_VERIFY_WITH_TIMEOUT(device.library().size() == 0, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(reader.device(uuid).counts.total == 0, 10000);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("watch"));
    QCOMPARE(second.stop(), 0);

    const QString status = runFacedesk(QStringList{QStringLiteral("sync-status")} + testarchive::arguments(db)
                                           + QStringList{QStringLiteral("--csv"), QStringLiteral("--failures")},
                                       &rc);
    QCOMPARE(rc, 0);
    QVERIFY2(status.startsWith(QLatin1String("device,name,synced,pending,failed,removals,retrying_later")), qPrintable(status));
    QVERIFY2(status.contains(QRegularExpression(QStringLiteral("\\n%1,[^,\\n]*,0,0,0,0,0,").arg(uuid))), qPrintable(status));
    QVERIFY2(status.contains(QLatin1String("device,index_id,name,action,code,reason")), qPrintable(status));
}


namespace {

// `facedesk forget` as an operator; its exit code, its output in *output.
int forgetAs(const store::DatabaseConfig &db, const QString &user, const QString &password, qint64 indexId, QString *output)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FACEDESK_PASSWORD"), password);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(FACEDESK_BINARY), QStringList{QStringLiteral("forget"), QString::number(indexId), QStringLiteral("--yes"),
                                                          QStringLiteral("--with-events"), QStringLiteral("--user"), user}
                                                 + testarchive::arguments(db));
    if (!p.waitForFinished(60000))
        return -1;
    *output = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
}

// Every file under dir that holds one of the byte strings: "file: what".
QStringList filesHolding(const QString &dir, const QList<std::pair<QString, QByteArray>> &needles)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = f.readAll();
        for (const auto &[what, needle] : needles)
            if (bytes.contains(needle))
                found << QDir(dir).relativeFilePath(f.fileName()) + QStringLiteral(": ") + what;
    }
    return found;
}

} // namespace

// #13: "forget this person": the admin's command (a guard is refused) erases the
// person, their photo and descriptor, their events with images and face-index rows;
// the running sync deletes them from the device; and afterwards no row, no file and
// no byte of the archive folder (database and its log included) holds their name,
// photo, face images or descriptors. Another person's data stays.
void TestSync::forgottenPersonLeavesNoTrace()
{
    Desk desk(fastConfig());
    const QString name = QStringLiteral("Forget Me Person");
    const QByteArray photo = m_faces.distinct(7001);
    const QList<qint64> ids = desk.add({person(name, photo, library::sort::Blacklist), person(QStringLiteral("Keep Me"), m_faces.distinct(7002))});
    QCOMPARE(ids.size(), 2);
    const qint64 gone = ids[0];
    const library::Person before = *desk.library->person(gone);
    QVector<float> descriptor(128);
    for (int i = 0; i < descriptor.size(); ++i)
        descriptor[i] = 0.123f + 0.0371f * float(i);
    QVERIFY(desk.library->setPhotoDescriptor(before.photos.first().id, QStringLiteral("test-kind"), descriptor));
    QSqlQuery q(desk.library->database());
    QVERIFY(q.exec(QStringLiteral("SELECT descriptor FROM person_photos WHERE id = %1").arg(before.photos.first().id)) && q.next());
    const QByteArray storedDescriptor = q.value(0).toByteArray();
    QVERIFY(storedDescriptor.size() >= 128);

    // Three sightings of the person and one of the other, as a device pushes them.
    QList<QByteArray> faces;
    for (int i = 0; i < 4; ++i) {
        store::EventRecord r;
        r.push.uuid = QStringLiteral("CAM-FORGET");
        r.push.indexId = i < 3 ? gone : ids[1];
        r.push.picSort = i < 3 ? 1 : 2;
        r.push.picName = (i < 3 ? name : QStringLiteral("Keep Me")) + QStringLiteral(".jpg");
        r.push.matchScore = 0.93;
        r.push.captureTime = QDateTime::currentDateTime().addSecs(-60 + i);
        r.push.image = m_faces.distinct(7100 + i);
        r.push.imageName = QStringLiteral("FACE_%1.jpg").arg(i);
        r.deviceUuid = r.push.uuid;
        r.receivedAt = QDateTime::currentDateTimeUtc();
        faces << r.push.image;
        QVERIFY(desk.writer->enqueueEvent(r));
    }
    const QList<QVariantList> events = desk.TestDesk::rows(QStringLiteral("SELECT id FROM events WHERE index_id = %1 ORDER BY id").arg(gone));
    QCOMPARE(events.size(), 3);
    // FaceDesk's own face-index row for one of them.
    const QByteArray feature(256, '\x5a');
    q.prepare(QStringLiteral("INSERT INTO local_features (event_id, kind, dims, vector) VALUES (?, 'test-kind', 64, ?)"));
    q.addBindValue(events[0][0].toLongLong());
    q.addBindValue(feature);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));

    auto sim = simDevices(desk, QStringLiteral("FGT"), 1);
    const sim::SimDevice &device = *sim->devices().first();
    const QString uuid = device.uuid();
    QVERIFY(desk.library->assignPersons(uuid, 0, ids));
    sim->start();
    QTRY_VERIFY_WITH_TIMEOUT(desk.done(uuid) && device.library().size() == 2, 30000);

    QString error, output;
    operators::OperatorStore accounts(desk.library->database());
    QVERIFY2(accounts.add(QStringLiteral("ann"), auth::Role::Admin, QStringLiteral("ann's password"), &error), qPrintable(error));
    QVERIFY2(accounts.add(QStringLiteral("gil"), auth::Role::Guard, QStringLiteral("gil's password"), &error), qPrintable(error));
    QCOMPARE(forgetAs(desk.db, QStringLiteral("gil"), QStringLiteral("gil's password"), gone, &output), 4);
    QVERIFY2(output.contains(QLatin1String("admin")), qPrintable(output));
    QVERIFY(desk.library->person(gone).has_value());
    QCOMPARE(forgetAs(desk.db, QStringLiteral("ann"), QStringLiteral("ann's password"), gone, &output), 0);
    QVERIFY2(output.contains(QLatin1String("forgot person")) && output.contains(QLatin1String("3 event(s)")), qPrintable(output));

    // The running sync notices (the library's change counter) and the device deletes them.
    QTRY_VERIFY_WITH_TIMEOUT(!device.library().people().contains(gone) && desk.done(uuid), 30000);
    QVERIFY(device.library().people().contains(ids[1]));
    for (const protocol::LibraryPicture &held : device.library().people())
        QVERIFY(held.jpeg != photo && held.attribute.name != name);

    // No row names them.
    const QString eventIds = [&] {
        QStringList parts;
        for (const QVariantList &e : events)
            parts << e[0].toString();
        return parts.join(u',');
    }();
    for (const QString &where : {QStringLiteral("persons WHERE index_id = %1"), QStringLiteral("person_photos WHERE index_id = %1"),
                                 QStringLiteral("assignments WHERE index_id = %1"), QStringLiteral("sync_state WHERE index_id = %1"),
                                 QStringLiteral("events WHERE index_id = %1 OR local_index_id = %1"),
                                 QStringLiteral("local_features WHERE event_id IN (%2)"), QStringLiteral("alert_acks WHERE event_id IN (%2)")}) {
        const QList<QVariantList> n = desk.TestDesk::rows(QStringLiteral("SELECT COUNT(*) FROM ")
                                                                   + QString(where).replace(QStringLiteral("%1"), QString::number(gone)).replace(QStringLiteral("%2"), eventIds));
        QVERIFY2(!n.isEmpty() && n.first().first().toLongLong() == 0, qPrintable(where));
    }
    QCOMPARE(desk.count(QStringLiteral("index_id = %1").arg(ids[1])), qint64(1));
    QVERIFY(desk.library->person(ids[1]).has_value());
    // PostgreSQL: nor an image row (a SQLite archive keeps images as files only).
    const auto blobRows = [&](const QList<QByteArray> &images) {
        QStringList keys;
        for (const QByteArray &image : images)
            keys << u'\'' + QString::fromLatin1(store::ImageStore::contentHash(image)) + u'\'';
        return desk.TestDesk::rows(QStringLiteral("SELECT COUNT(*) FROM image_blobs WHERE hash IN (%1)").arg(keys.join(u','))).value(0).value(0).toInt();
    };
    QCOMPARE(blobRows({photo, faces[0], faces[1], faces[2]}), 0);
    QCOMPARE(blobRows({faces[3]}), desk.db.backend() == store::Backend::Postgres ? 1 : 0);

    // No file and no byte of the archive folder holds them: the photo, the three face
    // images, the descriptor, the face-index vector, the name (database and log too).
    desk.writer->stop();  // its last batch on disk
    QList<std::pair<QString, QByteArray>> needles{{QStringLiteral("photo"), photo},
                                                  {QStringLiteral("descriptor"), storedDescriptor},
                                                  {QStringLiteral("face-index vector"), feature},
                                                  {QStringLiteral("name"), name.toUtf8()}};
    for (int i = 0; i < 3; ++i)
        needles.append({QStringLiteral("face %1").arg(i), faces[i]});
    const QStringList traces = filesHolding(desk.db.dataDir, needles);
    QVERIFY2(traces.isEmpty(), qPrintable(traces.join(QStringLiteral("; "))));
    QVERIFY(!filesHolding(desk.db.dataDir, {{QStringLiteral("the other's face"), faces[3]}}).isEmpty());  // the scan sees files

    // The trail says who forgot whom by index id, with counts, not the name.
    QString e;
    const QList<operators::AuditRecord> trail = operators::AuditLog(desk.library->database()).records({}, {}, &e);
    QVERIFY(!trail.isEmpty());
    const operators::AuditRecord &last = trail.last();
    QCOMPARE(last.operatorName + u' ' + last.action + u' ' + last.target, QStringLiteral("ann forget-person person %1").arg(gone));
    QCOMPARE(QJsonDocument::fromJson(last.details.toUtf8()).object().value(QStringLiteral("events")).toInt(), 3);
    for (const operators::AuditRecord &r : trail)
        QVERIFY(!r.details.contains(name) && !r.target.contains(name));
    QString restart;
    QVERIFY2(desk.writer->start(&restart), qPrintable(restart));
}

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
