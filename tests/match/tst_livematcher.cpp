// Live matching on a real archive (SQLite in a temporary folder) with real photos:
// a capture camera's face of a library person gets that person, a stranger stays a
// stranger, a device's wrong match is flagged, photos validated before the models
// were installed are described on reload, per-list thresholds apply, and the queue
// reads images back from the archive when it is behind.
#include "../support/TestArchive.h"
#include "FacePhotos.h"

#include "face/CnnFaceEngine.h"
#include "face/FaceVision.h"
#include "library/LibraryStore.h"
#include "library/PhotoValidator.h"
#include "match/LiveMatcher.h"
#include "store/Database.h"

#include "../support/ThreadSafeSpy.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace fd;
using namespace facephotos;

class TestLiveMatcher : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void captureOfLibraryPersonIsMatched();
    void strangerStaysStranger();
    void wrongDeviceMatchIsFlagged();
    void listThresholdApplies();
    void olderPhotosAreDescribedOnReload();
    void imagesAreReadBackWhenBehind();

private:
    QSqlDatabase db();
    qint64 addPerson(const QString &name, const QString &photoName, int listId, bool withDescriptor = true);
    qint64 addEvent(const cv::Mat &face, qint64 deviceIndexId = -1, QString *facePath = nullptr);
    match::LiveMatch matchOne(match::LiveMatcher &matcher, qint64 eventId, const cv::Mat &face, qint64 deviceIndexId = -1);
    protocol::FacePush pushOf(const cv::Mat &face, qint64 deviceIndexId) const;

    QTemporaryDir m_dir;
    store::DatabaseConfig m_config;
    std::shared_ptr<const face::FaceVision> m_vision;
    std::shared_ptr<face::CnnFaceEngine> m_engine;
    qint64 m_obama = -1, m_biden = -1;
    int m_events = 0;
};

QSqlDatabase TestLiveMatcher::db()
{
    QString error;
    QSqlDatabase d = QSqlDatabase::contains(QStringLiteral("tst")) ? QSqlDatabase::database(QStringLiteral("tst"))
                                                                  : store::openDatabase(m_config, QStringLiteral("tst"), &error);
    if (!d.isOpen())
        qFatal("open: %s", qPrintable(error));
    return d;
}

qint64 TestLiveMatcher::addPerson(const QString &name, const QString &photoName, int listId, bool withDescriptor)
{
    const library::PhotoCheck check = library::PhotoValidator().check(jpeg(photo(photoName)), photoName);
    if (!check.accepted)
        qFatal("%s refused: %s", qPrintable(photoName), qPrintable(check.reason));
    library::NewPerson p;
    p.name = name;
    p.listId = listId;
    library::NewPhoto photo = check.toNewPhoto(photoName);
    if (!withDescriptor) {
        photo.descriptor.clear();
        photo.descriptorKind.clear();
    }
    p.photos << photo;
    library::LibraryStore store(db(), m_config.libraryDir());
    const QList<qint64> ids = store.addPersons({p});
    return ids.value(0, -1);
}

qint64 TestLiveMatcher::addEvent(const cv::Mat &face, qint64 deviceIndexId, QString *facePath)
{
    ++m_events;
    const QString path = QStringLiteral("face-%1.jpg").arg(m_events);
    QFile f(m_config.imagesDir() + u'/' + path);
    QDir().mkpath(m_config.imagesDir());
    if (!f.open(QIODevice::WriteOnly) || f.write(jpeg(face)) < 0)
        qFatal("cannot write %s", qPrintable(f.fileName()));
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO events (dedup_key, received_at, device_uuid, method, capture_at, index_id, face_path) "
                             "VALUES (?, 0, 'DEV', ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(QStringLiteral("key-%1").arg(m_events));
    q.addBindValue(deviceIndexId >= 0 ? QStringLiteral("sw_face_compare_push") : QStringLiteral("sw_face_capture_push"));
    q.addBindValue(m_events * 1000);
    q.addBindValue(deviceIndexId >= 0 ? QVariant(deviceIndexId) : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(path);
    qint64 id = -1;
    if (!store::execReturningId(q, &id))  // PostgreSQL has no lastInsertId()
        qFatal("insert: %s", qPrintable(q.lastError().text()));
    if (facePath)
        *facePath = path;
    return id;
}

protocol::FacePush TestLiveMatcher::pushOf(const cv::Mat &face, qint64 deviceIndexId) const
{
    protocol::FacePush push;
    push.kind = deviceIndexId >= 0 ? protocol::FacePush::Kind::Compare : protocol::FacePush::Kind::Capture;
    push.indexId = deviceIndexId;
    push.image = jpeg(face);
    return push;
}

match::LiveMatch TestLiveMatcher::matchOne(match::LiveMatcher &matcher, qint64 eventId, const cv::Mat &face,
                                           qint64 deviceIndexId)
{
    ThreadSafeSpy<match::LiveMatch> spy(&matcher, &match::LiveMatcher::matched);
    matcher.submit(eventId, pushOf(face, deviceIndexId), QStringLiteral("DEV"));
    if (!spy.wait(30000))
        return {};
    return std::get<0>(spy.first());
}

void TestLiveMatcher::initTestCase()
{
    if (!QFileInfo::exists(kFaces + QStringLiteral("/obama_1.jpg")))
        QSKIP("../shared/faces is not there");
    QString error;
    m_vision = face::FaceVision::shared(&error);
    QVERIFY2(m_vision, qPrintable(error));
    m_engine = std::make_shared<face::CnnFaceEngine>(m_vision);
    m_config = testarchive::config(m_dir.filePath(QStringLiteral("archive")));
    m_obama = addPerson(QStringLiteral("Barack Obama"), QStringLiteral("obama_1"), 1);  // blacklist
    m_biden = addPerson(QStringLiteral("Joe Biden"), QStringLiteral("biden_1"), 2);     // whitelist
    QVERIFY(m_obama > 0 && m_biden > 0);
}

void TestLiveMatcher::captureOfLibraryPersonIsMatched()
{
    match::LiveMatcher matcher(m_config, m_engine);
    const cv::Mat face = deviceFaceCrop(photo(QStringLiteral("obama_2")));
    const qint64 id = addEvent(face);
    const match::LiveMatch m = matchOne(matcher, id, face);
    QCOMPARE(m.eventId, id);
    QCOMPARE(m.indexId, m_obama);
    QCOMPARE(m.listId, 1);
    QVERIFY(m.assigned);
    QVERIFY(m.distance < face::CnnFaceEngine::kSameThreshold);
    QCOMPARE(m.feature.values.size(), 128);
    // The archive says so: the event is Obama's, matched by FaceDesk, with its distance,
    // and its local feature is stored for search.
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("SELECT index_id, matched_by_desk, local_index_id, local_distance FROM events WHERE id = %1").arg(id)));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toLongLong(), m_obama);
    QCOMPARE(q.value(1).toInt(), 1);
    QCOMPARE(q.value(2).toLongLong(), m_obama);
    QVERIFY(qAbs(q.value(3).toDouble() - m.distance) < 1e-5);
    QVERIFY(q.exec(QStringLiteral("SELECT dims FROM local_features WHERE event_id = %1").arg(id)) && q.next());
    QCOMPARE(q.value(0).toInt(), 128);
}

void TestLiveMatcher::strangerStaysStranger()
{
    match::LiveMatcher matcher(m_config, m_engine);
    for (const char *name : {"rose_leslie_1", "alex_lacamoire_1", "kit_harington_1"}) {
        const cv::Mat face = deviceFaceCrop(photo(QString::fromLatin1(name)));
        const qint64 id = addEvent(face);
        const match::LiveMatch m = matchOne(matcher, id, face);
        QCOMPARE(m.eventId, id);
        QCOMPARE(m.indexId, -1);
        QVERIFY(!m.assigned);
        QVERIFY2(m.distance > face::CnnFaceEngine::kSameThreshold, name);
        QSqlQuery q(db());
        QVERIFY(q.exec(QStringLiteral("SELECT index_id IS NULL, matched_by_desk FROM events WHERE id = %1").arg(id)) && q.next());
        QVERIFY(q.value(0).toBool());
        QCOMPARE(q.value(1).toInt(), 0);
    }
}

void TestLiveMatcher::wrongDeviceMatchIsFlagged()
{
    match::LiveMatcher matcher(m_config, m_engine);
    // The device says Biden; the face is Obama's.
    const cv::Mat face = deviceFaceCrop(photo(QStringLiteral("obama_3")));
    const qint64 wrong = addEvent(face, m_biden);
    match::LiveMatch m = matchOne(matcher, wrong, face, m_biden);
    QVERIFY(m.disagrees);
    QCOMPARE(m.indexId, m_obama);
    QVERIFY(m.deviceDistance > face::CnnFaceEngine::kSameThreshold);
    QVERIFY(!m.assigned);
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("SELECT index_id, local_index_id, matched_by_desk FROM events WHERE id = %1").arg(wrong)) && q.next());
    QCOMPARE(q.value(0).toLongLong(), m_biden);   // the device's verdict is kept
    QCOMPARE(q.value(1).toLongLong(), m_obama);   // FaceDesk's beside it
    QCOMPARE(q.value(2).toInt(), 0);
    // A right match agrees.
    const cv::Mat biden = deviceFaceCrop(photo(QStringLiteral("biden_2")));
    const qint64 right = addEvent(biden, m_biden);
    m = matchOne(matcher, right, biden, m_biden);
    QVERIFY(!m.disagrees);
    QCOMPARE(m.indexId, m_biden);
}

void TestLiveMatcher::listThresholdApplies()
{
    match::LiveMatcher matcher(m_config, m_engine);
    const cv::Mat face = deviceFaceCrop(photo(QStringLiteral("obama_4")));
    matcher.setThreshold(1, 0.05f);  // the blacklist demands a near-identical face
    QCOMPARE(matcher.threshold(1), 0.05f);
    QCOMPARE(matcher.threshold(2), face::CnnFaceEngine::kSameThreshold);
    match::LiveMatch m = matchOne(matcher, addEvent(face), face);
    QCOMPARE(m.indexId, -1);
    matcher.setThreshold(1, 0.6f);
    m = matchOne(matcher, addEvent(face), face);
    QCOMPARE(m.indexId, m_obama);
}

void TestLiveMatcher::olderPhotosAreDescribedOnReload()
{
    const qint64 rose = addPerson(QStringLiteral("Rose Leslie"), QStringLiteral("rose_leslie_1"), 3, false);
    match::LiveMatcher matcher(m_config, m_engine);
    ThreadSafeSpy<int, int> loaded(&matcher, &match::LiveMatcher::libraryLoaded);
    QVERIFY(loaded.wait(30000));
    QCOMPARE(std::get<1>(loaded.last()), 3);  // photos: Obama, Biden and Rose's, described now
    const cv::Mat face = deviceFaceCrop(photo(QStringLiteral("rose_leslie_2")));
    const match::LiveMatch m = matchOne(matcher, addEvent(face), face);
    QCOMPARE(m.indexId, rose);
    QCOMPARE(m.listId, 3);
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("SELECT descriptor_kind FROM person_photos WHERE index_id = %1").arg(rose)) && q.next());
    QCOMPARE(q.value(0).toString(), m_engine->kindTag());
}

void TestLiveMatcher::imagesAreReadBackWhenBehind()
{
    // More events than the queue keeps images for: the late ones are read from the
    // archive and still matched; none is lost.
    const cv::Mat face = deviceFaceCrop(photo(QStringLiteral("obama_small")));
    QList<qint64> ids;
    for (int i = 0; i < match::LiveMatcher::kKeepImages + 20; ++i)
        ids << addEvent(face);
    match::LiveMatcher matcher(m_config, m_engine, 2);
    ThreadSafeSpy<match::LiveMatch> spy(&matcher, &match::LiveMatcher::matched);
    for (qint64 id : ids)
        matcher.submit(id, pushOf(face, -1), QStringLiteral("DEV"));
    QVERIFY(matcher.backlog() > match::LiveMatcher::kKeepImages / 2);
    QVERIFY(QTest::qWaitFor([&] { return spy.count() == ids.size(); }, 600000));
    QSet<qint64> seen;
    for (const auto &[m] : spy.calls()) {
        QCOMPARE(m.indexId, m_obama);
        seen.insert(m.eventId);
    }
    QCOMPARE(seen.size(), ids.size());
    QCOMPARE(matcher.backlog(), 0);
    QCOMPARE(matcher.skipped(), 0);
}

QTEST_GUILESS_MAIN(TestLiveMatcher)
#include "tst_livematcher.moc"
