// The way to a device's long connection, as the library sync sees it: send a command,
// hear the answers, know who is connected. FaceServer is the one implementation today;
// the interface lives here, below both, so that sync/ needs no part of server/ (before
// it, sync included the server, and the server's thread included the sync: a cycle
// that per-folder libraries could not link). A collector that holds a device on
// another machine would be a second implementation.
#pragma once

#include "protocol/MessageCodec.h"

#include <QObject>
#include <QStringList>

namespace fd::devices {

class DeviceChannel : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~DeviceChannel() override = default;

    // Sends a command down the device's long connection; false when it has none.
    virtual bool sendToDevice(const QString &uuid, const QByteArray &json) = 0;
    // Devices with a long connection now.
    virtual QStringList connectedDevices() const = 0;
    // Aborts a device's long connection. The sync engine does this when a command
    // timed out: replies carry no request id, so a late answer on the same connection
    // could not be told from the answer to the next command.
    virtual void dropSession(const QString &uuid) = 0;

signals:
    // The device asked for the library (sw_device_sync_data).
    void deviceSyncRequested(const QString &uuid);
    // An answer to a command sent with sendToDevice.
    void deviceReplied(const QString &uuid, const fd::protocol::Decoded &reply);
    // A device's long connection began (its first successful bare-JSON heartbeat on a
    // connection), or ended. A newer connection replacing an older one is reported
    // as closed, then opened.
    void deviceSessionOpened(const QString &uuid);
    void deviceSessionClosed(const QString &uuid);
};

} // namespace fd::devices
