#include "Commands.h"
#include "UnixSignals.h"

#include "runtime/ServerRuntime.h"
#include "store/ImageFileCheck.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>
#include <QStandardPaths>
#include <QTextStream>

#include <atomic>

namespace fd::app {

namespace {

// The library sync's settings from the command line; false when one is not a number
// or out of range.
bool readSyncOptions(const QCommandLineParser &p, sync::SyncConfig *config)
{
    bool okBatch = false, okKb = false, okTimeout = false, okRetry = false, okReconcile = false;
    config->batch.maxPersons = p.value(QStringLiteral("sync-batch")).toInt(&okBatch);
    config->batch.maxBytes = p.value(QStringLiteral("sync-batch-kb")).toLongLong(&okKb) * 1024;
    config->replyTimeoutMs = int(p.value(QStringLiteral("sync-timeout")).toDouble(&okTimeout) * 1000);
    config->retry.baseMs = p.value(QStringLiteral("sync-retry-ms")).toInt(&okRetry);
    config->reconcileIntervalMs = int(p.value(QStringLiteral("sync-reconcile")).toDouble(&okReconcile) * 1000);
    return okBatch && okKb && okTimeout && okRetry && okReconcile && config->batch.maxPersons >= 1
        && config->batch.maxBytes >= 1024 && config->replyTimeoutMs >= 100 && config->retry.baseMs >= 1
        && config->reconcileIntervalMs >= 0;
}

// "stranger=30" and the like into list -> days; false on anything else.
bool readListRetention(const QStringList &values, QMap<QString, int> *days)
{
    for (const QString &value : values) {
        const QStringList parts = value.split(u'=');
        bool ok = false;
        const int n = parts.value(1).toInt(&ok);
        if (parts.size() != 2 || !ok || n < 0 || !store::RetentionPolicy::listNames().contains(parts[0]))
            return false;
        days->insert(parts[0], n);
    }
    return true;
}

} // namespace

int runServe(const QStringList &arguments)
{
    QTextStream err(stderr);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Run FaceDesk's listener and archive without a window."));
    p.addHelpOption();
    p.addOptions({
        {QStringLiteral("http-port"), QStringLiteral("HTTP port (0: any free port)."), QStringLiteral("P"), QStringLiteral("8070")},
        {QStringLiteral("tcp-port"), QStringLiteral("TCP port (0: any free port)."), QStringLiteral("Q"), QStringLiteral("18567")},
        {QStringLiteral("bind"), QStringLiteral("Address to listen on."), QStringLiteral("ADDR"), QStringLiteral("0.0.0.0")},
        {QStringLiteral("accept-new-devices"), QStringLiteral("Accept unknown devices at once instead of holding them as pending.")},
        {QStringLiteral("device-key"), QStringLiteral("Require this device_key in accesstoken requests."), QStringLiteral("KEY")},
        {QStringLiteral("report-user"), QStringLiteral("UserName accepted in sw_cap_face_report."), QStringLiteral("NAME"), QStringLiteral("admin")},
        {QStringLiteral("report-password"), QStringLiteral("Password whose MD5 sw_cap_face_report must carry (unset: that form is refused)."), QStringLiteral("PASSWORD")},
        {QStringLiteral("max-body-mb"), QStringLiteral("Largest message accepted, in MiB."), QStringLiteral("N"), QStringLiteral("16")},
        {QStringLiteral("max-queue"), QStringLiteral("Events waiting for the archive before devices are told to retry."), QStringLiteral("N"), QStringLiteral("20000")},
        {QStringLiteral("full-sync"), QStringLiteral("Make every commit survive power loss, not only crashes (slower).")},
        {QStringLiteral("keep-days"), QStringLiteral("Delete events older than this many days (0: keep all)."), QStringLiteral("N"), QStringLiteral("0")},
        {QStringLiteral("keep-days-for"),
         QStringLiteral("Delete one list's events sooner: LIST=DAYS, LIST one of stranger, blacklist, whitelist, vip, custom "
                        "(repeatable; e.g. stranger=30)."),
         QStringLiteral("LIST=DAYS")},
        {QStringLiteral("scene-quota-mb"), QStringLiteral("Keep at most this many MiB of background images, dropping the oldest (0: no quota)."), QStringLiteral("N"), QStringLiteral("0")},
        {QStringLiteral("no-sync"), QStringLiteral("Do not send the face library to devices.")},
        {QStringLiteral("sync-batch"), QStringLiteral("Persons per batch add."), QStringLiteral("N"), QStringLiteral("20")},
        {QStringLiteral("sync-batch-kb"), QStringLiteral("Largest batch add in KiB (a single larger photo still goes alone)."), QStringLiteral("N"), QStringLiteral("1024")},
        {QStringLiteral("sync-timeout"), QStringLiteral("Seconds to wait for a device's answer before retrying."), QStringLiteral("S"), QStringLiteral("30")},
        {QStringLiteral("sync-retry-ms"), QStringLiteral("First retry after a transient failure, in ms (doubling up to 10 min)."), QStringLiteral("MS"), QStringLiteral("5000")},
        {QStringLiteral("sync-reconcile"), QStringLiteral("Seconds between full plans of every connected device (0: never)."), QStringLiteral("S"), QStringLiteral("300")},
    });
    p.addOptions(archiveOptions());
    if (const int exit = parseCommandLine(p, QStringLiteral("serve"), arguments); exit >= 0)
        return exit;
    bool okHttp = false, okTcp = false, okBody = false, okQueue = false;
    server::ServerConfig config;
    config.httpPort = quint16(p.value(QStringLiteral("http-port")).toUInt(&okHttp));
    config.tcpPort = quint16(p.value(QStringLiteral("tcp-port")).toUInt(&okTcp));
    const int bodyMb = p.value(QStringLiteral("max-body-mb")).toInt(&okBody);
    const int maxQueue = p.value(QStringLiteral("max-queue")).toInt(&okQueue);
    config.bind = QHostAddress(p.value(QStringLiteral("bind")));
    if (!okHttp || !okTcp || !okBody || bodyMb < 1 || !okQueue || maxQueue < 1 || config.bind.isNull()) {
        err << "facedesk serve: bad port, address, --max-body-mb or --max-queue" << Qt::endl;
        return 2;
    }
    config.limits.frame.maxFrameBytes = qsizetype(bodyMb) * 1024 * 1024;

    runtime::RuntimeOptions options;
    options.server = config;
    if (!archiveFromOptions(p, QStringLiteral("serve"), &options.database))
        return 2;
    store::DatabaseConfig &db = options.database;
    db.fullSync = p.isSet(QStringLiteral("full-sync"));
    options.writer.maxQueued = maxQueue;
    bool okDays = false, okQuota = false;
    options.retention.maxAgeDays = p.value(QStringLiteral("keep-days")).toInt(&okDays);
    options.retention.maxSceneBytes = p.value(QStringLiteral("scene-quota-mb")).toLongLong(&okQuota) * 1024 * 1024;
    if (!okDays || !okQuota || options.retention.maxAgeDays < 0 || options.retention.maxSceneBytes < 0) {
        err << "facedesk serve: --keep-days and --scene-quota-mb take whole numbers" << Qt::endl;
        return 2;
    }
    if (!readListRetention(p.values(QStringLiteral("keep-days-for")), &options.retention.listMaxAgeDays)) {
        err << "facedesk serve: --keep-days-for takes LIST=DAYS, LIST one of "
            << store::RetentionPolicy::listNames().join(QStringLiteral(", ")) << Qt::endl;
        return 2;
    }
    devices::RegistryPolicy &policy = options.registry;
    policy.acceptNewDevices = p.isSet(QStringLiteral("accept-new-devices"));
    policy.deviceKey = p.value(QStringLiteral("device-key"));
    policy.reportUser = p.value(QStringLiteral("report-user"));
    policy.reportPassword = p.value(QStringLiteral("report-password"));
    sync::SyncConfig syncConfig;
    if (!readSyncOptions(p, &syncConfig)) {
        err << "facedesk serve: bad --sync-batch, --sync-batch-kb, --sync-timeout, --sync-retry-ms or --sync-reconcile"
            << Qt::endl;
        return 2;
    }
    options.sync = p.isSet(QStringLiteral("no-sync")) ? std::nullopt : std::optional(syncConfig);

    runtime::ServerRuntime serving(options);
    QString error;
    if (!serving.start(&error)) {
        err << "facedesk serve: " << error << Qt::endl;
        return 1;
    }
    const server::FaceServer &server = *serving.server();
    // One line on stdout with the real ports, for scripts that asked for port 0.
    QTextStream(stdout) << "facedesk serve: listening on http=" << server.httpPort() << " tcp=" << server.tcpPort()
                        << " data=" << db.dataDir << " archive=" << db.display() << Qt::endl;
    if (!policy.acceptNewDevices)
        err << "facedesk serve: new devices are held as pending; approve them in the window or run with "
               "--accept-new-devices" << Qt::endl;

    // With --full-sync the archive is meant to survive power cuts: its image files are
    // checked once at start, beside the serving (ImageFileCheck.h).
    std::atomic_bool stopCheck = false;
    QFuture<void> imageCheck;
    if (db.fullSync) {
        imageCheck = QtConcurrent::run([&stopCheck, root = db.imagesDir()] {
            const store::ImageFileCheckResult r = store::checkImageFiles(root, &stopCheck);
            QTextStream errors(stderr);
            for (const QString &path : r.damaged)
                errors << "facedesk serve: damaged image file " << path << " (content does not match its name), "
                       << "moved aside as " << path << ".damaged" << Qt::endl;
            errors << "facedesk serve: image check: " << r.checked << " files, " << r.damaged.size() << " damaged"
                   << Qt::endl;
        });
    }

    UnixSignals unixSignals;
    QObject::connect(&unixSignals, &UnixSignals::terminationRequested, qApp, [&err](int number) {
        err << "facedesk serve: signal " << number << ", shutting down" << Qt::endl;
        QCoreApplication::quit();
    });
    const int rc = QCoreApplication::exec();
    stopCheck = true;
    imageCheck.waitForFinished();
    serving.stop();
    const server::FaceServer::Counters counters = serving.counters();
    err << "facedesk serve: " << counters.eventsCommitted << " events archived, " << counters.messagesRejected
        << " messages refused" << Qt::endl;
    return rc;
}

} // namespace fd::app
