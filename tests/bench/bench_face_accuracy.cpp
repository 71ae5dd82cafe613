// Identification accuracy of FaceDesk's face engines on ../shared/faces, in one run:
// the CNN engine (face-api's detector, landmarks and ResNet descriptor, the default),
// the built-in Haar + LBP fallback with the layouts it was chosen over, and a trivial
// anchor (32x32 grey pixels of the same crop). Rank-1 identification and pair
// verification (true and false accept rates) on the photos and augmented copies,
// tight device-style face crops among them.
//
//   bench_face_accuracy [--faces DIR] [--update docs/PERFORMANCE.md]
//
// Protocol: every photo of a person with two or more photos is a query against all
// other photos (the gallery includes the identities with one photo); a query scores
// when its most similar gallery photo shows the same person (rank 1). Augmented
// queries (smaller, darker, brighter, turned, recompressed) are matched against the original
// gallery without the query's own photo.
#include "BenchReport.h"
#include "match/FacePhotos.h"

#include "face/describe/LbpDescriptor.h"
#include "face/describe/LbpFaceEngine.h"
#include "face/CnnFaceEngine.h"
#include "face/FaceVision.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTextStream>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <algorithm>
#include <functional>
#include <optional>
#include <map>
#include <tuple>

using namespace fd::face;

namespace {

// Files that are not independent photos (checked by eye): they repeat a shot that is
// in the set already, so a match to their source says nothing about recognition.
// Only the first two show one known person and may join the flattering second table.
struct Derived {
    QString what;
    bool onePerson;
};

const std::map<QString, Derived> &derivedPhotos()
{
    static const std::map<QString, Derived> derived = {
        {QStringLiteral("obama_small"), {QStringLiteral("a tighter crop of obama_1's shot"), true}},
        {QStringLiteral("scene_obama_1080p"), {QStringLiteral("obama_1's shot in a 1920x1080 frame"), true}},
        {QStringLiteral("edge_partial_face"), {QStringLiteral("obama_1's shot cut off at the left edge"), false}},
        {QStringLiteral("multi_two_people"), {QStringLiteral("obama_3 and biden_1 side by side"), false}},
    };
    return derived;
}

// "kit_harington_2" -> "kit_harington"; a derived photo's special name -> its person.
QString identityOf(const QString &base)
{
    static const QRegularExpression trailingNumber(QStringLiteral("_\\d+$"));
    QString id = base;
    id.remove(QRegularExpression(QStringLiteral("^scene_")));
    id.remove(QRegularExpression(QStringLiteral("_(small|\\d+p)$")));
    id.remove(trailingNumber);
    return id;
}

// What a device sends as img_data: the face box (the CNN's, on the whole photo) and
// nothing around it, scaled to side x side. Empty when no face is found.
cv::Mat tightCrop(const cv::Mat &image, int side)
{
    const auto vision = FaceVision::shared();
    const std::vector<Face> faces = vision ? vision->detect(image) : std::vector<Face>{};
    if (faces.empty())
        return {};
    return facephotos::tightCrop(image, faces.front().box, side);
}

struct Variant {
    QString name;
    std::function<cv::Mat(const cv::Mat &)> make;
};

const QList<Variant> &variants()
{
    static const QList<Variant> v = {
        {QStringLiteral("original"), [](const cv::Mat &m) { return m; }},
        {QStringLiteral("scaled to 50 %"),
         [](const cv::Mat &m) { cv::Mat o; cv::resize(m, o, cv::Size(), 0.5, 0.5, cv::INTER_AREA); return o; }},
        {QStringLiteral("scaled to 25 %"),
         [](const cv::Mat &m) { cv::Mat o; cv::resize(m, o, cv::Size(), 0.25, 0.25, cv::INTER_AREA); return o; }},
        {QStringLiteral("darker (x0.55)"), [](const cv::Mat &m) { cv::Mat o; m.convertTo(o, -1, 0.55, 0); return o; }},
        {QStringLiteral("brighter (+60)"), [](const cv::Mat &m) { cv::Mat o; m.convertTo(o, -1, 1.0, 60); return o; }},
        {QStringLiteral("head turned 12 degrees"),
         [](const cv::Mat &m) {
             cv::Mat o;
             const cv::Mat turn = cv::getRotationMatrix2D(cv::Point2f(m.cols / 2.0f, m.rows / 2.0f), 12, 1.0);
             cv::warpAffine(m, o, turn, m.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
             return o;
         }},
        {QStringLiteral("tight face crop 150 px"), [](const cv::Mat &m) { return tightCrop(m, 150); }},
        {QStringLiteral("tight face crop 112 px"), [](const cv::Mat &m) { return tightCrop(m, 112); }},
        {QStringLiteral("JPEG quality 30"),
         [](const cv::Mat &m) {
             std::vector<uchar> bytes;
             cv::imencode(".jpg", m, bytes, {cv::IMWRITE_JPEG_QUALITY, 30});
             return cv::imdecode(bytes, cv::IMREAD_COLOR);
         }},
    };
    return v;
}

struct Photo {
    QString name, id;
    bool derived = false;
    std::vector<cv::Mat> images;  // per variant
};

// One way of turning a photo into a comparable vector.
struct Method {
    QString name;
    int dims = 0;
    // The crop source: the levelling engine, or the one without eye cascade.
    const LbpFaceEngine *cropper = nullptr;
    std::function<QVector<float>(const cv::Mat &crop)> describe;
    // Larger is more similar.
    std::function<double(const QVector<float> &, const QVector<float> &)> similarity;
    // An engine that finds, aligns and describes on its own (the CNN): used instead of
    // cropper and describe.
    std::function<QVector<float>(const cv::Mat &image)> extract = {};
    // Its same-person rule on the similarity above (nullopt: none chosen).
    std::optional<double> threshold = std::nullopt;
};

double cosine(const QVector<float> &a, const QVector<float> &b)
{
    double dot = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        dot += double(a[i]) * b[i];
    return dot;
}

double negChiSquare(const QVector<float> &a, const QVector<float> &b)
{
    double sum = 0;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const double s = double(a[i]) + b[i];
        if (s > 0)
            sum += (double(a[i]) - b[i]) * (double(a[i]) - b[i]) / s;
    }
    return -sum;
}

QVector<float> pixels32(const cv::Mat &crop)
{
    cv::Mat small;
    cv::resize(crop, small, cv::Size(32, 32), 0, 0, cv::INTER_AREA);
    small.convertTo(small, CV_32F);
    small -= cv::mean(small)[0];
    QVector<float> v(small.begin<float>(), small.end<float>());
    normaliseL2(v);
    return v;
}

// A fixed +-1 projection from its own generator (splitmix64), seeded once: what
// "reduce 2,891 values to 512" would cost without any training data.
QVector<float> project(const QVector<float> &v, int to)
{
    QVector<float> out(to, 0.0f);
    quint64 state = 0x5eed;
    const auto next = [&state] {
        quint64 z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    };
    for (qsizetype i = 0; i < v.size(); ++i)
        for (int j = 0; j < to; j += 64) {
            const quint64 bits = next();
            for (int k = 0; k < 64 && j + k < to; ++k)
                out[j + k] += (bits >> k) & 1 ? v[i] : -v[i];
        }
    normaliseL2(out);
    return out;
}

struct Score {
    int queries = 0;
    // Pair verification: (query variant, other original photo) pairs.
    int samePairsAll = 0, otherPairsAll = 0;
    int trueAccepts = 0, falseAccepts = 0;  // at the method's threshold
    double tarAtZeroFar = 0;               // the best true-accept rate with no false accept
    std::vector<int> hits;  // per variant
    std::vector<int> found; // queries whose variant had a face
    double auc = 0, sameMean = 0, otherMean = 0;
    int samePairs = 0, otherPairs = 0;
};

// Crops by (cropper, photo, variant): detection is most of the run's time, and every
// method of one cropper describes the same crops.
std::map<std::tuple<const LbpFaceEngine *, int, int>, cv::Mat> &cropCache()
{
    static std::map<std::tuple<const LbpFaceEngine *, int, int>, cv::Mat> cache;
    return cache;
}

cv::Mat cropOf(const LbpFaceEngine *cropper, const QList<Photo> &photos, int photo, int variant)
{
    const auto key = std::make_tuple(cropper, photo, variant);
    auto it = cropCache().find(key);
    if (it == cropCache().end())
        it = cropCache().emplace(key, cropper->alignedCrop(photos[photo].images[size_t(variant)], {}, nullptr)).first;
    return it->second;
}

Score evaluate(const Method &m, const QList<Photo> &photos, const QList<int> &set)
{
    const int nv = int(variants().size());
    // vectors[photo][variant]
    std::vector<std::vector<QVector<float>>> vec(size_t(photos.size()), std::vector<QVector<float>>(size_t(nv)));
    for (int p : set)
        for (int v = 0; v < nv; ++v) {
            if (m.extract) {
                const cv::Mat &image = photos[p].images[size_t(v)];
                if (!image.empty())
                    vec[size_t(p)][size_t(v)] = m.extract(image);
                continue;
            }
            const cv::Mat crop = photos[p].images[size_t(v)].empty() ? cv::Mat() : cropOf(m.cropper, photos, p, v);
            if (!crop.empty())
                vec[size_t(p)][size_t(v)] = m.describe(crop);
        }
    Score s;
    s.hits.assign(size_t(nv), 0);
    s.found.assign(size_t(nv), 0);
    for (int q : set) {
        int same = 0;
        for (int g : set)
            same += g != q && photos[g].id == photos[q].id;
        if (same == 0)
            continue;
        ++s.queries;
        for (int v = 0; v < nv; ++v) {
            const QVector<float> &query = vec[size_t(q)][size_t(v)];
            if (query.isEmpty())
                continue;
            ++s.found[size_t(v)];
            double best = -1e300;
            int bestPhoto = -1;
            for (int g : set) {
                if (g == q || vec[size_t(g)][0].isEmpty())
                    continue;
                const double sim = m.similarity(query, vec[size_t(g)][0]);
                if (sim > best) {
                    best = sim;
                    bestPhoto = g;
                }
            }
            s.hits[size_t(v)] += bestPhoto >= 0 && photos[bestPhoto].id == photos[q].id;
        }
    }
    // Verification over every query variant against every other original photo.
    std::vector<double> sameAll, otherAll;
    for (int q : set)
        for (int v = 0; v < nv; ++v)
            for (int g : set) {
                const QVector<float> &a = vec[size_t(q)][size_t(v)], &b = vec[size_t(g)][0];
                if (g == q || a.isEmpty() || b.isEmpty())
                    continue;
                (photos[q].id == photos[g].id ? sameAll : otherAll).push_back(m.similarity(a, b));
            }
    s.samePairsAll = int(sameAll.size());
    s.otherPairsAll = int(otherAll.size());
    if (m.threshold) {
        for (double x : sameAll)
            s.trueAccepts += x >= *m.threshold;
        for (double y : otherAll)
            s.falseAccepts += y >= *m.threshold;
    }
    const double highestOther = otherAll.empty() ? -1e300 : *std::max_element(otherAll.begin(), otherAll.end());
    int above = 0;
    for (double x : sameAll)
        above += x > highestOther;
    s.tarAtZeroFar = sameAll.empty() ? 0 : double(above) / double(sameAll.size());

    std::vector<double> same, other;
    for (int a : set)
        for (int b : set)
            if (a < b && !vec[size_t(a)][0].isEmpty() && !vec[size_t(b)][0].isEmpty())
                (photos[a].id == photos[b].id ? same : other).push_back(m.similarity(vec[size_t(a)][0], vec[size_t(b)][0]));
    double ordered = 0;
    for (double x : same)
        for (double y : other)
            ordered += x > y ? 1.0 : x == y ? 0.5 : 0.0;
    s.samePairs = int(same.size());
    s.otherPairs = int(other.size());
    s.auc = same.empty() || other.empty() ? 0 : ordered / double(same.size() * other.size());
    for (double x : same)
        s.sameMean += x / std::max<size_t>(1, same.size());
    for (double y : other)
        s.otherMean += y / std::max<size_t>(1, other.size());
    return s;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const auto option = [&args](const char *name) {
        const qsizetype i = args.indexOf(QString::fromLatin1(name));
        return i >= 0 && i + 1 < args.size() ? args[i + 1] : QString();
    };
    const QString updatePath = option("--update");
    QString facesDir = option("--faces");
    if (facesDir.isEmpty())
        facesDir = QStringLiteral(SHARED_DIR "/faces");

    QList<Photo> photos;
    for (const QFileInfo &file : QDir(facesDir).entryInfoList({QStringLiteral("*.jpg")}, QDir::Files, QDir::Name)) {
        Photo p;
        p.name = file.completeBaseName();
        p.derived = derivedPhotos().count(p.name) > 0;
        p.id = identityOf(p.name);
        const cv::Mat image = cv::imread(file.filePath().toStdString(), cv::IMREAD_COLOR);
        if (image.empty())
            continue;
        for (const Variant &v : variants())
            p.images.push_back(v.make(image));
        photos.append(p);
    }
    if (photos.isEmpty()) {
        qCritical("no photos in %s", qPrintable(facesDir));
        return 1;
    }

    QString visionError;
    const auto vision = FaceVision::shared(&visionError);
    if (!vision) {
        qCritical("%s", qPrintable(visionError));
        return 1;
    }
    const CnnFaceEngine cnn(vision);
    // On unit vectors the cosine says what the distance does: d < t  <=>  cos > 1 - t*t/2.
    const double cnnThreshold = 1.0 - double(CnnFaceEngine::kSameThreshold) * CnnFaceEngine::kSameThreshold / 2.0;
    const LbpFaceEngine engine;
    const LbpFaceEngine unlevelled({}, QStringLiteral("/nonexistent/no-eye-cascade.xml"));
    const LbpOptions uniform77{LbpPattern::Uniform, 7, 1, 1.0};
    const auto hellinger = [](const LbpOptions &o) { return [o](const cv::Mat &c) { return lbpDescriptor(c, o); }; };
    const QList<Method> methods = {
        {QStringLiteral("**CNN engine** (default): Tiny Face Detector, 68 landmarks, levelled crop, ResNet-34, 128 values"),
         cnn.dimensions(), nullptr, nullptr, cosine,
         [&cnn](const cv::Mat &image) {
             const std::optional<FaceFeature> f = cnn.extract(image);
             return f ? f->values : QVector<float>();
         },
         cnnThreshold},
        {QStringLiteral("**built-in engine** (fallback): CS-LBP 5x5, eye-levelled crop, cosine of square-rooted histograms"),
         engine.dimensions(), &engine, hellinger(LbpOptions{}), cosine},
        {QStringLiteral("same histograms, chi-square instead of cosine"), engine.dimensions(), &engine,
         [](const cv::Mat &c) { return lbpHistograms(c, LbpOptions{}); }, negChiSquare},
        {QStringLiteral("same descriptor, crop not levelled (no eye cascade)"), engine.dimensions(), &unlevelled,
         hellinger(LbpOptions{}), cosine},
        {QStringLiteral("uniform LBP 7x7 (too long for FeatureIndex)"), uniform77.dimensions(), &engine,
         hellinger(uniform77), cosine},
        {QStringLiteral("uniform LBP 7x7, fixed +-1 projection to 512"), 512, &engine,
         [uniform77](const cv::Mat &c) { return project(lbpDescriptor(c, uniform77), 512); }, cosine},
        {QStringLiteral("uniform LBP 4x4, radius 2"), LbpOptions{LbpPattern::Uniform, 4, 2, 1.0}.dimensions(),
         &engine, hellinger(LbpOptions{LbpPattern::Uniform, 4, 2, 1.0}), cosine},
        {QStringLiteral("anchor: 32x32 grey pixels of the same crop, zero mean, cosine"), 1024, &engine, pixels32,
         cosine},
    };

    QList<int> distinct, all;
    for (int i = 0; i < photos.size(); ++i) {
        const auto d = derivedPhotos().find(photos[i].name);
        if (d == derivedPhotos().end() || d->second.onePerson)
            all.append(i);
        if (!photos[i].derived)
            distinct.append(i);
    }
    QStringList identities, derivedNotes;
    for (int i : distinct)
        if (!identities.contains(photos[i].id))
            identities.append(photos[i].id);
    for (const auto &[name, d] : derivedPhotos())
        derivedNotes.append(QStringLiteral("`%1` (%2)").arg(name, d.what));

    // Time per extract (detection included) on one photo, for scale.
    const cv::Mat timed = photos[distinct.first()].images[0];
    const double extractSeconds = fd::bench::secondsPerCall([&] { (void)engine.extract(timed); }, 5, 0.5);
    const cv::Mat timedCrop = engine.alignedCrop(timed, {}, nullptr);
    const double describeSeconds = fd::bench::secondsPerCall([&] { (void)lbpDescriptor(timedCrop); }, 5, 0.2);
    const double cnnSeconds = fd::bench::secondsPerCall([&] { (void)cnn.extract(timed); }, 5, 0.5);

    QString report;
    QTextStream out(&report);
    out << "### Face engines: identification and verification on ../shared/faces\n\n";
    out << "Machine: " << fd::bench::machineLine() << "\n\n";
    out << "Command: `build/tests/bench/bench_face_accuracy --update docs/PERFORMANCE.md`\n\n";
    out << "**The set is tiny**: " << distinct.size() << " independent photos of " << identities.size()
        << " people (" << identities.join(QStringLiteral(", ")) << "); the queries are the "
        << evaluate(methods.first(), photos, distinct).queries
        << " photos of people with two or more photos, so one query is 10 percentage points, and a "
           "difference of one or two hits between rows is noise. The pair ordering (AUC: the share of "
           "(same-person pair, different-person pair) combinations in which the same-person pair is more "
           "similar, 0.5 being chance) uses every pair and is steadier, but it rests on few same-person pairs too. "
           "Left out as not independent: "
        << derivedNotes.join(QStringLiteral(", ")) << ". Augmented queries are made from the originals here.\n\n";

    const auto table = [&](const QList<int> &set) {
        out << "| method | dims | rank-1";
        for (qsizetype v = 1; v < variants().size(); ++v)
            out << " | " << variants()[v].name;
        out << " | pair AUC | mean similarity same / different | verification: TAR / FAR at its threshold | TAR with no false accept |\n|---|---|---";
        for (qsizetype v = 1; v < variants().size(); ++v)
            out << "|---";
        out << "|---|---|---|---|\n";
        for (const Method &m : methods) {
            const Score s = evaluate(m, photos, set);
            out << "| " << m.name << " | " << m.dims;
            for (qsizetype v = 0; v < variants().size(); ++v) {
                out << " | " << s.hits[size_t(v)] << "/" << s.queries;
                if (s.found[size_t(v)] < s.queries)
                    out << " (" << s.queries - s.found[size_t(v)] << " no face)";
            }
            out << " | " << QString::number(s.auc, 'f', 2) << " (" << s.samePairs << " same, " << s.otherPairs
                << " different) | " << QString::number(s.sameMean, 'f', 3) << " / "
                << QString::number(s.otherMean, 'f', 3) << " | ";
            if (m.threshold)
                out << s.trueAccepts << "/" << s.samePairsAll << " / " << s.falseAccepts << "/" << s.otherPairsAll;
            else
                out << "no threshold chosen";
            out << " | " << QString::number(100.0 * s.tarAtZeroFar, 'f', 1) << " % |\n";
        }
    };
    table(distinct);
    out << "\nChance for rank-1 is about one in " << distinct.size() - 1
        << " per query (one or two same-person photos among " << distinct.size() - 1
        << " in the gallery). For comparison only, the same table with the derived photos in the set (each is a "
           "query and a gallery photo; copies of one shot find each other, so these numbers flatter every method):\n\n";
    table(all);
    const Score cnnScore = evaluate(methods[0], photos, distinct);
    const Score builtIn = evaluate(methods[1], photos, distinct);
    const Score anchor = evaluate(methods.last(), photos, distinct);
    out << "\nCNN engine against the anchor on the independent photos: rank-1 " << cnnScore.hits[0] << "/"
        << cnnScore.queries << " against " << anchor.hits[0] << "/" << anchor.queries << ", pair AUC "
        << QString::number(cnnScore.auc, 'f', 2) << " against " << QString::number(anchor.auc, 'f', 2)
        << "; verification at distance " << CnnFaceEngine::kSameThreshold << " (cosine "
        << QString::number(cnnThreshold, 'f', 3) << "): " << cnnScore.trueAccepts << " of " << cnnScore.samePairsAll
        << " same-person pairs accepted, " << cnnScore.falseAccepts << " of " << cnnScore.otherPairsAll
        << " different-person pairs accepted.\n";
    out << "\nBuilt-in engine against the anchor on the independent photos: rank-1 " << builtIn.hits[0] << "/"
        << builtIn.queries << " against " << anchor.hits[0] << "/" << anchor.queries << ", pair AUC "
        << QString::number(builtIn.auc, 'f', 2) << " against " << QString::number(anchor.auc, 'f', 2) << ".\n";
    out << "\nCost: CNN engine " << QString::number(cnnSeconds * 1e3, 'f', 1) << " ms per `extract` (detection, "
           "landmarks and descriptor; docs/PERFORMANCE.md, face-cost, has the parts); built-in engine "
        << QString::number(extractSeconds * 1e3, 'f', 1) << " ms per `extract` on "
        << photos[distinct.first()].name << " (" << timed.cols << "x" << timed.rows
        << ", Haar detection included), of which the descriptor of the 128 px crop is "
        << QString::number(describeSeconds * 1e6, 'f', 0) << " us.\n\n";
    out << "Reading: the CNN engine identifies every query, original or augmented, and its threshold "
           "separates same-person from different-person pairs (TAR and FAR above; the tight crops are what "
           "capture cameras send). The rest of the table is the fallback's story. "
           "On photos this varied (years apart, smiling or speaking, other light and pose) no "
           "hand-made descriptor here does reliably better than comparing the crops' pixels, and all of them "
           "are far from usable identification: the built-in engine is a placeholder that works without "
           "downloads, not a recogniser. Among the layouts it was chosen for its size (400 values fit "
           "FeatureIndex's 128..512 without a projection; the 7x7 layout projected to 512 ranked no better and "
           "was less steady across the augmented queries), its steadiness, and its cost; chi-square on the same "
           "histograms ranks no better than the cosine FeatureIndex uses. Levelling by the eyes changed no "
           "rank-1 count here, not even for the turned queries (first and third rows); what it does measurably "
           "is keep a turned face closer to its own upright photo (tst_faceengine, levellingHelpsTurnedHeads). "
           "Similarities of this engine crowd together (0.82 to 0.95 for any two different photos here): a "
           "match threshold means something only per engine kind. YuNet + SFace, "
           "an option an administrator may install, is not measured here (its models are not on this machine).\n";
    out.flush();

    QTextStream(stdout) << report;
    if (!updatePath.isEmpty() && !fd::bench::updateSection(updatePath, QStringLiteral("face-accuracy"), report)) {
        qCritical("cannot write %s", qPrintable(updatePath));
        return 1;
    }
    return 0;
}
