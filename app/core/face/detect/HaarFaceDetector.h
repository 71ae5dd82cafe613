// Face detection with OpenCV's Haar cascade from Debian's opencv-data. The default
// detector everywhere FaceDesk needs to count faces (library photo validation, the
// simulator's device-side checks); it needs no model download.
#pragma once

#include "face/LendingPool.h"

#include <QByteArray>
#include <QList>
#include <QRect>
#include <QString>

#include <memory>

namespace cv { class Mat; }

namespace fd::face {

class HaarFaceDetector {
public:
    // Loads the cascade from cascadePath, or from the standard opencv-data locations,
    // and the confirming cascade (frontalface_alt2) from beside it. Loading costs tens
    // of milliseconds: keep a detector rather than making one per photo.
    explicit HaarFaceDetector(const QString &cascadePath = {});
    ~HaarFaceDetector();
    HaarFaceDetector(const HaarFaceDetector &) = delete;
    HaarFaceDetector &operator=(const HaarFaceDetector &) = delete;

    bool isLoaded() const;
    // Without the confirming cascade every candidate counts (false positives included).
    bool isConfirming() const;
    QString cascadePath() const { return m_path; }

    // Faces in an 8-bit BGR or grey image, in its own coordinates, largest first.
    // Not safe to call on one detector from two threads at once (OpenCV's cascade
    // keeps scratch state); give each thread its own detector.
    QList<QRect> detect(const cv::Mat &image) const;

    static QString defaultCascadePath();
    // An 8-bit grey view of a BGR, BGRA or grey image (the grey one itself, no copy).
    static cv::Mat toGrey(const cv::Mat &image);
    static QString confirmCascadePathFor(const QString &cascadePath);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
    QString m_path;
};

// Detectors lent to one thread at a time (a cascade must not run two detections at
// once, and loading one costs tens of milliseconds). An empty path: opencv-data's.
using HaarPool = LendingPool<HaarFaceDetector>;
inline HaarPool haarPool(const QString &cascadePath = {})
{
    return HaarPool([cascadePath] { return std::make_unique<HaarFaceDetector>(cascadePath); });
}

} // namespace fd::face
