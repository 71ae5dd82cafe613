// The face library editor: the persons table with search and list filter, add /
// edit / delete, bulk move, assignment to devices, and the way into bulk import.
// The table's pages, counts and lists are read on the window's query worker
// (PersonTableModel). Deletions, moves and new lists (a bulk delete is thousands of
// rows and files) and "forget" run on that worker too and say when they are done
// (editFinished, forgetFinished). The person and assignment dialogs read and save on
// that worker as well (library/LibraryEdits): the panel holds no connection, so nothing
// it does waits on the archive on the GUI thread; the big writes happen in the
// import's worker.
#pragma once

#include "auth/Roles.h"
#include "library/LibraryStore.h"
#include "library/PhotoValidator.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

#include <functional>
#include <memory>

class QComboBox;
class QDialog;
class QMenu;
class QLabel;
class QLineEdit;
class QTableView;

namespace fd::devices { class DeviceRegistry; }
namespace fd::store { class QueryWorker; }

namespace fd::ui {

class PersonTableModel;

class LibraryPanel : public QWidget {
    Q_OBJECT
public:
    LibraryPanel(store::QueryWorker *queries, devices::DeviceRegistry *registry, QWidget *parent = nullptr);
    ~LibraryPanel() override;

    PersonTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    // Made at first use (a person dialog opens), not with the panel: it needs the face
    // models, which the face search reads off the window's thread at start-up.
    const library::PhotoValidator *validator() const;
    QLineEdit *searchEdit() const { return m_search; }
    QComboBox *listFilter() const { return m_listFilter; }

    // The operator at the desk, who signs the audit records of the panel's edits.
    void setOperatorName(const QString &name) { m_operator = name; }
    // Re-reads the table (after an import, or when sync states moved).
    void refresh();

    QList<qint64> selectedPersons() const;
    // Open the person dialog (window-modal); a save reloads the table.
    void addPerson();
    void editPerson(qint64 indexId);
    // Opens the assignment dialog for the selection (or the filtered list).
    void assignSelected();
    // Deletes after a confirmation (skipped when confirm is false, for tests). These
    // three save on the query worker and end with editFinished.
    void deleteSelected(bool confirm = true);
    void moveSelected(int listId);
    void newList();
    // "Forget this person" (#13, library/PersonEraser) for the one selected person,
    // after a confirmation that offers to keep their events (skipped when confirm is
    // false, for tests); on the query worker.
    void forgetSelected(bool confirm = true, bool withEvents = true);
    // Something outside the panel changed the library (an import): reload, tell the
    // window and wake the sync.
    void notifyChanged() { changed(); }

signals:
    // The admin asked for a bulk import (the window opens the wizard).
    void importRequested();
    // Persons, names or lists changed (the window refreshes what it derives from them).
    void libraryChanged();
    // Where and when was this person seen?
    void timelineRequested(qint64 indexId);
    // A person was forgotten with these events: the wall and the face index drop them.
    void eventsForgotten(const QList<qint64> &eventIds);
    void forgetFinished(const QString &error);
    // A deletion, move or new list was saved (error empty) or refused, on the worker.
    void editFinished(const QString &error);

private:
    void applyFilter();
    void refillListBoxes();
    void updateStatus();
    void changed();
    QJsonValue shownSnapshot(qint64 indexId) const;  // from the table's rows
    void openDialog(QDialog *dialog);
    struct WorkerEdit {
        QString error;   // empty: saved
        QString target;  // the trail's target
        QJsonValue after;
    };
    void editOnWorker(const QString &title, QJsonObject details, std::function<WorkerEdit(library::LibraryStore &)> edit);

    store::DatabaseConfig m_archive;
    store::QueryWorker *m_queries;
    QString m_operator;
    devices::DeviceRegistry *m_registry;
    mutable std::unique_ptr<library::PhotoValidator> m_validator;
    PersonTableModel *m_model;
    QTableView *m_table;
    QLineEdit *m_search;
    QComboBox *m_listFilter;
    QMenu *m_moveMenu;
    QLabel *m_status;
};

} // namespace fd::ui
