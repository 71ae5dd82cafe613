// Search results as a table: pages arrive from the archive as the investigator
// scrolls (canFetchMore / fetchMore), faces are decoded for the rows on screen.
// Every query (the count, each page, a similarity result's rows) runs on the
// window's query worker (store/QueryWorker): on a site archive a page is a network
// round trip, and a search over a million events with a narrow filter can take a
// second; the table shows what it has meanwhile, and loaded() says when more came.
// An answer to a search that a newer one replaced is dropped.
// A similarity search shows its ranked events in rank order with the similarity, in
// the engine's own terms (the CNN's distance: an investigator compares it with the
// slider's threshold, which speaks the same way).
#pragma once

#include "ThumbnailCache.h"

#include "face/FaceEngine.h"
#include "search/EventQuery.h"

#include <QAbstractTableModel>
#include <QFuture>
#include <QHash>

namespace fd::store {
class QueryWorker;
}

namespace fd::ui {

class SearchResultModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Face, Time, Device, Person, List, Score, Similarity, Quality, Age, Gender, Mask, Temperature,
                  Acknowledged, ColumnCount };
    static constexpr int PageSize = 200;

    explicit SearchResultModel(store::QueryWorker *worker, QObject *parent = nullptr);

    // A new search: the count and the first page as soon as the worker has them, the
    // rest on demand.
    void search(const search::EventFilter &filter, search::EventOrder order);
    // Similarity results (event id, similarity), best first, restricted by the filter.
    void showRanked(const QList<QPair<qint64, float>> &ranked, const search::EventFilter &filter);
    // Whether an answer is still awaited (the first page, a next one, ranked rows).
    bool isLoading() const { return m_loading; }
    // Every row of the present search, up to `cap`, read on the worker (exports): the
    // rows loaded so far and the pages after them, without adding them to the table.
    QFuture<QList<search::EventHit>> allHits(int cap) const;
    bool isRanked() const { return !m_similarity.isEmpty(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    const search::EventHit &hitAt(int row) const { return m_hits.at(row); }
    float similarityAt(int row) const { return m_similarity.value(m_hits.at(row).id, -2.f); }
    // The same in the engine's terms (a distance for the CNN), -2 when not ranked.
    float engineValueAt(int row) const;
    // How the Similarity column speaks: set by the search panel when the engine is known.
    void setEngineScale(const face::FaceEngine::Scale &scale);
    // Matching events, counted up to a cap (see EventQuery::count); -1 after an error.
    qint64 matchCount() const { return m_count; }
    QString lastError() const { return m_error; }

    static QString listText(int picSort);

signals:
    // A search's count and first page, a further page, or ranked rows arrived (or
    // their query failed: lastError()).
    void loaded();

private:
    void thumbnailReady(qint64 eventId);
    void appendPage(const search::EventPage &page);

    store::QueryWorker *m_worker;
    QString m_imagesRoot;
    quint64 m_generation = 0;  // the search an answer belongs to
    bool m_loading = false;
    search::EventFilter m_filter;
    search::EventOrder m_order = search::EventOrder::NewestFirst;
    QList<search::EventHit> m_hits;
    QHash<qint64, int> m_rowOf;
    QHash<qint64, float> m_similarity;  // cosine, whatever the engine
    face::FaceEngine::Scale m_scale;
    search::PageCursor m_next;
    bool m_more = false;
    qint64 m_count = 0;
    QString m_error;
    ThumbnailCache *m_thumbnails;
};

} // namespace fd::ui
