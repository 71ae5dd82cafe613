#include "QueryWorker.h"

#include "ScopedConnection.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <deque>
#include <optional>

namespace fd::store {

namespace {
Q_LOGGING_CATEGORY(lcQuery, "facedesk.query")
}

class QueryWorker::Thread : public QThread {
public:
    Thread(DatabaseConfig config, QString purpose) : m_config(std::move(config)), m_purpose(std::move(purpose))
    {
        setObjectName(QStringLiteral("facedesk-%1").arg(m_purpose));
    }

    void push(Task task)
    {
        QMutexLocker lock(&m_mutex);
        m_tasks.push_back(std::move(task));
        m_wake.wakeOne();
    }

    void stop()
    {
        std::deque<Task> dropped;
        {
            QMutexLocker lock(&m_mutex);
            m_stopping = true;
            dropped.swap(m_tasks);
            m_wake.wakeOne();
        }
        dropped.clear();  // their promises end cancelled: no continuation runs
        wait();
    }

    QString openError() const
    {
        QMutexLocker lock(&m_mutex);
        return m_openError;
    }

    quint64 done() const
    {
        QMutexLocker lock(&m_mutex);
        return m_done;
    }

protected:
    void run() override
    {
        std::optional<ScopedConnection> connection;
        for (;;) {
            Task task;
            {
                QMutexLocker lock(&m_mutex);
                while (m_tasks.empty() && !m_stopping)
                    m_wake.wait(&m_mutex);
                if (m_stopping)
                    break;
                task = std::move(m_tasks.front());
                m_tasks.pop_front();
            }
            QSqlDatabase closed;
            QSqlDatabase &db = ready(connection) ? connection->db() : closed;
            task(db);
            QMutexLocker lock(&m_mutex);
            ++m_done;
        }
    }

private:
    // The connection, opened now if it is not (the first query, or the archive was
    // unreachable before), or reopened if the server dropped it. Whether it still
    // reaches the server is asked at most every few seconds: the question is a round
    // trip of its own, and a query on a dead connection fails with the driver's words
    // anyway (the next one, a moment later, gets the reopened connection).
    bool ready(std::optional<ScopedConnection> &connection)
    {
        if (connection && connection->isOpen()) {
            if (m_sinceCheck.isValid() && m_sinceCheck.elapsed() < LivenessCheckMs)
                return true;
            QString error;
            m_sinceCheck.start();
            if (reconnectIfLost(connection->db(), m_config, &error))
                return setOpenError(QString());
        }
        connection.reset();
        connection.emplace(m_config, m_purpose);
        m_sinceCheck.start();
        return setOpenError(connection->isOpen() ? QString() : connection->error());
    }

    bool setOpenError(const QString &error)
    {
        QMutexLocker lock(&m_mutex);
        if (!error.isEmpty() && error != m_openError)
            qCWarning(lcQuery).noquote() << m_purpose << "cannot reach the archive:" << error;
        m_openError = error;
        return error.isEmpty();
    }

    const DatabaseConfig m_config;
    const QString m_purpose;
    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    std::deque<Task> m_tasks;
    bool m_stopping = false;
    QString m_openError;
    quint64 m_done = 0;
    static constexpr qint64 LivenessCheckMs = 3000;
    QElapsedTimer m_sinceCheck;  // the worker thread's own
};

QueryWorker::QueryWorker(DatabaseConfig config, const QString &purpose, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_thread(std::make_unique<Thread>(m_config, purpose))
{
    m_thread->start();
}

QueryWorker::~QueryWorker()
{
    m_thread->stop();
}

void QueryWorker::enqueue(Task task)
{
    m_thread->push(std::move(task));
}

QString QueryWorker::lastOpenError() const
{
    return m_thread->openError();
}

quint64 QueryWorker::queriesRun() const
{
    return m_thread->done();
}

} // namespace fd::store
