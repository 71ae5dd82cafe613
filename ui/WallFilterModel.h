// The wall's filters: one device or all, one list or all (strangers are a "list"
// too), and alerts only. Applied on top of LiveEventModel, so filtering costs no
// reload and the model keeps coalescing arrivals underneath.
#pragma once

#include "EventTile.h"

#include <QSortFilterProxyModel>

namespace fd::ui {

class WallFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    static constexpr int AnyList = -1;
    static constexpr int Strangers = int(ListKind::None);

    void setDevice(const QString &uuid);       // empty: every device
    void setList(int list);                    // AnyList, or a ListKind value
    void setAlertsOnly(bool on);
    QString device() const { return m_device; }
    int list() const { return m_list; }
    bool alertsOnly() const { return m_alertsOnly; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_device;
    int m_list = AnyList;
    bool m_alertsOnly = false;
};

} // namespace fd::ui
