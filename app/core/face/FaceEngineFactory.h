// Which face engine FaceDesk runs, with a sentence saying why (for the window, the
// log and `facedesk search`):
// 1. the CNN engine (CnnFaceEngine) whenever the face-api models are installed in
//    FaceVision::modelDir() (packaging/install-deps.sh, the .deb) and load;
// 2. YuNet + SFace when an administrator has put both OpenCV Zoo models in the data
//    folder's models folder and either asks for them (FACEDESK_FACE_ENGINE=sface) or
//    the CNN models are missing;
// 3. the built-in Haar + LBP engine otherwise: a fallback, far weaker.
// Nothing is ever downloaded.
#pragma once

#include "FaceEngine.h"
#include "FaceVision.h"

#include <QString>

#include <memory>

namespace fd::face {

struct FaceEngineChoice {
    std::shared_ptr<const FaceEngine> engine;  // never null
    bool preferred = false;                    // true: a trained network (CNN or SFace) runs
    QString reason;                            // why this engine (translated)
    // The CNN front object when its models loaded (even when SFace was asked for), so
    // that import validation and live matching use the same one.
    std::shared_ptr<const FaceVision> vision;
};

// sfaceDir: where an administrator may have put YuNet and SFace (DATA_DIR/models).
FaceEngineChoice createFaceEngine(const QString &sfaceDir);


} // namespace fd::face
