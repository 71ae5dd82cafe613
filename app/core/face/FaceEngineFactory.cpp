#include "FaceEngineFactory.h"

#include "CnnFaceEngine.h"
#include "describe/LbpFaceEngine.h"
#include "describe/SFaceEngine.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace fd::face {

namespace {

QString text(const char *sentence)
{
    return QCoreApplication::translate("FaceEngine", sentence);
}

// The sentence behind "not using YuNet + SFace".
QString whyNotSFace(const QString &modelsDir, QString *detectorPath, QString *recognizerPath)
{
    if (modelsDir.isEmpty())
        return text("No models folder is set.");
    const QDir dir(modelsDir);
    if (!dir.exists())
        return text("The models folder %1 does not exist.").arg(QDir::toNativeSeparators(modelsDir));
    *detectorPath = dir.filePath(QString::fromLatin1(SFaceEngine::kDetectorFile));
    *recognizerPath = dir.filePath(QString::fromLatin1(SFaceEngine::kRecognizerFile));
    const bool hasDetector = QFileInfo(*detectorPath).isFile();
    const bool hasRecognizer = QFileInfo(*recognizerPath).isFile();
    if (!hasDetector && !hasRecognizer)
        return text("The models folder has neither %1 nor %2.")
            .arg(QString::fromLatin1(SFaceEngine::kDetectorFile), QString::fromLatin1(SFaceEngine::kRecognizerFile));
    if (!hasDetector)
        return text("The models folder has no %1.").arg(QString::fromLatin1(SFaceEngine::kDetectorFile));
    if (!hasRecognizer)
        return text("The models folder has no %1.").arg(QString::fromLatin1(SFaceEngine::kRecognizerFile));
    return {};
}

std::shared_ptr<const FaceEngine> loadSFace(const QString &dir, QString *why)
{
    QString detectorPath, recognizerPath;
    *why = whyNotSFace(dir, &detectorPath, &recognizerPath);
    if (!why->isEmpty())
        return nullptr;
    return SFaceEngine::load(detectorPath, recognizerPath, why);
}

} // namespace

FaceEngineChoice createFaceEngine(const QString &sfaceDir)
{
    FaceEngineChoice choice;
    QString cnnError;
    choice.vision = FaceVision::shared(&cnnError);
    const bool sfaceAsked = qEnvironmentVariable("FACEDESK_FACE_ENGINE") == QLatin1String("sface");
    QString sfaceWhy;
    if (sfaceAsked || !choice.vision) {
        if (auto sface = loadSFace(sfaceDir, &sfaceWhy)) {
            choice.engine = std::move(sface);
            choice.preferred = true;
            choice.reason = text("YuNet and SFace loaded from %1.").arg(QDir::toNativeSeparators(sfaceDir));
            return choice;
        }
    }
    if (choice.vision) {
        choice.engine = std::make_shared<CnnFaceEngine>(choice.vision);
        choice.preferred = true;
        choice.reason = text("The face-api models loaded from %1.").arg(QDir::toNativeSeparators(FaceVision::modelDir()));
        if (sfaceAsked)
            choice.reason += u' ' + text("YuNet + SFace were asked for but not used: %1").arg(sfaceWhy);
        return choice;
    }
    auto builtIn = std::make_shared<LbpFaceEngine>();
    choice.reason = text("%1 %2 Using the built-in engine (Haar + LBP histograms).").arg(cnnError, sfaceWhy);
    if (!builtIn->canDetect())
        choice.reason += u' ' + text("It cannot find faces either: the opencv-data package is not installed.");
    choice.engine = std::move(builtIn);
    return choice;
}

} // namespace fd::face
