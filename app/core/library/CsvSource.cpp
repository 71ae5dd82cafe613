#include "CsvSource.h"

#include "PhotoFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace fd::library {

CsvSource::CsvSource(QString csvPath, CsvOptions options) : m_path(std::move(csvPath)), m_options(std::move(options))
{
}

bool CsvSource::openSource(QString *error)
{
    m_items.clear();
    QString readError;
    int code = 0;
    const QString label = QFileInfo(m_path).fileName();
    const QByteArray bytes = readPhotoFile(m_path, label, kMaxCsvBytes, &readError, &code);
    if (!readError.isEmpty()) {
        *error = readError;
        return false;
    }
    const QString text = decodeCsvText(bytes, &m_encoding);
    const QDir base = QFileInfo(m_path).absoluteDir();
    const PhotoResolver resolve = [&base](const QString &reference, QString *) {
        // Spreadsheets made on Windows write "photos\a.jpg".
        QString path = reference;
        path.replace(u'\\', u'/');
        return QDir::cleanPath(base.absoluteFilePath(path));
    };
    const CsvItems parsed = csvItems(parseCsv(text, sniffCsvDelimiter(text)), m_options, label, resolve);
    m_items = parsed.items;
    m_hadHeader = parsed.hadHeader;
    m_columns = parsed.columns;
    return true;
}

QByteArray CsvSource::readPhoto(const ImportItem &item, QString *error, int *errorCode) const
{
    return readPhotoFile(item.photo, QDir::toNativeSeparators(item.photo), maxPhotoBytes(), error, errorCode);
}

} // namespace fd::library
