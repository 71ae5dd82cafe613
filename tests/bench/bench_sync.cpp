// Library sync throughput: N persons (default 10,000) to D simulated devices (default
// 4, one facedesk-sim process, face checks off), persons per second and command bytes
// per second, FaceDesk's sync engine side by side with an anchor in the same run.
//
// The anchor sends the very same encoded batches (cut and encoded before the clock
// starts) down the same FaceServer to the same kind of simulator, one command in
// flight per device, waiting for each answer: the cost of the wire and of the
// devices, without planning, without reading persons and photos, without encoding,
// and without recording anything. The engine does all of that: plan from the
// archive, read each person and photo, encode, mark the adds sent, send, match the
// answer, record it in one transaction. Both runs start from empty devices (a fresh
// simulator process) and, for the engine, an empty sync_state. Rounds alternate
// anchor and engine; the medians are reported.
//
//   bench_sync [--persons 10000] [--devices 4] [--rounds 3] [--data-root DIR] [--update docs/PERFORMANCE.md]
#include "BenchReport.h"

#include "FacePhotoSet.h"

#include "devices/DeviceRegistry.h"
#include "library/LibraryStore.h"
#include "server/FaceServer.h"
#include "store/StoreWriter.h"
#include "sync/SyncEngine.h"
#include "face/detect/HaarFaceDetector.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <sys/resource.h>
#include <unistd.h>

using namespace fd;

namespace {

struct Result {
    double seconds = 0;
    qint64 persons = 0;   // person-sends confirmed (persons x devices)
    qint64 bytes = 0;     // command bytes written to the devices
    qint64 commands = 0;
    double deskCpu = 0;   // CPU seconds of this process (FaceDesk's side) during the run
    double simCpu = 0;    // CPU seconds of the simulator process over its whole life
    double personsPerSecond() const { return double(persons) / seconds; }
    double megabytesPerSecond() const { return double(bytes) / seconds / 1e6; }
};

double cpuSelf()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double cpuOf(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = f.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name.
    return fields.size() > 13 ? double(fields[11].toLongLong() + fields[12].toLongLong()) / double(sysconf(_SC_CLK_TCK)) : 0;
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(2, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

QByteArray jpegOf(const cv::Mat &image)
{
    std::vector<uchar> buf;
    cv::imencode(".jpg", image, buf, {cv::IMWRITE_JPEG_QUALITY, 85});
    return QByteArray(reinterpret_cast<const char *>(buf.data()), qsizetype(buf.size()));
}

// A few hundred distinct face JPEGs from the shared photos' face crops (the
// simulator's own crops, a brightness shift and a code pixel each).
QList<QByteArray> faceVariants(int count, QString *error)
{
    face::HaarFaceDetector detector;
    sim::FacePhotoSet set;
    if (!detector.isLoaded() || set.loadFolder(QStringLiteral(SHARED_DIR "/faces"), detector, error) == 0)
        return {};
    QList<QByteArray> out;
    for (int i = 0; i < count; ++i) {
        const QByteArray &crop = set.photos()[i % set.photos().size()].face;
        const cv::Mat raw(1, int(crop.size()), CV_8UC1, const_cast<char *>(crop.constData()));
        cv::Mat image = cv::imdecode(raw, cv::IMREAD_COLOR);
        image.convertTo(image, -1, 1.0, double(i % 21 - 10));
        image.at<cv::Vec3b>(0, 0) = cv::Vec3b(uchar(i & 0xFF), uchar((i >> 8) & 0xFF), 77);
        out << jpegOf(image);
    }
    return out;
}

// FaceDesk's receiving side and a simulator process with D devices connected to it.
struct Rig {
    store::DatabaseConfig db;
    std::unique_ptr<store::StoreWriter> writer;
    std::unique_ptr<devices::DeviceRegistry> registry;
    std::unique_ptr<server::FaceServer> server;
    QProcess sim;

    bool start(const QString &dataDir, int deviceCount, const QString &prefix, QString *error)
    {
        db.dataDir = dataDir;
        writer = std::make_unique<store::StoreWriter>(db);
        if (!writer->start(error))
            return false;
        devices::RegistryPolicy policy;
        policy.acceptNewDevices = true;
        registry = std::make_unique<devices::DeviceRegistry>(writer.get(), policy);
        server::ServerConfig sc;
        sc.bind = QHostAddress::LocalHost;
        sc.httpPort = 0;
        sc.tcpPort = 0;
        server = std::make_unique<server::FaceServer>(sc, registry.get(), writer.get());
        if (!server->start(error))
            return false;
        sim.setProgram(QStringLiteral(SIM_BINARY));
        sim.setArguments({QStringLiteral("--server"), QStringLiteral("127.0.0.1"), QStringLiteral("--http-port"),
                          QString::number(server->httpPort()), QStringLiteral("--tcp-port"),
                          QString::number(server->tcpPort()), QStringLiteral("--devices"), QString::number(deviceCount),
                          QStringLiteral("--rate"), QStringLiteral("0"), QStringLiteral("--duration"),
                          QStringLiteral("100000"), QStringLiteral("--quiet"), QStringLiteral("--no-face-check"),
                          QStringLiteral("--uuid-prefix"), prefix});
        sim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        sim.start();
        if (!waitUntil([&] { return server->connectedDevices().size() == deviceCount; }, 30000)) {
            *error = QStringLiteral("the simulated devices did not connect");
            return false;
        }
        return true;
    }
    double stop()
    {
        const double cpu = cpuOf(sim.processId());
        sim.kill();
        sim.waitForFinished(10000);
        server.reset();
        registry.reset();
        writer->stop();
        return cpu;
    }
};

Result runAnchor(const QString &dataDir, int deviceCount, const QList<QByteArray> &batches,
                 const QList<int> &batchPersons, const QString &prefix, QString *error)
{
    Result r;
    Rig rig;
    if (!rig.start(dataDir, deviceCount, prefix, error))
        return r;
    const QStringList uuids = rig.server->connectedDevices();
    QHash<QString, int> next;  // per device: the batch to send next
    int finished = 0;
    const auto sendNext = [&](const QString &uuid) {
        const int i = next.value(uuid);
        if (i >= batches.size()) {
            ++finished;
            return;
        }
        next[uuid] = i + 1;
        rig.server->sendToDevice(uuid, batches[i]);
        r.bytes += batches[i].size();
        r.persons += batchPersons[i];
        ++r.commands;
    };
    // The answers to the simulators' sync requests and heartbeats are not library
    // replies; every library reply means "send the next one".
    QObject::connect(rig.server.get(), &server::FaceServer::deviceReplied, rig.server.get(),
                     [&](const QString &uuid, const protocol::Decoded &) { sendNext(uuid); });
    const double cpu0 = cpuSelf();
    QElapsedTimer clock;
    clock.start();
    for (const QString &uuid : uuids)
        sendNext(uuid);
    if (!waitUntil([&] { return finished == deviceCount; }, 30 * 60000))
        *error = QStringLiteral("the anchor did not finish");
    r.seconds = double(clock.nsecsElapsed()) / 1e9;
    r.deskCpu = cpuSelf() - cpu0;
    r.simCpu = rig.stop();
    return r;
}

Result runEngine(const QString &dataDir, int deviceCount, int persons, const QString &prefix, QString *error)
{
    Result r;
    Rig rig;
    if (!rig.start(dataDir, deviceCount, prefix, error))
        return r;
    {
        // Nothing confirmed anywhere, nothing assigned: the engine starts from scratch.
        QSqlDatabase db = store::openDatabase(rig.db, QStringLiteral("bench-reset"), error);
        QSqlQuery q(db);
        q.exec(QStringLiteral("DELETE FROM sync_state"));
        q.exec(QStringLiteral("DELETE FROM sync_devices"));
        q.exec(QStringLiteral("DELETE FROM assignments"));
        q.exec(QStringLiteral("DELETE FROM device_group_members"));
        q.exec(QStringLiteral("DELETE FROM device_groups"));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-reset"));
    sync::SyncConfig config;
    config.reconcileIntervalMs = 0;
    config.changePollMs = 0;  // the bench kicks once; no polling during the run
    sync::SyncEngine engine(rig.db, rig.server.get(), config);
    if (!engine.start(error))
        return r;
    const QStringList uuids = rig.server->connectedDevices();
    // The simulators' sync requests are verified first (they hold nothing yet).
    if (!waitUntil([&] {
            for (const QString &u : uuids)
                if (!engine.isSettled(u))
                    return false;
            return true;
        }, 30000)) {
        *error = QStringLiteral("the engine did not settle before the run");
        return r;
    }
    qint64 bytes0 = 0, commands0 = 0;
    for (const QString &u : uuids) {
        bytes0 += engine.counters(u).bytesSent;
        commands0 += engine.counters(u).commands;
    }
    {
        QSqlDatabase db = store::openDatabase(rig.db, QStringLiteral("bench-assign"), error);
        library::LibraryStore library(db, rig.db.libraryDir());
        const int group = library.addGroup(prefix, uuids);
        library.assign({-1, {}, group, library::sort::Whitelist, 0});
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-assign"));
    const double cpu0 = cpuSelf();
    QElapsedTimer clock;
    clock.start();
    engine.kick();
    if (!waitUntil([&] {
            for (const QString &u : uuids)
                if (engine.counts(u).done < persons || !engine.isSettled(u))
                    return false;
            return true;
        }, 30 * 60000))
        *error = QStringLiteral("the engine did not finish");
    r.seconds = double(clock.nsecsElapsed()) / 1e9;
    r.deskCpu = cpuSelf() - cpu0;
    for (const QString &u : uuids) {
        r.persons += engine.counts(u).done;
        r.bytes += engine.counters(u).bytesSent;
        r.commands += engine.counters(u).commands;
    }
    r.bytes -= bytes0;
    r.commands -= commands0;
    r.simCpu = rig.stop();
    return r;
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).section(u' ', 0, 2) : QStringLiteral("?");
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    const qsizetype n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOptions({
        {QStringLiteral("persons"), QStringLiteral("Persons in the library."), QStringLiteral("N"), QStringLiteral("10000")},
        {QStringLiteral("devices"), QStringLiteral("Simulated devices."), QStringLiteral("D"), QStringLiteral("4")},
        {QStringLiteral("rounds"), QStringLiteral("Alternating rounds of anchor and engine."), QStringLiteral("R"), QStringLiteral("3")},
        {QStringLiteral("data-root"), QStringLiteral("Where the archive goes."), QStringLiteral("DIR"), QDir::tempPath()},
        {QStringLiteral("update"), QStringLiteral("Write the result into this PERFORMANCE.md."), QStringLiteral("FILE")},
    });
    p.process(app);
    const int persons = p.value(QStringLiteral("persons")).toInt();
    const int deviceCount = p.value(QStringLiteral("devices")).toInt();
    const int rounds = std::max(1, p.value(QStringLiteral("rounds")).toInt());
    QTextStream out(stdout);
    QTextStream err(stderr);

    QString error;
    const QList<QByteArray> photos = faceVariants(300, &error);
    if (photos.isEmpty()) {
        err << "bench_sync: no face photos: " << error << Qt::endl;
        return 1;
    }
    QTemporaryDir dir(p.value(QStringLiteral("data-root")) + QStringLiteral("/bench-sync-XXXXXX"));
    store::DatabaseConfig db;
    db.dataDir = dir.path();
    QList<QByteArray> batches;
    QList<int> batchPersons;
    qint64 photoBytes = 0;
    {
        QSqlDatabase conn = store::openDatabase(db, QStringLiteral("bench-setup"), &error);
        library::LibraryStore library(conn, db.libraryDir());
        QList<library::NewPerson> all;
        for (int i = 0; i < persons; ++i) {
            library::NewPerson person;
            person.name = QStringLiteral("Person %1").arg(i);
            person.gender = i % 2;
            person.cardNo = QStringLiteral("C%1").arg(i, 6, 10, QLatin1Char('0'));
            person.listId = library::sort::Whitelist;
            const QByteArray &jpeg = photos[i % photos.size()];
            photoBytes += jpeg.size();
            person.photos << library::NewPhoto{jpeg, 0, QSize(160, 200), {}};
            all << person;
        }
        if (library.addPersons(all).size() != persons) {
            err << "bench_sync: " << library.lastError() << Qt::endl;
            return 1;
        }
        // The anchor's batches: cut and encoded exactly as the engine does, now.
        QList<sync::Action> queue;
        for (const library::WantedPerson &w : [&] {
                 QList<library::WantedPerson> ids;
                 QSqlQuery q(conn);
                 q.exec(QStringLiteral("SELECT index_id, revision FROM persons ORDER BY index_id"));
                 while (q.next())
                     ids.append({q.value(0).toLongLong(), q.value(1).toLongLong()});
                 return ids;
             }())
            queue << sync::Action{sync::ActionKind::Add, w.indexId, w.revision};
        const sync::BatchLimits limits;
        while (!queue.isEmpty()) {
            const sync::BuiltCommand b = sync::takeCommand(queue, limits, [&](const sync::Action &a) {
                const qint64 id = a.indexId;
                sync::SourcedPicture s;
                const auto person = library.person(id);
                s.revision = person->revision;
                s.picture.indexId = id;
                s.picture.attribute = {person->name, person->gender, person->cardNo};
                s.picture.jpeg = library.photoJpeg(person->photos.first());
                return s;
            });
            batches << b.command->bytes;
            batchPersons << int(b.command->items.size());
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-setup"));

    const QString loadBefore = loadAverage();
    QList<Result> anchors, engines;
    for (int r = 0; r < rounds; ++r) {
        const Result a = runAnchor(dir.path(), deviceCount, batches, batchPersons, QStringLiteral("A%1").arg(r), &error);
        if (!error.isEmpty()) {
            err << "bench_sync: " << error << Qt::endl;
            return 1;
        }
        out << QStringLiteral("round %1 anchor: %2 s, %3 persons/s, %4 MB/s\n")
                   .arg(r + 1)
                   .arg(a.seconds, 0, 'f', 2)
                   .arg(a.personsPerSecond(), 0, 'f', 0)
                   .arg(a.megabytesPerSecond(), 0, 'f', 1);
        out.flush();
        const Result e = runEngine(dir.path(), deviceCount, persons, QStringLiteral("E%1").arg(r), &error);
        if (!error.isEmpty()) {
            err << "bench_sync: " << error << Qt::endl;
            return 1;
        }
        out << QStringLiteral("round %1 engine: %2 s, %3 persons/s, %4 MB/s\n")
                   .arg(r + 1)
                   .arg(e.seconds, 0, 'f', 2)
                   .arg(e.personsPerSecond(), 0, 'f', 0)
                   .arg(e.megabytesPerSecond(), 0, 'f', 1);
        out.flush();
        anchors << a;
        engines << e;
    }

    QList<double> ratios;
    for (int r = 0; r < rounds; ++r)
        ratios << engines[r].personsPerSecond() / anchors[r].personsPerSecond();
    const auto row = [](const QString &name, const QList<Result> &runs) {
        QList<double> pps, mbps, secs, desk, simCpu;
        qint64 commands = 0, personsSent = 0;
        for (const Result &x : runs) {
            pps << x.personsPerSecond();
            mbps << x.megabytesPerSecond();
            secs << x.seconds;
            desk << x.deskCpu / x.seconds * 100;
            simCpu << x.simCpu / x.seconds * 100;
            commands = x.commands;
            personsSent = x.persons;
        }
        return QStringLiteral("| %1 | %2 | %3 | %4 | **%5** | **%6** | %7 / %8 % |\n")
            .arg(name)
            .arg(personsSent)
            .arg(commands)
            .arg(median(secs), 0, 'f', 2)
            .arg(median(pps), 0, 'f', 0)
            .arg(median(mbps), 0, 'f', 1)
            .arg(median(desk), 0, 'f', 0)
            .arg(median(simCpu), 0, 'f', 0);
    };

    QString report;
    QTextStream s(&report);
    s << "### Library sync: persons per second to simulated devices\n\n";
    s << "Machine: " << bench::machineLine() << "; load average before the run " << loadBefore << ", after "
      << loadAverage() << " (other users' work on the same 2 cores slows both runs alike)\n\n";
    s << "Command: `build/tests/bench/bench_sync --persons " << persons << " --devices " << deviceCount << " --rounds "
      << rounds << " --update docs/PERFORMANCE.md` (archive in " << (dir.path().startsWith(QLatin1String("/dev/shm")) ? "tmpfs" : "the temporary folder")
      << ")\n\n";
    s << "Library: " << persons << " persons, each with one of " << photos.size()
      << " distinct face JPEGs (face crops of ../shared/faces, 160 px wide, " << photoBytes / persons
      << " bytes on average), all assigned to " << deviceCount
      << " devices of one facedesk-sim process (`--no-face-check`: JPEG and size checks only). Batches of 20 persons (at most 1 MiB), one command in flight per device.\n\n";
    s << "| run (median of " << rounds << ") | person-sends | commands | seconds | persons/s | command MB/s | CPU FaceDesk side / simulator |\n";
    s << "|---|---|---|---|---|---|---|\n";
    s << row(QStringLiteral("anchor: the same encoded batches, sent raw"), anchors);
    s << row(QStringLiteral("FaceDesk's sync engine"), engines);
    s << "\n**Ratio engine/anchor (persons/s, median of the per-round ratios): "
      << QString::number(median(ratios), 'f', 2) << "**.\n\n";
    s << "The anchor sends the batches the engine would send, cut and encoded before its clock starts, down the same "
         "FaceServer, answering nothing but \"next\" to each reply: the wire and the devices alone. The engine plans "
         "from the archive, reads each person and photo, encodes, records the adds as sent, sends, matches each answer "
         "and records it in one transaction. CPU is per second of the run (100 % = one core); the simulator's is over "
         "its whole life (connection, idle wait) divided by the run's length. Both share the machine's cores, so when "
         "they add up to about 200 % the run is bound by the machine.\n";
    s.flush();
    out << '\n' << report;
    const QString updatePath = p.value(QStringLiteral("update"));
    if (!updatePath.isEmpty() && !bench::updateSection(updatePath, QStringLiteral("sync"), report)) {
        err << "bench_sync: cannot write " << updatePath << Qt::endl;
        return 1;
    }
    return 0;
}
