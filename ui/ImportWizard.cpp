#include "ImportWizard.h"

#include "EventTile.h"

#include "ImportReportModel.h"

#include "library/CsvSource.h"
#include "library/FolderSource.h"
#include "library/LibraryTypes.h"
#include "library/ZipSource.h"

#include <QCheckBox>
#include <QColor>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace fd::ui {

namespace {
constexpr int PreviewRows = 20;

QString listNameOf(const library::ImportItem &item, const QHash<int, QString> &lists)
{
    if (!item.listName.isEmpty())
        return item.listName;
    return item.listId > 0 ? lists.value(item.listId) : QString();
}
} // namespace

// ---- Pages: each decides when Next may go on ------------------------------------

class ImportSourcePage : public QWizardPage {
public:
    explicit ImportSourcePage(ImportWizard *w) : m_w(w) {}
    bool isComplete() const override { return !m_w->m_path->text().trimmed().isEmpty(); }
    bool validatePage() override
    {
        QString error;
        if (!m_w->openSource(&error)) {
            QMessageBox::warning(this, m_w->windowTitle(), error);
            return false;
        }
        return true;
    }
    void emitChanged() { emit completeChanged(); }

private:
    ImportWizard *m_w;
};

class ImportPreviewPage : public QWizardPage {
public:
    explicit ImportPreviewPage(ImportWizard *w) : m_w(w) {}
    void initializePage() override { m_w->fillPreview(); }

private:
    ImportWizard *m_w;
};

class ImportRunPage : public QWizardPage {
public:
    explicit ImportRunPage(ImportWizard *w) : m_w(w) {}
    void initializePage() override { m_w->startRun(); }
    bool isComplete() const override { return m_w->m_run && !m_w->m_run->isRunning(); }
    void emitChanged() { emit completeChanged(); }

private:
    ImportWizard *m_w;
};

class ImportReportPage : public QWizardPage {
public:
    explicit ImportReportPage(ImportWizard *w) : m_w(w) {}
    void initializePage() override { m_w->m_reportModel->setReport(m_w->report()); }

private:
    ImportWizard *m_w;
};

// ---- The wizard -------------------------------------------------------------------

ImportWizard::ImportWizard(const store::DatabaseConfig &archive, const QList<library::FaceList> &lists, QWidget *parent)
    : QWizard(parent), m_archive(archive), m_lists(lists)
{
    setObjectName(QStringLiteral("importWizard"));
    setWindowTitle(tr("Import persons"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    resize(900, 620);

    // 1: source
    auto *source = new ImportSourcePage(this);
    source->setTitle(tr("Where are the photos?"));
    source->setSubTitle(tr("A folder of photos, a CSV file naming photos, or a ZIP of either. "
                           "Every photo is checked before anything is added."));
    source->setLayout(new QVBoxLayout);
    source->layout()->addWidget(buildSourcePage());
    connect(m_path, &QLineEdit::textChanged, source, [source] { source->emitChanged(); });
    setPage(SourcePage, source);

    // 2: preview and column mapping
    auto *preview = new ImportPreviewPage(this);
    preview->setTitle(tr("Preview"));
    preview->setSubTitle(tr("The first rows as FaceDesk reads them. Rows with a problem are reported, not dropped."));
    auto *pl = new QVBoxLayout(preview);
    m_sourceInfo = new QLabel(preview);
    m_sourceInfo->setWordWrap(true);
    m_sourceInfo->setObjectName(QStringLiteral("importSourceInfo"));
    pl->addWidget(m_sourceInfo);
    m_trailingRow = new QWidget(preview);
    auto *tl = new QHBoxLayout(m_trailingRow);
    tl->setContentsMargins(0, 0, 0, 0);
    tl->addWidget(new QLabel(tr("A short number at the end of a name (_1, (2)) is:"), m_trailingRow));
    m_trailing = new QComboBox(m_trailingRow);
    m_trailing->setObjectName(QStringLiteral("importTrailing"));
    m_trailing->addItem(tr("another photo of the same person"), int(library::FileNameReading::Trailing::Counter));
    m_trailing->addItem(tr("a card number"), int(library::FileNameReading::Trailing::Card));
    connect(m_trailing, &QComboBox::activated, this, [this] {
        m_trailingTouched = true;
        fillPreview();
    });
    tl->addWidget(m_trailing);
    tl->addStretch(1);
    pl->addWidget(m_trailingRow);
    m_mappingRow = new QWidget(preview);
    auto *ml = new QHBoxLayout(m_mappingRow);
    ml->setContentsMargins(0, 0, 0, 0);
    const QStringList fields = {tr("Name"), tr("Gender"), tr("Card number"), tr("List"), tr("Photo"), tr("Notes")};
    for (const QString &f : fields) {
        ml->addWidget(new QLabel(f + u':', m_mappingRow));
        auto *box = new QComboBox(m_mappingRow);
        box->addItem(tr("(none)"), -1);
        for (int c = 0; c < 12; ++c)
            box->addItem(tr("Column %1").arg(c + 1), c);
        connect(box, &QComboBox::activated, this, [this] {
            m_mappingTouched = true;
            fillPreview();
        });
        m_mapping << box;
        ml->addWidget(box);
    }
    ml->addStretch();
    pl->addWidget(m_mappingRow);
    m_preview = new QTableWidget(preview);
    m_preview->setObjectName(QStringLiteral("importPreview"));
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->verticalHeader()->hide();
    m_preview->horizontalHeader()->setStretchLastSection(true);
    pl->addWidget(m_preview, 1);
    setPage(PreviewPage, preview);

    // 3: the run
    auto *runPage = new ImportRunPage(this);
    runPage->setTitle(tr("Importing"));
    runPage->setSubTitle(tr("Photos are checked on every core. Cancel adds no one."));
    auto *rl = new QVBoxLayout(runPage);
    m_progress = new QProgressBar(runPage);
    m_progressLabel = new QLabel(runPage);
    m_progressLabel->setObjectName(QStringLiteral("importProgress"));
    m_cancel = new QPushButton(tr("Cancel import"), runPage);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_run)
            m_run->cancel();
    });
    rl->addWidget(m_progress);
    rl->addWidget(m_progressLabel);
    rl->addWidget(m_cancel, 0, Qt::AlignLeft);
    rl->addStretch();
    setPage(RunPage, runPage);

    // 4: the report
    auto *reportPage = new ImportReportPage(this);
    reportPage->setTitle(tr("Report"));
    reportPage->setFinalPage(true);
    auto *repl = new QVBoxLayout(reportPage);
    m_summary = new QLabel(reportPage);
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);
    repl->addWidget(m_summary);
    auto *bar = new QHBoxLayout;
    auto *show = new QComboBox(reportPage);
    show->addItem(tr("All rows"), -1);
    show->addItem(tr("Rejected"), int(library::ImportOutcome::Rejected));
    show->addItem(tr("Duplicates"), int(library::ImportOutcome::Duplicate));
    show->addItem(tr("Imported after a fix"), int(library::ImportOutcome::ImportedWithFixes));
    show->addItem(tr("Imported as they were"), int(library::ImportOutcome::Imported));
    auto *save = new QPushButton(tr("Save report as CSV..."), reportPage);
    connect(save, &QPushButton::clicked, this, &ImportWizard::saveReport);
    bar->addWidget(new QLabel(tr("Show:"), reportPage));
    bar->addWidget(show);
    bar->addStretch();
    bar->addWidget(save);
    repl->addLayout(bar);
    m_reportModel = new ImportReportModel(this);
    m_reportFilter = new QSortFilterProxyModel(this);
    m_reportFilter->setSourceModel(m_reportModel);
    m_reportFilter->setFilterRole(ImportReportModel::OutcomeRole);
    m_reportFilter->setFilterKeyColumn(0);
    connect(show, &QComboBox::activated, this, [this, show] {
        const int outcome = show->currentData().toInt();
        m_reportFilter->setFilterFixedString(outcome < 0 ? QString() : QString::number(outcome));
    });
    m_reportView = new QTableView(reportPage);
    m_reportView->setObjectName(QStringLiteral("importReport"));
    m_reportView->setModel(m_reportFilter);
    m_reportView->verticalHeader()->hide();
    m_reportView->verticalHeader()->setDefaultSectionSize(52);
    m_reportView->setIconSize(QSize(48, 48));
    m_reportView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_reportView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_reportView->horizontalHeader()->setStretchLastSection(true);
    m_reportView->setColumnWidth(ImportReportModel::Photo, 60);
    m_reportView->setColumnWidth(ImportReportModel::Row, 44);
    m_reportView->setColumnWidth(ImportReportModel::Source, 170);
    m_reportView->setColumnWidth(ImportReportModel::Name, 130);
    m_reportView->setColumnWidth(ImportReportModel::Outcome, 110);
    repl->addWidget(m_reportView, 1);
    setPage(ReportPage, reportPage);
}

ImportWizard::~ImportWizard() = default;

QWidget *ImportWizard::buildSourcePage()
{
    QSettings settings;
    auto *w = new QWidget(this);
    auto *form = new QFormLayout(w);
    auto *pathRow = new QHBoxLayout;
    m_path = new QLineEdit(w);
    m_path->setObjectName(QStringLiteral("importPath"));
    pathRow->addWidget(m_path, 1);
    const QString start = settings.value(QStringLiteral("import/lastDir")).toString();
    auto chooser = [this, w, pathRow, start](const QString &text, SourceKind kind) {
        auto *b = new QPushButton(text, w);
        connect(b, &QPushButton::clicked, this, [this, kind, start] {
            QString path;
            if (kind == SourceKind::Folder)
                path = QFileDialog::getExistingDirectory(this, tr("Folder of photos"), start);
            else if (kind == SourceKind::Csv)
                path = QFileDialog::getOpenFileName(this, tr("CSV file"), start, tr("CSV files (*.csv *.txt)"));
            else
                path = QFileDialog::getOpenFileName(this, tr("ZIP file"), start, tr("ZIP files (*.zip)"));
            if (path.isEmpty())
                return;
            QSettings().setValue(QStringLiteral("import/lastDir"), QFileInfo(path).path());
            setSource(kind, path);
        });
        pathRow->addWidget(b);
    };
    chooser(tr("Folder..."), SourceKind::Folder);
    chooser(tr("CSV..."), SourceKind::Csv);
    chooser(tr("ZIP..."), SourceKind::Zip);
    form->addRow(tr("Source:"), pathRow);

    // File names are read by their shape unless the admin forces a pattern.
    auto *namingRow = new QHBoxLayout;
    m_naming = new QComboBox(w);
    m_naming->setObjectName(QStringLiteral("importNaming"));
    m_naming->addItem(tr("Read by their shape (10023, Jane Doe, 10023_Jane Doe, Jane Doe (2), IMG_4521)"));
    m_naming->addItem(tr("Read by this pattern:"));
    m_pattern = new QLineEdit(settings.value(QStringLiteral("import/pattern")).toString(), w);
    m_pattern->setObjectName(QStringLiteral("importPattern"));
    m_pattern->setPlaceholderText(library::FileNamePattern::defaultPattern());
    m_pattern->setToolTip(tr("How a file name gives the person: {name}, {card}, {gender} and {ignore} "
                             "between separators, e.g. {name}_{card} for \"Zhang Wei_10023.jpg\"."));
    m_naming->setCurrentIndex(m_pattern->text().trimmed().isEmpty() ? 0 : 1);
    m_pattern->setEnabled(m_naming->currentIndex() == 1);
    connect(m_naming, &QComboBox::currentIndexChanged, m_pattern, [this](int i) { m_pattern->setEnabled(i == 1); });
    namingRow->addWidget(m_naming, 2);
    namingRow->addWidget(m_pattern, 1);
    form->addRow(tr("File names:"), namingRow);
    m_recursive = new QCheckBox(tr("Include sub-folders"), w);
    form->addRow(QString(), m_recursive);
    m_list = new QComboBox(w);
    for (const library::FaceList &l : std::as_const(m_lists))
        m_list->addItem(shownListName(l.id, l.name), l.id);
    m_list->setCurrentIndex(qMax(0, m_list->findData(library::sort::Whitelist)));
    form->addRow(tr("Rows that name no list go to:"), m_list);
    m_addDuplicates = new QCheckBox(tr("Import duplicates anyway (they are flagged in the report)"), w);
    form->addRow(QString(), m_addDuplicates);
    return w;
}

void ImportWizard::setSource(SourceKind kind, const QString &path)
{
    m_kind = kind;
    m_path->setText(path);
    m_mappingTouched = false;
}

void ImportWizard::setPattern(const QString &pattern)
{
    m_pattern->setText(pattern);
    m_naming->setCurrentIndex(pattern.trimmed().isEmpty() ? 0 : 1);
}

void ImportWizard::setTrailingNumbers(library::FileNameReading::Trailing trailing)
{
    m_trailing->setCurrentIndex(m_trailing->findData(int(trailing)));
    m_trailingTouched = true;
    if (currentId() == PreviewPage)
        fillPreview();
}

void ImportWizard::setTargetList(int listId)
{
    m_list->setCurrentIndex(qMax(0, m_list->findData(listId)));
}

std::optional<library::CsvColumns> ImportWizard::mappingFromBoxes() const
{
    if (!m_mappingTouched)
        return std::nullopt;
    library::CsvColumns c;
    c.name = m_mapping[0]->currentData().toInt();
    c.gender = m_mapping[1]->currentData().toInt();
    c.card = m_mapping[2]->currentData().toInt();
    c.list = m_mapping[3]->currentData().toInt();
    c.photo = m_mapping[4]->currentData().toInt();
    c.notes = m_mapping[5]->currentData().toInt();
    return c;
}

std::unique_ptr<library::ImportSource> ImportWizard::openSource(QString *error) const
{
    const QString path = m_path->text().trimmed();
    library::FileNaming naming;
    if (m_naming->currentIndex() == 1) {
        naming.pattern = library::FileNamePattern(m_pattern->text().trimmed());
        if (!naming.pattern->isValid()) {
            *error = naming.pattern->error();
            return nullptr;
        }
    }
    if (m_trailingTouched)
        naming.trailing = library::FileNameReading::Trailing(m_trailing->currentData().toInt());
    std::unique_ptr<library::ImportSource> source;
    SourceKind kind = m_kind;
    // A path typed by hand says what it is.
    if (QFileInfo(path).isDir())
        kind = SourceKind::Folder;
    else if (path.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive))
        kind = SourceKind::Zip;
    else if (path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) || path.endsWith(QLatin1String(".txt"), Qt::CaseInsensitive))
        kind = SourceKind::Csv;
    library::CsvOptions csv;
    csv.columns = mappingFromBoxes();
    switch (kind) {
    case SourceKind::Folder: source = std::make_unique<library::FolderSource>(path, library::FolderOptions{naming, m_recursive->isChecked()}); break;
    case SourceKind::Csv: source = std::make_unique<library::CsvSource>(path, csv); break;
    case SourceKind::Zip: source = std::make_unique<library::ZipSource>(path, library::ZipOptions{naming, csv}); break;
    }
    if (!source->open(error))
        return nullptr;
    return source;
}

void ImportWizard::fillPreview()
{
    QString error;
    const std::unique_ptr<library::ImportSource> source = openSource(&error);
    m_preview->clear();
    if (!source) {
        m_sourceInfo->setText(error);
        return;
    }
    QHash<int, QString> lists;
    for (int i = 0; i < m_list->count(); ++i)
        lists.insert(m_list->itemData(i).toInt(), m_list->itemText(i));
    const QList<library::ImportItem> items = source->items();
    int problems = 0;
    for (const library::ImportItem &item : items)
        problems += !item.problem.isEmpty();
    QString info = tr("%n rows.", nullptr, int(items.size()));
    if (problems)
        info += u' ' + tr("%n of them cannot be imported as they are (see the last column).", nullptr, problems);
    const auto *csvSource = dynamic_cast<const library::CsvSource *>(source.get());
    m_mappingRow->setVisible(csvSource != nullptr);
    if (csvSource) {
        info += u' ' + tr("Encoding: %1. %2").arg(csvSource->encoding(),
                                                  csvSource->hadHeader() ? tr("The first row is a header.")
                                                                         : tr("No header row: columns in the default order."));
        const library::CsvColumns c = csvSource->columns();
        const QList<int> columns = {c.name, c.gender, c.card, c.list, c.photo, c.notes};
        for (int i = 0; i < m_mapping.size(); ++i)
            m_mapping[i]->setCurrentIndex(qMax(0, m_mapping[i]->findData(columns[i])));
    }
    // How the names were read, with the counts, and the question the set left open.
    const std::optional<library::FileNameReading> reading = source->reading();
    m_trailingRow->setVisible(reading.has_value());
    if (reading) {
        info += u' ' + reading->summary();
        const QSignalBlocker quiet(m_trailing);
        m_trailing->setCurrentIndex(m_trailing->findData(int(reading->trailing())));
    }
    m_sourceInfo->setText(info);
    m_preview->setColumnCount(7);
    m_preview->setHorizontalHeaderLabels({tr("Row"), tr("Name"), tr("Card number"), tr("Gender"), tr("List"),
                                          tr("Photo"), tr("Problem or note")});
    const int shown = int(qMin<qsizetype>(items.size(), PreviewRows));
    m_preview->setRowCount(shown);
    QHash<QString, int> firstRowOf;  // person key -> the row that brings the person
    for (int r = 0; r < shown; ++r) {
        const library::ImportItem &it = items[r];
        QString note = it.problem;
        if (note.isEmpty() && !it.personKey.isEmpty()) {
            if (const int first = firstRowOf.value(it.personKey); first > 0)
                note = tr("Another photo of the person of row %1.").arg(first);
            else
                firstRowOf.insert(it.personKey, it.row);
        }
        if (note.isEmpty())
            note = it.flags.join(u' ');
        const QStringList cells = {QString::number(it.row), it.name, it.cardNo,
                                   it.gender == 1 ? tr("Male") : it.gender == 0 ? tr("Female") : QString(),
                                   listNameOf(it, lists).isEmpty() ? m_list->currentText() : listNameOf(it, lists),
                                   QFileInfo(it.photo).fileName(), note};
        for (int c = 0; c < cells.size(); ++c)
            m_preview->setItem(r, c, new QTableWidgetItem(cells[c]));
        if (!it.problem.isEmpty())
            m_preview->item(r, 6)->setForeground(QColor(0xC6, 0x28, 0x28));
    }
    m_preview->resizeColumnsToContents();
}

void ImportWizard::startRun()
{
    QString error;
    std::unique_ptr<library::ImportSource> source = openSource(&error);
    if (!source) {
        m_progressLabel->setText(error);
        return;
    }
    QSettings().setValue(QStringLiteral("import/pattern"), m_naming->currentIndex() == 1 ? m_pattern->text().trimmed() : QString());
    library::ImportOptions options;
    options.listId = m_list->currentData().toInt();
    options.duplicates = m_addDuplicates->isChecked() ? library::ImportOptions::Duplicates::Add
                                                      : library::ImportOptions::Duplicates::Skip;
    m_run = std::make_unique<library::ImportRun>(std::move(source), m_archive, library::PhotoRules{}, options);
    connect(m_run.get(), &library::ImportRun::started, this, [this](int total) { m_progress->setRange(0, qMax(1, total)); });
    connect(m_run.get(), &library::ImportRun::progress, this, &ImportWizard::onProgress);
    connect(m_run.get(), &library::ImportRun::finished, this, &ImportWizard::onRunFinished);
    m_cancel->setEnabled(true);
    m_progressLabel->setText(tr("Reading the source..."));
    m_run->start();
    static_cast<ImportRunPage *>(page(RunPage))->emitChanged();
    button(QWizard::BackButton)->setEnabled(false);
}

void ImportWizard::onProgress(const library::ImportProgress &p)
{
    m_progress->setRange(0, qMax(1, p.total));
    m_progress->setValue(p.done);
    QString eta;
    if (p.etaSeconds >= 0)
        eta = p.etaSeconds < 60 ? tr("about %n s left", nullptr, p.etaSeconds)
                                : tr("about %n min left", nullptr, (p.etaSeconds + 59) / 60);
    m_progressLabel->setText(tr("%1 of %2 photos · %3 photos/s · %4\n%5 imported, %6 rejected, %7 duplicates")
                                 .arg(p.done)
                                 .arg(p.total)
                                 .arg(p.rate, 0, 'f', 1)
                                 .arg(eta)
                                 .arg(p.imported)
                                 .arg(p.rejected)
                                 .arg(p.duplicates));
}

void ImportWizard::onRunFinished()
{
    m_cancel->setEnabled(false);
    m_report = m_run->report();
    const library::ImportReport &r = m_report;
    m_summary->setText(r.summary());
    m_progressLabel->setText(r.summary());
    static_cast<ImportRunPage *>(page(RunPage))->emitChanged();
    emit importFinished(r);
    if (currentId() == RunPage)
        next();
}

const library::ImportReport &ImportWizard::report() const
{
    return m_report;
}

void ImportWizard::saveReport()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the import report"), QStringLiteral("import-report.csv"),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QSaveFile f(path);
    QString error;
    if (!f.open(QIODevice::WriteOnly) || !report().writeCsv(&f, &error) || !f.commit())
        QMessageBox::warning(this, windowTitle(), tr("The report could not be saved: %1").arg(error.isEmpty() ? f.errorString() : error));
}

} // namespace fd::ui
