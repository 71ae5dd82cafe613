// What every headless subcommand does the same way: the default data folder, the
// parsing with --help and usage errors, and the check that an archive is there.
#include "Commands.h"

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

bool archiveExists(const store::DatabaseConfig &config, const QString &command)
{
    if (QFile::exists(config.sqlitePath()))
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
