// Which CSV column holds what, and CSV records turned into import rows. Shared by the
// CSV file source and a CSV inside a ZIP; only how a photo reference is resolved
// differs between the two.
#pragma once

#include "CsvReader.h"
#include "ImportSource.h"

#include <functional>
#include <optional>

namespace fd::library {

// Column indexes (0-based), -1 for a column the file does not have.
struct CsvColumns {
    int name = -1;
    int gender = -1;
    int card = -1;
    int list = -1;
    int photo = -1;
    int notes = -1;

    // Without a header and without a mapping: name, gender, card number, list, photo.
    static CsvColumns defaultOrder() { return {0, 1, 2, 3, 4, -1}; }
    bool operator==(const CsvColumns &) const = default;
};

enum class CsvHeader { Auto, Present, Absent };

struct CsvOptions {
    CsvHeader header = CsvHeader::Auto;
    // The admin's mapping; without one, the header's names or the default order.
    std::optional<CsvColumns> columns;
};

// The columns a header row names (English or Chinese, any case: "Name", "姓名",
// "Card No", "卡号", ...), or nullopt when the row is not a header: at least half of
// its non-empty cells, and at least one, must name a known column.
std::optional<CsvColumns> headerColumns(const QStringList &fields);

// Turns a photo reference from the file into what readPhoto takes (an absolute path,
// a ZIP entry name); an empty result with *problem set refuses the row.
using PhotoResolver = std::function<QString(const QString &reference, QString *problem)>;

struct CsvItems {
    QList<ImportItem> items;
    bool hadHeader = false;
    CsvColumns columns;
};

// label names the file in each row's source label ("people.csv:12").
CsvItems csvItems(const QList<CsvRecord> &records, const CsvOptions &options, const QString &label,
                  const PhotoResolver &resolve);

} // namespace fd::library
