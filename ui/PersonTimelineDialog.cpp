#include "PersonTimelineDialog.h"

#include "BoundedImage.h"
#include "TimelineView.h"

#include "library/LibraryStore.h"
#include "store/QueryWorker.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSlider>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace fd::ui {

PersonTimelineDialog::PersonTimelineDialog(store::QueryWorker *queries, qint64 indexId, SimilarSightings similar,
                                           QWidget *parent)
    : QDialog(parent), m_queries(queries), m_indexId(indexId), m_personName(tr("index_id %1").arg(indexId)),
      m_similar(std::move(similar))
{
    setObjectName(QStringLiteral("personTimelineDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *head = new QHBoxLayout;
    m_photo = new QLabel(this);
    m_photo->setFixedSize(72, 72);
    m_photo->setAlignment(Qt::AlignCenter);
    m_title = new QLabel(m_personName, this);
    queries->run([indexId, library = queries->config().libraryDir()](QSqlDatabase &db) {
        library::LibraryStore store(db, library);
        Head h;
        if (const std::optional<library::Person> p = store.person(indexId)) {
            h = {true, p->name, p->cardNo, {}};
            if (!p->photos.isEmpty())
                h.photo = readBoundedImageFile(store.photoPath(p->photos.first()))
                              .scaled(72, 72, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        }
        return h;
    }).then(this, [this](const Head &h) { showHead(h); });
    setWindowTitle(tr("Timeline: %1").arg(m_personName));
    head->addWidget(m_photo);
    head->addWidget(m_title, 1);
    layout->addLayout(head);

    auto *controls = new QHBoxLayout;
    m_from = new QDateEdit(QDate::currentDate().addDays(-6), this);
    m_to = new QDateEdit(QDate::currentDate(), this);
    for (QDateEdit *e : {m_from, m_to}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        connect(e, &QDateEdit::dateChanged, this, &PersonTimelineDialog::reload);
    }
    controls->addWidget(new QLabel(tr("From"), this));
    controls->addWidget(m_from);
    controls->addWidget(new QLabel(tr("to"), this));
    controls->addWidget(m_to);
    m_useSimilar = new QCheckBox(tr("Also faces similar to the photo, above"), this);
    m_useSimilar->setEnabled(bool(m_similar));
    if (!m_similar)
        m_useSimilar->setToolTip(tr("Face search is not available for this archive yet."));
    m_threshold = new QSlider(Qt::Horizontal, this);
    m_threshold->setRange(30, 99);
    m_threshold->setValue(60);
    m_threshold->setMaximumWidth(160);
    m_thresholdLabel = new QLabel(this);
    connect(m_useSimilar, &QCheckBox::toggled, this, &PersonTimelineDialog::reload);
    connect(m_threshold, &QSlider::sliderReleased, this, &PersonTimelineDialog::reload);
    connect(m_threshold, &QSlider::valueChanged, this, [this](int v) {
        m_thresholdLabel->setText(QString::number(v / 100.0, 'f', 2));
    });
    m_thresholdLabel->setText(QString::number(m_threshold->value() / 100.0, 'f', 2));
    controls->addSpacing(16);
    controls->addWidget(m_useSimilar);
    controls->addWidget(m_threshold);
    controls->addWidget(m_thresholdLabel);
    controls->addStretch();
    layout->addLayout(controls);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("timelineSummary"));
    layout->addWidget(m_summary);
    m_timeline = new TimelineView(this);
    connect(m_timeline, &TimelineView::sightingClicked, this, &PersonTimelineDialog::openEvent);
    layout->addWidget(m_timeline);

    layout->addWidget(new QLabel(tr("Attendance (local time):"), this));
    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("attendanceTable"));
    m_table->setColumnCount(6);
    m_table->setHorizontalHeaderLabels({tr("Day"), tr("First seen"), tr("Where"), tr("Last seen"), tr("Where"), tr("Sightings")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *exportButton = buttons->addButton(tr("Export attendance CSV..."), QDialogButtonBox::ActionRole);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export attendance"),
                                                          QStringLiteral("attendance-%1.csv").arg(m_indexId),
                                                          tr("CSV files (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCsv(path, &error))
            QMessageBox::warning(this, windowTitle(), error);
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(960, 620);
    reload();
}

PersonTimelineDialog::~PersonTimelineDialog() = default;

void PersonTimelineDialog::showHead(const Head &h)
{
    if (!h.found)
        return;  // the title says index_id N already
    m_personName = h.name;
    m_title->setText(QStringLiteral("<b style='font-size:14pt'>%1</b><br>%2")
                         .arg(h.name.toHtmlEscaped(), tr("Card %1 · index_id %2").arg(h.cardNo.toHtmlEscaped()).arg(m_indexId)));
    if (!h.photo.isNull())
        m_photo->setPixmap(QPixmap::fromImage(h.photo));
    setWindowTitle(tr("Timeline: %1").arg(m_personName));
}

void PersonTimelineDialog::setPeriod(const QDate &from, const QDate &to)
{
    const QSignalBlocker a(m_from), b(m_to);
    m_from->setDate(from);
    m_to->setDate(to);
    reload();
}

void PersonTimelineDialog::setSimilarShown(bool shown)
{
    m_useSimilar->setChecked(shown);
}

void PersonTimelineDialog::reload()
{
    const QDateTime from(m_from->date(), QTime(0, 0));
    const QDateTime to(m_to->date().addDays(1), QTime(0, 0));
    const int reload = ++m_reloads;
    m_timeline->setRange(from, to);
    struct Read {
        QList<search::Sighting> sightings;
        QString error;
    };
    m_queries->run([id = m_indexId, from = from.toUTC(), to = to.toUTC()](QSqlDatabase &db) {
        Read r;
        r.sightings = search::sightingsOf(db, id, from, to, &r.error);
        return r;
    }).then(this, [this, reload, from, to](const Read &r) {
        if (reload != m_reloads)
            return;  // the period changed meanwhile
        const bool similar = m_similar && m_useSimilar->isChecked() && r.error.isEmpty();
        display(r.sightings, 0, r.error, !similar);  // the person's own, while the faces are looked for
        if (similar)
            addSimilar(reload, from, to, r.sightings);
    });
}

void PersonTimelineDialog::addSimilar(int reload, const QDateTime &from, const QDateTime &to, QList<search::Sighting> sightings)
{
    QtConcurrent::run([similar = m_similar, id = m_indexId, from, to, threshold = m_threshold->value() / 100.f] {
        return similar(id, from.toUTC(), to.toUTC(), threshold);
    }).then(this, [this, reload, sightings](const QList<search::Sighting> &similar) mutable {
        if (reload != m_reloads)
            return;  // the period or the threshold changed meanwhile
        QSet<qint64> known;
        for (const search::Sighting &s : std::as_const(sightings))
            known.insert(s.eventId);
        int similarCount = 0;
        for (const search::Sighting &s : similar) {
            if (!known.contains(s.eventId)) {
                sightings << s;
                ++similarCount;
            }
        }
        display(sightings, similarCount, QString(), true);
    });
}

void PersonTimelineDialog::display(const QList<search::Sighting> &sightings, int similarCount, const QString &error,
                                   bool complete)
{
    m_timeline->setSightings(sightings);
    m_days = search::attendanceDays(sightings);
    m_summary->setText(!error.isEmpty() ? tr("The archive could not be read: %1").arg(error)
                                        : tr("%n sightings", nullptr, int(sightings.size()))
                                              + (similarCount ? tr(", %n of them by face similarity", nullptr, similarCount) : QString())
                                              + tr(" on %n day(s).", nullptr, int(m_days.size()))
                                              + (complete ? QString() : u' ' + tr("Looking for similar faces...")));
    m_table->setRowCount(int(m_days.size()));
    for (int r = 0; r < m_days.size(); ++r) {
        const search::AttendanceDay &d = m_days[r];
        const QStringList cells = {d.day.toString(QStringLiteral("yyyy-MM-dd ddd")), d.firstSeen.toString(QStringLiteral("HH:mm:ss")),
                                   d.firstDevice, d.lastSeen.toString(QStringLiteral("HH:mm:ss")), d.lastDevice,
                                   QString::number(d.sightings)};
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(r, c, new QTableWidgetItem(cells[c]));
    }
    m_table->resizeColumnsToContents();
    if (complete)
        emit reloaded();
}

bool PersonTimelineDialog::exportCsv(const QString &path, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || !search::writeAttendanceCsv(m_personName, m_days, &f) || !f.commit()) {
        *error = f.errorString();
        return false;
    }
    return true;
}

} // namespace fd::ui
