// The archive's table of local features (local_features): one row per event with
// the vector FaceDesk's own engine computed from the event's face image, its kind
// and where the face was. An event whose image showed no face has a row with no
// vector, so that it is not examined again.
//
// Not thread-safe: each thread uses its own store on its own connection.
#pragma once

#include <QByteArray>
#include <QList>
#include <QRect>
#include <QSqlDatabase>
#include <QString>
#include <QVector>

#include <limits>
#include <memory>
#include <optional>

class QSqlQuery;

namespace fd::match {

struct StoredFeature {
    qint64 eventId = -1;
    QString kind;           // FaceEngine::kindTag()
    QVector<float> values;  // empty: no face was found in the event's image
    QRect face;             // in the face image's coordinates; empty with no face

    bool hasFace() const { return !values.isEmpty(); }
};

// An archived event still waiting for a feature of some kind.
struct PendingFace {
    qint64 eventId = -1;
    QString facePath;  // relative to DatabaseConfig::imagesDir()
};

class FeatureStore {
public:
    explicit FeatureStore(QSqlDatabase db);
    ~FeatureStore();

    // The last call's error; empty when it succeeded.
    QString lastError() const { return m_error; }

    // Writes the rows in one transaction, replacing an event's row of another kind
    // (an event keeps one local feature: the current engine's). Rows of events that
    // were deleted meanwhile (retention) are skipped, not an error.
    bool put(const QList<StoredFeature> &rows);
    std::optional<StoredFeature> get(qint64 eventId);
    // The vector of one event if it has one of this kind: FeatureIndex's re-rank
    // fetcher. The statement is prepared once per store.
    bool fetch(qint64 eventId, const QString &kind, QVector<float> &out);

    // Events with a face image and no row of this kind (none at all, or another
    // engine's), newest first, with ids below beforeId.
    QList<PendingFace> pending(const QString &kind, int limit,
                               qint64 beforeId = std::numeric_limits<qint64>::max());
    qint64 countPending(const QString &kind);
    // Rows of this kind; withFaceOnly leaves out the "no face found" rows.
    qint64 count(const QString &kind, bool withFaceOnly = false);

private:
    bool fail(const QSqlQuery &q);

    QSqlDatabase m_db;
    QString m_error;
    std::unique_ptr<QSqlQuery> m_fetch;
};

} // namespace fd::match
