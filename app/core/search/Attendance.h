// A person's days: first and last sighting per local calendar day, and where. The
// attendance view and its CSV; sightings come from the events that name the person
// (index_id) and, optionally, from face-similarity hits the caller adds.
#pragma once

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QIODevice>
#include <QList>
#include <QSqlDatabase>

namespace fd::search {

struct Sighting {
    qint64 eventId = -1;
    QDateTime time;       // UTC
    QString deviceUuid;
    QString deviceName;
    float similarity = -2.f;  // > -2 when found by face similarity rather than by index_id
};

struct AttendanceDay {
    QDate day;            // local calendar day
    QDateTime firstSeen;  // local time
    QString firstDevice;
    QDateTime lastSeen;
    QString lastDevice;
    int sightings = 0;
};

// Every event naming the person in [from, to), oldest first (events_person_time).
QList<Sighting> sightingsOf(QSqlDatabase &db, qint64 indexId, const QDateTime &from, const QDateTime &to,
                            QString *error = nullptr);
// Merges both kinds (an event found both ways counts once) and groups by local day.
QList<AttendanceDay> attendanceDays(const QList<Sighting> &sightings);
bool writeAttendanceCsv(const QString &personName, const QList<AttendanceDay> &days, QIODevice *out);

} // namespace fd::search
