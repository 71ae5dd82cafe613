#include "EventDetailDialog.h"

#include "BoundedImage.h"
#include "EventTileDelegate.h"
#include "LiveEventModel.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QPointer>
#include <QPushButton>
#include <QThreadPool>

namespace fd::ui {

namespace {

QString pick(int value, std::initializer_list<std::pair<int, const char *>> names)
{
    for (const auto &[v, n] : names)
        if (v == value)
            return EventDetailDialog::tr(n);
    return EventDetailDialog::tr("unknown");
}

} // namespace

EventDetailDialog::EventDetailDialog(Loader loader,
                                     std::function<qint64(qint64, int)> neighbour, QWidget *parent)
    : QDialog(parent), m_loader(std::move(loader)), m_neighbour(std::move(neighbour))
{
    setObjectName(QStringLiteral("eventDetail"));
    setWindowTitle(tr("Event"));
    resize(1100, 620);
    auto *grid = new QGridLayout(this);
    m_title = new QLabel(this);
    m_title->setStyleSheet(QStringLiteral("font-size: 16pt; font-weight: bold;"));
    m_face = new QLabel(this);
    m_face->setFixedSize(220, 220);
    m_face->setAlignment(Qt::AlignCenter);
    m_scene = new QLabel(this);
    m_scene->setMinimumSize(600, 400);
    m_scene->setAlignment(Qt::AlignCenter);
    m_scene->setStyleSheet(QStringLiteral("background: #263238; color: white;"));  // a viewer's dark backdrop
    m_facts = new QLabel(this);
    m_facts->setObjectName(QStringLiteral("eventFacts"));
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_facts->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    grid->addWidget(m_title, 0, 0, 1, 2);
    grid->addWidget(m_face, 1, 0, Qt::AlignTop);
    grid->addWidget(m_scene, 1, 1, 2, 1);
    grid->addWidget(m_facts, 2, 0);
    grid->setRowStretch(2, 1);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *previous = buttons->addButton(tr("Newer"), QDialogButtonBox::ActionRole);
    QPushButton *next = buttons->addButton(tr("Older"), QDialogButtonBox::ActionRole);
    previous->setShortcut(QKeySequence(Qt::Key_PageUp));
    next->setShortcut(QKeySequence(Qt::Key_PageDown));
    QPushButton *copyFace = buttons->addButton(tr("Copy face"), QDialogButtonBox::ActionRole);
    QPushButton *saveScene = buttons->addButton(tr("Save background..."), QDialogButtonBox::ActionRole);
    QPushButton *saveFace = buttons->addButton(tr("Save face..."), QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Close);
    grid->addWidget(buttons, 3, 0, 1, 2);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(previous, &QPushButton::clicked, this, [this] {
        if (const qint64 id = m_neighbour(m_id, -1); id >= 0)
            showEventId(id);
    });
    connect(next, &QPushButton::clicked, this, [this] {
        if (const qint64 id = m_neighbour(m_id, +1); id >= 0)
            showEventId(id);
    });
    connect(copyFace, &QPushButton::clicked, this, [this] { copyImage(true); });
    connect(saveFace, &QPushButton::clicked, this, [this] { saveImage(true); });
    connect(saveScene, &QPushButton::clicked, this, [this] { saveImage(false); });
}

QString EventDetailDialog::describeAttributes(const store::EventDetails &e)
{
    QStringList lines;
    if (e.age >= 0)
        lines << tr("Age: about %1").arg(e.age);
    lines << tr("Gender: %1").arg(pick(e.gender, {{1, QT_TRANSLATE_NOOP("fd::ui::EventDetailDialog", "male")}, {2, QT_TRANSLATE_NOOP("fd::ui::EventDetailDialog", "female")}}));
    lines << tr("Glasses: %1").arg(pick(e.glasses, {{0, QT_TRANSLATE_NOOP("fd::ui::EventDetailDialog", "none")}, {1, QT_TRANSLATE_NOOP("fd::ui::EventDetailDialog", "glasses")}, {2, QT_TRANSLATE_NOOP("fd::ui::EventDetailDialog", "sunglasses")}}));
    lines << tr("Mask: %1").arg(pick(e.mask, {{0, QT_TRANSLATE_NOOP("fd::ui::EventDetailDialog", "no")}, {1, QT_TRANSLATE_NOOP("fd::ui::EventDetailDialog", "yes")}}));
    lines << tr("Beard: %1").arg(pick(e.beard, {{0, QT_TRANSLATE_NOOP("fd::ui::EventDetailDialog", "no")}, {1, QT_TRANSLATE_NOOP("fd::ui::EventDetailDialog", "yes")}}));
    lines << tr("Race: %1").arg(pick(e.race, {{1, QT_TRANSLATE_NOOP("fd::ui::EventDetailDialog", "yellow")}, {2, QT_TRANSLATE_NOOP("fd::ui::EventDetailDialog", "black")}, {3, QT_TRANSLATE_NOOP("fd::ui::EventDetailDialog", "white")}}));
    lines << tr("Emotion: %1").arg(pick(e.emotion, {{1, QT_TRANSLATE_NOOP("fd::ui::EventDetailDialog", "angry")}, {2, QT_TRANSLATE_NOOP("fd::ui::EventDetailDialog", "calm")}, {3, QT_TRANSLATE_NOOP("fd::ui::EventDetailDialog", "happy")}, {4, QT_TRANSLATE_NOOP("fd::ui::EventDetailDialog", "sad")}, {5, QT_TRANSLATE_NOOP("fd::ui::EventDetailDialog", "surprised")}}));
    return lines.join(u'\n');
}

QString EventDetailDialog::attributesText() const
{
    return m_facts->text();
}

namespace {

// FaceDesk's own verdict beside the device's (live matching), or nothing when it has
// none. A disagreement starts with a warning sign: a guard must not read past it.
QString deskVerdict(const store::EventDetails &e)
{
    const QString distance = QString::number(e.localDistance, 'f', 2);
    const QString localName = e.localPersonName.isEmpty() ? EventDetailDialog::tr("person %1").arg(e.localIndexId)
                                                          : e.localPersonName;
    const auto warn = [](const QString &text) { return QStringLiteral("\u26A0 ") + text; };
    if (e.matchedByDesk)
        return EventDetailDialog::tr("Matched by FaceDesk (distance %1); the device sent no match").arg(distance);
    if (e.indexId >= 0 && e.localIndexId >= 0 && e.localIndexId != e.indexId)
        return warn(EventDetailDialog::tr("FaceDesk sees %1 here (distance %2), not the device's match").arg(localName, distance));
    if (e.indexId >= 0 && e.localIndexId == e.indexId)
        return EventDetailDialog::tr("FaceDesk agrees (distance %1)").arg(distance);
    if (e.indexId >= 0 && e.localIndexId < 0 && e.localDistance >= 0)
        return warn(EventDetailDialog::tr("FaceDesk does not see the device's match here (distance %1)").arg(distance));
    return {};
}

} // namespace

void EventDetailDialog::showEventId(qint64 id)
{
    m_id = id;
    const quint64 generation = ++m_generation;
    m_imagesPending = true;
    m_title->setText(tr("Loading event %1...").arg(id));
    m_loader(id).then(this, [this, id, generation](const std::optional<store::EventDetails> &event) {
        if (generation == m_generation)
            showDetails(id, event);
    });
}

void EventDetailDialog::showDetails(qint64 id, const std::optional<store::EventDetails> &event)
{
    m_event = event;
    if (!m_event) {
        m_imagesPending = false;
        m_title->setText(tr("Event %1 is no longer in the archive").arg(id));
        m_facts->clear();
        m_face->clear();
        m_scene->clear();
        emit imagesShown(id);
        return;
    }
    const store::EventDetails &e = *m_event;
    const ListKind list = e.indexId >= 0 ? listKindFromPicSort(e.picSort > 0 ? e.picSort : 4) : ListKind::None;
    QString name = e.picName;
    if (name.endsWith(QLatin1String(".jpg"), Qt::CaseInsensitive))
        name.chop(4);
    QString listText = listName(list);
    // The device's copy of the library may lag behind (a sync pending): say so.
    if (e.indexId >= 0 && e.devicePicSort > 0 && e.devicePicSort != e.picSort)
        listText = tr("%1; %2 on the device").arg(listText, listName(listKindFromPicSort(e.devicePicSort)));
    m_title->setText(e.indexId >= 0 ? tr("%1 (%2)").arg(name.isEmpty() ? tr("Person %1").arg(e.indexId) : name, listText)
                                    : tr("Stranger"));
    m_title->setStyleSheet(QStringLiteral("font-size: 16pt; font-weight: bold; color: %1;")
                               .arg(EventTileDelegate::listColor(int(list)).name()));

    loadImages(e, EventTileDelegate::listColor(int(list)));

    QStringList facts;
    facts << tr("Time: %1").arg(e.captureTime.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    facts << tr("Device: %1, channel %2").arg(e.deviceName.isEmpty() ? e.deviceUuid : e.deviceName).arg(e.channel);
    if (e.matchScore >= 0)
        facts << tr("Score: %1%").arg(qRound((e.matchScore > 1 ? e.matchScore / 100 : e.matchScore) * 100));
    if (e.indexId >= 0)
        facts << tr("Library person: %1").arg(e.indexId);
    if (const QString verdict = deskVerdict(e); !verdict.isEmpty())
        facts << verdict;
    if (e.visitCount >= 0)
        facts << tr("Visits: %1").arg(e.visitCount);
    if (e.quality >= 0)
        facts << tr("Quality: %1").arg(e.quality);
    if (e.temperature > -1000) {
        const bool fever = e.warningTemperature > -1000 && e.temperature >= e.warningTemperature;
        facts << (fever ? tr("Temperature: %1 °C (at or above the alarm level %2 °C)")
                        : tr("Temperature: %1 °C"))
                     .arg(e.temperature, 0, 'f', 1)
                     .arg(e.warningTemperature, 0, 'f', 1);
    }
    facts << describeAttributes(e);
    m_facts->setText(facts.join(u'\n'));
}

void EventDetailDialog::loadImages(const store::EventDetails &e, const QColor &frame)
{
    const quint64 generation = m_generation;
    m_imagesPending = true;
    m_face->setPixmap({});
    m_face->setText(tr("Loading..."));
    m_scene->setPixmap({});
    m_scene->setText(tr("Loading..."));
    QPointer<EventDetailDialog> self(this);
    const QSize sceneSize = m_scene->size();
    QThreadPool::globalInstance()->start([self, generation, facePath = e.facePath, scenePath = e.scenePath,
                                          position = e.position, frame, sceneSize] {
        const QImage face = facePath.isEmpty() ? QImage() : readBoundedImageFile(facePath);
        QImage scene = scenePath.isEmpty() ? QImage() : readBoundedImageFile(scenePath);
        if (!scene.isNull() && !position.isNull()) {
            // The face's rectangle, drawn from "position" on the full-size image.
            QPainter p(&scene);
            p.setPen(QPen(frame, std::max(3, scene.width() / 300)));
            p.drawRect(position);
        }
        const QImage faceShown = face.isNull() ? face : face.scaled(220, 220, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        const QImage sceneShown = scene.isNull() ? scene : scene.scaled(sceneSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        // Back on the window's thread, where the pointer may be checked.
        QMetaObject::invokeMethod(qApp, [self, generation, faceShown, sceneShown] {
            if (self && self->m_generation == generation)
                self->showImages(faceShown, sceneShown);
        }, Qt::QueuedConnection);
    });
}

void EventDetailDialog::showImages(const QImage &face, const QImage &scene)
{
    m_imagesPending = false;
    m_face->setText({});
    m_face->setPixmap(face.isNull() ? QPixmap() : QPixmap::fromImage(face));
    if (scene.isNull()) {
        m_scene->setPixmap({});
        m_scene->setText(tr("No background image"));
    } else {
        m_scene->setText({});
        m_scene->setPixmap(QPixmap::fromImage(scene));
    }
    emit imagesShown(m_id);
}

void EventDetailDialog::copyImage(bool face)
{
    if (m_event)
        QApplication::clipboard()->setImage(readBoundedImageFile(face ? m_event->facePath : m_event->scenePath));
}

void EventDetailDialog::saveImage(bool face)
{
    if (!m_event)
        return;
    const QString source = face ? m_event->facePath : m_event->scenePath;
    const QString target = QFileDialog::getSaveFileName(this, tr("Save image"),
                                                        QStringLiteral("event-%1-%2.jpg").arg(m_id).arg(face ? QStringLiteral("face") : QStringLiteral("background")),
                                                        tr("JPEG images (*.jpg)"));
    if (!target.isEmpty())
        QFile::copy(source, target);
}

} // namespace fd::ui
