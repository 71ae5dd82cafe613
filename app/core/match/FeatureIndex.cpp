#include "FeatureIndex.h"

#include "IdTable.h"
#include "Quantiser.h"
#include "TopK.h"

#include <QThread>

#include <opencv2/core.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <new>
#include <thread>

namespace fd::match {

namespace {

// Chunks start small (an index of a few hundred library persons should not cost
// megabytes) and double up to this many rows (2 MiB of 512-d codes); after that every
// chunk has this size, so growing never copies the codes, never needs twice their
// memory, and leaves at most one chunk's worth unused.
constexpr quint32 kFirstChunkRows = 64;
constexpr quint32 kMaxChunkRows = 4096;
// Rows per kernel call: the dot products of one block fit in L1 beside the query.
constexpr int kBlockRows = 256;
// Below this many rows a second thread costs more to start than it saves.
constexpr quint32 kParallelRows = 32768;
constexpr quint16 kNoDevice = 0xFFFF;
constexpr quint32 kMaxRows = 0xFFFFFFF0u;

struct AlignedDelete {
    void operator()(qint8 *p) const { ::operator delete[](p, std::align_val_t(kCodeAlignment)); }
};

float exactDot(const float *a, const float *b, int dims)
{
    const cv::Mat ma(1, dims, CV_32F, const_cast<float *>(a));
    const cv::Mat mb(1, dims, CV_32F, const_cast<float *>(b));
    return float(ma.dot(mb));
}

} // namespace

struct FeatureIndex::Chunk {
    quint32 firstRow = 0;
    quint32 capacity = 0;
    std::unique_ptr<qint8[], AlignedDelete> codes;
};

// A search's filter turned into what the scan tests per row.
struct FeatureIndex::ScanPlan {
    const qint8 *query = nullptr;
    bool perRowChecks = false;  // false: every row of the range counts
    bool checkTime = false;     // the time range could not become a row range
    qint64 fromMs = 0;
    qint64 toMs = 0;
    bool anyDevice = true;
    std::vector<quint8> deviceAllowed;  // by device number
    bool anyList = true;
    std::vector<qint32> lists;          // a handful at most: a linear look is fastest
};

FeatureIndex::FeatureIndex(FeatureKind kind, int dims, FeatureIndexOptions options)
    : m_kind(kind),
      m_dims(dims),
      m_stride((std::clamp(dims, kMinDims, kMaxDims) + kCodeAlignment - 1) / kCodeAlignment * kCodeAlignment),
      m_options(options),
      m_kernel(options.kernel ? *options.kernel : bestInt8Kernel()),
      m_idTable(std::make_unique<IdTable>())
{
    m_options.rerankFactor = std::max(1, m_options.rerankFactor);
    m_options.minCandidates = std::max(1, m_options.minCandidates);
    setScanThreads(m_options.scanThreads);
}

FeatureIndex::~FeatureIndex() = default;

void FeatureIndex::setExactFetcher(ExactFetcher fetcher)
{
    m_fetcher = std::move(fetcher);
}

void FeatureIndex::setScanThreads(int threads)
{
    m_options.scanThreads = std::clamp(threads, 1, std::max(1, QThread::idealThreadCount()));
}

IndexError FeatureIndex::check(FeatureRef v) const
{
    if (!isValid())
        return IndexError::WrongDimensions;
    if (v.kind != m_kind)
        return IndexError::WrongKind;
    if (v.dims != m_dims)
        return IndexError::WrongDimensions;
    if (!v.values)
        return IndexError::BadVector;
    return IndexError::None;
}

qint8 *FeatureIndex::appendCodeRow()
{
    if (m_chunks.empty() || m_rows == m_chunks.back().firstRow + m_chunks.back().capacity) {
        Chunk c;
        c.firstRow = m_rows;
        c.capacity = m_chunks.empty() ? kFirstChunkRows : std::min(m_chunks.back().capacity * 2, kMaxChunkRows);
        const size_t bytes = size_t(c.capacity) * size_t(m_stride);
        c.codes.reset(static_cast<qint8 *>(::operator new[](bytes, std::align_val_t(kCodeAlignment))));
        m_chunks.push_back(std::move(c));
    }
    const Chunk &c = m_chunks.back();
    return c.codes.get() + size_t(m_rows - c.firstRow) * size_t(m_stride);
}

const FeatureIndex::Chunk &FeatureIndex::chunkOf(quint32 row) const
{
    const auto it = std::upper_bound(m_chunks.begin(), m_chunks.end(), row,
                                     [](quint32 r, const Chunk &c) { return r < c.firstRow; });
    return *(it - 1);
}

qint8 *FeatureIndex::codeRow(quint32 row) const
{
    const Chunk &c = chunkOf(row);
    return c.codes.get() + size_t(row - c.firstRow) * size_t(m_stride);
}

IndexError FeatureIndex::add(qint64 id, FeatureRef v, const FeatureMeta &meta)
{
    if (const IndexError e = check(v); e != IndexError::None)
        return e;
    if (meta.device < -1 || meta.device >= int(kNoDevice) || m_rows >= kMaxRows)
        return IndexError::BadArgument;
    std::array<float, kMaxDims> unit;
    std::copy_n(v.values, m_dims, unit.begin());
    if (!normaliseL2(unit.data(), m_dims))
        return IndexError::BadVector;

    if (const quint32 old = m_idTable->find(id, m_ids.data(), m_live.data()); old != IdTable::kNone)
        markRemoved(old);

    const quint32 row = m_rows;
    const float step = quantiseInt8(unit.data(), m_dims, m_stride, appendCodeRow());
    if (row > 0 && meta.timeMs < m_times.back())
        m_timeOrdered = false;
    m_ids.push_back(id);
    m_times.push_back(meta.timeMs);
    m_steps.push_back(step);
    m_devices.push_back(meta.device < 0 ? kNoDevice : quint16(meta.device));
    m_lists.push_back(meta.list);
    m_live.push_back(1);
    if (m_options.exact == ExactVectors::InMemory)
        m_exact.insert(m_exact.end(), unit.begin(), unit.begin() + m_dims);
    ++m_rows;
    m_idTable->append(row, m_ids.data(), m_live.data());
    compactIfWorthIt();  // replaced entries are removed rows too
    return IndexError::None;
}

void FeatureIndex::markRemoved(quint32 row)
{
    m_live[row] = 0;
    ++m_dead;
}

bool FeatureIndex::contains(qint64 id) const
{
    return m_idTable->find(id, m_ids.data(), m_live.data()) != IdTable::kNone;
}

bool FeatureIndex::remove(qint64 id)
{
    const quint32 row = m_idTable->find(id, m_ids.data(), m_live.data());
    if (row == IdTable::kNone)
        return false;
    markRemoved(row);
    compactIfWorthIt();
    return true;
}

qsizetype FeatureIndex::removeOlderThan(qint64 timeMs)
{
    qsizetype removed = 0;
    for (quint32 r = 0; r < m_rows; ++r)
        if (m_live[r] && m_times[r] < timeMs) {
            markRemoved(r);
            ++removed;
        }
    compactIfWorthIt();
    return removed;
}

void FeatureIndex::compactIfWorthIt()
{
    // Removed rows cost scan time (the per-row check) but no wrong answers; compacting
    // costs one pass over everything. A quarter keeps that pass amortised over many
    // removals, and tiny counts are not worth a pass at all.
    if (m_dead >= 1024 && m_dead * 4 >= qsizetype(m_rows))
        compact();
}

void FeatureIndex::compact()
{
    if (m_dead == 0)
        return;
    // In place: a live row only ever moves to a lower row, so nothing is overwritten
    // before it has been read, and no second copy of the codes is ever needed.
    quint32 w = 0;
    for (quint32 r = 0; r < m_rows; ++r) {
        if (!m_live[r])
            continue;
        if (w != r) {
            std::memcpy(codeRow(w), codeRow(r), size_t(m_stride));
            m_ids[w] = m_ids[r];
            m_times[w] = m_times[r];
            m_steps[w] = m_steps[r];
            m_devices[w] = m_devices[r];
            m_lists[w] = m_lists[r];
            m_live[w] = 1;
            if (!m_exact.empty())
                std::copy_n(m_exact.begin() + qsizetype(r) * m_dims, m_dims, m_exact.begin() + qsizetype(w) * m_dims);
        }
        ++w;
    }
    m_rows = w;
    m_dead = 0;
    while (!m_chunks.empty() && m_chunks.back().firstRow >= w)
        m_chunks.pop_back();
    const auto cut = [w](auto &column, size_t perRow = 1) {
        column.resize(size_t(w) * perRow);
        column.shrink_to_fit();
    };
    cut(m_ids);
    cut(m_times);
    cut(m_steps);
    cut(m_devices);
    cut(m_lists);
    cut(m_live);
    if (!m_exact.empty())
        cut(m_exact, size_t(m_dims));
    m_timeOrdered = std::is_sorted(m_times.begin(), m_times.end());
    m_idTable->rebuild(m_rows, m_ids.data(), m_live.data());
}

void FeatureIndex::clear()
{
    m_chunks.clear();
    m_chunks.shrink_to_fit();
    m_rows = 0;
    m_dead = 0;
    m_timeOrdered = true;
    const auto drop = [](auto &column) {
        column.clear();
        column.shrink_to_fit();
    };
    drop(m_ids);
    drop(m_times);
    drop(m_steps);
    drop(m_devices);
    drop(m_lists);
    drop(m_live);
    drop(m_exact);
    m_idTable->clear();
}

void FeatureIndex::reserve(qsizetype n)
{
    const size_t rows = size_t(std::max<qsizetype>(n, 0));
    m_ids.reserve(rows);
    m_times.reserve(rows);
    m_steps.reserve(rows);
    m_devices.reserve(rows);
    m_lists.reserve(rows);
    m_live.reserve(rows);
    if (m_options.exact == ExactVectors::InMemory)
        m_exact.reserve(rows * size_t(m_dims));
}

qint64 FeatureIndex::memoryBytes() const
{
    qint64 bytes = qint64(sizeof(*this)) + qint64(m_chunks.capacity() * sizeof(Chunk));
    for (const Chunk &c : m_chunks)
        bytes += qint64(c.capacity) * m_stride;
    const auto column = [](const auto &v) { return qint64(v.capacity() * sizeof(v[0])); };
    bytes += column(m_ids) + column(m_times) + column(m_steps) + column(m_devices) + column(m_lists)
        + column(m_live) + column(m_exact);
    return bytes + m_idTable->memoryBytes();
}

qsizetype FeatureIndex::scanRange(const ScanPlan &plan, quint32 begin, quint32 end, TopK &best) const
{
    qsizetype scanned = 0;
    alignas(64) qint32 dots[kBlockRows];
    quint32 picked[kBlockRows];
    quint32 row = begin;
    while (row < end) {
        const Chunk &c = chunkOf(row);
        const quint32 chunkEnd = std::min(c.firstRow + c.capacity, end);
        while (row < chunkEnd) {
            const int n = int(std::min<quint32>(kBlockRows, chunkEnd - row));
            const qint8 *base = c.codes.get() + size_t(row - c.firstRow) * size_t(m_stride);
            if (!plan.perRowChecks) {
                m_kernel.dotRows(base, m_stride, nullptr, n, plan.query, dots);
                for (int j = 0; j < n; ++j)
                    best.push(float(dots[j]) * m_steps[row + j], row + quint32(j));
                scanned += n;
            } else {
                // The filter decides before any similarity is computed: a refused row
                // is never read, never scored, and cannot push others out.
                int m = 0;
                for (int j = 0; j < n; ++j) {
                    const quint32 r = row + quint32(j);
                    if (!m_live[r])
                        continue;
                    if (plan.checkTime && (m_times[r] < plan.fromMs || m_times[r] > plan.toMs))
                        continue;
                    if (!plan.anyDevice
                        && (m_devices[r] >= plan.deviceAllowed.size() || !plan.deviceAllowed[m_devices[r]]))
                        continue;
                    if (!plan.anyList && std::find(plan.lists.begin(), plan.lists.end(), m_lists[r]) == plan.lists.end())
                        continue;
                    picked[m++] = quint32(j);
                }
                m_kernel.dotRows(base, m_stride, picked, m, plan.query, dots);
                for (int i = 0; i < m; ++i)
                    best.push(float(dots[i]) * m_steps[row + picked[i]], row + picked[i]);
                scanned += m;
            }
            row += quint32(n);
        }
    }
    return scanned;
}

QList<FeatureHit> FeatureIndex::search(FeatureRef query, int k, const FeatureFilter &filter, float minSimilarity,
                                       SearchInfo *info) const
{
    SearchInfo local;
    SearchInfo &out = info ? *info : local;
    out = SearchInfo();
    if (const IndexError e = check(query); e != IndexError::None) {
        out.error = e;
        return {};
    }
    if (k < 1) {
        out.error = IndexError::BadArgument;
        return {};
    }
    std::array<float, kMaxDims> unit;
    std::copy_n(query.values, m_dims, unit.begin());
    if (!normaliseL2(unit.data(), m_dims)) {
        out.error = IndexError::BadVector;
        return {};
    }
    if (size() == 0 || filter.fromMs > filter.toMs)
        return {};

    alignas(kCodeAlignment) std::array<qint8, kMaxDims> queryCodes;
    const float queryStep = quantiseInt8(unit.data(), m_dims, m_stride, queryCodes.data());

    ScanPlan plan;
    plan.query = queryCodes.data();
    quint32 begin = 0;
    quint32 end = m_rows;
    const bool timeLimited = filter.fromMs != std::numeric_limits<qint64>::min()
        || filter.toMs != std::numeric_limits<qint64>::max();
    if (timeLimited && m_timeOrdered) {
        // Rows in capture order (the usual case: events arrive, or are loaded, in
        // order): the range is two binary searches and the scan never sees the rest.
        begin = quint32(std::lower_bound(m_times.begin(), m_times.end(), filter.fromMs) - m_times.begin());
        end = quint32(std::upper_bound(m_times.begin(), m_times.end(), filter.toMs) - m_times.begin());
    } else if (timeLimited) {
        plan.checkTime = true;
        plan.fromMs = filter.fromMs;
        plan.toMs = filter.toMs;
    }
    if (filter.devices) {
        plan.anyDevice = false;
        for (const int d : *filter.devices) {
            if (d < 0 || d >= int(kNoDevice))
                continue;
            if (size_t(d) >= plan.deviceAllowed.size())
                plan.deviceAllowed.resize(size_t(d) + 1, 0);
            plan.deviceAllowed[size_t(d)] = 1;
        }
    }
    if (filter.lists) {
        plan.anyList = false;
        plan.lists.assign(filter.lists->begin(), filter.lists->end());
    }
    plan.perRowChecks = m_dead > 0 || plan.checkTime || !plan.anyDevice || !plan.anyList;

    const qint64 wanted = std::max<qint64>(qint64(k) * m_options.rerankFactor, m_options.minCandidates);
    const int candidateCount = int(std::min<qint64>(wanted, qint64(m_rows)));
    TopK best(candidateCount);
    if (begin < end) {
        const quint32 rows = end - begin;
        if (m_options.scanThreads > 1 && rows >= kParallelRows) {
            // Two halves, each with its own heap; the scan is bound by memory
            // bandwidth, which one core alone does not exhaust.
            const quint32 mid = begin + rows / 2;
            TopK second(candidateCount);
            qsizetype scannedSecond = 0;
            std::thread helper([&] { scannedSecond = scanRange(plan, mid, end, second); });
            out.scanned = scanRange(plan, begin, mid, best);
            helper.join();
            out.scanned += scannedSecond;
            best.merge(second);
        } else {
            out.scanned = scanRange(plan, begin, end, best);
        }
    }

    // Re-rank the candidates with their exact vectors, best approximate first. A
    // candidate whose approximate score plus the worst quantisation error cannot
    // reach the k-th exact score so far (or minSimilarity) is not fetched at all.
    const std::vector<ScoredRow> candidates = best.sortedBestFirst();
    out.candidates = int(candidates.size());
    TopK exactBest(k);
    std::vector<quint8> wasExact(candidates.size(), 1);
    QVector<float> fetched;
    for (size_t i = 0; i < candidates.size(); ++i) {
        const quint32 row = candidates[i].row;
        const float approx = candidates[i].score * queryStep;
        const float reach = approx + quantisationBound(m_dims, queryStep, m_steps[row]);
        if (reach < minSimilarity || reach <= exactBest.threshold())
            continue;
        float similarity = approx;
        if (m_options.exact == ExactVectors::InMemory) {
            similarity = exactDot(m_exact.data() + size_t(row) * size_t(m_dims), unit.data(), m_dims);
        } else if (m_fetcher) {
            ++out.fetched;
            fetched.clear();
            if (m_fetcher(m_ids[row], fetched) && fetched.size() == m_dims && normaliseL2(fetched.data(), m_dims)) {
                similarity = exactDot(fetched.constData(), unit.data(), m_dims);
            } else {
                ++out.fetchFailures;
                wasExact[i] = 0;
            }
        } else {
            wasExact[i] = 0;
        }
        exactBest.push(similarity, quint32(i));
    }

    QList<FeatureHit> hits;
    for (const ScoredRow &s : exactBest.sortedBestFirst()) {
        if (s.score < minSimilarity)
            break;
        hits.append(FeatureHit{m_ids[candidates[s.row].row], s.score, wasExact[s.row] != 0});
    }
    return hits;
}

QString FeatureIndex::describe(IndexError error)
{
    switch (error) {
    case IndexError::None: return {};
    case IndexError::WrongKind: return tr("the feature comes from another recognition engine than this index's");
    case IndexError::WrongDimensions: return tr("the feature has another number of dimensions than this index");
    case IndexError::BadVector: return tr("the feature is empty or not a number");
    case IndexError::BadArgument: return tr("invalid search or entry settings");
    }
    return {};
}

} // namespace fd::match
