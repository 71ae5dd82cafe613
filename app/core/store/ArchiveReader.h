// Reading the archive back: the device list and the CSV export. Uses its own
// connection, so it can run beside a live writer (WAL readers never block it).
#pragma once

#include "Database.h"
#include "StoreWriter.h"

#include <QDateTime>
#include <QIODevice>
#include <QRect>

#include <optional>
#include <QSqlDatabase>

namespace fd::store {

QList<DeviceRow> loadDevices(QSqlDatabase &db, QString *error);
// The same through a connection of its own, opened and closed here (start-up of the
// server and of the window, before the writer owns the archive's thread).
QList<DeviceRow> loadDevices(const DatabaseConfig &config, QString *error);

// Everything the archive holds about one event, for the detail view.
struct EventDetails {
    qint64 id = -1;
    QDateTime captureTime;
    QDateTime receivedAt;
    QString deviceUuid;
    QString deviceName;
    QString method;
    int channel = -1;
    qint64 indexId = -1;
    int picSort = -1;         // the event's list: FaceDesk's for a library person, else the device's
    int devicePicSort = -1;   // the list the device itself sent (-1: none)
    QString picName;
    double matchScore = -1;
    QRect position;       // null when the device sent none
    int quality = -1;
    int visitCount = -1;
    int age = -1, gender = -1, glasses = -1, mask = -1, beard = -1, race = -1, emotion = -1;
    double temperature = -1000;
    double warningTemperature = -1000;
    QString warningType;
    QString imageName;
    QString facePath;     // absolute, empty when none
    QString scenePath;
    int featureDims = 0;
    // FaceDesk's own verdict (live matching, match/LiveMatcher): the library person it
    // found (-1: none), the distance (to that person, else to the device's), and
    // whether indexId is FaceDesk's rather than the device's.
    qint64 localIndexId = -1;
    QString localPersonName;
    double localDistance = -1;
    bool matchedByDesk = false;
};
// The event's list as FaceDesk shows it everywhere (PROTOCOL.md §8, 15a), as SQL over
// the events alias "e": the list of the library person its index_id names, else the
// list the device sent, else custom (4) for a match on no named list; NULL for a
// stranger. The wall applies the same rule in C++ (MainWindow::listOf).
QString eventListSql();

std::optional<EventDetails> loadEvent(QSqlDatabase &db, qint64 id, const QString &imagesRoot);
// The events of these ids that exist, in id order, with one query; *error (when given)
// says why none came back when the query failed.
QList<EventDetails> loadEvents(QSqlDatabase &db, const QList<qint64> &ids, const QString &imagesRoot,
                               QString *error = nullptr);
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
// A whole CSV row of such fields, comma-separated, without the line end.
QString csvLine(const QStringList &fields);
// A list's name in the CSV exports: "blacklist", "whitelist", "VIP", "custom", "list N";
// empty for no list (NULL: a stranger).
QString listName(const QVariant &picSort);

} // namespace fd::store
