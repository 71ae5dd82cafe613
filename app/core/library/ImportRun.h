// One import: rows from a source, each photo validated on worker threads, duplicates
// caught (same card number, or a near-identical photo, against the library and
// against earlier rows), and every accepted person added at the end in one
// transaction. A cancelled or failed run adds no person; photo files it already
// wrote are content-named and harmless (a later import reuses them).
//
// Work stays bounded: only a few photos per thread are in flight at once, and each
// accepted photo is written to the library folder as soon as it is checked, so ten
// thousand photos never sit in memory. Results are taken in row order, which makes
// "the earlier row wins" well defined for duplicates.
#pragma once

#include "ImportReport.h"
#include "ImportSource.h"
#include "LibraryTypes.h"
#include "PhotoRules.h"
#include "store/Database.h"

#include <QMetaType>
#include <QObject>

#include <atomic>
#include <memory>

class QThread;

namespace fd::library {

class LibraryStore;

struct ImportOptions {
    // Rows that name no list go here, or to the list named listName (found by name
    // or created at commit) when that is set.
    int listId = sort::Whitelist;
    QString listName;
    // Skip: a duplicate is reported and not added. Add: it is added anyway, flagged
    // with whom it duplicates.
    enum class Duplicates { Skip, Add };
    Duplicates duplicates = Duplicates::Skip;
    // Validation threads; 0 for one per core.
    int threads = 0;
    // Side of the report's thumbnails in pixels; 0 for none (the headless command).
    int thumbnailSide = 96;
    // No photo is read past this size (see ImportSource::setMaxPhotoBytes).
    qint64 maxPhotoBytes = 50LL * 1024 * 1024;
};

struct ImportProgress {
    int done = 0;            // rows finished, in order
    int total = 0;
    double rate = 0.0;       // rows per second since the start
    int etaSeconds = -1;     // -1 while unknown
    int imported = 0;        // so far, including with fixes
    int rejected = 0;
    int duplicates = 0;
};

class ImportRun : public QObject {
    Q_OBJECT
public:
    ImportRun(std::unique_ptr<ImportSource> source, store::DatabaseConfig database, PhotoRules rules,
              ImportOptions options = {}, QObject *parent = nullptr);
    // Cancels a running import and waits for its threads.
    ~ImportRun() override;

    // Starts on threads of its own and returns at once; finished() follows.
    void start();
    bool isRunning() const;
    // Complete once finished() was emitted.
    ImportReport report() const;

public slots:
    // Safe from any thread, e.g. from a slot connected to progress().
    void cancel();

signals:
    // The source was read: this many rows.
    void started(int total);
    // At most ten a second, and once at the end.
    void progress(const fd::library::ImportProgress &progress);
    void finished();

private:
    void run();
    // Everything after the connection is open; returns how the run ended.
    ImportReport::Status process(LibraryStore &store, ImportReport *report, QString *error);

    struct State;
    std::unique_ptr<State> d;
    QThread *m_thread = nullptr;
    std::atomic_bool m_cancel{false};
};

} // namespace fd::library

Q_DECLARE_METATYPE(fd::library::ImportProgress)
