// sync_state and its companions in the archive database: what each device confirmed,
// what failed and why, the back-off of retries, the last verify, and the library's
// change counter. Every reply is recorded in one transaction.
//
// Not thread-safe: each thread uses its own store on its own connection.
#pragma once

#include "SyncTypes.h"

#include <QSet>
#include <QSqlDatabase>
#include <QStringList>

namespace fd::sync {

struct RetryPolicy {
    int baseMs = 5000;       // the first retry after a transient failure
    int maxMs = 10 * 60000;  // the back-off doubles up to this
    // When attempt number `attempts` (1 for the first failure) may be retried.
    qint64 nextAttemptAt(qint64 nowMs, int attempts) const;
};

struct DeviceVerify {
    qint64 verifiedAt = 0;  // ms since the epoch; 0: never
    qint64 heldCount = -1;  // persons the device listed then; -1: unknown
};

class SyncStateStore {
public:
    explicit SyncStateStore(QSqlDatabase db) : m_db(std::move(db)) {}

    QString lastError() const { return m_error; }

    // A device's rows, ordered by index_id.
    QList<StateRow> rows(const QString &uuid);
    // One person's rows on every device, keyed by device uuid.
    QList<QPair<QString, StateRow>> rowsFor(qint64 indexId);

    // Before a command goes out: the device may hold these persons from now on,
    // whatever happens to the answer.
    bool markSent(const QString &uuid, const QList<Action> &adds);
    // A device's answer (or its absence), one transaction: success confirms (a
    // confirmed delete drops the row); a permanent error marks the item failed at its
    // revision with the code's text; anything else counts an attempt and backs off.
    bool record(const QString &uuid, const QList<ItemOutcome> &outcomes, qint64 nowMs, const RetryPolicy &retry);
    // Drops rows that mean nothing any more.
    bool forget(const QString &uuid, const QList<qint64> &indexIds);
    // A full reconcile: permanent failures and back-offs of the device are forgotten.
    bool resetFailures(const QString &uuid);
    // What a device says it holds: confirmed persons it does not hold become
    // unconfirmed (sent again); persons it holds that FaceDesk did not confirm are
    // marked may_hold (deleted if not wanted, sent again if wanted).
    bool applyVerify(const QString &uuid, const QSet<qint64> &held, qint64 nowMs);
    DeviceVerify verifyOf(const QString &uuid);

    // Bumped by triggers whenever persons, assignments or group members change.
    qint64 libraryChangeCounter();

private:
    bool fail(const QString &what);

    QSqlDatabase m_db;
    QString m_error;
};

} // namespace fd::sync
