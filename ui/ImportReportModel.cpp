#include "ImportReportModel.h"

#include "BoundedImage.h"

#include <QColor>
#include <QImage>

namespace fd::ui {

using library::ImportOutcome;

void ImportReportModel::setReport(const library::ImportReport &report)
{
    beginResetModel();
    m_report = report;
    m_thumbnails.clear();
    endResetModel();
}

int ImportReportModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_report.entries.size());
}

int ImportReportModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ImportReportModel::outcomeText(ImportOutcome outcome)
{
    switch (outcome) {
    case ImportOutcome::Imported: return tr("Imported");
    case ImportOutcome::ImportedWithFixes: return tr("Imported, fixed");
    case ImportOutcome::Rejected: return tr("Rejected");
    case ImportOutcome::Duplicate: return tr("Duplicate");
    case ImportOutcome::NotAdded: return tr("Not added");
    }
    return {};
}

QVariant ImportReportModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_report.entries.size())
        return {};
    const library::ImportEntry &e = m_report.entries[index.row()];
    if (role == OutcomeRole)
        return int(e.outcome);
    if (index.column() == Photo && role == Qt::DecorationRole) {
        if (e.thumbnail.isEmpty())
            return {};
        auto it = m_thumbnails.find(index.row());
        if (it == m_thumbnails.end())
            it = m_thumbnails.insert(index.row(), QPixmap::fromImage(readBoundedImage(e.thumbnail)));
        return *it;
    }
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Row: return e.row;
        case Source: return e.sourceLabel;
        case Name: return e.name;
        case CardNo: return e.cardNo;
        case Outcome: return outcomeText(e.outcome);
        case Details: {
            QStringList parts;
            if (!e.reason.isEmpty())
                parts << (e.errorCode ? QStringLiteral("%1 (%2)").arg(e.reason).arg(e.errorCode) : e.reason);
            parts += e.fixes;
            for (const QString &flag : e.flags)
                parts << QStringLiteral("⚠ ") + flag;
            return parts.join(role == Qt::ToolTipRole ? QStringLiteral("\n") : QStringLiteral("; "));
        }
        }
    }
    if (role == Qt::ForegroundRole && (index.column() == Outcome || index.column() == Details)) {
        switch (e.outcome) {
        case ImportOutcome::Rejected: return QColor(0xC6, 0x28, 0x28);
        case ImportOutcome::Duplicate:
        case ImportOutcome::NotAdded: return QColor(0xB2, 0x6A, 0x00);
        case ImportOutcome::ImportedWithFixes: return QColor(0x15, 0x65, 0xC0);
        case ImportOutcome::Imported: return QColor(0x2E, 0x7D, 0x32);
        }
    }
    return {};
}

QVariant ImportReportModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Photo: return tr("Photo");
    case Row: return tr("Row");
    case Source: return tr("File");
    case Name: return tr("Name");
    case CardNo: return tr("Card number");
    case Outcome: return tr("Result");
    case Details: return tr("Why / what was fixed");
    }
    return {};
}

} // namespace fd::ui
