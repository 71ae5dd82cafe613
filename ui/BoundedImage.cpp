#include "BoundedImage.h"

#include "image/BoundedDecode.h"

#include <QBuffer>
#include <QImageReader>

namespace fd::ui {

QImage readBoundedImage(const QByteArray &bytes, const QSize &fitInto, QString *problem)
{
    const image::ImageBudget budget;
    QString refused = bytes.isEmpty() ? QStringLiteral("the image is empty") : image::decodeProblem(bytes, budget);
    if (!refused.isEmpty()) {
        qCWarning(image::lcImage) << "not decoded:" << refused;
        if (problem)
            *problem = refused;
        return {};
    }
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    // 32-bit pixels of the largest picture the budget allows, in MiB.
    reader.setAllocationLimit(int(budget.maxPixels * 4 / (1024 * 1024)) + 1);
    const QSize size = reader.size();
    if (fitInto.isValid() && size.isValid() && (size.width() > fitInto.width() || size.height() > fitInto.height()))
        reader.setScaledSize(size.scaled(fitInto, Qt::KeepAspectRatio));
    const QImage image = reader.read();
    if (problem)
        *problem = image.isNull() ? reader.errorString() : QString();
    return image;
}

QImage readBoundedImageFile(const QString &path, const QSize &fitInto, QString *problem)
{
    QString refused;
    const QByteArray bytes = image::readImageFile(path, &refused);
    if (bytes.isEmpty()) {
        if (problem)
            *problem = refused;
        return {};
    }
    return readBoundedImage(bytes, fitInto, problem);
}

} // namespace fd::ui
