#include "EventRecord.h"

#include <QCryptographicHash>

namespace fd::store {

QByteArray EventRecord::dedupKey(const QByteArray &faceHash) const
{
    QCryptographicHash h(QCryptographicHash::Blake2b_256);
    h.addData(deviceUuid.toUtf8());
    h.addData(QByteArrayView("\n"));
    h.addData(push.imageName.toUtf8());
    h.addData(QByteArrayView("\n"));
    h.addData(push.captureTimeText.toUtf8());
    h.addData(QByteArrayView("\n"));
    h.addData(QByteArray::number(push.faceId));
    h.addData(QByteArrayView("\n"));
    h.addData(faceHash);
    return h.result().toHex();
}

QString EventRecord::methodName() const
{
    switch (push.kind) {
    case protocol::FacePush::Kind::Compare: return QString::fromLatin1(protocol::method::FaceComparePush);
    case protocol::FacePush::Kind::Capture: return QString::fromLatin1(protocol::method::FaceCapturePush);
    case protocol::FacePush::Kind::HttpReport: return QString::fromLatin1(protocol::method::CapFaceReport);
    }
    return {};
}

} // namespace fd::store
