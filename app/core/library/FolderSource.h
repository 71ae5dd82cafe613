// Every file of a folder (optionally of its sub-folders too) as a row, the person read
// from the file name (by its shape, or by a forced pattern: FileNaming); rows of one
// person become one person with several photos. Only hidden files and the litter of
// file managers (Thumbs.db, desktop.ini) are left out.
#pragma once

#include "FileNaming.h"
#include "ImportSource.h"

namespace fd::library {

struct FolderOptions {
    FileNaming naming;
    bool recursive = false;
};

class FolderSource : public ImportSource {
public:
    using Options = FolderOptions;
    explicit FolderSource(QString folder, Options options = {});

    QList<ImportItem> items() const override { return m_items; }
    std::optional<FileNameReading> reading() const override { return m_reading; }
    QByteArray readPhoto(const ImportItem &item, QString *error, int *errorCode) const override;

protected:
    bool openSource(QString *error) override;

private:
    QString m_folder;
    Options m_options;
    QList<ImportItem> m_items;
    std::optional<FileNameReading> m_reading;
};

// Whether a file name is litter that no one means to import (".DS_Store", "Thumbs.db").
bool isIgnoredFileName(const QString &fileName);

} // namespace fd::library
