// An import's report as a table: the face thumbnail beside each row, what happened
// and why. Filterable by outcome through a proxy (see ImportWizard).
#pragma once

#include "library/ImportReport.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPixmap>

namespace fd::ui {

class ImportReportModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Photo, Row, Source, Name, CardNo, Outcome, Details, ColumnCount };
    static constexpr int OutcomeRole = Qt::UserRole + 1;

    explicit ImportReportModel(QObject *parent = nullptr) : QAbstractTableModel(parent) {}

    void setReport(const library::ImportReport &report);
    const library::ImportReport &report() const { return m_report; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString outcomeText(library::ImportOutcome outcome);

private:
    library::ImportReport m_report;
    mutable QHash<int, QPixmap> m_thumbnails;  // by entry, decoded on first paint
};

} // namespace fd::ui
