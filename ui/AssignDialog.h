// Which devices (or device groups) should hold the chosen persons, or a whole list.
// Shows the current assignment and applies only the difference, so opening it and
// pressing OK changes nothing.
#pragma once

#include "library/LibraryStore.h"
#include "store/StoreWriter.h"

#include <QDialog>

class QListWidget;
class QComboBox;
class QLabel;
class QRadioButton;

namespace fd::ui {

class AssignDialog : public QDialog {
    Q_OBJECT
public:
    // With persons: their direct assignments; the "whole list" choice assigns listId.
    AssignDialog(library::LibraryStore *store, const QList<store::DeviceRow> &devices,
                 const QList<qint64> &persons, int listId, QWidget *parent = nullptr);

    // Writes the changes; false with the store's error.
    bool apply();
    QListWidget *targets() const { return m_targets; }
    QRadioButton *wholeListChoice() const { return m_wholeList; }

private:
    struct Target {
        QString deviceUuid;
        int groupId = 0;
    };
    void refreshChecks();
    bool assignedNow(const Target &target) const;
    void newGroup();
    void rebuildTargets();

    library::LibraryStore *m_store;
    QList<store::DeviceRow> m_devices;
    QList<qint64> m_persons;
    QList<library::Assignment> m_assignments;
    QList<Target> m_rows;
    QRadioButton *m_selected;
    QRadioButton *m_wholeList;
    QComboBox *m_list;
    QListWidget *m_targets;
};

} // namespace fd::ui
