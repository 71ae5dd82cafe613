// CSV text as spreadsheets write it: RFC 4180 quoting (commas, quotes and line breaks
// inside quoted fields), in UTF-8 with or without a byte-order mark, or in GBK as a
// Chinese Windows Excel saves "CSV" (read as GB18030, its superset, through ICU).
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace fd::library {

// Valid UTF-8 is UTF-8 (a GBK file of Chinese text is almost never valid UTF-8);
// anything else is GB18030. A UTF-16 byte-order mark is honoured as well.
// *encoding gets the name of what was used ("UTF-8", "GB18030", ...).
QString decodeCsvText(const QByteArray &bytes, QString *encoding);
// The same rule for text without a byte-order mark: UTF-8 when valid, else GB18030
// (ZIP entry names written by Chinese Windows carry no encoding flag).
QString decodeUtf8OrGb18030(const QByteArray &bytes, QString *encoding = nullptr);

struct CsvRecord {
    int line = 0;        // 1-based line where the record starts
    QStringList fields;
};

// The delimiter the first record uses: ',' unless ';' or a tab is more frequent there
// (European Excel writes ';').
QChar sniffCsvDelimiter(const QString &text);

// Records in order; blank lines are skipped. An unterminated quote runs to the end
// of the text (what a spreadsheet does too).
QList<CsvRecord> parseCsv(const QString &text, QChar delimiter = u',');

} // namespace fd::library
