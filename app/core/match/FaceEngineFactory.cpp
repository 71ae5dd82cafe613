#include "FaceEngineFactory.h"

#include "LbpFaceEngine.h"
#include "SFaceEngine.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace fd::match {

namespace {

QString text(const char *sentence)
{
    return QCoreApplication::translate("FaceEngine", sentence);
}

// The sentence behind "using the built-in engine": why the ONNX one is not running.
QString whyNotOnnx(const QString &modelsDir, QString *detectorPath, QString *recognizerPath)
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

} // namespace

FaceEngineChoice createFaceEngine(const QString &modelsDir)
{
    FaceEngineChoice choice;
    QString detectorPath, recognizerPath;
    QString why = whyNotOnnx(modelsDir, &detectorPath, &recognizerPath);
    if (why.isEmpty()) {
        if (std::unique_ptr<SFaceEngine> onnx = SFaceEngine::load(detectorPath, recognizerPath, &why)) {
            choice.engine = std::move(onnx);
            choice.preferred = true;
            choice.reason = text("YuNet and SFace loaded from %1.").arg(QDir::toNativeSeparators(modelsDir));
            return choice;
        }
    }
    auto builtIn = std::make_shared<LbpFaceEngine>();
    choice.reason = text("%1 Using the built-in engine (Haar + LBP histograms).").arg(why);
    if (!builtIn->canDetect())
        choice.reason += u' ' + text("It cannot find faces either: the opencv-data package is not installed.");
    choice.engine = std::move(builtIn);
    return choice;
}

} // namespace fd::match
