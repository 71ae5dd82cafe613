#include "ImageStore.h"

#include "ImageCache.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <openssl/evp.h>

namespace fd::store {

namespace {

// SHA-256 fetched once, when the program loads, on the main thread. Two reasons: an
// implicit fetch (EVP_sha256() handed to EVP_Digest) looks the digest up again on every
// call (OpenSSL 3's manual recommends fetching once); and the first call initialises
// OpenSSL, whose configuration loading gives the calling thread a 904-byte error
// state. When that thread was the import's worker, which Qt runs detached, a process
// exiting right after the worker's last signal could be checked by LeakSanitizer before
// the worker's thread-exit destructor freed it (the one sanitizer finding of 2026-12-05). Here the
// state belongs to the main thread, and OpenSSL's own exit handler frees it.
const EVP_MD *const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);

} // namespace

QByteArray ImageStore::contentHash(const QByteArray &bytes)
{
    // SHA-256 by libcrypto: 1.8 GB/s with SHA-NI against 0.9 GB/s for BLAKE2b (the
    // old name) and less for Qt's portable SHA-256; hashing was 10 % of the ingest's
    // CPU. Cryptographic, so a hostile device cannot make its image take another's name.
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!sha256 || EVP_Digest(bytes.constData(), size_t(bytes.size()), digest, &length, sha256, nullptr) != 1)
        return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();  // the same digest, slower
    return QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex();
}

QString ImageStore::relativePathFor(const QByteArray &hashHex)
{
    const QString hash = QString::fromLatin1(hashHex);
    return hash.left(3) + u'/' + hash + QStringLiteral(".jpg");
}

namespace {

bool sameContent(const QString &path, const QByteArray &bytes)
{
    QFile existing(path);
    return existing.open(QIODevice::ReadOnly) && existing.readAll() == bytes;
}

} // namespace

bool ImageStore::matchesName(const QString &fileName, const QByteArray &bytes)
{
    const QString hash = QFileInfo(fileName).completeBaseName().toLower();
    static const QRegularExpression hex64(QStringLiteral("^[0-9a-f]{64}$"));
    if (!hex64.match(hash).hasMatch())
        return true;
    const QByteArray name = hash.toLatin1();
    return contentHash(bytes) == name
        || QCryptographicHash::hash(bytes, QCryptographicHash::Blake2b_256).toHex() == name;
}

QByteArray ImageStore::read(const QString &relative, QString *error, qint64 maxBytes) const
{
    QByteArray bytes = readChecked(relative, error, maxBytes);
    // A damaged file in a cache of the site database's images is thrown away and fetched again.
    if (bytes.isEmpty() && ImageCache::isCached(absolutePath(relative)) && QFile::remove(absolutePath(relative)))
        bytes = readChecked(relative, error, maxBytes);
    return bytes;
}

QByteArray ImageStore::readChecked(const QString &relative, QString *error, qint64 maxBytes) const
{
    ImageCache::ensureLocal(absolutePath(relative));
    QFile f(absolutePath(relative));
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(relative, f.errorString());
        return {};
    }
    if (f.size() > maxBytes) {
        *error = QStringLiteral("%1 has %2 bytes, more than an image may").arg(relative).arg(f.size());
        return {};
    }
    const QByteArray bytes = f.readAll();
    if (!matchesName(relative, bytes)) {
        *error = QStringLiteral("the image file %1 is damaged: its content does not match its name "
                                "(a write lost in a power cut?)").arg(relative);
        return {};
    }
    return bytes;
}

QString ImageStore::absolutePath(const QString &relative) const
{
    return QDir(m_root).filePath(relative);
}

QString ImageStore::put(const QByteArray &bytes, QString *error, bool *noSpace)
{
    return put(bytes, contentHash(bytes), error, noSpace);
}

QString ImageStore::put(const QByteArray &bytes, const QByteArray &hashHex, QString *error, bool *noSpace)
{
    const QString relative = relativePathFor(hashHex);
    const QString path = absolutePath(relative);
    // Folders are created once and remembered.
    const QString dir = QFileInfo(path).path();
    {
        QMutexLocker lock(&m_dirsMutex);
        if (!m_knownDirs.contains(dir)) {
            if (!QDir().mkpath(dir)) {
                *error = QStringLiteral("cannot create %1").arg(dir);
                return {};
            }
            m_knownDirs.insert(dir);
        }
    }
    // Named by content: if a file of that name and size is there, it holds these
    // bytes. New files are created exclusively, with no temporary name and no rename
    // (a rename over an existing file makes ext4 flush at once). A crash in the middle
    // of a write leaves a short file, which the size check finds and rewrites; the
    // archive row that names the file is committed only after the write.
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        // A file of the right size is reused only when it holds these bytes: after a
        // power loss it can be all zeros, and a retried push must mend it, not share it.
        if (QFileInfo(path).size() == bytes.size() && sameContent(path, bytes))
            return relative;
        QFile::remove(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
            *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
            return {};
        }
    }
    if (f.write(bytes) == bytes.size() && f.flush()) {
        ImageCache::noteWritten(path, bytes.size());
        return relative;
    }
    *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
    // Qt reports ENOSPC (and EDQUOT's kin) as ResourceError; the text is the
    // locale's, so it cannot be matched.
    if (noSpace)
        *noSpace = f.error() == QFileDevice::ResourceError;
    f.close();
    QFile::remove(path);
    return {};
}

bool ImageStore::remove(const QString &relative)
{
    return QFile::remove(absolutePath(relative));
}

} // namespace fd::store
