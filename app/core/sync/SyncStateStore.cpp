#include "SyncStateStore.h"

#include "protocol/ErrorCodes.h"
#include "store/Database.h"

#include <QDateTime>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace fd::sync {

namespace {

const char kColumns[] = "index_id, confirmed_revision, failed_revision, error_code, error_text, attempts, "
                        "next_attempt_at, may_hold";

StateRow rowFrom(const QSqlQuery &q, int first)
{
    StateRow r;
    r.indexId = q.value(first).toLongLong();
    r.confirmedRevision = q.value(first + 1).toLongLong();
    r.failedRevision = q.value(first + 2).toLongLong();
    r.errorCode = q.value(first + 3).toInt();
    r.errorText = q.value(first + 4).toString();
    r.attempts = q.value(first + 5).toInt();
    r.nextAttemptAt = q.value(first + 6).toLongLong();
    r.mayHold = q.value(first + 7).toInt() != 0;
    return r;
}

QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts << QString::number(id);
    return parts.join(u',');
}

// A null QString binds as SQL NULL; error_text is NOT NULL.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

} // namespace

qint64 RetryPolicy::nextAttemptAt(qint64 nowMs, int attempts) const
{
    qint64 delay = std::max(1, baseMs);
    for (int i = 1; i < attempts && delay < maxMs; ++i)
        delay *= 2;
    return nowMs + std::min<qint64>(delay, std::max(baseMs, maxMs));
}

bool SyncStateStore::fail(const QString &what)
{
    m_error = what;
    return false;
}

QList<StateRow> SyncStateStore::rows(const QString &uuid)
{
    m_error.clear();  // an empty list must be told from a failed read
    QList<StateRow> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM sync_state WHERE device_uuid = ? ORDER BY index_id")
                  .arg(QLatin1String(kColumns)));
    q.addBindValue(uuid);
    if (!q.exec()) {
        fail(q.lastError().text());
        return out;
    }
    while (q.next())
        out.append(rowFrom(q, 0));
    return out;
}

QList<QPair<QString, StateRow>> SyncStateStore::rowsFor(qint64 indexId)
{
    QList<QPair<QString, StateRow>> out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT device_uuid, %1 FROM sync_state WHERE index_id = ? ORDER BY device_uuid")
                  .arg(QLatin1String(kColumns)));
    q.addBindValue(indexId);
    if (!q.exec()) {
        fail(q.lastError().text());
        return out;
    }
    while (q.next())
        out.append({q.value(0).toString(), rowFrom(q, 1)});
    return out;
}

bool SyncStateStore::markSent(const QString &uuid, const QList<Action> &adds)
{
    if (adds.isEmpty())
        return true;
    if (!store::beginWrite(m_db))
        return fail(m_db.lastError().text());
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO sync_state (device_uuid, index_id, may_hold, updated_at) VALUES (?, ?, 1, ?) "
                             "ON CONFLICT (device_uuid, index_id) DO UPDATE SET may_hold = 1, updated_at = excluded.updated_at"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const Action &a : adds) {
        q.addBindValue(uuid);
        q.addBindValue(a.indexId);
        q.addBindValue(now);
        if (!q.exec()) {
            fail(q.lastError().text());
            m_db.rollback();
            return false;
        }
    }
    return m_db.commit() || (m_db.rollback(), fail(m_db.lastError().text()));
}

bool SyncStateStore::record(const QString &uuid, const QList<ItemOutcome> &outcomes, qint64 nowMs,
                            const RetryPolicy &retry)
{
    if (outcomes.isEmpty())
        return true;
    if (!store::beginWrite(m_db))
        return fail(m_db.lastError().text());
    const auto abort = [this](const QSqlQuery &q) {
        fail(q.lastError().text());
        m_db.rollback();
        return false;
    };

    // Attempts so far, for the back-off of items that failed transiently.
    QList<qint64> retried;
    for (const ItemOutcome &o : outcomes)
        if (o.transport || (o.code != protocol::code::Ok && o.code != localcode::NoPhoto
                            && !protocol::isPermanentLibraryError(o.code)))
            retried << o.action.indexId;
    QHash<qint64, int> attempts;
    if (!retried.isEmpty()) {
        QSqlQuery a(m_db);
        a.prepare(QStringLiteral("SELECT index_id, attempts FROM sync_state WHERE device_uuid = ? AND index_id IN (%1)")
                      .arg(idList(retried)));
        a.addBindValue(uuid);
        if (!a.exec())
            return abort(a);
        while (a.next())
            attempts.insert(a.value(0).toLongLong(), a.value(1).toInt());
    }

    QSqlQuery confirm(m_db), dropped(m_db), failed(m_db), backoff(m_db);
    confirm.prepare(QStringLiteral(
        "INSERT INTO sync_state (device_uuid, index_id, confirmed_revision, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (device_uuid, index_id) DO UPDATE SET confirmed_revision = excluded.confirmed_revision, "
        "failed_revision = 0, error_code = 0, error_text = '', attempts = 0, next_attempt_at = 0, may_hold = 0, "
        "updated_at = excluded.updated_at"));
    dropped.prepare(QStringLiteral("DELETE FROM sync_state WHERE device_uuid = ? AND index_id = ?"));
    // A refused add leaves nothing new on the device (may_hold cleared); a refused
    // update leaves the confirmed older revision; a refused delete leaves the person.
    failed.prepare(QStringLiteral(
        "INSERT INTO sync_state (device_uuid, index_id, failed_revision, error_code, error_text, attempts, updated_at) "
        "VALUES (?, ?, ?, ?, ?, 1, ?) "
        "ON CONFLICT (device_uuid, index_id) DO UPDATE SET failed_revision = excluded.failed_revision, "
        "error_code = excluded.error_code, error_text = excluded.error_text, attempts = sync_state.attempts + 1, "
        "next_attempt_at = 0, may_hold = CASE WHEN ? = 1 THEN 0 ELSE sync_state.may_hold END, updated_at = excluded.updated_at"));
    backoff.prepare(QStringLiteral(
        "INSERT INTO sync_state (device_uuid, index_id, error_code, error_text, attempts, next_attempt_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (device_uuid, index_id) DO UPDATE SET error_code = excluded.error_code, "
        "error_text = excluded.error_text, attempts = excluded.attempts, next_attempt_at = excluded.next_attempt_at, "
        "updated_at = excluded.updated_at"));
    // A statement that does not prepare says why here, not as "transaction aborted" later.
    for (const QSqlQuery *q : {&confirm, &dropped, &failed, &backoff})
        if (q->lastError().isValid())
            return abort(*q);

    for (const ItemOutcome &o : outcomes) {
        const Action &a = o.action;
        const bool deleting = a.kind == ActionKind::Delete;
        if (!o.transport && o.code == protocol::code::Ok) {
            QSqlQuery &q = deleting ? dropped : confirm;
            q.addBindValue(uuid);
            q.addBindValue(a.indexId);
            if (!deleting) {
                q.addBindValue(a.revision);
                q.addBindValue(nowMs);
            }
            if (!q.exec())
                return abort(q);
        } else if (!o.transport && (o.code == localcode::NoPhoto || protocol::isPermanentLibraryError(o.code))) {
            failed.addBindValue(uuid);
            failed.addBindValue(a.indexId);
            failed.addBindValue(deleting ? kDeleteFailed : a.revision);
            failed.addBindValue(o.code);
            failed.addBindValue(text(o.text.isEmpty() ? protocol::resultCodeText(o.code) : o.text));
            failed.addBindValue(nowMs);
            failed.addBindValue(a.kind == ActionKind::Add ? 1 : 0);
            if (!failed.exec())
                return abort(failed);
        } else {
            const int n = attempts.value(a.indexId, 0) + 1;
            backoff.addBindValue(uuid);
            backoff.addBindValue(a.indexId);
            backoff.addBindValue(o.transport ? 0 : o.code);
            backoff.addBindValue(text(o.text.isEmpty() ? protocol::resultCodeText(o.code) : o.text));
            backoff.addBindValue(n);
            backoff.addBindValue(retry.nextAttemptAt(nowMs, n));
            backoff.addBindValue(nowMs);
            if (!backoff.exec())
                return abort(backoff);
        }
    }
    return m_db.commit() || (m_db.rollback(), fail(m_db.lastError().text()));
}

bool SyncStateStore::forget(const QString &uuid, const QList<qint64> &indexIds)
{
    if (indexIds.isEmpty())
        return true;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM sync_state WHERE device_uuid = ? AND index_id IN (%1)").arg(idList(indexIds)));
    q.addBindValue(uuid);
    return q.exec() || fail(q.lastError().text());
}

bool SyncStateStore::resetFailures(const QString &uuid)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE sync_state SET failed_revision = 0, error_code = 0, error_text = '', attempts = 0, "
                             "next_attempt_at = 0 WHERE device_uuid = ? AND (failed_revision <> 0 OR attempts <> 0 "
                             "OR next_attempt_at <> 0 OR error_code <> 0)"));
    q.addBindValue(uuid);
    return q.exec() || fail(q.lastError().text());
}

bool SyncStateStore::applyVerify(const QString &uuid, const QSet<qint64> &held, qint64 nowMs)
{
    const QList<StateRow> current = rows(uuid);
    if (!m_error.isEmpty())
        return false;
    if (!store::beginWrite(m_db))
        return fail(m_db.lastError().text());
    QSqlQuery gone(m_db), maybe(m_db), device(m_db);
    gone.prepare(QStringLiteral("UPDATE sync_state SET confirmed_revision = 0, may_hold = 0, updated_at = ? "
                                "WHERE device_uuid = ? AND index_id = ?"));
    maybe.prepare(QStringLiteral("INSERT INTO sync_state (device_uuid, index_id, may_hold, updated_at) VALUES (?, ?, 1, ?) "
                                 "ON CONFLICT (device_uuid, index_id) DO UPDATE SET may_hold = 1, "
                                 "updated_at = excluded.updated_at"));
    QSet<qint64> known;
    for (const StateRow &r : current) {
        known.insert(r.indexId);
        const bool holds = held.contains(r.indexId);
        if (!holds && (r.confirmedRevision > 0 || r.mayHold)) {
            gone.addBindValue(nowMs);
            gone.addBindValue(uuid);
            gone.addBindValue(r.indexId);
            if (!gone.exec()) {
                fail(gone.lastError().text());
                m_db.rollback();
                return false;
            }
        } else if (holds && r.confirmedRevision <= 0 && !r.mayHold) {
            known.remove(r.indexId);  // held but never confirmed: marked below
        }
    }
    for (qint64 id : held) {
        if (known.contains(id))
            continue;
        maybe.addBindValue(uuid);
        maybe.addBindValue(id);
        maybe.addBindValue(nowMs);
        if (!maybe.exec()) {
            fail(maybe.lastError().text());
            m_db.rollback();
            return false;
        }
    }
    device.prepare(QStringLiteral("INSERT INTO sync_devices (device_uuid, verified_at, held_count) VALUES (?, ?, ?) "
                                  "ON CONFLICT (device_uuid) DO UPDATE SET verified_at = excluded.verified_at, "
                                  "held_count = excluded.held_count"));
    device.addBindValue(uuid);
    device.addBindValue(nowMs);
    device.addBindValue(qint64(held.size()));
    if (!device.exec()) {
        fail(device.lastError().text());
        m_db.rollback();
        return false;
    }
    return m_db.commit() || (m_db.rollback(), fail(m_db.lastError().text()));
}

DeviceVerify SyncStateStore::verifyOf(const QString &uuid)
{
    DeviceVerify v;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT verified_at, held_count FROM sync_devices WHERE device_uuid = ?"));
    q.addBindValue(uuid);
    if (q.exec() && q.next()) {
        v.verifiedAt = q.value(0).toLongLong();
        v.heldCount = q.value(1).toLongLong();
    }
    return v;
}

qint64 SyncStateStore::libraryChangeCounter()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT counter FROM library_changes WHERE id = 1")) || !q.next())
        return fail(q.lastError().text()), -1;
    return q.value(0).toLongLong();
}

} // namespace fd::sync
