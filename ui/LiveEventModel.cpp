#include "LiveEventModel.h"

namespace fd::ui {

ListKind listKindFromPicSort(int picSort)
{
    switch (picSort) {
    case 1: return ListKind::Blacklist;
    case 2: return ListKind::Whitelist;
    case 3: return ListKind::Vip;
    case -1: return ListKind::None;
    default: return ListKind::Custom;
    }
}

QString listName(ListKind kind)
{
    switch (kind) {
    case ListKind::Blacklist: return LiveEventModel::tr("Blacklist");
    case ListKind::Whitelist: return LiveEventModel::tr("Whitelist");
    case ListKind::Vip: return LiveEventModel::tr("VIP");
    case ListKind::Custom: return LiveEventModel::tr("Custom");
    case ListKind::None: break;
    }
    return {};
}

QString shownListName(int listId, const QString &storedName)
{
    static const QStringList builtIn = {QStringLiteral("Blacklist"), QStringLiteral("Whitelist"), QStringLiteral("VIP"),
                                        QStringLiteral("Custom")};
    if (listId >= 1 && listId <= 4 && storedName == builtIn[listId - 1])
        return listName(listKindFromPicSort(listId));
    return storedName;
}

LiveEventModel::LiveEventModel(int capacity, QObject *parent) : QAbstractListModel(parent), m_capacity(capacity)
{
    m_flush.setInterval(16);  // one insertion per frame at 60 Hz
    m_flush.setSingleShot(true);
    connect(&m_flush, &QTimer::timeout, this, &LiveEventModel::flush);
}

int LiveEventModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tiles.size());
}

QVariant LiveEventModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_tiles.size()))
        return {};
    const EventTile &t = m_tiles[size_t(index.row())];
    switch (role) {
    case TileRole: return QVariant::fromValue(t);
    case ListRole: return int(t.list);
    case EventIdRole: return t.eventId;
    case Qt::DisplayRole: return t.personName.isEmpty() ? tr("Stranger") : t.personName;
    case Qt::ToolTipRole:
        return tr("%1 at %2, %3").arg(t.personName.isEmpty() ? tr("Stranger") : t.personName, t.deviceName,
                                      t.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    default: return {};
    }
}

bool LiveEventModel::update(qint64 eventId, const std::function<void(EventTile &)> &change)
{
    for (EventTile &t : m_pending) {
        if (t.eventId == eventId) {
            change(t);
            return true;
        }
    }
    for (size_t row = 0; row < m_tiles.size(); ++row) {
        if (m_tiles[row].eventId == eventId) {
            change(m_tiles[row]);
            const QModelIndex i = index(int(row));
            emit dataChanged(i, i);
            return true;
        }
    }
    return false;
}

void LiveEventModel::add(EventTile tile)
{
    m_pending.push_back(std::move(tile));
    // While paused nothing reaches the view, but a flood must not grow without end.
    while (int(m_pending.size()) > m_capacity)
        m_pending.pop_front();
    if (m_paused) {
        emit queuedChanged(int(m_pending.size()));
        return;
    }
    if (!m_flush.isActive())
        m_flush.start();
}

void LiveEventModel::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused)
        flush();
    emit queuedChanged(paused ? int(m_pending.size()) : 0);
}

void LiveEventModel::flush()
{
    if (m_pending.empty() || m_paused)
        return;
    const int n = int(m_pending.size());
    beginInsertRows({}, 0, n - 1);
    // The newest of the batch goes to row 0.
    for (auto &tile : m_pending)
        m_tiles.push_front(std::move(tile));
    m_pending.clear();
    endInsertRows();
    const int excess = int(m_tiles.size()) - m_capacity;
    if (excess > 0) {
        beginRemoveRows({}, m_capacity, int(m_tiles.size()) - 1);
        m_tiles.resize(size_t(m_capacity));
        endRemoveRows();
    }
}

int LiveEventModel::remove(const QSet<qint64> &eventIds)
{
    const auto before = m_pending.size();
    std::erase_if(m_pending, [&](const EventTile &t) { return eventIds.contains(t.eventId); });
    int removed = int(before - m_pending.size());
    if (removed && m_paused)
        emit queuedChanged(int(m_pending.size()));
    for (int row = int(m_tiles.size()) - 1; row >= 0; --row) {
        if (!eventIds.contains(m_tiles[size_t(row)].eventId))
            continue;
        beginRemoveRows({}, row, row);
        m_tiles.erase(m_tiles.begin() + row);
        endRemoveRows();
        ++removed;
    }
    return removed;
}

} // namespace fd::ui
