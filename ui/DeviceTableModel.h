// The registry as a table for the Devices panel; refreshed on registry signals. On a
// site archive, also the devices other collectors hold (setSiteDevices, from the
// ArchiveFeed), after this desk's own and marked so: approving, renaming and
// forgetting them is their collector's business, so the panel's buttons skip them.
#pragma once

#include "store/StoreWriter.h"

#include <QAbstractTableModel>
#include <QSet>

#include <optional>

namespace fd::devices { class DeviceRegistry; }

namespace fd::ui {

class DeviceTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Type, State, Online, Uuid, Mac, Host, Version, LastSeen, Events, LibrarySync, LengthMismatches, ColumnCount };

    explicit DeviceTableModel(devices::DeviceRegistry *registry, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    QString uuidAt(int row) const;
    void countEvent(const QString &uuid);
    // Events already archived today, per device, so the column means "today" from the start.
    void setEventCounts(const QHash<QString, qint64> &counts);
    int onlineCount() const;
    void setSiteDevices(const QList<store::DeviceRow> &devices);
    // Whether the row is one of this desk's own registry (false: another collector's).
    bool isOwn(int row) const;
    // A device another collector holds, by uuid; nullopt when none does.
    std::optional<store::DeviceRow> siteDevice(const QString &uuid) const;
    // Where each device stands with the face library ("120 in sync · 2 failed"),
    // and the failures' reasons for the tooltip.
    void setLibrarySync(const QHash<QString, QPair<QString, QString>> &summaries);

private:
    void reload();

    devices::DeviceRegistry *m_registry;
    QList<store::DeviceRow> m_rows;
    QHash<QString, qint64> m_events;
    QHash<QString, QPair<QString, QString>> m_sync;
    QHash<QString, store::DeviceRow> m_site;  // other collectors' devices, by uuid
    QSet<QString> m_own;                      // uuids of m_rows that are the registry's
};

} // namespace fd::ui
