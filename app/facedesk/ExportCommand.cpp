#include "CommandAuth.h"
#include "Commands.h"

#include "store/ArchiveReader.h"
#include "store/Database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

namespace fd::app {

int runExport(const QStringList &arguments)
{
    QTextStream err(stderr);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Write the archive's events as CSV (columns: see README)."));
    p.addHelpOption();
    p.addOptions({
        {QStringLiteral("out"), QStringLiteral("CSV file to write (- for standard output)."), QStringLiteral("FILE")},
        {QStringLiteral("from"), QStringLiteral("Earliest capture time, ISO 8601 (inclusive)."), QStringLiteral("ISO8601")},
        {QStringLiteral("to"), QStringLiteral("Latest capture time, ISO 8601 (exclusive)."), QStringLiteral("ISO8601")},
    });
    p.addOptions(archiveOptions());
    p.addOption(userOption());
    if (const int exit = parseCommandLine(p, QStringLiteral("export"), arguments); exit >= 0)
        return exit;
    bool okFrom = false, okTo = false;
    const QDateTime from = parseTimeBound(p.value(QStringLiteral("from")), &okFrom);
    const QDateTime to = parseTimeBound(p.value(QStringLiteral("to")), &okTo);
    if (!okFrom || !okTo || !p.isSet(QStringLiteral("out"))) {
        err << "facedesk export: --out is required; --from/--to must be ISO 8601 times" << Qt::endl;
        return 2;
    }
    store::DatabaseConfig config;
    if (!archiveFromOptions(p, QStringLiteral("export"), &config))
        return 2;
    if (!archiveExists(config, QStringLiteral("export")))
        return 1;
    int refused = 0;
    const std::optional<CommandOperator> who = authorize(p, config, QStringLiteral("export"), auth::Action::Export, &refused);
    if (!who)
        return refused;
    QString error;
    QSqlDatabase db = store::openDatabase(config, QStringLiteral("export"), &error);
    if (!db.isOpen()) {
        err << "facedesk export: " << error << Qt::endl;
        return 1;
    }
    QFile out;
    const QString path = p.value(QStringLiteral("out"));
    const bool ok = path == QLatin1String("-") ? out.open(stdout, QIODevice::WriteOnly)
                                               : (out.setFileName(path), out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    if (!ok) {
        err << "facedesk export: cannot write " << path << ": " << out.errorString() << Qt::endl;
        return 1;
    }
    const qint64 rows = store::exportEventsCsv(db, &out, from, to, config.imagesDir(), &error);
    if (rows < 0) {
        err << "facedesk export: " << error << Qt::endl;
        return 1;
    }
    err << "facedesk export: " << rows << " events" << Qt::endl;
    auditCommand(config, *who, auth::actionName(auth::Action::Export), QStringLiteral("events"),
                 {{QStringLiteral("from"), from.toString(Qt::ISODate)}, {QStringLiteral("to"), to.toString(Qt::ISODate)},
                  {QStringLiteral("rows"), rows}, {QStringLiteral("out"), path}},
                 QStringLiteral("export"));
    return 0;
}

} // namespace fd::app
