#include "CommandAuth.h"
#include "Commands.h"

#include "store/ArchiveCopy.h"
#include "store/Database.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

namespace fd::app {

namespace {

// The per-table count check, as a table on stdout; true when every table matches.
bool printCounts(const store::ArchiveCopyResult &result, QTextStream &out)
{
    out << "table\tsqlite\tpostgresql\n";
    for (const store::TableCount &c : result.counts)
        out << c.table << '\t' << c.source << '\t' << c.target << (c.source == c.target ? "" : "\tMISMATCH") << '\n';
    out.flush();
    return result.countsMatch();
}

} // namespace

// `facedesk migrate --data-dir DIR --database URL`: the one-PC archive in DIR copied
// into the site's PostgreSQL (store/ArchiveCopy.h), then counted on both sides.
int runMigrate(const QStringList &arguments)
{
    QTextStream err(stderr);
    QTextStream out(stdout);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Copy the SQLite archive in --data-dir into the PostgreSQL archive named by --database: events, devices and "
        "their history, acknowledgements, the face library, assignments and sync state. Run it again after an "
        "interruption: it goes on where it stopped and never stores a row twice. Exit status: 0 when every table's "
        "rows are all there, 1 otherwise, 2 on a usage error. The images and library photos go into the database too "
        "(every desk of the site reads them from there); --data-dir stays this PC's cache of them."));
    p.addHelpOption();
    p.addOptions(archiveOptions());
    p.addOption(userOption());
    if (const int exit = parseCommandLine(p, QStringLiteral("migrate"), arguments); exit >= 0)
        return exit;
    store::DatabaseConfig target;
    if (!archiveFromOptions(p, QStringLiteral("migrate"), &target))
        return 2;
    if (target.backend() != store::Backend::Postgres) {
        err << "facedesk migrate: --database postgresql://... names where the archive goes" << Qt::endl;
        return 2;
    }
    store::DatabaseConfig source;
    source.dataDir = target.dataDir;
    if (!QFileInfo::exists(source.sqlitePath())) {
        err << "facedesk migrate: no archive in " << QDir::toNativeSeparators(source.dataDir) << Qt::endl;
        return 2;
    }
    int refused = 0;
    const std::optional<CommandOperator> who = authorize(p, source, QStringLiteral("migrate"), auth::Action::Migrate, &refused);
    if (!who)
        return refused;
    QString error;
    QSqlDatabase from = store::openDatabase(source, QStringLiteral("migrate-from"), &error);
    QSqlDatabase to = from.isOpen() ? store::openDatabase(target, QStringLiteral("migrate-to"), &error) : QSqlDatabase();
    if (!to.isOpen()) {
        err << "facedesk migrate: " << error << Qt::endl;
        return 1;
    }
    err << "facedesk migrate: " << source.display() << " -> " << target.display() << Qt::endl;
    QString lastTable;
    const store::ArchiveCopyResult result = store::copyArchive(from, to, source, [&](const QString &table, qint64 done, qint64 total) {
        if (table != lastTable || done == total)
            err << "facedesk migrate: " << table << ' ' << done << '/' << total << Qt::endl;
        lastTable = table;
        return true;
    });
    if (!result.completed) {
        err << "facedesk migrate: " << result.error << Qt::endl;
        return 1;
    }
    for (const QString &why : result.missingImages)
        err << "facedesk migrate: image not copied: " << why << Qt::endl;
    if (!printCounts(result, out)) {
        err << "facedesk migrate: the counts differ (the target held other rows, or rows were added meanwhile)" << Qt::endl;
        return 1;
    }
    auditCommand(target, *who, auth::actionName(auth::Action::Migrate), target.display(),
                 {{QStringLiteral("from"), source.display()}}, QStringLiteral("migrate"));
    err << "facedesk migrate: done; start FaceDesk with --data-dir " << QDir::toNativeSeparators(source.dataDir)
        << " --database " << target.display() << Qt::endl;
    return 0;
}

} // namespace fd::app
