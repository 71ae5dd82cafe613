#include "ImageStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

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
    // Folders are created once and remembered; a file that is already there has the
    // same bytes (it is named by them), so writing it again is harmless and cheaper
    // than asking first.
    const QString dir = QFileInfo(path).path();
    if (!m_knownDirs.contains(dir)) {
        if (!QDir().mkpath(dir)) {
            *error = QStringLiteral("cannot create %1").arg(dir);
            return {};
        }
        m_knownDirs.insert(dir);
    }
    // Write aside, then rename: a crash never leaves a half file under the final name.
    const QString temp = path + QStringLiteral(".part");
    QFile f(temp);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size() || !f.flush()) {
        *error = QStringLiteral("cannot write %1: %2").arg(temp, f.errorString());
        f.remove();
        return {};
    }
    f.close();
    // POSIX rename replaces atomically (QFile::rename refuses an existing target).
    if (::rename(QFile::encodeName(temp).constData(), QFile::encodeName(path).constData()) != 0) {
        *error = QStringLiteral("cannot rename %1").arg(temp);
        QFile::remove(temp);
        return {};
    }
    return relative;
}

bool ImageStore::remove(const QString &relative)
{
    return QFile::remove(absolutePath(relative));
}

} // namespace fd::store
