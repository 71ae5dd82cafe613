// What FaceDesk computes from a face on its own, without a device: a face rectangle
// and a feature vector that FeatureIndex can rank by cosine similarity. Several
// engines exist (the CNN one on the face-api models, the default; YuNet + SFace when
// an administrator installs them; Haar + LBP as the fallback with no models); their
// vectors live in different spaces, so every vector carries its engine's kind and
// vectors of different kinds are never compared.
#pragma once

#include <QRect>
#include <QString>
#include <QVector>

#include <optional>

namespace cv { class Mat; }

namespace fd::face {

struct FaceFeature {
    QString kind;           // FaceEngine::kindTag() of the engine that computed it
    QRect face;             // in the coordinates of the image it came from
    QVector<float> values;  // unit length (L2), FaceEngine::dimensions() long
};

class FaceEngine {
public:
    virtual ~FaceEngine() = default;

    // For people: shown in the settings and the search window.
    virtual QString name() const = 0;
    // For machines: stored beside every vector. It changes whenever the vectors an
    // engine computes change meaning (another model, another descriptor layout), so
    // that old vectors are recomputed instead of compared with new ones.
    virtual QString kindTag() const = 0;
    virtual int dimensions() const = 0;

    // How people should read this engine's scores. Every vector is unit length and
    // FeatureIndex ranks by cosine; an engine trained with a distance rule (dlib's
    // "same person under 0.6") is shown as the Euclidean distance between unit
    // vectors, sqrt(2 - 2 cos), lower meaning more alike.
    struct Scale {
        bool distance = false;
        float sameThreshold = 0.5f;  // the default same-person threshold on that scale
    };
    virtual Scale scale() const { return {}; }

    // The most prominent face in an 8-bit BGR image (grey is accepted too) and its
    // feature; nullopt when there is no face. hint, when not empty, is where the
    // caller already knows the face to be (e.g. a device's box): the engine looks
    // around it and trusts it when it finds nothing better. Safe to call from
    // several threads at once on one engine.
    virtual std::optional<FaceFeature> extract(const cv::Mat &bgr, QRect hint = {}) const = 0;
};

// The cosine of two features, or nullopt when they come from different engines (or
// differ in length): such a number would look like a similarity and mean nothing.
std::optional<float> similarity(const FaceFeature &a, const FaceFeature &b);

// Scales values to unit length in place; false (values untouched) for a zero vector
// or one holding NaN or infinity.
bool normaliseL2(QVector<float> &values);

// The Euclidean distance of two unit vectors from their cosine, and back
// (|a - b|^2 = 2 - 2 cos): the CNN engine's own scale, same person under 0.42.
float unitDistance(float cosine);
float cosineOfUnitDistance(float distance);

// A cosine similarity read on an engine's own scale, and back.
float toEngineScale(const FaceEngine::Scale &scale, float cosine);
float fromEngineScale(const FaceEngine::Scale &scale, float value);

} // namespace fd::face
