#include "CommandAuth.h"
#include "Commands.h"
#include "UnixSignals.h"

#include "library/CsvSource.h"
#include "library/FolderSource.h"
#include "library/ImportRun.h"
#include "library/PersonFields.h"
#include "library/ZipSource.h"
#include "store/Database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <unistd.h>

namespace fd::app {

namespace {

using namespace fd::library;

constexpr int kUsage = 2;
constexpr int kNotEverything = 3;

QString duration(int seconds)
{
    return seconds < 0 ? QStringLiteral("?")
                       : QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

std::unique_ptr<ImportSource> makeSource(const QString &path, const FileNaming &naming, bool recursive)
{
    const QFileInfo info(path);
    if (info.isDir())
        return std::make_unique<FolderSource>(path, FolderOptions{naming, recursive});
    if (info.suffix().compare(u"csv", Qt::CaseInsensitive) == 0)
        return std::make_unique<CsvSource>(path);
    if (info.suffix().compare(u"zip", Qt::CaseInsensitive) == 0)
        return std::make_unique<ZipSource>(path, ZipOptions{naming, {}});
    return nullptr;
}

} // namespace

int runImport(const QStringList &arguments)
{
    QTextStream err(stderr);
    QTextStream out(stdout);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Import persons into the face library from a folder of photos, a CSV file or a ZIP archive. "
        "Exit status: 0 when every row was imported, 3 when any was rejected or a duplicate, "
        "2 on a usage error, 1 when the import failed or was interrupted (then nothing is added)."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("SOURCE"), QStringLiteral("A folder of photos, a .csv file or a .zip archive."));
    p.addOptions({
        {QStringLiteral("list"), QStringLiteral("List for rows that name none: 1-4 or a list's name (default: whitelist)."),
         QStringLiteral("N|NAME")},
        {QStringLiteral("pattern"),
         QStringLiteral("Force how photo file names carry the person: tokens {name}, {card}, {gender}, {ignore} "
                        "with one separator, e.g. {name}_{card}. Default: each name is read by its shape (10023, "
                        "Jane Doe, 10023_Jane Doe, Jane Doe-10023, Jane Doe (2), IMG_4521)."),
         QStringLiteral("P")},
        {QStringLiteral("trailing-numbers"),
         QStringLiteral("What a short number at the end of a file name is: \"counter\" (another photo of the same "
                        "person, the default) or \"card\" (a card number)."),
         QStringLiteral("counter|card")},
        {QStringLiteral("report"), QStringLiteral("Write the per-row report as CSV (columns: see README)."),
         QStringLiteral("FILE.csv")},
        {QStringLiteral("recursive"), QStringLiteral("Include the folder's sub-folders.")},
        {QStringLiteral("threads"), QStringLiteral("Validation threads (default: one per core)."), QStringLiteral("N"),
         QStringLiteral("0")},
    });
    p.addOptions(archiveOptions());
    p.addOption(userOption());
    if (const int exit = parseCommandLine(p, QStringLiteral("import"), arguments); exit >= 0)
        return exit;
    const auto usage = [&err](const QString &why) {
        err << "facedesk import: " << why << Qt::endl;
        return kUsage;
    };
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("give exactly one SOURCE (a folder, a .csv or a .zip); see --help"));
    const QString sourcePath = p.positionalArguments().first();
    if (!QFileInfo::exists(sourcePath))
        return usage(QStringLiteral("%1 does not exist").arg(sourcePath));
    FileNaming naming;
    if (p.isSet(QStringLiteral("pattern"))) {
        naming.pattern = FileNamePattern(p.value(QStringLiteral("pattern")));
        if (!naming.pattern->isValid())
            return usage(naming.pattern->error());
    }
    if (p.isSet(QStringLiteral("trailing-numbers"))) {
        const QString t = p.value(QStringLiteral("trailing-numbers"));
        if (t != u"counter" && t != u"card")
            return usage(QStringLiteral("--trailing-numbers takes counter or card"));
        naming.trailing = t == u"card" ? FileNameReading::Trailing::Card : FileNameReading::Trailing::Counter;
    }
    bool threadsOk = false;
    const int threads = p.value(QStringLiteral("threads")).toInt(&threadsOk);
    if (!threadsOk || threads < 0)
        return usage(QStringLiteral("--threads takes a number"));
    ImportOptions options;
    options.threads = threads;
    options.thumbnailSide = 0;  // no one looks at thumbnails here
    if (p.isSet(QStringLiteral("list"))) {
        const ListReference list = parseListReference(p.value(QStringLiteral("list")));
        if (!list.error.isEmpty() || (list.listId == 0 && list.name.isEmpty()))
            return usage(list.error.isEmpty() ? QStringLiteral("--list needs a list") : list.error);
        options.listId = list.listId;
        options.listName = list.name;
    }
    std::unique_ptr<ImportSource> source = makeSource(sourcePath, naming, p.isSet(QStringLiteral("recursive")));
    if (!source)
        return usage(QStringLiteral("%1 is not a folder, a .csv or a .zip file").arg(sourcePath));
    QString error;
    if (!source->open(&error))
        return usage(error);
    // How the names were read, before the long part: the admin can stop and force it.
    if (const std::optional<FileNameReading> reading = source->reading()) {
        err << "facedesk import: " << reading->summary() << Qt::endl;
        if (reading->unsure() && !naming.trailing)
            err << "facedesk import: say --trailing-numbers card if those numbers are card numbers" << Qt::endl;
    }
    // The report file is opened before the work, so that a typo costs no ten minutes.
    QFile reportFile;
    if (p.isSet(QStringLiteral("report"))) {
        reportFile.setFileName(p.value(QStringLiteral("report")));
        if (!reportFile.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return usage(QStringLiteral("cannot write %1: %2").arg(reportFile.fileName(), reportFile.errorString()));
    }
    store::DatabaseConfig config;
    if (!archiveFromOptions(p, QStringLiteral("import"), &config))
        return 2;
    int refused = 0;
    const std::optional<CommandOperator> who = authorize(p, config, QStringLiteral("import"), auth::Action::Import, &refused);
    if (!who)
        return refused;

    ImportRun run(std::move(source), config, PhotoRules{}, options);
    // A terminal gets one line rewritten in place; a log file a line every few seconds.
    const bool terminal = isatty(STDERR_FILENO) != 0;
    QElapsedTimer sinceLine;
    QObject::connect(&run, &ImportRun::progress, qApp, [&](const ImportProgress &pr) {
        const bool last = pr.done == pr.total;
        if (!terminal && !last && sinceLine.isValid() && sinceLine.elapsed() < 5000)
            return;
        sinceLine.start();
        err << (terminal ? "\r" : "") << "facedesk import: " << pr.done << '/' << pr.total << " rows, "
            << QString::number(pr.rate, 'f', 1) << " photos/s, " << duration(pr.etaSeconds) << " left, " << pr.imported
            << " imported, " << pr.rejected << " rejected, " << pr.duplicates << " duplicates"
            << (terminal && !last ? "" : "\n");
        err.flush();
    });
    bool interrupted = false;
    UnixSignals unixSignals;
    QObject::connect(&unixSignals, &UnixSignals::terminationRequested, &run, [&](int) {
        interrupted = true;
        err << "\nfacedesk import: interrupted; nothing will be added" << Qt::endl;
        run.cancel();
    });
    QObject::connect(&run, &ImportRun::finished, qApp, &QCoreApplication::quit, Qt::QueuedConnection);
    run.start();
    QCoreApplication::exec();

    const ImportReport report = run.report();
    if (reportFile.isOpen() && !report.writeCsv(&reportFile, &error))
        err << "facedesk import: cannot write the report: " << error << Qt::endl;
    // The rows that need the admin, then the totals.
    int listed = 0;
    for (const ImportEntry &e : report.entries) {
        if (e.outcome != ImportOutcome::Rejected && e.outcome != ImportOutcome::Duplicate)
            continue;
        if (++listed > 50)
            continue;
        out << "row " << e.row << " " << e.sourceLabel << ": " << ImportReport::outcomeKey(e.outcome);
        if (e.errorCode)
            out << " (" << e.errorCode << ")";
        out << ": " << e.reason << '\n';
    }
    if (listed > 50)
        out << "... and " << listed - 50 << " more" << (reportFile.isOpen() ? " in the report" : "; see --report") << '\n';
    out << report.summary() << Qt::endl;
    auditCommand(config, *who, auth::actionName(auth::Action::Import), p.positionalArguments().value(0),
                 {{QStringLiteral("summary"), report.summary()}}, QStringLiteral("import"));
    if (report.status == ImportReport::Status::Failed || interrupted || report.status == ImportReport::Status::Cancelled)
        return 1;
    return report.everythingImported() ? 0 : kNotEverything;
}

} // namespace fd::app
