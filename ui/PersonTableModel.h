// The face library as a table for the editor: one page of persons at a time from
// the database (fetchMore as the admin scrolls), thumbnails decoded off the GUI
// thread on first sight, and each person's sync state across devices.
#pragma once

#include "ThumbnailCache.h"

#include "library/LibraryStore.h"

#include <QAbstractTableModel>
#include <QHash>

#include <functional>

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

    explicit PersonTableModel(library::LibraryStore *store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    void setFilter(const library::PersonFilter &filter);
    // Reloads from the database, keeping as many rows loaded as before.
    void reload();
    qint64 totalCount() const { return m_total; }
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

private:
    void loadPage(qint64 offset, qint64 limit);
    void thumbnailReady(qint64 photoId);
    void refreshSyncCounts(const QList<qint64> &indexIds);

    library::LibraryStore *m_store;
    library::PersonFilter m_filter;
    QList<library::Person> m_rows;
    QHash<qint64, int> m_rowOf;
    qint64 m_total = 0;
    QHash<int, QString> m_listNames;
    SyncCountsSource m_syncSource;
    QHash<qint64, PersonSyncCounts> m_sync;
    ThumbnailCache *m_thumbnails;  // by photo id
};

} // namespace fd::ui
