// Event images as files named by their content (SHA-256), never by the name a
// device sent: a hostile "../../etc/passwd" cannot choose where bytes land, and a
// retried push stores nothing twice.
#pragma once

#include <QByteArray>
#include <QMutex>
#include <QSet>
#include <QString>

namespace fd::store {

// put() may be called from several threads at once (the writer's file stage).
class ImageStore {
public:
    explicit ImageStore(QString rootDir) : m_root(std::move(rootDir)) {}

    // Writes bytes (if not already there) and returns the path relative to the root,
    // e.g. "3fa/3fa2...c1.jpg"; empty with *error on failure.
    // *noSpace, when given, says whether a failure was the disk being full (ENOSPC):
    // the writer refuses with the busy code then, and tells the window.
    QString put(const QByteArray &bytes, QString *error, bool *noSpace = nullptr);
    // The same with the hash already known (the writer hashes once for two uses).
    QString put(const QByteArray &bytes, const QByteArray &hash, QString *error, bool *noSpace = nullptr);
    QString absolutePath(const QString &relative) const;
    const QString &root() const { return m_root; }
    bool remove(const QString &relative);
    // The file's bytes, checked against the hash its name holds: after a power loss a
    // file can have its full size and the wrong content (blocks allocated, never
    // written). Empty with *error when it is missing, unreadable, larger than maxBytes
    // (nothing is read then) or damaged. Every reader of archived event images uses it.
    QByteArray read(const QString &relative, QString *error, qint64 maxBytes = 64LL * 1024 * 1024) const;

    // Whether bytes are what a file of this name must hold: its name is the SHA-256
    // (or, in archives from before 0.3, the BLAKE2b-256) of its content. Names that
    // are no such hash cannot be checked and pass.
    static bool matchesName(const QString &fileName, const QByteArray &bytes);

    static QByteArray contentHash(const QByteArray &bytes);
    // "3fa/3fa2...c1.jpg" for a hash. One level of 4,096 folders: ten million images
    // make 2,500 files a folder, which ext4's hashed directories look up as fast as
    // ten. Two levels (65,536 folders) made a young archive create a folder for most
    // of its first 100,000 images, 6 % of the ingest's CPU (the ingest benchmark's
    // profile). Archives written with the old layout keep working: rows hold the path.
    static QString relativePathFor(const QByteArray &hashHex);

private:
    QByteArray readChecked(const QString &relative, QString *error, qint64 maxBytes) const;

    QString m_root;
    QMutex m_dirsMutex;
    QSet<QString> m_knownDirs;
};

} // namespace fd::store
