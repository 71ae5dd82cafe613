// Face search over a small archive seeded here: real photos of ../shared/faces as
// event face images, with planted near-duplicates of one query photo (re-encoded,
// scaled, brightened), and device feature blobs of two lengths with planted
// near-identical vectors. Ranks, filters, errors, kinds and lengths never mixed, live
// changes, and `facedesk search` end to end (CSV on stdout, exit codes).
#include "../support/TestArchive.h"
#include "FacePhotos.h"
#include "library/LibraryStore.h"
#include "face/FaceEngineFactory.h"
#include "match/FaceSearch.h"
#include "match/FeatureStore.h"
#include "face/describe/LbpFaceEngine.h"
#include "match/LocalFeatureBackfill.h"
#include "store/Database.h"
#include "store/ImageStore.h"
#include "store/VectorBlob.h"
#include "face/detect/HaarFaceDetector.h"

#include <algorithm>
#include <cmath>

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace fd::match;
using namespace fd::face;

namespace {

constexpr qint64 kBaseMs = 1700000000000;
constexpr qint64 kMinute = 60000;

using namespace facephotos;

QVector<float> randomVector(QRandomGenerator &rng, int dims)
{
    QVector<float> v(dims);
    for (float &x : v)
        x = float(rng.generateDouble() * 2 - 1);
    return v;
}

// v plus a little noise: a planted near-identical feature.
QVector<float> nearby(QRandomGenerator &rng, const QVector<float> &v, double noise)
{
    QVector<float> out = v;
    for (float &x : out)
        x += float((rng.generateDouble() * 2 - 1) * noise);
    return out;
}

QList<qint64> idsOf(const FaceSearchResult &r)
{
    QList<qint64> ids;
    for (const auto &hit : r.hits)
        ids.append(hit.first);
    return ids;
}

QSet<qint64> idSet(const FaceSearchResult &r)
{
    const QList<qint64> ids = idsOf(r);
    return QSet<qint64>(ids.cbegin(), ids.cend());
}

QSet<qint64> setOf(const QList<qint64> &ids)
{
    return QSet<qint64>(ids.cbegin(), ids.cend());
}

struct Row {
    qint64 timeMs = 0;
    QString device;
    int list = 0;  // 0: stranger
};

// The CSV `facedesk search` prints: header, then rows (no quoted commas in ours).
struct Csv {
    QStringList header;
    QList<QStringList> rows;
    QString cell(int row, const QString &column) const { return rows[row].value(header.indexOf(column)); }
};

Csv parseCsv(const QByteArray &text)
{
    Csv csv;
    QStringList lines = QString::fromUtf8(text).split(u'\n', Qt::SkipEmptyParts);
    if (lines.isEmpty())
        return csv;
    csv.header = lines.takeFirst().split(u',');
    for (const QString &line : std::as_const(lines))
        csv.rows.append(line.split(u','));
    return csv;
}

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run facedesk(const QStringList &arguments)
{
    QProcess p;
    p.start(QStringLiteral(FACEDESK_BINARY), QStringList{QStringLiteral("search")} + arguments);
    Run r;
    if (!p.waitForFinished(300000) || p.exitStatus() != QProcess::NormalExit)
        return r;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace

Q_DECLARE_METATYPE(fd::match::FaceSearchFilter)

class TestFaceSearch : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void photoFindsItsNearDuplicatesFirst();
    void personFindsThePlantedPhotos();
    void eventUsesItsLocalFeature();
    void deviceFeatureStaysWithinItsLength_data();
    void deviceFeatureStaysWithinItsLength();
    void filtersRestrictBeforeRanking_data();
    void filtersRestrictBeforeRanking();
    void kindsNeverMix();
    void errors_data();
    void errors();
    void liveAddAndRemove();
    void searchesFromSeveralThreads();
    void newLocalFeaturesJoinWithoutReload();
    void olderEventsStoredLaterJoinToo();
    void listFilterUsesFaceDesksList();

    void cliPhoto();
    void cliEvent();
    void cliExitCodes_data();
    void cliExitCodes();

private:
    QSqlDatabase db();
    qint64 insertEvent(const QString &device, int list, const QString &facePath, const QVector<float> &feature);
    void seed();

    QTemporaryDir m_dir;
    fd::store::DatabaseConfig m_config;
    std::shared_ptr<const FaceEngine> m_engine;
    std::unique_ptr<FaceSearch> m_search;
    QHash<qint64, Row> m_rows;
    int m_events = 0;

    QString m_queryFile;          // the query photo (not in the archive)
    QString m_blankFile;          // a JPEG without a face
    QList<qint64> m_planted;      // the query photo, re-encoded / scaled / brightened
    QList<qint64> m_photos;       // other people's (and the same person's other) photos
    qint64 m_photoWithDevice = -1;  // a photo event that has a 256-d device feature too
    qint64 m_noFaceImage = -1;    // an image without a face: a local row without a vector
    qint64 m_bare = -1;           // neither image nor device feature
    qint64 m_person = -1;         // a library person whose photo is the query photo

    qint64 m_query128 = -1;       // device feature, 128-d; m_near128 are planted near it
    QList<qint64> m_near128;
    QList<qint64> m_other128;
    qint64 m_query256 = -1;
    qint64 m_near256 = -1;
    QList<qint64> m_other256;
};

QSqlDatabase TestFaceSearch::db()
{
    QString error;
    QSqlDatabase d = QSqlDatabase::contains(QStringLiteral("tst"))
        ? QSqlDatabase::database(QStringLiteral("tst"))
        : fd::store::openDatabase(m_config, QStringLiteral("tst"), &error);
    if (!d.isOpen())
        qFatal("open: %s", qPrintable(error));
    return d;
}

// Events a minute apart, in insertion order; list 0 is stored as no pic_sort.
qint64 TestFaceSearch::insertEvent(const QString &device, int list, const QString &facePath, const QVector<float> &feature)
{
    ++m_events;
    const qint64 at = kBaseMs + m_events * kMinute;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO events (dedup_key, received_at, device_uuid, method, capture_at, pic_sort, "
                             "face_path, feature, feature_dims) VALUES (?, ?, ?, 'sw_face_capture_push', ?, ?, ?, ?, ?) "
                             "RETURNING id"));
    q.addBindValue(QStringLiteral("key-%1").arg(m_events));
    q.addBindValue(at);
    q.addBindValue(device);
    q.addBindValue(at);
    q.addBindValue(list ? QVariant(list) : QVariant(QMetaType(QMetaType::Int)));
    q.addBindValue(facePath.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(facePath));
    q.addBindValue(feature.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(fd::store::vectorToBlob(feature)));
    q.addBindValue(int(feature.size()));
    qint64 id = -1;
    if (!fd::store::execReturningId(q, &id))  // PostgreSQL has no lastInsertId()
        qFatal("insert: %s", qPrintable(q.lastError().text()));
    m_rows.insert(id, {at, device, list});
    return id;
}

void TestFaceSearch::seed()
{
    fd::store::ImageStore images(m_config.imagesDir());
    QString error;
    const auto put = [&](const cv::Mat &image, int quality = 90) {
        const QString path = images.put(jpeg(image, quality), &error);
        if (path.isEmpty())
            qFatal("image: %s", qPrintable(error));
        return path;
    };
    const QStringList devices = {QStringLiteral("DEV-A"), QStringLiteral("DEV-B"), QStringLiteral("DEV-C")};
    // Devices and lists cycle with different periods, so that they vary independently.
    int turn = 0;
    int listTurn = 0;
    const auto device = [&] { return devices[turn++ % devices.size()]; };
    const auto list = [&] { return listTurn++ % 5; };

    const cv::Mat query = deviceFaceCrop(photo(QStringLiteral("kit_harington_1")));
    if (query.empty())
        qFatal("no face in the query photo");
    m_queryFile = m_dir.filePath(QStringLiteral("query.jpg"));
    QFile f(m_queryFile);
    if (!f.open(QIODevice::WriteOnly) || f.write(jpeg(query)) < 0)
        qFatal("cannot write the query photo");
    f.close();
    m_blankFile = m_dir.filePath(QStringLiteral("blank.jpg"));
    QFile blank(m_blankFile);
    if (!blank.open(QIODevice::WriteOnly) || blank.write(jpeg(cv::Mat(240, 320, CV_8UC3, cv::Scalar(90, 120, 150)))) < 0)
        qFatal("cannot write the blank photo");
    blank.close();

    // Other photos first, then the planted ones among more photos, so that neither
    // end of the time range holds all of them.
    for (const char *name : {"obama_1", "biden_1", "kit_harington_2", "rose_leslie_2", "alex_lacamoire_1"}) {
        const cv::Mat crop = deviceFaceCrop(photo(QString::fromLatin1(name)));
        if (crop.empty())
            qFatal("no face in %s", name);
        m_photos.append(insertEvent(device(), list(), put(crop), {}));
    }
    m_planted.append(insertEvent(device(), list(), put(query, 35), {}));
    cv::Mat scaled;
    cv::resize(query, scaled, cv::Size(), 1.15, 1.15, cv::INTER_LINEAR);
    m_planted.append(insertEvent(device(), list(), put(scaled), {}));
    cv::Mat brighter;
    query.convertTo(brighter, -1, 1.0, 25);
    m_planted.append(insertEvent(device(), list(), put(brighter), {}));

    QRandomGenerator rng(6);
    for (const char *name : {"obama_2", "biden_2", "rose_leslie_1"}) {
        const cv::Mat crop = deviceFaceCrop(photo(QString::fromLatin1(name)));
        if (crop.empty())
            qFatal("no face in %s", name);
        m_photos.append(insertEvent(device(), list(), put(crop), {}));
    }
    m_photoWithDevice = m_photos.last();
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE events SET feature = ?, feature_dims = 256 WHERE id = ?"));
    q.addBindValue(fd::store::vectorToBlob(randomVector(rng, 256)));
    q.addBindValue(m_photoWithDevice);
    if (!q.exec())
        qFatal("update: %s", qPrintable(q.lastError().text()));

    cv::Mat wall(200, 160, CV_8UC3, cv::Scalar(70, 110, 140));
    m_noFaceImage = insertEvent(device(), list(), put(wall), {});
    m_bare = insertEvent(device(), list(), {}, {});

    // Device features without images (capture events of a device that sends its
    // own features), interleaved so that the planted ones spread over devices,
    // lists and time.
    const QVector<float> q128 = randomVector(rng, 128);
    const QVector<float> q256 = randomVector(rng, 256);
    for (int i = 0; i < 24; ++i) {
        const QString dev = device();
        const int l = list();
        if (i == 3)
            m_query128 = insertEvent(dev, l, {}, q128);
        else if (i == 7 || i == 14 || i == 20)
            m_near128.append(insertEvent(dev, l, {}, nearby(rng, q128, 0.02 * (m_near128.size() + 1))));
        else if (i == 5)
            m_query256 = insertEvent(dev, l, {}, q256);
        else if (i == 17)
            m_near256 = insertEvent(dev, l, {}, nearby(rng, q256, 0.02));
        else if (i % 2)
            m_other128.append(insertEvent(dev, l, {}, randomVector(rng, 128)));
        else
            m_other256.append(insertEvent(dev, l, {}, randomVector(rng, 256)));
    }

    fd::library::LibraryStore library(db(), m_config.libraryDir());
    fd::library::NewPerson person;
    person.name = QStringLiteral("Query Person");
    person.photos.append({jpeg(query), 0, QSize(query.cols, query.rows), QStringLiteral("query.jpg")});
    const QList<qint64> added = library.addPersons({person});
    if (added.size() != 1)
        qFatal("person: %s", qPrintable(library.lastError()));
    m_person = added.first();
}

void TestFaceSearch::initTestCase()
{
    if (!QFileInfo::exists(kFaces + QStringLiteral("/kit_harington_1.jpg")))
        QSKIP("../shared/faces is not there");
    if (!LbpFaceEngine().canDetect())
        QSKIP("opencv-data is not installed: no cascade to find faces with");
    QVERIFY(m_dir.isValid());
    m_config = testarchive::config(m_dir.filePath(QStringLiteral("archive")));
    seed();

    // The engine `facedesk search` picks for this archive (no models folder): the
    // features the test computes and the ones the command computes are one kind.
    m_engine = createFaceEngine(QDir(m_config.dataDir).filePath(QStringLiteral("models"))).engine;
    LocalFeatureBackfill backfill(m_config, m_engine);
    bool done = false;
    BackfillResult result;
    connect(&backfill, &LocalFeatureBackfill::finished, this, [&](const BackfillResult &r) {
        result = r;
        done = true;
    });
    QVERIFY(backfill.start());
    QVERIFY(QTest::qWaitFor([&] { return done; }, 300000));
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.withFace, qint64(m_photos.size() + m_planted.size()));
    QCOMPARE(result.noFace, 1);

    m_search = std::make_unique<FaceSearch>(m_config, m_engine);
    QString error;
    QVERIFY2(m_search->load(&error), qPrintable(error));
    QCOMPARE(m_search->localCount(), qsizetype(m_photos.size() + m_planted.size()));
    QCOMPARE(m_search->deviceCount(128), qsizetype(1 + m_near128.size() + m_other128.size()));
    QCOMPARE(m_search->deviceCount(256), qsizetype(3 + m_other256.size()));
    QCOMPARE(m_search->engineName(), m_engine->name());
}

void TestFaceSearch::photoFindsItsNearDuplicatesFirst()
{
    QFile f(m_queryFile);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray query = f.readAll();
    const FaceSearchResult r = m_search->byPhoto(query, 20);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.kindUsed, QStringLiteral("local:") + m_engine->kindTag());
    QCOMPARE(r.hits.size(), m_photos.size() + m_planted.size());
    const QList<qint64> ids = idsOf(r);
    QVERIFY2(QSet<qint64>(ids.cbegin(), ids.cbegin() + 3) == setOf(m_planted),
             "the three planted near-duplicates come first");
    for (qsizetype i = 1; i < r.hits.size(); ++i)
        QVERIFY(r.hits[i - 1].second >= r.hits[i].second);

    // minSimilarity at the third planted one's similarity keeps the planted ones only.
    const FaceSearchResult close = m_search->byPhoto(query, 20, {}, r.hits[2].second);
    QVERIFY(close.ok());
    const QList<qint64> closeIds = idsOf(close);
    QCOMPARE(QSet<qint64>(closeIds.cbegin(), closeIds.cend()), setOf(m_planted));
}

void TestFaceSearch::personFindsThePlantedPhotos()
{
    const FaceSearchResult r = m_search->byPerson(m_person, 3);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const QList<qint64> ids = idsOf(r);
    QCOMPARE(QSet<qint64>(ids.cbegin(), ids.cend()), setOf(m_planted));
}

void TestFaceSearch::eventUsesItsLocalFeature()
{
    // A planted photo finds the other two first, never itself.
    const FaceSearchResult r = m_search->byEvent(m_planted[0], 2);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.kindUsed, QStringLiteral("local:") + m_engine->kindTag());
    QCOMPARE(idSet(r), QSet<qint64>({m_planted[1], m_planted[2]}));

    // An event with both: its local feature wins, so it is compared with photos.
    const FaceSearchResult both = m_search->byEvent(m_photoWithDevice, 50);
    QVERIFY(both.ok());
    QCOMPARE(both.kindUsed, QStringLiteral("local:") + m_engine->kindTag());
    QCOMPARE(both.hits.size(), m_photos.size() + m_planted.size() - 1);
    QVERIFY(!idsOf(both).contains(m_photoWithDevice));
}

void TestFaceSearch::deviceFeatureStaysWithinItsLength_data()
{
    QTest::addColumn<int>("dims");
    QTest::newRow("128") << 128;
    QTest::newRow("256") << 256;
}

void TestFaceSearch::deviceFeatureStaysWithinItsLength()
{
    QFETCH(int, dims);
    const qint64 query = dims == 128 ? m_query128 : m_query256;
    const QList<qint64> planted = dims == 128 ? m_near128 : QList<qint64>{m_near256};
    QSet<qint64> sameLength(m_other128.cbegin(), m_other128.cend());
    sameLength += QSet<qint64>(m_near128.cbegin(), m_near128.cend());
    if (dims == 256) {
        sameLength = QSet<qint64>(m_other256.cbegin(), m_other256.cend());
        sameLength << m_near256 << m_photoWithDevice;
    }
    const FaceSearchResult r = m_search->byEvent(query, 100);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.kindUsed, QStringLiteral("device:%1").arg(dims));
    const QList<qint64> ids = idsOf(r);
    QCOMPARE(QSet<qint64>(ids.cbegin(), ids.cend()), sameLength);  // all of its length, nothing else
    QCOMPARE(ids.mid(0, planted.size()), planted);  // less noise, closer
    QVERIFY(r.hits.first().second > 0.99f);
}

void TestFaceSearch::filtersRestrictBeforeRanking_data()
{
    QTest::addColumn<FaceSearchFilter>("filter");
    QTest::addColumn<int>("expectedFirst");  // index into m_near128

    // Each filter refuses the closest planted vector; with k = 1 the next allowed one
    // must still come back (a filter applied after ranking would return nothing).
    const auto row = [this](qint64 id) { return m_rows.value(id); };
    FaceSearchFilter device;
    device.devices = {row(m_near128[1]).device};
    if (row(m_near128[0]).device != row(m_near128[1]).device)
        QTest::newRow("device") << device << 1;
    FaceSearchFilter time;
    time.fromMs = row(m_near128[0]).timeMs + 1;
    QTest::newRow("time: after the first") << time << 1;
    FaceSearchFilter window;
    window.fromMs = row(m_query128).timeMs;
    window.toMs = row(m_near128[2]).timeMs + 1;
    QTest::newRow("time: a window") << window << 0;
    FaceSearchFilter until;
    until.toMs = row(m_near128[2]).timeMs;  // exclusive: the last planted one is out
    QTest::newRow("time: until the last, exclusive") << until << 0;
    FaceSearchFilter list;
    list.lists = {row(m_near128[2]).list};
    if (row(m_near128[0]).list != row(m_near128[2]).list && row(m_near128[1]).list != row(m_near128[2]).list)
        QTest::newRow("list") << list << 2;
    FaceSearchFilter unknown;
    unknown.devices = {QStringLiteral("NEVER-SEEN")};
    QTest::newRow("unknown device: nothing") << unknown << -1;
}

void TestFaceSearch::filtersRestrictBeforeRanking()
{
    QFETCH(FaceSearchFilter, filter);
    QFETCH(int, expectedFirst);
    const auto passes = [&](qint64 id) {
        const Row r = m_rows.value(id);
        return r.timeMs >= filter.fromMs && r.timeMs < filter.toMs
            && (filter.devices.isEmpty() || filter.devices.contains(r.device))
            && (filter.lists.isEmpty() || filter.lists.contains(r.list));
    };
    const FaceSearchResult one = m_search->byEvent(m_query128, 1, filter);
    QVERIFY2(one.ok(), qPrintable(one.error));
    if (expectedFirst < 0) {
        QVERIFY(one.hits.isEmpty());
        return;
    }
    QCOMPARE(idsOf(one), QList<qint64>{m_near128[expectedFirst]});
    const FaceSearchResult all = m_search->byEvent(m_query128, 100, filter);
    QVERIFY(!all.hits.isEmpty());
    qsizetype allowed = 0;
    for (qint64 id : m_near128 + m_other128)
        allowed += passes(id);
    QCOMPARE(all.hits.size(), allowed);
    for (const auto &hit : all.hits)
        QVERIFY2(passes(hit.first), qPrintable(QString::number(hit.first)));
}

void TestFaceSearch::kindsNeverMix()
{
    QFile f(m_queryFile);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<qint64> local = idsOf(m_search->byPhoto(f.readAll(), 1000));
    QSet<qint64> withImage(m_photos.cbegin(), m_photos.cend());
    withImage += setOf(m_planted);
    QCOMPARE(QSet<qint64>(local.cbegin(), local.cend()), withImage);  // no device-only event

    const QList<qint64> device = idsOf(m_search->byEvent(m_query256, 1000));
    for (qint64 id : m_planted + m_photos) {
        if (id != m_photoWithDevice)  // the one photo event with a 256-d device feature
            QVERIFY(!device.contains(id));
    }
}

void TestFaceSearch::errors_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("error");
    QTest::newRow("no image, no feature") << 0 << "This event has no face feature yet.";
    QTest::newRow("an image without a face") << 1 << "This event has no face feature yet.";
    QTest::newRow("unknown event") << 2 << "There is no event 999999 in the archive.";
    QTest::newRow("photo without a face") << 3 << "No face found in the photo.";
    QTest::newRow("not an image") << 4 << "The photo cannot be read as an image.";
    QTest::newRow("unknown person") << 5 << "There is no person 424242 in the library.";
}

void TestFaceSearch::errors()
{
    QFETCH(int, which);
    QFETCH(QString, error);
    QFile blank(m_blankFile);
    QVERIFY(blank.open(QIODevice::ReadOnly));
    const FaceSearchResult r = which == 0 ? m_search->byEvent(m_bare, 5)
        : which == 1                      ? m_search->byEvent(m_noFaceImage, 5)
        : which == 2                      ? m_search->byEvent(999999, 5)
        : which == 3                      ? m_search->byPhoto(blank.readAll(), 5)
        : which == 4                      ? m_search->byPhoto(QByteArrayLiteral("not a picture"), 5)
                                          : m_search->byPerson(424242, 5);
    QCOMPARE(r.error, error);
    QVERIFY(r.hits.isEmpty());
    QVERIFY(r.kindUsed.isEmpty());
}

void TestFaceSearch::liveAddAndRemove()
{
    // A live event (written to the archive as the writer would) near the 128-d query.
    QRandomGenerator rng(66);
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("SELECT feature FROM events WHERE id = %1").arg(m_query128)) && q.next());
    const QVector<float> query = fd::store::vectorFromBlob(q.value(0).toByteArray(), 128);
    const QVector<float> live = nearby(rng, query, 0.001);
    const qint64 id = insertEvent(QStringLiteral("DEV-LIVE"), 0, {}, live);
    QVERIFY(m_search->addDeviceFeature(id, m_rows[id].timeMs, QStringLiteral("DEV-LIVE"), 0, live));
    FaceSearchResult r = m_search->byEvent(m_query128, 1);
    QCOMPARE(idsOf(r), QList<qint64>{id});
    FaceSearchFilter onlyLive;
    onlyLive.devices = {QStringLiteral("DEV-LIVE")};
    QCOMPARE(idsOf(m_search->byEvent(m_query128, 5, onlyLive)), QList<qint64>{id});

    // A wrong length is refused, not added to another index.
    QVERIFY(!m_search->addLocalFeature(id, m_rows[id].timeMs, QStringLiteral("DEV-LIVE"), 0, QList<float>(64, 0.1f)));
    QVERIFY(!m_search->addDeviceFeature(id, m_rows[id].timeMs, QStringLiteral("DEV-LIVE"), 0, QList<float>(64, 0.1f)));

    m_search->remove(id);
    r = m_search->byEvent(m_query128, 1);
    QCOMPARE(idsOf(r), QList<qint64>{m_near128[0]});
    QVERIFY(q.exec(QStringLiteral("DELETE FROM events WHERE id = %1").arg(id)));
    m_rows.remove(id);
}

void TestFaceSearch::searchesFromSeveralThreads()
{
    // Each thread reads exact vectors on a connection of its own.
    const QList<qint64> expected = idsOf(m_search->byEvent(m_query128, 10));
    QList<QList<qint64>> got(4);
    QList<QThread *> threads;
    for (int i = 0; i < 4; ++i) {
        threads.append(QThread::create([this, i, &got] { got[i] = idsOf(m_search->byEvent(m_query128, 10)); }));
        threads.last()->start();
    }
    for (QThread *t : std::as_const(threads)) {
        QVERIFY(t->wait(QDeadlineTimer(120000)));
        delete t;
    }
    for (const QList<qint64> &ids : std::as_const(got))
        QCOMPARE(ids, expected);
}

// A list filter follows the one list rule (store::eventListSql): the event of a
// library person is on FaceDesk's list for that person, whatever list the device sent.
void TestFaceSearch::listFilterUsesFaceDesksList()
{
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("SELECT feature FROM events WHERE id = %1").arg(m_query128)) && q.next());
    const QVector<float> feature = fd::store::vectorFromBlob(q.value(0).toByteArray(), 128);
    QCOMPARE(feature.size(), 128);
    fd::library::LibraryStore lib(db(), m_config.libraryDir());
    fd::library::NewPerson p;
    p.name = QStringLiteral("Listed");
    const qint64 person = lib.addPersons({p}).value(0, -1);  // on the blacklist, the default list
    QVERIFY(person > 0);
    const qint64 copy = insertEvent(QStringLiteral("cam-list"), 2, {}, feature);  // the device said whitelist
    QVERIFY(q.exec(QStringLiteral("UPDATE events SET index_id = %1 WHERE id = %2").arg(person).arg(copy)));
    QString error;
    QVERIFY2(m_search->load(&error), qPrintable(error));
    const auto finds = [&](int list) {
        FaceSearchFilter filter;
        filter.lists = {list};
        return idsOf(m_search->byEvent(m_query128, 50, filter)).contains(copy);
    };
    QVERIFY(finds(1));
    QVERIFY(!finds(2));
    m_search->remove(copy);
    QVERIFY(q.exec(QStringLiteral("DELETE FROM events WHERE id = %1").arg(copy)));
    QVERIFY(lib.removePersons({person}));
}

// The background pass stores the newest events first: a feature stored later for an
// older event (a lower id) must join as well, and so must a recomputed one.
void TestFaceSearch::olderEventsStoredLaterJoinToo()
{
    const qsizetype before = m_search->localCount();
    const qint64 older = insertEvent(QStringLiteral("cam-old"), 0, QString(), {});
    const qint64 newer = insertEvent(QStringLiteral("cam-new"), 0, QString(), {});
    QVERIFY(older < newer);
    QSqlQuery q(db());
    const auto store = [&](qint64 id, qint64 from) {
        return q.exec(QStringLiteral("INSERT INTO local_features (event_id, kind, dims, vector) "
                                     "SELECT %1, kind, dims, vector FROM local_features WHERE event_id = %2")
                          .arg(id)
                          .arg(from));
    };
    QString error;
    QVERIFY(store(newer, m_planted.first()));
    QCOMPARE(m_search->loadNewLocal(&error), 1);
    QVERIFY(store(older, m_planted.first()));
    QCOMPARE(m_search->loadNewLocal(&error), 1);  // below the newest id loaded, still new
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(m_search->localCount(), before + 2);
    // A recomputed vector is read again.
    QVERIFY(q.exec(QStringLiteral("UPDATE local_features SET vector = (SELECT vector FROM local_features WHERE event_id = %1) "
                                  "WHERE event_id = %2")
                       .arg(m_planted.last())
                       .arg(older)));
    QCOMPARE(m_search->loadNewLocal(&error), 1);
    QCOMPARE(m_search->localCount(), before + 2);  // replaced, not added twice
    QCOMPARE(m_search->loadNewLocal(&error), 0);
    for (qint64 id : {older, newer}) {
        m_search->remove(id);
        QVERIFY(q.exec(QStringLiteral("DELETE FROM local_features WHERE event_id = %1").arg(id)));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM events WHERE id = %1").arg(id)));
    }
}

// What a later backfill pass stored joins the loaded index without a rebuild.
void TestFaceSearch::newLocalFeaturesJoinWithoutReload()
{
    const qsizetype before = m_search->localCount();
    const qint64 copy = insertEvent(QStringLiteral("cam-late"), 0, QString(), {});
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("INSERT INTO local_features (event_id, kind, dims, vector) "
                                  "SELECT %1, kind, dims, vector FROM local_features WHERE event_id = %2")
                       .arg(copy)
                       .arg(m_planted.first())));
    QString error;
    QCOMPARE(m_search->loadNewLocal(&error), 1);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(m_search->localCount(), before + 1);
    QCOMPARE(m_search->loadNewLocal(&error), 0);  // nothing new the second time
    const FaceSearchResult r = m_search->byEvent(m_planted.first(), 3);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.hits.first().first, copy);  // the same vector: the closest
    // Leave the archive as the CLI tests expect it.
    m_search->remove(copy);
    QVERIFY(q.exec(QStringLiteral("DELETE FROM local_features WHERE event_id = %1").arg(copy)));
    QVERIFY(q.exec(QStringLiteral("DELETE FROM events WHERE id = %1").arg(copy)));
    m_rows.remove(copy);
}

void TestFaceSearch::cliPhoto()
{
    const Run r = facedesk(testarchive::arguments(m_config) + QStringList{QStringLiteral("--photo"), m_queryFile,
                            QStringLiteral("--top"), QStringLiteral("5")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const Csv csv = parseCsv(r.out);
    QCOMPARE(csv.header.first(), QStringLiteral("event_id"));
    QVERIFY(csv.header.contains(QStringLiteral("similarity")));
    QCOMPARE(csv.rows.size(), 5);
    QSet<qint64> top3;
    for (int i = 0; i < 3; ++i)
        top3.insert(csv.cell(i, QStringLiteral("event_id")).toLongLong());
    QCOMPARE(top3, setOf(m_planted));
    for (int i = 1; i < csv.rows.size(); ++i)
        QVERIFY(csv.cell(i - 1, QStringLiteral("similarity")).toDouble() >= csv.cell(i, QStringLiteral("similarity")).toDouble());
    QVERIFY(QFile::exists(csv.cell(0, QStringLiteral("thumbnail"))));
    QCOMPARE(csv.cell(0, QStringLiteral("device_uuid")), m_rows.value(csv.cell(0, QStringLiteral("event_id")).toLongLong()).device);
    // The distance column is the same ranking on the CNN's scale, and --max-distance
    // cuts there: between the third and the fourth row, three rows remain.
    QList<double> distances;
    for (int i = 0; i < csv.rows.size(); ++i) {
        const double similarity = csv.cell(i, QStringLiteral("similarity")).toDouble();
        distances << csv.cell(i, QStringLiteral("distance")).toDouble();
        // Compared as cosines: near 0, a distance moves a lot for a 4-decimal cosine.
        QVERIFY(qAbs(1.0 - distances.last() * distances.last() / 2.0 - similarity) < 3e-4);
    }
    if (distances[3] - distances[2] < 0.002)
        QSKIP("the third and fourth events are too close to cut between");
    const double cut = (distances[2] + distances[3]) / 2;
    const Run limited = facedesk(testarchive::arguments(m_config) + QStringList{QStringLiteral("--photo"), m_queryFile,
                                  QStringLiteral("--top"), QStringLiteral("5"), QStringLiteral("--max-distance"),
                                  QString::number(cut, 'f', 4)});
    QVERIFY2(limited.exitCode == 0, limited.err.constData());
    QCOMPARE(parseCsv(limited.out).rows.size(), 3);
    const Run both = facedesk(testarchive::arguments(m_config) + QStringList{QStringLiteral("--photo"), m_queryFile,
                               QStringLiteral("--max-distance"), QStringLiteral("0.4"), QStringLiteral("--min-similarity"),
                               QStringLiteral("0.5")});
    QCOMPARE(both.exitCode, 2);
}

void TestFaceSearch::cliEvent()
{
    Run r = facedesk(testarchive::arguments(m_config) + QStringList{QStringLiteral("--event"),
                      QString::number(m_query128), QStringLiteral("--top"), QStringLiteral("3")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    Csv csv = parseCsv(r.out);
    QCOMPARE(csv.rows.size(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(csv.cell(i, QStringLiteral("event_id")).toLongLong(), m_near128[i]);

    // A time window that holds none: exit 0, the header only.
    r = facedesk(testarchive::arguments(m_config) + QStringList{QStringLiteral("--event"), QString::number(m_query128),
                  QStringLiteral("--to"), QStringLiteral("2000-01-01T00:00:00Z")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    csv = parseCsv(r.out);
    QCOMPARE(csv.header.first(), QStringLiteral("event_id"));
    QVERIFY(csv.rows.isEmpty());
}

void TestFaceSearch::cliExitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");  // after the archive's options
    QTest::addColumn<int>("exitCode");
    QTest::newRow("no query") << QStringList() << 2;
    QTest::newRow("two queries") << QStringList{QStringLiteral("--event"), QStringLiteral("1"), QStringLiteral("--person"), QStringLiteral("1")} << 2;
    QTest::newRow("top 0") << QStringList{QStringLiteral("--event"), QStringLiteral("1"), QStringLiteral("--top"), QStringLiteral("0")} << 2;
    QTest::newRow("bad time") << QStringList{QStringLiteral("--event"), QStringLiteral("1"), QStringLiteral("--from"), QStringLiteral("yesterday")} << 2;
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")} << 2;
    QTest::newRow("photo without a face") << QStringList{QStringLiteral("--photo"), QStringLiteral("@blank")} << 1;
    QTest::newRow("missing photo") << QStringList{QStringLiteral("--photo"), QStringLiteral("@missing")} << 1;
    QTest::newRow("unknown event") << QStringList{QStringLiteral("--event"), QStringLiteral("999999")} << 1;
    QTest::newRow("event without a feature") << QStringList{QStringLiteral("--event"), QStringLiteral("@bare")} << 1;
    QTest::newRow("unknown person") << QStringList{QStringLiteral("--person"), QStringLiteral("424242")} << 1;
    QTest::newRow("person") << QStringList{QStringLiteral("--person"), QStringLiteral("@person")} << 0;
}

void TestFaceSearch::cliExitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    for (QString &a : arguments) {
        if (a == QLatin1String("@blank"))
            a = m_blankFile;
        else if (a == QLatin1String("@missing"))
            a = m_dir.filePath(QStringLiteral("missing.jpg"));
        else if (a == QLatin1String("@bare"))
            a = QString::number(m_bare);
        else if (a == QLatin1String("@person"))
            a = QString::number(m_person);
    }
    const Run r = facedesk(testarchive::arguments(m_config) + arguments);
    QVERIFY2(r.exitCode == exitCode, r.err.constData());
    if (exitCode != 0) {
        QVERIFY(r.out.isEmpty());
        const QList<QByteArray> lines = r.err.trimmed().split('\n');
        QVERIFY(lines.last().startsWith("facedesk search: "));  // the reason, on one line
    }
}

QTEST_GUILESS_MAIN(TestFaceSearch)
#include "tst_facesearch.moc"
