// facedesk: the desk window, or a headless subcommand (serve, export, devices,
// assign, sync-status, search, import, migrate, users, audit, forget).
#include "Commands.h"

#include <QCoreApplication>
#include <QTextStream>

int runGui(int argc, char *argv[]);

int main(int argc, char *argv[])
{
    const QString command = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    // Answered without a window or a display: scripts and package tests ask it.
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        QTextStream(stdout) << "facedesk " << FACEDESK_VERSION << Qt::endl;
        return 0;
    }
    const bool headless = command == QLatin1String("serve") || command == QLatin1String("export")
        || command == QLatin1String("devices") || command == QLatin1String("assign")
        || command == QLatin1String("sync-status") || command == QLatin1String("search")
        || command == QLatin1String("import") || command == QLatin1String("migrate")
        || command == QLatin1String("users") || command == QLatin1String("audit")
        || command == QLatin1String("forget");
    if (!headless)
        return runGui(argc, argv);

    // Without a window nothing needs GLib's main loop, and Qt's own dispatcher costs
    // less per socket: QTcpSocket switches its write notifier on and off for every
    // reply, which GLib does by walking a list of all its sources. With 500 devices
    // `serve` committed about 15 % more events per second (the ingest benchmark, A/B
    // on tmpfs). The variable is read when a thread creates its dispatcher, so it must
    // be set before the application object and any thread exist.
    if (qEnvironmentVariableIsEmpty("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");

    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("FaceDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("FaceDesk"));
    const QStringList rest = app.arguments().mid(2);
    if (command == QLatin1String("serve"))
        return fd::app::runServe(rest);
    if (command == QLatin1String("export"))
        return fd::app::runExport(rest);
    if (command == QLatin1String("assign"))
        return fd::app::runAssign(rest);
    if (command == QLatin1String("sync-status"))
        return fd::app::runSyncStatus(rest);
    if (command == QLatin1String("search"))
        return fd::app::runSearch(rest);
    if (command == QLatin1String("import"))
        return fd::app::runImport(rest);
    if (command == QLatin1String("migrate"))
        return fd::app::runMigrate(rest);
    if (command == QLatin1String("users"))
        return fd::app::runUsers(rest);
    if (command == QLatin1String("audit"))
        return fd::app::runAudit(rest);
    if (command == QLatin1String("forget"))
        return fd::app::runForget(rest);
    return fd::app::runDevices(rest);
}
