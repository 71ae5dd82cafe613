// The face library editor driven as an admin would: add a person from a real photo
// (and see a bad photo refused), search, filter, move, assign and delete. Offscreen,
// on a real SQLite archive in a temporary folder.
#include "AssignDialog.h"
#include "ImportReportModel.h"
#include "ImportWizard.h"
#include "LibraryPanel.h"
#include "PersonEditDialog.h"
#include "PersonTableModel.h"
#include "operators/AuditLog.h"
#include "store/QueryWorker.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace fd;
using namespace fd::ui;

namespace {

// The table reads on the query worker: wait for its answer (none pending: at once).
bool settled(PersonTableModel *model)
{
    for (int pages = 0; pages < 100 && model->isLoading(); ++pages) {
        QSignalSpy loaded(model, &PersonTableModel::loaded);
        if (!loaded.wait(10000))
            return false;
    }
    return !model->isLoading();
}

QString facePhoto(const QString &name)
{
    return QDir(QStringLiteral(SHARED_DIR "/faces")).filePath(name);
}
} // namespace

class TestLibraryGui : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void addPersonFromRealPhoto();
    void syncCountsArriveLater();
    void multiFacePhotoIsRefusedAndCannotBeSaved();
    void searchAndListFilter();
    void moveAssignAndDelete();
    void duplicateCardIsRefused();
    void newListIsSavedOnTheWorkerAndAudited();
    void importWizardOnAFolder();
    void importWizardReadsNamesByShape();

private:
    qint64 addViaDialog(const QString &name, const QString &card, const QString &photo, int list = 2);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::QueryWorker> m_queries;
    std::unique_ptr<LibraryPanel> m_panel;
};

void TestLibraryGui::init()
{
    if (!QFile::exists(facePhoto(QStringLiteral("obama_1.jpg"))))
        QSKIP("../shared/faces is not present");
    m_dir = std::make_unique<QTemporaryDir>();
    store::DatabaseConfig config;
    config.dataDir = m_dir->path();
    m_queries = std::make_unique<store::QueryWorker>(config, QStringLiteral("test-library"));
    m_panel = std::make_unique<LibraryPanel>(m_queries.get(), nullptr);
    m_panel->resize(1000, 500);
    m_panel->show();
    if (!m_panel->validator()->canDetectFaces())
        QSKIP("opencv-data's Haar cascade is not installed");
}

void TestLibraryGui::cleanup()
{
    m_panel.reset();
    m_queries.reset();
    m_dir.reset();
}

qint64 TestLibraryGui::addViaDialog(const QString &name, const QString &card, const QString &photo, int list)
{
    PersonEditDialog dialog(m_panel->store(), m_panel->validator(), -1, m_panel.get());
    QSignalSpy checked(&dialog, &PersonEditDialog::photoChecked);
    dialog.choosePhotoFile(facePhoto(photo));
    if (checked.isEmpty() && !checked.wait(20000))
        return -2;
    dialog.nameEdit()->setText(name);
    dialog.cardEdit()->setText(card);
    dialog.listBox()->setCurrentIndex(dialog.listBox()->findData(list));
    if (!dialog.save(true))
        return -1;
    return dialog.indexId();
}

void TestLibraryGui::addPersonFromRealPhoto()
{
    const qint64 id = addViaDialog(QStringLiteral("Barack Obama"), QStringLiteral("C-44"), QStringLiteral("obama_1.jpg"));
    QVERIFY(id > 0);
    m_panel->refresh();
    PersonTableModel *model = m_panel->model();
    QVERIFY(settled(model));
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->personAt(0).name, QStringLiteral("Barack Obama"));
    QCOMPARE(model->data(model->index(0, PersonTableModel::CardNo), Qt::DisplayRole).toString(), QStringLiteral("C-44"));
    QCOMPARE(model->data(model->index(0, PersonTableModel::List), Qt::DisplayRole).toString(), QStringLiteral("Whitelist"));
    // The thumbnail arrives from the pool.
    model->data(model->index(0, PersonTableModel::Photo), Qt::DecorationRole);
    QTRY_VERIFY_WITH_TIMEOUT(!model->data(model->index(0, PersonTableModel::Photo), Qt::DecorationRole).isNull(), 10000);
    const library::Person p = *m_panel->store()->person(id);
    QCOMPARE(p.photos.size(), 1);
    const QImage stored(m_panel->store()->photoPath(p.photos[0]));
    QVERIFY(!stored.isNull());
    QCOMPARE(stored.width() % 2, 0);
    QCOMPARE(stored.height() % 2, 0);
}

// The Devices column asks for each page's counts and shows them when they come (the
// window reads them on a pool thread): "…" meanwhile, never a wrong "not assigned".
void TestLibraryGui::syncCountsArriveLater()
{
    library::NewPerson a, b;
    a.name = QStringLiteral("Ada");
    b.name = QStringLiteral("Bob");
    const QList<qint64> ids = m_panel->store()->addPersons({a, b});
    QCOMPARE(ids.size(), 2);
    PersonTableModel *model = m_panel->model();
    QList<qint64> asked;
    model->setSyncCountsSource([&](const QList<qint64> &page) {
        asked += page;
        QTimer::singleShot(0, model, [model, page] {
            QHash<qint64, PersonSyncCounts> counts;
            for (qint64 id : page)
                counts.insert(id, PersonSyncCounts{1, 0, 1, QStringLiteral("DEV1: face not found")});
            model->setSyncCounts(counts);
        });
    });
    model->reload();  // each page loaded asks the source
    QVERIFY(settled(model));
    QCOMPARE(asked.size(), 2);
    const QModelIndex devices = model->index(model->rowOf(ids.first()), PersonTableModel::Devices);
    QCOMPARE(model->data(devices, Qt::DisplayRole).toString(), QStringLiteral("…"));
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    QVERIFY(changed.wait(5000));
    QCOMPARE(model->data(devices, Qt::DisplayRole).toString(), QStringLiteral("1 in sync · 1 failed"));
    QVERIFY(model->data(devices, Qt::ToolTipRole).toString().contains(QLatin1String("face not found")));
}

void TestLibraryGui::multiFacePhotoIsRefusedAndCannotBeSaved()
{
    PersonEditDialog dialog(m_panel->store(), m_panel->validator(), -1, m_panel.get());
    QSignalSpy checked(&dialog, &PersonEditDialog::photoChecked);
    dialog.nameEdit()->setText(QStringLiteral("Two people"));
    dialog.choosePhotoFile(facePhoto(QStringLiteral("multi_two_people.jpg")));
    QVERIFY(checked.wait(20000));
    QVERIFY(dialog.photoCheck());
    QVERIFY(!dialog.photoCheck()->accepted);
    QCOMPARE(dialog.photoCheck()->errorCode, 100016);
    QVERIFY(dialog.validationLabel()->text().contains(QStringLiteral("100016")));
    QVERIFY(!dialog.save(true));
    QCOMPARE(m_panel->store()->countPersons({}), 0);
}

void TestLibraryGui::searchAndListFilter()
{
    QVERIFY(addViaDialog(QStringLiteral("Barack Obama"), QStringLiteral("1"), QStringLiteral("obama_1.jpg"), 2) > 0);
    QVERIFY(addViaDialog(QStringLiteral("Joe Biden"), QStringLiteral("2"), QStringLiteral("biden_1.jpg"), 1) > 0);
    QVERIFY(addViaDialog(QStringLiteral("Rose Leslie"), QStringLiteral("3"), QStringLiteral("rose_leslie_1.jpg"), 1) > 0);
    m_panel->refresh();
    QVERIFY(settled(m_panel->model()));
    QCOMPARE(m_panel->model()->rowCount(), 3);
    m_panel->searchEdit()->setText(QStringLiteral("obama"));
    QTRY_COMPARE(m_panel->model()->rowCount(), 1);
    m_panel->searchEdit()->clear();
    QTRY_COMPARE(m_panel->model()->rowCount(), 3);
    QComboBox *lists = m_panel->listFilter();
    lists->setCurrentIndex(lists->findData(1));
    emit lists->activated(lists->currentIndex());
    QVERIFY(settled(m_panel->model()));
    QCOMPARE(m_panel->model()->rowCount(), 2);
    QCOMPARE(m_panel->model()->personAt(0).name, QStringLiteral("Joe Biden"));
}

void TestLibraryGui::moveAssignAndDelete()
{
    const qint64 a = addViaDialog(QStringLiteral("Barack Obama"), QStringLiteral("1"), QStringLiteral("obama_1.jpg"));
    const qint64 b = addViaDialog(QStringLiteral("Joe Biden"), QStringLiteral("2"), QStringLiteral("biden_1.jpg"));
    QVERIFY(a > 0 && b > 0);
    m_panel->refresh();
    QVERIFY(settled(m_panel->model()));
    m_panel->table()->selectAll();
    QCOMPARE(m_panel->selectedPersons().size(), 2);
    QSignalSpy edited(m_panel.get(), &LibraryPanel::editFinished);  // they save on the query worker
    m_panel->moveSelected(1);
    QVERIFY(!edited.isEmpty() || edited.wait(10000));
    QCOMPARE(edited.takeFirst().first().toString(), QString());
    QCOMPARE(m_panel->store()->person(a)->listId, 1);
    QCOMPARE(m_panel->store()->person(b)->listId, 1);

    // Assign the two to a device, then the whole Blacklist to another.
    store::DeviceRow gate;
    gate.uuid = QStringLiteral("gate-1");
    gate.name = QStringLiteral("Main gate");
    store::DeviceRow door;
    door.uuid = QStringLiteral("door-2");
    {
        AssignDialog dialog(m_panel->store(), {gate, door}, {a, b}, 1, m_panel.get());
        QCOMPARE(dialog.targets()->count(), 2);
        QCOMPARE(dialog.targets()->item(0)->checkState(), Qt::Unchecked);
        dialog.targets()->item(0)->setCheckState(Qt::Checked);
        QVERIFY(dialog.apply());
    }
    QCOMPARE(m_panel->store()->wantedBy(QStringLiteral("gate-1")).size(), 2);
    {
        AssignDialog dialog(m_panel->store(), {gate, door}, {a, b}, 1, m_panel.get());
        QCOMPARE(dialog.targets()->item(0)->checkState(), Qt::Checked);  // shows what is assigned
        dialog.wholeListChoice()->setChecked(true);
        QCOMPARE(dialog.targets()->item(1)->checkState(), Qt::Unchecked);
        dialog.targets()->item(1)->setCheckState(Qt::Checked);
        QVERIFY(dialog.apply());
    }
    QCOMPARE(m_panel->store()->wantedBy(QStringLiteral("door-2")).size(), 2);

    m_panel->table()->clearSelection();
    m_panel->table()->selectRow(m_panel->model()->rowOf(a));
    m_panel->deleteSelected(false);
    QVERIFY(!edited.isEmpty() || edited.wait(10000));
    QCOMPARE(edited.takeFirst().first().toString(), QString());
    QVERIFY(settled(m_panel->model()));
    QCOMPARE(m_panel->model()->rowCount(), 1);
    QVERIFY(!m_panel->store()->person(a));
    QCOMPARE(m_panel->store()->wantedBy(QStringLiteral("gate-1")).size(), 1);
}

void TestLibraryGui::duplicateCardIsRefused()
{
    QVERIFY(addViaDialog(QStringLiteral("Barack Obama"), QStringLiteral("C-1"), QStringLiteral("obama_1.jpg")) > 0);
    QCOMPARE(addViaDialog(QStringLiteral("Someone"), QStringLiteral("C-1"), QStringLiteral("biden_1.jpg")), -1);
    QCOMPARE(m_panel->store()->countPersons({}), 1);
}

// The wizard as an admin runs it on a folder of real photos: preview, run, report.
void TestLibraryGui::importWizardOnAFolder()
{
    store::DatabaseConfig config;
    config.dataDir = m_dir->path();
    ImportWizard wizard(config);
    wizard.setSource(ImportWizard::SourceKind::Folder, QStringLiteral(SHARED_DIR "/faces"));
    wizard.setPattern(QStringLiteral("{name}"));
    wizard.setTargetList(library::sort::Vip);
    wizard.show();
    QCOMPARE(wizard.currentId(), int(ImportWizard::SourcePage));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(ImportWizard::PreviewPage));
    const int files = int(QDir(QStringLiteral(SHARED_DIR "/faces")).entryList({QStringLiteral("*.jpg")}, QDir::Files).size());
    QVERIFY(wizard.previewTable()->rowCount() >= qMin(files, 20));
    QSignalSpy finished(&wizard, &ImportWizard::importFinished);
    wizard.next();  // starts the run
    QVERIFY(finished.wait(120000));
    QTRY_COMPARE(wizard.currentId(), int(ImportWizard::ReportPage));
    const library::ImportReport &report = wizard.report();
    QCOMPARE(report.status, library::ImportReport::Status::Completed);
    QVERIFY(report.totals().imported >= 8);
    bool multiRejected = false;
    for (const library::ImportEntry &e : report.entries)
        if (e.sourceLabel.contains(QStringLiteral("multi_two_people")))
            multiRejected = e.outcome == library::ImportOutcome::Rejected && e.errorCode == 100016;
    QVERIFY(multiRejected);
    // The report table shows every row with its result and a thumbnail.
    QAbstractItemModel *table = wizard.reportTable()->model();
    QCOMPARE(table->rowCount(), int(report.entries.size()));
    int withThumbnail = 0;
    for (int row = 0; row < table->rowCount(); ++row) {
        const bool shown = !table->index(row, ImportReportModel::Photo).data(Qt::DecorationRole).isNull();
        QCOMPARE(shown, !report.entries[row].thumbnail.isEmpty());
        withThumbnail += shown;
    }
    QVERIFY(withThumbnail >= report.totals().imported);
    // The persons are in the library, on the chosen list.
    QCOMPARE(m_panel->store()->countPersons({}), report.totals().imported);
    library::PersonFilter vip;
    vip.listId = library::sort::Vip;
    QCOMPARE(m_panel->store()->countPersons(vip), report.totals().imported);
}

// File names read by their shape: the preview says how, with the counts, asks what
// short trailing numbers are when the set cannot tell, and the answer is applied.
void TestLibraryGui::importWizardReadsNamesByShape()
{
    if (!QFileInfo::exists(QStringLiteral(SHARED_DIR "/faces/obama_1.jpg")))
        QSKIP("../shared/faces is not there");
    QTemporaryDir folder;
    const QList<QPair<QString, QString>> copies = {{QStringLiteral("obama_1.jpg"), QStringLiteral("Ann_17.jpg")},
                                                   {QStringLiteral("biden_1.jpg"), QStringLiteral("Bob_23.jpg")},
                                                   {QStringLiteral("kit_harington_1.jpg"), QStringLiteral("Cat_42.jpg")},
                                                   {QStringLiteral("rose_leslie_1.jpg"), QStringLiteral("10023_Jane Doe.jpg")},
                                                   {QStringLiteral("alex_lacamoire_1.jpg"), QStringLiteral("IMG_4521.JPG")}};
    for (const auto &[from, to] : copies)
        QVERIFY(QFile::copy(QStringLiteral(SHARED_DIR "/faces/") + from, folder.filePath(to)));
    store::DatabaseConfig config;
    config.dataDir = m_dir->path();
    ImportWizard wizard(config);
    wizard.setSource(ImportWizard::SourceKind::Folder, folder.path());
    wizard.setPattern(QString());
    wizard.show();
    wizard.next();
    QCOMPARE(wizard.currentId(), int(ImportWizard::PreviewPage));
    const auto *info = wizard.findChild<QLabel *>(QStringLiteral("importSourceInfo"));
    QVERIFY(info);
    QVERIFY2(info->text().contains(QLatin1String("File names read by their shape")), qPrintable(info->text()));
    QVERIFY2(info->text().contains(QLatin1String("if they are card numbers")), qPrintable(info->text()));
    QVERIFY(info->text().contains(QLatin1String("camera names, no person (IMG_4521): 1")));
    auto *trailing = wizard.findChild<QComboBox *>(QStringLiteral("importTrailing"));
    QVERIFY(trailing && trailing->isVisible());
    const auto cell = [&wizard](const QString &file, int column) {
        QTableWidget *t = wizard.previewTable();
        for (int r = 0; r < t->rowCount(); ++r)
            if (t->item(r, 5)->text() == file)
                return t->item(r, column)->text();
        return QStringLiteral("(no row)");
    };
    QCOMPARE(cell(QStringLiteral("Ann_17.jpg"), 1), QStringLiteral("Ann"));
    QCOMPARE(cell(QStringLiteral("Ann_17.jpg"), 2), QString());  // a photo counter, so far
    QCOMPARE(cell(QStringLiteral("10023_Jane Doe.jpg"), 2), QStringLiteral("10023"));
    QVERIFY(cell(QStringLiteral("IMG_4521.JPG"), 6).contains(QLatin1String("names nobody")));
    // The admin says those are card numbers: the preview and the run follow.
    wizard.setTrailingNumbers(library::FileNameReading::Trailing::Card);
    QCOMPARE(cell(QStringLiteral("Ann_17.jpg"), 2), QStringLiteral("17"));
    QSignalSpy finished(&wizard, &ImportWizard::importFinished);
    wizard.next();
    QVERIFY(finished.wait(120000));
    QCOMPARE(wizard.report().totals().imported, 5);
    const qint64 ann = m_panel->store()->personByCard(QStringLiteral("17"));
    QVERIFY(ann > 0);
    QCOMPARE(m_panel->store()->person(ann)->name, QStringLiteral("Ann"));
}

// A new list is saved on the query worker like the other bulk edits: the list appears
// in the store, the trail has the edit as the window's, and an empty name saves nothing.
void TestLibraryGui::newListIsSavedOnTheWorkerAndAudited()
{
    m_panel->setOperatorName(QStringLiteral("ann"));
    QString answer = QStringLiteral("Contractors");
    QTimer typist;  // types the name once the modal name box is up
    typist.setInterval(10);
    connect(&typist, &QTimer::timeout, this, [&] {
        if (auto *box = qobject_cast<QInputDialog *>(QApplication::activeModalWidget())) {
            typist.stop();
            box->setTextValue(answer);
            box->accept();
        }
    });
    QSignalSpy edited(m_panel.get(), &LibraryPanel::editFinished);
    const qsizetype listsBefore = m_panel->store()->lists().size();
    typist.start();
    m_panel->newList();
    QVERIFY(!edited.isEmpty() || edited.wait(10000));
    QCOMPARE(edited.takeFirst().first().toString(), QString());
    const QList<library::FaceList> lists = m_panel->store()->lists();
    QCOMPARE(lists.size(), listsBefore + 1);
    QCOMPARE(lists.last().name, QStringLiteral("Contractors"));

    QString error;
    operators::AuditFilter filter;
    filter.action = QStringLiteral("edit-library");
    const QList<operators::AuditRecord> trail = operators::AuditLog(m_panel->store()->database()).records(filter, &error);
    QVERIFY2(!trail.isEmpty(), qPrintable(error));
    QCOMPARE(trail.last().operatorName, QStringLiteral("ann"));
    QCOMPARE(trail.last().target, QStringLiteral("list %1").arg(lists.last().id));
    QVERIFY(trail.last().details.contains(QStringLiteral("\"where\":\"window\"")));
    QVERIFY(trail.last().details.contains(QStringLiteral("Contractors")));

    answer = QStringLiteral("   ");  // nothing to save: no edit, no record
    typist.start();
    m_panel->newList();
    QVERIFY(!typist.isActive());
    // An edit wrongly queued would be answered before this: the worker keeps order.
    bool drained = false;
    m_queries->run([](QSqlDatabase &) {}).then(this, [&drained] { drained = true; });
    QTRY_VERIFY_WITH_TIMEOUT(drained, 10000);
    QCOMPARE(edited.size(), 0);
    QCOMPARE(m_panel->store()->lists().size(), listsBefore + 1);
    QCOMPARE(operators::AuditLog(m_panel->store()->database()).records(filter, &error).size(), trail.size());
}

QTEST_MAIN(TestLibraryGui)
#include "tst_librarygui.moc"
