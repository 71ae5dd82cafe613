// The server side of a FaceDesk process, built in one place: the archive writer, the
// device registry (loaded with the archive's devices), the embedded server and the
// library sync engine, started in that order and stopped in the reverse one.
// `facedesk serve` runs it on its main thread; the window runs it on a thread of its
// own, so that reading, decoding and admitting hundreds of pushes a second never
// competes with painting; the tests run it either way (tests/support/TestDesk.h).
// Before it, serve, the window and three test fixtures each built these four objects
// by hand, and the window's copy never marked its devices offline when it closed.
#pragma once

#include "devices/DeviceRegistry.h"
#include "server/FaceServer.h"
#include "store/StoreWriter.h"
#include "sync/SyncEngine.h"

#include <QThread>

#include <memory>
#include <optional>

namespace fd::runtime {

struct RuntimeOptions {
    store::DatabaseConfig database;
    store::WriterOptions writer;
    store::RetentionPolicy retention;
    server::ServerConfig server;
    devices::RegistryPolicy registry;
    std::optional<sync::SyncConfig> sync = sync::SyncConfig{};  // nullopt: no library sync
    bool ownThread = false;  // registry, server and sync on a thread of their own
};

class ServerRuntime {
public:
    explicit ServerRuntime(RuntimeOptions options);
    ~ServerRuntime();
    ServerRuntime(const ServerRuntime &) = delete;
    ServerRuntime &operator=(const ServerRuntime &) = delete;

    // Opens the archive, loads its devices and starts listening; on failure nothing
    // is left running and error says which part failed.
    bool start(QString *error);
    // Orderly shutdown: the sync stops sending, the listeners close, every online
    // device is recorded offline, everything queued is committed and (on the caller's
    // thread) its answers are delivered. The registry, server and sync are destroyed
    // on their thread; the writer stays, stopped, for whoever still holds it.
    void stop();

    const RuntimeOptions &options() const { return m_options; }
    store::StoreWriter *writer() const { return m_writer.get(); }
    // The three below live on the runtime's thread (ownThread) or the caller's, and are
    // null before start and after stop. From another thread: connect to their signals
    // (queued), use the registry's thread-safe methods and the engine's kick() and
    // reconcileDevice(), nothing else.
    server::FaceServer *server() const { return m_server.get(); }
    devices::DeviceRegistry *registry() const { return m_registry.get(); }
    sync::SyncEngine *sync() const { return m_sync.get(); }
    // The devices the archive knew when the runtime started.
    const QList<store::DeviceRow> &knownDevices() const { return m_known; }
    // The server's counters as they were when it stopped (or now, while it runs).
    server::FaceServer::Counters counters() const;

private:
    bool startServing(QString *error);  // on the runtime's thread
    void stopServing();                 // on the runtime's thread
    template <typename F> void onRuntimeThread(F &&work);

    RuntimeOptions m_options;
    std::unique_ptr<store::StoreWriter> m_writer;
    QList<store::DeviceRow> m_known;
    QThread m_thread;
    QObject *m_context = nullptr;  // lives on m_thread; runs the set-up and tear-down
    std::unique_ptr<devices::DeviceRegistry> m_registry;
    std::unique_ptr<server::FaceServer> m_server;
    std::unique_ptr<sync::SyncEngine> m_sync;
    server::FaceServer::Counters m_lastCounters;
};

} // namespace fd::runtime
