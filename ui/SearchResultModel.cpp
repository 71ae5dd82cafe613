#include "SearchResultModel.h"

#include "store/QueryWorker.h"

#include <QColor>
#include <QPromise>
#include <QLocale>

namespace fd::ui {

using namespace fd::search;

namespace {

// What one trip to the worker brings back for the table.
struct PageAnswer {
    EventPage page;
    qint64 count = -1;  // -1: not counted (a further page)
    QString error;
};

// One page (and, with `counted`, the count first), on the worker's connection.
PageAnswer readPage(QSqlDatabase &db, const QString &root, const EventFilter &filter, EventOrder order, int size,
                    const PageCursor &after = {}, bool counted = false)
{
    EventQuery query(db, root);
    PageAnswer a;
    if (counted)
        a.count = query.count(filter);
    if (query.lastError().isEmpty())
        a.page = query.page(filter, order, size, after);
    a.error = query.lastError();
    return a;
}

} // namespace

SearchResultModel::SearchResultModel(store::QueryWorker *worker, QObject *parent)
    : QAbstractTableModel(parent), m_worker(worker), m_imagesRoot(worker->config().imagesDir()),
      m_thumbnails(new ThumbnailCache(48, 3000, this))
{
    connect(m_thumbnails, &ThumbnailCache::ready, this, &SearchResultModel::thumbnailReady);
}

void SearchResultModel::search(const EventFilter &filter, EventOrder order)
{
    beginResetModel();
    m_filter = filter;
    m_order = order;
    m_hits.clear();
    m_rowOf.clear();
    m_similarity.clear();
    m_next = {};
    m_more = false;
    m_count = 0;
    m_error.clear();
    endResetModel();
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_worker->run([root = m_imagesRoot, filter, order](QSqlDatabase &db) {
        return readPage(db, root, filter, order, PageSize, {}, true);
    }).then(this, [this, generation](const PageAnswer &a) {
        if (generation != m_generation)
            return;  // a newer search replaced this one
        m_loading = false;
        m_count = a.error.isEmpty() ? a.count : -1;
        m_error = a.error;
        appendPage(a.page);
        emit loaded();
    });
}

void SearchResultModel::showRanked(const QList<QPair<qint64, float>> &ranked, const EventFilter &filter)
{
    beginResetModel();
    m_filter = filter;
    m_hits.clear();
    m_rowOf.clear();
    m_similarity.clear();
    m_more = false;
    m_count = 0;
    m_error.clear();
    QList<qint64> ids;
    for (const auto &[id, similarity] : ranked) {
        ids << id;
        m_similarity.insert(id, similarity);
    }
    endResetModel();
    EventFilter restricted = filter;
    restricted.eventIds = ids;
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_worker->run([root = m_imagesRoot, restricted, n = int(qMax<qsizetype>(1, ids.size()))](QSqlDatabase &db) {
        return readPage(db, root, restricted, EventOrder::NewestFirst, n);
    }).then(this, [this, generation](PageAnswer a) {
        if (generation != m_generation)
            return;
        m_loading = false;
        m_error = a.error;
        // Rank order: best similarity first, the newer event first among equals.
        std::stable_sort(a.page.hits.begin(), a.page.hits.end(), [this](const EventHit &x, const EventHit &y) {
            return m_similarity.value(x.id) > m_similarity.value(y.id);
        });
        a.page.more = false;
        appendPage(a.page);
        m_count = m_hits.size();
        emit loaded();
    });
}

bool SearchResultModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_more;
}

void SearchResultModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent) || m_loading)
        return;  // the page asked for is on its way
    const quint64 generation = m_generation;
    m_loading = true;
    m_worker->run([root = m_imagesRoot, filter = m_filter, order = m_order, next = m_next](QSqlDatabase &db) {
        return readPage(db, root, filter, order, PageSize, next);
    }).then(this, [this, generation](const PageAnswer &a) {
        if (generation != m_generation)
            return;
        m_loading = false;
        m_error = a.error;
        appendPage(a.page);
        emit loaded();
    });
}

void SearchResultModel::appendPage(const EventPage &page)
{
    m_more = page.more;
    m_next = page.next;
    if (page.hits.isEmpty())
        return;
    beginInsertRows({}, int(m_hits.size()), int(m_hits.size() + page.hits.size() - 1));
    for (const EventHit &h : page.hits) {
        m_rowOf.insert(h.id, int(m_hits.size()));
        m_hits.append(h);
    }
    endInsertRows();
}

QFuture<QList<EventHit>> SearchResultModel::allHits(int cap) const
{
    QList<EventHit> loaded = m_hits.mid(0, cap);
    if (!m_more || loaded.size() >= cap || isRanked()) {
        QPromise<QList<EventHit>> ready;  // (makeReadyFuture would make a future of each hit)
        ready.start();
        ready.addResult(loaded);
        ready.finish();
        return ready.future();
    }
    return m_worker->run([root = m_imagesRoot, filter = m_filter, order = m_order, next = m_next, loaded,
                          cap](QSqlDatabase &db) mutable {
        EventQuery query(db, root);
        PageCursor after = next;
        for (bool more = true; more && loaded.size() < cap;) {
            const EventPage page = query.page(filter, order, qMin(5000, int(cap - loaded.size())), after);
            loaded += page.hits;
            more = page.more && !page.hits.isEmpty();
            after = page.next;
        }
        return loaded;
    });
}

void SearchResultModel::thumbnailReady(qint64 eventId)
{
    const int row = m_rowOf.value(eventId, -1);
    if (row >= 0)
        emit dataChanged(index(row, Face), index(row, Face), {Qt::DecorationRole});
}

int SearchResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_hits.size());
}

int SearchResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SearchResultModel::listText(int picSort)
{
    switch (picSort) {
    case 1: return tr("Blacklist");
    case 2: return tr("Whitelist");
    case 3: return tr("VIP");
    case 4: return tr("Custom");
    case -1:
    case 0: return tr("Stranger");
    }
    return tr("List %1").arg(picSort);
}

QVariant SearchResultModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_hits.size())
        return {};
    const EventHit &h = m_hits[index.row()];
    if (role == Qt::UserRole)
        return h.id;
    if (index.column() == Face && role == Qt::DecorationRole) {
        const std::optional<QPixmap> p = m_thumbnails->get(h.id, h.facePath);
        return p ? QVariant(*p) : QVariant();
    }
    if (role == Qt::ForegroundRole && index.column() == List && h.picSort == 1)
        return QColor(0xC6, 0x28, 0x28);
    if (role == Qt::TextAlignmentRole && (index.column() == Score || index.column() == Similarity))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    const auto pick = [](int v, std::initializer_list<std::pair<int, QString>> names) {
        for (const auto &[value, name] : names)
            if (value == v)
                return name;
        return QString();
    };
    switch (index.column()) {
    case Time: return QLocale().toString(h.captureTime.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Device: return h.deviceName.isEmpty() ? h.deviceUuid : h.deviceName;
    case Person: return h.personName.isEmpty() ? tr("Stranger") : h.personName;
    case List: return listText(h.picSort);
    case Score: return h.matchScore >= 0 ? QStringLiteral("%1%").arg(qRound(h.matchScore)) : QString();
    case Similarity: {
        const float s = engineValueAt(index.row());
        return s > -2.f ? QString::number(double(s), 'f', 3) : QString();
    }
    case Quality: return h.quality >= 0 ? QString::number(h.quality) : QString();
    case Age: return h.age >= 0 ? QString::number(h.age) : QString();
    case Gender: return pick(h.gender, {{1, tr("male")}, {2, tr("female")}});
    case Mask: return pick(h.mask, {{0, tr("no")}, {1, tr("yes")}});
    case Temperature: return h.temperature > -1000 ? QStringLiteral("%1 °C").arg(h.temperature, 0, 'f', 1) : QString();
    case Acknowledged: return h.acknowledged ? tr("yes") : QString();
    }
    return {};
}

float SearchResultModel::engineValueAt(int row) const
{
    const float s = similarityAt(row);
    return s > -2.f ? face::toEngineScale(m_scale, s) : -2.f;
}

void SearchResultModel::setEngineScale(const face::FaceEngine::Scale &scale)
{
    m_scale = scale;
    emit headerDataChanged(Qt::Horizontal, Similarity, Similarity);
    if (!m_hits.isEmpty())
        emit dataChanged(index(0, Similarity), index(int(m_hits.size()) - 1, Similarity), {Qt::DisplayRole});
}

QVariant SearchResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == Similarity && m_scale.distance)
        return tr("Distance");
    static const char *const names[] = {QT_TR_NOOP("Face"),    QT_TR_NOOP("Time"),       QT_TR_NOOP("Device"),
                                        QT_TR_NOOP("Person"),  QT_TR_NOOP("List"),       QT_TR_NOOP("Score"),
                                        QT_TR_NOOP("Similarity"), QT_TR_NOOP("Quality"), QT_TR_NOOP("Age"),
                                        QT_TR_NOOP("Gender"),  QT_TR_NOOP("Mask"),       QT_TR_NOOP("Temperature"),
                                        QT_TR_NOOP("Acknowledged")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace fd::ui
