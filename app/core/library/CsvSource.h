// A CSV file naming persons and their photos: name, gender, card number, list and
// photo path per row (relative paths resolve against the CSV's folder). The header
// row, in English or Chinese, says which column is which; without one the columns
// are in that order, or as the admin mapped them.
#pragma once

#include "CsvColumns.h"
#include "ImportSource.h"

namespace fd::library {

class CsvSource : public ImportSource {
public:
    explicit CsvSource(QString csvPath, CsvOptions options = {});

    QList<ImportItem> items() const override { return m_items; }
    QByteArray readPhoto(const ImportItem &item, QString *error, int *errorCode) const override;

    // What open() found, for the wizard's preview.
    QString encoding() const { return m_encoding; }
    bool hadHeader() const { return m_hadHeader; }
    CsvColumns columns() const { return m_columns; }

    // A CSV larger than this is not a list of persons.
    static constexpr qint64 kMaxCsvBytes = 64LL * 1024 * 1024;

protected:
    bool openSource(QString *error) override;

private:
    QString m_path;
    CsvOptions m_options;
    QList<ImportItem> m_items;
    QString m_encoding;
    bool m_hadHeader = false;
    CsvColumns m_columns;
};

} // namespace fd::library
