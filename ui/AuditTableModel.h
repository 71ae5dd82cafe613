// The audit trail's records for the viewer (#13), newest at the top: an investigator
// reads back from "now". The records arrive whole from the query worker (a filter
// keeps at most a few thousand), so the model is a plain list: no paging.
#pragma once

#include "operators/AuditLog.h"

#include <QAbstractTableModel>

namespace fd::ui {

class AuditTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Operator, Desk, Action, Target, Details, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    // Oldest first, as AuditLog::records gives them.
    void setRecords(const QList<operators::AuditRecord> &records);
    const operators::AuditRecord &record(int row) const { return m_records.at(m_records.size() - 1 - row); }

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_records.size()); }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : ColumnCount; }
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<operators::AuditRecord> m_records;
};

} // namespace fd::ui
