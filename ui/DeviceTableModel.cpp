#include "DeviceTableModel.h"

#include "devices/DeviceRegistry.h"
#include "protocol/DeviceType.h"

#include <QColor>
#include <QFont>
#include <QDateTime>

namespace fd::ui {

DeviceTableModel::DeviceTableModel(devices::DeviceRegistry *registry, QObject *parent)
    : QAbstractTableModel(parent), m_registry(registry)
{
    connect(registry, &devices::DeviceRegistry::deviceChanged, this, &DeviceTableModel::reload);
    connect(registry, &devices::DeviceRegistry::presenceChanged, this, &DeviceTableModel::reload);
    connect(registry, &devices::DeviceRegistry::deviceRemoved, this, &DeviceTableModel::reload);
    reload();
}

void DeviceTableModel::reload()
{
    // A device is this desk's own when its registry holds the fresher word on it: the
    // registry also loads the site's devices at start, and must not show another
    // collector's online device as offline here.
    QList<store::DeviceRow> rows;
    QSet<QString> own;
    for (const store::DeviceRow &r : m_registry->devices()) {
        const auto site = m_site.constFind(r.uuid);
        if (r.online || site == m_site.constEnd() || r.lastSeen > site->lastSeen) {
            rows.append(r);
            own.insert(r.uuid);
        }
    }
    for (const store::DeviceRow &r : std::as_const(m_site))
        if (!own.contains(r.uuid))
            rows.append(r);
    // This desk's own first, then the other collectors', each by uuid.
    std::sort(rows.begin(), rows.end(), [&own](const auto &a, const auto &b) {
        const bool ownA = own.contains(a.uuid), ownB = own.contains(b.uuid);
        return ownA != ownB ? ownA : a.uuid < b.uuid;
    });
    m_own = own;
    const bool sameDevices = rows.size() == m_rows.size()
        && std::equal(rows.cbegin(), rows.cend(), m_rows.cbegin(), [](const auto &a, const auto &b) { return a.uuid == b.uuid; });
    if (sameDevices) {
        // Heartbeats and presence change values, not rows: update in place, so a
        // selection the admin is about to approve survives.
        m_rows = std::move(rows);
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int DeviceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeviceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DeviceTableModel::uuidAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].uuid : QString();
}

void DeviceTableModel::setEventCounts(const QHash<QString, qint64> &counts)
{
    m_events = counts;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Events), index(int(m_rows.size()) - 1, Events));
}

void DeviceTableModel::countEvent(const QString &uuid)
{
    ++m_events[uuid];
    for (int r = 0; r < m_rows.size(); ++r)
        if (m_rows[r].uuid == uuid)
            emit dataChanged(index(r, Events), index(r, Events));
}

void DeviceTableModel::setLibrarySync(const QHash<QString, QPair<QString, QString>> &summaries)
{
    m_sync = summaries;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, LibrarySync), index(int(m_rows.size()) - 1, LibrarySync));
}

void DeviceTableModel::setSiteDevices(const QList<store::DeviceRow> &devices)
{
    m_site.clear();
    for (const store::DeviceRow &r : devices)
        m_site.insert(r.uuid, r);
    reload();
}

bool DeviceTableModel::isOwn(int row) const
{
    return row >= 0 && row < m_rows.size() && m_own.contains(m_rows[row].uuid);
}

std::optional<store::DeviceRow> DeviceTableModel::siteDevice(const QString &uuid) const
{
    const auto it = m_site.constFind(uuid);
    return it == m_site.constEnd() ? std::nullopt : std::optional<store::DeviceRow>(*it);
}

int DeviceTableModel::onlineCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const auto &r) { return r.online; }));
}

QVariant DeviceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name");
    case Type: return tr("Type");
    case State: return tr("State");
    case Online: return tr("Online");
    case Uuid: return tr("UUID");
    case Mac: return tr("MAC");
    case Host: return tr("IP");
    case Version: return tr("Software");
    case LastSeen: return tr("Last heartbeat");
    case Events: return tr("Events today");
    case LibrarySync: return tr("Face library");
    case LengthMismatches: return tr("Length mismatches");
    default: return {};
    }
}

QVariant DeviceTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const store::DeviceRow &r = m_rows[index.row()];
    if (role == Qt::ForegroundRole && index.column() == Online)
        return r.online ? QColor(0x2E, 0x7D, 0x32) : QColor(0x9E, 0x9E, 0x9E);
    if (role == Qt::ForegroundRole && index.column() == State && r.state == QLatin1String("pending"))
        return QColor(0xE6, 0x51, 0x00);
    const bool own = m_own.contains(r.uuid);
    if (!own && role == Qt::ToolTipRole)
        return tr("Held by another collector of this site: approve, rename or forget it on the desk that "
                  "receives its events.");
    if (!own && role == Qt::FontRole) {
        QFont italic;
        italic.setItalic(true);
        return italic;
    }
    if (role == Qt::ToolTipRole && index.column() == LibrarySync)
        return m_sync.value(r.uuid).second;
    if (role == Qt::ToolTipRole && index.column() == LengthMismatches)
        return tr("Messages since FaceDesk started whose dataLength did not match their size. They were "
                  "accepted; a steady count points at the device's firmware.");
    if (role == Qt::ForegroundRole && index.column() == LengthMismatches && r.lengthMismatches > 0)
        return QColor(0xE6, 0x51, 0x00);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name: return r.name.isEmpty() ? r.uuid : r.name;
    case Type: return protocol::deviceTypeName(r.deviceType);
    case State: {
        const QString state = r.state == QLatin1String("approved") ? tr("Approved")
            : r.state == QLatin1String("rejected")                 ? tr("Rejected")
                                                                   : tr("Pending approval");
        return own ? state : tr("%1 (another collector)").arg(state);
    }
    case Online: return r.online ? tr("Online") : tr("Offline");
    case Uuid: return r.uuid;
    case Mac: return r.mac;
    case Host: return r.host;
    case Version: return r.softVersion;
    case LastSeen:
        return r.lastSeen > 0 ? QDateTime::fromMSecsSinceEpoch(r.lastSeen).toString(QStringLiteral("HH:mm:ss")) : QString();
    case Events: return m_events.value(r.uuid);
    case LibrarySync: return m_sync.value(r.uuid).first;
    case LengthMismatches: return r.lengthMismatches > 0 ? QVariant(r.lengthMismatches) : QVariant();
    default: return {};
    }
}

} // namespace fd::ui
