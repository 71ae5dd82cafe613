#include "Database.h"

#include "DatabaseUrl.h"
#include "ImageCache.h"

#include <algorithm>

#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace fd::store {

namespace {

// Each step moves the schema one version up; steps are never edited once shipped.
const QStringList &migrations()
{
    static const QStringList steps = {
        // 1: devices, their state changes, and face events.
        QStringLiteral(R"(
CREATE TABLE devices (
    uuid TEXT PRIMARY KEY,
    mac TEXT, device_type INTEGER, name TEXT, host TEXT, soft_version TEXT,
    state TEXT NOT NULL DEFAULT 'pending',
    first_seen INTEGER, last_seen INTEGER, heartbeat_interval INTEGER NOT NULL DEFAULT 30,
    online INTEGER NOT NULL DEFAULT 0);
CREATE TABLE device_events (
    id INTEGER PRIMARY KEY, device_uuid TEXT NOT NULL, at INTEGER NOT NULL,
    kind TEXT NOT NULL, detail TEXT);
CREATE INDEX device_events_device ON device_events(device_uuid, at);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    dedup_key TEXT NOT NULL UNIQUE,
    received_at INTEGER NOT NULL,
    device_uuid TEXT NOT NULL,
    method TEXT NOT NULL,
    channel INTEGER, index_id INTEGER, pic_sort INTEGER, pic_name TEXT, match_score REAL,
    pos_x INTEGER, pos_y INTEGER, pos_w INTEGER, pos_h INTEGER,
    capture_time TEXT, capture_at INTEGER NOT NULL, send_time TEXT,
    quality INTEGER, visit_count INTEGER, track_id INTEGER, face_id INTEGER,
    age INTEGER, gender INTEGER, glasses INTEGER, mask INTEGER, beard INTEGER, race INTEGER, emotion INTEGER,
    temperature REAL, warning_temperature REAL, warning_type TEXT,
    img_name TEXT, img_fr_name TEXT,
    face_path TEXT, scene_path TEXT, scene_bytes INTEGER NOT NULL DEFAULT 0,
    feature BLOB, feature_dims INTEGER NOT NULL DEFAULT 0);
CREATE INDEX events_time ON events(capture_at);
CREATE INDEX events_device_time ON events(device_uuid, capture_at);
CREATE INDEX events_person_time ON events(index_id, capture_at);
CREATE INDEX events_received ON events(received_at);
)"),
        // 2: who acknowledged which alert, when, and what they noted.
        QStringLiteral(R"(
CREATE TABLE alert_acks (
    id INTEGER PRIMARY KEY,
    event_id INTEGER,
    device_uuid TEXT,
    kind TEXT NOT NULL,
    raised_at INTEGER NOT NULL,
    acknowledged_at INTEGER NOT NULL,
    acknowledged_by TEXT NOT NULL,
    note TEXT);
CREATE INDEX alert_acks_event ON alert_acks(event_id);
)"),
        // 3: the face library (persons, their photos, named lists), device groups,
        // what each device should hold (assignments) and what it confirmed (sync_state).
        // index_id is AUTOINCREMENT: SQLite then never hands out an id again, even
        // after the person with the highest id was deleted, so a device never confuses
        // a new person with an old one it still holds.
        QStringLiteral(R"(
CREATE TABLE face_lists (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, pic_sort INTEGER NOT NULL);
INSERT INTO face_lists (id, name, pic_sort) VALUES (1, 'Blacklist', 1);
INSERT INTO face_lists (id, name, pic_sort) VALUES (2, 'Whitelist', 2);
INSERT INTO face_lists (id, name, pic_sort) VALUES (3, 'VIP', 3);
INSERT INTO face_lists (id, name, pic_sort) VALUES (4, 'Custom', 4);
CREATE TABLE persons (
    index_id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL, gender INTEGER NOT NULL DEFAULT -1, card_no TEXT NOT NULL DEFAULT '',
    list_id INTEGER NOT NULL REFERENCES face_lists(id),
    notes TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1);
CREATE INDEX persons_card ON persons(card_no);
CREATE INDEX persons_name ON persons(name COLLATE NOCASE);
CREATE INDEX persons_list ON persons(list_id);
CREATE TABLE person_photos (
    id INTEGER PRIMARY KEY,
    index_id INTEGER NOT NULL REFERENCES persons(index_id) ON DELETE CASCADE,
    path TEXT NOT NULL, phash INTEGER NOT NULL DEFAULT 0,
    width INTEGER NOT NULL DEFAULT 0, height INTEGER NOT NULL DEFAULT 0, bytes INTEGER NOT NULL DEFAULT 0,
    source_name TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL DEFAULT 0, added_at INTEGER NOT NULL);
CREATE INDEX person_photos_person ON person_photos(index_id, position);
CREATE INDEX person_photos_phash ON person_photos(phash);
CREATE TABLE device_groups (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE device_group_members (
    group_id INTEGER NOT NULL REFERENCES device_groups(id) ON DELETE CASCADE,
    device_uuid TEXT NOT NULL, PRIMARY KEY (group_id, device_uuid));
CREATE TABLE assignments (
    id INTEGER PRIMARY KEY,
    device_uuid TEXT NOT NULL DEFAULT '', group_id INTEGER NOT NULL DEFAULT 0,
    list_id INTEGER NOT NULL DEFAULT 0, index_id INTEGER NOT NULL DEFAULT 0,
    UNIQUE (device_uuid, group_id, list_id, index_id));
CREATE INDEX assignments_person ON assignments(index_id);
CREATE TABLE sync_state (
    device_uuid TEXT NOT NULL, index_id INTEGER NOT NULL,
    confirmed_revision INTEGER NOT NULL DEFAULT 0,
    failed_revision INTEGER NOT NULL DEFAULT 0,
    error_code INTEGER NOT NULL DEFAULT 0, error_text TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (device_uuid, index_id));
CREATE INDEX sync_state_person ON sync_state(index_id);
)"),
        // 4: the sync engine's bookkeeping.
        // may_hold: the device may hold this person in a version FaceDesk has not
        // confirmed (a command naming it went out and no answer was recorded, or a
        // verify found it there); when nobody wants the person it is deleted.
        // sync_devices: the last verify of a device's library against sw_server_get_sort.
        // library_changes: a counter every change to what devices should hold bumps
        // (triggers), so a running engine notices changes made by another process
        // (`facedesk assign` beside `facedesk serve`) by polling one row.
        QStringLiteral(R"(
ALTER TABLE sync_state ADD COLUMN may_hold INTEGER NOT NULL DEFAULT 0;
CREATE TABLE sync_devices (
    device_uuid TEXT PRIMARY KEY,
    verified_at INTEGER NOT NULL DEFAULT 0,
    held_count INTEGER NOT NULL DEFAULT -1);
CREATE TABLE library_changes (id INTEGER PRIMARY KEY CHECK (id = 1), counter INTEGER NOT NULL);
INSERT INTO library_changes (id, counter) VALUES (1, 0);
CREATE TRIGGER persons_inserted AFTER INSERT ON persons
    BEGIN UPDATE library_changes SET counter = counter + 1; END;
CREATE TRIGGER persons_updated AFTER UPDATE ON persons
    BEGIN UPDATE library_changes SET counter = counter + 1; END;
CREATE TRIGGER persons_deleted AFTER DELETE ON persons
    BEGIN UPDATE library_changes SET counter = counter + 1; END;
CREATE TRIGGER assignments_inserted AFTER INSERT ON assignments
    BEGIN UPDATE library_changes SET counter = counter + 1; END;
CREATE TRIGGER assignments_updated AFTER UPDATE ON assignments
    BEGIN UPDATE library_changes SET counter = counter + 1; END;
CREATE TRIGGER assignments_deleted AFTER DELETE ON assignments
    BEGIN UPDATE library_changes SET counter = counter + 1; END;
CREATE TRIGGER group_members_inserted AFTER INSERT ON device_group_members
    BEGIN UPDATE library_changes SET counter = counter + 1; END;
CREATE TRIGGER group_members_deleted AFTER DELETE ON device_group_members
    BEGIN UPDATE library_changes SET counter = counter + 1; END;
)"),
        // 5: the
        // features FaceDesk computed itself from archived faces, one row per event, of
        // the engine named by kind. dims 0 with an empty vector records that no face
        // was found, so the backfill never tries that image again. The rows go with
        // their event (retention); no index on kind: nearly every row has the current
        // engine's kind, so reading "all of one kind" is a table scan either way.
        QStringLiteral(R"(
CREATE TABLE local_features (
    event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    dims INTEGER NOT NULL,
    vector BLOB NOT NULL,
    face_x INTEGER, face_y INTEGER, face_w INTEGER, face_h INTEGER);
)"),
        // 6: the order local features were stored in. The background pass stores the
        // newest events first, so an event id says nothing about what a loaded face
        // index has not seen yet; "added" does: triggers number every stored or
        // recomputed row from a counter that never goes back (max()+1 would hand a
        // deleted row's number out again). Rows from before this migration keep NULL:
        // a full load reads them. The numbers also become visible in the order they
        // were handed out, which a reader of "added above N" needs as the archive feed
        // needs event ids in commit order (store::lockCommitOrder): the counter is one
        // row, and its UPDATE holds that row until the transaction ends, so another
        // writer's next number waits for this one's commit (SQLite has one writer).
        QStringLiteral(R"(
ALTER TABLE local_features ADD COLUMN added INTEGER;
CREATE TABLE local_features_counter (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
INSERT INTO local_features_counter (id, n) VALUES (1, 0);
CREATE TRIGGER local_features_inserted AFTER INSERT ON local_features
    BEGIN UPDATE local_features_counter SET n = n + 1;
          UPDATE local_features SET added = (SELECT n FROM local_features_counter) WHERE event_id = NEW.event_id; END;
CREATE TRIGGER local_features_recomputed AFTER UPDATE OF vector ON local_features
    BEGIN UPDATE local_features_counter SET n = n + 1;
          UPDATE local_features SET added = (SELECT n FROM local_features_counter) WHERE event_id = NEW.event_id; END;
CREATE INDEX local_features_added ON local_features(added);
)"),
        // 7: a library photo's face descriptor, computed when the photo was validated
        // (PhotoCheck) or by the background pass for older photos, tagged with its
        // engine's kind like local_features; '' and NULL: not computed yet. And live
        // matching's verdict on an event (match/LiveMatcher): the library person
        // FaceDesk found within its list's threshold and the distance (to the device's
        // person when it found none); matched_by_desk when index_id is FaceDesk's
        // (a capture camera's event), not the device's.
        QStringLiteral(R"(
ALTER TABLE person_photos ADD COLUMN descriptor_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE person_photos ADD COLUMN descriptor BLOB;
ALTER TABLE events ADD COLUMN local_index_id INTEGER;
ALTER TABLE events ADD COLUMN local_distance REAL;
ALTER TABLE events ADD COLUMN matched_by_desk INTEGER NOT NULL DEFAULT 0;
)"),
        // 8: image bytes in the database (#12, item 2), keyed by the SHA-256 their file
        // names hold: on PostgreSQL every desk reads the images of every collector from
        // here (store/ImageBlobs, store/ImageCache). A one-PC SQLite archive keeps its
        // images as files and leaves the table empty: the same schema on both backends.
        QStringLiteral(R"(
CREATE TABLE image_blobs (
    hash TEXT PRIMARY KEY,
    bytes BLOB NOT NULL,
    stored_at INTEGER NOT NULL
);
)"),
        // 9: operators and the audit trail (#13). Passwords only as Argon2id hashes
        // (auth/PasswordHash); failures and the last one's time drive the login
        // throttle (auth/LoginThrottle). The audit trail is append-only: seq is its
        // position, each record's hash covers its fields and the previous record's
        // hash (operators/AuditLog). On PostgreSQL the application's logins may insert
        // and read it but not change or delete it; on SQLite triggers refuse both.
        QStringLiteral(R"(
CREATE TABLE operators (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    last_failure_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    operator TEXT NOT NULL,
    desk TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
)"),
        // 10: nothing on SQLite. On PostgreSQL image_blobs.bytes is stored out of line
        // without compression (SqlDialect's backendOnlyStatements): JPEGs do not
        // compress, but a real photo's header does, so pglz ran over every image to
        // the end before giving up (measured: 4.4 ms a 350 KB face photo, 20 % of the
        // cluster's CPU at 500 devices with backgrounds; docs/PERFORMANCE.md).
        QString(),
    };
    return steps;
}

// A migration's text as single statements: Qt's SQLite driver runs one per exec().
// A trigger's body has semicolons of its own, so it runs on to its closing END.
QStringList statements(const QString &migration)
{
    QStringList out;
    QString pending;
    for (const QString &part : migration.split(u';')) {
        pending += part;
        const QString text = pending.trimmed();
        if (text.startsWith(QLatin1String("CREATE TRIGGER"), Qt::CaseInsensitive)
            && !text.endsWith(QLatin1String("END"), Qt::CaseInsensitive)) {
            pending += u';';
            continue;
        }
        if (!text.isEmpty())
            out << text;
        pending.clear();
    }
    return out;
}


} // namespace

namespace {

// The statements of step `v` (0-based) for this connection's backend.
QStringList stepStatements(Backend backend, int v)
{
    const QStringList sqlite = statements(migrations()[v]);
    if (backend == Backend::Sqlite)
        return sqlite + backendOnlyStatements(backend, v + 1);
    QStringList out = v == 0 ? postgresCompatibility() : QStringList();
    for (const QString &statement : sqlite)
        out << postgresStatements(statement);
    return out + backendOnlyStatements(backend, v + 1);
}

// The version the archive's schema is at; -1 for a new one (no version row yet).
int currentVersion(QSqlDatabase &db)
{
    QSqlQuery q(db);
    return q.exec(QStringLiteral("SELECT version FROM schema_version")) && q.next() ? q.value(0).toInt() : -1;
}

// Runs the steps from the archive's version up to `target`; `ownTransactions`: one
// transaction a step (PostgreSQL, under the advisory lock), else the caller's one.
bool runSteps(QSqlDatabase &db, int target, bool ownTransactions, QString *error)
{
    if (!execStatement(db, QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"), error))
        return false;
    // Read again under the lock: another process may have migrated meanwhile.
    int version = currentVersion(db);
    if (version < 0) {
        if (!execStatement(db, QStringLiteral("INSERT INTO schema_version (version) VALUES (0)"), error))
            return false;
        version = 0;
    }
    if (version > schemaVersion()) {
        // Opened by an older FaceDesk: changing nothing is the only safe thing to do.
        *error = QStringLiteral("the archive was written by a newer FaceDesk (schema version %1; this FaceDesk reads "
                                "up to %2): install that FaceDesk or a newer one to open it. Nothing was changed.")
                     .arg(version)
                     .arg(schemaVersion());
        return false;
    }
    for (int v = version; v < std::min(target, schemaVersion()); ++v) {
        if (ownTransactions && !db.transaction()) {
            *error = db.lastError().text();
            return false;
        }
        bool ok = true;
        for (const QString &statement : stepStatements(backendOf(db), v))
            ok = ok && execStatement(db, statement, error);
        // A step may insert rows with their ids (the built-in lists): PostgreSQL's
        // sequences move past them, as after any copy.
        ok = ok && resyncSequences(db, error);
        ok = ok && execStatement(db, QStringLiteral("UPDATE schema_version SET version = %1").arg(v + 1), error);
        if (ownTransactions && !(ok && db.commit())) {
            db.rollback();
            return false;
        }
        if (!ok)
            return false;
    }
    return true;
}

// Any number: the lock is FaceDesk's own within the database ("FDsk").
constexpr qint64 kMigrationLock = 0x4644736b;

} // namespace

bool migrateTo(QSqlDatabase &db, int target, QString *error)
{
    if (currentVersion(db) == std::min(target, schemaVersion()))
        return true;  // the common case: nothing to do, no lock taken
    if (backendOf(db) == Backend::Sqlite) {
        // Two processes opening a new archive at once: a deferred transaction that
        // reads the version and then writes cannot wait for the other's write lock
        // ("database is locked" at once); IMMEDIATE takes the lock first and waits
        // the busy timeout for it. The steps run in that one transaction.
        if (!execStatement(db, QStringLiteral("BEGIN IMMEDIATE"), error))
            return false;
        const bool ok = runSteps(db, target, false, error);
        QString endError;
        if (!execStatement(db, ok ? QStringLiteral("COMMIT") : QStringLiteral("ROLLBACK"), ok ? error : &endError))
            return false;
        return ok;
    }
    // Two collectors starting at once: the second waits here and then finds the
    // schema current. Session-level, released on every path below.
    if (!execStatement(db, QStringLiteral("SELECT pg_advisory_lock(%1)").arg(kMigrationLock), error))
        return false;
    const bool ok = runSteps(db, target, true, error);
    QString unlockError;
    execStatement(db, QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(kMigrationLock), &unlockError);
    return ok;
}

bool execStatement(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        *error = QStringLiteral("%1: %2").arg(sql.simplified().left(80), q.lastError().text());
        return false;
    }
    return true;
}

QString DatabaseConfig::sqlitePath() const
{
    return QDir(dataDir).filePath(QStringLiteral("facedesk.sqlite"));
}

QString DatabaseConfig::imagesDir() const
{
    return QDir(dataDir).filePath(QStringLiteral("images"));
}

QString DatabaseConfig::libraryDir() const
{
    return QDir(dataDir).filePath(QStringLiteral("library"));
}

int schemaVersion()
{
    return int(migrations().size());
}

Backend DatabaseConfig::backend() const
{
    return url.isEmpty() ? Backend::Sqlite : Backend::Postgres;
}

QString DatabaseConfig::display() const
{
    PostgresTarget target;
    QString error;
    if (url.isEmpty())
        return sqlitePath();
    return parsePostgresUrl(url, &target, &error) ? target.display() : QStringLiteral("(a database URL that does not parse)");
}

namespace {

QSqlDatabase connectionFor(const QString &driver, const QString &connectionName)
{
    if (QSqlDatabase::contains(connectionName))
        return QSqlDatabase::database(connectionName, false);
    return QSqlDatabase::addDatabase(driver, connectionName);
}

bool openSqlite(QSqlDatabase &db, const DatabaseConfig &config, QString *error)
{
    db.setDatabaseName(config.sqlitePath());
    // Writers wait for each other instead of failing with "database is locked".
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open()) {
        *error = db.lastError().text();
        return false;
    }
    return true;
}

bool openPostgres(QSqlDatabase &db, const DatabaseConfig &config, QString *error)
{
    PostgresTarget target;
    if (!parsePostgresUrl(config.url, &target, error))
        return false;
    db.setHostName(target.host);
    db.setPort(target.port);
    db.setUserName(target.user);
    db.setDatabaseName(target.database);
    // No password here: libpq reads PGPASSWORD or ~/.pgpass itself. A desk waits at
    // most 10 s for an unreachable server before saying so.
    QStringList options = target.options;
    if (!std::any_of(options.cbegin(), options.cend(), [](const QString &o) { return o.startsWith(QLatin1String("connect_timeout=")); }))
        options << QStringLiteral("connect_timeout=10");
    db.setConnectOptions(options.join(u';'));
    if (!db.open()) {
        *error = QStringLiteral("cannot reach the database %1: %2").arg(target.display(), db.lastError().text().trimmed());
        return false;
    }
    return true;
}

} // namespace

QSqlDatabase connectDatabase(const DatabaseConfig &config, const QString &connectionName, QString *error)
{
    if (!QDir().mkpath(config.dataDir)) {
        *error = QStringLiteral("cannot create the data folder %1").arg(config.dataDir);
        return {};
    }
    const Backend backend = config.backend();
    QSqlDatabase db = connectionFor(backend == Backend::Postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"),
                                    connectionName);
    if (!(backend == Backend::Postgres ? openPostgres(db, config, error) : openSqlite(db, config, error)))
        return {};
    if (backend == Backend::Postgres)
        ImageCache::install(config);  // the data folder's images are now a cache of the database's
    for (const QString &statement : sessionSetup(backend, config.fullSync)) {
        if (!execStatement(db, statement, error)) {
            db.close();
            return {};
        }
    }
    return db;
}

QSqlDatabase openDatabase(const DatabaseConfig &config, const QString &connectionName, QString *error)
{
    QSqlDatabase db = connectDatabase(config, connectionName, error);
    if (db.isOpen() && !migrateTo(db, schemaVersion(), error)) {
        db.close();
        return {};
    }
    return db;
}

bool beginWrite(QSqlDatabase &db)
{
    if (backendOf(db) != Backend::Sqlite)
        return db.transaction();
    return QSqlQuery(db).exec(QStringLiteral("BEGIN IMMEDIATE"));
}

bool reconnectIfLost(QSqlDatabase &db, const DatabaseConfig &config, QString *error)
{
    if (config.backend() != Backend::Postgres)
        return db.isOpen();
    if (db.isOpen() && QSqlQuery(db).exec(QStringLiteral("SELECT 1")))
        return true;
    db.close();
    if (!openPostgres(db, config, error))
        return false;
    for (const QString &statement : sessionSetup(Backend::Postgres, config.fullSync)) {
        if (!execStatement(db, statement, error)) {
            db.close();
            return false;
        }
    }
    return true;
}

bool execReturningId(QSqlQuery &q, qint64 *id)
{
    if (!q.exec())
        return false;
    *id = q.next() ? q.value(0).toLongLong() : -1;
    q.finish();
    return true;
}

bool resyncSequences(QSqlDatabase &db, QString *error)
{
    if (backendOf(db) != Backend::Postgres)
        return true;
    QSqlQuery serials(db);
    if (!serials.exec(QStringLiteral("SELECT table_name, column_name FROM information_schema.columns "
                                     "WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'"))) {
        *error = serials.lastError().text();
        return false;
    }
    while (serials.next()) {
        const QString table = serials.value(0).toString(), column = serials.value(1).toString();
        if (!execStatement(db, QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', '%2'), "
                                              "COALESCE((SELECT MAX(%2) FROM %1), 0) + 1, false)").arg(table, column), error))
            return false;
    }
    return true;
}

} // namespace fd::store
