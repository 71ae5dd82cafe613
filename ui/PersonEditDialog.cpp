#include "PersonEditDialog.h"

#include "BoundedImage.h"
#include "EventTile.h"
#include "image/BoundedDecode.h"

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

PersonEditDialog::PersonEditDialog(library::LibraryStore *store, const library::PhotoValidator *validator,
                                   qint64 indexId, QWidget *parent)
    : QDialog(parent), m_store(store), m_validator(validator), m_indexId(indexId)
{
    setObjectName(QStringLiteral("personEditDialog"));
    setWindowTitle(indexId < 0 ? tr("Add person") : tr("Edit person"));
    auto *layout = new QHBoxLayout(this);

    auto *photoColumn = new QVBoxLayout;
    m_preview = new QLabel(this);
    m_preview->setFixedSize(PreviewSide, PreviewSide);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setFrameShape(QFrame::StyledPanel);
    m_preview->setText(tr("No photo"));
    photoColumn->addWidget(m_preview);
    auto *choose = new QPushButton(tr("Choose photo..."), this);
    connect(choose, &QPushButton::clicked, this, &PersonEditDialog::browse);
    photoColumn->addWidget(choose);
    m_validation = new QLabel(this);
    m_validation->setObjectName(QStringLiteral("photoValidation"));
    m_validation->setWordWrap(true);
    m_validation->setFixedWidth(PreviewSide);
    m_validation->setTextFormat(Qt::RichText);
    photoColumn->addWidget(m_validation);
    photoColumn->addStretch();
    layout->addLayout(photoColumn);

    auto *right = new QVBoxLayout;
    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_gender = new QComboBox(this);
    m_gender->addItem(tr("Unknown"), -1);
    m_gender->addItem(tr("Male"), 1);
    m_gender->addItem(tr("Female"), 0);
    m_card = new QLineEdit(this);
    m_card->setPlaceholderText(tr("Card or ID number"));
    m_list = new QComboBox(this);
    for (const library::FaceList &l : store->lists())
        m_list->addItem(shownListName(l.id, l.name), l.id);
    m_notes = new QPlainTextEdit(this);
    m_notes->setTabChangesFocus(true);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Gender:"), m_gender);
    form->addRow(tr("&Card number:"), m_card);
    form->addRow(tr("&List:"), m_list);
    form->addRow(tr("N&otes:"), m_notes);
    right->addLayout(form, 1);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    right->addWidget(m_buttons);
    layout->addLayout(right, 1);

    if (indexId >= 0) {
        if (const std::optional<library::Person> p = store->person(indexId)) {
            m_name->setText(p->name);
            m_gender->setCurrentIndex(qMax(0, m_gender->findData(p->gender)));
            m_card->setText(p->cardNo);
            m_list->setCurrentIndex(qMax(0, m_list->findData(p->listId)));
            m_notes->setPlainText(p->notes);
            if (!p->photos.isEmpty()) {
                m_hasStoredPhoto = true;
                m_preview->setPixmap(previewOf(readBoundedImageFile(store->photoPath(p->photos.first())), {}));
                m_validation->setText(tr("Stored photo, %1 × %2.")
                                          .arg(p->photos.first().size.width())
                                          .arg(p->photos.first().size.height()));
            }
        }
    }
    connect(m_name, &QLineEdit::textChanged, this, &PersonEditDialog::updateOk);
    connect(&m_checking, &QFutureWatcher<library::PhotoCheck>::finished, this, [this] {
        m_check = m_checking.result();
        showCheck();
        updateOk();
        emit photoChecked();
    });
    updateOk();
    resize(640, 380);
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
    const bool busy = m_checking.isRunning();
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!busy && photoOk && !m_name->text().trimmed().isEmpty());
}

bool PersonEditDialog::save(bool quiet)
{
    auto complain = [&](const QString &text) {
        if (!quiet)
            QMessageBox::warning(this, windowTitle(), text);
        return false;
    };
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        return complain(tr("A person needs a name."));
    if (m_check && !m_check->accepted)
        return complain(tr("The photo was refused: %1").arg(m_check->reason));
    if (!m_check && !m_hasStoredPhoto)
        return complain(tr("A person needs a photo with exactly one face."));
    const QString card = m_card->text().trimmed();
    if (const qint64 holder = m_store->personByCard(card); holder >= 0 && holder != m_indexId)
        return complain(tr("Card number %1 already belongs to %2.").arg(card, m_store->personNames({holder}).value(holder)));

    std::optional<library::NewPhoto> photo;
    if (m_check)
        photo = m_check->toNewPhoto(m_photoSource);
    if (m_indexId < 0) {
        library::NewPerson p;
        p.name = name;
        p.gender = m_gender->currentData().toInt();
        p.cardNo = card;
        p.listId = m_list->currentData().toInt();
        p.notes = m_notes->toPlainText();
        p.photos << *photo;
        const QList<qint64> ids = m_store->addPersons({p});
        if (ids.isEmpty())
            return complain(m_store->lastError());
        m_indexId = ids.first();
        return true;
    }
    std::optional<library::Person> p = m_store->person(m_indexId);
    if (!p)
        return complain(tr("This person was deleted meanwhile."));
    p->name = name;
    p->gender = m_gender->currentData().toInt();
    p->cardNo = card;
    p->listId = m_list->currentData().toInt();
    p->notes = m_notes->toPlainText();
    if (!m_store->updatePerson(*p) || (photo && !m_store->setPhotos(m_indexId, {*photo})))
        return complain(m_store->lastError());
    return true;
}

} // namespace fd::ui
