#include "SqlDialect.h"

#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlQuery>

namespace fd::store {

Backend backendOf(const QSqlDatabase &db)
{
    return db.driver() && db.driver()->dbmsType() == QSqlDriver::PostgreSQL ? Backend::Postgres : Backend::Sqlite;
}

namespace {

// CREATE TRIGGER name <timing and event> ON table BEGIN <statements> END
QStringList postgresTrigger(const QRegularExpressionMatch &m)
{
    const QString name = m.captured(1);
    const QString function = name + QStringLiteral("_fn");
    return {
        QStringLiteral("CREATE OR REPLACE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN %2 RETURN NULL; END $$")
            .arg(function, m.captured(4).trimmed()),
        QStringLiteral("CREATE TRIGGER %1 %2 ON %3 FOR EACH ROW EXECUTE FUNCTION %4()")
            .arg(name, m.captured(2).simplified(), m.captured(3), function),
    };
}

} // namespace

QStringList postgresStatements(const QString &sqliteStatement)
{
    static const QRegularExpression trigger(QStringLiteral(R"(^CREATE TRIGGER (\w+) (.+?) ON (\w+)\s+BEGIN\s(.*)\bEND$)"),
                                            QRegularExpression::DotMatchesEverythingOption);
    if (const auto m = trigger.match(sqliteStatement.trimmed()); m.hasMatch())
        return postgresTrigger(m);
    static const QRegularExpression serial(QStringLiteral(R"(\b(id|index_id) INTEGER PRIMARY KEY( AUTOINCREMENT)?)"));
    static const QRegularExpression integer(QStringLiteral(R"(\bINTEGER\b)"));
    static const QRegularExpression real(QStringLiteral(R"(\bREAL\b)"));
    static const QRegularExpression blob(QStringLiteral(R"(\bBLOB\b)"));
    static const QRegularExpression nocase(QStringLiteral(R"((\w+) COLLATE NOCASE)"));
    QString s = sqliteStatement;
    s.replace(serial, QStringLiteral("\\1 BIGSERIAL PRIMARY KEY"));
    s.replace(integer, QStringLiteral("BIGINT"));
    s.replace(real, QStringLiteral("DOUBLE PRECISION"));
    s.replace(blob, QStringLiteral("BYTEA"));
    s.replace(nocase, QStringLiteral("lower(\\1)"));
    return {s};
}

QStringList postgresCompatibility()
{
    return {QStringLiteral("CREATE OR REPLACE FUNCTION instr(haystack text, needle text) RETURNS integer "
                           "LANGUAGE sql IMMUTABLE AS 'SELECT strpos(haystack, needle)'")};
}

QStringList backendOnlyStatements(Backend backend, int version)
{
    if (version == 10) {
        if (backend == Backend::Sqlite)
            return {};
        // EXTERNAL: TOASTed out of line, never compressed. JPEG bytes do not shrink;
        // pglz only burnt a core finding that out (Database.cpp, step 10).
        return {QStringLiteral("ALTER TABLE image_blobs ALTER COLUMN bytes SET STORAGE EXTERNAL")};
    }
    if (version != 9)
        return {};
    if (backend == Backend::Sqlite) {
        // Whoever holds the file can drop these; they stop a mistake, the hash chain
        // catches the rest.
        return {QStringLiteral("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                               "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"),
                QStringLiteral("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                               "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END")};
    }
    // The site's application role (packaging/postgresql/site-roles.sql) got every row
    // right on new tables by default: take back changing and deleting the trail's.
    // Where that role does not exist (a test cluster, a one-login site) the owner is
    // the only login and the hash chain is the defence.
    return {QStringLiteral("DO $$ BEGIN "
                           "IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'facedesk_app') THEN "
                           "REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM facedesk_app; "
                           "END IF; END $$")};
}

bool isDiskFull(const QSqlError &error, Backend backend)
{
    if (backend == Backend::Postgres)
        return error.nativeErrorCode() == QLatin1String("53100");
    return (error.nativeErrorCode().toInt() & 0xff) == 13;
}

bool lockCommitOrder(QSqlDatabase &db, QSqlError *error)
{
    if (backendOf(db) != Backend::Postgres)
        return true;
    QSqlQuery q(db);
    // Any number: FaceDesk's own within the database ("FDco").
    if (q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(1178887023)")))
        return true;
    if (error)
        *error = q.lastError();
    return false;
}

bool isTransient(const QSqlError &error, Backend backend)
{
    static const QStringList codes = {QStringLiteral("40P01"), QStringLiteral("40001"), QStringLiteral("55P03")};
    return backend == Backend::Postgres && codes.contains(error.nativeErrorCode());
}

QStringList sessionSetup(Backend backend, bool fullSync)
{
    if (backend == Backend::Postgres) {
        // Quiet the NOTICEs of IF NOT EXISTS and the like. Durability needs no setting:
        // PostgreSQL's default (synchronous_commit=on) already survives power loss,
        // which is what fullSync asks of SQLite.
        return {QStringLiteral("SET client_min_messages TO warning")};
    }
    // WAL: readers (the window, exports) never block the writer. NORMAL sync in WAL
    // mode loses nothing on a process crash; FULL also survives power loss.
    return {QStringLiteral("PRAGMA journal_mode=WAL"),
            fullSync ? QStringLiteral("PRAGMA synchronous=FULL") : QStringLiteral("PRAGMA synchronous=NORMAL"),
            QStringLiteral("PRAGMA foreign_keys=ON"),
            // A deleted row's bytes are zeroed on its page where that costs no extra I/O
            // (#13: a forgotten person, an edited name); PersonEraser turns it fully on.
            QStringLiteral("PRAGMA secure_delete=FAST")};
}

} // namespace fd::store
