#include "BoundedDecode.h"

#include "ImageHeader.h"

#include <QFile>

#include <atomic>

#include <opencv2/imgcodecs.hpp>

namespace fd::image {

Q_LOGGING_CATEGORY(lcImage, "facedesk.image")

namespace {

void tell(QString *out, const QString &problem)
{
    if (out)
        *out = problem;
}

} // namespace

QString decodeProblem(const QByteArray &bytes, const ImageBudget &budget)
{
    if (const QString tooMany = byteProblem(bytes.size(), budget); !tooMany.isEmpty())
        return tooMany;
    const ImageHeader header = readImageHeader(bytes);
    if (!header.problem.isEmpty())
        return header.problem;
    return sizeProblem(header.declaredBy, header.width, header.height, budget);
}

cv::Mat decodeWithinBudget(const QByteArray &bytes, int flags, QString *problem, const ImageBudget &budget)
{
    if (const QString refused = decodeProblem(bytes, budget); !refused.isEmpty()) {
        qCWarning(lcImage) << "not decoded:" << refused;
        tell(problem, refused);
        return {};
    }
    cv::Mat image;
    try {
        image = cv::imdecode(cv::Mat(1, int(bytes.size()), CV_8UC1, const_cast<char *>(bytes.constData())), flags);
    } catch (const cv::Exception &) {
        image.release();  // some decoders throw on damaged data instead of failing
    }
    tell(problem, {});
    return image;
}

namespace {
std::atomic<MissingFileSource> missingFileSource{nullptr};
} // namespace

void setMissingFileSource(MissingFileSource source)
{
    missingFileSource.store(source);
}

QByteArray readImageFile(const QString &path, QString *problem, const ImageBudget &budget)
{
    QFile file(path);
    if (const MissingFileSource source = missingFileSource.load(); source && !file.exists()) {
        QString why;
        if (!source(path, &why)) {
            tell(problem, QStringLiteral("%1 cannot be read: %2").arg(path, why));
            return {};
        }
    }
    if (!file.open(QIODevice::ReadOnly)) {
        tell(problem, QStringLiteral("%1 cannot be opened: %2").arg(path, file.errorString()));
        return {};
    }
    if (const QString tooMany = byteProblem(file.size(), budget); !tooMany.isEmpty()) {
        tell(problem, tooMany);
        return {};
    }
    tell(problem, {});
    return file.read(budget.maxBytes);
}

} // namespace fd::image
