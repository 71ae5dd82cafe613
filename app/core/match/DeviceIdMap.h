// Device uuids ("12721SSQSQCA") as small numbers for FeatureIndex, whose device
// column is two bytes a row: a QString a row would cost more than the vector's code.
// Numbers are handed out in order of first sight and never reused, so a filter built
// from them stays valid while devices come and go.
#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace fd::match {

class DeviceIdMap {
public:
    // Numbers run from 0 to kMaxDevices - 1; 65535 is the index's "no device".
    static constexpr int kMaxDevices = 65535;

    // The uuid's number, handing out the next one on first sight; -1 for an empty uuid
    // or when all numbers are taken.
    int idFor(const QString &uuid);
    // The uuid's number, or -1 when it has none yet.
    int find(const QString &uuid) const;
    // The uuid behind a number, or an empty string.
    QString uuidOf(int id) const;
    // Numbers for several uuids, for a device filter; unknown uuids are left out (no
    // stored row can carry them).
    QList<int> find(const QList<QString> &uuids) const;

    int size() const { return int(m_uuids.size()); }
    void clear();

private:
    QHash<QString, int> m_ids;
    QList<QString> m_uuids;
};

} // namespace fd::match
