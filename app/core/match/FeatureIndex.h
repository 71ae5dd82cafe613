// Every stored face feature of one kind, in memory, searchable by cosine similarity
// with filters (time, device, list) applied before ranking.
//
// The scan reads one signed byte per dimension (512 bytes for a 512-d feature, a
// quarter of float32) and keeps the best max(k * rerankFactor, minCandidates) rows;
// those are re-ranked with their exact float vectors, which by default are not kept
// here but fetched from their owner (the archive keeps every feature as a float32 blob
// anyway), so a million 512-d features cost about 550 MB instead of 2 GB. See the
// "Face search" section of docs/ARCHITECTURE.md for the reasoning and
// docs/PERFORMANCE.md ("match") for the numbers.
//
// Threads: not locked inside. Any number of search() calls may run at once (they
// only read), but add(), remove(), compact() and clear() need the index to
// themselves: the owner serialises them, e.g. with a QReadWriteLock.
#pragma once

#include "Int8Kernels.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QVector>

#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace fd::match {

class IdTable;
class TopK;

// Who computed a feature. The device's face_feature and FaceDesk's own engine come
// from different networks: their similarities mean nothing across kinds, so an index
// holds one kind (and one dimension) and refuses the other.
enum class FeatureKind { Device, Local };

// A feature together with where it came from, so that a caller cannot hand a vector
// to the wrong index without saying so.
struct FeatureRef {
    FeatureKind kind = FeatureKind::Device;
    const float *values = nullptr;
    int dims = 0;
};

// What a search can filter on, stored beside each vector.
struct FeatureMeta {
    qint64 timeMs = 0;  // capture time, ms since the epoch (UTC)
    int device = -1;    // a DeviceIdMap number; -1 for none
    int list = -1;      // the event's pic_sort (1 blacklist, 2 whitelist, 3 VIP, 4 custom); -1 for none
};

struct FeatureFilter {
    qint64 fromMs = std::numeric_limits<qint64>::min();  // inclusive
    qint64 toMs = std::numeric_limits<qint64>::max();    // inclusive
    // nullopt: any device (or list). An empty list: none at all, which is what a
    // filter on devices that have never been seen must mean.
    std::optional<QList<int>> devices;
    std::optional<QList<int>> lists;
};

enum class IndexError {
    None,
    WrongKind,        // a feature of the other kind
    WrongDimensions,  // a feature of another length, or an index built outside 128..512
    BadVector,        // no length, NaN or infinity
    BadArgument,      // k < 1, a device number out of range, or the index is full
};

struct FeatureHit {
    qint64 id = -1;
    float similarity = 0;  // cosine of the unit vectors, in [-1, 1]
    bool exact = true;     // false: from the codes (the exact vector could not be fetched)

    bool operator==(const FeatureHit &) const = default;
};

// What one search did, for tests, logs and the benchmark.
struct SearchInfo {
    IndexError error = IndexError::None;
    qsizetype scanned = 0;  // rows whose codes were read (after the filters)
    int candidates = 0;     // rows kept by the scan for re-ranking
    int fetched = 0;        // exact vectors read for the re-rank
    int fetchFailures = 0;  // candidates ranked on their codes instead
};

enum class ExactVectors {
    Fetched,   // re-rank with vectors from setExactFetcher(): nothing extra in memory
    InMemory,  // keep a float32 copy per row (d * 4 bytes): small indexes and tests
};

struct FeatureIndexOptions {
    ExactVectors exact = ExactVectors::Fetched;
    int rerankFactor = 4;                // the scan keeps max(k * rerankFactor, minCandidates) rows
    int minCandidates = 64;
    int scanThreads = 2;                 // at most; large scans split across this many threads
    const Int8Kernel *kernel = nullptr;  // null: the best for this CPU (tests and the benchmark pick others)
};

class FeatureIndex {
    Q_DECLARE_TR_FUNCTIONS(FeatureIndex)
public:
    static constexpr int kMinDims = 128;
    static constexpr int kMaxDims = 512;

    // Fills `out` with the raw (not necessarily normalised) feature stored for id.
    // Called from the searching thread, for the scan's candidates only; when searches
    // run on several threads at once it must be safe for that (e.g. one database
    // connection per thread).
    using ExactFetcher = std::function<bool(qint64 id, QVector<float> &out)>;

    FeatureIndex(FeatureKind kind, int dims, FeatureIndexOptions options = {});
    ~FeatureIndex();
    FeatureIndex(const FeatureIndex &) = delete;
    FeatureIndex &operator=(const FeatureIndex &) = delete;

    FeatureKind kind() const { return m_kind; }
    int dims() const { return m_dims; }
    // False when dims is outside 128..512: such an index refuses everything.
    bool isValid() const { return m_dims >= kMinDims && m_dims <= kMaxDims; }
    const FeatureIndexOptions &options() const { return m_options; }

    void setExactFetcher(ExactFetcher fetcher);
    // Like options().scanThreads, later (a writer's call: no search may be running).
    void setScanThreads(int threads);

    // Stores v (normalised here) under id; an id already present is replaced.
    IndexError add(qint64 id, FeatureRef v, const FeatureMeta &meta);
    bool remove(qint64 id);
    // Removes every entry captured before timeMs (the archive's retention); returns how many.
    qsizetype removeOlderThan(qint64 timeMs);
    bool contains(qint64 id) const;
    // Drops removed rows for good. remove() calls it once removed rows pass a quarter
    // of the index, so owners rarely need to.
    void compact();
    void clear();
    // Room for n rows without the columns growing (loading from the archive).
    void reserve(qsizetype n);

    qsizetype size() const { return qsizetype(m_rows) - m_dead; }
    qsizetype removedRows() const { return m_dead; }
    // Everything this index has allocated (codes, columns, id table, exact copies).
    qint64 memoryBytes() const;

    // The k entries most similar to the query that pass the filter, best first, none
    // below minSimilarity. Rows the filter refuses are skipped by the scan, so they
    // never take a place among the candidates.
    QList<FeatureHit> search(FeatureRef query, int k, const FeatureFilter &filter = {},
                             float minSimilarity = -1.f, SearchInfo *info = nullptr) const;

    static QString describe(IndexError error);

private:
    struct Chunk;
    struct ScanPlan;

    IndexError check(FeatureRef v) const;
    qint8 *appendCodeRow();
    const Chunk &chunkOf(quint32 row) const;
    qint8 *codeRow(quint32 row) const;
    void markRemoved(quint32 row);
    void compactIfWorthIt();
    // Scores rows [begin, end) that pass the plan into best; returns how many it read.
    qsizetype scanRange(const ScanPlan &plan, quint32 begin, quint32 end, TopK &best) const;

    FeatureKind m_kind;
    int m_dims;
    int m_stride;  // dims rounded up to kCodeAlignment
    FeatureIndexOptions m_options;
    Int8Kernel m_kernel;  // a copy: the options' pointer need not outlive the index
    ExactFetcher m_fetcher;

    std::vector<Chunk> m_chunks;  // the codes, in blocks that never move once allocated
    quint32 m_rows = 0;           // rows in use, removed ones included
    qsizetype m_dead = 0;
    bool m_timeOrdered = true;    // rows were added in capture order: a time filter is a row range

    // One entry per row.
    std::vector<qint64> m_ids;
    std::vector<qint64> m_times;
    std::vector<float> m_steps;       // the code's scale: value ~ code * step
    std::vector<quint16> m_devices;   // 0xFFFF for none
    std::vector<qint32> m_lists;
    std::vector<quint8> m_live;
    std::vector<float> m_exact;       // InMemory only: the normalised vectors, dims per row

    std::unique_ptr<IdTable> m_idTable;
};

} // namespace fd::match
