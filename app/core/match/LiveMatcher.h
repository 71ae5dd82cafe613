// Live matching for devices that do not match: capture cameras (sw_face_capture_push,
// type 0x10) and NVR captures send only faces. After an event is committed, FaceDesk
// describes its face (the same engine as search and import validation) and looks for
// the nearest library person; within the threshold of that person's list it gives the
// event that person (events.index_id, matched_by_desk = 1, local_distance), and
// matched() lets the window raise the same alerts as a device's own match. For a
// device's own match it keeps the device's verdict and records its own
// (local_index_id, local_distance), so the detail can show both where they differ.
//
// Never in the acknowledgement's way: it starts after the commit, on threads of its
// own (each with its own database connection), from a bounded queue. When the queue
// holds more than kKeepImages events their images are dropped and read back from the
// archive when their turn comes; past kMaxBacklog the oldest are left to the search's
// background pass and counted in skipped(). backlog() is what the status bar shows.
//
// Measured (docs/PERFORMANCE.md, face-cost): about 15 ms a device crop on one thread;
// two threads match about 60 captures a second on this 2-core machine (a third adds
// nothing: OpenCV's DNN already spreads each net over the cores).
#pragma once

#include "LibraryFaces.h"
#include "face/FaceEngine.h"
#include "protocol/Messages.h"
#include "store/Database.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QWaitCondition>

#include <atomic>
#include <deque>
#include <memory>
#include <vector>

class QThread;

namespace fd::match {

struct LiveMatch {
    qint64 eventId = -1;
    QString deviceUuid;
    qint64 deviceIndexId = -1;   // the device's own match, -1 for a capture
    int devicePicSort = -1;      // the list the device sent with it
    qint64 timeMs = 0;           // capture time (arrival when the device sent none)
    // FaceDesk's verdict: the nearest person within its list's threshold, else -1.
    qint64 indexId = -1;
    int listId = 0;
    float distance = -1;         // to indexId, or to the nearest person when none within
    float deviceDistance = -1;   // to the device's person, -1 when it has no descriptor
    bool disagrees = false;      // the device named someone FaceDesk does not see there
    bool assigned = false;       // a capture that now has this person (not the device's)
    face::FaceFeature feature;   // for the search index
};

class LiveMatcher : public QObject {
    Q_OBJECT
public:
    static constexpr int kKeepImages = 500;
    static constexpr int kMaxBacklog = 100000;

    LiveMatcher(store::DatabaseConfig config, std::shared_ptr<const face::FaceEngine> engine, int threads = 2,
                QObject *parent = nullptr);
    ~LiveMatcher() override;

    // Per list (face_lists.id), on the engine's own scale (FaceEngine::Scale); lists
    // without one use the engine's default same-person threshold.
    void setThreshold(int listId, float value);
    float threshold(int listId) const;

    // Reads the library's descriptors again (after an edit or an import), first
    // describing photos that have none of this engine's kind. Asynchronous: on the
    // matcher's threads, so the GUI never waits on it. libraryLoaded() when done.
    void reloadLibrary();
    // A committed event; thread-safe, returns at once.
    void submit(qint64 eventId, const protocol::FacePush &push, const QString &deviceUuid);

    int backlog() const { return m_backlog.load(); }
    qint64 skipped() const { return m_skipped.load(); }

signals:
    // Every event described (match or not); emitted from a matcher thread.
    void matched(const fd::match::LiveMatch &match);
    void libraryLoaded(int persons, int photos);
    void backlogChanged(int backlog);

private:
    struct Job {
        qint64 eventId = -1;
        QString deviceUuid;
        qint64 deviceIndexId = -1;
        int devicePicSort = -1;
        qint64 timeMs = 0;
        QByteArray image;  // empty: read it from the archive
        bool reloadLibrary = false;
    };
    void run(int worker);
    void process(QSqlDatabase &db, const Job &job);
    void loadLibrary(QSqlDatabase &db);
    bool within(float distance, int listId) const;

    store::DatabaseConfig m_config;
    std::shared_ptr<const face::FaceEngine> m_engine;
    face::FaceEngine::Scale m_scale;

    mutable QMutex m_mutex;  // the queue, the thresholds, the library
    QWaitCondition m_wake;
    std::deque<Job> m_queue;
    bool m_stopping = false;
    QHash<int, float> m_thresholds;
    std::shared_ptr<const LibraryFaces> m_library;
    std::vector<QThread *> m_threads;
    std::atomic<int> m_backlog{0};
    std::atomic<qint64> m_skipped{0};
};

} // namespace fd::match

Q_DECLARE_METATYPE(fd::match::LiveMatch)
