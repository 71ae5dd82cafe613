// The face library as a table for the editor: one page of persons at a time from
// the database (fetchMore as the admin scrolls), thumbnails decoded off the GUI
// thread on first sight, and each person's sync state across devices. Pages, counts
// and list names are read on the window's query worker (store/QueryWorker): on a
// site archive each is a round trip, and the table shows what it has meanwhile;
// loaded() says when more came. An answer to a filter since replaced is dropped.
#pragma once

#include "ThumbnailCache.h"

#include "library/LibraryStore.h"
#include "store/ImageStore.h"

#include <QAbstractTableModel>
#include <QHash>

#include <functional>

namespace fd::store { class QueryWorker; }

namespace fd::ui {

// How one person stands across the devices that should hold them.
struct PersonSyncCounts {
    int synced = 0;
    int pending = 0;
    int failed = 0;
    QString firstError;  // the reason of one failure, for the tooltip
};

class PersonTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Photo, Name, CardNo, Gender, List, Devices, Updated, ColumnCount };
    static constexpr int PageSize = 200;

    explicit PersonTableModel(store::QueryWorker *queries, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    void setFilter(const library::PersonFilter &filter);
    // Reloads from the database, keeping as many rows loaded as before.
    void reload();
    // Persons matching the filter, and in the whole library (as of the last answer).
    qint64 totalCount() const { return m_total; }
    qint64 libraryCount() const { return m_libraryTotal; }
    // The library's lists (as of the last answer).
    const QList<library::FaceList> &lists() const { return m_lists; }
    bool isLoading() const { return m_loading; }
    QString lastError() const { return m_error; }
    const library::Person &personAt(int row) const { return m_rows.at(row); }
    int rowOf(qint64 indexId) const { return m_rowOf.value(indexId, -1); }

    // Where the Devices column gets its numbers: asked with the ids of each page as it
    // loads, it answers through setSyncCounts(), at once or later (the window reads
    // them on a pool thread, so scrolling never waits for the database).
    using SyncCountsSource = std::function<void(const QList<qint64> &indexIds)>;
    // Pages loaded from now on ask it; the rows already loaded get theirs from
    // setSyncCounts() (the window's first refresh reads them with the devices').
    void setSyncCountsSource(SyncCountsSource source);
    // Counts for loaded rows, from the source or a periodic refresh.
    void setSyncCounts(const QHash<qint64, PersonSyncCounts> &counts);
    QList<qint64> loadedIds() const;

signals:
    // A filter's or reload's first rows, or a further page, arrived (or failed: lastError()).
    void loaded();
    // The lists arrived and differ from the ones before.
    void listsChanged();

private:
    struct Answer;
    // Reads rows [offset, offset + limit) and, with `counts`, the counts and lists.
    void load(qint64 offset, qint64 limit, bool counts);
    void apply(const Answer &answer);
    void thumbnailReady(qint64 photoId);
    void refreshSyncCounts(const QList<qint64> &indexIds);

    store::QueryWorker *m_queries;
    store::ImageStore m_photos;
    library::PersonFilter m_filter;
    quint64 m_generation = 0;  // the filter an answer belongs to
    bool m_loading = false;
    QString m_error;
    qint64 m_libraryTotal = 0;
    QList<library::FaceList> m_lists;
    QList<library::Person> m_rows;
    QHash<qint64, int> m_rowOf;
    qint64 m_total = 0;
    QHash<int, QString> m_listNames;
    SyncCountsSource m_syncSource;
    QHash<qint64, PersonSyncCounts> m_sync;
    ThumbnailCache *m_thumbnails;  // by photo id
};

} // namespace fd::ui
