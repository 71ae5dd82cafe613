// Where an import's rows come from: a folder of photos, a CSV file naming photos, or
// a ZIP archive of either. A source lists its rows once (open) and then hands out
// each row's photo bytes, from any thread, for validation.
#pragma once

#include "FileNameReading.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace fd::library {

// One row of an import: a person and the photo to take them from.
struct ImportItem {
    int row = 0;               // 1-based, in source order
    QString sourceLabel;       // what the admin recognises: the file name, or "people.csv:12"
    QString name;
    int gender = -1;           // the library's coding: 1 male, 0 female, -1 unknown
    QString cardNo;
    int listId = 0;            // a built-in list (1..4) the row names; 0 when it names none
    QString listName;          // a custom list the row names by name (created at commit)
    QString notes;
    QString photo;             // an absolute file path, or the entry name inside a ZIP
    // Rows with the same key are one person with several photos ("obama_1.jpg",
    // "obama_2.jpg"); empty: a person of its own.
    QString personKey;
    // Worth an admin's look, though not a reason to refuse (a person named after a
    // camera's file name).
    QStringList flags;
    // Set when the row is unusable before its photo is even read (a file name the
    // pattern does not match, a CSV row without a name, a hostile ZIP entry): the
    // row is reported as rejected with this reason and code.
    QString problem;
    int problemCode = 0;
};

class ImportSource {
public:
    virtual ~ImportSource() = default;

    // Reads the listing (a folder's files, a CSV's rows, a ZIP's directory). False
    // with *error when the source itself cannot be used (missing, unreadable,
    // not a ZIP); problems of single rows are the rows' own. The wizard opens a
    // source to preview it; a run opens it only if no one did.
    bool open(QString *error) { return m_open = openSource(error); }
    bool isOpen() const { return m_open; }
    // The rows, in order; valid after a successful open().
    virtual QList<ImportItem> items() const = 0;
    // How the file names were read, when they were read by their shape (a folder or a
    // ZIP without CSV and without a forced pattern); valid after open().
    virtual std::optional<FileNameReading> reading() const { return std::nullopt; }
    // The bytes of one row's photo. Safe to call from several threads at once.
    // Empty with *error and *errorCode (a protocol code) when it cannot be read or is
    // larger than maxPhotoBytes.
    virtual QByteArray readPhoto(const ImportItem &item, QString *error, int *errorCode) const = 0;

    // No photo is read past this many bytes: a 4 GB file, or a ZIP entry that
    // inflates to one, is refused instead of filling memory.
    void setMaxPhotoBytes(qint64 bytes) { m_maxPhotoBytes = bytes; }
    qint64 maxPhotoBytes() const { return m_maxPhotoBytes; }

protected:
    virtual bool openSource(QString *error) = 0;

private:
    qint64 m_maxPhotoBytes = 50LL * 1024 * 1024;
    bool m_open = false;
};

} // namespace fd::library
