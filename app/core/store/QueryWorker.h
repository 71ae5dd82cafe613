// The window's reads of the archive, on a thread of their own (#12 item 7). With the
// archive on a site server every query is a network round trip, and when the server
// is away a connection attempt waits for the TCP timeout: on the GUI thread that is a
// frozen wall and an alarm nobody can acknowledge. The window therefore never holds a
// connection itself: it hands a query (a function of a QSqlDatabase) to this worker
// and gets a QFuture, whose continuation (`.then(widget, ...)`) runs back on the GUI
// thread, and not at all once that widget is gone.
//
// One thread and one connection per worker, opened on the first query and kept (a
// PostgreSQL connection costs a backend start and a migration check: 10-20 ms here,
// more across a network), reopened when the server restarted (reconnectIfLost).
// Queries run one at a time in the order they were given, so a page asked for after
// a search's first page never overtakes it. A future cancelled before its query
// started skips the query: a search typed over by the next one costs nothing.
#pragma once

#include "Database.h"

#include <QFuture>
#include <QObject>
#include <QPromise>

#include <functional>
#include <memory>
#include <type_traits>

namespace fd::store {

class QueryWorker : public QObject {
    Q_OBJECT
public:
    // `purpose` names the thread and the connection (logs, Qt's registry).
    QueryWorker(DatabaseConfig config, const QString &purpose, QObject *parent = nullptr);
    // Lets the query that is running finish, drops the queued ones (their futures
    // are cancelled), closes the connection.
    ~QueryWorker() override;

    const DatabaseConfig &config() const { return m_config; }

    // Runs query(db) on the worker's thread. `db` is the worker's connection; when the
    // archive cannot be reached it is closed, and the query's statements fail with the
    // driver's words like any other failure (lastOpenError() has the reason).
    template<typename Query>
    auto run(Query query) -> QFuture<std::invoke_result_t<Query &, QSqlDatabase &>>
    {
        using Result = std::invoke_result_t<Query &, QSqlDatabase &>;
        auto promise = std::make_shared<QPromise<Result>>();
        QFuture<Result> future = promise->future();
        promise->start();
        enqueue([promise, query = std::move(query)](QSqlDatabase &db) mutable {
            if (!promise->isCanceled()) {
                if constexpr (std::is_void_v<Result>)
                    query(db);
                else
                    promise->addResult(query(db));
            }
            promise->finish();
        });
        return future;
    }

    // Why the connection did not open the last time it was tried; empty when it is open.
    QString lastOpenError() const;
    // Queries run so far (tests).
    quint64 queriesRun() const;

private:
    using Task = std::function<void(QSqlDatabase &)>;
    void enqueue(Task task);

    class Thread;
    DatabaseConfig m_config;
    std::unique_ptr<Thread> m_thread;
};

} // namespace fd::store
