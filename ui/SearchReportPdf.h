// A printable search report: a title, what was searched, and one line per event
// with its face, time, device, person, list and score (or similarity).
#pragma once

#include "search/EventQuery.h"

namespace fd::ui {

// similarity[i] < -1 when the hit has none. Returns false with *error.
bool writeSearchReportPdf(const QString &path, const QString &title, const QString &subtitle,
                          const QList<search::EventHit> &hits, const QList<float> &similarity, QString *error);

} // namespace fd::ui
