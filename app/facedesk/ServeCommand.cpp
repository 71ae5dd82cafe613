#include "Commands.h"
#include "UnixSignals.h"

#include "devices/DeviceRegistry.h"
#include "server/FaceServer.h"
#include "store/ArchiveReader.h"
#include "store/ImageFileCheck.h"
#include "store/StoreWriter.h"
#include "sync/SyncEngine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>
#include <QStandardPaths>
#include <QTextStream>

#include <atomic>

namespace fd::app {

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

    store::DatabaseConfig db;
    if (!archiveFromOptions(p, QStringLiteral("serve"), &db))
        return 2;
    db.fullSync = p.isSet(QStringLiteral("full-sync"));
    store::WriterOptions writerOptions;
    writerOptions.maxQueued = maxQueue;
    store::StoreWriter writer(db, writerOptions);
    bool okDays = false, okQuota = false;
    store::RetentionPolicy retention;
    retention.maxAgeDays = p.value(QStringLiteral("keep-days")).toInt(&okDays);
    retention.maxSceneBytes = p.value(QStringLiteral("scene-quota-mb")).toLongLong(&okQuota) * 1024 * 1024;
    if (!okDays || !okQuota || retention.maxAgeDays < 0 || retention.maxSceneBytes < 0) {
        err << "facedesk serve: --keep-days and --scene-quota-mb take whole numbers" << Qt::endl;
        return 2;
    }
    writer.setRetention(retention);
    QString error;
    if (!writer.start(&error)) {
        err << "facedesk serve: cannot open the archive " << db.display() << ": " << error << Qt::endl;
        return 1;
    }
    const QList<store::DeviceRow> known = store::loadDevices(db, &error);

    devices::RegistryPolicy policy;
    policy.acceptNewDevices = p.isSet(QStringLiteral("accept-new-devices"));
    policy.deviceKey = p.value(QStringLiteral("device-key"));
    policy.reportUser = p.value(QStringLiteral("report-user"));
    policy.reportPassword = p.value(QStringLiteral("report-password"));
    devices::DeviceRegistry registry(&writer, policy);
    registry.load(known);

    server::FaceServer server(config, &registry, &writer);
    if (!server.start(&error)) {
        err << "facedesk serve: " << error << Qt::endl;
        return 1;
    }
    // The library goes to the devices from this thread, beside the server.
    sync::SyncConfig syncConfig;
    bool okBatch = false, okKb = false, okTimeout = false, okRetry = false, okReconcile = false;
    syncConfig.batch.maxPersons = p.value(QStringLiteral("sync-batch")).toInt(&okBatch);
    syncConfig.batch.maxBytes = p.value(QStringLiteral("sync-batch-kb")).toLongLong(&okKb) * 1024;
    syncConfig.replyTimeoutMs = int(p.value(QStringLiteral("sync-timeout")).toDouble(&okTimeout) * 1000);
    syncConfig.retry.baseMs = p.value(QStringLiteral("sync-retry-ms")).toInt(&okRetry);
    syncConfig.reconcileIntervalMs = int(p.value(QStringLiteral("sync-reconcile")).toDouble(&okReconcile) * 1000);
    if (!okBatch || !okKb || !okTimeout || !okRetry || !okReconcile || syncConfig.batch.maxPersons < 1
        || syncConfig.batch.maxBytes < 1024 || syncConfig.replyTimeoutMs < 100 || syncConfig.retry.baseMs < 1
        || syncConfig.reconcileIntervalMs < 0) {
        err << "facedesk serve: bad --sync-batch, --sync-batch-kb, --sync-timeout, --sync-retry-ms or --sync-reconcile"
            << Qt::endl;
        return 2;
    }
    std::unique_ptr<sync::SyncEngine> syncEngine;
    if (!p.isSet(QStringLiteral("no-sync"))) {
        syncEngine = std::make_unique<sync::SyncEngine>(db, &server, syncConfig);
        if (!syncEngine->start(&error)) {
            err << "facedesk serve: the library sync cannot open the archive: " << error << Qt::endl;
            return 1;
        }
    }
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
    // Stop taking new work; everyone is offline once FaceDesk stops listening. What
    // the library sync sent and did not hear back about is sent again next time.
    syncEngine.reset();
    server.close();
    for (store::DeviceRow row : registry.devices()) {
        if (row.online) {
            row.online = false;
            writer.enqueueDevice(row);
        }
    }
    // Commit what is queued and answer it before leaving: the commits arrive as queued
    // signals, so deliver them, then give the sockets a moment to send the answers.
    writer.stop();
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents(QEventLoop::AllEvents, 200);
    err << "facedesk serve: " << server.counters().eventsCommitted << " events archived, "
        << server.counters().messagesRejected << " messages refused" << Qt::endl;
    return rc;
}

} // namespace fd::app
