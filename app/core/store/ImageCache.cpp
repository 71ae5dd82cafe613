#include "ImageCache.h"

#include "Database.h"
#include "ImageBlobs.h"
#include "ImageStore.h"
#include "image/BoundedDecode.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QMutex>
#include <QSaveFile>
#include <QSqlDatabase>
#include <QThreadPool>
#include <QThreadStorage>

#include <algorithm>
#include <atomic>
#include <memory>
#include <vector>

Q_LOGGING_CATEGORY(lcImageCache, "facedesk.store.imagecache")

namespace fd::store {

namespace {

struct Cache {
    DatabaseConfig config;
    QString root;  // the data folder, cleaned, with a trailing slash
    std::atomic<qint64> maxBytes{0};
    std::atomic<qint64> bytes{0};
    std::atomic_bool trimming{false};
};

QMutex registryMutex;
QHash<QString, std::shared_ptr<Cache>> &registry()
{
    static QHash<QString, std::shared_ptr<Cache>> caches;
    return caches;
}

QString rootOf(const QString &dataDir)
{
    return QDir::cleanPath(QDir(dataDir).absolutePath()) + u'/';
}

// The cache a path lies in: under DATA/images/ or DATA/library/ of an installed one.
std::shared_ptr<Cache> cacheOf(const QString &absolutePath)
{
    const QString path = QDir::cleanPath(absolutePath);
    QMutexLocker lock(&registryMutex);
    for (const std::shared_ptr<Cache> &c : std::as_const(registry())) {
        if (path.startsWith(c->root + QStringLiteral("images/")) || path.startsWith(c->root + QStringLiteral("library/")))
            return c;
    }
    return nullptr;
}

std::shared_ptr<Cache> cacheOfDataDir(const QString &dataDir)
{
    QMutexLocker lock(&registryMutex);
    return registry().value(rootOf(dataDir));
}

// One connection a thread and cache, closed when the thread ends (for the main
// thread: when the application object goes, while Qt's SQL registry still stands).
struct ThreadConnections {
    QHash<QString, QString> nameOfRoot;
    ~ThreadConnections()
    {
        for (const QString &name : std::as_const(nameOfRoot))
            QSqlDatabase::removeDatabase(name);
    }
};
QThreadStorage<ThreadConnections *> threadConnections;

QSqlDatabase connectionFor(const Cache &cache, QString *error)
{
    if (!threadConnections.hasLocalData())
        threadConnections.setLocalData(new ThreadConnections);
    ThreadConnections &mine = *threadConnections.localData();
    QString name = mine.nameOfRoot.value(cache.root);
    if (name.isEmpty()) {
        static std::atomic_int counter{0};
        name = QStringLiteral("facedesk-image-cache-%1").arg(++counter);
        QSqlDatabase db = connectDatabase(cache.config, name, error);
        if (!db.isOpen()) {
            QSqlDatabase::removeDatabase(name);
            return {};
        }
        mine.nameOfRoot.insert(cache.root, name);
        return db;
    }
    QSqlDatabase db = QSqlDatabase::database(name, false);
    return reconnectIfLost(db, cache.config, error) ? db : QSqlDatabase();
}

bool fetchInto(Cache &cache, const QString &path, QString *error)
{
    const QString key = imageKeyOf(path);
    if (key.isEmpty()) {
        *error = QStringLiteral("no such file, and its name is no image hash to fetch it by");
        return false;
    }
    QSqlDatabase db = connectionFor(cache, error);
    if (!db.isOpen())
        return false;
    const QByteArray bytes = fetchImageBlob(db, key, error);
    if (bytes.isEmpty())
        return false;
    if (ImageStore::contentHash(bytes) != key.toLatin1()) {
        *error = QStringLiteral("the database's bytes for image %1 do not match its hash").arg(key);
        return false;
    }
    QDir().mkpath(QFileInfo(path).path());
    QSaveFile file(path);  // readers on other threads see the whole file or none
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = QStringLiteral("cannot write the cached image %1: %2").arg(path, file.errorString());
        return false;
    }
    ImageCache::noteWritten(path, bytes.size());
    return true;
}

// A hit renews the file's time, at most hourly: that is what eviction orders by.
void markUsed(const QString &path)
{
    QFile file(path);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (QFileInfo(path).lastModified().secsTo(now) > 3600 && file.open(QIODevice::ReadWrite))
        file.setFileTime(now, QFileDevice::FileModificationTime);
}

bool fromMissingFileSource(const QString &path, QString *problem)
{
    return ImageCache::ensureLocal(path, problem);
}

void startTrimIfOver(const std::shared_ptr<Cache> &cache)
{
    if (cache->bytes.load() <= cache->maxBytes.load() || cache->trimming.exchange(true))
        return;
    QThreadPool::globalInstance()->start([cache] {
        ImageCache::trim(cache->root);
        cache->trimming.store(false);
    });
}

} // namespace

void ImageCache::install(const DatabaseConfig &config)
{
    const QString root = rootOf(config.dataDir);
    std::shared_ptr<Cache> cache;
    {
        QMutexLocker lock(&registryMutex);
        if (const std::shared_ptr<Cache> known = registry().value(root)) {
            known->maxBytes.store(config.imageCacheBytes);
            return;
        }
        cache = std::make_shared<Cache>();
        cache->config = config;
        cache->root = root;
        cache->maxBytes.store(config.imageCacheBytes);
        registry().insert(root, cache);
    }
    image::setMissingFileSource(&fromMissingFileSource);
    // What the folders hold from earlier runs, counted off the caller's thread.
    cache->trimming.store(true);
    QThreadPool::globalInstance()->start([cache] {
        qint64 total = 0;
        for (const char *folder : {"images", "library"}) {
            QDirIterator it(cache->root + QLatin1String(folder), QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                it.next();
                total += it.fileInfo().size();
            }
        }
        cache->bytes.fetch_add(total);
        cache->trimming.store(false);
        startTrimIfOver(cache);
    });
}

bool ImageCache::ensureLocal(const QString &absolutePath, QString *error)
{
    QString ignored;
    QString &why = error ? *error : ignored;
    const bool there = QFileInfo::exists(absolutePath);
    const std::shared_ptr<Cache> cache = cacheOf(absolutePath);
    if (there || !cache) {
        if (there && cache)
            markUsed(absolutePath);
        if (!there)
            why = QStringLiteral("no such file");
        return there;
    }
    if (fetchInto(*cache, absolutePath, &why))
        return true;
    qCWarning(lcImageCache) << "image" << absolutePath << "not fetched from the database:" << why;
    return false;
}

bool ImageCache::isCached(const QString &absolutePath)
{
    return cacheOf(absolutePath) != nullptr;
}

void ImageCache::noteWritten(const QString &absolutePath, qint64 bytes)
{
    if (const std::shared_ptr<Cache> cache = cacheOf(absolutePath)) {
        cache->bytes.fetch_add(bytes);
        startTrimIfOver(cache);
    }
}

qint64 ImageCache::trim(const QString &dataDir)
{
    const std::shared_ptr<Cache> cache = cacheOfDataDir(dataDir);
    if (!cache)
        return 0;
    struct File {
        QString path;
        qint64 size;
        QDateTime used;
    };
    std::vector<File> files;
    qint64 total = 0;
    for (const char *folder : {"images", "library"}) {
        QDirIterator it(cache->root + QLatin1String(folder), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            const QFileInfo info = it.fileInfo();
            files.push_back({info.filePath(), info.size(), info.lastModified()});
            total += info.size();
        }
    }
    std::sort(files.begin(), files.end(), [](const File &a, const File &b) { return a.used < b.used; });
    const qint64 keep = cache->maxBytes.load() / 5 * 4;
    qint64 removed = 0;
    QString error;
    QSqlDatabase db = total > keep ? connectionFor(*cache, &error) : QSqlDatabase();
    if (total > keep && !db.isOpen())
        qCWarning(lcImageCache) << "image cache of" << cache->root << "not trimmed: the database cannot be asked:" << error;
    for (const File &f : files) {
        if (total <= keep || !db.isOpen())
            break;
        // Never the only copy: a collector's image whose event is not committed yet, a
        // one-PC archive's folder on its way into the database (`facedesk migrate`).
        const QString key = imageKeyOf(f.path);
        if (key.isEmpty() || !hasImageBlob(db, key))
            continue;
        if (QFile::remove(f.path)) {
            total -= f.size;
            ++removed;
        }
    }
    cache->bytes.store(total);
    if (removed)
        qCInfo(lcImageCache) << "image cache of" << cache->root << ":" << removed << "least recently used files evicted,"
                             << total / (1024 * 1024) << "MiB kept";
    return removed;
}

qint64 ImageCache::cachedBytes(const QString &dataDir)
{
    const std::shared_ptr<Cache> cache = cacheOfDataDir(dataDir);
    return cache ? cache->bytes.load() : 0;
}

} // namespace fd::store
