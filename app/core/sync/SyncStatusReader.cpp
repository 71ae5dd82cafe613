#include "SyncStatusReader.h"

#include "SyncPlanner.h"

#include <QDateTime>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace fd::sync {

using library::WantedPerson;

SyncStatusReader::SyncStatusReader(QSqlDatabase db, const QString &libraryDir)
    : m_db(db), m_library(db, libraryDir), m_state(db)
{
}

bool SyncStatusReader::fail(const QString &what)
{
    m_error = what;
    return false;
}

QStringList SyncStatusReader::knownDevices()
{
    QStringList out;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT uuid FROM devices UNION SELECT device_uuid FROM assignments WHERE device_uuid <> '' "
                               "UNION SELECT device_uuid FROM device_group_members "
                               "UNION SELECT device_uuid FROM sync_state ORDER BY 1"))) {
        fail(q.lastError().text());
        return out;
    }
    while (q.next())
        out << q.value(0).toString();
    return out;
}

DeviceSyncStatus SyncStatusReader::device(const QString &uuid)
{
    DeviceSyncStatus s;
    s.uuid = uuid;
    const QList<WantedPerson> wanted = m_library.wantedBy(uuid);
    const QList<StateRow> rows = m_state.rows(uuid);
    if (!m_library.lastError().isEmpty() || !m_state.lastError().isEmpty()) {
        fail(m_library.lastError() + m_state.lastError());
        return s;
    }
    s.counts = plan(wanted, rows, QDateTime::currentMSecsSinceEpoch()).counts;
    s.verify = m_state.verifyOf(uuid);
    return s;
}

QList<DeviceSyncStatus> SyncStatusReader::devices()
{
    QList<DeviceSyncStatus> out;
    for (const QString &uuid : knownDevices())
        out.append(device(uuid));
    return out;
}

QStringList SyncStatusReader::devicesWanting(qint64 indexId)
{
    QStringList out;
    QSqlQuery q(m_db);
    // The person's list or the person itself, assigned to a device or to a group.
    q.prepare(QStringLiteral(R"(
WITH mine AS (SELECT a.* FROM assignments a
              WHERE a.index_id = ? OR a.list_id = (SELECT list_id FROM persons WHERE index_id = ?))
SELECT device_uuid FROM mine WHERE device_uuid <> ''
UNION
SELECT m.device_uuid FROM mine JOIN device_group_members m ON m.group_id = mine.group_id AND mine.group_id <> 0
ORDER BY 1)"));
    q.addBindValue(indexId);
    q.addBindValue(indexId);
    if (!q.exec()) {
        fail(q.lastError().text());
        return out;
    }
    while (q.next())
        out << q.value(0).toString();
    return out;
}

QList<PersonSyncStatus> SyncStatusReader::person(qint64 indexId)
{
    QList<PersonSyncStatus> out;
    qint64 revision = -1;
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT revision FROM persons WHERE index_id = ?"));
        q.addBindValue(indexId);
        if (!q.exec()) {
            fail(q.lastError().text());
            return out;
        }
        if (q.next())
            revision = q.value(0).toLongLong();
    }
    const QStringList wanting = revision >= 0 ? devicesWanting(indexId) : QStringList();
    QHash<QString, StateRow> rows;
    for (const auto &[uuid, row] : m_state.rowsFor(indexId))
        rows.insert(uuid, row);
    QStringList uuids = wanting;
    for (auto it = rows.cbegin(); it != rows.cend(); ++it)
        if (!uuids.contains(it.key()))
            uuids << it.key();
    uuids.sort();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const WantedPerson w{indexId, revision};
    for (const QString &uuid : std::as_const(uuids)) {
        const auto row = rows.constFind(uuid);
        const StateRow *r = row == rows.cend() ? nullptr : &row.value();
        const ItemState s = classify(wanting.contains(uuid) ? &w : nullptr, r, now);
        if (!s.relevant)
            continue;
        PersonSyncStatus p;
        p.uuid = uuid;
        p.status = s.status;
        p.wanted = s.wanted;
        p.waiting = s.waiting;
        if (r) {
            p.confirmedRevision = r->confirmedRevision;
            p.errorCode = r->errorCode;
            p.errorText = r->errorText;
            p.attempts = r->attempts;
            p.nextAttemptAt = r->nextAttemptAt;
        }
        out.append(p);
    }
    return out;
}

QList<SyncFailure> SyncStatusReader::failures(const QString &uuid)
{
    QList<SyncFailure> out;
    const QStringList uuids = uuid.isEmpty() ? knownDevices() : QStringList{uuid};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QString &device : uuids) {
        const QList<WantedPerson> wanted = m_library.wantedBy(device);
        QHash<qint64, const WantedPerson *> byId;
        for (const WantedPerson &w : wanted)
            byId.insert(w.indexId, &w);
        QList<SyncFailure> mine;
        QList<qint64> ids;
        for (const StateRow &r : m_state.rows(device)) {
            const WantedPerson *w = byId.value(r.indexId);
            const ItemState s = classify(w, &r, now);
            if (!s.relevant || s.status != ItemStatus::Failed)
                continue;
            mine.append(SyncFailure{device, r.indexId, {}, !s.wanted, r.errorCode, r.errorText});
            ids << r.indexId;
        }
        const QHash<qint64, QString> names = m_library.personNames(ids);
        for (SyncFailure &f : mine)
            f.name = names.value(f.indexId);
        out += mine;
    }
    return out;
}

} // namespace fd::sync
