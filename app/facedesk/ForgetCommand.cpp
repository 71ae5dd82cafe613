// `facedesk forget INDEX_ID --yes [--with-events]`: an admin erases a person (#13,
// library/PersonEraser): photos, descriptors, assignments and, with --with-events,
// every event matched to them with its images. A running `facedesk serve` notices
// the change and deletes the person from every device that holds them; without one,
// the next serve does (the devices' sync rows stay until each device confirms). The
// trail records who forgot which index id and the counts, not the name or the face.
#include "CommandAuth.h"
#include "Commands.h"

#include "library/PersonEraser.h"
#include "store/ScopedConnection.h"

#include <QTextStream>

namespace fd::app {

int runForget(const QStringList &arguments)
{
    QTextStream out(stdout), err(stderr);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Erase a person from the library, the archive's images and the devices."));
    p.addHelpOption();
    p.addOptions(archiveOptions());
    p.addOption(userOption());
    p.addOptions({
        {QStringLiteral("with-events"), QStringLiteral("Also delete every event matched to the person, with its images.")},
        {QStringLiteral("yes"), QStringLiteral("Confirm: this cannot be undone.")},
    });
    p.addPositionalArgument(QStringLiteral("INDEX_ID"), QStringLiteral("The person's index id (the library table shows it)."));
    if (const int exit = parseCommandLine(p, QStringLiteral("forget"), arguments); exit >= 0)
        return exit;
    bool numeric = false;
    const qint64 indexId = p.positionalArguments().value(0).toLongLong(&numeric);
    if (p.positionalArguments().size() != 1 || !numeric || indexId <= 0) {
        err << "facedesk forget: usage: facedesk forget INDEX_ID --yes [--with-events]" << Qt::endl;
        return 2;
    }
    if (!p.isSet(QStringLiteral("yes"))) {
        err << "facedesk forget: add --yes to erase person " << indexId << ": this cannot be undone" << Qt::endl;
        return 2;
    }
    store::DatabaseConfig config;
    if (!archiveFromOptions(p, QStringLiteral("forget"), &config) || !archiveExists(config, QStringLiteral("forget")))
        return 2;
    int exit = 0;
    const std::optional<CommandOperator> who = authorize(p, config, QStringLiteral("forget"), auth::Action::ForgetPerson, &exit);
    if (!who)
        return exit;
    store::ScopedConnection connection(config, QStringLiteral("forget"));
    if (!connection.isOpen()) {
        err << "facedesk forget: " << connection.error() << Qt::endl;
        return 1;
    }
    const library::ErasureReport report = library::PersonEraser(connection.db(), config.libraryDir(), config.imagesDir())
                                              .erase(indexId, p.isSet(QStringLiteral("with-events")));
    if (!report.ok()) {
        err << "facedesk forget: nothing was erased: " << report.error << Qt::endl;
        return 1;
    }
    if (!report.found && report.eventIds.isEmpty()) {
        err << "facedesk forget: no person " << indexId << " in the library" << Qt::endl;
        return 1;
    }
    auditCommand(config, *who, auth::actionName(auth::Action::ForgetPerson), QStringLiteral("person %1").arg(indexId),
                 report.auditDetails(), QStringLiteral("forget"));
    out << "forgot person " << indexId << ": " << report.photos << " photo(s), " << report.eventIds.size() << " event(s), "
        << report.filesRemoved << " file(s) removed";
    if (report.devicesToClear)
        out << "; " << report.devicesToClear << " device(s) will delete them at the next sync";
    out << Qt::endl;
    if (config.backend() == store::Backend::Sqlite && !report.logTruncated)
        err << "facedesk forget: note: the database's write-ahead log was in use; its old pages are overwritten at "
               "the next checkpoint" << Qt::endl;
    return 0;
}

} // namespace fd::app
