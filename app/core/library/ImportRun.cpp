#include "ImportRun.h"

#include "ImportThumbnail.h"
#include "store/ScopedConnection.h"
#include "LibraryStore.h"
#include "LibraryText.h"
#include "PhotoHash.h"
#include "PhotoValidator.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QSqlDatabase>
#include <QThread>
#include <QThreadPool>
#include <QWaitCondition>

#include <optional>

namespace fd::library {

namespace {

// One row's photo after a worker has read and checked it.
struct Checked {
    bool readFailed = false;
    QString readError;
    int readCode = 0;
    PhotoCheck check;
    QByteArray thumbnail;
};

// A person waiting for the final commit, with the report entries of its photos.
struct Pending {
    QList<qsizetype> entries;
    NewPerson person;
    QString listName;  // a custom list to find or create at commit
};

// Duplicates found so far: cards and photo hashes of the library and of this run's
// accepted rows.
class DuplicateFinder {
public:
    DuplicateFinder(LibraryStore *store) : m_store(store), m_library(store->photoHashes()) {}

    struct Match {
        QString reason;
        QString who;
        qint64 indexId = -1;
        int row = 0;
    };

    std::optional<Match> find(const ImportItem &item, quint64 phash)
    {
        const QString card = item.cardNo.trimmed();
        if (!card.isEmpty()) {
            if (const qint64 id = m_store->personByCard(card); id >= 0) {
                const QString name = m_store->personNames({id}).value(id);
                return Match{LibraryText::tr("Card number %1 already belongs to %2 (#%3) in the library.")
                                 .arg(card, name)
                                 .arg(id),
                             QStringLiteral("%1 (#%2)").arg(name).arg(id), id, 0};
            }
            // An earlier photo of the same person ("10023_1.jpg", "10023_2.jpg") shares it.
            if (const auto at = m_cards.constFind(card);
                at != m_cards.constEnd() && (item.personKey.isEmpty() || at->personKey != item.personKey))
                return Match{LibraryText::tr("Card number %1 is already used by row %2 (%3).")
                                 .arg(card)
                                 .arg(at->row)
                                 .arg(at->label),
                             rowWords(*at), -1, at->row};
        }
        // The nearest photo within the threshold: a linear scan of 64-bit hashes costs
        // about a nanosecond per photo held, far below one validation.
        int best = kNearIdenticalDistance + 1;
        qint64 bestId = -1;
        for (const auto &[id, hash] : std::as_const(m_library))
            if (const int d = hammingDistance(hash, phash); d < best) {
                best = d;
                bestId = id;
            }
        if (bestId >= 0) {
            const QString name = m_store->personNames({bestId}).value(bestId);
            return Match{LibraryText::tr("The photo is the same as the photo of %1 (#%2) in the library.")
                             .arg(name)
                             .arg(bestId),
                         QStringLiteral("%1 (#%2)").arg(name).arg(bestId), bestId, 0};
        }
        const Earlier *nearest = nullptr;
        for (const auto &[hash, earlier] : std::as_const(m_hashes))
            if (const int d = hammingDistance(hash, phash); d < best) {
                best = d;
                nearest = &earlier;
            }
        if (nearest)
            return Match{LibraryText::tr("The photo is the same as the photo of row %1 (%2).")
                             .arg(nearest->row)
                             .arg(nearest->label),
                         rowWords(*nearest), -1, nearest->row};
        return std::nullopt;
    }

    void remember(const ImportItem &item, quint64 phash)
    {
        const Earlier earlier{item.row, item.sourceLabel, item.name, item.personKey};
        if (!item.cardNo.trimmed().isEmpty())
            m_cards.insert(item.cardNo.trimmed(), earlier);
        m_hashes.append({phash, earlier});
    }

private:
    struct Earlier {
        int row = 0;
        QString label;
        QString name;
        QString personKey;
    };
    static QString rowWords(const Earlier &e)
    {
        return LibraryText::tr("row %1 (%2, %3)").arg(e.row).arg(e.label, e.name);
    }

    LibraryStore *m_store;
    QList<QPair<qint64, quint64>> m_library;
    QHash<QString, Earlier> m_cards;
    QList<QPair<quint64, Earlier>> m_hashes;
};

// From the pixels the validator decoded, or, when it stopped before decoding, from
// the file (which then usually does not decode either: the row shows no picture).
QByteArray thumbnailOf(const PhotoCheck &check, const QByteArray &file, int side)
{
    if (!check.pixels.empty())
        return makeThumbnail(check.pixels, check.face, side);
    return makeThumbnail(file, check.face, check.size, side);
}

} // namespace

struct ImportRun::State {
    std::unique_ptr<ImportSource> source;
    store::DatabaseConfig database;
    PhotoRules rules;
    ImportOptions options;

    mutable QMutex mutex;   // guards report and wakes the driver on results and cancel
    QWaitCondition arrived;
    ImportReport report;
    std::atomic_bool running{false};
};

ImportRun::ImportRun(std::unique_ptr<ImportSource> source, store::DatabaseConfig database, PhotoRules rules,
                     ImportOptions options, QObject *parent)
    : QObject(parent), d(std::make_unique<State>())
{
    qRegisterMetaType<ImportProgress>();
    d->source = std::move(source);
    d->database = std::move(database);
    d->rules = rules;
    d->options = options;
}

ImportRun::~ImportRun()
{
    cancel();
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void ImportRun::start()
{
    if (m_thread)
        return;
    d->running = true;
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(QStringLiteral("import"));
    m_thread->start();
}

bool ImportRun::isRunning() const
{
    return d->running;
}

ImportReport ImportRun::report() const
{
    const QMutexLocker lock(&d->mutex);
    return d->report;
}

void ImportRun::cancel()
{
    const QMutexLocker lock(&d->mutex);
    m_cancel = true;
    d->arrived.wakeAll();
}

void ImportRun::run()
{
    QElapsedTimer clock;
    clock.start();
    ImportReport report;
    ImportReport::Status status = ImportReport::Status::Failed;
    QString error;
    // This thread's own connection, as every thread that touches the archive has.
    {
        store::ScopedConnection connection(d->database, QStringLiteral("import"));
        if (connection.isOpen()) {
            LibraryStore store(connection.db(), d->database.libraryDir());
            status = process(store, &report, &error);
        } else {
            error = connection.error();
        }
    }

    if (status != ImportReport::Status::Completed) {
        // Nothing was added: say so on every row that would have been.
        const QString why = status == ImportReport::Status::Cancelled
            ? LibraryText::tr("Not added: the import was cancelled.")
            : LibraryText::tr("Not added: the import failed (%1).").arg(error);
        for (ImportEntry &e : report.entries)
            if (e.outcome == ImportOutcome::Imported || e.outcome == ImportOutcome::ImportedWithFixes) {
                e.outcome = ImportOutcome::NotAdded;
                e.reason = why;
                e.indexId = -1;
            }
    }
    report.status = status;
    report.error = status == ImportReport::Status::Failed ? error : QString();
    report.seconds = double(clock.nsecsElapsed()) / 1e9;
    {
        const QMutexLocker lock(&d->mutex);
        d->report = report;
    }
    d->running = false;
    emit finished();
}

ImportReport::Status ImportRun::process(LibraryStore &store, ImportReport *report, QString *error)
{
    QElapsedTimer clock;
    clock.start();
    ImportSource &source = *d->source;
    const ImportOptions &options = d->options;
    source.setMaxPhotoBytes(options.maxPhotoBytes);
    if (!source.isOpen() && !source.open(error))
        return ImportReport::Status::Failed;
    const QList<ImportItem> items = source.items();
    const int total = int(items.size());
    report->sourceRows = total;
    emit started(total);

    QHash<int, QString> listNames;
    for (const FaceList &l : store.lists())
        listNames.insert(l.id, l.name);
    DuplicateFinder duplicates(&store);
    const PhotoValidator validator(d->rules);

    // Workers read and check photos; this thread takes their results in row order.
    // At most `window` rows are between being handed out and being taken, which
    // bounds the photos held in memory whatever the source's size.
    const int threads = options.threads > 0 ? options.threads : std::max(1, QThread::idealThreadCount());
    const int window = threads * 4;
    QThreadPool pool;
    pool.setMaxThreadCount(threads);
    QHash<int, Checked> results;
    const auto handOut = [&](int index) {
        const ImportItem &item = items[index];
        if (!item.problem.isEmpty()) {
            const QMutexLocker lock(&d->mutex);
            results.insert(index, Checked{});
            return;
        }
        pool.start([this, &items, &results, &source, &validator, index, side = options.thumbnailSide] {
            Checked c;
            if (!m_cancel) {
                const ImportItem &item = items[index];
                const QByteArray bytes = source.readPhoto(item, &c.readError, &c.readCode);
                c.readFailed = !c.readError.isEmpty();
                if (!c.readFailed) {
                    c.check = validator.check(bytes, item.photo);
                    c.thumbnail = thumbnailOf(c.check, bytes, side);
                    c.check.pixels.release();
                }
            }
            const QMutexLocker lock(&d->mutex);
            results.insert(index, std::move(c));
            d->arrived.wakeAll();
        });
    };

    QList<Pending> pending;
    QHash<QString, qsizetype> pendingOf;  // person key -> index in pending
    ImportProgress progress;
    progress.total = total;
    QElapsedTimer sinceProgress;
    const auto reportProgress = [&](bool force) {
        if (!force && sinceProgress.isValid() && sinceProgress.elapsed() < 100)
            return;
        sinceProgress.start();
        const double seconds = double(clock.nsecsElapsed()) / 1e9;
        progress.rate = seconds > 0 ? progress.done / seconds : 0.0;
        progress.etaSeconds = progress.rate > 0 ? int((total - progress.done) / progress.rate + 0.5) : -1;
        emit this->progress(progress);
    };

    ImportReport::Status status = ImportReport::Status::Completed;
    int next = 0;
    for (int done = 0; done < total; ++done) {
        while (next < total && next - done < window && !m_cancel)
            handOut(next++);
        Checked c;
        {
            QMutexLocker lock(&d->mutex);
            while (!m_cancel && !results.contains(done))
                d->arrived.wait(&d->mutex);
            if (m_cancel)
                break;
            c = results.take(done);
        }
        ImportItem item = items[done];
        if (item.listId == 0 && item.listName.isEmpty())
            item.listName = options.listName;
        ImportEntry e;
        e.row = item.row;
        e.sourceLabel = item.sourceLabel;
        e.name = item.name;
        e.cardNo = item.cardNo;
        e.gender = item.gender;
        e.listId = item.listId > 0 ? item.listId : item.listName.isEmpty() ? options.listId : 0;
        e.listName = item.listName.isEmpty() ? listNames.value(e.listId) : item.listName;
        e.photoSize = c.check.size;
        e.face = c.check.face;
        e.thumbnail = c.thumbnail;
        if (!item.problem.isEmpty()) {
            e.outcome = ImportOutcome::Rejected;
            e.errorCode = item.problemCode;
            e.reason = item.problem;
        } else if (c.readFailed) {
            e.outcome = ImportOutcome::Rejected;
            e.errorCode = c.readCode;
            e.reason = c.readError;
        } else if (!c.check.accepted) {
            e.outcome = ImportOutcome::Rejected;
            e.errorCode = c.check.errorCode;
            e.reason = c.check.reason;
            e.flags = c.check.flags;
        } else {
            e.fixes = c.check.fixes;
            e.flags = item.flags + c.check.flags;
            const std::optional<DuplicateFinder::Match> twin = duplicates.find(item, c.check.phash);
            if (twin && options.duplicates == ImportOptions::Duplicates::Skip) {
                e.outcome = ImportOutcome::Duplicate;
                e.reason = twin->reason;
                e.duplicateOf = twin->who;
                e.duplicateOfIndexId = twin->indexId;
                e.duplicateOfRow = twin->row;
            } else {
                if (twin) {
                    e.flags << twin->reason;
                    e.duplicateOf = twin->who;
                    e.duplicateOfIndexId = twin->indexId;
                    e.duplicateOfRow = twin->row;
                }
                // Written now, added at the end: the run keeps a path, not the photo.
                const QString path = store.storePhoto(c.check.jpeg);
                if (path.isEmpty()) {
                    *error = store.lastError();
                    status = ImportReport::Status::Failed;
                    break;
                }
                NewPhoto photo = c.check.toNewPhoto(item.sourceLabel);
                photo.jpeg.clear();
                photo.storedPath = path;
                photo.storedBytes = c.check.jpeg.size();
                if (const auto same = pendingOf.constFind(item.personKey); !item.personKey.isEmpty() && same != pendingOf.constEnd()) {
                    // Another photo of a person of this run: one person, several photos.
                    pending[*same].person.photos << photo;
                    pending[*same].entries << report->entries.size();
                } else {
                    Pending p;
                    p.entries << report->entries.size();
                    p.person.name = item.name;
                    p.person.gender = item.gender;
                    p.person.cardNo = item.cardNo.trimmed();
                    p.person.listId = e.listId;
                    p.person.notes = item.notes;
                    p.person.photos << photo;
                    p.listName = item.listName;
                    if (!item.personKey.isEmpty())
                        pendingOf.insert(item.personKey, pending.size());
                    pending << p;
                }
                duplicates.remember(item, c.check.phash);
                e.outcome = e.fixes.isEmpty() ? ImportOutcome::Imported : ImportOutcome::ImportedWithFixes;
            }
        }
        switch (e.outcome) {
        case ImportOutcome::Imported:
        case ImportOutcome::ImportedWithFixes: ++progress.imported; break;
        case ImportOutcome::Rejected: ++progress.rejected; break;
        case ImportOutcome::Duplicate: ++progress.duplicates; break;
        case ImportOutcome::NotAdded: break;
        }
        report->entries << e;
        progress.done = done + 1;
        reportProgress(progress.done == total);
    }
    // Workers still busy with rows beyond a cancel or failure see the flag and stop early.
    if (status != ImportReport::Status::Completed)
        m_cancel = true;
    pool.waitForDone();
    if (status != ImportReport::Status::Completed)
        return status;
    if (m_cancel)
        return ImportReport::Status::Cancelled;
    if (pending.isEmpty())
        return ImportReport::Status::Completed;

    // Custom lists named by rows: found by name (any case) or created. Created lists
    // go again if the persons cannot be added, so a failed run leaves nothing behind.
    QHash<QString, int> byName;
    for (auto it = listNames.cbegin(); it != listNames.cend(); ++it)
        byName.insert(it.value().toCaseFolded(), it.key());
    QList<int> created;
    QList<NewPerson> persons;
    persons.reserve(pending.size());
    for (Pending &p : pending) {
        if (!p.listName.isEmpty()) {
            int id = byName.value(p.listName.toCaseFolded());
            if (id == 0) {
                id = store.addList(p.listName);
                if (id == 0) {
                    *error = store.lastError();
                    for (int c : std::as_const(created))
                        store.removeList(c);
                    return ImportReport::Status::Failed;
                }
                created << id;
                byName.insert(p.listName.toCaseFolded(), id);
            }
            p.person.listId = id;
        }
        persons << p.person;
    }
    const QList<qint64> ids = store.addPersons(persons);
    if (ids.size() != persons.size()) {
        *error = store.lastError();
        for (int c : std::as_const(created))
            store.removeList(c);
        return ImportReport::Status::Failed;
    }
    for (qsizetype i = 0; i < pending.size(); ++i) {
        for (const qsizetype entry : std::as_const(pending[i].entries)) {
            ImportEntry &e = report->entries[entry];
            e.indexId = ids[i];
            e.listId = pending[i].person.listId;
        }
    }
    return ImportReport::Status::Completed;
}

} // namespace fd::library
