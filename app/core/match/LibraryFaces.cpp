#include "LibraryFaces.h"

#include <QSet>

#include <cmath>
#include <limits>

namespace fd::match {

float euclidean(const QVector<float> &a, const QVector<float> &b)
{
    if (a.size() != b.size())
        return std::numeric_limits<float>::infinity();
    float sum = 0;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const float d = a[i] - b[i];
        sum += d * d;
    }
    return std::sqrt(sum);
}

int LibraryFaces::personCount() const
{
    QSet<qint64> persons;
    for (const library::PhotoDescriptor &p : m_photos)
        persons.insert(p.indexId);
    return int(persons.size());
}

NearestPerson LibraryFaces::nearest(const QVector<float> &values) const
{
    NearestPerson best;
    float bestDistance = std::numeric_limits<float>::infinity();
    for (const library::PhotoDescriptor &p : m_photos) {
        const float d = euclidean(values, p.values);
        if (d < bestDistance) {
            bestDistance = d;
            best.indexId = p.indexId;
            best.listId = p.listId;
        }
    }
    best.distance = best.indexId < 0 ? 0 : bestDistance;
    return best;
}

float LibraryFaces::distanceTo(qint64 indexId, const QVector<float> &values, int *listId) const
{
    float best = -1;
    for (const library::PhotoDescriptor &p : m_photos) {
        if (p.indexId != indexId)
            continue;
        const float d = euclidean(values, p.values);
        if (best < 0 || d < best)
            best = d;
        if (listId)
            *listId = p.listId;
    }
    return best;
}

} // namespace fd::match
