// The newest events for the live wall, newest first, at most `capacity` of them
// (the archive keeps the rest). Arrivals are coalesced: however many come in a
// frame, the view sees one insertion, so a burst of hundreds per second costs one
// layout, not hundreds.
#pragma once

#include "EventTile.h"

#include <QAbstractListModel>
#include <QSet>
#include <QTimer>

#include <deque>
#include <functional>

namespace fd::ui {

class LiveEventModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles { TileRole = Qt::UserRole + 1, ListRole, EventIdRole };

    explicit LiveEventModel(int capacity = 500, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

    void add(EventTile tile);
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    int queuedWhilePaused() const { return int(m_pending.size()); }
    int capacity() const { return m_capacity; }
    const EventTile &tileAt(int row) const { return m_tiles[size_t(row)]; }
    // Changes the tile of this event, shown or still queued; false when the wall no
    // longer (or not yet) holds it.
    bool update(qint64 eventId, const std::function<void(EventTile &)> &change);
    // Takes these events off the wall, shown or queued (a person forgotten with their
    // events: their faces must not stay on screen); returns how many went.
    int remove(const QSet<qint64> &eventIds);

signals:
    void queuedChanged(int queued);

private:
    void flush();

    int m_capacity;
    std::deque<EventTile> m_tiles;    // row 0 = newest
    std::deque<EventTile> m_pending;  // arrived since the last flush (or while paused)
    QTimer m_flush;
    bool m_paused = false;
};

} // namespace fd::ui
