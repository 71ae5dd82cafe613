#include "CsvReader.h"

#include <QStringDecoder>

namespace fd::library {

QString decodeCsvText(const QByteArray &bytes, QString *encoding)
{
    if (bytes.startsWith("\xEF\xBB\xBF")) {
        *encoding = QStringLiteral("UTF-8");
        return QString::fromUtf8(bytes.mid(3));
    }
    // UTF-16/32 only with a byte-order mark: without one, UTF-8 and GBK are what
    // spreadsheets write.
    if (const std::optional<QStringConverter::Encoding> bom = QStringConverter::encodingForData(bytes);
        bom && *bom != QStringConverter::Utf8 && *bom != QStringConverter::System) {
        QStringDecoder decoder(*bom, QStringConverter::Flag::Stateless);
        *encoding = QString::fromLatin1(QStringConverter::nameForEncoding(*bom));
        return decoder.decode(bytes);
    }
    return decodeUtf8OrGb18030(bytes, encoding);
}

QString decodeUtf8OrGb18030(const QByteArray &bytes, QString *encoding)
{
    QString used;
    if (!encoding)
        encoding = &used;
    QStringDecoder utf8(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    const QString text = utf8.decode(bytes);
    if (!utf8.hasError()) {
        *encoding = QStringLiteral("UTF-8");
        return text;
    }
    QStringDecoder gb("GB18030", QStringConverter::Flag::Stateless);
    if (gb.isValid()) {
        *encoding = QStringLiteral("GB18030");
        return gb.decode(bytes);
    }
    // Qt without ICU knows no GB18030: keep what UTF-8 could make of it.
    *encoding = QStringLiteral("UTF-8");
    return text;
}

QChar sniffCsvDelimiter(const QString &text)
{
    int commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (QChar c : text) {
        if (c == u'"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (c == u'\n')
            break;
        else if (c == u',')
            ++commas;
        else if (c == u';')
            ++semicolons;
        else if (c == u'\t')
            ++tabs;
    }
    if (tabs > commas && tabs >= semicolons)
        return u'\t';
    if (semicolons > commas)
        return u';';
    return u',';
}

QList<CsvRecord> parseCsv(const QString &text, QChar delimiter)
{
    QList<CsvRecord> records;
    CsvRecord record;
    QString field;
    bool quoted = false;       // inside a quoted field
    bool fieldStarted = false; // the record has a field (even an empty one) so far
    int line = 1;
    record.line = 1;
    const auto endField = [&] {
        record.fields << field;
        field.clear();
        fieldStarted = true;
    };
    const auto endRecord = [&] {
        // A line with nothing on it is no record; a line with one empty quoted field is.
        if (fieldStarted || !field.isEmpty()) {
            endField();
            records << record;
        }
        record = CsvRecord();
        field.clear();
        fieldStarted = false;
    };
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < n && text[i + 1] == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == u'"' && field.isEmpty()) {
            // A quote opens a quoted field only at the field's start; elsewhere it is text.
            quoted = true;
            fieldStarted = true;
        } else if (c == delimiter) {
            endField();
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < n && text[i + 1] == u'\n')
                ++i;
            endRecord();
            record.line = ++line;
        } else {
            field += c;
        }
    }
    endRecord();
    return records;
}

} // namespace fd::library
