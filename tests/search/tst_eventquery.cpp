// Filtered search against a seeded archive with known answers: every filter and
// combination is checked against a brute-force filter over the same rows, pages
// are walked to the end without gaps or repeats, and the plans use indexes.
#include "../support/TestArchive.h"
#include "library/LibraryStore.h"
#include "search/Attendance.h"
#include "search/EventQuery.h"
#include "store/ArchiveReader.h"
#include "store/Database.h"

#include <QBuffer>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace fd;
using namespace fd::search;

namespace {

struct Seed {
    qint64 id;
    qint64 at;
    QString device;
    int picSort;      // 0: stranger
    int list;         // what the archive shows: the library person's list, else picSort
    qint64 indexId;   // -1: none
    QString picName;
    double score;     // -1: none
    int quality, age, gender, mask, glasses;
    double temperature, warning;
    bool acked;
};

const QDateTime base = QDateTime(QDate(2026, 11, 1), QTime(8, 0), Qt::UTC);

} // namespace

class TestEventQuery : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void filters_data();
    void filters();
    void pagesCoverEverythingOnce_data();
    void pagesCoverEverythingOnce();
    void personByLibraryNameOrCard();
    void countIsCapped();
    void plansUseIndexes_data();
    void plansUseIndexes();
    void attendanceOfAPerson();
    void listFallsBackToTheLibrary();

private:
    QList<qint64> expected(const std::function<bool(const Seed &)> &keep, EventOrder order) const;
    QList<qint64> all(const EventFilter &filter, EventOrder order, int pageSize);

    QTemporaryDir m_dir;
    QSqlDatabase m_db;
    QList<Seed> m_seeds;
    qint64 m_alice = -1;
    qint64 m_bob = -1;
};

void TestEventQuery::initTestCase()
{
    const store::DatabaseConfig config = testarchive::config(m_dir.path());
    QString error;
    m_db = store::openDatabase(config, QStringLiteral("query"), &error);
    QVERIFY2(m_db.isOpen(), qPrintable(error));
    library::LibraryStore lib(m_db, config.libraryDir());
    library::NewPerson alice;
    alice.name = QStringLiteral("Alice Zhang");
    alice.cardNo = QStringLiteral("CARD-7");
    library::NewPerson bob;
    bob.name = QStringLiteral("Bob");
    const QList<qint64> ids = lib.addPersons({alice, bob});
    QCOMPARE(ids.size(), 2);
    m_alice = ids[0];
    m_bob = ids[1];

    // 600 events over 10 days on 4 devices with every attribute varied; a fixed seed
    // keeps the known answers known.
    QRandomGenerator rng(42);
    const QStringList devices = {QStringLiteral("gate"), QStringLiteral("door"), QStringLiteral("lobby"), QStringLiteral("nvr")};
    QVERIFY(m_db.transaction());
    QSqlQuery dev(m_db);
    for (const QString &d : devices)
        QVERIFY(dev.exec(QStringLiteral("INSERT INTO devices (uuid, name) VALUES ('%1', 'Device %1')").arg(d)));
    QSqlQuery ins(m_db);
    ins.prepare(QStringLiteral(
        "INSERT INTO events (dedup_key, received_at, device_uuid, method, index_id, pic_sort, pic_name, match_score, "
        "capture_at, quality, age, gender, mask, glasses, temperature, warning_temperature, face_path) "
        "VALUES (?,?,?,'sw_face_compare_push',?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    QSqlQuery ack(m_db);
    ack.prepare(QStringLiteral("INSERT INTO alert_acks (event_id, kind, raised_at, acknowledged_at, acknowledged_by) "
                               "VALUES (?, 'blacklist', 0, 0, 'test')"));
    for (int n = 0; n < 600; ++n) {
        Seed s;
        // Some events share a capture time: keyset paging must not skip them.
        s.at = base.addSecs(qint64(rng.bounded(10 * 24 * 60)) * 60).toMSecsSinceEpoch();
        s.device = devices[rng.bounded(4)];
        s.picSort = rng.bounded(5);
        s.indexId = s.picSort == 0 ? -1 : (n % 7 == 0 ? m_alice : n % 11 == 0 ? m_bob : 1000 + rng.bounded(50));
        s.list = s.indexId == m_alice || s.indexId == m_bob ? 1 : s.picSort;  // both on the blacklist (the default list)
        s.picName = s.indexId == m_alice ? QStringLiteral("alice.jpg") : QStringLiteral("p%1.jpg").arg(s.indexId);
        s.score = s.picSort == 0 ? -1 : 60 + rng.bounded(40);
        s.quality = rng.bounded(100);
        s.age = 18 + rng.bounded(60);
        s.gender = rng.bounded(2);
        s.mask = rng.bounded(2);
        s.glasses = rng.bounded(2);
        s.temperature = 36.0 + rng.bounded(20) / 10.0;
        s.warning = 37.3;
        s.acked = s.picSort == 1 && rng.bounded(2) == 0;
        const auto nullable = [](auto v, auto none) { return v == none ? QVariant() : QVariant(v); };
        const QVariantList values = {QStringLiteral("k%1").arg(n), s.at, s.device, nullable(s.indexId, qint64(-1)),
                                     nullable(s.picSort, 0), s.picName,
                                     // A third of the devices send scores as fractions.
                                     n % 3 == 0 ? nullable(s.score / 100, -0.01) : nullable(s.score, -1.0), s.at, s.quality, s.age,
                                     s.gender, s.mask, s.glasses, s.temperature, s.warning,
                                     QStringLiteral("aa/bb/%1.jpg").arg(n)};
        for (const QVariant &v : values)
            ins.addBindValue(v);
        QVERIFY2(ins.exec(), qPrintable(ins.lastError().text()));
        s.id = ins.lastInsertId().toLongLong();
        if (s.acked) {
            ack.addBindValue(s.id);
            QVERIFY(ack.exec());
        }
        m_seeds << s;
    }
    QVERIFY(m_db.commit());
}

void TestEventQuery::cleanupTestCase()
{
    m_db.close();
    m_db = {};
    QSqlDatabase::removeDatabase(QStringLiteral("query"));
}

QList<qint64> TestEventQuery::expected(const std::function<bool(const Seed &)> &keep, EventOrder order) const
{
    QList<Seed> rows;
    for (const Seed &s : m_seeds)
        if (keep(s))
            rows << s;
    std::sort(rows.begin(), rows.end(), [order](const Seed &a, const Seed &b) {
        switch (order) {
        case EventOrder::NewestFirst: return std::tie(a.at, a.id) > std::tie(b.at, b.id);
        case EventOrder::OldestFirst: return std::tie(a.at, a.id) < std::tie(b.at, b.id);
        case EventOrder::BestScoreFirst: return std::tie(a.score, a.id) > std::tie(b.score, b.id);
        }
        return false;
    });
    QList<qint64> ids;
    for (const Seed &s : rows)
        ids << s.id;
    return ids;
}

QList<qint64> TestEventQuery::all(const EventFilter &filter, EventOrder order, int pageSize)
{
    EventQuery query(m_db, m_dir.path());
    QList<qint64> ids;
    PageCursor cursor;
    for (int guard = 0; guard < 1000; ++guard) {
        const EventPage page = query.page(filter, order, pageSize, cursor);
        if (!query.lastError().isEmpty())
            qWarning() << query.lastError();
        for (const EventHit &h : page.hits)
            ids << h.id;
        if (!page.more)
            break;
        cursor = page.next;
    }
    return ids;
}

using Keep = std::function<bool(const Seed &)>;
Q_DECLARE_METATYPE(EventFilter)
Q_DECLARE_METATYPE(Keep)

void TestEventQuery::filters_data()
{
    QTest::addColumn<EventFilter>("filter");
    QTest::addColumn<Keep>("keep");
    const qint64 day3 = base.addDays(3).toMSecsSinceEpoch(), day5 = base.addDays(5).toMSecsSinceEpoch();
    EventFilter f;
    QTest::newRow("everything") << f << Keep([](const Seed &) { return true; });
    f = {};
    f.from = base.addDays(3);
    f.to = base.addDays(5);
    QTest::newRow("time range") << f << Keep([=](const Seed &s) { return s.at >= day3 && s.at < day5; });
    f = {};
    f.devices = {QStringLiteral("gate"), QStringLiteral("nvr")};
    QTest::newRow("two devices") << f << Keep([](const Seed &s) { return s.device == QLatin1String("gate") || s.device == QLatin1String("nvr"); });
    f = {};
    f.lists = {1};
    QTest::newRow("blacklist") << f << Keep([](const Seed &s) { return s.list == 1; });
    f = {};
    f.lists = {0, 3};
    QTest::newRow("strangers and VIP") << f << Keep([](const Seed &s) { return s.list == 0 || s.list == 3; });
    f = {};
    f.minScore = 80;
    f.maxScore = 90;
    QTest::newRow("score range") << f << Keep([](const Seed &s) { return s.score >= 80 && s.score <= 90; });
    f = {};
    f.minQuality = 50;
    f.gender = 1;
    f.minAge = 30;
    f.maxAge = 40;
    QTest::newRow("quality, gender, age") << f << Keep([](const Seed &s) {
        return s.quality >= 50 && s.gender == 1 && s.age >= 30 && s.age <= 40;
    });
    f = {};
    f.mask = 1;
    f.glasses = 0;
    QTest::newRow("mask, no glasses") << f << Keep([](const Seed &s) { return s.mask == 1 && s.glasses == 0; });
    f = {};
    f.temperatureWarning = true;
    QTest::newRow("temperature warning") << f << Keep([](const Seed &s) { return s.temperature >= s.warning; });
    f = {};
    f.ack = EventFilter::Ack::Acknowledged;
    QTest::newRow("acknowledged") << f << Keep([](const Seed &s) { return s.acked; });
    f = {};
    f.lists = {1};
    f.ack = EventFilter::Ack::NotAcknowledged;
    QTest::newRow("blacklist not acknowledged") << f << Keep([](const Seed &s) { return s.list == 1 && !s.acked; });
    f = {};
    f.from = base.addDays(2);
    f.devices = {QStringLiteral("door")};
    f.lists = {1, 2};
    f.minScore = 70;
    f.mask = 0;
    QTest::newRow("combined") << f << Keep([=](const Seed &s) {
        return s.at >= base.addDays(2).toMSecsSinceEpoch() && s.device == QLatin1String("door")
            && (s.list == 1 || s.list == 2) && s.score >= 70 && s.mask == 0;
    });
    f = {};
    f.eventIds = QList<qint64>{5, 6, 7, 599, 100000};
    QTest::newRow("event ids") << f << Keep([](const Seed &s) { return s.id == 5 || s.id == 6 || s.id == 7 || s.id == 599; });
    f = {};
    f.eventIds = QList<qint64>{};
    QTest::newRow("no event ids") << f << Keep([](const Seed &) { return false; });
    f = {};
    f.devices = {QStringLiteral("nowhere")};
    QTest::newRow("unknown device") << f << Keep([](const Seed &) { return false; });
}

void TestEventQuery::filters()
{
    QFETCH(EventFilter, filter);
    QFETCH(Keep, keep);
    for (EventOrder order : {EventOrder::NewestFirst, EventOrder::OldestFirst, EventOrder::BestScoreFirst}) {
        const QList<qint64> want = expected(keep, order);
        QCOMPARE(all(filter, order, 1000), want);
        EventQuery query(m_db, m_dir.path());
        QCOMPARE(query.count(filter), want.size());
    }
}

void TestEventQuery::pagesCoverEverythingOnce_data()
{
    QTest::addColumn<int>("order");
    QTest::addColumn<int>("pageSize");
    for (int order : {0, 1, 2})
        for (int size : {1, 7, 50})
            QTest::addRow("order %d, pages of %d", order, size) << order << size;
}

void TestEventQuery::pagesCoverEverythingOnce()
{
    QFETCH(int, order);
    QFETCH(int, pageSize);
    const auto o = EventOrder(order);
    QCOMPARE(all({}, o, pageSize), expected([](const Seed &) { return true; }, o));
}

void TestEventQuery::personByLibraryNameOrCard()
{
    EventFilter f;
    const Keep isAlice = [this](const Seed &s) { return s.indexId == m_alice; };
    for (const QString &text : {QStringLiteral("alice"), QStringLiteral("ZHANG"), QStringLiteral("CARD-7")}) {
        f.person = text;
        QCOMPARE(all(f, EventOrder::NewestFirst, 100), expected(isAlice, EventOrder::NewestFirst));
    }
    // A name the device sent, for a person the library doesn't know.
    f.person = QStringLiteral("p1003.jpg");
    QCOMPARE(all(f, EventOrder::NewestFirst, 100),
             expected([](const Seed &s) { return s.indexId == 1003; }, EventOrder::NewestFirst));
    // The hit carries the library's name.
    f.person = QStringLiteral("alice");
    EventQuery query(m_db, m_dir.path());
    const EventPage page = query.page(f, EventOrder::NewestFirst, 5);
    QVERIFY(!page.hits.isEmpty());
    QCOMPARE(page.hits[0].personName, QStringLiteral("Alice Zhang"));
    QCOMPARE(page.hits[0].deviceName, QStringLiteral("Device %1").arg(page.hits[0].deviceUuid));
    QVERIFY(page.hits[0].facePath.startsWith(m_dir.path()));
    f = {};
    f.indexIds = {m_bob};
    QCOMPARE(all(f, EventOrder::NewestFirst, 100),
             expected([this](const Seed &s) { return s.indexId == m_bob; }, EventOrder::NewestFirst));
}

void TestEventQuery::countIsCapped()
{
    EventQuery query(m_db, m_dir.path());
    QCOMPARE(query.count({}, 100), 100);
    QCOMPARE(query.count({}), 600);
}

void TestEventQuery::plansUseIndexes_data()
{
    QTest::addColumn<EventFilter>("filter");
    QTest::addColumn<QString>("index");
    EventFilter f;
    QTest::newRow("newest first") << f << QStringLiteral("events_time");
    f.from = base;
    f.to = base.addDays(1);
    QTest::newRow("time range") << f << QStringLiteral("events_time");
    f = {};
    f.devices = {QStringLiteral("gate")};
    QTest::newRow("one device") << f << QStringLiteral("events_device_time");
    f = {};
    f.indexIds = {m_alice};
    QTest::newRow("one person") << f << QStringLiteral("events_person_time");
}

void TestEventQuery::plansUseIndexes()
{
    QFETCH(EventFilter, filter);
    QFETCH(QString, index);
    EventQuery query(m_db, m_dir.path());
    // PostgreSQL's planner reads 600 rows with a sequential scan whatever the indexes;
    // with scans discouraged its plan shows which index serves the query.
    if (testarchive::onPostgres())
        QVERIFY(QSqlQuery(m_db).exec(QStringLiteral("SET enable_seqscan = off")));
    const QStringList plan = query.plan(filter, EventOrder::NewestFirst);
    if (testarchive::onPostgres())
        QVERIFY(QSqlQuery(m_db).exec(QStringLiteral("RESET enable_seqscan")));
    QVERIFY2(!plan.isEmpty(), qPrintable(query.lastError()));
    QVERIFY2(plan.join(u'\n').contains(index), qPrintable(plan.join(u'\n')));
    for (const QString &step : plan)
        QVERIFY2(step != QLatin1String("SCAN e") && !step.contains(QLatin1String("Seq Scan on events")),
                 qPrintable(plan.join(u'\n')));  // never a bare table scan
}

void TestEventQuery::attendanceOfAPerson()
{
    QString error;
    const QList<Sighting> sightings = sightingsOf(m_db, m_alice, base.addDays(1), base.addDays(8), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QMap<QDate, QList<Seed>> byDay;
    int count = 0;
    for (const Seed &s : m_seeds) {
        if (s.indexId == m_alice && s.at >= base.addDays(1).toMSecsSinceEpoch() && s.at < base.addDays(8).toMSecsSinceEpoch()) {
            byDay[QDateTime::fromMSecsSinceEpoch(s.at, Qt::UTC).toLocalTime().date()] << s;
            ++count;
        }
    }
    QCOMPARE(sightings.size(), count);
    for (int i = 1; i < sightings.size(); ++i)
        QVERIFY(sightings[i - 1].time <= sightings[i].time);

    // A similarity hit on an event already found by index_id counts once.
    QList<Sighting> both = sightings;
    both << sightings.first();
    both.last().similarity = 0.9f;
    const QList<AttendanceDay> days = attendanceDays(both);
    QCOMPARE(days.size(), byDay.size());
    for (const AttendanceDay &d : days) {
        const QList<Seed> &seeds = byDay[d.day];
        QCOMPARE(d.sightings, seeds.size());
        qint64 first = std::numeric_limits<qint64>::max(), last = 0;
        for (const Seed &s : seeds) {
            first = qMin(first, s.at);
            last = qMax(last, s.at);
        }
        QCOMPARE(d.firstSeen.toMSecsSinceEpoch(), first);
        QCOMPARE(d.lastSeen.toMSecsSinceEpoch(), last);
        QVERIFY(d.firstDevice.startsWith(QLatin1String("Device ")));
    }
    QBuffer csv;
    csv.open(QIODevice::WriteOnly);
    QVERIFY(writeAttendanceCsv(QStringLiteral("=Alice"), days, &csv));
    const QList<QByteArray> lines = csv.data().trimmed().split('\n');
    QCOMPARE(lines.size(), days.size() + 1);
    QVERIFY(lines[1].startsWith("'=Alice,"));  // a name is never a formula
}

// A device that sends no pic_sort: the event's list is its library person's.
void TestEventQuery::listFallsBackToTheLibrary()
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO events (dedup_key, received_at, device_uuid, method, index_id, capture_at) "
                             "VALUES ('nosort', 0, 'gate', 'sw_face_compare_push', ?, ?)"));
    q.addBindValue(m_alice);  // Alice is on the blacklist (the default list)
    q.addBindValue(base.addYears(1).toMSecsSinceEpoch());
    QVERIFY(q.exec());
    const qint64 id = q.lastInsertId().toLongLong();
    EventFilter f;
    f.eventIds = QList<qint64>{id};
    f.lists = {1};
    EventQuery query(m_db, m_dir.path());
    const EventPage page = query.page(f, EventOrder::NewestFirst, 10);
    QCOMPARE(page.hits.size(), 1);
    QCOMPARE(page.hits[0].picSort, 1);
    f.lists = {0, 2};
    QVERIFY(query.page(f, EventOrder::NewestFirst, 10).hits.isEmpty());
    // The detail view reads the same list, and the library's name.
    const std::optional<store::EventDetails> detail = store::loadEvent(m_db, id, m_dir.path());
    QVERIFY(detail);
    QCOMPARE(detail->picSort, 1);
    QCOMPARE(detail->devicePicSort, -1);
    QCOMPARE(detail->picName, QStringLiteral("Alice Zhang"));
    QVERIFY(q.exec(QStringLiteral("DELETE FROM events WHERE id = %1").arg(id)));

    // A device whose copy of the library lags (Alice still on its whitelist): the
    // archive shows FaceDesk's list, as the wall did, and keeps what the device said.
    QSqlQuery lagging(m_db);
    lagging.prepare(QStringLiteral("INSERT INTO events (dedup_key, received_at, device_uuid, method, index_id, pic_sort, capture_at) "
                                   "VALUES ('lagging', 0, 'gate', 'sw_face_compare_push', ?, 2, ?)"));
    lagging.addBindValue(m_alice);
    lagging.addBindValue(base.addYears(1).toMSecsSinceEpoch());
    QVERIFY(lagging.exec());
    const qint64 lag = lagging.lastInsertId().toLongLong();
    f.eventIds = QList<qint64>{lag};
    f.lists = {1};
    QCOMPARE(query.page(f, EventOrder::NewestFirst, 10).hits.size(), 1);
    f.lists = {2};
    QVERIFY(query.page(f, EventOrder::NewestFirst, 10).hits.isEmpty());
    const std::optional<store::EventDetails> both = store::loadEvent(m_db, lag, m_dir.path());
    QVERIFY(both);
    QCOMPARE(both->picSort, 1);
    QCOMPARE(both->devicePicSort, 2);
    QBuffer csv;
    QVERIFY(csv.open(QIODevice::ReadWrite));
    QString error;
    QVERIFY(store::exportEventsCsv(m_db, &csv, base.addYears(1), base.addYears(1).addSecs(1), m_dir.path(), &error) == 1);
    QVERIFY2(csv.data().contains(",blacklist,"), csv.data().constData());
    QVERIFY(q.exec(QStringLiteral("DELETE FROM events WHERE id = %1").arg(lag)));

    // A match on a person FaceDesk does not know, with no list from the device: the
    // wall shows it on the custom list, and so does the archive (not as a stranger).
    QSqlQuery unknown(m_db);
    unknown.prepare(QStringLiteral("INSERT INTO events (dedup_key, received_at, device_uuid, method, index_id, capture_at) "
                                   "VALUES ('unknown', 0, 'gate', 'sw_face_compare_push', 987654, ?)"));
    unknown.addBindValue(base.addYears(1).toMSecsSinceEpoch());
    QVERIFY(unknown.exec());
    const qint64 other = unknown.lastInsertId().toLongLong();
    f.eventIds = QList<qint64>{other};
    f.lists = {4};
    QCOMPARE(query.page(f, EventOrder::NewestFirst, 10).hits.size(), 1);
    f.lists = {0};
    QVERIFY(query.page(f, EventOrder::NewestFirst, 10).hits.isEmpty());
    QCOMPARE(store::loadEvent(m_db, other, m_dir.path())->picSort, 4);
    QVERIFY(q.exec(QStringLiteral("DELETE FROM events WHERE id = %1").arg(other)));
}

QTEST_GUILESS_MAIN(TestEventQuery)
#include "tst_eventquery.moc"
