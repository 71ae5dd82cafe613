// The investigator's questions as SQL: events by time, device, list, person, score,
// quality, attributes, temperature and acknowledgement, one page at a time. Pages
// continue from the last row seen (keyset paging), so page 500 of a million events
// costs what page 1 costs. Which index serves which filter: docs/ARCHITECTURE.md.
#pragma once

#include <QDateTime>
#include <QList>
#include <QRect>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace fd::search {

struct EventFilter {
    QDateTime from;            // capture time, inclusive; invalid: no bound
    QDateTime to;              // exclusive
    QStringList devices;       // device uuids; empty: all
    QList<int> lists;          // pic_sort values; 0 stands for strangers (no list)
    QString person;            // part of a library name, a card number, or the name a device sent
    QList<qint64> indexIds;    // these persons (by index_id); empty: any
    double minScore = -1;      // match score in percent (0..100, whatever scale the device sent); -1: no bound
    double maxScore = -1;
    int minQuality = -1;
    int gender = -1;           // the event table's coding (see FieldReader): 0 / 1
    int minAge = -1;
    int maxAge = -1;
    int mask = -1;             // 0 without, 1 with
    int glasses = -1;
    bool temperatureWarning = false;  // only events at or above their warning temperature
    enum class Ack { Any, Acknowledged, NotAcknowledged };
    Ack ack = Ack::Any;
    std::optional<QList<qint64>> eventIds;  // only these events (a similarity result)

    bool operator==(const EventFilter &) const = default;
};

enum class EventOrder { NewestFirst, OldestFirst, BestScoreFirst };

struct EventHit {
    qint64 id = -1;
    QDateTime captureTime;     // UTC
    QString deviceUuid;
    QString deviceName;
    qint64 indexId = -1;
    QString personName;        // the library's name when the index_id links, else the device's
    int picSort = -1;
    double matchScore = -1;   // percent; -1 when none
    int quality = -1;
    int age = -1;
    int gender = -1;
    int mask = -1;
    int glasses = -1;
    double temperature = -1000;
    bool acknowledged = false;
    QString facePath;          // absolute; empty when the event has no face image
};

// Where the next page starts: the sort key and id of the last row of this one.
struct PageCursor {
    qint64 timeMs = 0;
    double score = 0;
    qint64 id = -1;            // -1: the first page
};

struct EventPage {
    QList<EventHit> hits;
    bool more = false;
    PageCursor next;
};

class EventQuery {
public:
    EventQuery(QSqlDatabase db, QString imagesRoot) : m_db(std::move(db)), m_imagesRoot(std::move(imagesRoot)) {}

    EventPage page(const EventFilter &filter, EventOrder order, int pageSize, const PageCursor &after = {});
    // How many events match, counting at most `cap` (a million-row count is not
    // worth the wait: "more than 100,000" is an answer).
    qint64 count(const EventFilter &filter, qint64 cap = 100000);
    // SQLite's plan for the page query, one line per step (tests and the docs).
    QStringList plan(const EventFilter &filter, EventOrder order);
    QString lastError() const { return m_error; }

    // The WHERE clause (without "WHERE") and its values, shared with exports.
    static QString whereClause(const EventFilter &filter, QVariantList *values);

private:
    QString pageSql(const EventFilter &filter, EventOrder order, const PageCursor &after, int limit, QVariantList *values) const;

    QSqlDatabase m_db;
    QString m_imagesRoot;
    QString m_error;
};

} // namespace fd::search
