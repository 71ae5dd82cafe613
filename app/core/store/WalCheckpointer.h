// Moves the archive's write-ahead log into the database file from a thread of its
// own, so that the writer never waits for it.
//
// A checkpoint ends with an fsync of the database file, and on ext4 (data=ordered)
// that waits for every dirty image file the file stage wrote meanwhile: with the
// writer doing it (SQLite's automatic checkpoint every 4 MB of log), the writer
// thread spent a third of its time in jbd2_log_wait_commit at 5,000 events/s (the
// ingest benchmark). SQLite lets another connection checkpoint while the writer goes
// on appending; the writer restarts the log from its start once a checkpoint has
// taken all of it, so the log stays small. The writer keeps a far larger automatic
// checkpoint as a safety net for when this one cannot keep up.
#pragma once

#include "Database.h"

#include <QAtomicInteger>
#include <QObject>

class QThread;
class QTimer;

namespace fd::store {

class WalCheckpointer : public QObject {
    Q_OBJECT
public:
    explicit WalCheckpointer(DatabaseConfig config, int intervalMs = 250);
    ~WalCheckpointer() override;

    bool start(QString *error);
    void stop();
    // Any thread: a commit happened, the next tick should checkpoint.
    void noteCommit() { m_commits.fetchAndAddRelaxed(1); }

signals:
    // After each checkpoint: frames in the log, and how many of them are now in the
    // database file (equal when the log may be restarted).
    void checkpointed(int logFrames, int checkpointedFrames);

private:
    void tick();

    DatabaseConfig m_config;
    int m_intervalMs;
    QString m_connectionName;
    QThread *m_thread = nullptr;
    QTimer *m_timer = nullptr;
    QAtomicInteger<quint64> m_commits = 0;
    quint64 m_seen = 0;
};

} // namespace fd::store
