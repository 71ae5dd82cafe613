// The face library's descriptors in memory, for live matching: every photo's vector
// of one engine kind with its person and list, searched exhaustively for the nearest
// person. Exhaustive because the library is small next to the archive (10,000
// persons are 1.3 M floats, about 1 ms a query on one core here) and because the
// answer must be exact: an alert depends on it.
#pragma once

#include "library/LibraryTypes.h"

#include <QList>
#include <QVector>

namespace fd::match {

struct NearestPerson {
    qint64 indexId = -1;  // -1: the library is empty
    int listId = 0;
    float distance = 0;   // Euclidean, between unit vectors
};

class LibraryFaces {
public:
    LibraryFaces() = default;
    explicit LibraryFaces(QList<library::PhotoDescriptor> photos) : m_photos(std::move(photos)) {}

    int photoCount() const { return int(m_photos.size()); }
    int personCount() const;
    // The person whose nearest photo is nearest to values (unit length, same kind).
    NearestPerson nearest(const QVector<float> &values) const;
    // values' distance to this person's nearest photo (and the person's list); -1
    // when the person has none.
    float distanceTo(qint64 indexId, const QVector<float> &values, int *listId = nullptr) const;

private:
    QList<library::PhotoDescriptor> m_photos;
};

float euclidean(const QVector<float> &a, const QVector<float> &b);

} // namespace fd::match
