// A ZIP archive of photos, read straight into memory (nothing is extracted to disk).
// With one CSV file inside, its rows name the persons and reference photos by path
// relative to the CSV; without one, every photo is a person named by the file-name
// pattern. Entries with hostile names ("../x.jpg", "/etc/x", "C:\x") or larger than
// the photo limit become rejected rows with the reason; an entry is never inflated
// past the limit, whatever its header claims.
#pragma once

#include "CsvColumns.h"
#include "FileNaming.h"
#include "ImportSource.h"

#include <QHash>
#include <QMutex>

#include <memory>

class QuaZip;

namespace fd::library {

struct ZipOptions {
    FileNaming naming;        // for a ZIP without a CSV
    CsvOptions csv;           // for a ZIP with one
};

class ZipSource : public ImportSource {
public:
    using Options = ZipOptions;

    explicit ZipSource(QString zipPath, Options options = {});
    ~ZipSource() override;

    QList<ImportItem> items() const override { return m_items; }
    std::optional<FileNameReading> reading() const override { return m_reading; }
    QByteArray readPhoto(const ImportItem &item, QString *error, int *errorCode) const override;

    // The CSV entry the rows came from, empty when the file-name pattern named them.
    QString csvEntry() const { return m_csvEntry; }

    // Why an entry name is refused (translated), empty when it is a safe relative path.
    static QString hostileNameReason(const QString &name);

protected:
    bool openSource(QString *error) override;

private:
    struct Entry {
        QString name;          // as stored, decoded (UTF-8, or GB18030 without the UTF-8 flag)
        QString key;           // normalised: forward slashes, no "./" parts
        quint64 directoryPos = 0;
        quint64 fileNumber = 0;
        quint64 size = 0;      // uncompressed, as the directory claims
        bool encrypted = false;
    };
    bool readEntry(const Entry &entry, qint64 limit, QByteArray *bytes, QString *error, int *errorCode) const;
    QString entryProblem(const Entry &entry, int *code) const;

    QString m_path;
    Options m_options;
    QList<ImportItem> m_items;
    std::optional<FileNameReading> m_reading;
    QString m_csvEntry;
    QList<Entry> m_entries;
    QHash<QString, qsizetype> m_byName;  // normalised entry name -> index in m_entries
    // minizip keeps one read position per archive: readers take turns.
    mutable QMutex m_mutex;
    std::unique_ptr<QuaZip> m_zip;
};

} // namespace fd::library
