#include "ImportReport.h"

#include "LibraryText.h"
#include "store/ArchiveReader.h"

#include <QIODevice>

namespace fd::library {

ImportTotals ImportReport::totals() const
{
    ImportTotals t;
    t.rows = int(entries.size());
    for (const ImportEntry &e : entries) {
        switch (e.outcome) {
        case ImportOutcome::ImportedWithFixes:
            ++t.importedWithFixes;
            [[fallthrough]];
        case ImportOutcome::Imported:
            ++t.imported;
            if (!e.flags.isEmpty())
                ++t.flagged;
            break;
        case ImportOutcome::Rejected: ++t.rejected; break;
        case ImportOutcome::Duplicate: ++t.duplicates; break;
        case ImportOutcome::NotAdded: ++t.notAdded; break;
        }
    }
    return t;
}

bool ImportReport::everythingImported() const
{
    const ImportTotals t = totals();
    return status == Status::Completed && t.imported == t.rows && t.rows == sourceRows;
}

QString ImportReport::summary() const
{
    const ImportTotals t = totals();
    QString line = LibraryText::tr("%1 rows: %2 imported (%3 with fixes, %4 flagged), %5 rejected, "
                                                          "%6 duplicates")
                       .arg(sourceRows)
                       .arg(t.imported)
                       .arg(t.importedWithFixes)
                       .arg(t.flagged)
                       .arg(t.rejected)
                       .arg(t.duplicates);
    switch (status) {
    case Status::Cancelled:
        line = LibraryText::tr("Cancelled after %1 of %2 rows; nothing was added.")
                   .arg(entries.size())
                   .arg(sourceRows);
        break;
    case Status::Failed:
        line = LibraryText::tr("Failed: %1; nothing was added.").arg(error);
        break;
    case Status::NotRun:
    case Status::Completed:
        break;
    }
    return line;
}

QString ImportReport::outcomeKey(ImportOutcome outcome)
{
    switch (outcome) {
    case ImportOutcome::Imported: return QStringLiteral("imported");
    case ImportOutcome::ImportedWithFixes: return QStringLiteral("imported_with_fixes");
    case ImportOutcome::Rejected: return QStringLiteral("rejected");
    case ImportOutcome::Duplicate: return QStringLiteral("duplicate");
    case ImportOutcome::NotAdded: return QStringLiteral("not_added");
    }
    return {};
}

QStringList ImportReport::csvColumns()
{
    return {QStringLiteral("row"),        QStringLiteral("source"),  QStringLiteral("outcome"),
            QStringLiteral("name"),       QStringLiteral("card_no"), QStringLiteral("list"),
            QStringLiteral("index_id"),   QStringLiteral("error_code"), QStringLiteral("reason"),
            QStringLiteral("fixes"),      QStringLiteral("flags"),   QStringLiteral("duplicate_of")};
}

bool ImportReport::writeCsv(QIODevice *out, QString *error) const
{
    QString text;
    text += csvColumns().join(u',') + u'\n';
    for (const ImportEntry &e : entries) {
        const QStringList fields{QString::number(e.row),
                                 e.sourceLabel,
                                 outcomeKey(e.outcome),
                                 e.name,
                                 e.cardNo,
                                 e.listName.isEmpty() && e.listId > 0 ? QString::number(e.listId) : e.listName,
                                 e.indexId >= 0 ? QString::number(e.indexId) : QString(),
                                 e.errorCode ? QString::number(e.errorCode) : QString(),
                                 e.reason,
                                 e.fixes.join(u' '),
                                 e.flags.join(u' '),
                                 e.duplicateOf};
        text += store::csvLine(fields) + u'\n';
    }
    const QByteArray bytes = QByteArray("\xEF\xBB\xBF") + text.toUtf8();
    if (out->write(bytes) != bytes.size()) {
        if (error)
            *error = out->errorString();
        return false;
    }
    return true;
}

} // namespace fd::library
