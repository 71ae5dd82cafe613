// The demo's face library: one person per identity in the demo's photo folder, so
// a first look at the library editor shows what it is for.
#pragma once

#include "store/Database.h"

namespace fd::app {

// Adds the persons when the library is empty; returns how many were added.
int seedDemoLibrary(const store::DatabaseConfig &archive, const QString &facesDir);

} // namespace fd::app
