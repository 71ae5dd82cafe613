// The headless subcommands: `facedesk serve`, `export`, `devices`, `assign`, `sync-status`,
// `search`, `import`.
// Each takes the arguments after its name and returns the process exit status.
#pragma once

#include <QStringList>

namespace fd::app {

int runServe(const QStringList &arguments);
int runExport(const QStringList &arguments);
int runDevices(const QStringList &arguments);
int runAssign(const QStringList &arguments);
int runSyncStatus(const QStringList &arguments);
int runSearch(const QStringList &arguments);
int runImport(const QStringList &arguments);

// The data folder used when --data-dir is not given.
QString defaultDataDir();

} // namespace fd::app
