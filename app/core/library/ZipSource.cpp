#include "ZipSource.h"

#include "CsvReader.h"
#include "CsvSource.h"
#include "FolderSource.h"
#include "LibraryText.h"
#include "PhotoFile.h"
#include "protocol/ErrorCodes.h"

#include <QFileInfo>

#include <quazip.h>
#include <unzip.h>

namespace fd::library {

namespace {

constexpr unsigned kUtf8NameFlag = 1u << 11;  // general purpose bit 11: the name is UTF-8

// Forward slashes, no "." parts; ".." and absolute paths are left for the hostility check.
QString normalised(QString name)
{
    name.replace(u'\\', u'/');
    QStringList parts;
    for (const QString &part : name.split(u'/'))
        if (part != u".")
            parts << part;
    return parts.join(u'/');
}

// Litter of archivers and file managers: macOS resource forks, hidden files.
bool isIgnoredEntry(const QString &key)
{
    for (const QString &part : key.split(u'/', Qt::SkipEmptyParts))
        if (part == u"__MACOSX" || isIgnoredFileName(part))
            return true;
    return false;
}

} // namespace

ZipSource::ZipSource(QString zipPath, Options options) : m_path(std::move(zipPath)), m_options(std::move(options))
{
}

ZipSource::~ZipSource() = default;

QString ZipSource::hostileNameReason(const QString &name)
{
    const QString n = QString(name).replace(u'\\', u'/');
    const auto why = [&name](const char *detail) {
        return LibraryText::tr("The archive entry “%1” is refused: %2")
            .arg(name, LibraryText::tr(detail));
    };
    if (n.isEmpty())
        return why(QT_TRANSLATE_NOOP("Library", "it has no name."));
    if (n.startsWith(u'/') || (n.size() >= 2 && n[1] == u':'))
        return why(QT_TRANSLATE_NOOP("Library", "it is an absolute path."));
    for (const QString &part : n.split(u'/'))
        if (part == u"..")
            return why(QT_TRANSLATE_NOOP("Library", "it points outside the archive (“..”)."));
    for (QChar c : n)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return why(QT_TRANSLATE_NOOP("Library", "its name holds control characters."));
    return {};
}

QString ZipSource::entryProblem(const Entry &entry, int *code) const
{
    *code = 0;
    if (const QString hostile = hostileNameReason(entry.name); !hostile.isEmpty())
        return hostile;
    if (entry.encrypted) {
        *code = protocol::code::FileOpenFailed;
        return LibraryText::tr("The archive entry “%1” is encrypted.").arg(entry.name);
    }
    if (entry.size > quint64(maxPhotoBytes())) {
        *code = protocol::code::FileTooBig;
        return LibraryText::tr("The archive entry “%1” unpacks to %2; photos larger than %3 are not read.")
            .arg(entry.name, mebibytes(qint64(qMin<quint64>(entry.size, quint64(1) << 62))), mebibytes(maxPhotoBytes()));
    }
    return {};
}

bool ZipSource::openSource(QString *error)
{
    m_items.clear();
    m_entries.clear();
    m_byName.clear();
    m_csvEntry.clear();
    const QString label = QFileInfo(m_path).fileName();
    if (!QFileInfo(m_path).isFile()) {
        *error = LibraryText::tr("%1 does not exist.").arg(m_path);
        return false;
    }
    m_zip = std::make_unique<QuaZip>(m_path);
    if (!m_zip->open(QuaZip::mdUnzip)) {
        *error = LibraryText::tr("%1 is not a ZIP archive that can be read (error %2).")
                     .arg(label)
                     .arg(m_zip->getZipError());
        m_zip.reset();
        return false;
    }
    // The directory through minizip itself: the raw name bytes (QuaZip would decode
    // them with one fixed codec) and each entry's position for reading it later
    // without a search by name.
    unzFile unz = m_zip->getUnzFile();
    QList<qsizetype> csvEntries;
    for (int rc = unzGoToFirstFile(unz); rc == UNZ_OK; rc = unzGoToNextFile(unz)) {
        unz_file_info64 info{};
        QByteArray rawName(65536, Qt::Uninitialized);
        if (unzGetCurrentFileInfo64(unz, &info, rawName.data(), uLong(rawName.size()), nullptr, 0, nullptr, 0) != UNZ_OK)
            break;
        rawName.truncate(qsizetype(info.size_filename));
        unz64_file_pos pos{};
        unzGetFilePos64(unz, &pos);
        Entry entry;
        entry.name = (info.flag & kUtf8NameFlag) ? QString::fromUtf8(rawName) : decodeUtf8OrGb18030(rawName);
        entry.key = normalised(entry.name);
        entry.directoryPos = pos.pos_in_zip_directory;
        entry.fileNumber = pos.num_of_file;
        entry.size = info.uncompressed_size;
        entry.encrypted = (info.flag & 1u) != 0;
        // A hostile name is reported even where it would look like litter ("../x").
        const bool hostile = !hostileNameReason(entry.name).isEmpty();
        if (entry.key.endsWith(u'/') || (!hostile && isIgnoredEntry(entry.key)))
            continue;
        if (!hostile && entry.key.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive))
            csvEntries << m_entries.size();
        m_byName.insert(entry.key, m_entries.size());
        m_entries << entry;
    }
    if (m_zip->getZipError() != UNZ_OK) {
        *error = LibraryText::tr("%1 is a damaged ZIP archive (error %2).").arg(label).arg(m_zip->getZipError());
        return false;
    }
    if (csvEntries.size() > 1) {
        QStringList names;
        for (qsizetype i : csvEntries)
            names << m_entries[i].name;
        *error = LibraryText::tr("%1 holds %2 CSV files (%3); it may hold at most one.")
                     .arg(label)
                     .arg(names.size())
                     .arg(names.join(QStringLiteral(", ")));
        return false;
    }

    if (csvEntries.size() == 1) {
        const Entry &csv = m_entries[csvEntries.first()];
        m_csvEntry = csv.name;
        QByteArray bytes;
        int code = 0;
        if (!readEntry(csv, CsvSource::kMaxCsvBytes, &bytes, error, &code))
            return false;
        QString encoding;
        const QString text = decodeCsvText(bytes, &encoding);
        const QString csvDir = csv.key.contains(u'/') ? csv.key.left(csv.key.lastIndexOf(u'/') + 1) : QString();
        const PhotoResolver resolve = [this, &csvDir](const QString &reference, QString *problem) -> QString {
            QString ref = QString(reference).replace(u'\\', u'/');
            if (ref.startsWith(u'/') || (ref.size() >= 2 && ref[1] == u':')) {
                *problem = LibraryText::tr("The photo “%1” is an absolute path; photos in a ZIP are "
                                                                  "named relative to the CSV file.")
                               .arg(reference);
                return {};
            }
            // Resolve "..": a reference may go up inside the archive, never out of it.
            QStringList parts;
            for (const QString &part : (csvDir + ref).split(u'/')) {
                if (part.isEmpty() || part == u".")
                    continue;
                if (part == u"..") {
                    if (parts.isEmpty()) {
                        *problem = LibraryText::tr("The photo “%1” points outside the archive.").arg(reference);
                        return {};
                    }
                    parts.removeLast();
                    continue;
                }
                parts << part;
            }
            const QString key = parts.join(u'/');
            const auto at = m_byName.constFind(key);
            if (at == m_byName.constEnd()) {
                *problem = LibraryText::tr("The archive holds no photo “%1”.").arg(key);
                return {};
            }
            int code = 0;
            if (const QString why = entryProblem(m_entries[*at], &code); !why.isEmpty()) {
                *problem = why;
                return {};
            }
            return key;
        };
        const CsvItems parsed = csvItems(parseCsv(text, sniffCsvDelimiter(text)), m_options.csv,
                                         QFileInfo(csv.name).fileName(), resolve);
        m_items = parsed.items;
        return true;
    }

    if (!m_options.naming.isValid()) {
        *error = m_options.naming.error();
        return false;
    }
    int row = 0;
    for (const Entry &entry : std::as_const(m_entries)) {
        ImportItem item;
        item.row = ++row;
        item.sourceLabel = entry.name;
        item.photo = entry.key;
        int code = 0;
        item.problem = entryProblem(entry, &code);
        item.problemCode = code;
        m_items << item;
    }
    m_reading = nameItems(m_items, m_options.naming);
    return true;
}

bool ZipSource::readEntry(const Entry &entry, qint64 limit, QByteArray *bytes, QString *error, int *errorCode) const
{
    const auto fail = [&](int code, const QString &why) {
        *errorCode = code;
        *error = why;
        bytes->clear();
        return false;
    };
    if (entry.size > quint64(limit))
        return fail(protocol::code::FileTooBig,
                    LibraryText::tr("The archive entry “%1” unpacks to %2; at most %3 is read.")
                        .arg(entry.name, mebibytes(qint64(qMin<quint64>(entry.size, quint64(1) << 62))), mebibytes(limit)));
    const QMutexLocker lock(&m_mutex);
    unzFile unz = m_zip->getUnzFile();
    unz64_file_pos pos{entry.directoryPos, entry.fileNumber};
    if (unzGoToFilePos64(unz, &pos) != UNZ_OK || unzOpenCurrentFile(unz) != UNZ_OK)
        return fail(protocol::code::FileOpenFailed,
                    LibraryText::tr("The archive entry “%1” cannot be opened.").arg(entry.name));
    // The directory's size may lie: read in pieces and stop one byte past the limit.
    bytes->resize(qsizetype(qMin<quint64>(entry.size, quint64(limit))));
    qsizetype have = 0;
    bool tooBig = false;
    for (;;) {
        if (have == bytes->size()) {
            if (have > limit) {
                tooBig = true;
                break;
            }
            bytes->resize(qMin<qsizetype>(qMax<qsizetype>(have * 2, 64 * 1024), qsizetype(limit) + 1));
        }
        const int n = unzReadCurrentFile(unz, bytes->data() + have, unsigned(qMin<qsizetype>(bytes->size() - have, 1 << 20)));
        if (n < 0) {
            unzCloseCurrentFile(unz);
            return fail(protocol::code::ReadPictureFailed,
                        LibraryText::tr("The archive entry “%1” is damaged and cannot be unpacked.").arg(entry.name));
        }
        if (n == 0)
            break;
        have += n;
    }
    // Closing checks the CRC of everything read, when all of it was.
    const int closed = unzCloseCurrentFile(unz);
    if (tooBig)
        return fail(protocol::code::FileTooBig,
                    LibraryText::tr("The archive entry “%1” unpacks to more than %2; reading stopped there.")
                        .arg(entry.name, mebibytes(limit)));
    if (closed != UNZ_OK)
        return fail(protocol::code::ReadPictureFailed,
                    LibraryText::tr("The archive entry “%1” is damaged (its checksum does not match).").arg(entry.name));
    bytes->truncate(have);
    return true;
}

QByteArray ZipSource::readPhoto(const ImportItem &item, QString *error, int *errorCode) const
{
    const auto at = m_byName.constFind(item.photo);
    if (!m_zip || at == m_byName.constEnd()) {
        *errorCode = protocol::code::FileOpenFailed;
        *error = LibraryText::tr("The archive holds no photo “%1”.").arg(item.photo);
        return {};
    }
    QByteArray bytes;
    if (!readEntry(m_entries[*at], maxPhotoBytes(), &bytes, error, errorCode))
        return {};
    return bytes;
}

} // namespace fd::library
