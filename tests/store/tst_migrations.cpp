// Upgrades: an archive as every earlier FaceDesk left it (each schema version, with
// rows in every table that version had) opens in this build with nothing lost, the
// new columns at their defaults and the code reading and writing it; an archive of a
// newer FaceDesk is refused untouched. Real SQLite files in a temporary folder, and
// (tst_migrations_pg) fresh databases on the throw-away PostgreSQL cluster, where the
// translated steps must give the same tables and columns.
#include "../support/TestArchive.h"
#include "operators/AuditLog.h"
#include "store/ScopedConnection.h"
#include "library/LibraryStore.h"
#include "search/EventQuery.h"
#include "store/ArchiveCopy.h"
#include "store/ArchiveReader.h"
#include "store/Database.h"
#include "store/DatabaseUrl.h"
#include "store/ImageBlobs.h"
#include "store/ImageCache.h"
#include "store/ImageStore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QBuffer>
#include <QUrl>
#include <QtTest>

#include <thread>

using namespace fd;

namespace {

qint64 scalar(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    return q.value(0).toLongLong();
}

bool run(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    return false;
}

// What a desk of schema version `version` would have stored: one row in each table
// that version had, written with that version's columns only.
bool seed(QSqlDatabase &db, int version)
{
    bool ok = true;
    if (version >= 1) {
        ok = ok && run(db, QStringLiteral("INSERT INTO devices (uuid, mac, device_type, name, state, first_seen, last_seen) "
                                          "VALUES ('DEV-1', '00:11:22:33:44:55', 18, 'Gate', 'approved', 1, 2)"));
        ok = ok && run(db, QStringLiteral("INSERT INTO device_events (device_uuid, at, kind, detail) VALUES ('DEV-1', 1, 'online', '')"));
        ok = ok && run(db, QStringLiteral("INSERT INTO events (id, dedup_key, received_at, device_uuid, method, index_id, pic_sort, "
                                          "capture_at, capture_time, face_path) VALUES (1, 'k1', 1000, 'DEV-1', "
                                          "'sw_face_comparison_push', 7, 1, 1000, '2026-01-01 00:00:01', '')"));
    }
    if (version >= 2)
        ok = ok && run(db, QStringLiteral("INSERT INTO alert_acks (event_id, device_uuid, kind, raised_at, acknowledged_at, "
                                          "acknowledged_by, note) VALUES (1, 'DEV-1', 'blacklist', 1000, 2000, 'guard', 'seen')"));
    if (version >= 3) {
        ok = ok && run(db, QStringLiteral("INSERT INTO persons (index_id, name, card_no, list_id, created_at, updated_at) "
                                          "VALUES (7, 'Jane Doe', '10023', 1, 1, 1)"));
        ok = ok && run(db, QStringLiteral("INSERT INTO person_photos (index_id, path, phash, width, height, bytes, added_at) "
                                          "VALUES (7, 'ab/cd.jpg', 42, 400, 600, 1234, 1)"));
        ok = ok && run(db, QStringLiteral("INSERT INTO assignments (device_uuid, list_id) VALUES ('DEV-1', 1)"));
        ok = ok && run(db, QStringLiteral("INSERT INTO sync_state (device_uuid, index_id, confirmed_revision, updated_at) "
                                          "VALUES ('DEV-1', 7, 1, 1)"));
    }
    if (version >= 4)
        ok = ok && run(db, QStringLiteral("INSERT INTO sync_devices (device_uuid, verified_at, held_count) VALUES ('DEV-1', 5, 1)"));
    if (version >= 5) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO local_features (event_id, kind, dims, vector) VALUES (1, 'lbp', 2, ?)"));
        q.addBindValue(QByteArray::fromHex("0000803f00000000"));
        ok = ok && q.exec();
    }
    // Rows written with their ids: PostgreSQL's sequences move past them, as `migrate` does.
    QString error;
    return ok && store::resyncSequences(db, &error);
}

} // namespace

class TestMigrations : public QObject {
    Q_OBJECT
private slots:
    void upgradesFromEveryVersion_data();
    void upgradesFromEveryVersion();
    void newerArchiveIsRefusedUntouched();
    void databaseUrls_data();
    void databaseUrls();
    void openersAtOnceMigrateOnce();
    void diskFullIsToldByCode_data();
    void diskFullIsToldByCode();
    void siteRolesCannotChangeTheSchema();
    void copyToPostgresResumesAndMatches();
    void imageCacheKeepsItsBoundAndNeverTheOnlyCopy();
};

void TestMigrations::upgradesFromEveryVersion_data()
{
    QTest::addColumn<int>("version");
    for (int v = 0; v < store::schemaVersion(); ++v)
        QTest::newRow(qPrintable(QStringLiteral("from version %1").arg(v))) << v;
}

void TestMigrations::upgradesFromEveryVersion()
{
    QFETCH(int, version);
    QTemporaryDir dir;
    const store::DatabaseConfig config = testarchive::config(dir.path());
    {
        // The archive as FaceDesk of that version left it.
        QString error;
        QSqlDatabase old = store::connectDatabase(config, QStringLiteral("old"), &error);
        QVERIFY2(old.isOpen(), qPrintable(error));
        QVERIFY2(store::migrateTo(old, version, &error), qPrintable(error));
        QCOMPARE(scalar(old, QStringLiteral("SELECT version FROM schema_version")), qint64(version));
        QVERIFY(seed(old, version));
        old.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("old"));

    {
        QString error;
        QSqlDatabase db = store::openDatabase(config, QStringLiteral("new"), &error);
        QVERIFY2(db.isOpen(), qPrintable(error));
        QCOMPARE(scalar(db, QStringLiteral("SELECT version FROM schema_version")), qint64(store::schemaVersion()));
        // Nothing lost.
        const QList<QPair<const char *, int>> tables = {{"devices", 1}, {"device_events", 1}, {"events", 1}, {"alert_acks", 2},
                                                        {"persons", 3}, {"person_photos", 3}, {"assignments", 3},
                                                        {"sync_state", 3}, {"sync_devices", 4}, {"local_features", 5}};
        for (const auto &[table, since] : tables)
            QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))), qint64(version >= since ? 1 : 0));
        // Columns added later hold their defaults on old rows.
        if (version >= 1)
            QCOMPARE(scalar(db, QStringLiteral("SELECT matched_by_desk FROM events WHERE id = 1")), qint64(0));
        if (version >= 3) {
            QCOMPARE(scalar(db, QStringLiteral("SELECT may_hold FROM sync_state")), qint64(0));
            QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM person_photos WHERE descriptor_kind = '' AND descriptor IS NULL")),
                     qint64(1));
        }
        if (testarchive::onPostgres()) {
            // Step 10: image bytes out of line and never compressed (JPEGs do not shrink).
            QSqlQuery storage(db);
            QVERIFY(storage.exec(QStringLiteral("SELECT attstorage FROM pg_attribute "
                                                "WHERE attrelid = 'image_blobs'::regclass AND attname = 'bytes'")));
            QVERIFY(storage.next());
            QCOMPARE(storage.value(0).toString(), QStringLiteral("e"));
        }
        // The code of this build reads the old rows and writes new ones.
        library::LibraryStore library(db, config.libraryDir());
        if (version >= 3) {
            const std::optional<library::Person> jane = library.person(7);
            QVERIFY(jane);
            QCOMPARE(jane->name, QStringLiteral("Jane Doe"));
            QCOMPARE(jane->photos.size(), 1);
        }
        const qint64 changes = scalar(db, QStringLiteral("SELECT counter FROM library_changes"));
        library::NewPerson bob;
        bob.name = QStringLiteral("Bob");
        bob.listId = 2;
        const QList<qint64> ids = library.addPersons({bob});
        QCOMPARE(ids.size(), 1);
        QVERIFY(ids.first() > (version >= 3 ? 7 : 0));  // never an id an old person had
        QVERIFY(scalar(db, QStringLiteral("SELECT counter FROM library_changes")) > changes);
        search::EventQuery events(db, config.imagesDir());
        const search::EventPage page = events.page({}, search::EventOrder::NewestFirst, 10);
        QVERIFY2(events.lastError().isEmpty(), qPrintable(events.lastError()));
        QCOMPARE(page.hits.size(), version >= 1 ? 1 : 0);
        if (version >= 5) {
            QSqlQuery update(db);
            update.prepare(QStringLiteral("UPDATE local_features SET vector = ? WHERE event_id = 1"));
            update.addBindValue(QByteArray::fromHex("000000000000803f"));
            QVERIFY2(update.exec(), qPrintable(update.lastError().text()));
            QVERIFY(scalar(db, QStringLiteral("SELECT added FROM local_features WHERE event_id = 1")) > 0);
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("new"));
}

void TestMigrations::newerArchiveIsRefusedUntouched()
{
    QTemporaryDir dir;
    const store::DatabaseConfig config = testarchive::config(dir.path());
    {
        QString error;
        QSqlDatabase db = store::openDatabase(config, QStringLiteral("today"), &error);
        QVERIFY2(db.isOpen(), qPrintable(error));
        QVERIFY(seed(db, store::schemaVersion()));
        // A later FaceDesk added a table and moved the version on.
        QVERIFY(run(db, QStringLiteral("CREATE TABLE from_the_future (x INTEGER)")));
        QVERIFY(run(db, QStringLiteral("UPDATE schema_version SET version = %1").arg(store::schemaVersion() + 1)));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("today"));

    QString error;
    QSqlDatabase refused = store::openDatabase(config, QStringLiteral("older"), &error);
    QVERIFY(!refused.isOpen());
    QVERIFY2(error.contains(QLatin1String("newer FaceDesk")), qPrintable(error));
    QVERIFY(error.contains(QString::number(store::schemaVersion() + 1)));
    QVERIFY(error.contains(QLatin1String("Nothing was changed")));
    refused = {};
    QSqlDatabase::removeDatabase(QStringLiteral("older"));
    {
        QSqlDatabase look = store::connectDatabase(config, QStringLiteral("look"), &error);
        QVERIFY2(look.isOpen(), qPrintable(error));
        QCOMPARE(scalar(look, QStringLiteral("SELECT version FROM schema_version")), qint64(store::schemaVersion() + 1));
        QCOMPARE(scalar(look, QStringLiteral("SELECT COUNT(*) FROM events")), qint64(1));
        QCOMPARE(scalar(look, QStringLiteral("SELECT COUNT(*) FROM from_the_future")), qint64(0));
        look.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("look"));
}

void TestMigrations::databaseUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("display");  // empty: refused
    QTest::addColumn<QString>("words");    // the refusal's words, or the options passed on
    QTest::newRow("host and port") << QStringLiteral("postgresql://desk@db.site:5433/facedesk")
                                   << QStringLiteral("postgresql://desk@db.site:5433/facedesk") << QString();
    QTest::newRow("default port, short scheme") << QStringLiteral("postgres://desk@db/facedesk")
                                                << QStringLiteral("postgresql://desk@db:5432/facedesk") << QString();
    QTest::newRow("socket folder") << QStringLiteral("postgresql://desk@localhost/fd?host=/run/postgresql")
                                   << QStringLiteral("postgresql://desk@/fd?host=/run/postgresql") << QString();
    QTest::newRow("tls") << QStringLiteral("postgresql://desk@db/fd?sslmode=verify-full&sslrootcert=/etc/ca.pem")
                         << QStringLiteral("postgresql://desk@db:5432/fd")
                         << QStringLiteral("sslmode=verify-full;sslrootcert=/etc/ca.pem");
    QTest::newRow("password in the URL") << QStringLiteral("postgresql://desk:secret@db/fd") << QString()
                                         << QStringLiteral("PGPASSWORD");
    QTest::newRow("no user") << QStringLiteral("postgresql://db/fd") << QString() << QStringLiteral("must name a user");
    QTest::newRow("no database") << QStringLiteral("postgresql://desk@db/") << QString() << QStringLiteral("must name a user and a database");
    QTest::newRow("misspelt parameter") << QStringLiteral("postgresql://desk@db/fd?sslmod=require") << QString()
                                        << QStringLiteral("'sslmod' is not one");
    QTest::newRow("not postgres") << QStringLiteral("mysql://desk@db/fd") << QString() << QStringLiteral("not a PostgreSQL URL");
}

void TestMigrations::databaseUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, display);
    QFETCH(QString, words);
    store::PostgresTarget target;
    QString error;
    const bool ok = store::parsePostgresUrl(url, &target, &error);
    QCOMPARE(ok, !display.isEmpty());
    if (ok) {
        QCOMPARE(target.display(), display);
        QCOMPARE(target.options.join(u';'), words);
    } else {
        QVERIFY2(error.contains(words), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1String("secret")), qPrintable(error));
    }
}

// Two collectors starting at once on an empty database: the advisory lock lets one
// migrate and the other find the schema current (without it, both create the tables
// and one fails). On SQLite the write lock does the same.
void TestMigrations::openersAtOnceMigrateOnce()
{
    QTemporaryDir dir;
    const store::DatabaseConfig config = testarchive::config(dir.path());
    QList<QString> errors(4);
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&, i] {
            const QString name = QStringLiteral("opener%1").arg(i);
            {
                QString error;
                QSqlDatabase db = store::openDatabase(config, name, &error);
                errors[i] = db.isOpen() ? QString() : error;
            }
            QSqlDatabase::removeDatabase(name);
        });
    }
    for (std::thread &t : threads)
        t.join();
    for (const QString &e : errors)
        QVERIFY2(e.isEmpty(), qPrintable(e));
    QString error;
    {
        QSqlDatabase db = store::openDatabase(config, QStringLiteral("after"), &error);
        QVERIFY2(db.isOpen(), qPrintable(error));
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM schema_version")), qint64(1));
        QCOMPARE(scalar(db, QStringLiteral("SELECT version FROM schema_version")), qint64(store::schemaVersion()));
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM face_lists")), qint64(4));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("after"));
}

// The writer refuses with the busy code and shows "disk full" when this says so; the
// codes are each engine's own, never the (translated) text.
void TestMigrations::diskFullIsToldByCode_data()
{
    QTest::addColumn<int>("backend");
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("full");
    const int sqlite = int(store::Backend::Sqlite), postgres = int(store::Backend::Postgres);
    QTest::newRow("SQLite SQLITE_FULL") << sqlite << QStringLiteral("13") << true;
    QTest::newRow("SQLite SQLITE_IOERR_WRITE") << sqlite << QStringLiteral("778") << false;
    QTest::newRow("SQLite constraint") << sqlite << QStringLiteral("19") << false;
    QTest::newRow("PostgreSQL disk_full") << postgres << QStringLiteral("53100") << true;
    QTest::newRow("PostgreSQL unique_violation") << postgres << QStringLiteral("23505") << false;
    // SQLite's rule would call this full: PostgreSQL's codes are SQLSTATEs, not numbers.
    QTest::newRow("PostgreSQL code 13 read as SQLite's") << postgres << QStringLiteral("13") << false;
}

void TestMigrations::diskFullIsToldByCode()
{
    QFETCH(int, backend);
    QFETCH(QString, code);
    QFETCH(bool, full);
    const QSqlError error(QStringLiteral("driver words"), QStringLiteral("database words"), QSqlError::StatementError, code);
    QCOMPARE(store::isDiskFull(error, store::Backend(backend)), full);
}

// The same database as another login (trust authentication on the test cluster).
store::DatabaseConfig asLogin(const store::DatabaseConfig &config, const QString &user)
{
    store::DatabaseConfig c = config;
    QUrl url(config.url);
    url.setUserName(user);
    c.url = url.toString();
    return c;
}

// #12, the site set-up: packaging/postgresql/site-roles.sql on a new database, the
// schema created by the owner's login, then the desk's login works with rows (an
// event, an acknowledgement: serial ids included) but can neither create, alter nor
// drop a table, nor change or delete the audit trail (#13); and opening the archive as
// the desk does not try to migrate it.
void TestMigrations::siteRolesCannotChangeTheSchema()
{
    if (!testarchive::onPostgres())
        QSKIP("PostgreSQL roles: the _pg run");
    QFile script(QStringLiteral(SITE_ROLES_SQL));
    QVERIFY2(script.open(QIODevice::ReadOnly), SITE_ROLES_SQL);
    QTemporaryDir dir;
    const store::DatabaseConfig site = testarchive::config(dir.path());
    const QString sql = QString::fromUtf8(script.readAll());
    const auto runScript = [&site, &sql] {
        store::DatabaseConfig admin = site;  // the cluster's superuser, on the site's database
        admin.url = testarchive::urlOfDatabase(testarchive::adminUrl(), QUrl(site.url).path().mid(1));
        store::ScopedConnection db = store::ScopedConnection::withoutMigration(admin, QStringLiteral("roles-admin"));
        QString error;
        QVERIFY2(db.isOpen(), qPrintable(db.error()));
        QVERIFY2(store::execStatement(db.db(), sql, &error), qPrintable(error));
    };
    runScript();
    runScript();  // twice: harmless
    {
        // The schema one version behind (a FaceDesk upgrade): the desk cannot migrate it
        // and refuses to open it; the owner can.
        QString error;
        QSqlDatabase owner = store::connectDatabase(asLogin(site, QStringLiteral("facedesk_owner")), QStringLiteral("owner"), &error);
        QVERIFY2(owner.isOpen(), qPrintable(error));
        QVERIFY2(store::migrateTo(owner, store::schemaVersion() - 1, &error), qPrintable(error));
        QSqlDatabase early = store::openDatabase(asLogin(site, QStringLiteral("facedesk_desk")), QStringLiteral("early"), &error);
        QVERIFY(!early.isOpen());
        QVERIFY2(error.contains(QLatin1String("owner")) || error.contains(QLatin1String("permission denied")), qPrintable(error));
        QVERIFY2(store::migrateTo(owner, store::schemaVersion(), &error), qPrintable(error));
        owner.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("early"));
    QSqlDatabase::removeDatabase(QStringLiteral("owner"));
    runScript();  // once more on the full schema: its grants must not give the audit trail back
    {
        QString error;
        QSqlDatabase desk = store::openDatabase(asLogin(site, QStringLiteral("facedesk_desk")), QStringLiteral("desk"), &error);
        QVERIFY2(desk.isOpen(), qPrintable(error));
        QVERIFY2(store::execStatement(desk, QStringLiteral("INSERT INTO alert_acks (kind, raised_at, acknowledged_at, "
                                                            "acknowledged_by) VALUES ('blacklist', 1, 2, 'guard')"), &error),
                 qPrintable(error));
        QVERIFY2(store::execStatement(desk, QStringLiteral("INSERT INTO events (device_uuid, method, capture_at, received_at, "
                                                            "dedup_key) VALUES ('D', 'm', 1, 2, 'k')"), &error),
                 qPrintable(error));
        QCOMPARE(scalar(desk, QStringLiteral("SELECT COUNT(*) FROM events")), qint64(1));
        for (const QString &change : {QStringLiteral("DROP TABLE events"), QStringLiteral("TRUNCATE alert_acks"),
                                      QStringLiteral("ALTER TABLE events ADD COLUMN x INTEGER"),
                                      QStringLiteral("CREATE TABLE intruder (x INTEGER)")}) {
            QVERIFY2(!store::execStatement(desk, change, &error), qPrintable(change));
            QVERIFY2(error.contains(QLatin1String("permission denied")) || error.contains(QLatin1String("must be owner")),
                     qPrintable(error));
        }
        QCOMPARE(scalar(desk, QStringLiteral("SELECT COUNT(*) FROM alert_acks")), qint64(1));
        // #13: the audit trail takes the desk's records and keeps them from it.
        operators::AuditLog audit(desk);
        QVERIFY2(audit.append({QStringLiteral("guard"), QStringLiteral("acknowledge"), QStringLiteral("event 1"), {}, {}}, &error),
                 qPrintable(error));
        for (const QString &change : {QStringLiteral("UPDATE audit_log SET operator = 'eve'"), QStringLiteral("DELETE FROM audit_log"),
                                      QStringLiteral("TRUNCATE audit_log")}) {
            QVERIFY2(!store::execStatement(desk, change, &error), qPrintable(change));
            QVERIFY2(error.contains(QLatin1String("permission denied")), qPrintable(error));
        }
        QVERIFY(audit.verify().intact);
        QCOMPARE(scalar(desk, QStringLiteral("SELECT COUNT(*) FROM audit_log")), qint64(1));
        desk.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("desk"));
}

// `facedesk migrate` (#12): a one-PC archive copied into PostgreSQL. Stopped after its
// first page of events and run again, it goes on; run a third time, it changes
// nothing; the counts match, the export of events is the same on both sides, the
// source's renamed list wins over the new archive's seeded one, and new rows get
// fresh ids.
void TestMigrations::copyToPostgresResumesAndMatches()
{
    if (!testarchive::onPostgres())
        QSKIP("copying into PostgreSQL: the _pg run");
    QTemporaryDir dir;
    store::DatabaseConfig sqlite;
    sqlite.dataDir = dir.path();
    QString error;
    QSqlDatabase source = store::openDatabase(sqlite, QStringLiteral("copy-from"), &error);
    QVERIFY2(source.isOpen(), qPrintable(error));
    QVERIFY(seed(source, store::schemaVersion()));
    QVERIFY(run(source, QStringLiteral("UPDATE face_lists SET name = 'Watch list' WHERE id = 1")));
    // Twenty events with faces of their own and one scene they share, and a library
    // photo: files in the data folder, which the copy moves into the database.
    store::ImageStore events(sqlite.imagesDir()), library(sqlite.libraryDir());
    QStringList faces;
    for (int i = 0; i < 20; ++i)
        faces << events.put(QByteArray("face ") + QByteArray::number(i) + QByteArray(2000, char(i)), &error);
    const QString scene = events.put(QByteArray(50000, 's'), &error);
    const QString photo = library.put(QByteArray(3000, 'p'), &error);
    QVERIFY2(!scene.isEmpty() && !photo.isEmpty(), qPrintable(error));
    QVERIFY(run(source, QStringLiteral("INSERT INTO person_photos (index_id, path, phash, width, height, bytes, added_at) "
                                       "VALUES (7, '%1', 43, 400, 600, 3000, 1)").arg(photo)));
    QVERIFY(source.transaction());
    for (int i = 2; i <= 251; ++i)
        QVERIFY(run(source, QStringLiteral("INSERT INTO events (dedup_key, received_at, device_uuid, method, capture_at, "
                                           "img_name, match_score, feature, face_path, scene_path) VALUES ('k%1', %1, 'DEV-1', "
                                           "'sw_capture_face_push', %1, 'face%1.jpg', 0.5, X'0000803f', %2, %3)")
                                .arg(i)
                                .arg(i < 22 ? QStringLiteral("'%1'").arg(faces[i - 2]) : QStringLiteral("NULL"))
                                .arg(i < 22 ? QStringLiteral("'%1'").arg(scene) : QStringLiteral("NULL"))));
    QVERIFY(source.commit());
    // #13: an operator and an audit trail move up too, the chain intact on the other side.
    QVERIFY(run(source, QStringLiteral("INSERT INTO operators (name, role, password_hash, created_at, updated_at) "
                                       "VALUES ('ann', 'admin', '$argon2id$x', 1, 1)")));
    for (int i = 0; i < 5; ++i)
        QVERIFY(operators::AuditLog(source).append({QStringLiteral("ann"), QStringLiteral("export"), QStringLiteral("run %1").arg(i), {}, {}},
                                                   &error));
    const QByteArray head = operators::AuditLog(source).verify().headHash;
    const store::DatabaseConfig postgres = testarchive::config(dir.path());
    QSqlDatabase target = store::openDatabase(postgres, QStringLiteral("copy-to"), &error);
    QVERIFY2(target.isOpen(), qPrintable(error));

    const auto stopInEvents = [](const QString &table, qint64 done, qint64) { return !(table == QLatin1String("events") && done >= 100); };
    store::ArchiveCopyResult first = store::copyArchive(source, target, sqlite, stopInEvents, 100);
    QVERIFY(!first.completed);
    QVERIFY2(first.error.contains(QLatin1String("events")), qPrintable(first.error));
    QCOMPARE(scalar(target, QStringLiteral("SELECT COUNT(*) FROM events")), qint64(100));
    for (int run = 0; run < 2; ++run) {
        const store::ArchiveCopyResult again = store::copyArchive(source, target, sqlite, {}, 100);
        QVERIFY2(again.completed, qPrintable(again.error));
        QVERIFY2(again.missingImages.isEmpty(), qPrintable(again.missingImages.join(u'\n')));
        QCOMPARE(again.counts.last().table, QStringLiteral("images"));
        QCOMPARE(again.counts.last().target, qint64(22));
        for (const store::TableCount &c : again.counts)
            QVERIFY2(c.source == c.target, qPrintable(QStringLiteral("%1: %2 against %3").arg(c.table).arg(c.source).arg(c.target)));
        QVERIFY(again.countsMatch());
    }
    QCOMPARE(scalar(target, QStringLiteral("SELECT COUNT(*) FROM events")), qint64(251));
    QCOMPARE(scalar(target, QStringLiteral("SELECT COUNT(*) FROM face_lists WHERE id = 1 AND name = 'Watch list'")), qint64(1));
    QCOMPARE(scalar(target, QStringLiteral("SELECT COUNT(*) FROM operators WHERE name = 'ann'")), qint64(1));
    const operators::AuditVerdict copied = operators::AuditLog(target).verify();
    QVERIFY2(copied.intact, qPrintable(copied.reason));
    QCOMPARE(copied.records, qint64(5));
    QCOMPARE(copied.headHash, head);
    QByteArray fromCsv, toCsv;
    QBuffer a(&fromCsv), b(&toCsv);
    a.open(QIODevice::WriteOnly);
    b.open(QIODevice::WriteOnly);
    QCOMPARE(store::exportEventsCsv(source, &a, {}, {}, sqlite.imagesDir(), &error), qint64(251));
    QCOMPARE(store::exportEventsCsv(target, &b, {}, {}, postgres.imagesDir(), &error), qint64(251));
    QCOMPARE(toCsv, fromCsv);
    QVERIFY(run(target, QStringLiteral("INSERT INTO device_events (device_uuid, at, kind) VALUES ('DEV-1', 9, 'online')")));

    // A desk on another PC (its own, empty data folder) reads every image from the database.
    QTemporaryDir otherPc;
    store::DatabaseConfig desk = postgres;
    desk.dataDir = otherPc.path();
    QSqlDatabase deskDb = store::openDatabase(desk, QStringLiteral("copy-desk"), &error);
    QVERIFY2(deskDb.isOpen(), qPrintable(error));
    for (const QString &face : faces)
        QCOMPARE(store::ImageStore(desk.imagesDir()).read(face, &error), events.read(face, &error));
    QCOMPARE(store::ImageStore(desk.imagesDir()).read(scene, &error), QByteArray(50000, 's'));
    QCOMPARE(store::ImageStore(desk.libraryDir()).read(photo, &error), QByteArray(3000, 'p'));
    deskDb.close();
    QSqlDatabase::removeDatabase(QStringLiteral("copy-desk"));
    QCOMPARE(scalar(target, QStringLiteral("SELECT COUNT(*) FROM device_events")), qint64(2));
    source.close();
    target.close();
    QSqlDatabase::removeDatabase(QStringLiteral("copy-from"));
    QSqlDatabase::removeDatabase(QStringLiteral("copy-to"));
}

// A desk's image cache (store/ImageCache) on PostgreSQL: trimmed to 80 % of its bound,
// least recently used first; never a file the database does not hold; an evicted
// image comes back, byte for byte, when it is read again.
void TestMigrations::imageCacheKeepsItsBoundAndNeverTheOnlyCopy()
{
    if (!testarchive::onPostgres())
        QSKIP("a SQLite archive's images are files, not a cache: the _pg run");
    QTemporaryDir dir;
    store::DatabaseConfig config = testarchive::config(dir.path());
    QString error;
    QSqlDatabase db = store::openDatabase(config, QStringLiteral("cache"), &error);
    QVERIFY2(db.isOpen(), qPrintable(error));
    // Ten 20 KB images in the database, as a collector on another PC stored them.
    QList<QByteArray> images;
    store::ImageBlobWriter blobs;
    QVERIFY(db.transaction());
    for (int i = 0; i < 10; ++i) {
        images << QByteArray::number(i) + QByteArray(20 * 1024, char('a' + i));
        QVERIFY2(blobs.put(db, QString::fromLatin1(store::ImageStore::contentHash(images.last())), images.last(), 1,
                           &error), qPrintable(error));
    }
    QVERIFY(db.commit());
    blobs.reset();
    const store::ImageStore files(config.imagesDir());
    const auto pathOf = [&](const QByteArray &bytes) {
        return files.absolutePath(store::ImageStore::relativePathFor(store::ImageStore::contentHash(bytes)));
    };
    // This desk reads them all (fetched into its folder), oldest use first...
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < images.size(); ++i) {
        QVERIFY2(store::ImageCache::ensureLocal(pathOf(images[i]), &error), qPrintable(error));
        QFile f(pathOf(images[i]));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(now.addSecs(-7200 + i * 60), QFileDevice::FileModificationTime));
    }
    // ...and holds one image the database has not got (a collector's, before its
    // commit), the oldest of all.
    const QByteArray onlyCopy(30 * 1024, 'z');
    QDir().mkpath(QFileInfo(pathOf(onlyCopy)).path());
    QFile local(pathOf(onlyCopy));
    QVERIFY(local.open(QIODevice::WriteOnly) && local.write(onlyCopy) == onlyCopy.size());
    local.close();
    QVERIFY(local.open(QIODevice::ReadWrite) && local.setFileTime(now.addDays(-3), QFileDevice::FileModificationTime));
    local.close();

    // A bound of 100 KiB keeps 80 KiB: the only copy (30) and the two newest (2 x 20).
    config.imageCacheBytes = 100 * 1024;
    store::ImageCache::install(config);  // renews the bound of the cache already there
    QCOMPARE(store::ImageCache::trim(config.dataDir), qint64(8));
    QVERIFY(QFile::exists(pathOf(onlyCopy)));
    for (int i = 0; i < images.size(); ++i)
        QCOMPARE(QFile::exists(pathOf(images[i])), i >= 8);
    QVERIFY(store::ImageCache::cachedBytes(config.dataDir) <= config.imageCacheBytes / 5 * 4);
    // An evicted image is fetched again when read, and checked against its name.
    QByteArray back = files.read(store::ImageStore::relativePathFor(store::ImageStore::contentHash(images[0])), &error);
    QCOMPARE(back, images[0]);
    db.close();
    db = {};
    QSqlDatabase::removeDatabase(QStringLiteral("cache"));
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
