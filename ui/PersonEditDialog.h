// Add or edit one person: name, gender, card number, list, notes and the photo.
// A new photo is checked by the same validation as a bulk import before it can be
// saved, and the dialog shows what the check found (and fixed) beside the preview.
#pragma once

#include "library/LibraryStore.h"
#include "library/PhotoValidator.h"

#include <QDialog>
#include <QFutureWatcher>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace fd::ui {

class PersonEditDialog : public QDialog {
    Q_OBJECT
public:
    // indexId -1 adds a new person.
    PersonEditDialog(library::LibraryStore *store, const library::PhotoValidator *validator, qint64 indexId,
                     QWidget *parent = nullptr);

    // Checks a photo file as if the admin had chosen it (also used by tests).
    void choosePhotoFile(const QString &path);
    // Saves; false (with a message box unless quiet) when something is missing.
    bool save(bool quiet = false);
    qint64 indexId() const { return m_indexId; }
    const std::optional<library::PhotoCheck> &photoCheck() const { return m_check; }
    QLabel *validationLabel() const { return m_validation; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *cardEdit() const { return m_card; }
    QComboBox *listBox() const { return m_list; }

signals:
    void photoChecked();

private:
    void showCheck();
    void browse();
    void updateOk();

    library::LibraryStore *m_store;
    const library::PhotoValidator *m_validator;
    qint64 m_indexId;
    std::optional<library::PhotoCheck> m_check;  // a new photo, checked
    QString m_photoSource;
    bool m_hasStoredPhoto = false;
    QFutureWatcher<library::PhotoCheck> m_checking;
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
