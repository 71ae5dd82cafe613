// One face event as the archive keeps it: the push, who sent it, when it arrived.
#pragma once

#include "protocol/Messages.h"

#include <QDateTime>

namespace fd::store {

struct EventRecord {
    protocol::FacePush push;
    QString deviceUuid;       // the registry's uuid for the sender
    QDateTime receivedAt;     // UTC
    quint64 ticket = 0;       // the caller's handle, returned on commit

    // Filled by the writer's file stage, before the row is written: the images are
    // on disk under these names (relative to the images folder) when the row commits.
    bool filesWritten = false;
    QByteArray faceHash;
    QString facePath;
    QString scenePath;
    QString fileError;
    bool fileNoSpace = false;  // the file stage failed because the disk is full

    // Same device, same time, same name, same face bytes: the same event sent again.
    QByteArray dedupKey(const QByteArray &faceHash) const;
    QString methodName() const;
};

} // namespace fd::store
