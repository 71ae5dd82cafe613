// The audit viewer for admins (#13): the trail with filters (period, operator, action,
// text), its chain checked on demand, the filtered records as CSV; and the operators'
// accounts with their state, so a lock from failed sign-ins is seen where it can be
// lifted. Everything reads and writes on the window's query worker; an account change
// is recorded there too, with the change, under the admin's name. At most the newest 2,000 matching records are shown (the export takes all of
// them): more is a filter's job, and a list of 2,000 rows fills in a few milliseconds.
#pragma once

#include "operators/AuditLog.h"

#include <QFuture>
#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTabWidget;
class QTableView;
class QTableWidget;

namespace fd::store { class QueryWorker; }

namespace fd::ui {

class AuditTableModel;

class AuditPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int ShownRecords = 2000;

    explicit AuditPanel(store::QueryWorker *queries, QWidget *parent = nullptr);

    AuditTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QTableWidget *accountsTable() const { return m_accounts; }
    QTabWidget *tabs() const { return m_tabs; }
    QDateEdit *fromEdit() const { return m_from; }
    QDateEdit *toEdit() const { return m_to; }
    QComboBox *operatorBox() const { return m_operator; }
    QComboBox *actionBox() const { return m_action; }
    QLineEdit *textEdit() const { return m_text; }
    QLabel *verdictLabel() const { return m_verdict; }

    // The filter the boxes describe (newest: the shown cap; 0 for an export).
    operators::AuditFilter filter(int newest = ShownRecords) const;
    // Re-reads the records, the filter boxes' choices and the accounts.
    void refresh();
    // Checks the whole chain; the verdict shows under the table.
    QFuture<operators::AuditVerdict> verify();
    // Every record the filter passes (not only the shown ones) as CSV at `path`;
    // the future holds the error, empty on success.
    QFuture<QString> exportCsv(const QString &path);
    // The operator at the desk: account changes are recorded under this name.
    void setOperatorName(const QString &name) { m_operatorName = name; }
    // Empties the panel (an operator who may not read the trail took the desk).
    void clear();
    // An admin lifts a lock, disables or enables an account (recorded with the change).
    void unlockAccount(const QString &name);
    void setAccountDisabled(const QString &name, bool disabled);

signals:
    void loaded();
    void accountsLoaded();
    void exported(const QString &path, qint64 records);

private:
    QWidget *buildTrailTab();
    QWidget *buildAccountsTab();
    void readTrail(bool withFacets);
    void readAccounts();
    void changeAccount(const QString &name, const QString &action, bool disable);
    QString selectedAccount() const;
    void chooseExportFile();

    store::QueryWorker *m_queries;
    AuditTableModel *m_model;
    QTabWidget *m_tabs = nullptr;
    QTableView *m_table = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QComboBox *m_operator = nullptr;
    QComboBox *m_action = nullptr;
    QLineEdit *m_text = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_verdict = nullptr;
    QTableWidget *m_accounts = nullptr;
    quint64 m_generation = 0;  // answers to a replaced filter are dropped
    QString m_operatorName;
    qint64 m_total = 0;        // records in the whole trail, as the last refresh() read it
};

} // namespace fd::ui
