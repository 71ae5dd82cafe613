#include "SyncPlanner.h"

#include <algorithm>

namespace fd::sync {

using library::WantedPerson;

ItemState classify(const WantedPerson *wanted, const StateRow *row, qint64 nowMs)
{
    static const StateRow none;
    const StateRow &r = row ? *row : none;
    ItemState s;
    s.wanted = wanted != nullptr;
    if (wanted) {
        s.relevant = true;
        if (r.confirmedRevision == wanted->revision) {
            s.status = ItemStatus::Synced;
        } else if (r.failedRevision == wanted->revision) {
            s.status = ItemStatus::Failed;  // until the person changes or a full reconcile
        } else {
            s.status = ItemStatus::Pending;
            s.waiting = r.nextAttemptAt > nowMs;
        }
        return s;
    }
    // Not wanted: only what the device (maybe) holds matters; it has to go.
    if (r.confirmedRevision <= 0 && !r.mayHold) {
        s.relevant = false;
        s.status = ItemStatus::Synced;
        return s;
    }
    s.relevant = true;
    if (r.failedRevision == kDeleteFailed) {
        s.status = ItemStatus::Failed;
    } else {
        s.status = ItemStatus::Pending;
        s.waiting = r.nextAttemptAt > nowMs;
    }
    return s;
}

std::optional<Action> actionFor(const WantedPerson *wanted, const StateRow *row, qint64 nowMs)
{
    const ItemState s = classify(wanted, row, nowMs);
    if (!s.relevant || s.status != ItemStatus::Pending || s.waiting)
        return std::nullopt;
    const qint64 indexId = wanted ? wanted->indexId : row->indexId;
    if (!wanted)
        return Action{ActionKind::Delete, indexId, 0};
    // Only a confirmed older revision is updated. A person the device may hold without
    // confirmation is added again: adds replace by index_id, and FaceDesk cannot know
    // which version is there (PROTOCOL.md, "Library sync").
    const bool confirmedOlder = row && row->confirmedRevision > 0;
    return Action{confirmedOlder ? ActionKind::Update : ActionKind::Add, indexId, wanted->revision};
}

Plan plan(const QList<WantedPerson> &wanted, const QList<StateRow> &state, qint64 nowMs, const QSet<qint64> &inFlight)
{
    Plan out;
    QList<Action> deletes, updates, adds;
    const auto consider = [&](const WantedPerson *w, const StateRow *r) {
        const qint64 id = w ? w->indexId : r->indexId;
        if (inFlight.contains(id)) {
            ++out.counts.total;
            ++out.counts.pending;
            if (!w)
                ++out.counts.removals;
            return;
        }
        const ItemState s = classify(w, r, nowMs);
        if (!s.relevant) {
            out.forget.append(id);
            return;
        }
        ++out.counts.total;
        if (!s.wanted)
            ++out.counts.removals;
        switch (s.status) {
        case ItemStatus::Synced: ++out.counts.done; break;
        case ItemStatus::Failed: ++out.counts.failed; break;
        case ItemStatus::Pending: ++out.counts.pending; break;
        }
        if (s.waiting)
            ++out.counts.waiting;
        if (s.waiting && r && (out.wakeAt == 0 || r->nextAttemptAt < out.wakeAt))
            out.wakeAt = r->nextAttemptAt;
        if (const std::optional<Action> a = actionFor(w, r, nowMs)) {
            switch (a->kind) {
            case ActionKind::Delete: deletes.append(*a); break;
            case ActionKind::Update: updates.append(*a); break;
            case ActionKind::Add: adds.append(*a); break;
            }
        }
    };
    // A merge of the two lists by index_id.
    qsizetype i = 0, j = 0;
    while (i < wanted.size() || j < state.size()) {
        if (j >= state.size() || (i < wanted.size() && wanted[i].indexId < state[j].indexId)) {
            consider(&wanted[i], nullptr);
            ++i;
        } else if (i >= wanted.size() || state[j].indexId < wanted[i].indexId) {
            consider(nullptr, &state[j]);
            ++j;
        } else {
            consider(&wanted[i], &state[j]);
            ++i;
            ++j;
        }
    }
    out.actions = deletes + updates + adds;
    return out;
}

} // namespace fd::sync
