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
        imageCacheOption(),
    };
}

QCommandLineOption imageCacheOption()
{
    return {QStringLiteral("image-cache-mb"),
            QStringLiteral("With --database: MiB of images this machine keeps in --data-dir (least recently used "
                           "go first; default 2048)."),
            QStringLiteral("MB")};
}

bool imageCacheFromOptions(const QCommandLineParser &parser, qint64 *bytes, QString *error)
{
    if (!parser.isSet(QStringLiteral("image-cache-mb")))
        return true;
    bool ok = false;
    const qint64 mb = parser.value(QStringLiteral("image-cache-mb")).toLongLong(&ok);
    if (!ok || mb < 64) {
        *error = QStringLiteral("--image-cache-mb wants a whole number of MiB, at least 64, not '%1'")
                     .arg(parser.value(QStringLiteral("image-cache-mb")));
        return false;
    }
    *bytes = mb * 1024 * 1024;
    return true;
}

bool archiveFromOptions(const QCommandLineParser &parser, const QString &command, store::DatabaseConfig *config)
{
    config->dataDir = parser.value(QStringLiteral("data-dir"));
    config->url = parser.value(QStringLiteral("database"));
    QString error;
    if (!imageCacheFromOptions(parser, &config->imageCacheBytes, &error)) {
        QTextStream(stderr) << "facedesk " << command << ": " << error << Qt::endl;
        return false;
    }
    if (config->url.isEmpty())
        return true;
    store::PostgresTarget target;
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
