// Small pictures for table rows, decoded on the thread pool at their final size (the
// image reader scales while decoding), kept in a bounded cache. Tables ask for the
// rows they paint; nothing is decoded for rows no one scrolls to.
#pragma once

#include <QCache>
#include <QObject>
#include <QPixmap>
#include <QSet>

#include <optional>

namespace fd::ui {

class ThumbnailCache : public QObject {
    Q_OBJECT
public:
    ThumbnailCache(int side, int capacity, QObject *parent = nullptr);

    // The thumbnail when it is decoded; otherwise nothing, a decode starts and
    // ready(key) follows. A file that cannot be read gives an empty pixmap.
    std::optional<QPixmap> get(qint64 key, const QString &path);

signals:
    void ready(qint64 key);

private:
    void store(qint64 key, const QImage &image);

    int m_side;
    QCache<qint64, QPixmap> m_cache;
    QSet<qint64> m_loading;
};

} // namespace fd::ui
