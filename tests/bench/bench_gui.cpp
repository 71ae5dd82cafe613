// The desk under load: facedesk-sim pushes N events/s for D seconds into the real
// window (listener, archive, wall), first with the window shown, then, as the
// anchor, with it hidden (everything but painting). Measures the longest GUI stall
// (a 5 ms timer measuring its own lateness), commit-to-tile latency, and memory.
//
//   bench_gui [--rate 500] [--duration 60] [--update docs/PERFORMANCE.md]
// Needs QT_QPA_PLATFORM=offscreen (or a display) and facedesk-sim beside the build.
#include "BenchReport.h"

#include "LiveEventModel.h"
#include "MainWindow.h"

#include "devices/DeviceRegistry.h"
#include "runtime/ServerRuntime.h"
#include "server/FaceServer.h"
#include "store/StoreWriter.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

using namespace fd;

namespace {

qint64 rssKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

struct RunResult {
    double maxStallMs = 0;
    double p99StallMs = 0;
    double p50TileMs = 0;
    double p99TileMs = 0;
    qint64 events = 0;
    QList<qint64> rssKiB;  // sampled every 10 s
    QString simSummary;
};

RunResult run(bool showWall, double rate, double seconds, const QString &simBinary, const QString &faces)
{
    RunResult r;
    QTemporaryDir dir;
    // As in the application: listener and registry on their own thread.
    runtime::RuntimeOptions options;
    options.database.dataDir = dir.path();
    options.registry.acceptNewDevices = true;
    options.server.bind = QHostAddress::LocalHost;
    options.server.httpPort = 0;
    options.server.tcpPort = 0;
    options.ownThread = true;
    runtime::ServerRuntime serving(options);
    QString error;
    if (!serving.start(&error))
        qFatal("server: %s", qPrintable(error));
    const store::DatabaseConfig &db = options.database;
    store::StoreWriter &writer = *serving.writer();
    server::FaceServer &server = *serving.server();
    devices::DeviceRegistry &registry = *serving.registry();
    ui::MainWindow window(&server, &registry, &writer, db);
    if (showWall)
        window.show();

    // Commit time of every event, and its tile's arrival on the wall.
    QHash<qint64, qint64> committedAt;
    QElapsedTimer clock;
    clock.start();
    QList<double> tileMs;
    QObject::connect(&server, &server::FaceServer::eventCommitted, &window,
                     [&](qint64 id) { committedAt.insert(id, clock.nsecsElapsed()); });
    QObject::connect(window.wallModel(), &QAbstractItemModel::rowsInserted, &window,
                     [&](const QModelIndex &, int first, int last) {
                         const qint64 now = clock.nsecsElapsed();
                         for (int row = first; row <= last; ++row) {
                             const qint64 id = window.wallModel()->index(row, 0).data(ui::LiveEventModel::EventIdRole).toLongLong();
                             const qint64 at = committedAt.take(id);
                             if (at > 0)
                                 tileMs.append(double(now - at) / 1e6);
                         }
                         ++r.events;
                     });

    // The stall probe: a 5 ms timer that records how late it fires.
    QList<double> lateness;
    QElapsedTimer probeClock;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const double late = double(probeClock.nsecsElapsed()) / 1e6 - 5.0;
        lateness.append(std::max(0.0, late));
        probeClock.restart();
    });
    QTimer memory;
    memory.setInterval(10000);
    QObject::connect(&memory, &QTimer::timeout, [&] { r.rssKiB.append(rssKiB()); });

    QProcess sim;
    QStringList args{QStringLiteral("--server"), QStringLiteral("127.0.0.1"), QStringLiteral("--http-port"),
                     QString::number(server.httpPort()), QStringLiteral("--tcp-port"), QString::number(server.tcpPort()),
                     QStringLiteral("--devices"), QStringLiteral("50"), QStringLiteral("--rate"), QString::number(rate),
                     QStringLiteral("--duration"), QString::number(seconds), QStringLiteral("--types"),
                     QStringLiteral("0x12,0x14,0x16,0x18"), QStringLiteral("--no-background"), QStringLiteral("--quiet")};
    if (!faces.isEmpty())
        args << QStringLiteral("--faces") << faces;
    QEventLoop loop;
    QObject::connect(&sim, &QProcess::finished, &loop, &QEventLoop::quit);
    sim.start(simBinary, args);
    probeClock.start();
    probe.start();
    memory.start();
    r.rssKiB.append(rssKiB());
    loop.exec();
    probe.stop();
    memory.stop();
    r.simSummary = QString::fromUtf8(sim.readAllStandardOutput()).trimmed();
    std::sort(lateness.begin(), lateness.end());
    std::sort(tileMs.begin(), tileMs.end());
    const auto pct = [](const QList<double> &v, double p) { return v.isEmpty() ? 0.0 : v[qsizetype(p / 100.0 * double(v.size() - 1))]; };
    r.maxStallMs = lateness.isEmpty() ? 0 : lateness.last();
    r.p99StallMs = pct(lateness, 99);
    r.p50TileMs = pct(tileMs, 50);
    r.p99TileMs = pct(tileMs, 99);
    r.events = tileMs.size();
    serving.stop();
    return r;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);  // no real settings are read or written
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("rate"), QStringLiteral("Events per second."), QStringLiteral("N"), QStringLiteral("500")},
                  {QStringLiteral("duration"), QStringLiteral("Seconds per run."), QStringLiteral("S"), QStringLiteral("60")},
                  {QStringLiteral("sim"), QStringLiteral("facedesk-sim binary."), QStringLiteral("PATH"), QStringLiteral(SIM_BINARY)},
                  {QStringLiteral("faces"), QStringLiteral("Photo folder."), QStringLiteral("DIR"), QStringLiteral(SHARED_DIR "/faces")},
                  {QStringLiteral("update"), QStringLiteral("Markdown file to update."), QStringLiteral("FILE")}});
    p.process(app);
    const double rate = p.value(QStringLiteral("rate")).toDouble();
    const double seconds = p.value(QStringLiteral("duration")).toDouble();
    const QString faces = QDir(p.value(QStringLiteral("faces"))).exists() ? p.value(QStringLiteral("faces")) : QString();

    const RunResult shown = run(true, rate, seconds, p.value(QStringLiteral("sim")), faces);
    const RunResult hidden = run(false, rate, seconds, p.value(QStringLiteral("sim")), faces);

    QString report;
    QTextStream out(&report);
    out.setRealNumberNotation(QTextStream::FixedNotation);
    out.setRealNumberPrecision(1);
    out << "### GUI: the desk under " << rate << " events per second\n\n";
    out << "Machine: " << bench::machineLine() << "\n\n";
    out << "Command: `QT_QPA_PLATFORM=offscreen build/tests/bench/bench_gui --rate " << rate << " --duration " << seconds
        << " --update docs/PERFORMANCE.md` (50 simulated devices in a separate facedesk-sim process, face crops of "
           "8-15 KB, no background; listener, archive and window in the bench process)\n\n";
    out << "| run | tiles | longest GUI stall | p99 stall | commit-to-tile p50 | commit-to-tile p99 | RSS every 10 s (MiB) |\n";
    out << "|---|---|---|---|---|---|---|\n";
    for (const auto &[name, r] : {std::pair{QStringLiteral("wall shown"), shown}, std::pair{QStringLiteral("wall hidden (anchor)"), hidden}}) {
        QStringList rss;
        for (qint64 k : r.rssKiB)
            rss << QString::number(double(k) / 1024.0, 'f', 0);
        out << "| " << name << " | " << r.events << " | " << r.maxStallMs << " ms | " << r.p99StallMs << " ms | "
            << r.p50TileMs << " ms | " << r.p99TileMs << " ms | " << rss.join(QStringLiteral(", ")) << " |\n";
    }
    const auto ackLine = [](const QString &summary) {
        for (const QString &line : summary.split(u'\n'))
            if (line.contains(QLatin1String("ack latency")))
                return line.trimmed();
        return QString();
    };
    out << "\nThe simulator's own view (send to acknowledgement, which comes after the commit): shown: "
        << ackLine(shown.simSummary) << "; hidden: " << ackLine(hidden.simSummary) << ".\n";
    out << "\nTargets (issue): longest stall under 50 ms, push-to-tile p99 under 250 ms (here: the simulator's "
           "ack p99 plus commit-to-tile p99 bounds it), memory flat once the wall is full.\n";
    out.flush();
    QTextStream(stdout) << report;
    if (p.isSet(QStringLiteral("update")) && !bench::updateSection(p.value(QStringLiteral("update")), QStringLiteral("gui"), report))
        return 1;
    return 0;
}
