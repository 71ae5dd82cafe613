// The face library's storage: ids never reused, all-or-nothing imports, revisions
// that tell the sync engine what changed, and the wanted set per device through
// direct, list and group assignments. Real SQLite files in a temporary folder.
#include "../support/TestArchive.h"
#include "library/LibraryStore.h"
#include "library/PersonEraser.h"
#include "store/Database.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace fd::library;

class TestLibraryStore : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void builtInListsExist();
    void addPersonsAssignsIdsAndStoresPhotos();
    void idsAreNeverReused();
    void failedBatchAddsNothing();
    void storedPhotosAreAddedByPath();
    void revisionBumpsOnlyForDeviceVisibleChanges();
    void setPhotosReplacesAndBumps();
    void filterByTextAndList_data();
    void filterByTextAndList();
    void cardLookupAndHashes();
    void customListsAndRemoval();
    void forgettingWithoutEventsClearsOnlyFaceDesksMatches();
    void wantedByDirectListAndGroup();
    void removingPersonDropsItsAssignments();

private:
    NewPerson person(const QString &name, const QString &card, int list = sort::Whitelist, int photoSeed = 0);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LibraryStore> m_store;
    int m_connection = 0;
};

NewPerson TestLibraryStore::person(const QString &name, const QString &card, int list, int photoSeed)
{
    NewPerson p;
    p.name = name;
    p.cardNo = card;
    p.listId = list;
    p.gender = 1;
    // Not a real JPEG: the store keeps bytes, validation is the importer's job.
    NewPhoto photo;
    photo.jpeg = QByteArray("\xFF\xD8\xFF") + name.toUtf8() + QByteArray::number(photoSeed);
    photo.phash = quint64(0x1234567800000000ull) + quint64(photoSeed);
    photo.size = QSize(320, 400);
    photo.sourceName = name + QStringLiteral(".jpg");
    p.photos << photo;
    return p;
}

void TestLibraryStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const fd::store::DatabaseConfig config = testarchive::config(m_dir->path());
    QString error;
    QSqlDatabase db = fd::store::openDatabase(config, QStringLiteral("lib%1").arg(++m_connection), &error);
    QVERIFY2(db.isOpen(), qPrintable(error));
    m_store = std::make_unique<LibraryStore>(db, config.libraryDir());
}

void TestLibraryStore::cleanup()
{
    const QString name = m_store ? m_store->database().connectionName() : QString();
    m_store.reset();
    if (!name.isEmpty())
        QSqlDatabase::removeDatabase(name);
}

void TestLibraryStore::builtInListsExist()
{
    const QList<FaceList> lists = m_store->lists();
    QCOMPARE(lists.size(), 4);
    QCOMPARE(lists[0].picSort, sort::Blacklist);
    QCOMPARE(lists[2].name, QStringLiteral("VIP"));
    QVERIFY(lists[3].builtIn());
}

void TestLibraryStore::addPersonsAssignsIdsAndStoresPhotos()
{
    const QList<qint64> ids = m_store->addPersons({person(QStringLiteral("Alice"), QStringLiteral("A-1")),
                                                   person(QStringLiteral("张伟"), QStringLiteral("B-2"))});
    QVERIFY2(ids.size() == 2, qPrintable(m_store->lastError()));
    QVERIFY(ids[1] > ids[0]);
    const std::optional<Person> p = m_store->person(ids[1]);
    QVERIFY(p);
    QCOMPARE(p->name, QStringLiteral("张伟"));
    QCOMPARE(p->revision, 1);
    QCOMPARE(p->photos.size(), 1);
    QCOMPARE(m_store->photoJpeg(p->photos[0]), person(QStringLiteral("张伟"), {}).photos[0].jpeg);
    QVERIFY(QFile::exists(m_store->photoPath(p->photos[0])));
    QVERIFY(!p->photos[0].path.contains(QStringLiteral("张伟")));  // named by content
    QCOMPARE(p->photos[0].phash, quint64(0x1234567800000000ull));
}

void TestLibraryStore::idsAreNeverReused()
{
    const QList<qint64> first = m_store->addPersons({person(QStringLiteral("A"), {}), person(QStringLiteral("B"), {})});
    QVERIFY(m_store->removePersons({first[1]}));
    const QList<qint64> second = m_store->addPersons({person(QStringLiteral("C"), {})});
    QVERIFY2(second.size() == 1 && first.size() == 2, qPrintable(m_store->lastError()));
    QVERIFY(second[0] > first[1]);
}

void TestLibraryStore::failedBatchAddsNothing()
{
    QList<NewPerson> batch;
    for (int i = 0; i < 10; ++i)
        batch << person(QStringLiteral("P%1").arg(i), QString::number(i));
    batch[7].listId = 999;  // no such list: the foreign key refuses it
    QVERIFY(m_store->addPersons(batch).isEmpty());
    QVERIFY(!m_store->lastError().isEmpty());
    QCOMPARE(m_store->countPersons({}), 0);
    QVERIFY(m_store->photoHashes().isEmpty());
}

void TestLibraryStore::storedPhotosAreAddedByPath()
{
    // An import writes photos first and adds the persons at the end.
    NewPerson p = person(QStringLiteral("Stored"), QStringLiteral("S1"));
    const QByteArray jpeg = p.photos[0].jpeg;
    const QString path = m_store->storePhoto(jpeg);
    QVERIFY2(!path.isEmpty(), qPrintable(m_store->lastError()));
    QVERIFY(QFile::exists(m_store->photoPath({-1, path, 0, {}, 0, {}})));
    QCOMPARE(m_store->storePhoto(jpeg), path);  // by content: the same file again
    p.photos[0].jpeg.clear();
    p.photos[0].storedPath = path;
    p.photos[0].storedBytes = jpeg.size();
    const qint64 id = m_store->addPersons({p}).value(0, -1);
    QVERIFY2(id > 0, qPrintable(m_store->lastError()));
    const Person stored = *m_store->person(id);
    QCOMPARE(stored.photos.size(), 1);
    QCOMPARE(stored.photos[0].path, path);
    QCOMPARE(stored.photos[0].bytes, jpeg.size());
    QCOMPARE(m_store->photoJpeg(stored.photos[0]), jpeg);
}

void TestLibraryStore::revisionBumpsOnlyForDeviceVisibleChanges()
{
    const qint64 id = m_store->addPersons({person(QStringLiteral("Alice"), QStringLiteral("1"))}).value(0);
    Person p = *m_store->person(id);
    p.notes = QStringLiteral("night shift");
    QVERIFY(m_store->updatePerson(p));
    QCOMPARE(m_store->person(id)->revision, 1);
    QCOMPARE(m_store->person(id)->notes, QStringLiteral("night shift"));
    QVERIFY(m_store->movePersons({id}, sort::Blacklist));
    QCOMPARE(m_store->person(id)->revision, 1);
    QCOMPARE(m_store->person(id)->listId, sort::Blacklist);
    p = *m_store->person(id);
    p.cardNo = QStringLiteral("2");
    QVERIFY(m_store->updatePerson(p));
    QCOMPARE(m_store->person(id)->revision, 2);
}

void TestLibraryStore::setPhotosReplacesAndBumps()
{
    const qint64 id = m_store->addPersons({person(QStringLiteral("Alice"), QStringLiteral("1"))}).value(0);
    NewPhoto a = person(QStringLiteral("x"), {}, 1, 5).photos[0];
    NewPhoto b = person(QStringLiteral("y"), {}, 1, 6).photos[0];
    QVERIFY(m_store->setPhotos(id, {a, b}));
    const Person p = *m_store->person(id);
    QCOMPARE(p.revision, 2);
    QCOMPARE(p.photos.size(), 2);
    QCOMPARE(p.photos[0].phash, a.phash);
    QCOMPARE(p.photos[1].phash, b.phash);
    QVERIFY(!m_store->setPhotos(id + 100, {a}));
}

void TestLibraryStore::filterByTextAndList_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("list");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("all") << QString() << 0 << QStringLiteral("Bob|bobby|Carol|张伟").split(u'|');
    QTest::newRow("name, any case") << QStringLiteral("BOB") << 0 << QStringLiteral("Bob|bobby").split(u'|');
    QTest::newRow("card number") << QStringLiteral("77") << 0 << QStringLiteral("Carol").split(u'|');
    QTest::newRow("list") << QString() << int(sort::Blacklist) << QStringLiteral("bobby|张伟").split(u'|');
    QTest::newRow("text and list") << QStringLiteral("bob") << int(sort::Blacklist) << QStringLiteral("bobby").split(u'|');
    QTest::newRow("chinese") << QStringLiteral("伟") << 0 << QStringLiteral("张伟").split(u'|');
    QTest::newRow("nothing") << QStringLiteral("zzz") << 0 << QStringList{};
}

void TestLibraryStore::filterByTextAndList()
{
    QFETCH(QString, text);
    QFETCH(int, list);
    QFETCH(QStringList, names);
    m_store->addPersons({person(QStringLiteral("Carol"), QStringLiteral("C-77")),
                         person(QStringLiteral("bobby"), QStringLiteral("B-2"), sort::Blacklist),
                         person(QStringLiteral("Bob"), QStringLiteral("B-1")),
                         person(QStringLiteral("张伟"), QStringLiteral("Z-9"), sort::Blacklist)});
    PersonFilter filter;
    filter.text = text;
    filter.listId = list;
    QStringList got;
    for (const Person &p : m_store->persons(filter)) {
        got << p.name;
        QCOMPARE(p.photos.size(), 1);
    }
    QCOMPARE(got, names);
    QCOMPARE(m_store->countPersons(filter), names.size());
    filter.limit = 1;
    filter.offset = 1;
    QCOMPARE(m_store->persons(filter).size(), qMin<qsizetype>(1, qMax<qsizetype>(0, names.size() - 1)));
}

void TestLibraryStore::cardLookupAndHashes()
{
    const QList<qint64> ids = m_store->addPersons({person(QStringLiteral("A"), QStringLiteral("X1"), 2, 1),
                                                   person(QStringLiteral("B"), QStringLiteral("X2"), 2, 2)});
    QCOMPARE(m_store->personByCard(QStringLiteral(" X2 ")), ids[1]);
    QCOMPARE(m_store->personByCard(QStringLiteral("X3")), -1);
    QCOMPARE(m_store->personByCard(QString()), -1);
    const auto hashes = m_store->photoHashes();
    QCOMPARE(hashes.size(), 2);
    QVERIFY(hashes.contains(qMakePair(ids[0], quint64(0x1234567800000001ull))));
    QCOMPARE(m_store->personNames({ids[0], ids[1], 9999}).size(), 2);
}

void TestLibraryStore::customListsAndRemoval()
{
    const int id = m_store->addList(QStringLiteral("Contractors"));
    QVERIFY(id > 4);
    QCOMPARE(m_store->list(id)->picSort, sort::Custom);
    QCOMPARE(m_store->addList(QStringLiteral("Contractors")), 0);  // names are unique
    QVERIFY(!m_store->removeList(sort::Blacklist));
    const qint64 p = m_store->addPersons({person(QStringLiteral("A"), {}, id)}).value(0);
    QVERIFY(!m_store->removeList(id));
    QVERIFY(m_store->lastError().contains(QStringLiteral("1 persons")));
    QVERIFY(m_store->movePersons({p}, sort::Whitelist));
    QVERIFY(m_store->renameList(id, QStringLiteral("Visitors")));
    QVERIFY(m_store->removeList(id));
    QVERIFY(!m_store->list(id));
}

void TestLibraryStore::wantedByDirectListAndGroup()
{
    const QList<qint64> ids = m_store->addPersons({person(QStringLiteral("Black"), {}, sort::Blacklist),
                                                   person(QStringLiteral("White"), {}, sort::Whitelist),
                                                   person(QStringLiteral("Vip"), {}, sort::Vip)});
    const QString gate = QStringLiteral("gate-1"), door = QStringLiteral("door-2"), cam = QStringLiteral("cam-3");
    QVERIFY(m_store->assign({-1, gate, 0, sort::Blacklist, 0}));
    QVERIFY(m_store->assign({-1, gate, 0, sort::Blacklist, 0}));  // idempotent
    QCOMPARE(m_store->assignments().size(), 1);
    QVERIFY(m_store->assignPersons(gate, 0, {ids[2]}));
    const int group = m_store->addGroup(QStringLiteral("Doors"), {door, gate});
    QVERIFY(group > 0);
    QVERIFY(m_store->assign({-1, {}, group, sort::Whitelist, 0}));
    QVERIFY(!m_store->assign({-1, gate, group, sort::Whitelist, 0}));  // device or group, not both

    auto idsOf = [](const QList<WantedPerson> &wanted) {
        QList<qint64> r;
        for (const WantedPerson &w : wanted)
            r << w.indexId;
        return r;
    };
    QCOMPARE(idsOf(m_store->wantedBy(gate)), (QList<qint64>{ids[0], ids[1], ids[2]}));
    QCOMPARE(idsOf(m_store->wantedBy(door)), (QList<qint64>{ids[1]}));
    QVERIFY(m_store->wantedBy(cam).isEmpty());
    QCOMPARE(m_store->wantedBy(gate)[0].revision, 1);

    // Moving a person out of a list takes it off the devices that want the list.
    QVERIFY(m_store->movePersons({ids[1]}, sort::Vip));
    QVERIFY(m_store->wantedBy(door).isEmpty());
    QVERIFY(m_store->setGroupMembers(group, {cam}));
    QVERIFY(m_store->assign({-1, {}, group, sort::Vip, 0}));
    QCOMPARE(idsOf(m_store->wantedBy(cam)), (QList<qint64>{ids[1], ids[2]}));
    QVERIFY(m_store->removeGroup(group));
    QVERIFY(m_store->wantedBy(cam).isEmpty());
}

void TestLibraryStore::removingPersonDropsItsAssignments()
{
    const QList<qint64> ids = m_store->addPersons({person(QStringLiteral("A"), {}), person(QStringLiteral("B"), {})});
    QVERIFY(m_store->assignPersons(QStringLiteral("d"), 0, ids));
    QVERIFY(m_store->removePersons({ids[0]}));
    QCOMPARE(m_store->assignments().size(), 1);
    QCOMPARE(m_store->wantedBy(QStringLiteral("d")).size(), 1);
    QVERIFY(m_store->unassignPersons(QStringLiteral("d"), 0, {ids[1]}));
    QVERIFY(m_store->wantedBy(QStringLiteral("d")).isEmpty());
}

// #13: forgetting a person but keeping their events: what a device reported stays
// (its own index_id), FaceDesk's own match on a capture is cleared entirely, so no
// event still names the forgotten person as FaceDesk's verdict.
void TestLibraryStore::forgettingWithoutEventsClearsOnlyFaceDesksMatches()
{
    const qint64 id = m_store->addPersons({person(QStringLiteral("Gone Soon"), QStringLiteral("G-1"))}).value(0, -1);
    QVERIFY(id > 0);
    QSqlDatabase db = m_store->database();
    QSqlQuery q(db);
    const QString insert = QStringLiteral("INSERT INTO events (dedup_key, received_at, device_uuid, method, capture_at, index_id, "
                                          "local_index_id, local_distance, matched_by_desk) VALUES ('%1', 0, 'D', 'm', 0, %2, %3, %4, %5)");
    QVERIFY(q.exec(insert.arg(QStringLiteral("device")).arg(id).arg(QStringLiteral("NULL")).arg(QStringLiteral("NULL")).arg(0)));
    QVERIFY(q.exec(insert.arg(QStringLiteral("desk")).arg(id).arg(id).arg(0.3).arg(1)));
    QVERIFY(q.exec(insert.arg(QStringLiteral("agreed")).arg(id).arg(id).arg(0.2).arg(0)));
    const fd::library::ErasureReport report = fd::library::PersonEraser(db, m_dir->filePath(QStringLiteral("library")),
                                                                m_dir->filePath(QStringLiteral("images")))
                                              .erase(id, false);
    QVERIFY2(report.ok(), qPrintable(report.error));
    QVERIFY(report.found && report.eventIds.isEmpty());
    QVERIFY(!m_store->person(id));
    QVERIFY(q.exec(QStringLiteral("SELECT dedup_key, index_id, local_index_id, matched_by_desk FROM events ORDER BY dedup_key")));
    QStringList rows;
    while (q.next())
        rows << QStringLiteral("%1:%2:%3:%4").arg(q.value(0).toString(), q.value(1).isNull() ? QStringLiteral("-") : q.value(1).toString(),
                                                  q.value(2).isNull() ? QStringLiteral("-") : q.value(2).toString(), q.value(3).toString());
    QCOMPARE(rows, (QStringList{QStringLiteral("agreed:%1:-:0").arg(id), QStringLiteral("desk:-:-:0"),
                                QStringLiteral("device:%1:-:0").arg(id)}));
}

QTEST_GUILESS_MAIN(TestLibraryStore)
#include "tst_librarystore.moc"
