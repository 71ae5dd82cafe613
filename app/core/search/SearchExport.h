// Search results as CSV, for investigators' spreadsheets and scripts (`facedesk
// search`). Columns are documented in the README.
#pragma once

#include "EventQuery.h"

#include <QHash>
#include <QIODevice>

namespace fd::search {

QStringList hitColumns();
// One row per hit, after a header row; `similarity` (event id -> value) fills the
// similarity column when the hits came from a face search.
bool writeHitsCsv(const QList<EventHit> &hits, const QHash<qint64, float> &similarity, QIODevice *out);

} // namespace fd::search
