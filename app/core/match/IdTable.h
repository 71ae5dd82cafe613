// Which row holds an id: open addressing over row numbers; the ids themselves stay in
// the index's id column, passed in with each call. Four bytes a slot at a load of at
// most one half, about 8 MB for a million rows, where a QHash<qint64, quint32> would
// take about three times that.
#pragma once

#include <QtGlobal>

#include <vector>

namespace fd::match {

class IdTable {
public:
    static constexpr quint32 kNone = 0xFFFFFFFFu;

    // The live row holding id, or kNone. ids and live are the index's columns.
    quint32 find(qint64 id, const qint64 *ids, const quint8 *live) const;
    // Records the newest row, `row`; rows before it are in already. Dead rows keep
    // their slots (they are skipped by find) until the next rebuild or growth.
    void append(quint32 row, const qint64 *ids, const quint8 *live);
    // Records the live rows among 0..rows-1 afresh (after a compaction).
    void rebuild(quint32 rows, const qint64 *ids, const quint8 *live);
    void clear();

    qint64 memoryBytes() const { return qint64(m_slots.capacity() * sizeof(quint32)); }

private:
    void place(quint32 row, qint64 id);
    static quint64 mix(qint64 id);

    std::vector<quint32> m_slots;  // size a power of two, or empty
};

} // namespace fd::match
