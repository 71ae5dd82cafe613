#include "IdTable.h"

namespace fd::match {

quint64 IdTable::mix(qint64 id)
{
    // splitmix64's finaliser: event ids are consecutive, and consecutive keys must not
    // fill consecutive slots, or linear probing walks long runs.
    quint64 x = quint64(id);
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    x ^= x >> 31;
    return x;
}

quint32 IdTable::find(qint64 id, const qint64 *ids, const quint8 *live) const
{
    if (m_slots.empty())
        return kNone;
    const quint64 mask = m_slots.size() - 1;
    for (quint64 s = mix(id) & mask;; s = (s + 1) & mask) {
        const quint32 row = m_slots[s];
        if (row == kNone)
            return kNone;
        if (ids[row] == id && live[row])
            return row;
    }
}

void IdTable::place(quint32 row, qint64 id)
{
    const quint64 mask = m_slots.size() - 1;
    quint64 s = mix(id) & mask;
    while (m_slots[s] != kNone)
        s = (s + 1) & mask;
    m_slots[s] = row;
}

void IdTable::append(quint32 row, const qint64 *ids, const quint8 *live)
{
    if ((size_t(row) + 1) * 2 > m_slots.size())
        rebuild(row, ids, live);  // doubles; the new row follows
    place(row, ids[row]);
}

void IdTable::rebuild(quint32 rows, const qint64 *ids, const quint8 *live)
{
    size_t size = 64;
    while (size < (size_t(rows) + 1) * 2)
        size *= 2;
    m_slots.assign(size, kNone);
    m_slots.shrink_to_fit();
    for (quint32 r = 0; r < rows; ++r)
        if (live[r])
            place(r, ids[r]);
}

void IdTable::clear()
{
    m_slots.clear();
    m_slots.shrink_to_fit();
}

} // namespace fd::match
