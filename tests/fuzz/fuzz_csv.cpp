// The CSV reader and column mapping (library/CsvReader, CsvColumns): bytes as an
// import's CSV file (UTF-8, UTF-16 or GBK), records, header detection, rows. The
// first byte picks the header option and whether an admin's mapping is given.
#include "FuzzTarget.h"

#include "library/CsvColumns.h"
#include "library/CsvReader.h"

using namespace fd::library;

FACEDESK_FUZZ_TARGET(csv)
{
    if (data.isEmpty())
        return;
    const quint8 control = quint8(data[0]);
    const QByteArray bytes = data.sliced(1).toByteArray();

    QString encoding;
    const QString text = decodeCsvText(bytes, &encoding);
    fuzzCheck(!encoding.isEmpty());
    (void)decodeUtf8OrGb18030(bytes);
    const QChar delimiter = sniffCsvDelimiter(text);
    const QList<CsvRecord> records = parseCsv(text, delimiter);
    int line = 0;
    for (const CsvRecord &r : records) {
        fuzzCheck(r.line > line);
        line = r.line;
        fuzzCheck(!r.fields.isEmpty());
    }
    if (!records.isEmpty())
        (void)headerColumns(records.first().fields);

    CsvOptions options;
    options.header = CsvHeader(control % 3);
    if (control & 4)
        options.columns = CsvColumns{(control >> 3) % 4, 1, 2, -1, (control >> 5) % 7, 5};
    int resolved = 0;
    const PhotoResolver resolve = [&resolved](const QString &reference, QString *problem) -> QString {
        if (reference.contains(u'?')) {
            *problem = QStringLiteral("refused");
            return {};
        }
        ++resolved;
        return reference;
    };
    const CsvItems items = csvItems(records, options, QStringLiteral("fuzz.csv"), resolve);
    fuzzCheck(items.items.size() <= records.size());
    int row = 0;
    for (const ImportItem &item : items.items) {
        fuzzCheck(item.row > row);
        row = item.row;
    }
}
