#include "PersonEditDialog.h"

#include "BoundedImage.h"
#include "EventTile.h"
#include "auth/Roles.h"
#include "image/BoundedDecode.h"
#include "operators/AuditLog.h"
#include "store/QueryWorker.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace fd::ui {

namespace {
constexpr int PreviewSide = 220;

QPixmap previewOf(const QImage &image, const QRect &face)
{
    if (image.isNull())
        return {};
    QImage shown = image.scaled(PreviewSide, PreviewSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    if (!face.isNull()) {
        // The face the check found, so the admin sees which one it judged.
        const double s = double(shown.width()) / image.width();
        QPainter p(&shown);
        p.setPen(QPen(QColor(0x2E, 0x7D, 0x32), 2));
        p.drawRect(QRectF(face.x() * s, face.y() * s, face.width() * s, face.height() * s));
    }
    return QPixmap::fromImage(shown);
}
} // namespace

PersonEditDialog::PersonEditDialog(store::QueryWorker *queries, const library::PhotoValidator *validator, qint64 indexId,
                                   const QString &operatorName, QWidget *parent)
    : QDialog(parent), m_queries(queries), m_validator(validator), m_indexId(indexId), m_operator(operatorName)
{
    setObjectName(QStringLiteral("personEditDialog"));
    setWindowTitle(indexId < 0 ? tr("Add person") : tr("Edit person"));
    auto *layout = new QHBoxLayout(this);
    m_fields = new QWidget(this);
    m_fields->setEnabled(false);
    auto *columns = new QHBoxLayout(m_fields);
    columns->setContentsMargins(0, 0, 0, 0);

    auto *photoColumn = new QVBoxLayout;
    m_preview = new QLabel(m_fields);
    m_preview->setFixedSize(PreviewSide, PreviewSide);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setFrameShape(QFrame::StyledPanel);
    m_preview->setText(tr("No photo"));
    photoColumn->addWidget(m_preview);
    auto *choose = new QPushButton(tr("Choose photo..."), m_fields);
    connect(choose, &QPushButton::clicked, this, &PersonEditDialog::browse);
    photoColumn->addWidget(choose);
    m_validation = new QLabel(m_fields);
    m_validation->setObjectName(QStringLiteral("photoValidation"));
    m_validation->setWordWrap(true);
    m_validation->setFixedWidth(PreviewSide);
    m_validation->setTextFormat(Qt::RichText);
    m_validation->setText(tr("Reading the library..."));
    photoColumn->addWidget(m_validation);
    photoColumn->addStretch();
    columns->addLayout(photoColumn);

    auto *form = new QFormLayout;
    m_name = new QLineEdit(m_fields);
    m_gender = new QComboBox(m_fields);
    m_gender->addItem(tr("Unknown"), -1);
    m_gender->addItem(tr("Male"), 1);
    m_gender->addItem(tr("Female"), 0);
    m_card = new QLineEdit(m_fields);
    m_card->setPlaceholderText(tr("Card or ID number"));
    m_list = new QComboBox(m_fields);
    m_notes = new QPlainTextEdit(m_fields);
    m_notes->setTabChangesFocus(true);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Gender:"), m_gender);
    form->addRow(tr("&Card number:"), m_card);
    form->addRow(tr("&List:"), m_list);
    form->addRow(tr("N&otes:"), m_notes);
    columns->addLayout(form, 1);

    auto *right = new QVBoxLayout;
    right->addWidget(m_fields, 1);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] { save(); });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    right->addWidget(m_buttons);
    layout->addLayout(right, 1);

    connect(m_name, &QLineEdit::textChanged, this, &PersonEditDialog::updateOk);
    connect(&m_checking, &QFutureWatcher<library::PhotoCheck>::finished, this, [this] {
        m_check = m_checking.result();
        showCheck();
        updateOk();
        emit photoChecked();
    });
    updateOk();
    resize(640, 380);
    load();
}

void PersonEditDialog::load()
{
    m_queries->run([indexId = m_indexId, libraryDir = m_queries->config().libraryDir()](QSqlDatabase &db) {
        library::LibraryStore store(db, libraryDir);
        Form form;
        form.lists = store.lists();
        if (indexId >= 0) {
            form.person = store.person(indexId);
            if (form.person && !form.person->photos.isEmpty())
                form.photo = readBoundedImageFile(store.photoPath(form.person->photos.first()));  // (a file read: here too)
        }
        form.error = store.lastError();
        return form;
    }).then(this, [this](const Form &form) { fill(form); });
}

void PersonEditDialog::fill(const Form &form)
{
    for (const library::FaceList &l : form.lists)
        m_list->addItem(shownListName(l.id, l.name), l.id);
    m_list->setCurrentIndex(qMax(0, m_list->findData(library::sort::Whitelist)));
    m_validation->clear();
    if (!form.error.isEmpty() || (m_indexId >= 0 && !form.person)) {
        m_validation->setText(form.error.isEmpty() ? tr("<b style='color:#c62828'>This person was deleted meanwhile.</b>")
                                                   : tr("<b style='color:#c62828'>The library cannot be read: %1</b>").arg(form.error.toHtmlEscaped()));
        return;  // nothing to edit: the form stays disabled
    }
    if (const std::optional<library::Person> &p = form.person) {
        m_name->setText(p->name);
        m_gender->setCurrentIndex(qMax(0, m_gender->findData(p->gender)));
        m_card->setText(p->cardNo);
        m_list->setCurrentIndex(qMax(0, m_list->findData(p->listId)));
        m_notes->setPlainText(p->notes);
        if (!p->photos.isEmpty()) {
            m_hasStoredPhoto = true;
            m_preview->setPixmap(previewOf(form.photo, {}));
            m_validation->setText(tr("Stored photo, %1 × %2.").arg(p->photos.first().size.width()).arg(p->photos.first().size.height()));
        }
    }
    m_loaded = true;
    m_fields->setEnabled(true);
    updateOk();
    emit loaded();
}

void PersonEditDialog::browse()
{
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a photo"),
                                                      settings.value(QStringLiteral("library/photoDir")).toString(),
                                                      tr("Photos (*.jpg *.jpeg *.png *.bmp);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("library/photoDir"), QFileInfo(path).path());
    choosePhotoFile(path);
}

void PersonEditDialog::choosePhotoFile(const QString &path)
{
    QString problem;
    const QByteArray bytes = image::readImageFile(path, &problem);  // never more than the decode budget
    if (!problem.isEmpty()) {
        m_check.reset();
        m_validation->setText(tr("<b style='color:#c62828'>Cannot read %1: %2</b>").arg(path.toHtmlEscaped(), problem.toHtmlEscaped()));
        updateOk();
        emit photoChecked();
        return;
    }
    m_photoSource = QFileInfo(path).fileName();
    if (m_name->text().trimmed().isEmpty())
        m_name->setText(QFileInfo(path).completeBaseName().section(u'_', 0, 0));
    m_validation->setText(tr("Checking the photo..."));
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
    // Face detection takes a noticeable moment on a large photo: off the GUI thread.
    const library::PhotoValidator *validator = m_validator;
    const QString name = m_photoSource;
    m_checking.setFuture(QtConcurrent::run([validator, bytes, name] { return validator->check(bytes, name); }));
}

void PersonEditDialog::showCheck()
{
    const library::PhotoCheck &c = *m_check;
    const QImage image = readBoundedImage(c.jpeg);
    if (!image.isNull())
        m_preview->setPixmap(previewOf(image, c.face));
    QString html;
    if (c.accepted) {
        html = tr("<b style='color:#2e7d32'>Photo accepted</b> (%1 × %2, %3 KB).")
                   .arg(c.size.width())
                   .arg(c.size.height())
                   .arg(c.jpeg.size() / 1024);
        for (const QString &fix : c.fixes)
            html += QStringLiteral("<br>• ") + fix.toHtmlEscaped();
        for (const QString &flag : c.flags)
            html += QStringLiteral("<br><span style='color:#b26a00'>⚠ %1</span>").arg(flag.toHtmlEscaped());
    } else {
        html = tr("<b style='color:#c62828'>Photo refused (%1)</b><br>%2").arg(c.errorCode).arg(c.reason.toHtmlEscaped());
    }
    m_validation->setText(html);
}

void PersonEditDialog::updateOk()
{
    const bool photoOk = m_check ? m_check->accepted : m_hasStoredPhoto;
    const bool busy = m_checking.isRunning() || m_saving || !m_loaded;
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!busy && photoOk && !m_name->text().trimmed().isEmpty());
}

void PersonEditDialog::complain(const QString &text)
{
    if (!m_quiet)
        QMessageBox::warning(this, windowTitle(), text);
}

library::PersonDraft PersonEditDialog::draft() const
{
    library::PersonDraft d;
    d.indexId = m_indexId;
    d.name = m_name->text().trimmed();
    d.gender = m_gender->currentData().toInt();
    d.cardNo = m_card->text().trimmed();
    d.listId = m_list->currentData().toInt();
    d.notes = m_notes->toPlainText();
    if (m_check)
        d.photo = m_check->toNewPhoto(m_photoSource);
    return d;
}

bool PersonEditDialog::save(bool quiet)
{
    m_quiet = quiet;
    QString problem;
    if (!m_loaded || m_saving)
        return false;
    if (m_name->text().trimmed().isEmpty())
        problem = tr("A person needs a name.");
    else if (m_check && !m_check->accepted)
        problem = tr("The photo was refused: %1").arg(m_check->reason);
    else if (!m_check && !m_hasStoredPhoto)
        problem = tr("A person needs a photo with exactly one face.");
    if (!problem.isEmpty())
        return complain(problem), false;
    m_saving = true;
    updateOk();
    const library::PersonDraft d = draft();
    m_queries->run([d, who = m_operator, libraryDir = m_queries->config().libraryDir()](QSqlDatabase &db) {
        library::LibraryStore store(db, libraryDir);
        const library::PersonSaved s = library::savePerson(store, d);
        // Recorded here, not in the continuation: a dialog closed meanwhile drops that.
        if (s.error.isEmpty())
            operators::recordWindowAudit(db, who, auth::actionName(auth::Action::EditLibrary), library::personsTarget({s.indexId}),
                                         {{QStringLiteral("change"), d.indexId < 0 ? QStringLiteral("add") : QStringLiteral("edit")},
                                          {QStringLiteral("before"), s.before}, {QStringLiteral("after"), s.after}});
        return s;
    }).then(this, [this](const library::PersonSaved &s) {
        m_saving = false;
        updateOk();
        if (s.error.isEmpty()) {
            m_indexId = s.indexId;
            accept();
        } else {
            complain(s.error);
        }
        emit saved(s.error);
    });
    return true;
}

} // namespace fd::ui
