// How long the archive keeps events, as the desk's settings hold it (#13): all
// events, and per list (strangers 30 days, blacklist hits a year, ...). Read at start
// for the writer (GuiMain) and written by the settings panel, which hands the new
// policy to the running writer; `facedesk serve` takes the same from --keep-days and
// --keep-days-for.
#pragma once

#include "store/StoreWriter.h"

namespace fd::ui {

// "all" or one of RetentionPolicy::listNames(), in days; 0: keep.
int retentionDays(const QString &list);
void setRetentionDays(const QString &list, int days);
store::RetentionPolicy retentionFromSettings();

} // namespace fd::ui
