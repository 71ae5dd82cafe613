// Face feature vectors as database values: float32, little-endian, one after the
// other. The layout of events.feature (a device's vector), local_features.vector (our
// engine's) and library photos' descriptors alike, so every folder that reads or
// writes one (library, match) agrees through this one pair of functions, and the
// library does not reach up into match for them.
#pragma once

#include <QByteArray>
#include <QVector>

namespace fd::store {

// Never a null QByteArray (Qt binds a null one as SQL NULL; "no face" rows store an
// empty, non-null value).
QByteArray vectorToBlob(const QVector<float> &values);
// Empty when the blob is not exactly dims floats long.
QVector<float> vectorFromBlob(const QByteArray &blob, int dims);

} // namespace fd::store
