#include "FaceVision.h"

#include "describe/ResNetDescriptorNet.h"
#include "image/BoundedDecode.h"

#include <QCoreApplication>
#include <QDir>
#include <QMutex>

#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <map>

namespace fd::face {

struct ModelWeights {
    WeightManifest detector;
    WeightManifest landmarks;
    WeightManifest descriptor;
};

struct FaceVision::Nets {
    std::map<int, cv::dnn::Net> detectors;  // by input side
    cv::dnn::Net landmarks;
    cv::dnn::Net descriptor;
};

namespace {

QString text(const char *sentence)
{
    return QCoreApplication::translate("FaceModels", sentence);
}

constexpr const char *kPackage = "@vladmandic/face-api@1.7.15";

std::unique_ptr<FaceVision::Nets> buildNets(const ModelWeights &w)
{
    auto nets = std::make_unique<FaceVision::Nets>();
    nets->landmarks = LandmarkNet::build(w.landmarks);
    nets->descriptor = ResNetDescriptorNet::build(w.descriptor);
    if (nets->landmarks.empty() || nets->descriptor.empty())
        return nullptr;
    return nets;
}

cv::dnn::Net &detectorFor(FaceVision::Nets &nets, const WeightManifest &weights, int side)
{
    cv::dnn::Net &net = nets.detectors[side];
    if (net.empty())
        net = TinyFaceDetectorNet::build(weights, side);
    return net;
}

// The detector's smallest input: a 7x7 grid, where a face filling the picture still
// fits the largest anchor.
constexpr int kSmallestSide = 224;

// A device crop: small and about square. Whole photos and scenes are not retried.
bool looksLikeCrop(const cv::Mat &image)
{
    const int longSide = std::max(image.cols, image.rows), shortSide = std::min(image.cols, image.rows);
    return longSide <= 640 && shortSide * 10 >= longSide * 6;
}

} // namespace

cv::Mat toBgr(const cv::Mat &image)
{
    if (image.empty() || image.depth() != CV_8U)
        return {};
    if (image.channels() == 3)
        return image;
    cv::Mat bgr;
    if (image.channels() == 1)
        cv::cvtColor(image, bgr, cv::COLOR_GRAY2BGR);
    else if (image.channels() == 4)
        cv::cvtColor(image, bgr, cv::COLOR_BGRA2BGR);
    return bgr;
}

float outsideFraction(const cv::Rect2f &box, cv::Size image)
{
    if (box.width <= 0 || box.height <= 0)
        return 0;
    return std::max({-box.x / box.width, (box.x + box.width - float(image.width)) / box.width, -box.y / box.height,
                     (box.y + box.height - float(image.height)) / box.height, 0.0f});
}

cv::Mat decodeImage(const QByteArray &bytes)
{
    return bytes.isEmpty() ? cv::Mat() : image::decodeWithinBudget(bytes, cv::IMREAD_COLOR);
}

QString FaceVision::modelDir()
{
    const QString fromEnvironment = qEnvironmentVariable("FACEDESK_MODELS_DIR");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QStringLiteral("/usr/share/facedesk/models/face-api");
}

QStringList FaceVision::requiredFiles()
{
    QStringList files;
    for (const char *model : {TinyFaceDetectorNet::kModel, LandmarkNet::kModel, ResNetDescriptorNet::kModel}) {
        files << QLatin1String(model) + QLatin1String("-weights_manifest.json");
        files << QLatin1String(model) + QLatin1String(".bin");
    }
    return files;
}

std::shared_ptr<const FaceVision> FaceVision::load(const QString &dir, QString *error)
{
    auto weights = std::make_shared<ModelWeights>();
    weights->detector = WeightManifest::load(dir, QLatin1String(TinyFaceDetectorNet::kModel));
    weights->landmarks = WeightManifest::load(dir, QLatin1String(LandmarkNet::kModel));
    weights->descriptor = WeightManifest::load(dir, QLatin1String(ResNetDescriptorNet::kModel));
    const QString hint = text("Run packaging/install-deps.sh (as root) to install the face models.");
    for (const WeightManifest *m : {&weights->detector, &weights->landmarks, &weights->descriptor}) {
        if (!m->isValid()) {
            if (error)
                *error = m->error() + u' ' + hint;
            return nullptr;
        }
    }
    // One OpenCV thread per caller: FaceDesk runs its face work on threads of its own
    // (import workers, two live matchers, the backfill), and OpenCV splitting each
    // layer over both cores as well only made them wait on each other. Measured with
    // bench_face_cost on the 2-core VM: one detection or descriptor is as fast either
    // way (13.0 against 13.5 ms at 416 px), live matching saturated 76 against 67
    // events/s. Applies to the whole process, as OpenCV's setting does.
    cv::setNumThreads(1);
    // Build one set of nets now, and run it once, so that a damaged model fails here
    // with a sentence and not on the first event.
    std::unique_ptr<Nets> first = buildNets(*weights);
    cv::dnn::Net detector = first ? TinyFaceDetectorNet::build(weights->detector, 320) : cv::dnn::Net();
    if (!first || detector.empty()) {
        if (error) {
            QString why;
            for (const WeightManifest *m : {&weights->detector, &weights->landmarks, &weights->descriptor})
                if (!m->isValid())
                    why = m->error();
            *error = text("The face models in %1 do not have the expected layers (%2).")
                         .arg(QDir::toNativeSeparators(dir), why) + u' ' + hint;
        }
        return nullptr;
    }
    try {
        const cv::Mat grey(ResNetDescriptorNet::kSide, ResNetDescriptorNet::kSide, CV_8UC3, cv::Scalar::all(128));
        TinyFaceDetectorNet::detect(detector, 320, grey, 0.5f);
        LandmarkNet::locate(first->landmarks, grey, cv::Rect2f(0, 0, 150, 150));
        if (ResNetDescriptorNet::forward(first->descriptor, grey).total() != size_t(kDims))
            throw cv::Exception(0, "not 128 values", "", "", 0);
    } catch (const cv::Exception &e) {
        if (error)
            *error = text("The face models in %1 do not run (%2).")
                         .arg(QDir::toNativeSeparators(dir), QString::fromStdString(e.msg).simplified().left(200))
                     + u' ' + hint;
        return nullptr;
    }
    first->detectors[320] = std::move(detector);
    std::shared_ptr<FaceVision> vision(new FaceVision(weights));
    vision->m_nets.add(std::move(first));
    return vision;
}

std::shared_ptr<const FaceVision> FaceVision::shared(QString *error)
{
    static QMutex mutex;
    static std::weak_ptr<const FaceVision> cached;
    static QString cachedDir, lastError;
    QMutexLocker lock(&mutex);
    const QString dir = modelDir();
    if (std::shared_ptr<const FaceVision> vision = cached.lock(); vision && dir == cachedDir)
        return vision;
    std::shared_ptr<const FaceVision> vision = load(dir, &lastError);
    cached = vision;
    cachedDir = dir;
    if (!vision && error)
        *error = lastError;
    return vision;
}

FaceVision::FaceVision(std::shared_ptr<const ModelWeights> weights)
    : m_weights(std::move(weights)), m_nets([w = m_weights] { return buildNets(*w); })
{
}

FaceVision::~FaceVision() = default;

QString FaceVision::name() const
{
    return text("face-api CNN (Tiny Face Detector, 68 landmarks, ResNet-34 descriptor)");
}

QString FaceVision::version() const
{
    return QLatin1String(kPackage);
}

std::vector<Face> FaceVision::detectOnce(Nets &nets, const cv::Mat &bgr, const DetectOptions &options) const
{
    std::vector<Face> faces;
    // No more input than the image has pixels: a 200 px device crop is looked at with
    // 224 px, not scaled up to 416 (a quarter of the cost, the same faces found).
    const int longSide = std::max(bgr.cols, bgr.rows);
    const int side = std::min(options.side, std::max(kSmallestSide, (longSide + 31) / 32 * 32));
    cv::dnn::Net &detector = detectorFor(nets, m_weights->detector, side);
    for (const ScoredBox &found : TinyFaceDetectorNet::detect(detector, side, bgr, options.minScore)) {
        Face face;
        face.box = found.box;
        face.score = found.score;
        face.landmarks = LandmarkNet::locate(nets.landmarks, bgr, found.box);
        face.geometry = geometryOf(face.landmarks);
        faces.push_back(face);
    }
    return faces;
}

std::vector<Face> FaceVision::detect(const cv::Mat &image, const DetectOptions &options) const
{
    const cv::Mat bgr = toBgr(image);
    if (bgr.empty())
        return {};
    const auto nets = m_nets.acquire();
    if (!nets)
        return {};
    try {
        std::vector<Face> faces = detectOnce(*nets, bgr, options);
        if (!faces.empty() || !options.retryAsCrop || !looksLikeCrop(bgr))
            return faces;
        // A tight crop: give the detector the margin it was trained with.
        const int padX = bgr.cols * 2 / 5, padY = bgr.rows * 2 / 5;
        cv::Mat padded;
        cv::copyMakeBorder(bgr, padded, padY, padY, padX, padX, cv::BORDER_REPLICATE);
        faces = detectOnce(*nets, padded, options);
        for (Face &face : faces) {
            face.box.x -= padX;
            face.box.y -= padY;
            for (cv::Point2f &p : face.landmarks)
                p -= cv::Point2f(float(padX), float(padY));
            face.geometry = geometryOf(face.landmarks);
        }
        return faces;
    } catch (const cv::Exception &) {
        return {};
    }
}

cv::Mat FaceVision::aligned(const cv::Mat &image, const Face &face) const
{
    const cv::Mat bgr = toBgr(image);
    if (bgr.empty())
        return {};
    return alignedCrop(bgr, face.landmarks, ResNetDescriptorNet::kSide);
}

QVector<float> FaceVision::describe(const cv::Mat &image, const Face &face) const
{
    const cv::Mat crop = aligned(image, face);
    if (crop.empty())
        return {};
    const auto nets = m_nets.acquire();
    if (!nets)
        return {};
    cv::Mat rgb;
    cv::cvtColor(crop, rgb, cv::COLOR_BGR2RGB);
    cv::Mat out;
    try {
        out = ResNetDescriptorNet::forward(nets->descriptor, rgb);
    } catch (const cv::Exception &) {
        return {};
    }
    if (out.total() != size_t(kDims))
        return {};
    QVector<float> values(out.ptr<float>(), out.ptr<float>() + kDims);
    double sum = 0;
    for (float v : values)
        sum += double(v) * v;
    if (!(sum > 0) || !std::isfinite(sum))
        return {};
    const float inv = float(1.0 / std::sqrt(sum));
    for (float &v : values)
        v *= inv;
    return values;
}

} // namespace fd::face
