// The registry and the embedded server on a thread of their own, so that reading,
// decoding and admitting hundreds of pushes a second never competes with painting
// the window. The window talks to them through queued signals and the registry's
// thread-safe methods.
#pragma once

#include "FaceServer.h"

#include <QThread>

#include <memory>

namespace fd::server {

class ServerThread {
public:
    ServerThread() = default;
    ~ServerThread();
    ServerThread(const ServerThread &) = delete;
    ServerThread &operator=(const ServerThread &) = delete;

    // Creates the registry and the server on the thread and starts listening.
    bool start(const ServerConfig &config, const devices::RegistryPolicy &policy, store::StoreWriter *writer,
               const QList<store::DeviceRow> &knownDevices, QString *error);
    // Closes the listeners and destroys both objects on their thread.
    void stop();

    FaceServer *server() const { return m_server.get(); }
    devices::DeviceRegistry *registry() const { return m_registry.get(); }

private:
    QThread m_thread;
    QObject *m_context = nullptr;  // lives on m_thread; runs the set-up and tear-down
    std::unique_ptr<devices::DeviceRegistry> m_registry;
    std::unique_ptr<FaceServer> m_server;
};

} // namespace fd::server
