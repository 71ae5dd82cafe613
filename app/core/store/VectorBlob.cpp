#include "VectorBlob.h"

#include <QtEndian>

#include <cstring>

namespace fd::store {

QByteArray vectorToBlob(const QVector<float> &values)
{
    // Never a null QByteArray: Qt binds a null one as SQL NULL, and vector is NOT NULL
    // even for the "no face" rows.
    QByteArray blob(values.size() * qsizetype(sizeof(float)), Qt::Uninitialized);
    if constexpr (Q_BYTE_ORDER == Q_LITTLE_ENDIAN) {
        if (!values.isEmpty())
            std::memcpy(blob.data(), values.constData(), size_t(blob.size()));
    } else {
        for (qsizetype i = 0; i < values.size(); ++i)
            qToLittleEndian(values[i], blob.data() + i * qsizetype(sizeof(float)));
    }
    return blob.isNull() ? QByteArray("") : blob;
}

QVector<float> vectorFromBlob(const QByteArray &blob, int dims)
{
    if (dims <= 0 || blob.size() != qsizetype(dims) * qsizetype(sizeof(float)))
        return {};
    QVector<float> values(dims);
    if constexpr (Q_BYTE_ORDER == Q_LITTLE_ENDIAN) {
        std::memcpy(values.data(), blob.constData(), size_t(blob.size()));
    } else {
        for (int i = 0; i < dims; ++i)
            values[i] = qFromLittleEndian<float>(blob.constData() + qsizetype(i) * qsizetype(sizeof(float)));
    }
    return values;
}

} // namespace fd::store
