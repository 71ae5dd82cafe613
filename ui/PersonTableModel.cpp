#include "PersonTableModel.h"

#include "EventTile.h"

#include "store/QueryWorker.h"

#include <QColor>
#include <QLocale>

namespace fd::ui {

namespace {
constexpr int ThumbnailSide = 40;
}

struct PersonTableModel::Answer {
    quint64 generation = 0;
    QList<library::Person> persons;
    bool counted = false;
    qint64 total = 0;
    qint64 libraryTotal = 0;
    QList<library::FaceList> lists;
    QString error;
};

PersonTableModel::PersonTableModel(store::QueryWorker *queries, QObject *parent)
    : QAbstractTableModel(parent), m_queries(queries), m_photos(queries->config().libraryDir()),
      m_thumbnails(new ThumbnailCache(ThumbnailSide, 2000, this))
{
    connect(m_thumbnails, &ThumbnailCache::ready, this, &PersonTableModel::thumbnailReady);
    reload();
}

void PersonTableModel::setFilter(const library::PersonFilter &filter)
{
    m_filter = filter;
    m_filter.offset = 0;
    m_filter.limit = -1;
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    endResetModel();
    ++m_generation;
    load(0, PageSize, true);
}

void PersonTableModel::reload()
{
    // The rows stay on screen until the new ones arrive: no flicker on every change.
    ++m_generation;
    load(0, qMax<qint64>(PageSize, m_rows.size()), true);
}

void PersonTableModel::load(qint64 offset, qint64 limit, bool counts)
{
    library::PersonFilter page = m_filter;
    page.offset = offset;
    page.limit = limit;
    m_loading = true;
    m_queries->run([page, counts, generation = m_generation, dir = m_photos.root()](QSqlDatabase &db) {
        library::LibraryStore store(db, dir);
        Answer a;
        a.generation = generation;
        a.persons = store.persons(page);
        if (counts) {
            library::PersonFilter all = page;
            all.offset = 0;
            all.limit = -1;
            a.counted = true;
            a.total = store.countPersons(all);
            a.libraryTotal = store.countPersons({});
            a.lists = store.lists();
        }
        a.error = store.lastError();
        return a;
    }).then(this, [this, offset](const Answer &a) {
        if (a.generation != m_generation)
            return;  // a newer filter or reload replaced it
        if (offset == 0 && a.counted && !m_rows.isEmpty()) {
            beginResetModel();  // a reload: its rows replace the ones shown meanwhile
            m_rows.clear();
            m_rowOf.clear();
            endResetModel();
        }
        apply(a);
    });
}

void PersonTableModel::apply(const Answer &a)
{
    m_loading = false;
    m_error = a.error;
    if (a.counted) {
        m_total = a.total;
        m_libraryTotal = a.libraryTotal;
        if (a.lists != m_lists) {
            m_lists = a.lists;
            m_listNames.clear();
            for (const library::FaceList &l : m_lists)
                m_listNames.insert(l.id, shownListName(l.id, l.name));
            emit listsChanged();
        }
    }
    if (!a.persons.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + a.persons.size() - 1));
        QList<qint64> ids;
        for (const library::Person &p : a.persons) {
            m_rowOf.insert(p.indexId, int(m_rows.size()));
            m_rows.append(p);
            ids << p.indexId;
        }
        endInsertRows();
        refreshSyncCounts(ids);
    }
    emit loaded();
}

bool PersonTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_rows.size() < m_total;
}

void PersonTableModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent) && !m_loading)
        load(m_rows.size(), PageSize, false);
}

void PersonTableModel::setSyncCountsSource(SyncCountsSource source)
{
    m_syncSource = std::move(source);
}

void PersonTableModel::refreshSyncCounts(const QList<qint64> &indexIds)
{
    if (!m_syncSource || indexIds.isEmpty())
        return;
    m_syncSource(indexIds);
}

void PersonTableModel::setSyncCounts(const QHash<qint64, PersonSyncCounts> &counts)
{
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        m_sync.insert(it.key(), it.value());
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Devices), index(int(m_rows.size()) - 1, Devices));
}

QList<qint64> PersonTableModel::loadedIds() const
{
    QList<qint64> ids;
    ids.reserve(m_rows.size());
    for (const library::Person &p : m_rows)
        ids << p.indexId;
    return ids;
}

int PersonTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PersonTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void PersonTableModel::thumbnailReady(qint64 photoId)
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (!m_rows[row].photos.isEmpty() && m_rows[row].photos.first().id == photoId) {
            emit dataChanged(index(row, Photo), index(row, Photo), {Qt::DecorationRole});
            break;
        }
    }
}

QVariant PersonTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const library::Person &p = m_rows[index.row()];
    if (role == Qt::UserRole)
        return p.indexId;
    if (index.column() == Photo) {
        if (role == Qt::DecorationRole && !p.photos.isEmpty()) {
            const library::PersonPhoto &photo = p.photos.first();
            if (const std::optional<QPixmap> pixmap = m_thumbnails->get(photo.id, m_photos.absolutePath(photo.path)))
                return *pixmap;
        }
        if (role == Qt::ToolTipRole && !p.photos.isEmpty())
            return tr("%1 × %2, %3 KB, from %4")
                .arg(p.photos.first().size.width())
                .arg(p.photos.first().size.height())
                .arg(p.photos.first().bytes / 1024)
                .arg(p.photos.first().sourceName);
        if (role == Qt::DisplayRole && p.photos.isEmpty())
            return tr("no photo");
        return {};
    }
    const PersonSyncCounts sync = m_sync.value(p.indexId);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name: return p.name;
        case CardNo: return p.cardNo;
        case Gender: return p.gender == 1 ? tr("Male") : p.gender == 0 ? tr("Female") : QString();
        case List: return m_listNames.value(p.listId, QString::number(p.listId));
        case Devices: {
            if (m_syncSource && !m_sync.contains(p.indexId))
                return QStringLiteral("…");  // being read on a pool thread
            if (sync.synced + sync.pending + sync.failed == 0)
                return tr("not assigned");
            QStringList parts;
            parts << tr("%n in sync", nullptr, sync.synced);
            if (sync.pending)
                parts << tr("%n pending", nullptr, sync.pending);
            if (sync.failed)
                parts << tr("%n failed", nullptr, sync.failed);
            return parts.join(QStringLiteral(" · "));
        }
        case Updated: return QLocale().toString(p.updatedAt, QLocale::ShortFormat);
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Devices) {
        if (sync.failed)
            return QColor(0xC6, 0x28, 0x28);
        if (sync.pending)
            return QColor(0xB2, 0x6A, 0x00);
    }
    if (role == Qt::ToolTipRole && index.column() == Devices && !sync.firstError.isEmpty())
        return sync.firstError;
    if (role == Qt::ToolTipRole && index.column() == Name && !p.notes.isEmpty())
        return p.notes;
    return {};
}

QVariant PersonTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Photo: return tr("Photo");
    case Name: return tr("Name");
    case CardNo: return tr("Card number");
    case Gender: return tr("Gender");
    case List: return tr("List");
    case Devices: return tr("Devices");
    case Updated: return tr("Updated");
    }
    return {};
}

} // namespace fd::ui
