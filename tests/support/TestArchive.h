// The archive a test writes to, on either backend (#12): the same suite runs on
// SQLite in a temporary folder (ctest's plain entries) and on the throw-away
// PostgreSQL cluster (the `_pg` entries, which ctest starts the cluster for and points
// at it with FACEDESK_TEST_POSTGRES_FILE). On PostgreSQL every call makes a fresh,
// empty database, so test functions never see each other's rows; the folder still
// holds what is local to a desk (image cache, library photos).
#pragma once

#include "store/Database.h"
#include "store/DatabaseUrl.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QUrl>
#include <QUrlQuery>
#include <QtTest>

namespace testarchive {

// The cluster's administrator URL; empty for a SQLite run. A `_pg` run whose cluster
// did not start fails rather than quietly testing SQLite again.
inline QString adminUrl()
{
    const QByteArray direct = qgetenv("FACEDESK_TEST_POSTGRES");
    if (!direct.isEmpty())
        return QString::fromUtf8(direct);
    const QString file = qEnvironmentVariable("FACEDESK_TEST_POSTGRES_FILE");
    if (file.isEmpty())
        return {};
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("FACEDESK_TEST_POSTGRES_FILE names %s, which cannot be read: did the postgres fixture start?", qPrintable(file));
    return QString::fromUtf8(f.readAll()).trimmed();
}

inline bool onPostgres()
{
    return !adminUrl().isEmpty();
}

// The same server, another database.
inline QString urlOfDatabase(const QString &admin, const QString &database)
{
    QUrl url(admin);
    url.setPath(u'/' + database);
    return url.toString();
}

// A new empty database on the cluster, named after the process and a counter.
inline QString freshDatabase()
{
    static QAtomicInt counter;
    const QString name = QStringLiteral("fdt_%1_%2").arg(QCoreApplication::applicationPid()).arg(counter.fetchAndAddRelaxed(1));
    fd::store::DatabaseConfig admin;
    admin.url = adminUrl();
    admin.dataDir = QDir::tempPath();
    const QString connection = QStringLiteral("testarchive-admin");
    {
        QString error;
        QSqlDatabase db = fd::store::connectDatabase(admin, connection, &error);
        if (!db.isOpen())
            qFatal("cannot reach the test cluster: %s", qPrintable(error));
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("CREATE DATABASE %1").arg(name)))
            qFatal("CREATE DATABASE %s: %s", qPrintable(name), qPrintable(q.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return urlOfDatabase(admin.url, name);
}

// The archive for a test: SQLite in `dir`, or a fresh PostgreSQL database with `dir`
// as the desk's local folder.
inline fd::store::DatabaseConfig config(const QString &dir)
{
    fd::store::DatabaseConfig config;
    config.dataDir = dir;
    if (onPostgres())
        config.url = freshDatabase();
    return config;
}

// The command-line options that name this archive to `facedesk COMMAND`.
inline QStringList arguments(const fd::store::DatabaseConfig &config)
{
    QStringList out = {QStringLiteral("--data-dir"), config.dataDir};
    if (!config.url.isEmpty())
        out << QStringLiteral("--database") << config.url;
    return out;
}

} // namespace testarchive
