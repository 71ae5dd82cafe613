#include "Screenshots.h"

#include "WelcomePanel.h"

#include "EventDetailDialog.h"
#include "FaceSearchController.h"
#include "ImportWizard.h"
#include "LibraryPanel.h"
#include "LiveEventModel.h"
#include "AssignDialog.h"
#include "AuditPanel.h"
#include "LoginDialog.h"
#include "MainWindow.h"
#include "PersonEditDialog.h"
#include "PersonTableModel.h"
#include "PersonTimelineDialog.h"
#include "SearchPanel.h"

#include <QApplication>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QScrollArea>
#include <QTimer>
#include <QLineEdit>
#include <QListView>
#include <QTableView>

namespace fd::app {

namespace {

// Lets queued work (thumbnails decoding on the pool, a background run) arrive.
void settle(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QApplication::processEvents(QEventLoop::AllEvents, 50);
}

// A docked panel on its own, at a size where every column shows. A panel in a scroll
// area (the settings) is taken out of it whole, at least at its own size, and put back.
void grabPanel(QWidget *panel, QSize size, const QString &file)
{
    QWidget *home = panel->parentWidget();
    auto *scroll = home ? qobject_cast<QScrollArea *>(home->parentWidget()) : nullptr;
    if (scroll && scroll->widget() == panel) {
        scroll->takeWidget();
        size = size.expandedTo(panel->sizeHint());
    } else {
        scroll = nullptr;
        panel->setParent(nullptr);
    }
    panel->resize(size);
    panel->show();
    settle(1500);
    panel->grab().save(file);
    if (scroll)
        scroll->setWidget(panel);
    else
        panel->setParent(home);
}

// The timeline reads on the window's query worker: wait for its view (at most 10 s).
void awaitTimeline(ui::PersonTimelineDialog *dialog)
{
    QEventLoop loaded;
    QObject::connect(dialog, &ui::PersonTimelineDialog::reloaded, &loaded, &QEventLoop::quit);
    QTimer::singleShot(10000, &loaded, &QEventLoop::quit);
    loaded.exec();
}

// A dialog the library panel opened reads on the query worker: wait for it (at most 10 s).
template<typename Dialog>
Dialog *awaitDialog(ui::LibraryPanel *panel)
{
    QElapsedTimer waited;
    waited.start();
    Dialog *dialog = nullptr;
    while (waited.elapsed() < 10000 && !((dialog = panel->findChild<Dialog *>()) && dialog->isLoaded()))
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    return dialog;
}

// The person and assignment dialogs, on the first library person, as the panel opens them.
void grabLibraryDialogs(ui::MainWindow &window, const QMap<QString, QString> &files)
{
    ui::LibraryPanel *panel = window.libraryPanel();
    if (panel->model()->rowCount() == 0)
        return;
    if (files.contains(QStringLiteral("person"))) {
        panel->editPerson(panel->model()->personAt(0).indexId);
        if (auto *dialog = awaitDialog<ui::PersonEditDialog>(panel)) {
            settle(300);
            dialog->grab().save(files[QStringLiteral("person")]);
            dialog->close();
        }
    }
    if (files.contains(QStringLiteral("assign"))) {
        panel->table()->selectRow(0);
        panel->assignSelected();
        if (auto *dialog = awaitDialog<ui::AssignDialog>(panel)) {
            settle(300);
            dialog->grab().save(files[QStringLiteral("assign")]);
            dialog->close();
        }
    }
}

} // namespace

QList<QPair<QString, QString>> screenshotKinds()
{
    return {{QStringLiteral("detail"), QApplication::translate("main", "the newest library match's detail view")},
            {QStringLiteral("devices"), QApplication::translate("main", "the devices panel")},
            {QStringLiteral("settings"), QApplication::translate("main", "the settings panel (alert rules, match thresholds)")},
            {QStringLiteral("library"), QApplication::translate("main", "the face library editor")},
            {QStringLiteral("person"), QApplication::translate("main", "the person dialog on the first library person")},
            {QStringLiteral("assign"), QApplication::translate("main", "the assignment dialog for the first library person")},
            {QStringLiteral("search"), QApplication::translate("main", "the search view with today's events")},
            {QStringLiteral("timeline"), QApplication::translate("main", "the first library person's timeline")},
            {QStringLiteral("similar"), QApplication::translate("main", "a face search for the library person seen most")},
            {QStringLiteral("import-preview"), QApplication::translate("main", "the import wizard's preview of the demo photos")},
            {QStringLiteral("import-report"), QApplication::translate("main", "the import wizard's report on the demo photos")},
            {QStringLiteral("welcome"), QApplication::translate("main", "the welcome page a desk without devices shows")},
            {QStringLiteral("disk-full"), QApplication::translate("main", "the window while the archive's disk is full")},
            {QStringLiteral("login"), QApplication::translate("main", "the sign-in dialog after a wrong password")},
            {QStringLiteral("guard"), QApplication::translate("main", "the window as a guard sees it (search, library, settings disabled)")},
            {QStringLiteral("audit"), QApplication::translate("main", "the audit viewer with the chain checked")},
            {QStringLiteral("database-unreachable"),
             QApplication::translate("main", "the window while the archive's PostgreSQL cannot be reached")}};
}

void takeScreenshots(ui::MainWindow &window, const QString &windowFile, const QMap<QString, QString> &files,
                     const QString &facesDir)
{
    window.grab().save(windowFile);
    if (files.contains(QStringLiteral("welcome"))) {
        window.showWelcome();
        QEventLoop checked;
        QObject::connect(window.welcomePanel(), &ui::WelcomePanel::selfCheckDone, &checked, &QEventLoop::quit);
        QTimer::singleShot(5000, &checked, &QEventLoop::quit);
        window.welcomePanel()->runSelfCheck();
        checked.exec();
        window.grab().save(files[QStringLiteral("welcome")]);
        emit window.welcomePanel()->wallRequested();
    }
    if (files.contains(QStringLiteral("disk-full"))) {
        window.showStorageFull(true, QStringLiteral("cannot write images/3fa/3fa2.jpg: No space left on device"));
        settle(300);  // the status bar lays the label out
        window.grab().save(files[QStringLiteral("disk-full")]);
        window.showStorageFull(false, {});
    }
    if (files.contains(QStringLiteral("database-unreachable"))) {
        window.showDatabaseReachable(false, QDateTime::currentDateTimeUtc().addSecs(-90),
                                     QStringLiteral("connection to server at \"db.site.lan\" (10.0.0.5), port 5432 failed: "
                                                    "Connection refused"));
        settle(300);
        window.grab().save(files[QStringLiteral("database-unreachable")]);
        window.showDatabaseReachable(true, {}, {});
    }
    if (files.contains(QStringLiteral("devices")))
        window.deviceTable()->parentWidget()->grab().save(files[QStringLiteral("devices")]);
    if (files.contains(QStringLiteral("login"))) {
        ui::LoginDialog dialog(window.queries(), ui::LoginDialog::Mode::SignIn, &window);
        dialog.show();
        dialog.nameEdit()->setText(QStringLiteral("gil"));
        dialog.passwordEdit()->setText(QStringLiteral("not the password"));
        QEventLoop answered;
        QObject::connect(&dialog, &ui::LoginDialog::answered, &answered, &QEventLoop::quit);
        QTimer::singleShot(10000, &answered, &QEventLoop::quit);
        dialog.submit();
        answered.exec();
        settle(300);
        dialog.grab().save(files[QStringLiteral("login")]);
    }
    if (files.contains(QStringLiteral("guard"))) {
        const QString was = window.operatorName();
        window.setOperator(QStringLiteral("gil"), auth::Role::Guard);
        settle(300);
        window.grab().save(files[QStringLiteral("guard")]);
        window.setOperator(was, auth::Role::Admin);
    }
    if (files.contains(QStringLiteral("settings"))) {
        if (auto *threshold = window.findChild<QDoubleSpinBox *>(QStringLiteral("matchThreshold1")))
            grabPanel(threshold->parentWidget(), QSize(560, 560), files[QStringLiteral("settings")]);
    }
    if (files.contains(QStringLiteral("audit"))) {
        window.auditPanel()->refresh();
        window.auditPanel()->verify();  // both answered while grabPanel lets the panel settle
        grabPanel(window.auditPanel(), QSize(1100, 480), files[QStringLiteral("audit")]);
    }
    if (files.contains(QStringLiteral("library")))
        grabPanel(window.libraryPanel(), QSize(1100, 560), files[QStringLiteral("library")]);
    grabLibraryDialogs(window, files);
    if (files.contains(QStringLiteral("search"))) {
        window.searchPanel()->runSearch();
        grabPanel(window.searchPanel(), QSize(1280, 640), files[QStringLiteral("search")]);
    }
    // The person seen most: the fullest time line, the most to find by face.
    qint64 mostSeen = -1;
    ui::PersonTableModel *persons = window.libraryPanel()->model();
    if ((files.contains(QStringLiteral("timeline")) || files.contains(QStringLiteral("similar"))) && persons->rowCount() > 0) {
        ui::PersonTimelineDialog *best = nullptr;
        int bestCount = -1;
        for (int row = 0; row < persons->rowCount(); ++row) {
            ui::PersonTimelineDialog *d = window.openTimeline(persons->personAt(row).indexId);
            awaitTimeline(d);
            int count = 0;
            for (const auto &day : d->days())
                count += day.sightings;
            if (count > bestCount) {
                if (best)
                    best->close();
                best = d;
                bestCount = count;
                mostSeen = persons->personAt(row).indexId;
            } else {
                d->close();
            }
        }
        best->setPeriod(QDate::currentDate(), QDate::currentDate());
        awaitTimeline(best);
        settle(300);
        if (files.contains(QStringLiteral("timeline")))
            best->grab().save(files[QStringLiteral("timeline")]);
        best->close();
    }
    if (files.contains(QStringLiteral("similar")) && mostSeen >= 0) {
        // Local features of the demo's events are computed in the background: wait
        // for the first ones (at most half a minute).
        ui::FaceSearchController *faces = window.faceSearch();
        QElapsedTimer waited;
        waited.start();
        faces->refresh();
        while (waited.elapsed() < 30000 && !(faces->search() && faces->search()->localCount() > 20)) {
            settle(500);
            faces->refresh();
        }
        window.searchPanel()->setSimilarityThreshold(0.5);
        QEventLoop done;
        QObject::connect(window.searchPanel(), &ui::SearchPanel::similarFinished, &done, &QEventLoop::quit);
        QTimer::singleShot(30000, &done, &QEventLoop::quit);
        window.searchPanel()->similarToPerson(mostSeen);
        done.exec();
        grabPanel(window.searchPanel(), QSize(1280, 860), files[QStringLiteral("similar")]);
    }
    if ((files.contains(QStringLiteral("import-preview")) || files.contains(QStringLiteral("import-report"))) && !facesDir.isEmpty()) {
        // The demo's own photos again: the report shows fixes, refusals and duplicates.
        ui::ImportWizard *wizard = window.openImport();
        wizard->setSource(ui::ImportWizard::SourceKind::Folder, facesDir);
        wizard->setPattern(QString());  // file names read by their shape, as a new admin sees it
        wizard->next();
        settle(300);
        if (files.contains(QStringLiteral("import-preview")))
            wizard->grab().save(files[QStringLiteral("import-preview")]);
        wizard->next();
        QElapsedTimer waited;
        waited.start();
        while (wizard->currentId() != ui::ImportWizard::ReportPage && waited.elapsed() < 120000)
            settle(200);
        settle(300);
        if (files.contains(QStringLiteral("import-report")))
            wizard->grab().save(files[QStringLiteral("import-report")]);
        wizard->close();
    }
    if (files.contains(QStringLiteral("detail"))) {
        // The newest tile that matched a library person makes the fullest picture.
        QAbstractItemModel *wall = window.wallView()->model();
        QModelIndex pick = wall->index(0, 0);
        for (int row = 0; row < wall->rowCount(); ++row)
            if (wall->index(row, 0).data(ui::LiveEventModel::ListRole).toInt() != int(ui::ListKind::None)) {
                pick = wall->index(row, 0);
                break;
            }
        window.openDetail(pick);
        // Its images are read on a pool thread: wait for them (at most 10 s).
        QElapsedTimer waited;
        waited.start();
        while (window.detailDialog()->imagesPending() && waited.elapsed() < 10000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
        window.detailDialog()->grab().save(files[QStringLiteral("detail")]);
    }
}

} // namespace fd::app
