// Import throughput: photos per second through the whole import (read, validate,
// convert, deduplicate, write, one commit), side by side in the same run with the
// anchor: the same files read and decoded with cv::imdecode and nothing else, on the
// same number of threads. The anchor runs before and after the import; the ratio is
// against their mean, so that drift on a shared machine hits both sides alike.
//
//   make_import_set --out /tmp/facedesk-import-set          # once: 10,000 photos
//   bench_import --set /tmp/facedesk-import-set [--threads N] [--update docs/PERFORMANCE.md]
//
// A smaller run: make_import_set --count 1000 --out /tmp/small-set, then --set /tmp/small-set.
//
// The section ends with where the time goes: the stages of one photo timed on one
// thread over 300 files spread across the set (--breakdown N prints only that).
#include "BenchReport.h"

#include "library/FolderSource.h"
#include "library/ImportRun.h"
#include "library/ImportThumbnail.h"
#include "library/PhotoHash.h"
#include "library/PhotoValidator.h"
#include "store/ImageStore.h"
#include "face/detect/HaarFaceDetector.h"
#include "face/FaceVision.h"
#include "image/JpegInfo.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThreadPool>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include <atomic>
#include <functional>
#include <map>

using namespace fd::library;
using namespace fd::image;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).section(u' ', 0, 2) : QString();
}

// The anchors: every file read and decoded by OpenCV, and nothing else or the face
// detector the validator uses run once on it (the import's irreducible work).
// Photos per second.
double decodeOnly(const QStringList &files, int threads, bool detectToo = false)
{
    const auto vision = detectToo ? fd::face::FaceVision::shared() : nullptr;
    std::atomic_int next{0};
    std::atomic_int decoded{0};
    QThreadPool pool;
    pool.setMaxThreadCount(threads);
    QElapsedTimer clock;
    clock.start();
    for (int t = 0; t < threads; ++t)
        pool.start([&] {
            for (int i = next++; i < files.size(); i = next++) {
                const QByteArray bytes = readAll(files[i]);
                const cv::Mat image = cv::imdecode(cv::Mat(1, int(bytes.size()), CV_8UC1, const_cast<char *>(bytes.constData())),
                                                   cv::IMREAD_COLOR);
                if (!image.empty())
                    ++decoded;
                if (vision && !image.empty())
                    (void)vision->detect(image);
            }
        });
    pool.waitForDone();
    return files.size() / (double(clock.nsecsElapsed()) / 1e9);
}

struct ImportResult {
    double rate = 0;
    double seconds = 0;
    ImportReport report;
};

ImportResult importAll(const QString &folder, int threads)
{
    QTemporaryDir data;
    fd::store::DatabaseConfig config;
    config.dataDir = data.path();
    ImportOptions options;
    options.threads = threads;
    // Every accepted photo is written and committed, as with a set of distinct people
    // (the set is 15 photos augmented, so most rows would otherwise be duplicates).
    options.duplicates = ImportOptions::Duplicates::Add;
    options.thumbnailSide = 96;  // as the wizard runs it
    auto source = std::make_unique<FolderSource>(folder);
    QString error;
    if (!source->open(&error))
        qFatal("%s", qPrintable(error));
    QElapsedTimer clock;
    clock.start();
    ImportRun run(std::move(source), config, PhotoRules{}, options);
    QSignalSpy finished(&run, &ImportRun::finished);
    run.start();
    while (finished.isEmpty())
        finished.wait(600000);
    ImportResult r;
    r.seconds = double(clock.nsecsElapsed()) / 1e9;
    r.report = run.report();
    r.rate = r.report.entries.size() / r.seconds;
    return r;
}

// Where one photo's time goes, on one thread: a markdown table.
QString breakdown(const QStringList &files)
{
    QString table;
    QTextStream out(&table);
    const PhotoValidator validator{PhotoRules{}};
    const auto vision = fd::face::FaceVision::shared();
    QTemporaryDir dir;
    fd::store::ImageStore images(dir.path());
    std::map<QString, double> total;
    const auto timed = [&total](const QString &stage, const auto &work) {
        QElapsedTimer t;
        t.start();
        work();
        total[stage] += double(t.nsecsElapsed()) / 1e6;
    };
    for (const QString &file : files) {
        QByteArray bytes;
        timed(QStringLiteral("1 read"), [&] { bytes = readAll(file); });
        timed(QStringLiteral("2 imdecode (anchor)"), [&] {
            cv::imdecode(cv::Mat(1, int(bytes.size()), CV_8UC1, bytes.data()), cv::IMREAD_COLOR);
        });
        PhotoCheck check;
        timed(QStringLiteral("3 validate and convert (the whole check: a-c and e-g)"), [&] { check = validator.check(bytes, file); });
        // The validator's main steps one by one, to see which of them costs.
        const cv::Mat raw(1, int(bytes.size()), CV_8UC1, bytes.data());
        const JpegInfo info = readJpegInfo(bytes);
        int flag = cv::IMREAD_COLOR;
        for (const auto &[factor, reduced] : {std::pair{8, cv::IMREAD_REDUCED_COLOR_8}, std::pair{4, cv::IMREAD_REDUCED_COLOR_4},
                                              std::pair{2, cv::IMREAD_REDUCED_COLOR_2}})
            if (info.valid && info.width / factor >= 1080 && info.height / factor >= 1080) {
                flag = reduced;
                break;
            }
        cv::Mat image;
        timed(QStringLiteral("3a decode (reduced where possible)"), [&] { image = cv::imdecode(raw, flag | cv::IMREAD_IGNORE_ORIENTATION); });
        if (image.empty())
            continue;
        timed(QStringLiteral("3b scale to 1080"), [&] {
            const double f = std::min(1.0, 1080.0 / std::max(image.cols, image.rows));
            if (f < 1.0)
                cv::resize(cv::Mat(image), image, cv::Size(), f, f, cv::INTER_AREA);
        });
        std::vector<uchar> jpeg;
        timed(QStringLiteral("3c encode JPEG q90"), [&] { cv::imencode(".jpg", image, jpeg, {cv::IMWRITE_JPEG_QUALITY, 90}); });
        timed(QStringLiteral("3d decode it again (what the validator no longer does)"), [&] { image = cv::imdecode(jpeg, cv::IMREAD_COLOR); });
        std::vector<fd::face::Face> faces;
        timed(QStringLiteral("3e detect faces and landmarks (CNN, 416 px)"), [&] { faces = vision->detect(image); });
        timed(QStringLiteral("3f describe the face (aligned crop, ResNet-34)"), [&] {
            if (faces.size() == 1)
                (void)vision->describe(image, faces.front());
        });
        timed(QStringLiteral("3g sharpness"), [&] {
            if (faces.size() == 1) {
                const cv::Rect2f b = faces.front().box;
                PhotoValidator::sharpness(image, QRect(int(b.x), int(b.y), int(b.width), int(b.height)));
            }
        });
        timed(QStringLiteral("3h perceptual hash"), [&] { perceptualHash(image); });
        timed(QStringLiteral("4 thumbnail (from the validator's pixels)"), [&] { makeThumbnail(check.pixels, check.face, 96); });
        QString error;
        if (check.accepted)
            timed(QStringLiteral("5 write"), [&] { images.put(check.jpeg, &error); });
    }
    out << "| stage (one thread, " << files.size() << " photos spread over the set) | ms per photo |\n|---|---|\n";
    for (const auto &[stage, ms] : total)
        out << "| " << stage.mid(2) << " | " << QString::number(ms / files.size(), 'f', 2) << " |\n";
    out.flush();
    return table;
}

// How many faces a photo of the set really shows, by the source it was made from:
// make_import_set names files "<source>_<n>.<ext>".
int facesInSource(const QString &file)
{
    const QString base = QFileInfo(file).completeBaseName();
    if (base.startsWith(QLatin1String("multi_two_people_")))
        return 2;
    if (base.startsWith(QLatin1String("edge_partial_face_")))
        return 0;  // half a face at the border: not one to enrol
    return 1;
}

// One way to count faces: a first cascade on a grey copy whose short side makes the
// smallest face counted (a 1/k of the photo's short side) as large as the cascade's
// window, every candidate then confirmed by frontalface_alt2 around it, as
// HaarFaceDetector does.
struct CountingOption {
    QString name;
    QString cascade;  // file under /usr/share/opencv4
    int window;       // the cascade's window side
    double k;         // smallest face: short side / k
    double step;      // scale factor between pyramid levels
    int neighbours;
};

int countFaces(const CountingOption &o, cv::CascadeClassifier &first, cv::CascadeClassifier &confirm, const cv::Mat &grey)
{
    const double f = std::min(1.0, o.window * o.k / std::min(grey.cols, grey.rows));
    cv::Mat small;
    if (f < 1.0)
        cv::resize(grey, small, cv::Size(), f, f, cv::INTER_AREA);
    else
        small = grey.clone();
    cv::equalizeHist(small, small);
    std::vector<cv::Rect> found;
    first.detectMultiScale(small, found, o.step, o.neighbours, 0, cv::Size(o.window, o.window));
    int n = 0;
    for (const cv::Rect &r : found) {
        const int w = r.width;
        const cv::Rect around = cv::Rect(r.x - w / 4, r.y - r.height / 4, w * 3 / 2, r.height * 3 / 2) &
                                cv::Rect(0, 0, small.cols, small.rows);
        std::vector<cv::Rect> again;
        confirm.detectMultiScale(small(around), again, 1.1, 3, 0, cv::Size(w * 2 / 3, w * 2 / 3), cv::Size(w * 3 / 2, w * 3 / 2));
        n += !again.empty();
    }
    return n;
}

// The face counting options tried for the import target, on one thread over a
// sample of the set: time per photo and photos counted wrong. The first row is what
// the validator does.
QString countingOptions(const QStringList &files)
{
    std::vector<std::pair<QString, cv::Mat>> photos;  // as the validator sees them: at most 1080 px, grey
    for (const QString &file : files) {
        const QByteArray bytes = readAll(file);
        cv::Mat image = cv::imdecode(cv::Mat(1, int(bytes.size()), CV_8UC1, const_cast<char *>(bytes.constData())), cv::IMREAD_GRAYSCALE);
        if (image.empty())
            continue;
        const double f = std::min(1.0, 1080.0 / std::max(image.cols, image.rows));
        if (f < 1.0)
            cv::resize(cv::Mat(image), image, cv::Size(), f, f, cv::INTER_AREA);
        photos.emplace_back(file, image);
    }
    const QString haar = QStringLiteral("haarcascades/haarcascade_frontalface_default.xml");
    const QString lbp = QStringLiteral("lbpcascades/lbpcascade_frontalface.xml");
    const QString lbpImproved = QStringLiteral("lbpcascades/lbpcascade_frontalface_improved.xml");
    const std::vector<CountingOption> options = {
        {QStringLiteral("Haar, faces down to 1/6 of the short side"), haar, 24, 6, 1.1, 3},
        {QStringLiteral("Haar, 1/5"), haar, 24, 5, 1.1, 3},
        {QStringLiteral("Haar, 1/4"), haar, 24, 4, 1.1, 3},
        {QStringLiteral("Haar, 1/6, pyramid step 1.2"), haar, 24, 6, 1.2, 3},
        {QStringLiteral("LBP, 1/6"), lbp, 24, 6, 1.1, 3},
        {QStringLiteral("LBP, 1/8, window 1.5x"), lbp, 36, 8, 1.1, 3},
        {QStringLiteral("LBP improved, 1/6"), lbpImproved, 45, 6, 1.1, 3},
    };
    // One thread, truly: OpenCV's cascade would otherwise spread each call over the
    // cores, which the import's own threads already fill.
    const int openCvThreads = cv::getNumThreads();
    cv::setNumThreads(1);
    QString table;
    QTextStream out(&table);
    out << "| face counting (one thread, " << photos.size()
        << " photos spread over the set, at most 1080 px, grey) | ms per photo | counted wrong | wrong by source |\n"
           "|---|---|---|---|\n";
    const auto row = [&](const QString &name, const std::function<int(const cv::Mat &)> &count) {
        QElapsedTimer t;
        t.start();
        std::map<QString, int> wrong;
        int wrongTotal = 0;
        for (const auto &[file, grey] : photos) {
            if (count(grey) != facesInSource(file)) {
                ++wrongTotal;
                ++wrong[QFileInfo(file).completeBaseName().section(u'_', 0, -2)];
            }
        }
        const double ms = double(t.nsecsElapsed()) / 1e6 / double(photos.size());
        QStringList by;
        for (const auto &[source, n] : wrong)
            by << QStringLiteral("%1 %2").arg(source).arg(n);
        out << "| " << name << " | " << QString::number(ms, 'f', 1) << " | " << wrongTotal << " | "
            << by.join(QStringLiteral(", ")) << " |\n";
    };
    const auto vision = fd::face::FaceVision::shared();
    row(QStringLiteral("**FaceDesk's validator** (the CNN at 416 px, faces cut off by the edge not counted, as the "
                       "validator refuses them; on the grey copies this table reads)"),
        [&](const cv::Mat &grey) {
            int n = 0;
            for (const fd::face::Face &f : vision->detect(grey))
                n += fd::face::outsideFraction(f.box, grey.size()) <= fd::library::PhotoRules{}.maxFaceOutside;
            return n;
        });
    const fd::face::HaarFaceDetector detector;
    row(QStringLiteral("the Haar validator before the CNN (Haar on a 480 px copy, faces down to 1/12 of the short side, 8 neighbours)"),
        [&](const cv::Mat &grey) { return int(detector.detect(grey).size()); });
    const QString root = QFileInfo(fd::face::HaarFaceDetector::defaultCascadePath()).dir().absolutePath() + QStringLiteral("/../");
    cv::CascadeClassifier confirm((root + QStringLiteral("haarcascades/haarcascade_frontalface_alt2.xml")).toStdString());
    for (const CountingOption &o : options) {
        cv::CascadeClassifier first((root + o.cascade).toStdString());
        if (first.empty() || confirm.empty())
            continue;
        row(o.name, [&](const cv::Mat &grey) { return countFaces(o, first, confirm, grey); });
    }
    cv::setNumThreads(openCvThreads);
    out.flush();
    return table;
}

// Every n-th file, so that a sample holds every source photo of the set.
QStringList spread(const QStringList &files, int count)
{
    QStringList sample;
    const double step = std::max(1.0, double(files.size()) / count);
    for (double i = 0; i < files.size() && sample.size() < count; i += step)
        sample << files[int(i)];
    return sample;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOptions({
        {QStringLiteral("set"), QStringLiteral("Folder made by make_import_set."), QStringLiteral("DIR"),
         QStringLiteral("/tmp/facedesk-import-set")},
        {QStringLiteral("threads"), QStringLiteral("Threads for both sides (default: one per core)."), QStringLiteral("N"),
         QString::number(QThread::idealThreadCount())},
        {QStringLiteral("update"), QStringLiteral("Write the section into this PERFORMANCE.md."), QStringLiteral("FILE")},
        {QStringLiteral("breakdown"), QStringLiteral("Time the stages over the first N files instead."), QStringLiteral("N")},
        {QStringLiteral("counting"), QStringLiteral("Only compare face counting options on N files spread over the set "
                                                    "(with --update: the import-counting section)."), QStringLiteral("N")},
    });
    p.process(app);
    const QString set = QFileInfo(p.value(QStringLiteral("set"))).absoluteFilePath();
    const int threads = std::max(1, p.value(QStringLiteral("threads")).toInt());
    QStringList files;
    qint64 bytes = 0;
    int pngs = 0;
    for (const QFileInfo &f : QDir(set).entryInfoList(QDir::Files, QDir::Name)) {
        files << f.absoluteFilePath();
        bytes += f.size();
        pngs += f.suffix() == u"png";
    }
    if (files.isEmpty()) {
        QTextStream(stderr) << "bench_import: no photos in " << set << "; run make_import_set first" << Qt::endl;
        return 2;
    }
    if (p.isSet(QStringLiteral("counting"))) {
        const QString loadBefore = loadAverage();
        const QString table = countingOptions(spread(files, p.value(QStringLiteral("counting")).toInt()));
        QString section;
        QTextStream s(&section);
        s << "### Import: face counting options, time and correctness\n\n"
          << "Machine: " << fd::bench::machineLine() << "; load average before " << loadBefore << ", after "
          << loadAverage() << "\n\n"
          << "Command: `bench_import --set " << set << " --counting " << p.value(QStringLiteral("counting"))
          << " --update docs/PERFORMANCE.md`. Every option but the first: a first cascade on a grey copy scaled so that "
             "the smallest face counted fills its window, each candidate confirmed by frontalface_alt2 around it, 3 "
             "neighbours. Right counts come from the photo each file was made from (multi_two_people 2, "
             "edge_partial_face 0, the others 1); a few two-person photos lose the top of Obama's head to the crop and "
             "are hard for every option.\n\n"
          << table;
        s.flush();
        out << section;
        if (p.isSet(QStringLiteral("update"))
            && !fd::bench::updateSection(p.value(QStringLiteral("update")), QStringLiteral("import-counting"), section))
            return 1;
        return 0;
    }
    if (p.isSet(QStringLiteral("breakdown"))) {
        out << breakdown(spread(files, p.value(QStringLiteral("breakdown")).toInt()));
        return 0;
    }
    // The page cache holds the set for both sides.
    for (const QString &f : std::as_const(files))
        readAll(f);
    const QString loadBefore = loadAverage();
    out << "decode only ..." << Qt::endl;
    const double anchorBefore = decodeOnly(files, threads);
    out << "  " << anchorBefore << " photos/s\ndecode and detect ..." << Qt::endl;
    const double detectBefore = decodeOnly(files, threads, true);
    out << "  " << detectBefore << " photos/s\nimport ..." << Qt::endl;
    const ImportResult import = importAll(set, threads);
    out << "  " << import.rate << " photos/s\ndecode and detect ..." << Qt::endl;
    const double detectAfter = decodeOnly(files, threads, true);
    out << "  " << detectAfter << " photos/s\ndecode only ..." << Qt::endl;
    const double anchorAfter = decodeOnly(files, threads);
    out << "  " << anchorAfter << " photos/s" << Qt::endl;
    out << "breakdown ..." << Qt::endl;
    const QString stages = breakdown(spread(files, 300));
    const QString loadAfter = loadAverage();
    const double anchor = (anchorBefore + anchorAfter) / 2;
    const double ratio = import.rate / anchor;
    const double irreducible = (detectBefore + detectAfter) / 2;
    const double detectRatio = import.rate / irreducible;
    const ImportTotals totals = import.report.totals();
    std::map<int, int> codes;
    for (const ImportEntry &e : import.report.entries)
        if (e.outcome == ImportOutcome::Rejected)
            ++codes[e.errorCode];
    QStringList rejected;
    for (const auto &[code, n] : codes)
        rejected << QStringLiteral("%1 × %2").arg(n).arg(code);

    QString section;
    QTextStream s(&section);
    s << "### Import: photos per second, FaceDesk vs decoding alone\n\n"
      << "Machine: " << fd::bench::machineLine() << "; load average before the run " << loadBefore << ", after "
      << loadAfter << "\n\n"
      << "Command: `bench_import --set " << set << " --threads " << threads
      << " --update docs/PERFORMANCE.md` on a set from `make_import_set` (" << files.size() << " photos, "
      << QString::number(double(bytes) / (1 << 20), 'f', 0) << " MiB, mean "
      << QString::number(double(bytes) / files.size() / 1024, 'f', 0) << " KiB, " << pngs
      << " PNG, the rest JPEG, every tenth progressive), in the page cache\n\n"
      << "| | threads | photos/s | seconds |\n|---|---|---|---|\n"
      << "| decode only (`cv::imdecode`, anchor), before | " << threads << " | "
      << QString::number(anchorBefore, 'f', 1) << " | " << QString::number(files.size() / anchorBefore, 'f', 1) << " |\n"
      << "| decode and detect faces once (`FaceVision::detect`, the irreducible work), before | " << threads << " | "
      << QString::number(detectBefore, 'f', 1) << " | " << QString::number(files.size() / detectBefore, 'f', 1) << " |\n"
      << "| **import** (read, validate, count, pose and describe the face, convert, deduplicate, thumbnail, write, "
         "commit) | " << threads << " | **"
      << QString::number(import.rate, 'f', 1) << "** | " << QString::number(import.seconds, 'f', 1) << " |\n"
      << "| decode and detect, after | " << threads << " | " << QString::number(detectAfter, 'f', 1) << " | "
      << QString::number(files.size() / detectAfter, 'f', 1) << " |\n"
      << "| decode only, after | " << threads << " | " << QString::number(anchorAfter, 'f', 1) << " | "
      << QString::number(files.size() / anchorAfter, 'f', 1) << " |\n\n"
      << "**Ratio import / irreducible work: " << QString::number(detectRatio * 100, 'f', 0)
      << " %** (target: at least 60 %); import / decode only: " << QString::number(ratio * 100, 'f', 0)
      << " %. " << files.size() << " photos in " << QString::number(import.seconds / 60, 'f', 1)
      << " minutes (target: 10,000 in under 5). Outcomes: " << totals.imported << " imported (" << totals.importedWithFixes
      << " with fixes, " << totals.flagged << " flagged), " << totals.rejected << " rejected ("
      << rejected.join(QStringLiteral(", ")) << "), " << totals.notAdded << " not added; "
      << "duplicates were added flagged (`Duplicates::Add`), so that every accepted photo is written and committed "
         "as with distinct people.\n\n"
      << "Where the time goes (the validator's steps timed one by one beside the whole check; the anchor's decode "
         "for comparison):\n\n"
      << stages;
    s.flush();
    out << '\n' << section;
    if (p.isSet(QStringLiteral("update")) && !fd::bench::updateSection(p.value(QStringLiteral("update")), QStringLiteral("import"), section))
        return 1;
    return 0;
}
