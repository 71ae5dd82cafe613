// Computes local features for archived events that have none of the current
// engine's kind, on a thread of its own, newest events first, in batches that are
// each committed in one transaction. It can be stopped at any time and simply
// started again later: what it has not done yet is exactly the events without a row
// (an image with no face gets a row without a vector, so it is not retried forever).
#pragma once

#include "face/FaceEngine.h"
#include "store/Database.h"

#include <QAtomicInt>
#include <QDeadlineTimer>
#include <QObject>
#include <QString>

#include <memory>

class QSqlDatabase;
class QThread;

namespace fd::match {

struct BackfillResult {
    qint64 processed = 0;   // events given a row in this run (all committed)
    qint64 withFace = 0;    // of them, with a feature
    qint64 noFace = 0;      // of them, an image in which the engine found no face
    qint64 unreadable = 0;  // of them, an image file missing or not decodable
    bool stopped = false;   // stop() ended the run before every event was done
    QString error;          // a database error ended the run; empty otherwise
};

class LocalFeatureBackfill : public QObject {
    Q_OBJECT
public:
    LocalFeatureBackfill(store::DatabaseConfig config, std::shared_ptr<const face::FaceEngine> engine,
                         QObject *parent = nullptr);
    // Stops the run and waits for the current event to finish.
    ~LocalFeatureBackfill() override;

    // Events per transaction (default 64): larger batches cost fewer commits, smaller
    // ones lose less work to a crash and show progress more often. Before start().
    void setBatchSize(int events);

    // Starts a run on a new thread; false when one is running already.
    bool start();
    // Asks the run to end after the event it is working on; what it has done so far is
    // committed. Returns at once; safe from any thread (also from a slot connected
    // directly to progress()).
    void stop();
    bool isRunning() const;
    // Blocks until the run has ended (tests, shutdown); false on timeout.
    bool wait(QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever));

signals:
    // After each committed batch: events done in this run, and all that were waiting
    // when the run started (plus any that arrived during it).
    void progress(qint64 done, qint64 total);
    // Once per run, whether it completed, was stopped or failed.
    void finished(const fd::match::BackfillResult &result);

private:
    BackfillResult run();
    void work(const QSqlDatabase &db, BackfillResult &result);

    store::DatabaseConfig m_config;
    std::shared_ptr<const face::FaceEngine> m_engine;
    int m_batchSize = 64;
    QAtomicInt m_stop;
    QAtomicInt m_running;
    QThread *m_thread = nullptr;
};

} // namespace fd::match
