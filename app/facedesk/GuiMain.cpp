// The window: FaceDesk's listener and archive in-process with the desk on top.
// `facedesk --demo` adds simulated devices (the same code as facedesk-sim), so a
// new user sees the wall come alive within seconds.
#include "Commands.h"
#include "Screenshots.h"
#include "DemoLibrary.h"
#include "UnixSignals.h"

#include "EventDetailDialog.h"
#include "LibraryPanel.h"
#include "SearchPanel.h"
#include "LiveEventModel.h"
#include "LoginDialog.h"
#include "MainWindow.h"
#include "RetentionSettings.h"
#include "library/LibraryStore.h"
#include "operators/AuditLog.h"
#include "operators/OperatorStore.h"
#include "store/QueryWorker.h"
#include "store/ScopedConnection.h"

#include "SimRunner.h"
#include "runtime/ServerRuntime.h"
#include "store/ArchiveFeed.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QTableView>
#include <QTranslator>
#include <QListView>

namespace {

// Who sits at the desk (#13), before the window shows: the demo signs its own admin in;
// an archive without operators asks for its first administrator; otherwise an
// operator signs in. False when the dialog was cancelled. (One short read at start-up,
// on this thread: there is no window yet to keep responsive.)
bool signIn(fd::ui::MainWindow &window, const fd::store::DatabaseConfig &db, bool demo)
{
    bool accounts = false;
    {
        fd::store::ScopedConnection connection(db, QStringLiteral("sign-in"));
        fd::operators::OperatorStore store(connection.db());
        accounts = store.hasAccounts();
        if (demo) {
            QString error;
            // A password the README gives, so that the demo's lock and "Switch operator"
            // can be tried (a random one locked the demo for good after its idle time).
            if (!store.account(QStringLiteral("demo")))
                store.add(QStringLiteral("demo"), fd::auth::Role::Admin, QStringLiteral("demo-password"), &error);
            fd::operators::recordAudit(connection.db(), QStringLiteral("demo"), QStringLiteral("login"), QStringLiteral("operator demo"),
                                       {{QStringLiteral("where"), QStringLiteral("demo")}});
            window.setOperator(QStringLiteral("demo"), fd::auth::Role::Admin);
            return true;
        }
    }
    fd::ui::LoginDialog dialog(window.queries(), accounts ? fd::ui::LoginDialog::Mode::SignIn : fd::ui::LoginDialog::Mode::FirstRun);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    window.setOperator(dialog.operatorName(), dialog.role());
    return true;
}

// Photos for the demo: $FACEDESK_FACES, ../shared/faces beside the working folder
// or the source tree, else the simulator draws its own.
QString demoFacesDir()
{
    const QStringList candidates = {qEnvironmentVariable("FACEDESK_FACES"), QStringLiteral("../shared/faces"),
                                    QStringLiteral(FACEDESK_SOURCE_DIR "/../shared/faces")};
    for (const QString &c : candidates)
        if (!c.isEmpty() && QDir(c).exists())
            return QDir(c).absolutePath();
    return {};
}

} // namespace

int runGui(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("FaceDesk"));
    QApplication::setApplicationName(QStringLiteral("FaceDesk"));
    QApplication::setApplicationVersion(QStringLiteral(FACEDESK_VERSION));
    // A locale without a translation of its own (the C locale of a service or of the
    // screenshots, German, ...) gets the English one: the source texts are English, but
    // their plural forms ("1 person", "%n persons") live only in a translation.
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("facedesk"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || translator.load(QStringLiteral("facedesk_en"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);
    // Qt's own words (the wizard's Back/Next, the file dialogs): Debian's
    // qt6-translations-l10n, installed by install-deps.sh and a dependency of the package.
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);

    QCommandLineParser p;
    p.setApplicationDescription(QApplication::translate("main", "FaceDesk: the desk for Jovision face-recognition devices."));
    p.addHelpOption();
    p.addOptions({
        {QStringLiteral("demo"), QApplication::translate("main", "Start with simulated devices and a throw-away archive.")},
        {QStringLiteral("data-dir"), QApplication::translate("main", "Archive folder."), QStringLiteral("DIR"), fd::app::defaultDataDir()},
        {QStringLiteral("database"), QApplication::translate("main", "A site's shared archive: postgresql://USER@HOST[:PORT]/DBNAME."),
         QStringLiteral("URL")},
        {QStringLiteral("http-port"), QApplication::translate("main", "HTTP port."), QStringLiteral("P"), QStringLiteral("8070")},
        {QStringLiteral("tcp-port"), QApplication::translate("main", "TCP port."), QStringLiteral("Q"), QStringLiteral("18567")},
        {QStringLiteral("accept-new-devices"), QApplication::translate("main", "Accept unknown devices without approval.")},
        {QStringLiteral("demo-rate"), QApplication::translate("main", "Events per second in the demo."), QStringLiteral("N"), QStringLiteral("4")},
        {QStringLiteral("screenshot"), QApplication::translate("main", "Save the window as PNG after --screenshot-after seconds, then quit."), QStringLiteral("FILE")},
        {QStringLiteral("screenshot-after"), QApplication::translate("main", "Seconds before the screenshot."), QStringLiteral("S"), QStringLiteral("6")},
    });
    p.addOption(fd::app::imageCacheOption());
    p.addOption({QStringLiteral("desk-only"),
                 QApplication::translate("main", "With --database: open no ports; devices send to the site's "
                                                 "collectors (facedesk serve) and this desk follows their events, "
                                                 "alerts and devices through the archive.")});
    for (const auto &[kind, what] : fd::app::screenshotKinds())
        p.addOption({QStringLiteral("screenshot-") + kind, QApplication::translate("main", "Also save %1 as PNG.").arg(what),
                     QStringLiteral("FILE")});
    p.process(app);

    const bool demo = p.isSet(QStringLiteral("demo"));
    if (demo)  // the demo's window layout and alert rules are its own, not the desk's
        QApplication::setApplicationName(QStringLiteral("FaceDesk Demo"));
    QTemporaryDir demoDir;
    fd::runtime::RuntimeOptions options;
    fd::store::DatabaseConfig &db = options.database;
    db.dataDir = demo ? demoDir.path() : p.value(QStringLiteral("data-dir"));
    db.url = demo ? QString() : p.value(QStringLiteral("database"));
    QString cacheError;
    if (!fd::app::imageCacheFromOptions(p, &db.imageCacheBytes, &cacheError)) {
        QTextStream(stderr) << "facedesk: " << cacheError << Qt::endl;
        return 2;
    }
    if (demo)
        fd::app::seedDemoLibrary(db, demoFacesDir());
    options.registry.acceptNewDevices = demo || p.isSet(QStringLiteral("accept-new-devices"));
    options.registry.reportUser = QStringLiteral("admin");
    options.registry.reportPassword = QStringLiteral("admin");
    // The demo takes any free ports, so it never collides with a real installation.
    options.server.httpPort = demo ? 0 : quint16(p.value(QStringLiteral("http-port")).toUInt());
    options.server.tcpPort = demo ? 0 : quint16(p.value(QStringLiteral("tcp-port")).toUInt());
    if (demo)
        options.server.bind = QHostAddress::LocalHost;
    options.server.listen = !p.isSet(QStringLiteral("desk-only"));
    if (!options.server.listen && db.url.isEmpty()) {
        QTextStream(stderr) << "facedesk: --desk-only needs --database: a desk follows a site's shared archive" << Qt::endl;
        return 2;
    }
    options.retention = fd::ui::retentionFromSettings();
    options.ownThread = true;  // pushes are read and admitted beside the painting, never in its way
    fd::runtime::ServerRuntime serving(options);
    QString error;
    if (!serving.start(&error)) {
        QMessageBox::critical(nullptr, QStringLiteral("FaceDesk"),
                              QApplication::translate("main", "FaceDesk cannot start: %1").arg(error));
        return 1;
    }
    fd::server::FaceServer &server = *serving.server();
    fd::devices::DeviceRegistry &registry = *serving.registry();
    fd::store::StoreWriter &writer = *serving.writer();
    const QList<fd::store::DeviceRow> &known = serving.knownDevices();

    fd::ui::MainWindow window(&server, &registry, &writer, db);
    window.setSyncEngine(serving.sync());
    // A site's shared archive: what the other collectors store, and the other desks'
    // acknowledgements, reach this window too.
    std::unique_ptr<fd::store::ArchiveFeed> feed;
    if (db.backend() == fd::store::Backend::Postgres) {
        feed = std::make_unique<fd::store::ArchiveFeed>(db, [&writer](qint64 id) { return writer.isOwnEvent(id); });
        if (feed->start(&error))
            window.followArchive(feed.get());
        else
            QMessageBox::warning(&window, QStringLiteral("FaceDesk"),
                                 QApplication::translate("main", "Events from the site's other collectors cannot be "
                                                                 "followed: %1").arg(error));
    }
    if (!demo && known.isEmpty() && options.server.listen)
        window.showWelcome();  // a new desk: how to point devices at it
    if (demo) {
        // Every demo device gets the whole library, so the sync runs and the devices'
        // matches name library persons.
        auto assigned = std::make_shared<QSet<QString>>();
        QObject::connect(&registry, &fd::devices::DeviceRegistry::deviceChanged, &window, [&window, assigned](const QString &uuid) {
            if (assigned->contains(uuid))
                return;
            assigned->insert(uuid);
            window.queries()->run([uuid, libraryDir = window.queries()->config().libraryDir()](QSqlDatabase &db) {
                fd::library::LibraryStore store(db, libraryDir);
                for (int list = 1; list <= 4; ++list)
                    store.assign({-1, uuid, 0, list, 0});
            });
        }, Qt::QueuedConnection);
    }
    if (!signIn(window, db, demo))
        return 0;  // nobody signed in: the desk does not open
    window.show();

    std::unique_ptr<fd::sim::SimRunner> devices;
    if (demo) {
        fd::sim::SimConfig sim;
        sim.server = QStringLiteral("127.0.0.1");
        sim.httpPort = server.httpPort();
        sim.tcpPort = server.tcpPort();
        sim.devices = 6;
        sim.deviceTypes = {0x12, 0x14, 0x10, 0x16, 0x18, 0x12};
        sim.rate = p.value(QStringLiteral("demo-rate")).toDouble();
        sim.duration = 1e9;
        sim.strangerRatio = 0.35;
        sim.facesDir = demoFacesDir();
        sim.quiet = true;
        sim.heartbeatSeconds = 10;
        devices = std::make_unique<fd::sim::SimRunner>(sim);
        if (!devices->prepare(&error)) {
            sim.facesDir.clear();  // fall back to drawn faces
            devices = std::make_unique<fd::sim::SimRunner>(sim);
            devices->prepare(&error);
        }
        devices->start();
    }

    if (p.isSet(QStringLiteral("screenshot"))) {
        const QString file = p.value(QStringLiteral("screenshot"));
        QMap<QString, QString> files;
        for (const auto &[kind, what] : fd::app::screenshotKinds())
            if (p.isSet(QStringLiteral("screenshot-") + kind))
                files.insert(kind, p.value(QStringLiteral("screenshot-") + kind));
        const QString faces = demoFacesDir();
        QTimer::singleShot(int(p.value(QStringLiteral("screenshot-after")).toDouble() * 1000), &window, [&window, file, files, faces] {
            fd::app::takeScreenshots(window, file, files, faces);
            QApplication::quit();
        });
    }
    fd::app::UnixSignals unixSignals;
    QObject::connect(&unixSignals, &fd::app::UnixSignals::terminationRequested, &app, &QApplication::quit);
    const int rc = QApplication::exec();
    if (devices)
        devices.reset();
    feed.reset();
    serving.stop();
    return rc;
}
