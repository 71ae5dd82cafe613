// A desk's bounded local cache of a site database's images (#12, item 2). On
// PostgreSQL the data folder's images/ and library/ stop being the archive: the
// database is (store/ImageBlobs), and the folders hold what this PC wrote or looked
// at. Every reader keeps reading files (widgets, thumbnails, live matching, the face
// backfill); when a file is missing, the cache fetches its bytes by the hash its name
// holds, checks them against that hash, and writes the file, so no reader needs to
// know which backend it runs on and a one-PC SQLite archive is never touched.
//
// Bounded: when the files written and fetched pass the bound (DatabaseConfig::
// imageCacheBytes, 2 GiB by default: a guard's day of faces at 20 KB each is under
// 200 MB, and the wall and the alerts read today's), the least recently used go
// (modification time, renewed at most hourly on a hit) until 80 % of it is left, on
// a pool thread. Only files the database holds are evicted, so the cache never
// throws away the only copy (a collector's image before its event commits, a
// one-PC archive's folder that `facedesk migrate` is still copying).
#pragma once

#include <QString>

namespace fd::store {

struct DatabaseConfig;

class ImageCache {
public:
    // Makes config's images and library folders a cache of its database's images, and
    // installs the cache as image::readImageFile's source of missing files. Called by
    // connectDatabase for every PostgreSQL connection; later calls for the same data
    // folder only renew its bound. Counts the folder's bytes on a pool thread.
    static void install(const DatabaseConfig &config);

    // Whether the file is there: already, or fetched now. A path outside every cache
    // is only looked at. *error, when given, says why not.
    static bool ensureLocal(const QString &absolutePath, QString *error = nullptr);
    // Whether the path lies in a cache (its file may be thrown away and fetched again).
    static bool isCached(const QString &absolutePath);

    // A file of this many bytes was just written into a folder (the writer's event
    // images, an import's photos): counted against its cache's bound, if it has one.
    static void noteWritten(const QString &absolutePath, qint64 bytes);

    // Evicts the least recently used files of the data folder's cache until it holds at
    // most 80 % of its bound, now, on the calling thread. Returns the files removed.
    static qint64 trim(const QString &dataDir);
    // The bytes the cache believes it holds (counted at install, then kept up to date).
    static qint64 cachedBytes(const QString &dataDir);
};

} // namespace fd::store
