// YuNet (face detection with five landmarks) and SFace (a 128-d recognition network)
// from OpenCV Zoo, run by OpenCV's own DNN module (cv::FaceDetectorYN,
// cv::FaceRecognizerSF). Optional: the models are not in Debian and FaceDesk never
// downloads anything; an administrator puts the two .onnx files in the models folder
// (docs/ARCHITECTURE.md says where they come from).
#pragma once

#include "face/FaceEngine.h"
#include "face/LendingPool.h"

#include <QString>

#include <memory>

namespace fd::face {

class SFaceEngine : public FaceEngine {
public:
    static constexpr const char *kDetectorFile = "face_detection_yunet_2022mar.onnx";
    static constexpr const char *kRecognizerFile = "face_recognition_sface_2021dec.onnx";
    static constexpr int kDims = 128;

    // Loads both models and runs each once on a blank image, so that a file that is
    // not the expected network fails here and not on the first event. Null with
    // *reason (a sentence for the settings page) when either fails.
    static std::unique_ptr<SFaceEngine> load(const QString &detectorPath, const QString &recognizerPath,
                                             QString *reason);
    ~SFaceEngine() override;

    QString name() const override;
    QString kindTag() const override;
    int dimensions() const override { return kDims; }
    // With a hint, the detected face overlapping it most; unlike the built-in engine
    // it never trusts a hint it finds no face in (SFace's crop needs YuNet's landmarks).
    std::optional<FaceFeature> extract(const cv::Mat &bgr, QRect hint = {}) const override;

    struct Nets;  // one detector and one recognizer: what a thread borrows

private:
    SFaceEngine(QString detectorPath, QString recognizerPath, std::unique_ptr<Nets> first);

    QString m_detectorPath;
    QString m_recognizerPath;
    LendingPool<Nets> m_nets;
};

} // namespace fd::face
