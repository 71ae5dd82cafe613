// The window's reads off its thread (store/QueryWorker, #12 item 7), on both
// backends: queries run on the worker's thread, one at a time in the order given,
// their results come back on the receiver's thread and not at all once the receiver
// is gone; a query cancelled before it started does not run; an archive that cannot
// be reached fails each query with a reason and recovers by itself once it can.
// ScopedConnection: unique names, gone from Qt's registry when the scope ends,
// without Qt's "connection still in use" warning.
#include "../support/TestArchive.h"
#include "store/QueryWorker.h"
#include "store/ScopedConnection.h"

#include <QSemaphore>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace fd;
using store::QueryWorker;
using store::ScopedConnection;

namespace {

struct Answer {
    int value = -1;
    bool offGuiThread = false;
    QString error;
};

// SELECT n: a real round trip through the worker's connection.
Answer selectNumber(QSqlDatabase &db, int n)
{
    Answer a;
    a.offGuiThread = QThread::currentThread() != qApp->thread();
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("SELECT %1").arg(n)) && q.next())
        a.value = q.value(0).toInt();
    else
        a.error = q.lastError().text();
    return a;
}

} // namespace

class TestQueryWorker : public QObject {
    Q_OBJECT
private slots:
    void init();
    void answersComeBackInOrderOnTheReceiversThread();
    void cancelledBeforeItStartedDoesNotRun();
    void noContinuationOnceTheReceiverIsGone();
    void unreachableArchiveFailsThenRecovers();
    void scopedConnectionIsGoneWithItsScope();

private:
    QTemporaryDir m_dir;
};

void TestQueryWorker::init()
{
    // removeDatabase() with a handle still alive is a leaked connection: a failure here.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("still in use")));
}

void TestQueryWorker::answersComeBackInOrderOnTheReceiversThread()
{
    QueryWorker worker(testarchive::config(m_dir.path()), QStringLiteral("test-order"));
    QObject receiver;
    QList<int> values;
    bool allOffGui = true, allOnGuiAfter = true;
    constexpr int Queries = 50;
    for (int i = 0; i < Queries; ++i) {
        worker.run([i](QSqlDatabase &db) { return selectNumber(db, i); }).then(&receiver, [&](const Answer &a) {
            QVERIFY2(a.error.isEmpty(), qPrintable(a.error));
            values << a.value;
            allOffGui &= a.offGuiThread;
            allOnGuiAfter &= QThread::currentThread() == qApp->thread();
        });
    }
    QTRY_COMPARE(values.size(), Queries);
    for (int i = 0; i < Queries; ++i)
        QCOMPARE(values[i], i);
    QVERIFY(allOffGui);
    QVERIFY(allOnGuiAfter);
    QCOMPARE(worker.queriesRun(), quint64(Queries));
    QVERIFY(worker.lastOpenError().isEmpty());
}

void TestQueryWorker::cancelledBeforeItStartedDoesNotRun()
{
    QueryWorker worker(testarchive::config(m_dir.path()), QStringLiteral("test-cancel"));
    QSemaphore started, go;
    QAtomicInt ranSecond;
    QFuture<void> first = worker.run([&](QSqlDatabase &) {
        started.release();
        go.acquire();
    });
    QFuture<Answer> second = worker.run([&](QSqlDatabase &db) {
        ranSecond.storeRelaxed(1);
        return selectNumber(db, 2);
    });
    QFuture<Answer> third = worker.run([](QSqlDatabase &db) { return selectNumber(db, 3); });
    started.acquire();  // the first is running, the second still queued
    second.cancel();
    go.release();
    third.waitForFinished();
    QCOMPARE(third.result().value, 3);
    QVERIFY(second.isCanceled());
    QCOMPARE(ranSecond.loadRelaxed(), 0);
    QVERIFY(first.isFinished());
}

void TestQueryWorker::noContinuationOnceTheReceiverIsGone()
{
    QueryWorker worker(testarchive::config(m_dir.path()), QStringLiteral("test-gone"));
    QSemaphore go;
    bool called = false;
    auto *receiver = new QObject;
    QFuture<Answer> answer = worker.run([&](QSqlDatabase &db) {
        go.acquire();
        return selectNumber(db, 7);
    });
    answer.then(receiver, [&](const Answer &) { called = true; });
    delete receiver;  // the dialog closed while its query ran
    go.release();
    answer.waitForFinished();
    // A later answer to a living receiver proves the loop ran past any queued call.
    QObject alive;
    bool later = false;
    worker.run([](QSqlDatabase &db) { return selectNumber(db, 8); }).then(&alive, [&](const Answer &) { later = true; });
    QTRY_VERIFY(later);
    QVERIFY(!called);
}

void TestQueryWorker::unreachableArchiveFailsThenRecovers()
{
    // A data folder that cannot be made (a file is in its way), on SQLite; on
    // PostgreSQL a server that is not there (nothing listens on port 1).
    store::DatabaseConfig config = testarchive::config(m_dir.path());
    const QString blocked = m_dir.filePath(QStringLiteral("blocked"));
    if (testarchive::onPostgres()) {
        config.url = QStringLiteral("postgresql://nobody@127.0.0.1:1/nothing?connect_timeout=2");
    } else {
        QFile f(blocked);
        QVERIFY(f.open(QIODevice::WriteOnly));
        config.dataDir = blocked;
    }
    {
        QueryWorker worker(config, QStringLiteral("test-unreachable"));
        QFuture<Answer> a = worker.run([](QSqlDatabase &db) { return selectNumber(db, 1); });
        a.waitForFinished();  // it fails; it does not hang
        QVERIFY(!a.result().error.isEmpty() || a.result().value != 1);
        QVERIFY(!worker.lastOpenError().isEmpty());
        if (testarchive::onPostgres())
            return;  // the server does not come back here; SQLite's folder can
        QVERIFY(QFile::remove(blocked));
        QVERIFY(QDir().mkpath(blocked));
        QFuture<Answer> b = worker.run([](QSqlDatabase &db) { return selectNumber(db, 2); });
        b.waitForFinished();
        QCOMPARE(b.result().value, 2);
        QVERIFY(worker.lastOpenError().isEmpty());
    }
}

void TestQueryWorker::scopedConnectionIsGoneWithItsScope()
{
    const store::DatabaseConfig config = testarchive::config(m_dir.path());
    QString first, second;
    {
        ScopedConnection a(config, QStringLiteral("test-scope"));
        ScopedConnection b(config, QStringLiteral("test-scope"));
        QVERIFY2(a.isOpen(), qPrintable(a.error()));
        QVERIFY(b.isOpen());
        first = a.name();
        second = b.name();
        QVERIFY(first != second);
        QVERIFY(QSqlDatabase::contains(first));
        QSqlQuery q(a.db());  // a statement still alive when its scope ends is the usual mistake
        QVERIFY(q.exec(QStringLiteral("SELECT 1")));
        q = QSqlQuery();
        ScopedConnection moved(std::move(b));
        QCOMPARE(moved.name(), second);
        QVERIFY(moved.isOpen());
    }
    QVERIFY(!QSqlDatabase::contains(first));
    QVERIFY(!QSqlDatabase::contains(second));
    ScopedConnection raw = ScopedConnection::withoutMigration(config, QStringLiteral("test-raw"));
    QVERIFY2(raw.isOpen(), qPrintable(raw.error()));
}

QTEST_GUILESS_MAIN(TestQueryWorker)
#include "tst_queryworker.moc"
