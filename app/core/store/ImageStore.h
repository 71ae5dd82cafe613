// Event images as files named by their content (BLAKE2b-256), never by the name a
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
    // e.g. "3f/a2/3fa2...c1.jpg"; empty with *error on failure.
    QString put(const QByteArray &bytes, QString *error);
    // The same with the hash already known (the writer hashes once for two uses).
    QString put(const QByteArray &bytes, const QByteArray &hash, QString *error);
    QString absolutePath(const QString &relative) const;
    bool remove(const QString &relative);

    static QByteArray contentHash(const QByteArray &bytes);
    // "3f/a2/3fa2...c1.jpg" for a hash: two levels of fan-out keep folders small.
    static QString relativePathFor(const QByteArray &hashHex);

private:
    QString m_root;
    QMutex m_dirsMutex;
    QSet<QString> m_knownDirs;
};

} // namespace fd::store
