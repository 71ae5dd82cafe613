// The sync engine's plain data: a device's sync_state rows, the actions a plan
// consists of, per-item outcomes and per-device counts. Shared by the planner, the
// engine, its state store and the status reader.
#pragma once

#include <QList>
#include <QString>

namespace fd::sync {

// failed_revision of a person whose *delete* the device refused for good: deletes
// have no revision of their own, and 0 means "nothing failed".
constexpr qint64 kDeleteFailed = -1;

// Codes FaceDesk itself records when it cannot even build a command; negative and far
// from the protocol's codes so that resultCodeText() is never asked about them.
namespace localcode {
constexpr int NoPhoto = -9001;       // the person has no photo, or its file cannot be read
} // namespace localcode

// One sync_state row: what a device confirmed for one person, and how the last
// attempt went.
struct StateRow {
    qint64 indexId = -1;
    qint64 confirmedRevision = 0;  // 0: the device holds nothing FaceDesk confirmed
    qint64 failedRevision = 0;     // refused for good at this revision; kDeleteFailed for a delete
    int errorCode = 0;             // the last error, permanent or not (0: none)
    QString errorText;
    int attempts = 0;              // transient failures since the last success
    qint64 nextAttemptAt = 0;      // ms since the epoch; no retry before it
    bool mayHold = false;          // the device may hold an unconfirmed version
    bool operator==(const StateRow &) const = default;
};

enum class ActionKind { Add, Update, Delete };

struct Action {
    ActionKind kind = ActionKind::Add;
    qint64 indexId = -1;
    qint64 revision = 0;  // the revision to confirm on success; 0 for a delete
    bool operator==(const Action &) const = default;
};

// Where one person stands on one device.
enum class ItemStatus { Synced, Pending, Failed };

struct ItemState {
    ItemStatus status = ItemStatus::Synced;
    bool wanted = false;     // false: the device should not hold it (a removal when not synced)
    bool relevant = false;   // false: nothing to show or do (not wanted, not held): the row can go
    bool waiting = false;    // pending but in back-off (next_attempt_at in the future)
};

// What the device answered for one item of a command.
struct ItemOutcome {
    Action action;
    int code = 0;              // the protocol's code, or a localcode
    bool transport = false;    // no answer at all (connection lost, timeout)
    QString text;              // set for local codes and transport failures; else resultCodeText(code)
};

// A device's totals. total = wanted persons + removals still to do; done = synced;
// failed = refused for good at the current revision; pending = the rest.
struct SyncCounts {
    qint64 total = 0;
    qint64 done = 0;
    qint64 failed = 0;
    qint64 pending = 0;
    qint64 removals = 0;  // of pending + failed: persons to delete from the device
    qint64 waiting = 0;   // of pending: in back-off after a transient failure
    bool operator==(const SyncCounts &) const = default;
};

} // namespace fd::sync
