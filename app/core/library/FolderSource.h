// Every file of a folder (optionally of its sub-folders too) as one person each, the
// person read from the file name by a pattern. Files whose names do not fit are rows
// with a problem, reported rather than skipped; only hidden files and the litter of
// file managers (Thumbs.db, desktop.ini) are left out.
#pragma once

#include "FileNamePattern.h"
#include "ImportSource.h"

namespace fd::library {

struct FolderOptions {
    FileNamePattern pattern;
    bool recursive = false;
};

class FolderSource : public ImportSource {
public:
    using Options = FolderOptions;
    explicit FolderSource(QString folder, Options options = {});

    QList<ImportItem> items() const override { return m_items; }
    QByteArray readPhoto(const ImportItem &item, QString *error, int *errorCode) const override;

protected:
    bool openSource(QString *error) override;

private:
    QString m_folder;
    Options m_options;
    QList<ImportItem> m_items;
};

// Whether a file name is litter that no one means to import (".DS_Store", "Thumbs.db").
bool isIgnoredFileName(const QString &fileName);

} // namespace fd::library
