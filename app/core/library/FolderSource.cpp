#include "FolderSource.h"

#include "LibraryText.h"
#include "PhotoFile.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>

namespace fd::library {

bool isIgnoredFileName(const QString &fileName)
{
    return fileName.startsWith(u'.') || fileName.compare(u"Thumbs.db", Qt::CaseInsensitive) == 0
        || fileName.compare(u"desktop.ini", Qt::CaseInsensitive) == 0;
}

FolderSource::FolderSource(QString folder, Options options) : m_folder(std::move(folder)), m_options(std::move(options))
{
}

bool FolderSource::openSource(QString *error)
{
    m_items.clear();
    const QDir dir(m_folder);
    if (!QFileInfo(m_folder).isDir() || !dir.isReadable()) {
        *error = LibraryText::tr("%1 is not a readable folder.").arg(QDir::toNativeSeparators(m_folder));
        return false;
    }
    if (!m_options.naming.isValid()) {
        *error = m_options.naming.error();
        return false;
    }
    QStringList relative;
    QDirIterator it(m_folder, QDir::Files | QDir::Readable | QDir::Hidden | QDir::System,
                    m_options.recursive ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags);
    while (it.hasNext()) {
        it.next();
        const QString rel = dir.relativeFilePath(it.filePath());
        // Hidden folders (.git, .thumbnails) are left out like hidden files.
        bool hidden = false;
        for (const QString &part : rel.split(u'/'))
            hidden = hidden || isIgnoredFileName(part);
        if (!hidden)
            relative << rel;
    }
    // A stable order the admin can follow in the report: by path.
    std::sort(relative.begin(), relative.end());
    int row = 0;
    for (const QString &rel : std::as_const(relative)) {
        ImportItem item;
        item.row = ++row;
        item.sourceLabel = rel;
        item.photo = dir.absoluteFilePath(rel);
        m_items << item;
    }
    m_reading = nameItems(m_items, m_options.naming);
    return true;
}

QByteArray FolderSource::readPhoto(const ImportItem &item, QString *error, int *errorCode) const
{
    return readPhotoFile(item.photo, item.sourceLabel, maxPhotoBytes(), error, errorCode);
}

} // namespace fd::library
