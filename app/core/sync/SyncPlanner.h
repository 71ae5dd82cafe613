// The pure part of syncing: from what a device should hold (LibraryStore::wantedBy)
// and what it confirmed (sync_state) to the commands that close the gap. No I/O, no
// clock of its own; the engine, the status reader and the tests share these rules.
#pragma once

#include "SyncTypes.h"
#include "library/LibraryTypes.h"

#include <QSet>

#include <optional>

namespace fd::sync {

struct Plan {
    // Deletes first (they free room on a full device), then updates, then adds, each
    // by index_id.
    QList<Action> actions;
    // Rows that mean nothing any more (not wanted, not held): dropped without a command.
    QList<qint64> forget;
    SyncCounts counts;
    // The earliest next_attempt_at among items waiting in back-off (0: none): when the
    // engine should plan again.
    qint64 wakeAt = 0;
};

// Where one person stands on one device. wanted is null when the device should not
// hold the person; row is null when sync_state has none (nothing sent or confirmed).
ItemState classify(const library::WantedPerson *wanted, const StateRow *row, qint64 nowMs);

// The action for one person, if any is due now (not synced, not failed for good at
// this revision, not in back-off).
std::optional<Action> actionFor(const library::WantedPerson *wanted, const StateRow *row, qint64 nowMs);

// Both lists ordered by index_id (as the store returns them). Items in inFlight (a
// command naming them awaits its answer) count as pending and get no action.
Plan plan(const QList<library::WantedPerson> &wanted, const QList<StateRow> &state, qint64 nowMs,
          const QSet<qint64> &inFlight = {});

} // namespace fd::sync
