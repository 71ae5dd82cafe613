// Which devices FaceDesk knows, which may talk to it, their tokens, and whether
// they are online. Lives on the listener's thread, but every public method may be
// called from any thread (the window approves devices from the GUI thread): one
// mutex guards the state, and signals reach other threads queued. Every change is also queued to
// the archive so the registry survives restarts (tokens do not: devices simply ask
// again, which they do on -1003).
#pragma once

#include "protocol/Messages.h"
#include "store/StoreWriter.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QTimer>

namespace fd::devices {

struct RegistryPolicy {
    bool acceptNewDevices = false;  // false: new devices wait as "pending" for an admin
    QString deviceKey;              // when set, accesstoken must carry this device_key
    qint64 tokenLifetimeSeconds = 24 * 3600;
    QString reportUser;             // account for the HTTP sw_cap_face_report form
    QString reportPassword;
    int missedHeartbeatsForOffline = 3;
};

class DeviceRegistry : public QObject {
    Q_OBJECT
public:
    DeviceRegistry(store::StoreWriter *writer, RegistryPolicy policy, QObject *parent = nullptr);

    void load(const QList<store::DeviceRow> &rows);
    QList<store::DeviceRow> devices() const;
    std::optional<store::DeviceRow> device(const QString &uuid) const;
    const RegistryPolicy &policy() const { return m_policy; }

    struct TokenGrant {
        int code = 0;
        QString token;
        qint64 expiresAt = 0;
    };
    TokenGrant issueToken(const protocol::AccessTokenRequest &request, const QString &peerHost);
    // 0, -1002 (not in the list), -1003 (bad token).
    int heartbeat(const protocol::KeepaliveRequest &request, const QString &peerHost);
    // 0, -1004 (not registered / pending / rejected), -1003 (bad token).
    int admitPush(const protocol::FacePush &push, const QString &peerHost);
    int admitSync(const protocol::DeviceSyncRequest &request);

    bool approve(const QString &uuid);
    bool reject(const QString &uuid);
    bool rename(const QString &uuid, const QString &name);
    // Forgets the device (its events stay in the archive); it must be approved again.
    bool remove(const QString &uuid);

    // A message from a known device said a dataLength its text did not have: it was
    // served (PROTOCOL.md 2.4) and is counted, for the device panel.
    void noteLengthMismatch(const QString &uuid);

    // Marks devices offline after missed heartbeats; runs every second by itself.
    void checkPresence(const QDateTime &now);

signals:
    void deviceChanged(const QString &uuid);
    void presenceChanged(const QString &uuid, bool online);
    void devicePending(const QString &uuid);
    void deviceRemoved(const QString &uuid);

private:
    store::DeviceRow &touch(const QString &uuid, const QString &mac, int type, const QString &host, bool *isNew);
    bool tokenValid(const QString &uuid, const QString &token) const;
    void save(const store::DeviceRow &row);
    void setOnline(store::DeviceRow &row, bool online, const QString &why);

    struct Token {
        QString uuid;
        qint64 expiresAt;
    };
    store::StoreWriter *m_writer;
    RegistryPolicy m_policy;
    QHash<QString, store::DeviceRow> m_devices;
    QHash<QString, Token> m_tokens;      // token -> owner
    QHash<QString, qint64> m_lastBeat;   // uuid -> ms of the last heartbeat
    QHash<QString, qint64> m_lastSaved;  // uuid -> ms the row was last written
    QTimer m_presenceTimer;
    mutable QRecursiveMutex m_mutex;
};

} // namespace fd::devices
