// Which devices (or device groups) should hold the chosen persons, or a whole list.
// Shows the current assignment and applies only the difference, so opening it and
// pressing OK changes nothing. What it shows is read, and what it saves written (with
// its audit record), on the window's query worker (library/LibraryEdits): the
// difference is taken there against the assignments as they are then, so another
// desk's change made meanwhile is kept.
#pragma once

#include "library/LibraryEdits.h"
#include "store/StoreWriter.h"

#include <QDialog>

class QListWidget;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QRadioButton;

namespace fd::store { class QueryWorker; }

namespace fd::ui {

class AssignDialog : public QDialog {
    Q_OBJECT
public:
    // With persons: their direct assignments; the "whole list" choice assigns listId.
    // operatorName signs the audit record.
    AssignDialog(store::QueryWorker *queries, const QList<store::DeviceRow> &devices, const QList<qint64> &persons,
                 int listId, const QString &operatorName, QWidget *parent = nullptr);

    // The lists, groups and assignments have arrived.
    bool isLoaded() const { return m_loaded; }
    // Starts writing the changes (false while not loaded or already saving); applied()
    // tells how it ended, and an applied dialog is accepted. quiet: no message box.
    bool apply(bool quiet = false);
    QListWidget *targets() const { return m_targets; }
    QRadioButton *wholeListChoice() const { return m_wholeList; }

signals:
    void loaded();
    // error empty: saved (and recorded in the audit trail).
    void applied(const QString &error);

private:
    struct Shown {
        QList<library::FaceList> lists;
        QList<library::DeviceGroup> groups;
        QList<library::Assignment> assignments;
        QString error;
    };
    void load();
    void showLoaded(const Shown &shown);
    void refreshChecks();
    void newGroup();
    void setBusy(bool busy);

    store::QueryWorker *m_queries;
    QList<store::DeviceRow> m_devices;
    QList<qint64> m_persons;
    int m_listId;
    QString m_operator;
    bool m_loaded = false;
    bool m_quiet = false;
    QList<library::Assignment> m_assignments;
    QList<library::AssignmentTarget> m_rows;
    QRadioButton *m_selected;
    QRadioButton *m_wholeList;
    QComboBox *m_list;
    QListWidget *m_targets;
    QDialogButtonBox *m_buttons;
};

} // namespace fd::ui
