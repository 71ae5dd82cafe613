// FeatureIndex: what the scan finds, what the re-rank fixes, what the filters keep
// out, and what the index refuses. Vectors are seeded random data; every expectation
// is checked against a brute-force cosine computed here in double precision.
#include "match/DeviceIdMap.h"
#include "match/FeatureIndex.h"
#include "match/Int8Kernels.h"
#include "match/Quantiser.h"

#include <QHash>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <random>

using namespace fd::match;

namespace {

using Vec = std::vector<float>;

Vec randomVector(std::mt19937 &rng, int dims)
{
    std::normal_distribution<float> n(0.f, 1.f);
    Vec v(static_cast<size_t>(dims));
    for (float &x : v)
        x = n(rng);
    return v;
}

Vec unit(Vec v)
{
    double s = 0;
    for (float x : v)
        s += double(x) * x;
    const double inv = 1.0 / std::sqrt(s);
    for (float &x : v)
        x = float(x * inv);
    return v;
}

// `base` moved off by noise of the given length (relative to base's unit length).
Vec nearCopy(std::mt19937 &rng, const Vec &base, float noise)
{
    const Vec b = unit(base);
    const Vec n = unit(randomVector(rng, int(base.size())));
    Vec v(b.size(), 0.f);
    for (size_t i = 0; i < b.size(); ++i)
        v[i] = b[i] + noise * n[i];
    return v;
}

double cosine(const Vec &a, const Vec &b)
{
    double ab = 0, aa = 0, bb = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        ab += double(a[i]) * b[i];
        aa += double(a[i]) * a[i];
        bb += double(b[i]) * b[i];
    }
    return ab / std::sqrt(aa * bb);
}

FeatureRef feature(const Vec &v, FeatureKind kind = FeatureKind::Device)
{
    return FeatureRef{kind, v.data(), int(v.size())};
}

QList<qint64> ids(const QList<FeatureHit> &hits)
{
    QList<qint64> out;
    for (const FeatureHit &h : hits)
        out.append(h.id);
    return out;
}

// The true top k by brute force among (id, vector) pairs that pass `keep`.
QList<qint64> bruteForce(const QList<QPair<qint64, Vec>> &rows, const Vec &q, int k,
                         const std::function<bool(qint64)> &keep = {})
{
    QList<QPair<double, qint64>> scored;
    for (const auto &r : rows)
        if (!keep || keep(r.first))
            scored.append({cosine(r.second, q), r.first});
    std::sort(scored.begin(), scored.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    QList<qint64> out;
    for (qsizetype i = 0; i < std::min<qsizetype>(k, scored.size()); ++i)
        out.append(scored[i].second);
    return out;
}

void addDims()
{
    QTest::addColumn<int>("dims");
    QTest::newRow("128") << 128;
    QTest::newRow("256") << 256;
    QTest::newRow("512") << 512;
    QTest::newRow("200 (padded)") << 200;
}

} // namespace

class TestFeatureIndex : public QObject {
    Q_OBJECT
private slots:
    void kernelsAgree();
    void plantedNearDuplicatesComeFirst_data() { addDims(); }
    void plantedNearDuplicatesComeFirst();
    void reRankMatchesExactSearch_data() { addDims(); }
    void reRankMatchesExactSearch();
    void codesAloneAreCloseButMarkedInexact();
    void fetchedVectorsReRankLikeInMemory();
    void failedFetchFallsBackToCodes();
    void refusesOtherKindAndDimension();
    void refusesBadInput();
    void deviceFilterAppliesBeforeRanking();
    void listFilterAppliesBeforeRanking();
    void timeFilterAppliesBeforeRanking_data();
    void timeFilterAppliesBeforeRanking();
    void emptyFilterSetMatchesNothing();
    void removeHidesEntry();
    void addingAnIdAgainReplacesIt();
    void removeOlderThanAndCompaction();
    void minSimilarityThreshold();
    void twoThreadsFindTheSameAsOne();
    void memoryIsCodesPlusSmallColumns();
    void clearEmptiesEverything();
    void deviceIdMap();
};

void TestFeatureIndex::kernelsAgree()
{
    // Integer sums have no rounding: every kernel must give the portable one's numbers,
    // for codes at the extremes too (+-127, which the AVX2 trick depends on).
    std::mt19937 rng{1};
    std::uniform_int_distribution<int> byte(-127, 127);
    const int stride = 512;
    const int rows = 300;
    std::vector<qint8> codes(static_cast<size_t>(rows * stride));
    for (qint8 &c : codes)
        c = qint8(byte(rng));
    std::fill_n(codes.begin(), stride, qint8(-127));
    std::fill_n(codes.begin() + stride, stride, qint8(127));
    std::vector<qint8> query(static_cast<size_t>(stride));
    for (qint8 &c : query)
        c = qint8(byte(rng));
    query[0] = -127;
    const std::vector<quint32> picked = {299, 0, 1, 17, 150};

    const std::vector<Int8Kernel> kernels = availableInt8Kernels();
    QVERIFY(!kernels.empty());
    qInfo("kernels on this CPU: %s ... best: %s", kernels.front().name, bestInt8Kernel().name);
    std::vector<qint32> expected(static_cast<size_t>(rows)), expectedPicked(picked.size());
    kernels.front().dotRows(codes.data(), stride, nullptr, rows, query.data(), expected.data());
    kernels.front().dotRows(codes.data(), stride, picked.data(), int(picked.size()), query.data(),
                            expectedPicked.data());
    for (const Int8Kernel &k : kernels) {
        std::vector<qint32> got(static_cast<size_t>(rows)), gotPicked(picked.size());
        k.dotRows(codes.data(), stride, nullptr, rows, query.data(), got.data());
        k.dotRows(codes.data(), stride, picked.data(), int(picked.size()), query.data(), gotPicked.data());
        QVERIFY2(got == expected, k.name);
        QVERIFY2(gotPicked == expectedPicked, k.name);
        // Strides of 64 but not 128 take the VNNI kernel's tail step.
        std::vector<qint32> narrow(1), narrowExpected(1);
        k.dotRows(codes.data(), 192, nullptr, 1, query.data(), narrow.data());
        kernels.front().dotRows(codes.data(), 192, nullptr, 1, query.data(), narrowExpected.data());
        QVERIFY2(narrow == narrowExpected, k.name);
    }
}

void TestFeatureIndex::plantedNearDuplicatesComeFirst()
{
    QFETCH(int, dims);
    std::mt19937 rng{uint(dims)};
    FeatureIndex index(FeatureKind::Device, dims, {ExactVectors::InMemory});
    for (int i = 0; i < 3000; ++i)
        QCOMPARE(index.add(i, feature(randomVector(rng, dims)), {}), IndexError::None);
    const Vec q = randomVector(rng, dims);
    // Five copies of the query with growing noise: they must come first, in order.
    const float noise[] = {0.05f, 0.2f, 0.4f, 0.7f, 1.0f};
    for (int i = 0; i < 5; ++i)
        QCOMPARE(index.add(10000 + i, feature(nearCopy(rng, q, noise[i])), {}), IndexError::None);

    SearchInfo info;
    const QList<FeatureHit> hits = index.search(feature(q), 10, {}, -1.f, &info);
    QCOMPARE(info.error, IndexError::None);
    QCOMPARE(hits.size(), 10);
    QCOMPARE(ids(hits).mid(0, 5), (QList<qint64>{10000, 10001, 10002, 10003, 10004}));
    QVERIFY(hits[0].similarity > 0.99f);
    for (const FeatureHit &h : hits)
        QVERIFY(h.exact);
    for (int i = 1; i < hits.size(); ++i)
        QVERIFY(hits[i - 1].similarity >= hits[i].similarity);
    QCOMPARE(info.scanned, qsizetype(3005));
}

void TestFeatureIndex::reRankMatchesExactSearch()
{
    QFETCH(int, dims);
    // Clustered data, the hard case for quantisation: near-equal similarities within
    // an identity's sightings. The re-ranked top 10 must be exactly the true top 10.
    std::mt19937 rng{100 + uint(dims)};
    FeatureIndex index(FeatureKind::Local, dims, {ExactVectors::InMemory});
    QList<QPair<qint64, Vec>> rows;
    QList<Vec> centres;
    for (int c = 0; c < 100; ++c)
        centres.append(randomVector(rng, dims));
    for (int i = 0; i < 5000; ++i) {
        const Vec v = i % 5 == 0 ? randomVector(rng, dims) : nearCopy(rng, centres[i % 100], 0.8f);
        rows.append({i, v});
        QCOMPARE(index.add(i, feature(v, FeatureKind::Local), {}), IndexError::None);
    }
    for (int t = 0; t < 30; ++t) {
        const Vec q = nearCopy(rng, centres[t], 0.8f);
        const QList<FeatureHit> hits = index.search(feature(q, FeatureKind::Local), 10);
        QCOMPARE(ids(hits), bruteForce(rows, q, 10));
        for (const FeatureHit &h : hits)
            QVERIFY(std::abs(double(h.similarity) - cosine(rows[h.id].second, q)) < 1e-5);
    }
}

void TestFeatureIndex::codesAloneAreCloseButMarkedInexact()
{
    // Without exact vectors (no fetcher) the codes rank alone: close, not exact, and
    // the hits say so.
    std::mt19937 rng{7};
    const int dims = 512;
    FeatureIndex index(FeatureKind::Device, dims);
    QList<QPair<qint64, Vec>> rows;
    for (int i = 0; i < 4000; ++i) {
        rows.append({i, randomVector(rng, dims)});
        index.add(i, feature(rows.last().second), {});
    }
    int found = 0;
    for (int t = 0; t < 20; ++t) {
        const Vec q = randomVector(rng, dims);
        const QList<FeatureHit> hits = index.search(feature(q), 10);
        QCOMPARE(hits.size(), 10);
        const QList<qint64> truth = bruteForce(rows, q, 10);
        for (const FeatureHit &h : hits) {
            QVERIFY(!h.exact);
            found += truth.contains(h.id);
            QVERIFY(std::abs(double(h.similarity) - cosine(rows[h.id].second, q))
                    <= quantisationBound(dims, 1.f / 127, 1.f / 127));
        }
    }
    QVERIFY2(found >= 180, qPrintable(QString::number(found)));  // recall of codes alone >= 0.9
}

void TestFeatureIndex::fetchedVectorsReRankLikeInMemory()
{
    std::mt19937 rng{8};
    const int dims = 256;
    FeatureIndex inMemory(FeatureKind::Device, dims, {ExactVectors::InMemory});
    FeatureIndex fetched(FeatureKind::Device, dims, {ExactVectors::Fetched});
    QHash<qint64, Vec> archive;  // raw features as the device sent them: not unit length
    for (int i = 0; i < 3000; ++i) {
        Vec v = randomVector(rng, dims);
        for (float &x : v)
            x *= 3.5f;
        archive.insert(i, v);
        inMemory.add(i, feature(v), {});
        fetched.add(i, feature(v), {});
    }
    int calls = 0;
    fetched.setExactFetcher([&](qint64 id, QVector<float> &out) {
        ++calls;
        const Vec &v = archive.value(id);
        out = QVector<float>(v.begin(), v.end());
        return !v.empty();
    });
    for (int t = 0; t < 20; ++t) {
        const Vec q = randomVector(rng, dims);
        SearchInfo info;
        const QList<FeatureHit> a = inMemory.search(feature(q), 10);
        const QList<FeatureHit> b = fetched.search(feature(q), 10, {}, -1.f, &info);
        QCOMPARE(ids(b), ids(a));
        for (int i = 0; i < a.size(); ++i) {
            QVERIFY(b[i].exact);
            QVERIFY(std::abs(a[i].similarity - b[i].similarity) < 1e-5f);
        }
        // Only candidates that could still make the top 10 are read from the archive.
        QVERIFY(info.fetched >= 10 && info.fetched <= info.candidates);
        QCOMPARE(info.candidates, 64);
        QCOMPARE(info.fetchFailures, 0);
    }
    QVERIFY(calls > 0);
    // The fetched index keeps no floats: much smaller than one that does.
    QVERIFY(fetched.memoryBytes() * 3 < inMemory.memoryBytes());
}

void TestFeatureIndex::failedFetchFallsBackToCodes()
{
    std::mt19937 rng{9};
    const int dims = 128;
    FeatureIndex index(FeatureKind::Device, dims);
    const Vec q = randomVector(rng, dims);
    index.add(1, feature(nearCopy(rng, q, 0.1f)), {});
    index.add(2, feature(nearCopy(rng, q, 0.3f)), {});
    // The archive lost event 1 (or holds a feature of another length).
    index.setExactFetcher([&](qint64 id, QVector<float> &out) {
        if (id == 1)
            return false;
        out = QVector<float>(64, 1.f);
        return true;
    });
    SearchInfo info;
    const QList<FeatureHit> hits = index.search(feature(q), 2, {}, -1.f, &info);
    QCOMPARE(ids(hits), (QList<qint64>{1, 2}));
    QVERIFY(!hits[0].exact && !hits[1].exact);
    QCOMPARE(info.fetchFailures, 2);
}

void TestFeatureIndex::refusesOtherKindAndDimension()
{
    std::mt19937 rng{10};
    FeatureIndex device(FeatureKind::Device, 512, {ExactVectors::InMemory});
    const Vec v512 = randomVector(rng, 512);
    const Vec v256 = randomVector(rng, 256);
    QCOMPARE(device.add(1, feature(v512), {}), IndexError::None);

    // A local-engine vector of the right length is still refused: never mixed.
    QCOMPARE(device.add(2, feature(v512, FeatureKind::Local), {}), IndexError::WrongKind);
    QCOMPARE(device.add(3, feature(v256), {}), IndexError::WrongDimensions);
    QCOMPARE(device.size(), qsizetype(1));
    QVERIFY(!device.contains(2) && !device.contains(3));

    SearchInfo info;
    QVERIFY(device.search(feature(v512, FeatureKind::Local), 5, {}, -1.f, &info).isEmpty());
    QCOMPARE(info.error, IndexError::WrongKind);
    QVERIFY(device.search(feature(v256), 5, {}, -1.f, &info).isEmpty());
    QCOMPARE(info.error, IndexError::WrongDimensions);
    QVERIFY(!FeatureIndex::describe(IndexError::WrongKind).isEmpty());

    // Outside 128..512 an index refuses everything.
    FeatureIndex tooSmall(FeatureKind::Device, 64);
    QVERIFY(!tooSmall.isValid());
    const Vec v64 = randomVector(rng, 64);
    QCOMPARE(tooSmall.add(1, feature(v64), {}), IndexError::WrongDimensions);
    FeatureIndex tooLarge(FeatureKind::Device, 1024);
    const Vec v1024 = randomVector(rng, 1024);
    QCOMPARE(tooLarge.add(1, feature(v1024), {}), IndexError::WrongDimensions);
}

void TestFeatureIndex::refusesBadInput()
{
    std::mt19937 rng{11};
    FeatureIndex index(FeatureKind::Device, 128);
    Vec zero(128, 0.f);
    QCOMPARE(index.add(1, feature(zero), {}), IndexError::BadVector);
    Vec nan = randomVector(rng, 128);
    nan[5] = std::numeric_limits<float>::quiet_NaN();
    QCOMPARE(index.add(1, feature(nan), {}), IndexError::BadVector);
    Vec inf = randomVector(rng, 128);
    inf[7] = std::numeric_limits<float>::infinity();
    QCOMPARE(index.add(1, feature(inf), {}), IndexError::BadVector);
    QCOMPARE(index.add(1, FeatureRef{FeatureKind::Device, nullptr, 128}, {}), IndexError::BadVector);
    const Vec ok = randomVector(rng, 128);
    QCOMPARE(index.add(1, feature(ok), FeatureMeta{0, 70000, -1}), IndexError::BadArgument);
    QCOMPARE(index.size(), qsizetype(0));

    QCOMPARE(index.add(1, feature(ok), {}), IndexError::None);
    SearchInfo info;
    QVERIFY(index.search(feature(ok), 0, {}, -1.f, &info).isEmpty());
    QCOMPARE(info.error, IndexError::BadArgument);
    QVERIFY(index.search(feature(zero), 1, {}, -1.f, &info).isEmpty());
    QCOMPARE(info.error, IndexError::BadVector);
}

void TestFeatureIndex::deviceFilterAppliesBeforeRanking()
{
    // Fifty vectors closer to the query than anything else sit on device 0. With the
    // scan keeping only k candidates, a filter applied after ranking would return
    // nothing: the ten of device 1 must come back all the same.
    std::mt19937 rng{12};
    const int dims = 256;
    FeatureIndexOptions options{ExactVectors::InMemory};
    options.rerankFactor = 1;
    options.minCandidates = 1;
    FeatureIndex index(FeatureKind::Device, dims, options);
    const Vec q = randomVector(rng, dims);
    QList<QPair<qint64, Vec>> rows;
    QHash<qint64, int> deviceOf;
    for (int i = 0; i < 2000; ++i) {
        const int device = 2 + i % 5;
        const Vec v = i < 50 ? nearCopy(rng, q, 0.2f) : i < 60 ? nearCopy(rng, q, 1.0f) : randomVector(rng, dims);
        const int d = i < 50 ? 0 : i < 60 ? 1 : device;
        rows.append({i, v});
        deviceOf.insert(i, d);
        QCOMPARE(index.add(i, feature(v), FeatureMeta{i, d, 1}), IndexError::None);
    }
    FeatureFilter onlyOne;
    onlyOne.devices = QList<int>{1};
    SearchInfo info;
    const QList<FeatureHit> hits = index.search(feature(q), 10, onlyOne, -1.f, &info);
    QCOMPARE(hits.size(), 10);
    for (const FeatureHit &h : hits)
        QCOMPARE(deviceOf.value(h.id), 1);
    QCOMPARE(info.scanned, qsizetype(10));  // refused rows are never scored

    FeatureFilter twoDevices;
    twoDevices.devices = QList<int>{1, 3};
    QCOMPARE(ids(index.search(feature(q), 15, twoDevices)), bruteForce(rows, q, 15, [&](qint64 id) {
                 return deviceOf.value(id) == 1 || deviceOf.value(id) == 3;
             }));
    // Without a filter the device-0 copies take the whole top 10.
    for (const FeatureHit &h : index.search(feature(q), 10))
        QCOMPARE(deviceOf.value(h.id), 0);
}

void TestFeatureIndex::listFilterAppliesBeforeRanking()
{
    std::mt19937 rng{13};
    const int dims = 128;
    FeatureIndexOptions options{ExactVectors::InMemory};
    options.rerankFactor = 1;
    options.minCandidates = 1;
    FeatureIndex index(FeatureKind::Device, dims, options);
    const Vec q = randomVector(rng, dims);
    // Close ones are on the whitelist (2); the blacklist (1) holds farther ones.
    for (int i = 0; i < 30; ++i)
        index.add(i, feature(nearCopy(rng, q, 0.3f)), FeatureMeta{0, -1, 2});
    for (int i = 30; i < 35; ++i)
        index.add(i, feature(nearCopy(rng, q, 1.2f)), FeatureMeta{0, -1, 1});
    for (int i = 35; i < 500; ++i)
        index.add(i, feature(randomVector(rng, dims)), FeatureMeta{0, -1, i % 2 ? 1 : -1});
    FeatureFilter blacklist;
    blacklist.lists = QList<int>{1};
    const QList<FeatureHit> hits = index.search(feature(q), 5, blacklist);
    QList<qint64> found = ids(hits);
    std::sort(found.begin(), found.end());
    QCOMPARE(found, (QList<qint64>{30, 31, 32, 33, 34}));
}

void TestFeatureIndex::timeFilterAppliesBeforeRanking_data()
{
    QTest::addColumn<bool>("inOrder");
    QTest::newRow("rows in time order (binary search)") << true;
    QTest::newRow("rows out of order (checked per row)") << false;
}

void TestFeatureIndex::timeFilterAppliesBeforeRanking()
{
    QFETCH(bool, inOrder);
    std::mt19937 rng{14};
    const int dims = 128;
    FeatureIndexOptions options{ExactVectors::InMemory};
    options.rerankFactor = 1;
    options.minCandidates = 1;
    FeatureIndex index(FeatureKind::Device, dims, options);
    const Vec q = randomVector(rng, dims);
    QList<QPair<qint64, Vec>> rows;
    QHash<qint64, qint64> timeOf;
    for (int i = 0; i < 1000; ++i) {
        // Events 0..99 (times 0..99 s) are the closest; the window asks for 500..599 s.
        const qint64 t = inOrder ? qint64(i) * 1000 : qint64((i * 7919) % 1000) * 1000;
        const Vec v = t < 100'000 ? nearCopy(rng, q, 0.3f) : randomVector(rng, dims);
        rows.append({i, v});
        timeOf.insert(i, t);
        index.add(i, feature(v), FeatureMeta{t, -1, -1});
    }
    FeatureFilter window;
    window.fromMs = 500'000;
    window.toMs = 599'000;
    SearchInfo info;
    const QList<FeatureHit> hits = index.search(feature(q), 10, window, -1.f, &info);
    QCOMPARE(ids(hits), bruteForce(rows, q, 10, [&](qint64 id) {
                 return timeOf.value(id) >= 500'000 && timeOf.value(id) <= 599'000;
             }));
    QCOMPARE(info.scanned, qsizetype(100));
    // Bounds are inclusive.
    FeatureFilter oneInstant;
    oneInstant.fromMs = oneInstant.toMs = 700'000;
    QCOMPARE(index.search(feature(q), 10, oneInstant).size(), 1);
    FeatureFilter reversed;
    reversed.fromMs = 10;
    reversed.toMs = 5;
    QVERIFY(index.search(feature(q), 10, reversed).isEmpty());
}

void TestFeatureIndex::emptyFilterSetMatchesNothing()
{
    std::mt19937 rng{15};
    FeatureIndex index(FeatureKind::Device, 128, {ExactVectors::InMemory});
    DeviceIdMap devices;
    const int gate = devices.idFor(QStringLiteral("12721SSQSQCA"));
    for (int i = 0; i < 20; ++i)
        index.add(i, feature(randomVector(rng, 128)), FeatureMeta{0, gate, 1});
    const Vec q = randomVector(rng, 128);
    // A filter on a device never seen: an empty list, which must mean "none", not "any".
    FeatureFilter unknownDevice;
    unknownDevice.devices = devices.find(QList<QString>{QStringLiteral("NOT-SEEN-YET")});
    QVERIFY(unknownDevice.devices->isEmpty());
    QVERIFY(index.search(feature(q), 5, unknownDevice).isEmpty());
    FeatureFilter known;
    known.devices = devices.find(QList<QString>{QStringLiteral("12721SSQSQCA")});
    QCOMPARE(index.search(feature(q), 5, known).size(), 5);
}

void TestFeatureIndex::removeHidesEntry()
{
    std::mt19937 rng{16};
    const int dims = 256;
    FeatureIndex index(FeatureKind::Device, dims, {ExactVectors::InMemory});
    const Vec q = randomVector(rng, dims);
    index.add(42, feature(nearCopy(rng, q, 0.05f)), {});
    for (int i = 0; i < 500; ++i)
        index.add(1000 + i, feature(randomVector(rng, dims)), {});
    QCOMPARE(index.search(feature(q), 1).value(0).id, qint64(42));
    QVERIFY(index.remove(42));
    QVERIFY(!index.remove(42));
    QVERIFY(!index.remove(7));
    QVERIFY(!index.contains(42));
    QCOMPARE(index.size(), qsizetype(500));
    QCOMPARE(index.removedRows(), qsizetype(1));
    const QList<FeatureHit> hits = index.search(feature(q), 500);
    QCOMPARE(hits.size(), 500);
    QVERIFY(!ids(hits).contains(42));
    index.compact();
    QCOMPARE(index.removedRows(), qsizetype(0));
    QCOMPARE(index.search(feature(q), 500).size(), 500);
    QVERIFY(index.contains(1000) && index.contains(1499));
}

void TestFeatureIndex::addingAnIdAgainReplacesIt()
{
    std::mt19937 rng{17};
    FeatureIndex index(FeatureKind::Device, 128, {ExactVectors::InMemory});
    const Vec a = randomVector(rng, 128);
    const Vec b = randomVector(rng, 128);
    index.add(5, feature(a), {});
    index.add(6, feature(randomVector(rng, 128)), {});
    index.add(5, feature(b), {});  // a person's feature updated
    QCOMPARE(index.size(), qsizetype(2));
    const QList<FeatureHit> hits = index.search(feature(b), 2);
    QCOMPARE(hits.value(0).id, qint64(5));
    QVERIFY(hits.value(0).similarity > 0.9999f);
    QVERIFY(index.search(feature(a), 2).value(0).similarity < 0.5f);

    // Updated again and again: the replaced rows are compacted away, not hoarded.
    Vec last;
    for (int round = 0; round < 3000; ++round) {
        last = randomVector(rng, 128);
        index.add(5 + round % 2, feature(last), {});
    }
    QCOMPARE(index.size(), qsizetype(2));
    QVERIFY(index.removedRows() < 1024);
    QCOMPARE(index.search(feature(last), 1).value(0).id, qint64(6));
}

void TestFeatureIndex::removeOlderThanAndCompaction()
{
    std::mt19937 rng{18};
    const int dims = 128;
    FeatureIndex index(FeatureKind::Device, dims, {ExactVectors::InMemory});
    QList<QPair<qint64, Vec>> rows;
    for (int i = 0; i < 6000; ++i) {
        rows.append({i, randomVector(rng, dims)});
        index.add(i, feature(rows.last().second), FeatureMeta{qint64(i), -1, -1});
    }
    const qint64 before = index.memoryBytes();
    // Retention drops the oldest half: more than a quarter, so the index compacts.
    QCOMPARE(index.removeOlderThan(3000), qsizetype(3000));
    QCOMPARE(index.size(), qsizetype(3000));
    QCOMPARE(index.removedRows(), qsizetype(0));
    QVERIFY(index.memoryBytes() < before);
    QVERIFY(!index.contains(2999) && index.contains(3000));
    const QList<QPair<qint64, Vec>> kept = rows.mid(3000);
    for (int t = 0; t < 5; ++t) {
        const Vec q = randomVector(rng, dims);
        QCOMPARE(ids(index.search(feature(q), 10)), bruteForce(kept, q, 10));
    }
    // The time order survived compaction: a window is still a row range.
    FeatureFilter window;
    window.fromMs = 5000;
    window.toMs = 5099;
    SearchInfo info;
    index.search(feature(rows[5000].second), 3, window, -1.f, &info);
    QCOMPARE(info.scanned, qsizetype(100));
    // And adding after a compaction appends where the rows end.
    const Vec late = randomVector(rng, dims);
    QCOMPARE(index.add(99999, feature(late), FeatureMeta{7000, -1, -1}), IndexError::None);
    QCOMPARE(index.search(feature(late), 1).value(0).id, qint64(99999));
}

void TestFeatureIndex::minSimilarityThreshold()
{
    std::mt19937 rng{19};
    const int dims = 512;
    FeatureIndex index(FeatureKind::Device, dims, {ExactVectors::InMemory});
    const Vec q = randomVector(rng, dims);
    QList<QPair<qint64, Vec>> rows;
    for (int i = 0; i < 8; ++i)
        rows.append({i, nearCopy(rng, q, 0.25f * float(i))});  // cosines from 1 down to about 0.5
    for (int i = 8; i < 1000; ++i)
        rows.append({i, randomVector(rng, dims)});
    for (const auto &r : rows)
        index.add(r.first, feature(r.second), {});
    const float threshold = 0.75f;
    int expected = 0;
    for (const auto &r : rows)
        expected += cosine(r.second, q) >= threshold;
    QVERIFY(expected > 1 && expected < 8);
    const QList<FeatureHit> hits = index.search(feature(q), 50, {}, threshold);
    QCOMPARE(hits.size(), expected);
    for (const FeatureHit &h : hits)
        QVERIFY(h.similarity >= threshold);
    QVERIFY(index.search(feature(q), 50, {}, 1.01f).isEmpty());
    // -1 (the default) keeps everything up to k.
    QCOMPARE(index.search(feature(q), 50).size(), 50);
}

void TestFeatureIndex::twoThreadsFindTheSameAsOne()
{
    std::mt19937 rng{20};
    const int dims = 128;
    FeatureIndexOptions one{ExactVectors::InMemory};
    one.scanThreads = 1;
    FeatureIndexOptions two{ExactVectors::InMemory};
    two.scanThreads = 2;
    FeatureIndex a(FeatureKind::Device, dims, one);
    FeatureIndex b(FeatureKind::Device, dims, two);
    for (int i = 0; i < 70000; ++i) {  // past the size where the scan splits
        const Vec v = randomVector(rng, dims);
        a.add(i, feature(v), FeatureMeta{0, i % 3, -1});
        b.add(i, feature(v), FeatureMeta{0, i % 3, -1});
    }
    b.remove(12345);
    a.remove(12345);
    FeatureFilter someDevices;
    someDevices.devices = QList<int>{0, 2};
    for (int t = 0; t < 5; ++t) {
        const Vec q = randomVector(rng, dims);
        QCOMPARE(b.search(feature(q), 10), a.search(feature(q), 10));
        QCOMPARE(b.search(feature(q), 10, someDevices), a.search(feature(q), 10, someDevices));
    }
}

void TestFeatureIndex::memoryIsCodesPlusSmallColumns()
{
    std::mt19937 rng{21};
    const int dims = 512;
    const int n = 20000;
    FeatureIndex index(FeatureKind::Device, dims);
    index.reserve(n);
    for (int i = 0; i < n; ++i)
        index.add(i, feature(randomVector(rng, dims)), {});
    const qint64 bytes = index.memoryBytes();
    // 512 bytes of code a row, 27 of columns, 8 of id table, and at most one chunk
    // (4,096 rows) not yet filled: far under the 2,048 bytes of a float32 copy.
    QVERIFY(bytes >= qint64(n) * 512);
    QVERIFY2(bytes <= qint64(n) * (512 + 27 + 8) + 4096LL * 512, qPrintable(QString::number(bytes)));
}

void TestFeatureIndex::clearEmptiesEverything()
{
    std::mt19937 rng{22};
    FeatureIndex index(FeatureKind::Device, 128, {ExactVectors::InMemory});
    for (int i = 0; i < 100; ++i)
        index.add(i, feature(randomVector(rng, 128)), {});
    index.clear();
    QCOMPARE(index.size(), qsizetype(0));
    QVERIFY(!index.contains(5));
    QVERIFY(index.memoryBytes() < 1024);
    QVERIFY(index.search(feature(randomVector(rng, 128)), 5).isEmpty());
    QCOMPARE(index.add(5, feature(randomVector(rng, 128)), {}), IndexError::None);
    QCOMPARE(index.size(), qsizetype(1));
}

void TestFeatureIndex::deviceIdMap()
{
    DeviceIdMap map;
    QCOMPARE(map.idFor(QStringLiteral("A")), 0);
    QCOMPARE(map.idFor(QStringLiteral("B")), 1);
    QCOMPARE(map.idFor(QStringLiteral("A")), 0);
    QCOMPARE(map.idFor(QString()), -1);
    QCOMPARE(map.find(QStringLiteral("B")), 1);
    QCOMPARE(map.find(QStringLiteral("C")), -1);
    QCOMPARE(map.uuidOf(1), QStringLiteral("B"));
    QCOMPARE(map.uuidOf(9), QString());
    QCOMPARE(map.find(QList<QString>{QStringLiteral("B"), QStringLiteral("C"), QStringLiteral("A")}),
             (QList<int>{1, 0}));
    QCOMPARE(map.size(), 2);
}

QTEST_APPLESS_MAIN(TestFeatureIndex)
#include "tst_featureindex.moc"
