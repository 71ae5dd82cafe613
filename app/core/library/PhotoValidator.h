// Checks a photo for the face library and converts it into a JPEG every device
// accepts: a supported format, upright, even-sized, small enough, exactly one face
// that is big and sharp enough. Conversions are made and listed; what cannot be
// fixed is refused with the result code a device would give and a sentence saying why.
#pragma once

#include "LibraryTypes.h"
#include "face/FaceVision.h"
#include "face/detect/HaarFaceDetector.h"
#include "PhotoRules.h"

#include <QByteArray>
#include <QRect>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QVector>

#include <opencv2/core/mat.hpp>

#include <memory>

namespace fd::library {

struct PhotoCheck {
    bool accepted = false;
    int errorCode = 0;       // fd::protocol::code when refused, 0 when accepted
    QString reason;          // why it was refused (translated), empty when accepted
    QStringList fixes;       // what was changed to make it acceptable, one sentence each
    QStringList flags;       // accepted, but worth an admin's look (Policy::Flag)
    QByteArray jpeg;         // the bytes to send; the file itself when it needed no change
    QSize size;              // of jpeg (or of the decoded photo, when refused later)
    int faceCount = 0;
    QRect face;              // in jpeg's coordinates
    double sharpness = 0.0;  // see PhotoValidator::sharpness
    quint64 phash = 0;       // of jpeg's pixels, see PhotoHash.h
    // The face's descriptor (CnnFaceEngine's kind), computed on jpeg's pixels, so that
    // the person can be searched and matched live without computing it again; empty
    // when the CNN models are not installed (Haar counted the faces).
    QString descriptorKind;
    QVector<float> descriptor;
    // The decoded pixels, upright: jpeg's when accepted, as far as the check got when
    // refused, empty when the file did not decode. For the report's thumbnail, which
    // then needs no second decode; drop them once it is made (a 1080 px photo's are 3.5 MB).
    cv::Mat pixels;

    // The photo as the library stores it.
    NewPhoto toNewPhoto(const QString &sourceName) const;
};

class PhotoValidator {
public:
    // Faces are counted, posed and described by vision (the CNN); without it (models
    // not installed) they are counted by the Haar cascade at cascadePath (empty:
    // opencv-data's) and no descriptor is made.
    explicit PhotoValidator(const PhotoRules &rules = {},
                            std::shared_ptr<const face::FaceVision> vision = face::FaceVision::shared(),
                            const QString &cascadePath = {});

    // Safe to call from several threads at once on one validator.
    PhotoCheck check(const QByteArray &fileBytes, const QString &fileName) const;

    const PhotoRules &rules() const { return m_rules; }
    // Whether face detection is available (the CNN models or opencv-data installed);
    // without it every photo is refused as 100016.
    bool canDetectFaces() const;
    bool usesCnn() const { return bool(m_vision); }

    // Variance of the Laplacian over the face scaled to 128x128 grey: higher is
    // sharper. The fixed size makes a face's score independent of its pixel count.
    static double sharpness(const cv::Mat &image, const QRect &face);

private:
    PhotoRules m_rules;
    struct Faces;
    Faces findFaces(const cv::Mat &image) const;

    std::shared_ptr<const face::FaceVision> m_vision;
    face::HaarPool m_detectors;
};

} // namespace fd::library
