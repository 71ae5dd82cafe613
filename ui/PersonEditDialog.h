// Add or edit one person: name, gender, card number, list, notes and the photo.
// A new photo is checked by the same validation as a bulk import before it can be
// saved, and the dialog shows what the check found (and fixed) beside the preview.
// The lists and the person are read, and the person saved with its audit record, on
// the window's query worker (library/LibraryEdits): on a remote archive each of those
// statements is a round trip the window would otherwise freeze for. The form stays
// disabled until they arrive, and open with the archive's reason when a save is refused.
#pragma once

#include "library/LibraryEdits.h"
#include "library/PhotoValidator.h"

#include <QDialog>
#include <QFutureWatcher>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace fd::store { class QueryWorker; }

namespace fd::ui {

class PersonEditDialog : public QDialog {
    Q_OBJECT
public:
    // indexId -1 adds a new person. operatorName signs the audit record.
    PersonEditDialog(store::QueryWorker *queries, const library::PhotoValidator *validator, qint64 indexId,
                     const QString &operatorName, QWidget *parent = nullptr);

    // The lists (and the person being edited) have arrived.
    bool isLoaded() const { return m_loaded; }
    // Checks a photo file as if the admin had chosen it (also used by tests).
    void choosePhotoFile(const QString &path);
    // Starts the save when the form is complete (false otherwise, with a message box
    // unless quiet); saved() tells how it ended, and a saved dialog is accepted.
    bool save(bool quiet = false);
    qint64 indexId() const { return m_indexId; }
    const std::optional<library::PhotoCheck> &photoCheck() const { return m_check; }
    QLabel *validationLabel() const { return m_validation; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *cardEdit() const { return m_card; }
    QComboBox *listBox() const { return m_list; }

signals:
    void photoChecked();
    void loaded();
    // error empty: saved (and recorded in the audit trail).
    void saved(const QString &error);

private:
    struct Form {
        QList<library::FaceList> lists;
        std::optional<library::Person> person;
        QImage photo;
        QString error;
    };
    void load();
    void fill(const Form &form);
    void showCheck();
    void browse();
    void updateOk();
    library::PersonDraft draft() const;
    void complain(const QString &text);

    store::QueryWorker *m_queries;
    const library::PhotoValidator *m_validator;
    qint64 m_indexId;
    QString m_operator;
    bool m_loaded = false;
    bool m_saving = false;
    bool m_quiet = false;
    std::optional<library::PhotoCheck> m_check;  // a new photo, checked
    QString m_photoSource;
    bool m_hasStoredPhoto = false;
    QFutureWatcher<library::PhotoCheck> m_checking;
    QWidget *m_fields;  // disabled until loaded
    QLineEdit *m_name;
    QComboBox *m_gender;
    QLineEdit *m_card;
    QComboBox *m_list;
    QPlainTextEdit *m_notes;
    QLabel *m_preview;
    QLabel *m_validation;
    QDialogButtonBox *m_buttons;
};

} // namespace fd::ui
