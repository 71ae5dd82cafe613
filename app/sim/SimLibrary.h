// The face library a simulated device keeps, with the checks a real device makes
// before it accepts a photo, each answered with the protocol's own code.
#pragma once

#include "protocol/Messages.h"

#include <QMap>

namespace fd::face { class HaarFaceDetector; }

namespace fd::sim {

class SimLibrary {
public:
    SimLibrary(int capacity, const face::HaarFaceDetector *detector) : m_capacity(capacity), m_detector(detector) {}

    // Add (or, with update, replace) one person; returns the result code.
    int add(const protocol::LibraryPicture &picture, bool update);
    int remove(qint64 indexId);

    int size() const { return int(m_people.size()); }
    int capacity() const { return m_capacity; }
    const QMap<qint64, protocol::LibraryPicture> &people() const { return m_people; }

    // The code a device gives this photo (0 when it would accept it).
    int validate(const QByteArray &jpeg) const;

private:
    int m_capacity;
    const face::HaarFaceDetector *m_detector;
    QMap<qint64, protocol::LibraryPicture> m_people;
};

} // namespace fd::sim
