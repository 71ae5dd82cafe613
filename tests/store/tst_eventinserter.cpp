// The writer's multi-row inserts (store/EventInserter) on both backends: every event
// gets its own row's id back whatever order RETURNING gives, retries and duplicates in
// one group are answered with the stored id and are not fresh, a bad event does not sink
// its group, and on PostgreSQL each image is stored once, in chunks bounded by bytes.
#include "../support/TestArchive.h"
#include "store/Database.h"
#include "store/EventInserter.h"
#include "store/ImageBlobs.h"
#include "store/ImageStore.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace fd;
using store::EventInserter;
using store::EventRecord;

namespace {

QByteArray bytesOf(int n, char fill, int seed)
{
    QByteArray b(n, fill);
    b.prepend(QByteArray::number(seed));  // distinct content, distinct hash
    return b;
}

// An event as the file stage leaves it: images named by their hashes.
EventRecord eventOf(const QString &device, int n, const QByteArray &face, const QByteArray &scene = {})
{
    EventRecord r;
    r.deviceUuid = device;
    r.receivedAt = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + n, Qt::UTC);
    r.ticket = quint64(n);
    r.push.imageName = QStringLiteral("face-%1.jpg").arg(n);
    r.push.captureTimeText = QStringLiteral("2026-12-05 10:00:00");
    r.push.faceId = n;
    r.push.image = face;
    r.push.background = scene;
    r.faceHash = store::ImageStore::contentHash(face);
    r.facePath = store::ImageStore::relativePathFor(r.faceHash);
    if (!scene.isEmpty())
        r.scenePath = store::ImageStore::relativePathFor(store::ImageStore::contentHash(scene));
    r.filesWritten = true;
    return r;
}

std::vector<const EventRecord *> pointers(const std::vector<EventRecord> &events)
{
    std::vector<const EventRecord *> out;
    for (const EventRecord &e : events)
        out.push_back(&e);
    return out;
}

qint64 scalar(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace

class TestEventInserter : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void manyEventsGetTheirOwnRowsIds();
    void retriesAndDuplicatesAreNotFresh();
    void aBadEventDoesNotSinkItsGroup();
    void imagesAreStoredOncePerHash();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QSqlDatabase m_db;
    EventInserter m_inserter;
    std::vector<EventInserter::Outcome> insertInTransaction(const std::vector<EventRecord> &events);
};

void TestEventInserter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QString error;
    m_db = store::openDatabase(testarchive::config(m_dir->path()), QStringLiteral("inserter"), &error);
    QVERIFY2(m_db.isOpen(), qPrintable(error));
    m_inserter.reset();
}

void TestEventInserter::cleanup()
{
    m_inserter.reset();
    m_db.close();
    m_db = {};
    QSqlDatabase::removeDatabase(QStringLiteral("inserter"));
}

std::vector<EventInserter::Outcome> TestEventInserter::insertInTransaction(const std::vector<EventRecord> &events)
{
    [&] { QVERIFY(m_db.transaction()); }();
    std::vector<EventInserter::Outcome> out;
    const std::vector<const EventRecord *> records = pointers(events);
    QSqlError error;
    m_inserter.insertImages(m_db, records, &out, &error);
    m_inserter.insertRows(m_db, records, &out);
    [&] { QVERIFY(m_db.commit()); }();
    return out;
}

void TestEventInserter::manyEventsGetTheirOwnRowsIds()
{
    // More than two statements' worth, so ids cross chunk boundaries.
    const int n = EventInserter::kEventRows * 2 + 37;
    std::vector<EventRecord> events;
    for (int i = 0; i < n; ++i)
        events.push_back(eventOf(QStringLiteral("DEV%1").arg(i % 7), i, bytesOf(300, 'f', i)));
    const auto out = insertInTransaction(events);
    QCOMPARE(out.size(), size_t(n));
    QSet<qint64> ids;
    for (int i = 0; i < n; ++i) {
        QVERIFY2(out[size_t(i)].stored, qPrintable(out[size_t(i)].error));
        QVERIFY(out[size_t(i)].fresh);
        ids.insert(out[size_t(i)].id);
        // The id names this event's own row.
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT img_name, device_uuid FROM events WHERE id = ?"));
        q.addBindValue(out[size_t(i)].id);
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.value(0).toString(), events[size_t(i)].push.imageName);
        QCOMPARE(q.value(1).toString(), events[size_t(i)].deviceUuid);
    }
    QCOMPARE(ids.size(), n);
    QCOMPARE(scalar(m_db, QStringLiteral("SELECT COUNT(*) FROM events")), qint64(n));
}

void TestEventInserter::retriesAndDuplicatesAreNotFresh()
{
    const EventRecord earlier = eventOf(QStringLiteral("DEV1"), 1, bytesOf(200, 'a', 1));
    const auto first = insertInTransaction({earlier});
    QVERIFY(first[0].stored && first[0].fresh);

    // A group: the earlier event sent again, an event twice in one statement, and an
    // event at both ends of the group (two statements apart).
    std::vector<EventRecord> group;
    group.push_back(eventOf(QStringLiteral("DEV2"), 2, bytesOf(200, 'b', 2)));
    group.push_back(earlier);
    group.push_back(eventOf(QStringLiteral("DEV3"), 3, bytesOf(200, 'c', 3)));
    group.push_back(group.back());
    for (int i = 10; group.size() < size_t(EventInserter::kEventRows) * 2; ++i)
        group.push_back(eventOf(QStringLiteral("DEV4"), i, bytesOf(200, 'd', i)));
    group.push_back(group.front());
    const auto out = insertInTransaction(group);
    for (const auto &o : out)
        QVERIFY2(o.stored, qPrintable(o.error));
    QVERIFY(out[0].fresh);
    QCOMPARE(out[1].id, first[0].id);
    QVERIFY(!out[1].fresh);
    QVERIFY(out[2].fresh);
    QCOMPARE(out[3].id, out[2].id);
    QVERIFY(!out[3].fresh);
    QCOMPARE(out.back().id, out[0].id);
    QVERIFY(!out.back().fresh);
    const qint64 distinct = qint64(group.size()) - 3 + 1;  // three repeats; `earlier` counted once
    QCOMPARE(scalar(m_db, QStringLiteral("SELECT COUNT(*) FROM events")), distinct);
}

void TestEventInserter::aBadEventDoesNotSinkItsGroup()
{
    std::vector<EventRecord> group;
    for (int i = 0; i < 5; ++i)
        group.push_back(eventOf(QStringLiteral("DEV5"), i, bytesOf(100, 'e', i)));
    group[2].fileError = QStringLiteral("No space left on device");
    group[2].fileNoSpace = true;
    group[4].filesWritten = false;
    const auto out = insertInTransaction(group);
    QVERIFY(out[0].stored && out[1].stored && out[3].stored);
    QVERIFY(!out[2].stored);
    QCOMPARE(out[2].error, QStringLiteral("No space left on device"));
    QVERIFY(out[2].noSpace);
    QVERIFY(!out[4].stored);
    QVERIFY(!out[4].error.isEmpty());
    QCOMPARE(scalar(m_db, QStringLiteral("SELECT COUNT(*) FROM events")), qint64(3));
}

void TestEventInserter::imagesAreStoredOncePerHash()
{
    // 150 events share three faces; every tenth has a 700 KB scene of its own, so the
    // scenes (15 x 700 KB) need several statements under EventInserter::kBlobBytes.
    const QByteArray faces[] = {bytesOf(5000, 'x', 1), bytesOf(6000, 'y', 2), bytesOf(7000, 'z', 3)};
    std::vector<EventRecord> group;
    QList<QByteArray> scenes;
    for (int i = 0; i < 150; ++i) {
        QByteArray scene;
        if (i % 10 == 0)
            scenes << (scene = bytesOf(700 * 1024, 's', i));
        group.push_back(eventOf(QStringLiteral("DEV6"), i, faces[i % 3], scene));
    }
    const auto out = insertInTransaction(group);
    for (const auto &o : out)
        QVERIFY2(o.stored, qPrintable(o.error));
    const qint64 blobs = scalar(m_db, QStringLiteral("SELECT COUNT(*) FROM image_blobs"));
    if (!store::imagesInDatabase(m_db)) {
        QCOMPARE(blobs, qint64(0));  // SQLite keeps images as files only
        return;
    }
    QCOMPARE(blobs, qint64(3 + scenes.size()));
    QString error;
    for (const QByteArray &bytes : faces)
        QCOMPARE(store::fetchImageBlob(m_db, QString::fromLatin1(store::ImageStore::contentHash(bytes)), &error), bytes);
    for (const QByteArray &bytes : std::as_const(scenes))
        QCOMPARE(store::fetchImageBlob(m_db, QString::fromLatin1(store::ImageStore::contentHash(bytes)), &error), bytes);
}

QTEST_GUILESS_MAIN(TestEventInserter)
#include "tst_eventinserter.moc"
