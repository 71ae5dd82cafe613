#include "WallFilterModel.h"

#include "LiveEventModel.h"

namespace fd::ui {

void WallFilterModel::setDevice(const QString &uuid)
{
    m_device = uuid;
    invalidateRowsFilter();
}

void WallFilterModel::setList(int list)
{
    m_list = list;
    invalidateRowsFilter();
}

void WallFilterModel::setAlertsOnly(bool on)
{
    m_alertsOnly = on;
    invalidateRowsFilter();
}

bool WallFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *model = static_cast<const LiveEventModel *>(sourceModel());
    if (sourceParent.isValid() || sourceRow >= model->rowCount())
        return false;
    const EventTile &t = model->tileAt(sourceRow);
    if (!m_device.isEmpty() && t.deviceUuid != m_device)
        return false;
    if (m_list != AnyList && int(t.list) != m_list)
        return false;
    if (m_alertsOnly && !t.alerted)
        return false;
    return true;
}

} // namespace fd::ui
