// The registry, the embedded server and the library sync engine on a thread of their
// own, so that reading, decoding and admitting hundreds of pushes a second never
// competes with painting the window. The window talks to them through queued signals,
// the registry's thread-safe methods and the engine's thread-safe kick().
#pragma once

#include "FaceServer.h"
#include "sync/SyncEngine.h"

#include <QThread>

#include <memory>

namespace fd::server {

class ServerThread {
public:
    ServerThread() = default;
    ~ServerThread();
    ServerThread(const ServerThread &) = delete;
    ServerThread &operator=(const ServerThread &) = delete;

    // Creates the registry, the server and the sync engine (on the writer's archive)
    // on the thread and starts listening.
    bool start(const ServerConfig &config, const devices::RegistryPolicy &policy, store::StoreWriter *writer,
               const QList<store::DeviceRow> &knownDevices, QString *error, const sync::SyncConfig &syncConfig = {});
    // Closes the listeners and destroys the objects on their thread.
    void stop();

    FaceServer *server() const { return m_server.get(); }
    devices::DeviceRegistry *registry() const { return m_registry.get(); }
    // Lives on the server's thread: connect to its signals (queued), call kick() and
    // reconcileDevice() from anywhere, nothing else from another thread.
    sync::SyncEngine *sync() const { return m_sync.get(); }

private:
    QThread m_thread;
    QObject *m_context = nullptr;  // lives on m_thread; runs the set-up and tear-down
    std::unique_ptr<devices::DeviceRegistry> m_registry;
    std::unique_ptr<FaceServer> m_server;
    std::unique_ptr<sync::SyncEngine> m_sync;
};

} // namespace fd::server
