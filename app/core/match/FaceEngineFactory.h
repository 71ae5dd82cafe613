// Which face engine FaceDesk runs: YuNet + SFace when the administrator has put both
// OpenCV Zoo models in the models folder and they load, the built-in Haar + LBP
// engine otherwise, with a sentence saying why (for the settings page and the log).
#pragma once

#include "FaceEngine.h"

#include <QString>

#include <memory>

namespace fd::match {

struct FaceEngineChoice {
    std::shared_ptr<const FaceEngine> engine;  // never null
    bool preferred = false;                    // true: the ONNX engine was loaded
    QString reason;                            // why this engine (translated)
};

// Nothing is downloaded: an empty or missing folder simply means the built-in engine.
FaceEngineChoice createFaceEngine(const QString &modelsDir);

} // namespace fd::match
