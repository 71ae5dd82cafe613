// Face detection with OpenCV's Haar cascade from Debian's opencv-data. The default
// detector everywhere FaceDesk needs to count faces (library photo validation, the
// simulator's device-side checks); it needs no model download.
#pragma once

#include <QByteArray>
#include <QList>
#include <QRect>
#include <QString>

#include <memory>

namespace cv { class Mat; }

namespace fd::vision {

class HaarFaceDetector {
public:
    // Loads the cascade from cascadePath, or from the standard opencv-data locations.
    explicit HaarFaceDetector(const QString &cascadePath = {});
    ~HaarFaceDetector();
    HaarFaceDetector(const HaarFaceDetector &) = delete;
    HaarFaceDetector &operator=(const HaarFaceDetector &) = delete;

    bool isLoaded() const;
    QString cascadePath() const { return m_path; }

    // Faces in an 8-bit BGR or grey image, in its own coordinates, largest first.
    QList<QRect> detect(const cv::Mat &image) const;

    static QString defaultCascadePath();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
    QString m_path;
};

} // namespace fd::vision
