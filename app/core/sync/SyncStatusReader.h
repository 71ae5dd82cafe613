// Where the library stands on the devices, read from the archive on the caller's own
// connection (the window's thread, `facedesk sync-status`): per device counts for the
// device panel, per person and device status for the editor, and the failures with
// their reasons. The same rules as the engine's planner, so both always agree.
//
// Not thread-safe: one reader per thread and connection. A device summary reads the
// device's wanted set and sync rows (a few ms for 10,000 persons).
#pragma once

#include "SyncStateStore.h"
#include "SyncTypes.h"
#include "library/LibraryStore.h"

#include <QSqlDatabase>
#include <QStringList>

namespace fd::sync {

struct DeviceSyncStatus {
    QString uuid;
    SyncCounts counts;
    DeviceVerify verify;  // the last sw_server_get_sort comparison
};

struct PersonSyncStatus {
    QString uuid;                 // the device
    ItemStatus status = ItemStatus::Pending;
    bool wanted = true;           // false: a removal (the device should not hold the person)
    bool waiting = false;         // pending in back-off until nextAttemptAt
    qint64 confirmedRevision = 0; // 0: the device holds nothing FaceDesk confirmed
    int errorCode = 0;            // the last error (for failed: the reason; for pending: the last retry's)
    QString errorText;
    int attempts = 0;
    qint64 nextAttemptAt = 0;
};

struct SyncFailure {
    QString uuid;
    qint64 indexId = -1;
    QString name;          // empty when the person no longer exists (a failed removal)
    bool removal = false;
    int errorCode = 0;
    QString errorText;
};

class SyncStatusReader {
public:
    // libraryDir as for LibraryStore (DatabaseConfig::libraryDir()).
    SyncStatusReader(QSqlDatabase db, const QString &libraryDir);

    QString lastError() const { return m_error; }

    // Every device the archive knows: registered, named in an assignment or a group,
    // or with sync rows; sorted.
    QStringList knownDevices();
    DeviceSyncStatus device(const QString &uuid);
    QList<DeviceSyncStatus> devices();  // knownDevices(), each summarised
    // The person on every device that should hold it or (maybe) holds it.
    QList<PersonSyncStatus> person(qint64 indexId);
    // Devices whose assignments (direct, by list, through a group) include the person.
    QStringList devicesWanting(qint64 indexId);
    // What failed for good, with the reason; every known device when uuid is empty.
    QList<SyncFailure> failures(const QString &uuid = {});

private:
    bool fail(const QString &what);

    QSqlDatabase m_db;
    library::LibraryStore m_library;
    SyncStateStore m_state;
    QString m_error;
};

} // namespace fd::sync
