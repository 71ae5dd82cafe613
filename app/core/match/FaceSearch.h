// Face similarity search over the archive: "events with this face" by an archived
// event, a photo, or a library person. It owns the in-memory indexes (one per kind of
// feature and dimension), fills them from the archive, keeps them current with live
// adds and removals, and answers queries without ever comparing features of
// different kinds or lengths: a device's 128-d feature is searched among the device
// features of 128 values only, a photo among FaceDesk's own (local) features only.
//
// Exact vectors for the re-rank are read from the archive, not kept here (a million
// 512-d features would cost 2 GB as floats, see "Face search" in ARCHITECTURE.md).
// Qt's SQL connections belong to the thread that opened them, and searches run on
// whichever thread asks, so each searching thread gets a connection of its own,
// opened the first time it searches and closed with the FaceSearch; there is no lock
// around the reads and concurrent searches do not queue on one another.
//
// Threads: one writer (load, add, remove) and any number of searches at once; a
// QReadWriteLock keeps the writer away from running searches. Call everything from
// threads that outlive this object or whose connection may simply stay open until it
// is destroyed (the GUI thread, a thread pool's threads).
#pragma once

#include "DeviceIdMap.h"
#include "face/FaceEngine.h"
#include "FeatureIndex.h"
#include "store/Database.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QPair>
#include <QReadWriteLock>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <limits>
#include <memory>
#include <optional>

namespace fd::match {

// What the caller may restrict a face search to; applied before ranking.
struct FaceSearchFilter {
    qint64 fromMs = std::numeric_limits<qint64>::min();  // capture time, inclusive
    qint64 toMs = std::numeric_limits<qint64>::max();    // exclusive, like EventFilter::to
    QStringList devices;                                 // device uuids; empty: any
    QList<int> lists;                                    // pic_sort values, 0 for strangers; empty: any
};

struct FaceSearchResult {
    QList<QPair<qint64, float>> hits;  // event id and cosine similarity, best first
    QString kindUsed;                  // "local:<engine kind>" or "device:<dims>"; empty on error
    QString error;                     // translated, one sentence; empty when the search ran

    bool ok() const { return error.isEmpty(); }
};

class FaceSearch {
    Q_DECLARE_TR_FUNCTIONS(FaceSearch)
public:
    FaceSearch(store::DatabaseConfig config, std::shared_ptr<const face::FaceEngine> engine);
    ~FaceSearch();
    FaceSearch(const FaceSearch &) = delete;
    FaceSearch &operator=(const FaceSearch &) = delete;

    // (Re)builds every index from the archive: device features per distinct
    // events.feature_dims, local features of the engine's kind. Searches keep
    // running on the old indexes until the new ones are swapped in.
    bool load(QString *error);

    // Adds the local features stored since the last load or call, without rebuilding:
    // rows of events newer than every local feature already loaded (the backfill works
    // newest first, so a pass after a load finds only new events). Returns how many,
    // -1 on error.
    qsizetype loadNewLocal(QString *error);

    // Live changes (a new event, the backfill's or the writer's computation). A
    // feature of the wrong length or a bad vector is refused (false). Adding an event
    // again replaces its entry.
    bool addDeviceFeature(qint64 eventId, qint64 timeMs, const QString &deviceUuid, int picSort,
                          const QList<float> &values);
    bool addLocalFeature(qint64 eventId, qint64 timeMs, const QString &deviceUuid, int picSort,
                         const QList<float> &values);
    // Drops the events from every index (deleted, or retention), under one lock: an
    // hour's retention is thousands of ids.
    void remove(const QList<qint64> &eventIds);
    void remove(qint64 eventId) { remove(QList<qint64>{eventId}); }

    // Events like this one, by its local feature when it has one, else by the
    // device's feature among device features of the same length. The event itself is
    // never among the hits.
    FaceSearchResult byEvent(qint64 eventId, int k, const FaceSearchFilter &filter = {},
                             float minSimilarity = -1.f) const;
    // Events like the most prominent face in an image (JPEG, PNG, ...), among local
    // features.
    FaceSearchResult byPhoto(const QByteArray &imageBytes, int k, const FaceSearchFilter &filter = {},
                             float minSimilarity = -1.f) const;
    // Events like a library person's first photo (the one devices get).
    FaceSearchResult byPerson(qint64 indexId, int k, const FaceSearchFilter &filter = {},
                              float minSimilarity = -1.f) const;

    QString engineName() const { return m_engine->name(); }
    // Entries per index, for the UI and tests: the local index, then device ones.
    qsizetype localCount() const;
    qsizetype deviceCount(int dims) const;

private:
    using IndexPtr = std::shared_ptr<FeatureIndex>;
    struct Indexes {
        IndexPtr local;
        QHash<int, IndexPtr> device;  // by dimension
        DeviceIdMap devices;
    };

    // This thread's connection to the archive, opened on first use; invalid (and
    // *error set) when the archive cannot be opened.
    QSqlDatabase connection(QString *error) const;
    IndexPtr makeDeviceIndex(int dims) const;
    IndexPtr makeLocalIndex() const;
    bool add(FeatureKind kind, qint64 eventId, qint64 timeMs, const QString &deviceUuid, int picSort,
             const QList<float> &values);
    // Searches one index under the read lock, leaving out `exclude`.
    FaceSearchResult run(FeatureKind kind, int dims, const QVector<float> &query, qint64 exclude, int k,
                         const FaceSearchFilter &filter, float minSimilarity) const;

    store::DatabaseConfig m_config;
    std::shared_ptr<const face::FaceEngine> m_engine;
    QString m_connectionPrefix;

    mutable QReadWriteLock m_lock;  // guards m_indexes
    Indexes m_indexes;
    qint64 m_localHighWater = 0;  // local_features.added of the last row loaded

    mutable QMutex m_connectionsMutex;   // guards m_connections
    mutable QStringList m_connections;   // names of the per-thread connections opened so far
};

} // namespace fd::match
