// FaceDesk's face vision: one object that reads the face models once and answers,
// from any thread, where the faces in an image are (box, score, 68 landmarks), how
// they are posed, and the 128-value descriptor of each. Import validation, the search
// backfill, photo queries, live matching and the demo all take this one object, so
// that a face counted at import is the face searched and matched later.
//
// The networks are the face-api package's (packaging/install-deps.sh installs them
// into modelDir(); nothing is downloaded at run time), rebuilt as OpenCV DNN graphs
// (face/model). Each thread borrows its own set of nets (OpenCV nets keep scratch
// state): the pool never holds more sets than threads that used it at once.
//
// Measured on this project's 2-core VM, one thread, medians: detection at 416 px
// 19 ms, at 320 px 11 ms; landmarks 3 ms a face; descriptor 10-13 ms a face.
// Loading it sets OpenCV to one thread per caller (see load(): 13 % more faces a
// second when two threads describe at once, no slower alone).
#pragma once

#include "LendingPool.h"
#include "describe/LandmarkAligner.h"
#include "detect/LandmarkNet.h"
#include "detect/TinyFaceDetectorNet.h"

#include <QByteArray>
#include <QString>
#include <QVector>

#include <memory>
#include <vector>

namespace fd::face {

struct Face {
    cv::Rect2f box;          // in the image's pixels
    float score = 0;         // the detector's
    Landmarks68 landmarks{};
    FaceGeometry geometry;
};

// How much of a face's box lies outside an image of this size, as the largest
// fraction of its width or height on any side (0 when it is all inside): a face cut by
// the photo's edge.
float outsideFraction(const cv::Rect2f &box, cv::Size image);

struct DetectOptions {
    // The detector's largest input side (a multiple of 32): 416 for photos and scenes;
    // smaller images are looked at with their own size rounded up to 32 (at least 224).
    int side = 416;
    float minScore = 0.5f;
    // Device crops (img_data) are cut tight around the face; the detector wants some
    // context. When nothing is found in an image that looks like such a crop, it is
    // padded by 40 % with its own edge pixels and looked at again. (Taking such a
    // crop as a face without finding one was tried and dropped: a blank picture then
    // became a face.)
    bool retryAsCrop = true;
};

class FaceVision {
public:
    // The fixed folder the models are installed in (packaging/install-deps.sh, the
    // .deb): $FACEDESK_MODELS_DIR when set, else /usr/share/facedesk/models/face-api.
    static QString modelDir();
    // The files a model folder must hold, for messages and the install check.
    static QStringList requiredFiles();

    // Reads and builds the three networks once; null with *error naming the missing
    // or damaged file and what to run.
    static std::shared_ptr<const FaceVision> load(const QString &dir, QString *error);
    // The process's one FaceVision on modelDir(), read on first use (about 0.3 s) and
    // shared by every caller while any holds it; null with *error when the models are
    // missing or damaged.
    static std::shared_ptr<const FaceVision> shared(QString *error = nullptr);

    // Faces in an 8-bit BGR (or grey, or BGRA) image, best first, with landmarks.
    std::vector<Face> detect(const cv::Mat &image, const DetectOptions &options = {}) const;
    // The 128 values of one face found in image, L2-normalised. Empty on failure.
    QVector<float> describe(const cv::Mat &image, const Face &face) const;
    // The aligned 150 x 150 crop describe() feeds the network (to look at, tests).
    cv::Mat aligned(const cv::Mat &image, const Face &face) const;

    QString name() const;     // for people
    QString version() const;  // for machines: the package and version of the models
    static constexpr int kDims = 128;

    struct Nets;
    ~FaceVision();

private:
    explicit FaceVision(std::shared_ptr<const struct ModelWeights> weights);
    std::vector<Face> detectOnce(Nets &nets, const cv::Mat &bgr, const DetectOptions &options) const;

    std::shared_ptr<const struct ModelWeights> m_weights;
    LendingPool<Nets> m_nets;
};

// An 8-bit 3-channel view or copy of an 8-bit grey, BGR or BGRA image; empty for
// anything else.
cv::Mat toBgr(const cv::Mat &image);
// Image bytes FaceDesk did not make (a device's, an archived file) decoded as BGR
// within the decode budget (image/BoundedDecode); empty when they are not an image
// OpenCV reads or are over budget. Never throws: a damaged file costs one event, not
// the caller's run.
cv::Mat decodeImage(const QByteArray &bytes);

} // namespace fd::face
