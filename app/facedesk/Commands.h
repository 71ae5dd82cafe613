// The headless subcommands: `facedesk serve`, `export`, `devices`, `assign`, `sync-status`,
// `search`, `import`, `migrate`, `users`, `audit`, `forget`.
// Each takes the arguments after its name and returns the process exit status.
#pragma once

#include "store/Database.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QStringList>

namespace fd::app {

int runServe(const QStringList &arguments);
int runExport(const QStringList &arguments);
int runDevices(const QStringList &arguments);
int runAssign(const QStringList &arguments);
int runSyncStatus(const QStringList &arguments);
int runSearch(const QStringList &arguments);
int runImport(const QStringList &arguments);
int runMigrate(const QStringList &arguments);
int runUsers(const QStringList &arguments);
int runAudit(const QStringList &arguments);
int runForget(const QStringList &arguments);

// The data folder used when --data-dir is not given.
QString defaultDataDir();

// Parses `facedesk COMMAND arguments`: prints the help (0) or the error (2, a usage
// error) and returns the exit status, or -1 to go on.
int parseCommandLine(QCommandLineParser &parser, const QString &command, const QStringList &arguments);
// A --from/--to value: ISO 8601 with or without milliseconds, or a bare date (its
// midnight); empty text is no bound. *ok is false for text that is neither.
QDateTime parseTimeBound(const QString &text, bool *ok);
// --data-dir DIR and --database URL, which every command takes (#12): the archive
// folder (SQLite, the default) or a site's PostgreSQL, with DIR as this machine's
// local folder for it, and --image-cache-mb, the bound of that folder's image cache.
QList<QCommandLineOption> archiveOptions();
QCommandLineOption imageCacheOption();
// The --image-cache-mb value in bytes into *bytes (unchanged when the option is not
// given); false, with the reason in *error, for anything but a whole number of at
// least 64 (MiB: below that a desk's wall alone would thrash it).
bool imageCacheFromOptions(const QCommandLineParser &parser, qint64 *bytes, QString *error);
// The archive the options name; false, with the reason on stderr, for a URL that does
// not parse.
bool archiveFromOptions(const QCommandLineParser &parser, const QString &command, store::DatabaseConfig *config);
// Whether the archive exists (a SQLite file in the folder; a PostgreSQL database is
// there when it answers, which opening it tells); says so on stderr when not.
bool archiveExists(const store::DatabaseConfig &config, const QString &command);

} // namespace fd::app
