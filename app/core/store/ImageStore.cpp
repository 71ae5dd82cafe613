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
    if (QFileInfo::exists(path))
        return relative;
    const QString dir = QFileInfo(path).path();
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create %1").arg(dir);
        return {};
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
    if (!QFile::rename(temp, path) && !QFileInfo::exists(path)) {
        *error = QStringLiteral("cannot rename %1").arg(temp);
        QFile::remove(temp);
        return {};
    }
    QFile::remove(temp);
    return relative;
}

bool ImageStore::remove(const QString &relative)
{
    return QFile::remove(absolutePath(relative));
}

} // namespace fd::store
