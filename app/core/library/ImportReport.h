// What an import did with every row: imported (as is or with fixes), rejected with
// the reason and the device's error code, a duplicate of whom, or not added because
// the run was cancelled or failed. The wizard shows it; the headless command writes
// it as CSV (columns in the README).
#pragma once

#include <QByteArray>
#include <QList>
#include <QRect>
#include <QSize>
#include <QString>
#include <QStringList>

class QIODevice;

namespace fd::library {

enum class ImportOutcome {
    Imported,           // added as it was
    ImportedWithFixes,  // added after conversions (see fixes)
    Rejected,           // not added: the photo or the row is unusable (see reason, errorCode)
    Duplicate,          // not added: the card number or the photo is already there (see duplicateOf)
    NotAdded,           // would have been added, but the run was cancelled or failed
};

struct ImportEntry {
    int row = 0;
    QString sourceLabel;      // file name, ZIP entry, or "people.csv:12"
    ImportOutcome outcome = ImportOutcome::Rejected;
    QString name;
    QString cardNo;
    int gender = -1;
    int listId = 0;           // the list the person went to (0 while a new custom list is unnamed by id)
    QString listName;
    int errorCode = 0;        // the protocol's code (100016, 100008, ...) when one applies
    QString reason;           // why rejected, duplicate or not added (translated)
    QStringList fixes;        // what was changed to make the photo acceptable
    QStringList flags;        // accepted, but worth a look (blurred face, possible duplicate)
    qint64 indexId = -1;      // the new person, once committed
    qint64 duplicateOfIndexId = -1;  // the library person this row duplicates
    int duplicateOfRow = 0;          // or the earlier row of this import
    QString duplicateOf;             // the same in words: "Obama (#12)", "row 3 (obama_1.jpg)"
    QSize photoSize;          // of the photo as it will be stored (or as read, when rejected)
    QRect face;               // in photoSize's coordinates, when one face was found
    QByteArray thumbnail;     // a small JPEG of the face (or the whole photo) for the list view
};

struct ImportTotals {
    int rows = 0;
    int imported = 0;            // Imported + ImportedWithFixes
    int importedWithFixes = 0;
    int rejected = 0;
    int duplicates = 0;
    int notAdded = 0;
    int flagged = 0;             // imported with at least one flag
};

struct ImportReport {
    enum class Status { NotRun, Completed, Cancelled, Failed };

    Status status = Status::NotRun;
    QString error;               // why the run failed (translated)
    int sourceRows = 0;          // rows the source listed (entries may be fewer when cancelled)
    double seconds = 0.0;
    QList<ImportEntry> entries;  // in row order

    ImportTotals totals() const;
    // Completed, and every row was imported (with or without fixes).
    bool everythingImported() const;
    // One line for the status bar or the terminal (translated).
    QString summary() const;

    // The CSV report: a header row, then one row per entry; UTF-8 with a byte-order
    // mark (spreadsheets need it to show Chinese names); formula-like cells defused.
    bool writeCsv(QIODevice *out, QString *error = nullptr) const;
    static QStringList csvColumns();
    // The outcome as the CSV writes it: imported, imported_with_fixes, rejected,
    // duplicate, not_added.
    static QString outcomeKey(ImportOutcome outcome);
};

} // namespace fd::library
