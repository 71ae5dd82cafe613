#include "ImageFileCheck.h"

#include "ImageStore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>

namespace fd::store {

ImageFileCheckResult checkImageFiles(const QString &root, const std::atomic_bool *stop)
{
    ImageFileCheckResult result;
    const QDir base(root);
    QDirIterator it(root, {QStringLiteral("*.jpg")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext() && !(stop && stop->load())) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = f.readAll();
        f.close();
        ++result.checked;
        if (ImageStore::matchesName(path, bytes))
            continue;
        const QString damaged = path + QStringLiteral(".damaged");
        QFile::remove(damaged);
        QFile::rename(path, damaged);
        result.damaged.append(base.relativeFilePath(path));
    }
    return result;
}

} // namespace fd::store
