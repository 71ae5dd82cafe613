#include "ImageBudget.h"

namespace fd::image {

QString sizeProblem(const QString &declaredBy, qint64 width, qint64 height, const ImageBudget &budget)
{
    const QString declares = QStringLiteral("%1 declares %2x%3 pixels").arg(declaredBy).arg(width).arg(height);
    if (width <= 0 || height <= 0)
        return QStringLiteral("%1; a picture has no empty side").arg(declares);
    // Both sides fit 32 bits, so their product fits 64.
    if (width * height > budget.maxPixels)
        return QStringLiteral("%1, over the %2-megapixel budget").arg(declares).arg(double(budget.maxPixels) / 1e6);
    if (width > budget.maxSide || height > budget.maxSide)
        return QStringLiteral("%1, a side over the %2-pixel limit").arg(declares).arg(budget.maxSide);
    return {};
}

QString byteProblem(qint64 bytes, const ImageBudget &budget)
{
    if (bytes > budget.maxBytes)
        return QStringLiteral("the image is %1 bytes, over the %2 MiB budget").arg(bytes).arg(budget.maxBytes / (1024 * 1024));
    return {};
}

} // namespace fd::image
