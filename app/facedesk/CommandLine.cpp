// What every headless subcommand does the same way: the default data folder, the
// parsing with --help and usage errors, and the check that an archive is there.
#include "Commands.h"

#include "store/DatabaseUrl.h"

#include <QFile>
#include <QStandardPaths>
#include <QTextStream>

namespace fd::app {

QString defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

int parseCommandLine(QCommandLineParser &parser, const QString &command, const QStringList &arguments)
{
    if (!parser.parse(QStringList{QStringLiteral("facedesk ") + command} + arguments)) {
        QTextStream(stderr) << "facedesk " << command << ": " << parser.errorText() << Qt::endl;
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    return -1;
}

QList<QCommandLineOption> archiveOptions()
{
    return {
        {QStringLiteral("data-dir"), QStringLiteral("Archive folder (with --database: this machine's local folder)."),
         QStringLiteral("DIR"), defaultDataDir()},
        {QStringLiteral("database"),
         QStringLiteral("A site's shared archive: postgresql://USER@HOST[:PORT]/DBNAME (password from PGPASSWORD or "
                        "~/.pgpass, TLS by ?sslmode=...). Default: SQLite in --data-dir."),
         QStringLiteral("URL")},
    };
}

bool archiveFromOptions(const QCommandLineParser &parser, const QString &command, store::DatabaseConfig *config)
{
    config->dataDir = parser.value(QStringLiteral("data-dir"));
    config->url = parser.value(QStringLiteral("database"));
    if (config->url.isEmpty())
        return true;
    store::PostgresTarget target;
    QString error;
    if (store::parsePostgresUrl(config->url, &target, &error))
        return true;
    QTextStream(stderr) << "facedesk " << command << ": " << error << Qt::endl;
    return false;
}

bool archiveExists(const store::DatabaseConfig &config, const QString &command)
{
    if (config.backend() == store::Backend::Postgres || QFile::exists(config.sqlitePath()))
        return true;
    QTextStream(stderr) << "facedesk " << command << ": no archive in " << config.dataDir << Qt::endl;
    return false;
}

QDateTime parseTimeBound(const QString &text, bool *ok)
{
    *ok = true;
    if (text.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime(QDate::fromString(text, Qt::ISODate), QTime(0, 0));
    *ok = t.isValid();
    return t;
}

} // namespace fd::app
