#include "ServerThread.h"

namespace fd::server {

ServerThread::~ServerThread()
{
    stop();
}

bool ServerThread::start(const ServerConfig &config, const devices::RegistryPolicy &policy,
                         store::StoreWriter *writer, const QList<store::DeviceRow> &knownDevices, QString *error,
                         const sync::SyncConfig &syncConfig)
{
    m_thread.setObjectName(QStringLiteral("facedesk-network"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
    bool ok = false;
    QMetaObject::invokeMethod(m_context, [&] {
        m_registry = std::make_unique<devices::DeviceRegistry>(writer, policy);
        m_registry->load(knownDevices);
        m_server = std::make_unique<FaceServer>(config, m_registry.get(), writer);
        ok = m_server->start(error);
        if (ok) {
            // Its own connection, opened here: it runs on this thread.
            m_sync = std::make_unique<sync::SyncEngine>(writer->config(), m_server.get(), syncConfig);
            ok = m_sync->start(error);
        }
    }, Qt::BlockingQueuedConnection);
    if (!ok)
        stop();
    return ok;
}

void ServerThread::stop()
{
    if (!m_thread.isRunning())
        return;
    QMetaObject::invokeMethod(m_context, [this] {
        m_sync.reset();
        m_server.reset();
        m_registry.reset();
        delete m_context;
        m_context = nullptr;
    }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

} // namespace fd::server
