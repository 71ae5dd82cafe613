// Reading the archive back: the device list and the CSV export. Uses its own
// connection, so it can run beside a live writer (WAL readers never block it).
#pragma once

#include "StoreWriter.h"

#include <QDateTime>
#include <QIODevice>
#include <QSqlDatabase>

namespace fd::store {

QList<DeviceRow> loadDevices(QSqlDatabase &db, QString *error);
// Events per device since `since` (for "events today").
QHash<QString, qint64> eventCountsSince(QSqlDatabase &db, const QDateTime &since);

// Writes one CSV row per event with capture time in [from, to) (either may be
// invalid for "no bound"), oldest first. Returns the number of rows, -1 on error.
qint64 exportEventsCsv(QSqlDatabase &db, QIODevice *out, const QDateTime &from, const QDateTime &to,
                       const QString &imagesRoot, QString *error);
// The header row, documented in the README.
QStringList exportColumns();

// One CSV field, quoted where needed and defused against spreadsheet formulas
// (a device-sent name such as "=HYPERLINK(...)" must stay text).
QString csvField(const QString &value);

} // namespace fd::store
