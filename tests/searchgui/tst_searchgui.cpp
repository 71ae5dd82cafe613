// The Search view driven offscreen over a seeded archive: filters reach the query,
// results page in as the view scrolls, a double-click opens the event, and the CSV
// and PDF exports hold every row.
#include "FaceSearchController.h"
#include "PersonTimelineDialog.h"
#include "store/QueryWorker.h"
#include "SearchPanel.h"
#include "TimelineView.h"

#include "library/LibraryStore.h"
#include "SearchResultModel.h"

#include "store/Database.h"
#include "store/ImageStore.h"
#include "face/FaceEngine.h"

#include <algorithm>
#include <cmath>

#include <QBuffer>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace fd;
using namespace fd::ui;

class TestSearchGui : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void searchFiltersAndCounts();
    void resultsPageInWhileScrolling();
    void bestScoreFirstNormalisesScales();
    void doubleClickOpensEvent();
    void exportsHoldEveryRow();
    void personTimelineAndAttendance();
    void similarFacesFromAPhoto();

private:
    // Runs the panel's search and waits for its count and first page (the worker's).
    void search();
    // Waits for the page the model is reading, if any.
    static bool settled(SearchResultModel *model);

    QTemporaryDir m_dir;
    std::unique_ptr<store::QueryWorker> m_queries;
    std::unique_ptr<SearchPanel> m_panel;
    static constexpr int Events = 450;
};

void TestSearchGui::initTestCase()
{
    store::DatabaseConfig config;
    config.dataDir = m_dir.path();
    QString error;
    {
        QSqlDatabase db = store::openDatabase(config, QStringLiteral("seed"), &error);
        QVERIFY2(db.isOpen(), qPrintable(error));
        store::ImageStore images(config.imagesDir());
        QImage face(64, 64, QImage::Format_RGB32);
        face.fill(Qt::darkCyan);
        QByteArray jpeg;
        {
            QBuffer buffer(&jpeg);
            buffer.open(QIODevice::WriteOnly);
            face.save(&buffer, "JPG");
        }
        const QString facePath = images.put(jpeg, &error);
        QVERIFY(!facePath.isEmpty());
        QVERIFY(db.transaction());
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO events (dedup_key, received_at, device_uuid, method, pic_sort, pic_name, "
                                 "match_score, capture_at, face_path) VALUES (?,?,?,'sw_face_compare_push',?,?,?,?,?)"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int n = 0; n < Events; ++n) {
            q.addBindValue(QStringLiteral("k%1").arg(n));
            q.addBindValue(now);
            q.addBindValue(n % 2 ? QStringLiteral("gate") : QStringLiteral("door"));
            q.addBindValue(n % 10 == 0 ? 1 : 2);
            q.addBindValue(n % 10 == 0 ? QStringLiteral("Mallory") : QStringLiteral("Staff %1").arg(n));
            // Half the devices say 0.87, the other half 87.
            q.addBindValue(n % 2 ? 0.5 + (n % 50) / 100.0 : 50.0 + (n % 50));
            q.addBindValue(now - qint64(n) * 1000);
            q.addBindValue(facePath);
            QVERIFY(q.exec());
        }
        QVERIFY(db.commit());
    }
    QSqlDatabase::removeDatabase(QStringLiteral("seed"));
    m_queries = std::make_unique<store::QueryWorker>(config, QStringLiteral("test-search"));
    m_panel = std::make_unique<SearchPanel>(m_queries.get(), nullptr);
    m_panel->resize(1200, 600);
    m_panel->show();
}

void TestSearchGui::cleanupTestCase()
{
    m_panel.reset();
    m_queries.reset();
}

bool TestSearchGui::settled(SearchResultModel *model)
{
    // (An answer the worker had ready before its continuation was attached arrives at
    // once; the view may ask for another page as rows come in.)
    for (int pages = 0; pages < 100 && model->isLoading(); ++pages) {
        QSignalSpy loaded(model, &SearchResultModel::loaded);
        if (!loaded.wait(10000))
            return false;
    }
    return !model->isLoading();
}

void TestSearchGui::search()
{
    m_panel->runSearch();
    QVERIFY(settled(m_panel->results()));
}

void TestSearchGui::searchFiltersAndCounts()
{
    m_panel->resetFilters();
    search();
    QCOMPARE(m_panel->results()->matchCount(), Events);
    QVERIFY(m_panel->countLabel()->text().contains(QString::number(Events)));
    m_panel->personEdit()->setText(QStringLiteral("mallory"));
    search();
    QCOMPARE(m_panel->results()->matchCount(), Events / 10);
    QCOMPARE(m_panel->results()->rowCount(), Events / 10);
    for (int row = 0; row < m_panel->results()->rowCount(); ++row)
        QCOMPARE(m_panel->results()->hitAt(row).personName, QStringLiteral("Mallory"));
    m_panel->personEdit()->clear();
    m_panel->setLists({1});
    search();
    QCOMPARE(m_panel->results()->matchCount(), Events / 10);
    m_panel->setLists({});
}

void TestSearchGui::resultsPageInWhileScrolling()
{
    m_panel->resetFilters();
    search();
    SearchResultModel *model = m_panel->results();
    QCOMPARE(model->rowCount(), SearchResultModel::PageSize);
    QVERIFY(model->canFetchMore({}));
    // Scrolling to the end asks the model for more, as a user's scroll does.
    QTableView *view = m_panel->resultView();
    for (int i = 0; i < 20 && model->rowCount() < Events; ++i) {
        view->scrollToBottom();
        QApplication::processEvents();
        QVERIFY(settled(model));
    }
    QCOMPARE(model->rowCount(), Events);
    QVERIFY(!model->canFetchMore({}));
    // Newest first: times never increase down the list.
    for (int row = 1; row < model->rowCount(); ++row)
        QVERIFY(model->hitAt(row - 1).captureTime >= model->hitAt(row).captureTime);
    // Faces arrive for the rows on screen.
    const QModelIndex first = model->index(0, SearchResultModel::Face);
    model->data(first, Qt::DecorationRole);
    QTRY_VERIFY_WITH_TIMEOUT(!model->data(first, Qt::DecorationRole).isNull(), 10000);
}

void TestSearchGui::bestScoreFirstNormalisesScales()
{
    m_panel->resetFilters();
    m_panel->sortBox()->setCurrentIndex(m_panel->sortBox()->findData(int(search::EventOrder::BestScoreFirst)));
    search();
    SearchResultModel *model = m_panel->results();
    while (model->canFetchMore({})) {
        model->fetchMore({});
        QVERIFY(settled(model));
    }
    QCOMPARE(model->rowCount(), Events);
    QCOMPARE(qRound(model->hitAt(0).matchScore), 99);
    for (int row = 1; row < model->rowCount(); ++row)
        QVERIFY(model->hitAt(row - 1).matchScore >= model->hitAt(row).matchScore - 1e-9);
    QCOMPARE(model->data(model->index(0, SearchResultModel::Score), Qt::DisplayRole).toString(), QStringLiteral("99%"));
    m_panel->sortBox()->setCurrentIndex(0);
}

void TestSearchGui::doubleClickOpensEvent()
{
    m_panel->resetFilters();
    search();
    QSignalSpy opened(m_panel.get(), &SearchPanel::openEvent);
    QTableView *view = m_panel->resultView();
    const QModelIndex index = view->model()->index(2, SearchResultModel::Person);
    view->scrollTo(index);
    const QPoint at = view->visualRect(index).center();
    // What a real double-click delivers: a click, then the double-click.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(opened.size(), 0);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
    QTRY_COMPARE(opened.size(), 1);
    QCOMPARE(opened.first().first().toLongLong(), m_panel->results()->hitAt(2).id);
}

void TestSearchGui::exportsHoldEveryRow()
{
    m_panel->resetFilters();
    search();
    const QString csv = m_dir.filePath(QStringLiteral("out.csv"));
    QFuture<QString> written = m_panel->exportCsv(csv);
    QTRY_VERIFY_WITH_TIMEOUT(written.isFinished(), 20000);
    QVERIFY2(written.result().isEmpty(), qPrintable(written.result()));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), Events + 1);
    QVERIFY(lines[0].startsWith("event_id,time,device_uuid"));
    const QString pdf = m_dir.filePath(QStringLiteral("out.pdf"));
    written = m_panel->exportPdf(pdf);
    QTRY_VERIFY_WITH_TIMEOUT(written.isFinished(), 20000);
    QVERIFY2(written.result().isEmpty(), qPrintable(written.result()));
    QFile p(pdf);
    QVERIFY(p.open(QIODevice::ReadOnly));
    QVERIFY(p.read(5) == "%PDF-");
    QVERIFY(p.size() > 10000);  // thumbnails and text for 450 rows, several pages
}

void TestSearchGui::personTimelineAndAttendance()
{
    store::DatabaseConfig config;
    config.dataDir = m_dir.path();
    QString error;
    qint64 person = -1;
    const QDate today = QDate::currentDate();
    {
        QSqlDatabase db = store::openDatabase(config, QStringLiteral("timeline-seed"), &error);
        library::LibraryStore lib(db, config.libraryDir());
        library::NewPerson p;
        p.name = QStringLiteral("Grace Hopper");
        p.cardNo = QStringLiteral("G-1");
        person = lib.addPersons({p}).value(0, -1);
        QVERIFY(person > 0);
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO events (dedup_key, received_at, device_uuid, method, index_id, capture_at) "
                                 "VALUES (?, 0, ?, 'sw_face_compare_push', ?, ?)"));
        // Two days ago at the gate and the lab, yesterday at the gate only, and one
        // sighting ten days ago that the period leaves out.
        const QList<std::tuple<int, int, QString>> seen = {{-2, 9, QStringLiteral("gate")}, {-2, 17, QStringLiteral("lab")},
                                                           {-2, 12, QStringLiteral("gate")}, {-1, 8, QStringLiteral("gate")},
                                                           {-10, 9, QStringLiteral("gate")}};
        int n = 0;
        for (const auto &[day, hour, device] : seen) {
            q.addBindValue(QStringLiteral("t%1").arg(n++));
            q.addBindValue(device);
            q.addBindValue(person);
            q.addBindValue(QDateTime(today.addDays(day), QTime(hour, 0)).toMSecsSinceEpoch());
            QVERIFY(q.exec());
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("timeline-seed"));

    PersonTimelineDialog dialog(m_queries.get(), person);
    QSignalSpy shown(&dialog, &PersonTimelineDialog::reloaded);
    dialog.setPeriod(today.addDays(-6), today);
    dialog.show();
    QVERIFY(!shown.isEmpty() || shown.wait(10000));  // read on the query worker
    // The name is read by a query of its own, queued first but answered through the
    // event loop, while the sightings' answer may come synchronously (the worker can
    // finish before the continuation is attached): under load it came second.
    QTRY_VERIFY_WITH_TIMEOUT(dialog.windowTitle().contains(QStringLiteral("Grace Hopper")), 10000);
    QCOMPARE(dialog.days().size(), 2);
    QCOMPARE(dialog.days()[0].day, today.addDays(-2));
    QCOMPARE(dialog.days()[0].firstSeen.time(), QTime(9, 0));
    QCOMPARE(dialog.days()[0].lastSeen.time(), QTime(17, 0));
    QCOMPARE(dialog.days()[0].lastDevice, QStringLiteral("lab"));
    QCOMPARE(dialog.days()[0].sightings, 3);
    QCOMPARE(dialog.attendanceTable()->rowCount(), 2);
    QCOMPARE(dialog.timeline()->lanes(), QStringList({QStringLiteral("gate"), QStringLiteral("lab")}));

    QSignalSpy opened(&dialog, &PersonTimelineDialog::openEvent);
    QTest::mouseClick(dialog.timeline(), Qt::LeftButton, {}, dialog.timeline()->markPosition(0));
    QCOMPARE(opened.size(), 1);

    const QString csv = m_dir.filePath(QStringLiteral("attendance.csv"));
    QVERIFY2(dialog.exportCsv(csv, &error), qPrintable(error));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll().trimmed().split('\n').size(), 3);

    // Faces like the person's photo come from a pool thread and join the time line:
    // an event already there counts once, a new one adds a sighting and a day.
    QThread *gui = QThread::currentThread();
    std::atomic<bool> offGuiThread = false;
    const qint64 known = opened.first().first().toLongLong();  // the sighting clicked above
    PersonTimelineDialog withFaces(m_queries.get(), person, [&](qint64, const QDateTime &, const QDateTime &, float) {
        offGuiThread = QThread::currentThread() != gui;
        const QDateTime fourDaysAgo(today.addDays(-4), QTime(12, 0));  // a day with no sighting by index_id
        return QList<search::Sighting>{{known, fourDaysAgo.toUTC(), QStringLiteral("gate"), QStringLiteral("gate"), 0.9f},
                                       {999999, fourDaysAgo.toUTC(), QStringLiteral("lab"), QStringLiteral("lab"), 0.8f}};
    });
    QSignalSpy reloaded(&withFaces, &PersonTimelineDialog::reloaded);
    withFaces.setPeriod(today.addDays(-6), today);
    QVERIFY(!reloaded.isEmpty() || reloaded.wait(10000));
    QCOMPARE(withFaces.days().size(), 2);
    reloaded.clear();
    withFaces.setSimilarShown(true);
    // The continuation may already have run when the search finished at once.
    QVERIFY(!reloaded.isEmpty() || reloaded.wait(10000));
    QVERIFY(offGuiThread);
    QCOMPARE(withFaces.days().size(), 3);
    QVERIFY(withFaces.findChild<QLabel *>(QStringLiteral("timelineSummary"))->text().contains(QLatin1String("1 of them by face similarity")));
}

// The photo path end to end through the window's face search: archived events with
// real faces get local features in the background, and a photo finds its own event
// (a re-encoded copy) first, with the similarity shown.
void TestSearchGui::similarFacesFromAPhoto()
{
    const QDir faces(QStringLiteral(SHARED_DIR "/faces"));
    const QStringList names = {QStringLiteral("obama_1.jpg"), QStringLiteral("biden_1.jpg"), QStringLiteral("rose_leslie_1.jpg"),
                               QStringLiteral("kit_harington_1.jpg"), QStringLiteral("alex_lacamoire_1.jpg")};
    if (!faces.exists(names.first()))
        QSKIP("../shared/faces is not present");
    QTemporaryDir dir;
    store::DatabaseConfig config;
    config.dataDir = dir.path();
    QString error;
    QList<qint64> ids;
    {
        QSqlDatabase db = store::openDatabase(config, QStringLiteral("faces-seed"), &error);
        store::ImageStore images(config.imagesDir());
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO events (dedup_key, received_at, device_uuid, method, capture_at, face_path) "
                                 "VALUES (?, 0, 'cam', 'sw_face_capture_push', ?, ?)"));
        for (const QString &name : names) {
            QFile f(faces.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QImage image = QImage::fromData(f.readAll());
            if (name == names.first())
                image = image.scaled(image.width() * 9 / 10, image.height() * 9 / 10);  // a different shot of the file
            QByteArray jpeg;
            QBuffer buffer(&jpeg);
            buffer.open(QIODevice::WriteOnly);
            image.save(&buffer, "JPG", 70);
            q.addBindValue(name);
            q.addBindValue(QDateTime::currentMSecsSinceEpoch());
            q.addBindValue(images.put(jpeg, &error));
            QVERIFY(q.exec());
            ids << q.lastInsertId().toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("faces-seed"));

    store::QueryWorker queries(config, QStringLiteral("test-faces"));
    SearchPanel panel(&queries, nullptr);
    FaceSearchController controller(config, QString());
    QSignalSpy ready(&controller, &FaceSearchController::ready);
    panel.setFaceSearch(&controller);
    QVERIFY(ready.wait(60000));
    QVERIFY(controller.search());
    QVERIFY(controller.search()->localCount() >= 4);
    // The threshold speaks the CNN engine's language: a distance, the same-person
    // point marked; a cosine set from code shows as its distance (0 -> sqrt 2).
    auto *thresholdText = panel.findChild<QLabel *>(QStringLiteral("similarityThresholdText"));
    QVERIFY(thresholdText);
    QCOMPARE(thresholdText->text(), QStringLiteral("0.42 (same person)"));
    panel.setSimilarityThreshold(0.0);
    QCOMPARE(thresholdText->text(), QStringLiteral("1.41"));
    QSignalSpy finished(&panel, &SearchPanel::similarFinished);
    panel.similarToPhoto(faces.filePath(names.first()));
    // The search runs off the GUI thread: the panel is answering while it looks.
    QVERIFY(panel.countLabel()->text().contains(QLatin1String("Looking for faces like")));
    QVERIFY(!finished.isEmpty() || finished.wait(60000));
    const QString why = finished.takeFirst().first().toString();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    SearchResultModel *model = panel.results();
    QVERIFY(model->isRanked());
    QVERIFY(model->rowCount() >= 4);
    QCOMPARE(model->hitAt(0).id, ids.first());
    for (int row = 1; row < model->rowCount(); ++row)
        QVERIFY(model->similarityAt(row - 1) >= model->similarityAt(row));
    QVERIFY(!panel.resultView()->isColumnHidden(SearchResultModel::Similarity));
    // The column speaks as the slider does: the CNN's distance, nearest first.
    QCOMPARE(model->headerData(SearchResultModel::Similarity, Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("Distance"));
    for (int row = 0; row < model->rowCount(); ++row) {
        const double cosine = model->similarityAt(row);
        const QString shown = model->data(model->index(row, SearchResultModel::Similarity), Qt::DisplayRole).toString();
        QVERIFY(qAbs(shown.toDouble() - double(face::unitDistance(float(cosine)))) < 0.0011);
    }
    QVERIFY(panel.countLabel()->text().contains(names.first()));
    // A photo with no face says so instead of showing anything.
    const QString blank = dir.filePath(QStringLiteral("blank.png"));
    QImage white(200, 200, QImage::Format_RGB32);
    white.fill(Qt::white);
    white.save(blank);
    panel.similarToPhoto(blank);
    QVERIFY(!finished.isEmpty() || finished.wait(60000));
    const QString noFace = finished.takeFirst().first().toString();
    QVERIFY(!noFace.isEmpty());
    QCOMPARE(panel.countLabel()->text(), noFace);
    QVERIFY(model->rowCount() >= 4);  // the earlier results stay
    // Two searches at once: the newer one's answer is what stays (the older one's is
    // dropped if it comes later, and shown first if it came before the newer began).
    panel.similarToPhoto(blank);
    panel.similarToPhoto(faces.filePath(names.first()));
    while (finished.isEmpty() || !finished.last().first().toString().isEmpty())
        QVERIFY(finished.wait(60000));
    QVERIFY(finished.size() <= 2);
    QCOMPARE(model->hitAt(0).id, ids.first());
}

QTEST_MAIN(TestSearchGui)
#include "tst_searchgui.moc"
