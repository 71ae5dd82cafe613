#include "ImageStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace fd::store {

QByteArray ImageStore::contentHash(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Blake2b_256).toHex();
}

QString ImageStore::relativePathFor(const QByteArray &hashHex)
{
    const QString hash = QString::fromLatin1(hashHex);
    return hash.left(2) + u'/' + hash.mid(2, 2) + u'/' + hash + QStringLiteral(".jpg");
}

QString ImageStore::absolutePath(const QString &relative) const
{
    return QDir(m_root).filePath(relative);
}

QString ImageStore::put(const QByteArray &bytes, QString *error)
{
    return put(bytes, contentHash(bytes), error);
}

QString ImageStore::put(const QByteArray &bytes, const QByteArray &hashHex, QString *error)
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
        if (QFileInfo(path).size() == bytes.size())
            return relative;
        QFile::remove(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
            *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
            return {};
        }
    }
    if (f.write(bytes) != bytes.size() || !f.flush()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        f.close();
        QFile::remove(path);
        return {};
    }
    return relative;
}

bool ImageStore::remove(const QString &relative)
{
    return QFile::remove(absolutePath(relative));
}

} // namespace fd::store
