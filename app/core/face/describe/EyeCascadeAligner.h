// An upright, fixed-size grey crop of a face found by the Haar detector, as cheaply
// as it can be had from Debian's packages: when OpenCV's eye cascade finds both eyes,
// the crop is turned so that the eye line is level; otherwise it is the detector's
// box as it is. The crop's scale and centre always come from the detector's box:
// measured on ../shared/faces, eye boxes were too loose to set the scale (faces came
// out zoomed in and out), while their line gave the tilt well.
#pragma once

#include "face/LendingPool.h"

#include <QRect>
#include <QString>

#include <opencv2/core/mat.hpp>

namespace cv { class CascadeClassifier; }

namespace fd::face {

class EyeCascadeAligner {
public:
    static constexpr int kSize = 128;

    // An empty path means opencv-data's haarcascade_eye.xml; without it faces are
    // cropped without levelling.
    explicit EyeCascadeAligner(const QString &eyeCascadePath = {});
    ~EyeCascadeAligner();

    bool canLevel() const { return m_canLevel; }

    // The kSize x kSize crop of face (in grey's coordinates) from an 8-bit grey image.
    // *levelled says whether both eyes were found and used. Thread-safe.
    cv::Mat align(const cv::Mat &grey, const QRect &face, bool *levelled = nullptr) const;

    static QString defaultEyeCascadePath();

private:
    // The tilt of the eye line in radians, if both eyes are found where eyes can be.
    bool eyeLineAngle(const cv::Mat &grey, const cv::Rect &face, double *radians) const;

    QString m_path;
    bool m_canLevel = false;
    LendingPool<cv::CascadeClassifier> m_cascades;
};

} // namespace fd::face
