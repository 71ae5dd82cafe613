// The face library editor driven as an admin would: add a person from a real photo
// (and see a bad photo refused), search, filter, move, assign and delete. Offscreen,
// on a real SQLite archive in a temporary folder; the dialogs' saves also on the
// throw-away PostgreSQL cluster (tst_librarygui_pg).
#include "../support/TestArchive.h"
#include "../support/TestLibrary.h"
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
    void editSavesOnTheWorkerAndAudits();
    void newListIsSavedOnTheWorkerAndAudited();
    void importWizardOnAFolder();
    void importWizardReadsNamesByShape();

private:
    qint64 addViaDialog(const QString &name, const QString &card, const QString &photo, int list = 2);
    // The archive, as the test sees it: a store on a connection of its own.
    testlibrary::Store library() { return testlibrary::Store(m_queries->config()); }
    QList<operators::AuditRecord> trailOf(const QString &action);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::QueryWorker> m_queries;
    std::unique_ptr<LibraryPanel> m_panel;
};

void TestLibraryGui::init()
{
    if (!QFile::exists(facePhoto(QStringLiteral("obama_1.jpg"))))
        QSKIP("../shared/faces is not present");
    m_dir = std::make_unique<QTemporaryDir>();
    m_queries = std::make_unique<store::QueryWorker>(testarchive::config(m_dir->path()), QStringLiteral("test-library"));
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

// The dialog's reads and its save run on the query worker: wait for each.
bool loadedDialog(PersonEditDialog &dialog)
{
    return dialog.isLoaded() || QSignalSpy(&dialog, &PersonEditDialog::loaded).wait(10000);
}

// What a dialog's save answered ("" saved), or "not started" when the form refused.
template<typename Dialog>
QString answerOf(Dialog &dialog, bool (Dialog::*save)(bool), void (Dialog::*answered)(const QString &))
{
    QSignalSpy answer(&dialog, answered);
    if (!(dialog.*save)(true))
        return QStringLiteral("not started");
    if (answer.isEmpty() && !answer.wait(10000))
        return QStringLiteral("no answer");
    return answer.first().first().toString();
}

QString savedAnswer(PersonEditDialog &dialog)
{
    return answerOf(dialog, &PersonEditDialog::save, &PersonEditDialog::saved);
}

QString applied(AssignDialog &dialog)
{
    return answerOf(dialog, &AssignDialog::apply, &AssignDialog::applied);
}

qint64 TestLibraryGui::addViaDialog(const QString &name, const QString &card, const QString &photo, int list)
{
    PersonEditDialog dialog(m_queries.get(), m_panel->validator(), -1, QStringLiteral("ann"), m_panel.get());
    QSignalSpy checked(&dialog, &PersonEditDialog::photoChecked);
    dialog.choosePhotoFile(facePhoto(photo));
    if (checked.isEmpty() && !checked.wait(20000))
        return -2;
    if (!loadedDialog(dialog))
        return -3;
    dialog.nameEdit()->setText(name);
    dialog.cardEdit()->setText(card);
    dialog.listBox()->setCurrentIndex(dialog.listBox()->findData(list));
    if (!savedAnswer(dialog).isEmpty())
        return -1;
    return dialog.result() == QDialog::Accepted ? dialog.indexId() : -4;
}

QList<operators::AuditRecord> TestLibraryGui::trailOf(const QString &action)
{
    store::ScopedConnection c(m_queries->config(), QStringLiteral("test-trail"));
    QString error;
    operators::AuditFilter filter;
    filter.action = action;
    return operators::AuditLog(c.db()).records(filter, &error);
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
    const library::Person p = *library()->person(id);
    QCOMPARE(p.photos.size(), 1);
    const QImage stored(library()->photoPath(p.photos[0]));
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
    const QList<qint64> ids = library()->addPersons({a, b});
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
    PersonEditDialog dialog(m_queries.get(), m_panel->validator(), -1, QStringLiteral("ann"), m_panel.get());
    QVERIFY(loadedDialog(dialog));
    QSignalSpy checked(&dialog, &PersonEditDialog::photoChecked);
    dialog.nameEdit()->setText(QStringLiteral("Two people"));
    dialog.choosePhotoFile(facePhoto(QStringLiteral("multi_two_people.jpg")));
    QVERIFY(checked.wait(20000));
    QVERIFY(dialog.photoCheck());
    QVERIFY(!dialog.photoCheck()->accepted);
    QCOMPARE(dialog.photoCheck()->errorCode, 100016);
    QVERIFY(dialog.validationLabel()->text().contains(QStringLiteral("100016")));
    QVERIFY(!dialog.save(true));
    QCOMPARE(library()->countPersons({}), 0);
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
    QCOMPARE(library()->person(a)->listId, 1);
    QCOMPARE(library()->person(b)->listId, 1);

    // Assign the two to a device, then to another, then the whole Blacklist to the first.
    store::DeviceRow gate;
    gate.uuid = QStringLiteral("gate-1");
    gate.name = QStringLiteral("Main gate");
    store::DeviceRow door;
    door.uuid = QStringLiteral("door-2");
    const qsizetype recordsBefore = trailOf(QStringLiteral("assign")).size();
    {
        AssignDialog dialog(m_queries.get(), {gate, door}, {a, b}, 1, QStringLiteral("ann"), m_panel.get());
        QVERIFY(dialog.isLoaded() || QSignalSpy(&dialog, &AssignDialog::loaded).wait(10000));
        QCOMPARE(dialog.targets()->count(), 2);
        QCOMPARE(dialog.targets()->item(0)->checkState(), Qt::Unchecked);
        dialog.targets()->item(0)->setCheckState(Qt::Checked);
        QVERIFY(applied(dialog).isEmpty());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    QCOMPARE(library()->wantedBy(QStringLiteral("gate-1")).size(), 2);
    {
        AssignDialog dialog(m_queries.get(), {gate, door}, {a, b}, 1, QStringLiteral("ann"), m_panel.get());
        QVERIFY(dialog.isLoaded() || QSignalSpy(&dialog, &AssignDialog::loaded).wait(10000));
        QCOMPARE(dialog.targets()->item(0)->checkState(), Qt::Checked);  // shows what is assigned
        dialog.targets()->item(1)->setCheckState(Qt::Checked);
        // Meanwhile another desk takes gate-1 off the two. The admin changed only
        // door-2's tick, so gate-1 stays as the other desk left it.
        QVERIFY(library()->unassignPersons(QStringLiteral("gate-1"), 0, {a, b}));
        QVERIFY(applied(dialog).isEmpty());
    }
    QCOMPARE(library()->wantedBy(QStringLiteral("door-2")).size(), 2);
    QCOMPARE(library()->wantedBy(QStringLiteral("gate-1")).size(), 0);  // not put back
    {
        AssignDialog dialog(m_queries.get(), {gate, door}, {a, b}, 1, QStringLiteral("ann"), m_panel.get());
        QVERIFY(dialog.isLoaded() || QSignalSpy(&dialog, &AssignDialog::loaded).wait(10000));
        dialog.wholeListChoice()->setChecked(true);
        QCOMPARE(dialog.targets()->item(0)->checkState(), Qt::Unchecked);
        dialog.targets()->item(0)->setCheckState(Qt::Checked);
        QVERIFY(applied(dialog).isEmpty());
    }
    QCOMPARE(library()->wantedBy(QStringLiteral("gate-1")).size(), 2);  // the whole list now
    {
        AssignDialog dialog(m_queries.get(), {gate, door}, {a, b}, 1, QStringLiteral("ann"), m_panel.get());
        QVERIFY(dialog.isLoaded() || QSignalSpy(&dialog, &AssignDialog::loaded).wait(10000));
        QVERIFY(applied(dialog).isEmpty());  // OK without a change: nothing to record
    }
    // Each saved change is in the trail, signed, with before and after.
    const QList<operators::AuditRecord> trail = trailOf(QStringLiteral("assign"));
    QCOMPARE(trail.size(), recordsBefore + 3);
    QCOMPARE(trail.last().operatorName, QStringLiteral("ann"));
    QCOMPARE(trail.last().target, QStringLiteral("list 1"));
    QVERIFY2(trail.last().details.contains(QStringLiteral("\"device\":\"gate-1\"")), qPrintable(trail.last().details));
    QCOMPARE(trail[trail.size() - 2].target, QStringLiteral("persons %1,%2").arg(a).arg(b));

    m_panel->table()->clearSelection();
    m_panel->table()->selectRow(m_panel->model()->rowOf(a));
    m_panel->deleteSelected(false);
    QVERIFY(!edited.isEmpty() || edited.wait(10000));
    QCOMPARE(edited.takeFirst().first().toString(), QString());
    QVERIFY(settled(m_panel->model()));
    QCOMPARE(m_panel->model()->rowCount(), 1);
    QVERIFY(!library()->person(a));
    QCOMPARE(library()->wantedBy(QStringLiteral("door-2")).size(), 1);
    QCOMPARE(library()->wantedBy(QStringLiteral("gate-1")).size(), 1);
}

void TestLibraryGui::duplicateCardIsRefused()
{
    QVERIFY(addViaDialog(QStringLiteral("Barack Obama"), QStringLiteral("C-1"), QStringLiteral("obama_1.jpg")) > 0);
    QCOMPARE(addViaDialog(QStringLiteral("Someone"), QStringLiteral("C-1"), QStringLiteral("biden_1.jpg")), -1);
    QCOMPARE(library()->countPersons({}), 1);
}

// Editing: the dialog shows the stored person once read, saves the change on the
// worker and records it (signed, with before and after); a person deleted while the
// dialog was open is answered so, and nothing is recreated.
void TestLibraryGui::editSavesOnTheWorkerAndAudits()
{
    const qint64 id = addViaDialog(QStringLiteral("Barack Obama"), QStringLiteral("C-9"), QStringLiteral("obama_1.jpg"));
    QVERIFY(id > 0);
    const QList<operators::AuditRecord> added = trailOf(QStringLiteral("edit-library"));
    QVERIFY(!added.isEmpty());
    QCOMPARE(added.last().target, QStringLiteral("person %1").arg(id));
    QVERIFY2(added.last().details.contains(QLatin1String("\"change\":\"add\"")), qPrintable(added.last().details));
    {
        PersonEditDialog dialog(m_queries.get(), m_panel->validator(), id, QStringLiteral("ann"), m_panel.get());
        QVERIFY(loadedDialog(dialog));
        QCOMPARE(dialog.nameEdit()->text(), QStringLiteral("Barack Obama"));
        QCOMPARE(dialog.cardEdit()->text(), QStringLiteral("C-9"));
        QVERIFY(dialog.validationLabel()->text().contains(QLatin1String("Stored photo")));
        dialog.nameEdit()->setText(QStringLiteral("Barack H. Obama"));
        QCOMPARE(savedAnswer(dialog), QString());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    QCOMPARE(library()->person(id)->name, QStringLiteral("Barack H. Obama"));
    QCOMPARE(library()->person(id)->photos.size(), 1);  // the stored photo kept
    const QList<operators::AuditRecord> edited = trailOf(QStringLiteral("edit-library"));
    QCOMPARE(edited.size(), added.size() + 1);
    QCOMPARE(edited.last().operatorName, QStringLiteral("ann"));
    const QString &details = edited.last().details;
    QVERIFY2(details.contains(QLatin1String("\"change\":\"edit\"")) && details.contains(QLatin1String("\"name\":\"Barack Obama\""))
                 && details.contains(QLatin1String("\"name\":\"Barack H. Obama\"")),
             qPrintable(details));

    PersonEditDialog late(m_queries.get(), m_panel->validator(), id, QStringLiteral("ann"), m_panel.get());
    QVERIFY(loadedDialog(late));
    QVERIFY(library()->removePersons({id}));
    QCOMPARE(savedAnswer(late), QStringLiteral("This person was deleted meanwhile."));
    QVERIFY(late.result() != int(QDialog::Accepted));
    QCOMPARE(library()->countPersons({}), 0);
    QCOMPARE(trailOf(QStringLiteral("edit-library")).size(), edited.size());  // nothing saved, nothing recorded

    PersonEditDialog gone(m_queries.get(), m_panel->validator(), id, QStringLiteral("ann"), m_panel.get());
    QTRY_VERIFY_WITH_TIMEOUT(gone.validationLabel()->text().contains(QLatin1String("deleted meanwhile")), 10000);
    QVERIFY(!gone.isLoaded());
    QCOMPARE(savedAnswer(gone), QStringLiteral("not started"));
}

// The wizard as an admin runs it on a folder of real photos: preview, run, report.
void TestLibraryGui::importWizardOnAFolder()
{
    ImportWizard wizard(m_queries->config(), library()->lists());
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
    QCOMPARE(library()->countPersons({}), report.totals().imported);
    library::PersonFilter vip;
    vip.listId = library::sort::Vip;
    QCOMPARE(library()->countPersons(vip), report.totals().imported);
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
    ImportWizard wizard(m_queries->config(), library()->lists());
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
    const qint64 ann = library()->personByCard(QStringLiteral("17"));
    QVERIFY(ann > 0);
    QCOMPARE(library()->person(ann)->name, QStringLiteral("Ann"));
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
    const qsizetype listsBefore = library()->lists().size();
    typist.start();
    m_panel->newList();
    QVERIFY(!edited.isEmpty() || edited.wait(10000));
    QCOMPARE(edited.takeFirst().first().toString(), QString());
    const QList<library::FaceList> lists = library()->lists();
    QCOMPARE(lists.size(), listsBefore + 1);
    QCOMPARE(lists.last().name, QStringLiteral("Contractors"));

    const QList<operators::AuditRecord> trail = trailOf(QStringLiteral("edit-library"));
    QVERIFY(!trail.isEmpty());
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
    QCOMPARE(library()->lists().size(), listsBefore + 1);
    QCOMPARE(trailOf(QStringLiteral("edit-library")).size(), trail.size());
}

QTEST_MAIN(TestLibraryGui)
#include "tst_librarygui.moc"
