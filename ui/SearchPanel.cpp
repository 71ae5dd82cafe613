#include "SearchPanel.h"

#include "FaceSearchController.h"
#include "SearchReportPdf.h"
#include "SearchResultModel.h"

#include "auth/Roles.h"
#include "devices/DeviceRegistry.h"
#include "image/BoundedDecode.h"
#include "search/SearchExport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>
#include <QSlider>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace fd::ui {

using namespace fd::search;

namespace {

QSpinBox *boundBox(int min, int max, QWidget *parent)
{
    // The lowest value means "no bound" and says so.
    auto *box = new QSpinBox(parent);
    box->setRange(min - 1, max);
    box->setSpecialValueText(SearchPanel::tr("any"));
    box->setValue(min - 1);
    return box;
}

QComboBox *choiceBox(std::initializer_list<std::pair<QString, int>> items, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    for (const auto &[text, value] : items)
        box->addItem(text, value);
    return box;
}

} // namespace

SearchPanel::SearchPanel(store::QueryWorker *queries, devices::DeviceRegistry *registry, QWidget *parent)
    : QWidget(parent), m_registry(registry)
{
    setObjectName(QStringLiteral("searchPanel"));

    auto *layout = new QHBoxLayout(this);
    auto *splitter = new QSplitter(this);
    auto *scroll = new QScrollArea(splitter);
    auto *left = new QWidget(splitter);
    auto *ll = new QVBoxLayout(left);
    ll->setContentsMargins(0, 0, 0, 0);
    ll->addWidget(buildFilters());
    ll->addWidget(buildFaceSearch());
    ll->addStretch();
    scroll->setWidget(left);
    scroll->setWidgetResizable(true);
    scroll->setMinimumWidth(300);
    splitter->addWidget(scroll);

    auto *right = new QWidget(splitter);
    auto *rl = new QVBoxLayout(right);
    rl->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_count = new QLabel(right);
    m_count->setObjectName(QStringLiteral("searchCount"));
    m_sort = choiceBox({{tr("Newest first"), int(EventOrder::NewestFirst)},
                        {tr("Oldest first"), int(EventOrder::OldestFirst)},
                        {tr("Best score first"), int(EventOrder::BestScoreFirst)}},
                       right);
    m_sort->setObjectName(QStringLiteral("searchSort"));
    connect(m_sort, &QComboBox::activated, this, &SearchPanel::runSearch);
    auto *csv = new QPushButton(tr("Export CSV..."), right);
    auto *pdf = new QPushButton(tr("PDF report..."), right);
    const auto exportTo = [this](bool asPdf) {
        const QString path = QFileDialog::getSaveFileName(this, asPdf ? tr("PDF report") : tr("Export CSV"),
                                                          asPdf ? QStringLiteral("search.pdf") : QStringLiteral("search.csv"),
                                                          asPdf ? tr("PDF files (*.pdf)") : tr("CSV files (*.csv)"));
        if (path.isEmpty())
            return;
        (asPdf ? exportPdf(path) : exportCsv(path)).then(this, [this](const QString &why) {
            if (!why.isEmpty())
                QMessageBox::warning(this, tr("Export"), why);
        });
    };
    connect(csv, &QPushButton::clicked, this, [exportTo] { exportTo(false); });
    connect(pdf, &QPushButton::clicked, this, [exportTo] { exportTo(true); });
    bar->addWidget(m_count, 1);
    bar->addWidget(new QLabel(tr("Sort:"), right));
    bar->addWidget(m_sort);
    bar->addWidget(csv);
    bar->addWidget(pdf);
    rl->addLayout(bar);

    m_results = new SearchResultModel(queries, this);
    connect(m_results, &SearchResultModel::loaded, this, &SearchPanel::updateCount);
    m_results->setEngineScale(m_scale);  // the face search part, built above, knows it
    m_view = new QTableView(right);
    m_view->setObjectName(QStringLiteral("searchResults"));
    m_view->setModel(m_results);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(52);
    m_view->setIconSize(QSize(48, 48));
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(SearchResultModel::Face, 56);
    m_view->setColumnWidth(SearchResultModel::Time, 150);
    m_view->setColumnWidth(SearchResultModel::Device, 140);
    m_view->setColumnWidth(SearchResultModel::Person, 140);
    for (int c : {SearchResultModel::List, SearchResultModel::Score, SearchResultModel::Similarity, SearchResultModel::Quality,
                  SearchResultModel::Age, SearchResultModel::Gender, SearchResultModel::Mask})
        m_view->setColumnWidth(c, 70);
    m_view->setColumnHidden(SearchResultModel::Similarity, true);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        emit openEvent(m_results->hitAt(index.row()).id);
    });
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QTableView::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_view->indexAt(pos);
        if (!index.isValid())
            return;
        const EventHit hit = m_results->hitAt(index.row());
        QMenu menu(this);
        menu.addAction(tr("Open event"), this, [this, hit] { emit openEvent(hit.id); });
        QAction *similar = menu.addAction(tr("Faces like this one"), this, [this, hit] {
            m_similarInteractive = true;
            similarToEvent(hit.id);
        });
        similar->setEnabled(m_faces && m_faces->search());
        QAction *timeline = menu.addAction(tr("Timeline of %1").arg(hit.personName), this,
                                           [this, hit] { emit timelineRequested(hit.indexId); });
        timeline->setEnabled(hit.indexId >= 0);
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
    rl->addWidget(m_view, 1);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter);

    if (registry) {
        connect(registry, &devices::DeviceRegistry::deviceChanged, this, &SearchPanel::refreshDevices);
        connect(registry, &devices::DeviceRegistry::deviceRemoved, this, &SearchPanel::refreshDevices);
    }
    refreshDevices();
}

SearchPanel::~SearchPanel() = default;

QWidget *SearchPanel::buildFilters()
{
    auto *w = new QWidget(this);
    auto *form = new QFormLayout(w);
    m_preset = choiceBox({{tr("Last hour"), 1}, {tr("Today"), 2}, {tr("Last 7 days"), 3}, {tr("Last 30 days"), 4},
                          {tr("Any time"), 0}, {tr("Between..."), 5}},
                         w);
    m_preset->setObjectName(QStringLiteral("searchTimePreset"));
    m_preset->setCurrentIndex(2);
    m_from = new QDateTimeEdit(w);
    m_to = new QDateTimeEdit(w);
    for (QDateTimeEdit *e : {m_from, m_to}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    }
    connect(m_preset, &QComboBox::activated, this, &SearchPanel::applyPreset);
    // Editing a bound by hand means a custom range.
    for (QDateTimeEdit *e : {m_from, m_to})
        connect(e, &QDateTimeEdit::editingFinished, this, [this] { m_preset->setCurrentIndex(m_preset->findData(5)); });
    form->addRow(tr("When:"), m_preset);
    form->addRow(tr("From:"), m_from);
    form->addRow(tr("To:"), m_to);

    m_devices = new QListWidget(w);
    m_devices->setObjectName(QStringLiteral("searchDevices"));
    m_devices->setMaximumHeight(110);
    m_devices->setToolTip(tr("None ticked: every device."));
    form->addRow(tr("Devices:"), m_devices);

    auto *lists = new QWidget(w);
    auto *ll = new QGridLayout(lists);
    ll->setContentsMargins(0, 0, 0, 0);
    const QStringList names = {tr("Strangers"), tr("Blacklist"), tr("Whitelist"), tr("VIP"), tr("Custom")};
    for (int i = 0; i < names.size(); ++i) {
        auto *box = new QCheckBox(names[i], lists);
        ll->addWidget(box, i / 2, i % 2);
        m_lists << box;
    }
    form->addRow(tr("Lists:"), lists);

    m_person = new QLineEdit(w);
    m_person->setObjectName(QStringLiteral("searchPerson"));
    m_person->setPlaceholderText(tr("Name or card number"));
    m_person->setClearButtonEnabled(true);
    connect(m_person, &QLineEdit::returnPressed, this, &SearchPanel::runSearch);
    form->addRow(tr("Person:"), m_person);

    auto range = [w](QSpinBox *a, QSpinBox *b) {
        auto *row = new QWidget(w);
        auto *l = new QHBoxLayout(row);
        l->setContentsMargins(0, 0, 0, 0);
        l->addWidget(a);
        l->addWidget(new QLabel(QStringLiteral("–"), row));
        l->addWidget(b);
        return row;
    };
    m_minScore = boundBox(0, 100, w);
    m_maxScore = boundBox(0, 100, w);
    form->addRow(tr("Score:"), range(m_minScore, m_maxScore));
    m_minQuality = boundBox(0, 100, w);
    form->addRow(tr("Quality at least:"), m_minQuality);
    m_gender = choiceBox({{tr("any"), -1}, {tr("male"), 1}, {tr("female"), 2}}, w);
    form->addRow(tr("Gender:"), m_gender);
    m_minAge = boundBox(0, 120, w);
    m_maxAge = boundBox(0, 120, w);
    form->addRow(tr("Age:"), range(m_minAge, m_maxAge));
    m_mask = choiceBox({{tr("any"), -1}, {tr("with mask"), 1}, {tr("without mask"), 0}}, w);
    form->addRow(tr("Mask:"), m_mask);
    m_glasses = choiceBox({{tr("any"), -1}, {tr("none"), 0}, {tr("glasses"), 1}, {tr("sunglasses"), 2}}, w);
    form->addRow(tr("Glasses:"), m_glasses);
    m_temperature = new QCheckBox(tr("Only temperature warnings"), w);
    form->addRow(QString(), m_temperature);
    m_ack = choiceBox({{tr("any"), int(EventFilter::Ack::Any)},
                       {tr("acknowledged"), int(EventFilter::Ack::Acknowledged)},
                       {tr("not acknowledged"), int(EventFilter::Ack::NotAcknowledged)}},
                      w);
    form->addRow(tr("Alert handling:"), m_ack);

    auto *buttons = new QHBoxLayout;
    auto *go = new QPushButton(tr("&Search"), w);
    go->setObjectName(QStringLiteral("searchButton"));
    go->setDefault(true);
    auto *reset = new QPushButton(tr("Reset"), w);
    connect(go, &QPushButton::clicked, this, &SearchPanel::runSearch);
    connect(reset, &QPushButton::clicked, this, &SearchPanel::resetFilters);
    buttons->addWidget(go);
    buttons->addWidget(reset);
    form->addRow(buttons);
    applyPreset();
    return w;
}

QWidget *SearchPanel::buildFaceSearch()
{
    auto *box = new QGroupBox(tr("Faces like..."), this);
    auto *form = new QFormLayout(box);
    auto *buttons = new QHBoxLayout;
    const auto button = [&](const QString &text, const QString &name, auto slot) {
        auto *b = new QPushButton(text, box);
        b->setObjectName(name);
        b->setEnabled(false);
        connect(b, &QPushButton::clicked, this, slot);
        buttons->addWidget(b);
        m_faceButtons << b;
    };
    button(tr("Selected event"), QStringLiteral("similarEvent"), [this] {
        const QModelIndexList rows = m_view->selectionModel()->selectedRows();
        if (rows.isEmpty()) {
            QMessageBox::information(this, tr("Face search"), tr("Select an event in the results first."));
            return;
        }
        m_similarInteractive = true;
        similarToEvent(m_results->hitAt(rows.first().row()).id);
    });
    button(tr("Photo..."), QStringLiteral("similarPhoto"), [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("A photo of the face to look for"), QString(),
                                                          tr("Photos (*.jpg *.jpeg *.png *.bmp)"));
        if (path.isEmpty())
            return;
        m_similarInteractive = true;
        similarToPhoto(path);
    });
    button(tr("Person..."), QStringLiteral("similarPerson"), [this] {
        bool ok = false;
        const qint64 id = QInputDialog::getInt(this, tr("Face search"), tr("Library person (index_id):"), 1, 1,
                                               std::numeric_limits<int>::max(), 1, &ok);
        if (!ok)
            return;
        m_similarInteractive = true;
        similarToPerson(id);
    });
    form->addRow(buttons);
    auto *thresholdRow = new QHBoxLayout;
    m_threshold = new QSlider(Qt::Horizontal, box);
    m_threshold->setObjectName(QStringLiteral("similarityThreshold"));
    m_threshold->setRange(0, 100);
    m_threshold->setValue(50);
    m_thresholdLabel = new QLabel(box);
    m_thresholdLabel->setObjectName(QStringLiteral("similarityThresholdText"));
    m_thresholdTitle = new QLabel(box);
    connect(m_threshold, &QSlider::valueChanged, this, [this] { m_thresholdLabel->setText(thresholdText()); });
    thresholdRow->addWidget(m_threshold, 1);
    thresholdRow->addWidget(m_thresholdLabel);
    form->addRow(m_thresholdTitle, thresholdRow);
    applyEngineScale();
    m_topK = new QSpinBox(box);
    m_topK->setRange(1, 5000);
    m_topK->setValue(100);
    form->addRow(tr("At most:"), m_topK);
    m_engine = new QLabel(tr("Face search is not available."), box);
    m_engine->setObjectName(QStringLiteral("faceEngine"));
    m_engine->setWordWrap(true);
    m_engine->setEnabled(false);
    form->addRow(m_engine);
    return box;
}

void SearchPanel::setFaceSearch(FaceSearchController *controller)
{
    m_faces = controller;
    const auto update = [this] {
        const bool ready = m_faces && m_faces->search();
        for (QPushButton *b : m_faceButtons)
            b->setEnabled(ready);
        m_engine->setText(m_faces ? m_faces->status() + u'\n' + m_faces->engineReason() : QString());
        m_engine->setToolTip(m_faces ? m_faces->engineName() : QString());
        applyEngineScale();
    };
    connect(controller, &FaceSearchController::statusChanged, this, update);
    connect(controller, &FaceSearchController::engineChosen, this, update);
    connect(controller, &FaceSearchController::ready, this, update);
    update();
}

void SearchPanel::setSimilarityThreshold(double threshold)
{
    m_threshold->setValue(qRound(face::toEngineScale(m_scale, float(threshold)) * 100));
}

// The slider speaks the engine's language: the CNN's distance (lower is closer, same
// person under its threshold) or a similarity, with the same-person point marked.
void SearchPanel::applyEngineScale()
{
    face::FaceEngine::Scale scale;
    if (m_faces && m_faces->engineChoice().engine)
        scale = m_faces->engineChoice().engine->scale();
    if (m_scaleShown && scale.distance == m_scale.distance && scale.sameThreshold == m_scale.sameThreshold)
        return;
    m_scaleShown = true;
    m_scale = scale;
    if (m_results)
        m_results->setEngineScale(scale);
    m_thresholdTitle->setText(scale.distance ? tr("Distance at most:") : tr("Similarity at least:"));
    m_threshold->setRange(0, scale.distance ? 150 : 100);
    m_threshold->setTickPosition(QSlider::TicksBelow);
    m_threshold->setTickInterval(qRound(scale.sameThreshold * 100));
    m_threshold->setValue(qRound(scale.sameThreshold * 100));
    m_threshold->setToolTip(scale.distance ? tr("Same person below %1 (the first tick)").arg(double(scale.sameThreshold), 0, 'f', 2)
                                           : tr("Same person above %1 (the first tick)").arg(double(scale.sameThreshold), 0, 'f', 2));
    m_thresholdLabel->setText(thresholdText());
}

QString SearchPanel::thresholdText() const
{
    const double v = m_threshold->value() / 100.0;
    const bool atDefault = m_threshold->value() == qRound(m_scale.sameThreshold * 100);
    const QString number = QString::number(v, 'f', 2);
    return atDefault ? tr("%1 (same person)").arg(number) : number;
}

float SearchPanel::minCosine() const
{
    return face::fromEngineScale(m_scale, m_threshold->value() / 100.f);
}

QJsonObject SearchPanel::auditDetails() const
{
    const EventFilter f = filter();
    return {{QStringLiteral("from"), f.from.toString(Qt::ISODate)}, {QStringLiteral("to"), f.to.toString(Qt::ISODate)},
            {QStringLiteral("devices"), f.devices.join(u',')}};
}

void SearchPanel::showSimilar(const SimilarQuery &query, const QString &what, const QString &target)
{
    const std::shared_ptr<match::FaceSearch> search = m_faces ? m_faces->search() : nullptr;
    if (!search) {
        finishSimilar(tr("Face search is still loading."));
        return;
    }
    const EventFilter f = filter();
    match::FaceSearchFilter ff;
    if (f.from.isValid())
        ff.fromMs = f.from.toMSecsSinceEpoch();
    if (f.to.isValid())
        ff.toMs = f.to.toMSecsSinceEpoch();
    ff.devices = f.devices;
    ff.lists = f.lists;
    const int run = ++m_similarRun;
    QJsonObject details = auditDetails();
    details.insert(QStringLiteral("top"), m_topK->value());
    details.insert(QStringLiteral("min_similarity"), m_threshold->value() / 100.0);
    emit audited(auth::actionName(auth::Action::FaceSearch), target, details);
    m_count->setText(tr("Looking for faces like %1...").arg(what));
    // FaceSearch takes searches from any thread (a connection each, a read lock);
    // the continuation runs on this panel's thread, and not at all once it is gone.
    QtConcurrent::run([search, ff, query] { return query(*search, ff); })
        .then(this, [this, run, f, what, search](const match::FaceSearchResult &result) {
            if (run != m_similarRun)
                return;  // a newer search was started meanwhile
            if (!result.ok()) {
                finishSimilar(result.error);
                return;
            }
            // The count line once the rows are read (updateCount).
            m_rankedCaption = {what, m_thresholdTitle->text().toLower().chopped(1),
                               QString::number(m_threshold->value() / 100.0, 'f', 2), search->engineName()};
            m_view->setColumnHidden(SearchResultModel::Similarity, false);
            m_count->setText(tr("Reading the events with faces like %1...").arg(what));
            m_results->showRanked(result.hits, f);
        });
}

void SearchPanel::finishSimilar(const QString &error)
{
    const bool interactive = std::exchange(m_similarInteractive, false);
    if (!error.isEmpty()) {
        m_count->setText(error);
        if (interactive)
            QMessageBox::information(this, tr("Face search"), error);
    }
    emit similarFinished(error);
}

void SearchPanel::similarToEvent(qint64 eventId)
{
    const int k = m_topK->value();
    const float min = minCosine();
    showSimilar([=](const match::FaceSearch &s, const match::FaceSearchFilter &f) { return s.byEvent(eventId, k, f, min); },
                tr("event %1").arg(eventId), QStringLiteral("event %1").arg(eventId));
}

void SearchPanel::similarToPhoto(const QString &path)
{
    const int k = m_topK->value();
    const float min = minCosine();
    showSimilar(
        [=](const match::FaceSearch &s, const match::FaceSearchFilter &f) {
            QString problem;
            const QByteArray bytes = image::readImageFile(path, &problem);  // never more than the decode budget
            if (bytes.isEmpty()) {
                match::FaceSearchResult unreadable;
                unreadable.error = tr("Cannot read %1: %2").arg(path, problem.isEmpty() ? tr("the file is empty") : problem);
                return unreadable;
            }
            return s.byPhoto(bytes, k, f, min);
        },
        QFileInfo(path).fileName(), QStringLiteral("photo %1").arg(QFileInfo(path).fileName()));
}

void SearchPanel::similarToPerson(qint64 indexId)
{
    const int k = m_topK->value();
    const float min = minCosine();
    showSimilar([=](const match::FaceSearch &s, const match::FaceSearchFilter &f) { return s.byPerson(indexId, k, f, min); },
                tr("person %1").arg(indexId), QStringLiteral("person %1").arg(indexId));
}

void SearchPanel::refreshDevices()
{
    QSet<QString> ticked;
    for (int i = 0; i < m_devices->count(); ++i)
        if (m_devices->item(i)->checkState() == Qt::Checked)
            ticked.insert(m_devices->item(i)->data(Qt::UserRole).toString());
    m_devices->clear();
    if (!m_registry)
        return;
    QList<store::DeviceRow> devices = m_registry->devices();
    std::sort(devices.begin(), devices.end(), [](const auto &a, const auto &b) { return a.name < b.name; });
    for (const store::DeviceRow &d : devices) {
        auto *item = new QListWidgetItem(d.name.isEmpty() ? d.uuid : d.name, m_devices);
        item->setData(Qt::UserRole, d.uuid);
        item->setToolTip(d.uuid);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(ticked.contains(d.uuid) ? Qt::Checked : Qt::Unchecked);
    }
}

void SearchPanel::applyPreset()
{
    const QDateTime now = QDateTime::currentDateTime();
    const int preset = m_preset->currentData().toInt();
    const bool custom = preset == 5;
    m_from->setEnabled(preset != 0);
    m_to->setEnabled(preset != 0);
    if (custom || preset == 0)
        return;
    m_to->setDateTime(now.addSecs(60));
    switch (preset) {
    case 1: m_from->setDateTime(now.addSecs(-3600)); break;
    case 2: m_from->setDateTime(QDateTime(now.date(), QTime(0, 0))); break;
    case 3: m_from->setDateTime(now.addDays(-7)); break;
    case 4: m_from->setDateTime(now.addDays(-30)); break;
    }
}

void SearchPanel::setLists(const QList<int> &lists)
{
    for (int i = 0; i < m_lists.size(); ++i)
        m_lists[i]->setChecked(lists.contains(i));
}

EventFilter SearchPanel::filter() const
{
    EventFilter f;
    if (m_preset->currentData().toInt() != 0) {
        // Presets are relative to the moment of the search, not of the last click.
        if (m_preset->currentData().toInt() != 5)
            const_cast<SearchPanel *>(this)->applyPreset();
        f.from = m_from->dateTime().toUTC();
        f.to = m_to->dateTime().toUTC();
    }
    for (int i = 0; i < m_devices->count(); ++i)
        if (m_devices->item(i)->checkState() == Qt::Checked)
            f.devices << m_devices->item(i)->data(Qt::UserRole).toString();
    for (int i = 0; i < m_lists.size(); ++i)
        if (m_lists[i]->isChecked())
            f.lists << i;
    f.person = m_person->text().trimmed();
    const auto bound = [](const QSpinBox *b) { return b->value() < b->minimum() + 1 ? -1 : b->value(); };
    f.minScore = bound(m_minScore);
    f.maxScore = bound(m_maxScore);
    f.minQuality = bound(m_minQuality);
    f.minAge = bound(m_minAge);
    f.maxAge = bound(m_maxAge);
    f.gender = m_gender->currentData().toInt();
    f.mask = m_mask->currentData().toInt();
    f.glasses = m_glasses->currentData().toInt();
    f.temperatureWarning = m_temperature->isChecked();
    f.ack = EventFilter::Ack(m_ack->currentData().toInt());
    return f;
}

EventOrder SearchPanel::order() const
{
    return EventOrder(m_sort->currentData().toInt());
}

void SearchPanel::runSearch()
{
    m_view->setColumnHidden(SearchResultModel::Similarity, true);
    if (!m_rankedCaption.isEmpty()) {
        m_rankedCaption.clear();
        m_similarInteractive = false;  // the investigator moved on: no message box
        finishSimilar(tr("Replaced by a search."));  // its rows will not be shown
    }
    m_count->setText(tr("Searching..."));
    m_results->search(filter(), order());
}

void SearchPanel::updateCount()
{
    const qint64 n = m_results->matchCount();
    if (!m_rankedCaption.isEmpty()) {
        const QStringList caption = std::exchange(m_rankedCaption, {});
        if (!m_results->lastError().isEmpty()) {
            finishSimilar(tr("The search failed: %1").arg(m_results->lastError()));
            return;
        }
        m_count->setText(tr("%n events with faces like %1, %2 %3 (%4)", nullptr, m_results->rowCount())
                             .arg(caption[0], caption[1], caption[2], caption[3]));
        finishSimilar(QString());
        return;
    }
    if (!m_results->lastError().isEmpty())
        m_count->setText(tr("The search failed: %1").arg(m_results->lastError()));
    else if (n >= 100000)
        m_count->setText(tr("More than 100,000 events match; narrow the search or scroll on."));
    else
        m_count->setText(tr("%n events match", nullptr, int(n)));
}

void SearchPanel::resetFilters()
{
    m_preset->setCurrentIndex(2);
    applyPreset();
    for (int i = 0; i < m_devices->count(); ++i)
        m_devices->item(i)->setCheckState(Qt::Unchecked);
    setLists({});
    m_person->clear();
    for (QSpinBox *b : {m_minScore, m_maxScore, m_minQuality, m_minAge, m_maxAge})
        b->setValue(b->minimum());
    for (QComboBox *c : {m_gender, m_mask, m_glasses, m_ack})
        c->setCurrentIndex(0);
    m_temperature->setChecked(false);
}

QFuture<QString> SearchPanel::exportCsv(const QString &path)
{
    QHash<qint64, float> similarity;
    if (m_results->isRanked())
        for (int row = 0; row < m_results->rowCount(); ++row)
            similarity.insert(m_results->hitAt(row).id, m_results->similarityAt(row));
    return m_results->allHits(1000000)
        .then(QtFuture::Launch::Async,
              [path, similarity](const QList<EventHit> &hits) {
                  QSaveFile f(path);
                  if (!f.open(QIODevice::WriteOnly) || !writeHitsCsv(hits, similarity, &f) || !f.commit())
                      return std::pair<QString, qint64>(f.errorString(), 0);
                  return std::pair<QString, qint64>(QString(), hits.size());
              })
        .then(this, [this, path](const std::pair<QString, qint64> &written) { return recordExport(path, written); });
}

QFuture<QString> SearchPanel::exportPdf(const QString &path)
{
    // A report is read by people: the first thousand rows, and it says so.
    constexpr int MaxRows = 1000;
    QHash<qint64, float> similarity;
    if (m_results->isRanked())
        for (int row = 0; row < m_results->rowCount(); ++row)
            similarity.insert(m_results->hitAt(row).id, m_results->engineValueAt(row));
    return m_results->allHits(MaxRows).then(this, [this, path, similarity](const QList<EventHit> &hits) {
        QList<float> values;
        for (const EventHit &h : hits)
            values << similarity.value(h.id, -2.f);
        QString error;
        writeSearchReportPdf(path, tr("FaceDesk search report"), m_count->text(), hits, values, &error);
        return recordExport(path, {error, hits.size()});
    });
}

QString SearchPanel::recordExport(const QString &path, const std::pair<QString, qint64> &written)
{
    if (written.first.isEmpty()) {
        QJsonObject details = auditDetails();
        details.insert(QStringLiteral("rows"), written.second);
        details.insert(QStringLiteral("out"), QFileInfo(path).fileName());
        emit audited(auth::actionName(auth::Action::Export), QStringLiteral("events"), details);
    }
    return written.first;
}

} // namespace fd::ui
