#include "WalCheckpointer.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>

Q_LOGGING_CATEGORY(lcCheckpoint, "facedesk.store.checkpoint")

namespace fd::store {

WalCheckpointer::WalCheckpointer(DatabaseConfig config, int intervalMs)
    : m_config(std::move(config)), m_intervalMs(intervalMs)
{
    static QAtomicInt counter;
    m_connectionName = QStringLiteral("facedesk-checkpoint-%1").arg(counter.fetchAndAddRelaxed(1));
}

WalCheckpointer::~WalCheckpointer()
{
    stop();
}

bool WalCheckpointer::start(QString *error)
{
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("facedesk-checkpoint"));
    moveToThread(m_thread);
    m_thread->start();
    bool ok = false;
    QMetaObject::invokeMethod(this, [this, &ok, error] {
        ok = openDatabase(m_config, m_connectionName, error).isOpen();
        if (!ok)
            return;
        m_timer = new QTimer(this);
        m_timer->setInterval(m_intervalMs);
        connect(m_timer, &QTimer::timeout, this, &WalCheckpointer::tick);
        m_timer->start();
    }, Qt::BlockingQueuedConnection);
    if (!ok)
        stop();
    return ok;
}

void WalCheckpointer::stop()
{
    if (!m_thread)
        return;
    QThread *owner = QThread::currentThread();
    QMetaObject::invokeMethod(this, [this, owner] {
        delete m_timer;
        m_timer = nullptr;
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
        moveToThread(owner);
    }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

void WalCheckpointer::tick()
{
    const quint64 commits = m_commits.loadRelaxed();
    if (commits == m_seen)
        return;
    // PASSIVE: copies what no reader still needs and never waits for the writer or
    // for readers; what it leaves, the next tick takes.
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")) || !q.next()) {
        qCWarning(lcCheckpoint).noquote() << "checkpoint failed:" << q.lastError().text();
        return;
    }
    const int logFrames = q.value(1).toInt(), done = q.value(2).toInt();
    if (done >= logFrames)
        m_seen = commits;  // else a reader held some back: try again next tick
    emit checkpointed(logFrames, done);
}

} // namespace fd::store
