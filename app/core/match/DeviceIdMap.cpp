#include "DeviceIdMap.h"

namespace fd::match {

int DeviceIdMap::idFor(const QString &uuid)
{
    if (uuid.isEmpty())
        return -1;
    const auto it = m_ids.constFind(uuid);
    if (it != m_ids.constEnd())
        return it.value();
    if (m_uuids.size() >= kMaxDevices)
        return -1;
    const int id = int(m_uuids.size());
    m_ids.insert(uuid, id);
    m_uuids.append(uuid);
    return id;
}

int DeviceIdMap::find(const QString &uuid) const
{
    return m_ids.value(uuid, -1);
}

QString DeviceIdMap::uuidOf(int id) const
{
    return id >= 0 && id < m_uuids.size() ? m_uuids.at(id) : QString();
}

QList<int> DeviceIdMap::find(const QList<QString> &uuids) const
{
    QList<int> ids;
    for (const QString &uuid : uuids)
        if (const int id = find(uuid); id >= 0)
            ids.append(id);
    return ids;
}

void DeviceIdMap::clear()
{
    m_ids.clear();
    m_uuids.clear();
}

} // namespace fd::match
