// The persons recently read for commands, so that the same person going to several
// devices is read from the archive once, not once per device. Bounded by count and
// bytes; dropped whenever the library changes (kick, change counter).
#pragma once

#include "SyncCommand.h"

#include <QHash>
#include <QList>

namespace fd::sync {

class PictureCache {
public:
    PictureCache(int maxEntries = 512, qint64 maxBytes = 32 * 1024 * 1024) : m_maxEntries(maxEntries), m_maxBytes(maxBytes) {}

    // The cached person if it is at least at the planned revision (a newer one is fine:
    // what is sent is what gets confirmed).
    const SourcedPicture *find(const Action &action) const
    {
        const auto it = m_entries.constFind(action.indexId);
        return it != m_entries.cend() && it->revision >= action.revision ? &it.value() : nullptr;
    }

    void put(const SourcedPicture &picture)
    {
        const qint64 id = picture.picture.indexId;
        if (picture.state != SourcedPicture::State::Ready || picture.picture.jpeg.size() > m_maxBytes / 4)
            return;
        if (const auto it = m_entries.find(id); it != m_entries.end()) {
            m_bytes -= it->picture.jpeg.size();
            m_order.removeOne(id);
        }
        m_entries.insert(id, picture);
        m_order.append(id);
        m_bytes += picture.picture.jpeg.size();
        while (m_order.size() > m_maxEntries || m_bytes > m_maxBytes) {
            const qint64 oldest = m_order.takeFirst();
            m_bytes -= m_entries.take(oldest).picture.jpeg.size();
        }
    }

    void clear()
    {
        m_entries.clear();
        m_order.clear();
        m_bytes = 0;
    }

private:
    int m_maxEntries;
    qint64 m_maxBytes;
    qint64 m_bytes = 0;
    QHash<qint64, SourcedPicture> m_entries;
    QList<qint64> m_order;  // oldest first
};

} // namespace fd::sync
