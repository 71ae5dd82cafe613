// Search results as CSV, for investigators' spreadsheets and scripts (`facedesk
// search`). Columns are documented in the README.
#pragma once

#include "EventQuery.h"

#include <QHash>
#include <QIODevice>

namespace fd::search {

QStringList hitColumns();
// One row per hit, after a header row; `similarity` (event id -> cosine of the unit
// descriptors) fills the similarity column when the hits came from a face search, and
// the distance column with the Euclidean distance between the same unit vectors
// (sqrt(2 - 2 cosine)): the CNN engine's own scale, same person under 0.42.
bool writeHitsCsv(const QList<EventHit> &hits, const QHash<qint64, float> &similarity, QIODevice *out);

} // namespace fd::search
