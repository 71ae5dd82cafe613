#include "ServerRuntime.h"

#include "store/ArchiveReader.h"

#include <QCoreApplication>

namespace fd::runtime {

ServerRuntime::ServerRuntime(RuntimeOptions options)
    : m_options(std::move(options)), m_writer(std::make_unique<store::StoreWriter>(m_options.database, m_options.writer))
{
    m_writer->setRetention(m_options.retention);
}

ServerRuntime::~ServerRuntime()
{
    stop();
}

template <typename F> void ServerRuntime::onRuntimeThread(F &&work)
{
    if (m_options.ownThread)
        QMetaObject::invokeMethod(m_context, std::forward<F>(work), Qt::BlockingQueuedConnection);
    else
        work();
}

bool ServerRuntime::start(QString *error)
{
    if (!m_writer->start(error)) {
        *error = QStringLiteral("cannot open the archive %1: %2").arg(m_options.database.display(), *error);
        return false;
    }
    m_known = store::loadDevices(m_options.database, error);
    if (m_options.ownThread) {
        m_thread.setObjectName(QStringLiteral("facedesk-network"));
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
        m_thread.start();
    }
    bool ok = false;
    onRuntimeThread([&] { ok = startServing(error); });
    if (!ok)
        stop();
    return ok;
}

bool ServerRuntime::startServing(QString *error)
{
    m_registry = std::make_unique<devices::DeviceRegistry>(m_writer.get(), m_options.registry);
    m_registry->load(m_known);
    m_server = std::make_unique<server::FaceServer>(m_options.server, m_registry.get(), m_writer.get());
    if (!m_server->start(error))
        return false;
    if (!m_options.sync)
        return true;
    // Its own connection, opened here: it runs on this thread.
    m_sync = std::make_unique<sync::SyncEngine>(m_options.database, m_server.get(), *m_options.sync);
    if (m_sync->start(error))
        return true;
    *error = QStringLiteral("the library sync cannot open the archive: %1").arg(*error);
    return false;
}

void ServerRuntime::stopServing()
{
    // Stop taking new work; everyone is offline once FaceDesk stops listening. What
    // the library sync sent and did not hear back about is sent again next time.
    m_sync.reset();
    if (m_server) {
        m_server->close();
        m_lastCounters = m_server->counters();
    }
    if (m_registry) {
        for (store::DeviceRow row : m_registry->devices()) {
            if (row.online) {
                row.online = false;
                m_writer->enqueueDevice(row);
            }
        }
    }
    // Commit what is queued and answer it before the server goes: the commits arrive
    // as queued signals, so deliver them, then give the sockets a moment to send.
    m_writer->stop();
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents(QEventLoop::AllEvents, 200);
    if (m_server)
        m_lastCounters = m_server->counters();
    m_server.reset();
    m_registry.reset();
}

void ServerRuntime::stop()
{
    if (m_options.ownThread && !m_thread.isRunning()) {
        m_writer->stop();
        return;
    }
    onRuntimeThread([this] { stopServing(); });
    if (m_options.ownThread) {
        QMetaObject::invokeMethod(m_context, [this] {
            delete m_context;
            m_context = nullptr;
        }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
}

server::FaceServer::Counters ServerRuntime::counters() const
{
    return m_server ? m_server->counters() : m_lastCounters;
}

} // namespace fd::runtime
