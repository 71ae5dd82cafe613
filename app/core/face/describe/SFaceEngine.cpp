#include "SFaceEngine.h"

#include "face/FaceVision.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include <algorithm>

namespace fd::face {

struct SFaceEngine::Nets {
    cv::Ptr<cv::FaceDetectorYN> detector;
    cv::Ptr<cv::FaceRecognizerSF> recognizer;
};

namespace {

// YuNet finds faces down to about 10 px; there is nothing to gain from feeding it
// more than this many pixels across, only time (the network's cost grows with area).
constexpr int kDetectSide = 640;

QString text(const char *sentence)
{
    return QCoreApplication::translate("FaceEngine", sentence);
}

// The exception's own message without OpenCV's file and line decoration.
QString shortMessage(const cv::Exception &e)
{
    const std::string &m = e.err.empty() ? e.msg : e.err;
    return QString::fromStdString(m).simplified().left(200);
}

std::unique_ptr<SFaceEngine::Nets> makeNets(const QString &detectorPath, const QString &recognizerPath,
                                            QString *reason)
{
    auto nets = std::make_unique<SFaceEngine::Nets>();
    const QString detectorName = QFileInfo(detectorPath).fileName();
    const QString recognizerName = QFileInfo(recognizerPath).fileName();
    try {
        nets->detector = cv::FaceDetectorYN::create(detectorPath.toStdString(), std::string(),
                                                    cv::Size(kDetectSide, kDetectSide), 0.8f, 0.3f, 50);
    } catch (const cv::Exception &e) {
        if (reason)
            *reason = text("%1 cannot be loaded as a face detection network (%2).").arg(detectorName, shortMessage(e));
        return nullptr;
    }
    try {
        nets->recognizer = cv::FaceRecognizerSF::create(recognizerPath.toStdString(), std::string());
    } catch (const cv::Exception &e) {
        if (reason)
            *reason = text("%1 cannot be loaded as a face recognition network (%2).").arg(recognizerName, shortMessage(e));
        return nullptr;
    }
    if (!nets->detector || !nets->recognizer) {
        if (reason)
            *reason = text("OpenCV did not load %1 and %2.").arg(detectorName, recognizerName);
        return nullptr;
    }
    // A dry run: a network that loads but is not the expected one (files swapped, an
    // older YuNet) fails here, or gives a vector of the wrong length.
    try {
        cv::Mat faces;
        const cv::Mat blank(kDetectSide / 4, kDetectSide / 4, CV_8UC3, cv::Scalar(128, 128, 128));
        nets->detector->setInputSize(blank.size());
        nets->detector->detect(blank, faces);
    } catch (const cv::Exception &e) {
        if (reason)
            *reason = text("%1 loads but does not run as YuNet (%2).").arg(detectorName, shortMessage(e));
        return nullptr;
    }
    try {
        cv::Mat feature;
        const cv::Mat blank(112, 112, CV_8UC3, cv::Scalar(128, 128, 128));
        nets->recognizer->feature(blank, feature);
        if (feature.total() != size_t(SFaceEngine::kDims)) {
            if (reason)
                *reason = text("%1 gives %2 values per face, not the 128 of SFace.")
                              .arg(recognizerName)
                              .arg(qulonglong(feature.total()));
            return nullptr;
        }
    } catch (const cv::Exception &e) {
        if (reason)
            *reason = text("%1 loads but does not run as SFace (%2).").arg(recognizerName, shortMessage(e));
        return nullptr;
    }
    return nets;
}

} // namespace

std::unique_ptr<SFaceEngine> SFaceEngine::load(const QString &detectorPath, const QString &recognizerPath,
                                               QString *reason)
{
    std::unique_ptr<Nets> first = makeNets(detectorPath, recognizerPath, reason);
    if (!first)
        return nullptr;
    return std::unique_ptr<SFaceEngine>(new SFaceEngine(detectorPath, recognizerPath, std::move(first)));
}

SFaceEngine::SFaceEngine(QString detectorPath, QString recognizerPath, std::unique_ptr<Nets> first)
    : m_detectorPath(std::move(detectorPath)), m_recognizerPath(std::move(recognizerPath)),
      m_nets([d = m_detectorPath, r = m_recognizerPath] { return makeNets(d, r, nullptr); })
{
    // The nets made to check the files serve the first thread.
    m_nets.add(std::move(first));
}

SFaceEngine::~SFaceEngine() = default;

QString SFaceEngine::name() const
{
    return QCoreApplication::translate("FaceEngine", "YuNet + SFace (ONNX)");
}

QString SFaceEngine::kindTag() const
{
    return QStringLiteral("sface-2021dec");
}

std::optional<FaceFeature> SFaceEngine::extract(const cv::Mat &bgr, QRect hint) const
{
    const cv::Mat colour = toBgr(bgr);
    if (colour.empty())
        return std::nullopt;

    const auto nets = m_nets.acquire();
    if (!nets)
        return std::nullopt;
    const double scale = std::min(1.0, double(kDetectSide) / std::max(colour.cols, colour.rows));
    cv::Mat small;
    if (scale < 1.0)
        cv::resize(colour, small, cv::Size(), scale, scale, cv::INTER_AREA);
    else
        small = colour;
    cv::Mat faces;
    try {
        nets->detector->setInputSize(small.size());
        nets->detector->detect(small, faces);
    } catch (const cv::Exception &) {
        return std::nullopt;
    }
    if (faces.empty() || faces.cols < 15)
        return std::nullopt;

    // Each row: box (x, y, w, h), five landmarks (x, y), score. Take the face that
    // best covers the hint, or else the largest one.
    int best = -1;
    double bestValue = 0;
    for (int i = 0; i < faces.rows; ++i) {
        const float *f = faces.ptr<float>(i);
        const QRect box(int(f[0] / scale), int(f[1] / scale), int(f[2] / scale), int(f[3] / scale));
        double value = double(box.width()) * box.height();
        if (!hint.isEmpty()) {
            const QRect both = box & hint;
            value = double(both.width()) * both.height();
        }
        if (value > bestValue) {
            bestValue = value;
            best = i;
        }
    }
    if (best < 0)
        return std::nullopt;

    // The box and landmarks back in the full image's coordinates: alignCrop then cuts
    // the 112x112 face from the sharpest pixels there are.
    cv::Mat row = faces.row(best).clone();
    for (int k = 0; k < 14; ++k)
        row.at<float>(0, k) = float(row.at<float>(0, k) / scale);
    cv::Mat aligned, feature;
    try {
        nets->recognizer->alignCrop(colour, row, aligned);
        nets->recognizer->feature(aligned, feature);
    } catch (const cv::Exception &) {
        return std::nullopt;
    }
    if (feature.total() != size_t(kDims))
        return std::nullopt;
    FaceFeature out;
    out.kind = kindTag();
    const float *r = row.ptr<float>(0);
    out.face = QRect(int(r[0]), int(r[1]), int(r[2]), int(r[3])) & QRect(0, 0, colour.cols, colour.rows);
    const cv::Mat flat = feature.reshape(1, 1);
    out.values = QVector<float>(flat.ptr<float>(0), flat.ptr<float>(0) + kDims);
    if (!normaliseL2(out.values))
        return std::nullopt;
    return out;
}

} // namespace fd::face
