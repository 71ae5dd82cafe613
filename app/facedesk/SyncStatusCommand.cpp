// facedesk sync-status: per device, how many persons are synced, pending and failed;
// with --failures, which persons failed and why.
#include "Commands.h"

#include "store/ArchiveReader.h"
#include "store/Database.h"
#include "sync/SyncStatusReader.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>
#include <QTextStream>

namespace fd::app {

namespace {

void printTable(QTextStream &out, const QList<QStringList> &rows)
{
    QList<int> widths;
    for (const QStringList &row : rows)
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths << 0;
            widths[i] = std::max(widths[i], int(row[i].size()));
        }
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row[i].leftJustified(widths[i] + 2) : row[i];
        out << line << '\n';
    }
}

} // namespace

int runSyncStatus(const QStringList &arguments)
{
    QTextStream err(stderr);
    QTextStream out(stdout);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Show how far each device's face library is synced."));
    p.addHelpOption();
    p.addOptions({
        {QStringLiteral("device"), QStringLiteral("Only this device."), QStringLiteral("UUID")},
        {QStringLiteral("failures"), QStringLiteral("Also list the persons that failed, with the reason.")},
        {QStringLiteral("csv"), QStringLiteral("CSV instead of a table.")},
    });
    p.addOptions(archiveOptions());
    if (const int exit = parseCommandLine(p, QStringLiteral("sync-status"), arguments); exit >= 0)
        return exit;
    store::DatabaseConfig config;
    if (!archiveFromOptions(p, QStringLiteral("sync-status"), &config))
        return 2;
    if (!archiveExists(config, QStringLiteral("sync-status")))
        return 1;
    QString error;
    QSqlDatabase db = store::openDatabase(config, QStringLiteral("sync-status"), &error);
    if (!db.isOpen()) {
        err << "facedesk sync-status: " << error << Qt::endl;
        return 1;
    }
    sync::SyncStatusReader reader(db, config.libraryDir());
    const QString only = p.value(QStringLiteral("device"));
    const QList<sync::DeviceSyncStatus> devices = only.isEmpty() ? reader.devices() : QList{reader.device(only)};
    if (!reader.lastError().isEmpty()) {
        err << "facedesk sync-status: " << reader.lastError() << Qt::endl;
        return 1;
    }
    QHash<QString, QString> names;
    for (const store::DeviceRow &d : store::loadDevices(db, &error))
        names.insert(d.uuid, d.name);

    const bool csv = p.isSet(QStringLiteral("csv"));
    QList<QStringList> rows{{QStringLiteral("device"), QStringLiteral("name"), QStringLiteral("synced"),
                             QStringLiteral("pending"), QStringLiteral("failed"), QStringLiteral("removals"),
                             QStringLiteral("retrying_later"), QStringLiteral("verified_at"), QStringLiteral("held_at_verify")}};
    for (const sync::DeviceSyncStatus &d : devices) {
        const sync::SyncCounts &c = d.counts;
        rows.append({d.uuid, names.value(d.uuid), QString::number(c.done), QString::number(c.pending),
                     QString::number(c.failed), QString::number(c.removals), QString::number(c.waiting),
                     d.verify.verifiedAt > 0 ? QDateTime::fromMSecsSinceEpoch(d.verify.verifiedAt).toString(Qt::ISODate)
                                             : QString(),
                     d.verify.heldCount >= 0 ? QString::number(d.verify.heldCount) : QString()});
    }
    const auto print = [&](const QList<QStringList> &table) {
        if (!csv) {
            printTable(out, table);
            return;
        }
        for (const QStringList &row : table)
            out << store::csvLine(row) << '\n';  // names may come from devices: defused
    };
    print(rows);

    if (p.isSet(QStringLiteral("failures"))) {
        QList<QStringList> failed{{QStringLiteral("device"), QStringLiteral("index_id"), QStringLiteral("name"),
                                   QStringLiteral("action"), QStringLiteral("code"), QStringLiteral("reason")}};
        for (const sync::SyncFailure &f : reader.failures(only))
            failed.append({f.uuid, QString::number(f.indexId), f.name,
                           f.removal ? QStringLiteral("remove") : QStringLiteral("send"), QString::number(f.errorCode),
                           f.errorText});
        out << '\n';
        print(failed);
    }
    return 0;
}

} // namespace fd::app
