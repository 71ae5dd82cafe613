#include "Commands.h"

#include "protocol/DeviceType.h"
#include "store/ArchiveReader.h"
#include "store/Database.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>
#include <QTextStream>

namespace fd::app {

int runDevices(const QStringList &arguments)
{
    QTextStream err(stderr);
    QTextStream out(stdout);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("List the devices FaceDesk knows, with their state."));
    p.addHelpOption();
    p.addOptions(archiveOptions());
    if (const int exit = parseCommandLine(p, QStringLiteral("devices"), arguments); exit >= 0)
        return exit;
    store::DatabaseConfig config;
    if (!archiveFromOptions(p, QStringLiteral("devices"), &config))
        return 2;
    if (!archiveExists(config, QStringLiteral("devices")))
        return 1;
    QString error;
    QSqlDatabase db = store::openDatabase(config, QStringLiteral("devices"), &error);
    const QList<store::DeviceRow> rows = db.isOpen() ? store::loadDevices(db, &error) : QList<store::DeviceRow>();
    if (!error.isEmpty()) {
        err << "facedesk devices: " << error << Qt::endl;
        return 1;
    }
    const QHash<QString, qint64> today = store::eventCountsSince(db, QDateTime(QDate::currentDate(), QTime(0, 0)));
    out << qSetFieldWidth(0) << "uuid\tname\ttype\tstate\tonline\tlast_seen\thost\tversion\tevents_today\n";
    for (const store::DeviceRow &r : rows) {
        out << r.uuid << '\t' << r.name << '\t' << protocol::deviceTypeName(r.deviceType) << '\t' << r.state << '\t'
            << (r.online ? "online" : "offline") << '\t'
            << (r.lastSeen > 0 ? QDateTime::fromMSecsSinceEpoch(r.lastSeen).toString(Qt::ISODate) : QString()) << '\t'
            << r.host << '\t' << r.softVersion << '\t' << today.value(r.uuid) << '\n';
    }
    return 0;
}

} // namespace fd::app
