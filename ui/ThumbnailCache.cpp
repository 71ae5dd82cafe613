#include "ThumbnailCache.h"

#include "BoundedImage.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

namespace fd::ui {

ThumbnailCache::ThumbnailCache(int side, int capacity, QObject *parent)
    : QObject(parent), m_side(side), m_cache(capacity)
{
}

std::optional<QPixmap> ThumbnailCache::get(qint64 key, const QString &path)
{
    if (const QPixmap *p = m_cache.object(key))
        return *p;
    if (m_loading.contains(key) || path.isEmpty())
        return std::nullopt;
    m_loading.insert(key);
    QPointer<ThumbnailCache> self(this);
    const int side = m_side;
    QThreadPool::globalInstance()->start([self, key, path, side] {
        const QImage image = readBoundedImageFile(path, QSize(side, side));
        QMetaObject::invokeMethod(
            qApp, [self, key, image] {
                if (self)
                    self->store(key, image);
            },
            Qt::QueuedConnection);
    });
    return std::nullopt;
}

void ThumbnailCache::store(qint64 key, const QImage &image)
{
    m_loading.remove(key);
    m_cache.insert(key, new QPixmap(QPixmap::fromImage(image)));
    emit ready(key);
}

} // namespace fd::ui
