// The desk window driven like a guard drives it, on the offscreen platform: the real
// MainWindow over the real listener, registry and archive in-process on loopback.
// Events come from devices pushing over HTTP (exact, known fields) or from the
// in-process simulator; the test clicks, types and reads back what the window shows
// and what reached the archive.
#include "../server/TestClient.h"
#include "../support/TestDesk.h"
#include "../support/TestLibrary.h"
#include "../support/ThreadSafeSpy.h"
#include "store/ArchiveFeed.h"

#include "AlertBanner.h"
#include "AuditPanel.h"
#include "AuditTableModel.h"
#include "PersonTableModel.h"
#include "RetentionSettings.h"
#include "LibraryPanel.h"
#include "library/LibraryStore.h"
#include "DeviceTableModel.h"
#include "EventDetailDialog.h"
#include "EventTile.h"
#include "EventTileDelegate.h"
#include "LiveEventModel.h"
#include "IdleWatch.h"
#include "LoginDialog.h"
#include "SearchPanel.h"
#include "MainWindow.h"
#include "operators/AuditLog.h"
#include "operators/OperatorStore.h"
#include "store/QueryWorker.h"
#include "store/ScopedConnection.h"
#include "WallFilterModel.h"
#include "WelcomePanel.h"
#include "FaceSearchController.h"
#include "face/CnnFaceEngine.h"
#include "face/FaceVision.h"
#include "library/PhotoValidator.h"
#include "match/FaceSearch.h"
#include "match/LiveMatcher.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "SimRunner.h"
#include "devices/DeviceRegistry.h"
#include "protocol/ErrorCodes.h"
#include "protocol/MessageCodec.h"
#include "server/FaceServer.h"
#include "store/Database.h"
#include "store/StoreWriter.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QJsonDocument>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QTimer>
#include <QToolBar>
#include <QStatusBar>
#include <QToolButton>
#include <QtTest>

#include <memory>
#include <optional>

using namespace fd;
using namespace fd::protocol;
using fd::ui::EventTile;
using fd::ui::ListKind;
using fd::ui::LiveEventModel;

namespace {

// ---- images ------------------------------------------------------------------------

QByteArray jpegOf(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 92);
    return bytes;
}

// A small face-sized JPEG: a uniform colour with a darker square, so it is a real,
// decodable picture and not a byte pattern.
QByteArray faceJpeg(QColor colour = QColor(0xE0, 0xB0, 0x90))
{
    QImage image(96, 96, QImage::Format_RGB32);
    image.fill(colour);
    QPainter p(&image);
    p.fillRect(28, 30, 40, 40, colour.darker(160));
    p.end();
    return jpegOf(image);
}

// A flat grey background, so a rectangle drawn on it can be found by its colour.
QByteArray sceneJpeg(int w = 320, int h = 240)
{
    QImage image(w, h, QImage::Format_RGB32);
    image.fill(QColor(0x80, 0x80, 0x80));
    return jpegOf(image);
}

// A real photo from ../shared/faces when the checkout has one.
QByteArray sharedPhoto()
{
    const QDir faces(QStringLiteral(SHARED_DIR "/faces"));
    const QStringList jpegs = faces.entryList({QStringLiteral("*.jpg")}, QDir::Files, QDir::Name);
    if (jpegs.isEmpty())
        return {};
    QFile f(faces.filePath(jpegs.first()));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool looksLike(const QColor &c, const QColor &want, int tolerance = 40)
{
    return qAbs(c.red() - want.red()) <= tolerance && qAbs(c.green() - want.green()) <= tolerance
        && qAbs(c.blue() - want.blue()) <= tolerance;
}

// ---- protocol ------------------------------------------------------------------------

int codeOf(const std::optional<net::Frame> &frame)
{
    if (!frame)
        return 999999;
    const Decoded d = decode(frame->json);
    if (const auto *s = d.as<StatusReply>())
        return s->code;
    if (const auto *k = d.as<KeepaliveReply>())
        return k->code;
    if (const auto *t = d.as<AccessTokenReply>())
        return t->code;
    return 888888;
}

// One device talking HTTP to the desk's listener over loopback.
class FakeDevice {
public:
    FakeDevice(QString uuid, QString name) : m_uuid(std::move(uuid)), m_name(std::move(name)) {}

    bool connectTo(quint16 port) { return m_client.connectTo(port); }
    QString uuid() const { return m_uuid; }
    QString token() const { return m_token; }

    // Asks for a token; the reply's code (0 when one was granted).
    int requestToken()
    {
        AccessTokenRequest req;
        req.uuid = m_uuid;
        req.deviceType = 0x12;
        req.mac = QStringLiteral("02:00:00:00:00:%1").arg(qHash(m_uuid) % 100, 2, 10, QLatin1Char('0'));
        const auto reply = m_client.post("/cloud_kq/api/getAccessToken", encode(req));
        if (!reply)
            return 999999;
        const Decoded d = decode(reply->json);
        const auto *t = d.as<AccessTokenReply>();
        if (!t)
            return 888888;
        m_token = t->token;
        return t->code;
    }

    int heartbeat()
    {
        KeepaliveRequest k;
        k.uuid = m_uuid;
        k.token = m_token;
        k.deviceType = 0x12;
        k.softVersion = QStringLiteral("V1.0.0");
        return codeOf(m_client.post("/keepalive", encode(k)));
    }

    // A compare push from this device; a unique img_name per push.
    FacePush event(qint64 indexId, int picSort, const QString &picName, std::optional<double> score)
    {
        FacePush p;
        p.kind = FacePush::Kind::Compare;
        p.uuid = m_uuid;
        p.token = m_token;
        p.productName = m_name;
        p.deviceType = 0x12;
        p.channel = 0;
        p.indexId = indexId;
        p.picSort = picSort;
        p.picName = picName;
        p.matchScore = score;
        const QDateTime now = QDateTime::currentDateTime();
        p.captureTimeText = now.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        p.captureTime = QDateTime::fromString(p.captureTimeText, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        p.image = faceJpeg();
        p.imageName = QStringLiteral("FACE_%1_%2.jpg").arg(m_uuid).arg(++m_sent);
        return p;
    }
    FacePush match(int picSort, const QString &picName, double score = 0.91, qint64 indexId = 478)
    {
        return event(indexId, picSort, picName, score);
    }
    FacePush stranger() { return event(-1, -1, QString(), std::nullopt); }
    // A capture camera's push (sw_face_capture_push): a face and no match.
    FacePush capture(const QByteArray &faceJpeg)
    {
        FacePush p = event(-1, -1, QString(), std::nullopt);
        p.kind = FacePush::Kind::Capture;
        p.deviceType = 0x10;
        p.trackId = m_sent;
        p.image = faceJpeg;
        return p;
    }

    int post(const FacePush &p) { return codeOf(m_client.post("/cloud_kq/api/face/push", encode(p))); }
    int postRaw(const QByteArray &body) { return codeOf(m_client.post("/cloud_kq/api/face/push", body)); }

private:
    TestClient m_client;
    QString m_uuid;
    QString m_name;
    QString m_token;
    int m_sent = 0;
};

// ---- the desk ------------------------------------------------------------------------

// Writer, registry, listener and window, wired as GuiMain wires them (the listener
// and the registry on their own thread), on a throw-away data folder.
// Runs an in-process simulator to its end: empty when it ran and exited 0.
QString runToEnd(sim::SimRunner &runner)
{
    QString error;
    if (!runner.prepare(&error))
        return error;
    QSignalSpy finished(&runner, &sim::SimRunner::finished);
    runner.start();
    if (!finished.wait(60000))
        return QStringLiteral("the simulator did not finish within a minute");
    const int exit = finished.first().first().toInt();
    return exit == 0 ? QString() : QStringLiteral("the simulator exited with %1").arg(exit);
}

// The shared test desk (TestDesk.h) as the application runs it (server side on a
// thread of its own, with the library sync) and the window on top.
struct Desk : TestDesk {
    std::unique_ptr<ui::MainWindow> window;

    std::unique_ptr<store::ArchiveFeed> feed;  // on a shared PostgreSQL archive, as GuiMain runs it

    // site: a shared PostgreSQL archive (#12) instead of SQLite in the desk's folder.
    bool start(bool acceptNewDevices, QString *error, const QHostAddress &bind = QHostAddress::LocalHost,
               const std::optional<store::DatabaseConfig> &site = std::nullopt)
    {
        options.database = site ? *site : store::DatabaseConfig{};
        if (!site)
            options.database.dataDir = dir.path();
        options.registry.acceptNewDevices = acceptNewDevices;
        options.server.bind = bind;
        options.sync = sync::SyncConfig{};
        options.ownThread = true;
        if (!TestDesk::start(error))
            return false;
        window = std::make_unique<ui::MainWindow>(server, registry, writer, db);
        if (site) {
            feed = std::make_unique<store::ArchiveFeed>(db, [w = writer](qint64 id) { return w->isOwnEvent(id); }, 300);
            if (!feed->start(error))
                return false;
            window->followArchive(feed.get());
        }
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get())) {
            *error = QStringLiteral("the window was never exposed");
            return false;
        }
        return true;
    }

    ~Desk() override
    {
        feed.reset();
        window.reset();
        QThreadPool::globalInstance()->waitForDone();  // face decoders still running
    }

    QList<QVariantList> query(const QString &sql) { return rows(sql); }

    LiveEventModel *wall() const { return window->wallModel(); }
    ui::AlertBanner *banner() const { return window->alertBanner(); }
    QToolButton *toolButton(QAction *action) const
    {
        auto *toolbar = window->findChild<QToolBar *>(QStringLiteral("wallToolbar"));
        return toolbar ? qobject_cast<QToolButton *>(toolbar->widgetForAction(action)) : nullptr;
    }
    QPushButton *button(const char *name) const { return window->findChild<QPushButton *>(QString::fromLatin1(name)); }
};

// ---- reading the wall ------------------------------------------------------------------

EventTile tileAt(const QAbstractItemModel *model, int row)
{
    return model->index(row, 0).data(LiveEventModel::TileRole).value<EventTile>();
}

int rowOf(const QAbstractItemModel *model, qint64 eventId)
{
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, 0).data(LiveEventModel::EventIdRole).toLongLong() == eventId)
            return row;
    return -1;
}

int countOf(const QAbstractItemModel *model, qint64 eventId)
{
    int n = 0;
    for (int row = 0; row < model->rowCount(); ++row)
        n += model->index(row, 0).data(LiveEventModel::EventIdRole).toLongLong() == eventId;
    return n;
}

QList<qint64> idsOf(const QAbstractItemModel *model)
{
    QList<qint64> ids;
    for (int row = 0; row < model->rowCount(); ++row)
        ids << model->index(row, 0).data(LiveEventModel::EventIdRole).toLongLong();
    return ids;
}

// One quiet simulated device of this type talking to the desk's listener.
sim::SimConfig oneSimDevice(const Desk &desk, int deviceType, double rate, double seconds)
{
    sim::SimConfig config;
    config.server = QStringLiteral("127.0.0.1");
    config.httpPort = desk.server->httpPort();
    config.tcpPort = desk.server->tcpPort();
    config.devices = 1;
    config.deviceTypes = {deviceType};
    config.rate = rate;
    config.duration = seconds;
    config.quiet = true;
    return config;
}

// Pushes one event and waits until the window has placed its tile (the face is
// decoded on a worker thread first). With onWall, also until the coalescing model
// has inserted it. Returns the event id, or -1 (with a warning saying why).
qint64 pushToWall(Desk &desk, FakeDevice &device, const FacePush &push, bool onWall = true)
{
    QSignalSpy shown(desk.window.get(), &ui::MainWindow::tileShown);
    const int code = device.post(push);
    if (code != code::Ok) {
        qWarning("push %s refused with %d", qPrintable(push.imageName), code);
        return -1;
    }
    if (shown.isEmpty() && !shown.wait(10000)) {
        qWarning("push %s never became a tile", qPrintable(push.imageName));
        return -1;
    }
    const qint64 id = shown.first().first().toLongLong();
    if (onWall && !QTest::qWaitFor([&] { return rowOf(desk.wall(), id) >= 0; }, 5000)) {
        qWarning("event %lld was shown but never reached the wall", id);
        return -1;
    }
    return id;
}

// Selects an item of a (non-editable) combo box with the keyboard: Home, then Down.
void chooseWithKeys(QComboBox *box, int index)
{
    box->setFocus();
    QTest::keyClick(box, Qt::Key_Home);
    for (int i = 0; i < index; ++i)
        QTest::keyClick(box, Qt::Key_Down);
}

// The device table's row (in the view's sorted model) for a uuid.
QModelIndex deviceCell(QTableView *table, const QString &uuid, int column)
{
    QAbstractItemModel *m = table->model();
    for (int row = 0; row < m->rowCount(); ++row)
        if (m->index(row, ui::DeviceTableModel::Uuid).data().toString() == uuid)
            return m->index(row, column);
    return {};
}

} // namespace

class TestGui : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void pushedEventsBecomeTiles();
    void simulatorEventsBecomeTiles();
    void blacklistAlertStaysUntilAcknowledged();
    void tenBlacklistHitsNeedTenAcknowledgements();
    void vipChimesAndWhitelistIsQuiet();
    void alertRulesAndMutedDevicesFromSettings();
    void offlineDeviceRaisesAlert();
    void wallFiltersByDeviceListAndAlerts();
    void pauseHoldsTilesButNotAlerts();
    void wallNeverHoldsMoreThanCapacity();
    void detailOpensOnEnterAndDoubleClick();
    void detailWithFaceRectButNoImages();
    void pendingDeviceApprovedFromPanel();
    void welcomePageGuidesTheFirstDevice();
    void rejectAndSearchInDevicePanel();
    void removedDeviceLeavesPanelAndFilter();
    void retriedPushIsOneTileAndOneAlert();
    void wallStaysNewestFirstWhenDecodesFinishOutOfOrder();
    void renameFromPanel();
    void libraryPersonNamesTheTileAndSetsItsList();
    void captureOfLibraryPersonRaisesAlert();
    void siteDesksShareEventsAlertsAndTheLibrary();
    void diskFullAndUnreachableDatabaseAreToldApart();
    void operatorRolesRestrictTheWindow();
    void loginFirstRunSignInAndSwitchOperator();
    void idleLockKeepsTheAlarmAndUnlocksBySignIn();
    void auditViewerFiltersVerifiesExportsAndShowsLocks();
    void windowEditsAreAuditedWithBeforeAndAfter();
    void forgetFromTheWindowClearsTheWallAndTheArchive();

private:
    QTemporaryDir m_settingsDir;
};

void TestGui::initTestCase()
{
    // Settings of our own, never the desk's: default rules and layout every time.
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_settingsDir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("FaceDeskGuiTest-%1").arg(QCoreApplication::applicationPid()));
    QCoreApplication::setApplicationName(QStringLiteral("tst_gui"));
    QVERIFY(QSettings().fileName().startsWith(m_settingsDir.path()));
    QVERIFY(!faceJpeg().isEmpty());
    QVERIFY(faceJpeg().startsWith("\xFF\xD8\xFF"));
}

void TestGui::init()
{
    QSettings settings;
    settings.clear();
    settings.sync();
}

void TestGui::cleanup()
{
    QThreadPool::globalInstance()->waitForDone();
    // Nothing a test opened may outlive it (a failed test may leave a dialog up).
    for (QWidget *w : QApplication::topLevelWidgets())
        if (w->isVisible())
            w->close();
}

// Pushes with exact fields become tiles with the right name, list, colour and score,
// newest first, painted in the list's colour.
void TestGui::pushedEventsBecomeTiles()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    FakeDevice lobby(QStringLiteral("LOBBY-1"), QStringLiteral("Lobby cam"));
    QVERIFY(lobby.connectTo(desk.server->httpPort()));
    QCOMPARE(lobby.requestToken(), code::Ok);

    struct Expected {
        FacePush push;
        QString name;
        ListKind list;
        double score;
    };
    FacePush photo = lobby.match(1, QStringLiteral("Jane Doe.jpg"), 0.91);
    const QByteArray real = sharedPhoto();
    if (!real.isEmpty())
        photo.image = real;  // a real face photo when the checkout has them
    const QList<Expected> expected = {
        {photo, QStringLiteral("Jane Doe"), ListKind::Blacklist, 0.91},
        {lobby.match(2, QStringLiteral("Ann Staff.JPG"), 87.0, 12), QStringLiteral("Ann Staff"), ListKind::Whitelist, 0.87},  // 0..100 firmware
        {lobby.match(3, QStringLiteral("Mr Big"), 0.995, 7), QStringLiteral("Mr Big"), ListKind::Vip, 0.995},
        {lobby.match(4, QStringLiteral("Courier.jpg"), 0.8, 99), QStringLiteral("Courier"), ListKind::Custom, 0.8},
        {lobby.match(0, QString(), 0.75, 4242), QStringLiteral("Person 4242"), ListKind::Custom, 0.75},  // no list, no name
        {lobby.stranger(), QString(), ListKind::None, -1},
    };
    QList<qint64> ids;
    for (const Expected &e : expected) {
        const qint64 id = pushToWall(desk, lobby, e.push);
        QVERIFY(id > 0);
        ids.prepend(id);
    }
    QCOMPARE(idsOf(desk.wall()), ids);  // newest first
    QCOMPARE(desk.window->wallView()->model()->rowCount(), expected.size());

    QListView *view = desk.window->wallView();
    // Paint once the view has laid the tiles out (visualRect runs a pending layout).
    QVERIFY(view->visualRect(view->model()->index(0, 0)).isValid());
    const QImage painted = view->viewport()->grab().toImage();
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const Expected &e = expected[i];
        const int row = int(expected.size() - 1 - i);
        const QModelIndex index = view->model()->index(row, 0);
        const EventTile t = tileAt(desk.wall(), row);
        QCOMPARE(t.personName, e.name);
        QCOMPARE(index.data(Qt::DisplayRole).toString(), e.name.isEmpty() ? QStringLiteral("Stranger") : e.name);
        QCOMPARE(t.list, e.list);
        QCOMPARE(index.data(LiveEventModel::ListRole).toInt(), int(e.list));
        if (e.score < 0)
            QCOMPARE(t.score, -1.0);
        else
            QVERIFY2(qAbs(t.score - e.score) < 1e-9, qPrintable(QString::number(t.score)));
        QCOMPARE(t.deviceUuid, lobby.uuid());
        QCOMPARE(t.deviceName, QStringLiteral("Lobby cam"));  // product_name named the device
        QVERIFY(!t.face.isNull());
        QCOMPARE(std::max(t.face.width(), t.face.height()), 160);
        QVERIFY(index.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Lobby cam")));

        // The card's edge is painted in the list's colour (2 px and more: exact pixels).
        const QColor accent = ui::EventTileDelegate::listColor(int(e.list));
        const QRect r = view->visualRect(index).adjusted(4, 4, -4, -4);
        QVERIFY(view->viewport()->rect().contains(r.center()));
        if (e.list != ListKind::None) {
            QCOMPARE(painted.pixelColor(r.left(), r.center().y()), accent);
        } else {
            // A stranger's hairline edge (1 px, antialiased): a neutral grey between
            // the list colour and the white card.
            const QColor c = painted.pixelColor(r.left(), r.center().y());
            QVERIFY2(c.red() == c.green() && c.green() == c.blue() && c.red() >= accent.red() && c.red() < 0xE0,
                     qPrintable(c.name()));
        }
    }
    QCOMPARE(ui::EventTileDelegate::listColor(int(ListKind::Blacklist)), QColor(0xD3, 0x2F, 0x2F));
    QCOMPARE(ui::EventTileDelegate::listColor(int(ListKind::Whitelist)), QColor(0x2E, 0x7D, 0x32));
    QCOMPARE(ui::EventTileDelegate::listColor(int(ListKind::Vip)), QColor(0xC8, 0x96, 0x0C));
    QCOMPARE(ui::EventTileDelegate::listColor(int(ListKind::Custom)), QColor(0x1E, 0x66, 0xC8));
    QCOMPARE(ui::EventTileDelegate::listColor(int(ListKind::None)), QColor(0x75, 0x75, 0x75));
}

// The in-process simulator's devices push over HTTP and TCP; every acknowledged
// event is a tile, named from the library, scored, coloured by list, and every
// blacklist hit among them is an alert.
void TestGui::simulatorEventsBecomeTiles()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    sim::SimConfig config;
    config.server = QStringLiteral("127.0.0.1");
    config.httpPort = desk.server->httpPort();
    config.tcpPort = desk.server->tcpPort();
    config.devices = 2;
    config.deviceTypes = {0x12, 0x14};
    config.rate = 24;
    config.duration = 1;
    config.grace = 20;
    config.quiet = true;
    config.heartbeatSeconds = 5;
    config.facesDir.clear();  // drawn faces: no Haar cascade needed
    sim::SimRunner runner(config);
    const QString ran = runToEnd(runner);
    QVERIFY2(ran.isEmpty(), qPrintable(ran));
    const qint64 acknowledged = runner.stats().eventsAcknowledged;
    QCOMPARE(acknowledged, qint64(24));
    QTRY_COMPARE(desk.wall()->rowCount(), int(acknowledged));

    QSet<QString> uuids;
    for (const sim::SimDevice *d : runner.devices())
        uuids.insert(d->uuid());
    int blacklisted = 0, matched = 0;
    for (int row = 0; row < desk.wall()->rowCount(); ++row) {
        const EventTile t = tileAt(desk.wall(), row);
        QVERIFY2(uuids.contains(t.deviceUuid), qPrintable(t.deviceUuid));
        QVERIFY2(t.deviceName.startsWith(QLatin1String("Sim 1")), qPrintable(t.deviceName));
        QVERIFY(!t.face.isNull());
        if (t.list == ListKind::None) {
            QVERIFY(t.personName.isEmpty());
            QCOMPARE(t.score, -1.0);
        } else {
            ++matched;
            QVERIFY(!t.personName.isEmpty());
            QVERIFY(!t.personName.endsWith(QLatin1String(".jpg")));
            QVERIFY2(t.score >= 0.80 && t.score <= 0.98, qPrintable(QString::number(t.score)));
        }
        blacklisted += t.list == ListKind::Blacklist;
        QVERIFY(t.alerted == (t.list == ListKind::Blacklist || t.list == ListKind::Vip));
    }
    QVERIFY(matched > 0);
    QCOMPARE(desk.banner()->pending(), blacklisted);
    QCOMPARE(desk.banner()->isVisible(), blacklisted > 0);
    // The device filter lists the two simulated devices by name, after "All devices".
    QComboBox *devices = desk.window->deviceFilterBox();
    QTRY_COMPARE(devices->count(), 3);
    QCOMPARE(devices->itemText(1), QStringLiteral("Sim 12 #0"));
    QCOMPARE(devices->itemText(2), QStringLiteral("Sim 14 #1"));
}

// A blacklist hit raises a red banner that other events do not clear; acknowledging
// it with a note hides it and stores the acknowledgement, note and all.
void TestGui::blacklistAlertStaysUntilAcknowledged()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    FakeDevice lobby(QStringLiteral("LOBBY-1"), QStringLiteral("Lobby cam"));
    QVERIFY(lobby.connectTo(desk.server->httpPort()));
    QCOMPARE(lobby.requestToken(), code::Ok);
    ui::AlertBanner *banner = desk.banner();
    auto *status = desk.window->findChild<QLabel *>(QStringLiteral("alertStatus"));
    QVERIFY(status);
    QVERIFY(!banner->isVisible());
    QCOMPARE(status->text(), QStringLiteral("No alerts"));

    const qint64 hit = pushToWall(desk, lobby, lobby.match(1, QStringLiteral("Jane Doe.jpg"), 0.93));
    QVERIFY(hit > 0);
    QVERIFY(banner->isVisible());
    QCOMPARE(banner->pending(), 1);
    auto *text = banner->findChild<QLabel *>(QStringLiteral("alertText"));
    QVERIFY(text);
    QVERIFY2(text->text().startsWith(QStringLiteral("BLACKLIST: Jane Doe at Lobby cam, ")), qPrintable(text->text()));
    QVERIFY(banner->styleSheet().contains(QStringLiteral("#C62828")));  // red
    QTRY_COMPARE(status->text(), QStringLiteral("Unacknowledged alerts: 1"));
    QVERIFY(tileAt(desk.wall(), rowOf(desk.wall(), hit)).alerted);
    QVERIFY(banner->alarmPlaying());  // the default blacklist rule: banner and alarm

    // Life goes on: more events, the banner stays.
    for (int i = 0; i < 3; ++i)
        QVERIFY(pushToWall(desk, lobby, i == 1 ? lobby.stranger() : lobby.match(2, QStringLiteral("Staff %1").arg(i), 0.9, 20 + i)) > 0);
    QVERIFY(banner->isVisible());
    QCOMPARE(banner->pending(), 1);
    QVERIFY(text->text().startsWith(QStringLiteral("BLACKLIST: Jane Doe")));

    // The guard types a note and clicks Acknowledge.
    auto *note = banner->findChild<QLineEdit *>(QStringLiteral("alertNote"));
    auto *ack = banner->findChild<QPushButton *>(QStringLiteral("acknowledgeButton"));
    QVERIFY(note && ack);
    QVERIFY(note->isVisible() && ack->isVisible());
    QSignalSpy acknowledged(banner, &ui::AlertBanner::acknowledged);
    QTest::mouseClick(note, Qt::LeftButton);
    QTest::keyClicks(note, QStringLiteral("  guard escorted her out, police called  "));
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QTest::mouseClick(ack, Qt::LeftButton);
    QCOMPARE(acknowledged.size(), 1);
    QVERIFY(!banner->alarmPlaying());
    QVERIFY(!banner->isVisible());
    QCOMPARE(banner->pending(), 0);
    QVERIFY(note->text().isEmpty());
    QCOMPARE(status->text(), QStringLiteral("No alerts"));
    // A second click has nothing to acknowledge.
    QTest::mouseClick(ack, Qt::LeftButton);
    QCOMPARE(acknowledged.size(), 1);

    const auto rows = desk.query(QStringLiteral(
        "SELECT event_id, device_uuid, kind, raised_at, acknowledged_at, acknowledged_by, note FROM alert_acks"));
    QCOMPARE(rows.size(), 1);
    const QVariantList &r = rows.first();
    QCOMPARE(r[0].toLongLong(), hit);
    QCOMPARE(r[1].toString(), lobby.uuid());
    QCOMPARE(r[2].toString(), QStringLiteral("blacklist"));
    QVERIFY(r[3].toLongLong() > 0 && r[3].toLongLong() <= before);
    QVERIFY(r[4].toLongLong() >= before && r[4].toLongLong() <= QDateTime::currentMSecsSinceEpoch());
    QVERIFY(!r[5].toString().isEmpty());
    QCOMPARE(r[6].toString(), QStringLiteral("guard escorted her out, police called"));
}

// Ten hits are ten alerts, acknowledged one by one, oldest first; each with its note.
void TestGui::tenBlacklistHitsNeedTenAcknowledgements()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    FakeDevice gate(QStringLiteral("GATE-1"), QStringLiteral("Gate"));
    QVERIFY(gate.connectTo(desk.server->httpPort()));
    QCOMPARE(gate.requestToken(), code::Ok);
    QList<qint64> ids;
    for (int i = 1; i <= 10; ++i) {
        const qint64 id = pushToWall(desk, gate, gate.match(1, QStringLiteral("Suspect %1.jpg").arg(i), 0.9, 100 + i));
        QVERIFY(id > 0);
        ids << id;
    }
    ui::AlertBanner *banner = desk.banner();
    QCOMPARE(banner->pending(), 10);
    auto *text = banner->findChild<QLabel *>(QStringLiteral("alertText"));
    auto *note = banner->findChild<QLineEdit *>(QStringLiteral("alertNote"));
    auto *ack = banner->findChild<QPushButton *>(QStringLiteral("acknowledgeButton"));
    QVERIFY(text && note && ack);
    QVERIFY2(text->text().contains(QStringLiteral("9 more alert(s) waiting")), qPrintable(text->text()));
    auto *status = desk.window->findChild<QLabel *>(QStringLiteral("alertStatus"));
    QTRY_COMPARE(status->text(), QStringLiteral("Unacknowledged alerts: 10"));

    desk.window->activateWindow();  // for the shortcut
    QVERIFY(QTest::qWaitForWindowActive(desk.window.get()));
    QSignalSpy acknowledged(banner, &ui::AlertBanner::acknowledged);
    for (int i = 1; i <= 10; ++i) {
        QVERIFY2(banner->isVisible(), qPrintable(QString::number(i)));
        QCOMPARE(banner->pending(), 11 - i);
        QVERIFY2(text->text().startsWith(QStringLiteral("BLACKLIST: Suspect %1 at Gate").arg(i)), qPrintable(text->text()));
        QTest::keyClicks(note, QStringLiteral("seen %1").arg(i));
        if (i % 3 == 1)
            QTest::mouseClick(ack, Qt::LeftButton);
        else if (i % 3 == 2)
            QTest::keyClick(note, Qt::Key_Return);  // Enter in the note acknowledges too
        else
            QTest::keyClick(note, Qt::Key_Return, Qt::ControlModifier);  // and the button's Ctrl+Enter
        QTRY_COMPARE(acknowledged.size(), i);  // a shortcut "animates" the click: it lands a moment later
        QCOMPARE(status->text(), i < 10 ? QStringLiteral("Unacknowledged alerts: %1").arg(10 - i) : QStringLiteral("No alerts"));
    }
    QVERIFY(!banner->isVisible());
    QCOMPARE(banner->pending(), 0);

    const auto rows = desk.query(QStringLiteral("SELECT event_id, kind, note FROM alert_acks ORDER BY id"));
    QCOMPARE(rows.size(), 10);
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(rows[i][0].toLongLong(), ids[i]);
        QCOMPARE(rows[i][1].toString(), QStringLiteral("blacklist"));
        QCOMPARE(rows[i][2].toString(), QStringLiteral("seen %1").arg(i + 1));
    }
}

// Default rules: a VIP is a chime, not a banner; whitelist, custom lists and
// strangers are nothing.
void TestGui::vipChimesAndWhitelistIsQuiet()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    QCOMPARE(desk.window->alertRules().vip, ui::AlertAction::Chime);
    FakeDevice lobby(QStringLiteral("LOBBY-1"), QStringLiteral("Lobby cam"));
    QVERIFY(lobby.connectTo(desk.server->httpPort()));
    QCOMPARE(lobby.requestToken(), code::Ok);

    const qint64 vip = pushToWall(desk, lobby, lobby.match(3, QStringLiteral("Mr Big.jpg"), 0.97));
    QVERIFY(vip > 0);
    QVERIFY(!desk.banner()->isVisible());
    QCOMPARE(desk.banner()->pending(), 0);
    QVERIFY(!desk.banner()->alarmPlaying());
    QVERIFY(tileAt(desk.wall(), rowOf(desk.wall(), vip)).alerted);  // the chime is its alert

    for (const FacePush &p : {lobby.match(2, QStringLiteral("Ann Staff.jpg"), 0.9, 5), lobby.match(4, QStringLiteral("Courier.jpg"), 0.9, 6),
                              lobby.stranger()}) {
        const qint64 id = pushToWall(desk, lobby, p);
        QVERIFY(id > 0);
        QVERIFY(!tileAt(desk.wall(), rowOf(desk.wall(), id)).alerted);
    }
    QVERIFY(!desk.banner()->isVisible());
    QCOMPARE(desk.banner()->pending(), 0);
    auto *status = desk.window->findChild<QLabel *>(QStringLiteral("alertStatus"));
    QCOMPARE(status->text(), QStringLiteral("No alerts"));
    QCOMPARE(desk.query(QStringLiteral("SELECT COUNT(*) FROM alert_acks")).value(0).value(0).toInt(), 0);
}

// The settings dock: a rule changed in its combo box applies at once and is kept;
// the selected device can be muted and unmuted.
void TestGui::alertRulesAndMutedDevicesFromSettings()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    FakeDevice lobby(QStringLiteral("LOBBY-1"), QStringLiteral("Lobby cam"));
    QVERIFY(lobby.connectTo(desk.server->httpPort()));
    QCOMPARE(lobby.requestToken(), code::Ok);
    QVERIFY(pushToWall(desk, lobby, lobby.match(2, QStringLiteral("Ann Staff.jpg"), 0.9, 5)) > 0);
    QVERIFY(!desk.banner()->isVisible());

    auto *settingsDock = desk.window->findChild<QDockWidget *>(QStringLiteral("settingsDock"));
    QVERIFY(settingsDock);
    settingsDock->raise();
    QTRY_VERIFY(settingsDock->widget()->isVisible());
    QComboBox *whitelistRule = nullptr;
    for (QLabel *label : settingsDock->findChildren<QLabel *>())
        if (label->text() == QStringLiteral("Whitelist:"))
            whitelistRule = qobject_cast<QComboBox *>(label->buddy());
    QVERIFY(whitelistRule);
    QCOMPARE(whitelistRule->currentText(), QStringLiteral("Nothing"));
    chooseWithKeys(whitelistRule, whitelistRule->findData(int(ui::AlertAction::Banner)));
    QCOMPARE(whitelistRule->currentText(), QStringLiteral("Banner until acknowledged"));
    QCOMPARE(desk.window->alertRules().whitelist, ui::AlertAction::Banner);
    QCOMPARE(QSettings().value(QStringLiteral("alerts/whitelist")).toInt(), int(ui::AlertAction::Banner));

    QVERIFY(pushToWall(desk, lobby, lobby.match(2, QStringLiteral("Ann Staff.jpg"), 0.9, 5)) > 0);
    QVERIFY(desk.banner()->isVisible());
    QCOMPARE(desk.banner()->pending(), 1);
    QVERIFY(desk.banner()->styleSheet().contains(QStringLiteral("#1E66C8")));  // not the blacklist red
    QVERIFY(!desk.banner()->alarmPlaying());  // a banner without the alarm
    QTest::mouseClick(desk.banner()->acknowledgeButton(), Qt::LeftButton);
    QCOMPARE(desk.banner()->pending(), 0);

    // Mute the lobby: select its row in the devices panel, then the settings button.
    auto *devicesDock = desk.window->findChild<QDockWidget *>(QStringLiteral("devicesDock"));
    devicesDock->raise();
    QTableView *table = desk.window->deviceTable();
    QTRY_VERIFY(table->isVisible());
    const QModelIndex cell = deviceCell(table, lobby.uuid(), ui::DeviceTableModel::Name);
    QVERIFY(cell.isValid());
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(cell).center());
    QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
    settingsDock->raise();
    QPushButton *mute = nullptr, *unmute = nullptr;
    for (QPushButton *b : settingsDock->findChildren<QPushButton *>()) {
        if (b->text() == QStringLiteral("Mute alerts from the selected devices"))
            mute = b;
        else if (b->text() == QStringLiteral("Unmute all devices"))
            unmute = b;
    }
    QVERIFY(mute && unmute);
    QTRY_VERIFY(mute->isVisible());
    QTest::mouseClick(mute, Qt::LeftButton);
    QVERIFY(desk.window->alertRules().mutedDevices.contains(lobby.uuid()));
    QCOMPARE(QSettings().value(QStringLiteral("alerts/mutedDevices")).toStringList(), QStringList{lobby.uuid()});

    const qint64 muted = pushToWall(desk, lobby, lobby.match(1, QStringLiteral("Jane Doe.jpg"), 0.95));
    QVERIFY(muted > 0);
    QVERIFY(!desk.banner()->isVisible());
    QVERIFY(!tileAt(desk.wall(), rowOf(desk.wall(), muted)).alerted);

    QTest::mouseClick(unmute, Qt::LeftButton);
    QVERIFY(desk.window->alertRules().mutedDevices.isEmpty());
    QVERIFY(pushToWall(desk, lobby, lobby.match(1, QStringLiteral("Jane Doe.jpg"), 0.95)) > 0);
    QVERIFY(desk.banner()->isVisible());
    QCOMPARE(desk.banner()->pending(), 1);
}

// A device that misses its heartbeats raises an amber banner; when it comes back, a
// green one (its first heartbeat ever is not news). Their acknowledgements are stored
// with no event.
void TestGui::offlineDeviceRaisesAlert()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    FakeDevice lobby(QStringLiteral("LOBBY-1"), QStringLiteral("Lobby cam"));
    QVERIFY(lobby.connectTo(desk.server->httpPort()));
    QCOMPARE(lobby.requestToken(), code::Ok);
    QVERIFY(pushToWall(desk, lobby, lobby.stranger()) > 0);  // names the device
    QCOMPARE(lobby.heartbeat(), code::Ok);
    QVERIFY(desk.registry->device(lobby.uuid())->online);
    // The window hears of it queued from the network thread: the table says Online,
    // and every other slot of that change has run once the posted events are out.
    QTableView *table = desk.window->deviceTable();
    QTRY_COMPARE(deviceCell(table, lobby.uuid(), ui::DeviceTableModel::Online).data().toString(), QStringLiteral("Online"));
    QCoreApplication::sendPostedEvents();
    QVERIFY(!desk.banner()->isVisible());

    // Three heartbeats' time later, as the presence check sees it.
    desk.registry->checkPresence(QDateTime::currentDateTimeUtc().addSecs(600));
    QVERIFY(!desk.registry->device(lobby.uuid())->online);
    QTRY_VERIFY(desk.banner()->isVisible());
    QCOMPARE(desk.banner()->pending(), 1);
    auto *text = desk.banner()->findChild<QLabel *>(QStringLiteral("alertText"));
    QVERIFY2(text->text().startsWith(QStringLiteral("DEVICE OFFLINE: Lobby cam, since ")), qPrintable(text->text()));
    QVERIFY(desk.banner()->styleSheet().contains(QStringLiteral("#E65100")));  // amber
    QTRY_COMPARE(deviceCell(table, lobby.uuid(), ui::DeviceTableModel::Online).data().toString(), QStringLiteral("Offline"));

    QTest::keyClicks(desk.banner()->noteEdit(), QStringLiteral("power cut in the lobby"));
    QTest::mouseClick(desk.banner()->acknowledgeButton(), Qt::LeftButton);
    QVERIFY(!desk.banner()->isVisible());

    // The power is back: the next heartbeat brings it online, and that is news now.
    QCOMPARE(lobby.heartbeat(), code::Ok);
    QTRY_VERIFY(desk.banner()->isVisible());
    QCOMPARE(desk.banner()->pending(), 1);
    QVERIFY2(text->text().startsWith(QStringLiteral("DEVICE BACK ONLINE: Lobby cam, at ")), qPrintable(text->text()));
    QVERIFY(desk.banner()->styleSheet().contains(QStringLiteral("#2E7D32")));  // green
    QTest::mouseClick(desk.banner()->acknowledgeButton(), Qt::LeftButton);
    QVERIFY(!desk.banner()->isVisible());

    const auto rows = desk.query(QStringLiteral("SELECT event_id IS NULL, device_uuid, kind, note FROM alert_acks ORDER BY id"));
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0][0].toInt(), 1);
    QCOMPARE(rows[0][1].toString(), lobby.uuid());
    QCOMPARE(rows[0][2].toString(), QStringLiteral("offline"));
    QCOMPARE(rows[0][3].toString(), QStringLiteral("power cut in the lobby"));
    QCOMPARE(rows[1][0].toInt(), 1);
    QCOMPARE(rows[1][2].toString(), QStringLiteral("online"));
    QVERIFY(rows[1][3].isNull());  // no note typed: stored as NULL
}

// The toolbar's device and list filters and "Alerts only", chosen with the keyboard
// and the mouse, narrow the wall; new arrivals obey the filter; the choice is kept.
void TestGui::wallFiltersByDeviceListAndAlerts()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    FakeDevice lobby(QStringLiteral("LOBBY-1"), QStringLiteral("Lobby cam"));
    FakeDevice garage(QStringLiteral("GARAGE-1"), QStringLiteral("Garage cam"));
    for (FakeDevice *d : {&lobby, &garage}) {
        QVERIFY(d->connectTo(desk.server->httpPort()));
        QCOMPARE(d->requestToken(), code::Ok);
    }
    const qint64 jane = pushToWall(desk, lobby, lobby.match(1, QStringLiteral("Jane Doe.jpg"), 0.93));
    const qint64 ann = pushToWall(desk, lobby, lobby.match(2, QStringLiteral("Ann Staff.jpg"), 0.9, 5));
    const qint64 nobody = pushToWall(desk, garage, garage.stranger());
    const qint64 big = pushToWall(desk, garage, garage.match(3, QStringLiteral("Mr Big.jpg"), 0.97, 7));
    for (qint64 id : {jane, ann, nobody, big})
        QVERIFY(id > 0);
    QAbstractItemModel *shown = desk.window->wallView()->model();
    QCOMPARE(shown, desk.window->wallFilter());
    QCOMPARE(idsOf(shown), (QList<qint64>{big, nobody, ann, jane}));

    // Devices: "All devices", then the devices by name.
    QComboBox *devices = desk.window->deviceFilterBox();
    QTRY_COMPARE(devices->count(), 3);  // registry changes reach the window queued
    QTRY_COMPARE(devices->itemText(1), QStringLiteral("Garage cam"));
    QCOMPARE(devices->itemText(0), QStringLiteral("All devices"));
    QCOMPARE(devices->itemText(1), QStringLiteral("Garage cam"));
    QCOMPARE(devices->itemText(2), QStringLiteral("Lobby cam"));
    QCOMPARE(devices->itemData(2).toString(), lobby.uuid());
    chooseWithKeys(devices, 2);
    QCOMPARE(devices->currentText(), QStringLiteral("Lobby cam"));
    QCOMPARE(idsOf(shown), (QList<qint64>{ann, jane}));
    QCOMPARE(QSettings().value(QStringLiteral("wall/device")).toString(), lobby.uuid());
    // An arrival from the other device is on the wall but not in view; one from the
    // chosen device is (the registry's own updates keep the choice).
    const qint64 late = pushToWall(desk, garage, garage.stranger());
    const qint64 lobbyLate = pushToWall(desk, lobby, lobby.stranger());
    QVERIFY(late > 0 && lobbyLate > 0);
    QCOMPARE(devices->currentText(), QStringLiteral("Lobby cam"));
    QCOMPARE(desk.wall()->rowCount(), 6);
    QCOMPARE(idsOf(shown), (QList<qint64>{lobbyLate, ann, jane}));

    // Lists: the Blacklist entry on top of the device filter.
    QComboBox *lists = desk.window->listFilterBox();
    QCOMPARE(lists->count(), 6);
    QCOMPARE(lists->itemText(1), QStringLiteral("Blacklist"));
    chooseWithKeys(lists, 1);
    QCOMPARE(idsOf(shown), (QList<qint64>{jane}));
    chooseWithKeys(devices, 0);
    QCOMPARE(devices->currentText(), QStringLiteral("All devices"));
    QCOMPARE(idsOf(shown), (QList<qint64>{jane}));
    chooseWithKeys(lists, lists->count() - 1);
    QCOMPARE(lists->currentText(), QStringLiteral("Strangers"));
    QCOMPARE(idsOf(shown), (QList<qint64>{lobbyLate, late, nobody}));
    QCOMPARE(QSettings().value(QStringLiteral("wall/list")).toInt(), int(ListKind::None));
    chooseWithKeys(lists, 0);
    QCOMPARE(shown->rowCount(), 6);

    // Alerts only: the blacklist hit and the VIP chime.
    QToolButton *alertsOnly = desk.toolButton(desk.window->alertsOnlyAction());
    QVERIFY(alertsOnly && alertsOnly->isVisible());
    QTest::mouseClick(alertsOnly, Qt::LeftButton);
    QVERIFY(desk.window->alertsOnlyAction()->isChecked());
    QCOMPARE(idsOf(shown), (QList<qint64>{big, jane}));
    QVERIFY(QSettings().value(QStringLiteral("wall/alertsOnly")).toBool());
    QTest::mouseClick(alertsOnly, Qt::LeftButton);
    QVERIFY(!desk.window->alertsOnlyAction()->isChecked());
    QCOMPARE(shown->rowCount(), 6);
}

// Pause: new tiles wait and are counted in the button; alerts still come; resuming
// shows the waiting tiles, newest first.
void TestGui::pauseHoldsTilesButNotAlerts()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    FakeDevice lobby(QStringLiteral("LOBBY-1"), QStringLiteral("Lobby cam"));
    QVERIFY(lobby.connectTo(desk.server->httpPort()));
    QCOMPARE(lobby.requestToken(), code::Ok);
    const qint64 first = pushToWall(desk, lobby, lobby.stranger());
    QVERIFY(first > 0);

    QAction *pause = desk.window->pauseAction();
    QToolButton *pauseButton = desk.toolButton(pause);
    QVERIFY(pauseButton && pauseButton->isVisible());
    QCOMPARE(pause->text(), QStringLiteral("Pause"));
    QTest::mouseClick(pauseButton, Qt::LeftButton);
    QVERIFY(pause->isChecked());
    QVERIFY(desk.wall()->isPaused());
    QCOMPARE(pause->text(), QStringLiteral("Resume"));

    QList<qint64> held;
    for (const FacePush &p : {lobby.match(2, QStringLiteral("Ann Staff.jpg"), 0.9, 5), lobby.stranger(),
                              lobby.match(1, QStringLiteral("Jane Doe.jpg"), 0.93)}) {
        const qint64 id = pushToWall(desk, lobby, p, false);
        QVERIFY(id > 0);
        held.prepend(id);
    }
    QCOMPARE(desk.wall()->rowCount(), 1);
    QCOMPARE(desk.window->wallView()->model()->rowCount(), 1);
    QCOMPARE(desk.wall()->queuedWhilePaused(), 3);
    QCOMPARE(pause->text(), QStringLiteral("Resume (3 new)"));
    // The blacklist hit alerts although its tile waits.
    QVERIFY(desk.banner()->isVisible());
    QCOMPARE(desk.banner()->pending(), 1);

    // Resume with the keyboard shortcut (Ctrl+P) in the active window.
    desk.window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(desk.window.get()));
    QTest::keyClick(desk.window.get(), Qt::Key_P, Qt::ControlModifier);
    QVERIFY(!pause->isChecked());
    QVERIFY(!desk.wall()->isPaused());
    QCOMPARE(pause->text(), QStringLiteral("Pause"));
    QCOMPARE(idsOf(desk.wall()), held + QList<qint64>{first});
    QCOMPARE(desk.wall()->queuedWhilePaused(), 0);
}

// The wall keeps the newest `capacity` tiles, live and across a pause.
void TestGui::wallNeverHoldsMoreThanCapacity()
{
    QSettings().setValue(QStringLiteral("wall/capacity"), 50);
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    QCOMPARE(desk.wall()->capacity(), 50);
    FakeDevice lobby(QStringLiteral("LOBBY-1"), QStringLiteral("Lobby cam"));
    QVERIFY(lobby.connectTo(desk.server->httpPort()));
    QCOMPARE(lobby.requestToken(), code::Ok);

    int most = 0;
    QObject guard;
    connect(desk.window.get(), &ui::MainWindow::tileShown, &guard, [&] { most = std::max(most, desk.wall()->rowCount()); });
    QList<qint64> ids;
    for (int i = 0; i < 60; ++i) {
        const qint64 id = pushToWall(desk, lobby, i % 3 ? lobby.stranger() : lobby.match(2, QStringLiteral("Staff %1").arg(i), 0.9, i));
        QVERIFY(id > 0);
        ids << id;
        QVERIFY2(desk.wall()->rowCount() <= 50, qPrintable(QString::number(desk.wall()->rowCount())));
    }
    QCOMPARE(desk.wall()->rowCount(), 50);
    QVERIFY(most <= 50);
    QList<qint64> newest(ids.crbegin(), ids.crbegin() + 50);
    QCOMPARE(idsOf(desk.wall()), newest);

    // Paused, a flood is held to the capacity too, and resuming shows the newest.
    QTest::mouseClick(desk.toolButton(desk.window->pauseAction()), Qt::LeftButton);
    QVERIFY(desk.wall()->isPaused());
    for (int i = 0; i < 55; ++i) {
        const qint64 id = pushToWall(desk, lobby, lobby.stranger(), false);
        QVERIFY(id > 0);
        ids << id;
        QVERIFY(desk.wall()->queuedWhilePaused() <= 50);
    }
    QCOMPARE(desk.wall()->rowCount(), 50);
    QCOMPARE(desk.wall()->queuedWhilePaused(), 50);
    QTest::mouseClick(desk.toolButton(desk.window->pauseAction()), Qt::LeftButton);
    QVERIFY(!desk.wall()->isPaused());
    QCOMPARE(desk.wall()->rowCount(), 50);
    QCOMPARE(desk.window->wallView()->model()->rowCount(), 50);
    newest = QList<qint64>(ids.crbegin(), ids.crbegin() + 50);
    QCOMPARE(idsOf(desk.wall()), newest);
}

// Enter on the current tile and a double-click open the event in full: attributes in
// words, the facts, the face rectangle on the background; Newer/Older walk the wall.
void TestGui::detailOpensOnEnterAndDoubleClick()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    FakeDevice lobby(QStringLiteral("LOBBY-1"), QStringLiteral("Lobby cam"));
    QVERIFY(lobby.connectTo(desk.server->httpPort()));
    QCOMPARE(lobby.requestToken(), code::Ok);

    FacePush full = lobby.match(1, QStringLiteral("Jane Doe.jpg"), 0.91);
    full.channel = 2;
    full.visitCount = 5;
    full.quality = 88;
    full.attributes = FaceAttributes{34, 1, 0, 1, 0, 3, 3};
    full.temperature = Temperature{37.8, 37.3, QString()};
    full.background = sceneJpeg();
    full.backgroundName = QStringLiteral("FACE_LOBBY-1_scene.jpg");
    full.position = FaceRect{40, 30, 64, 64, true};
    const qint64 older = pushToWall(desk, lobby, full);
    QVERIFY(older > 0);
    QVERIFY(tileAt(desk.wall(), rowOf(desk.wall(), older)).temperatureWarning);
    FacePush bare = lobby.match(2, QStringLiteral("Ann Staff.jpg"), 0.88, 12);
    bare.attributes = FaceAttributes{29, 2, 1, 0, 0, 1, 2};
    bare.position = FaceRect{5, 5, 20, 20, true};  // a rectangle, but no background to draw it on
    const qint64 newer = pushToWall(desk, lobby, bare);
    QVERIFY(newer > 0);

    QListView *view = desk.window->wallView();
    ui::EventDetailDialog *detail = desk.window->detailDialog();
    QVERIFY(!detail->isVisible());
    QLabel *title = nullptr, *scene = nullptr;
    for (QLabel *l : detail->findChildren<QLabel *>()) {
        if (l->minimumSize() == QSize(600, 400))
            scene = l;
        else if (l->styleSheet().contains(QStringLiteral("16pt")))
            title = l;
    }
    QVERIFY(title && scene);

    // Enter on the newest tile.
    view->setFocus();
    view->setCurrentIndex(view->model()->index(0, 0));
    QTest::keyClick(view, Qt::Key_Return);
    QTRY_VERIFY(detail->isVisible());
    QCOMPARE(detail->currentId(), newer);
    QTRY_VERIFY(!detail->imagesPending());  // the row from the query worker, the images from a pool thread
    QCOMPARE(title->text(), QStringLiteral("Ann Staff (Whitelist)"));
    QStringList facts = detail->attributesText().split(u'\n');
    for (const QString &line : {QStringLiteral("Age: about 29"), QStringLiteral("Gender: female"), QStringLiteral("Glasses: glasses"),
                                QStringLiteral("Mask: no"), QStringLiteral("Race: yellow"), QStringLiteral("Emotion: calm"),
                                QStringLiteral("Score: 88%"), QStringLiteral("Device: Lobby cam, channel 0"),
                                QStringLiteral("Library person: 12")})
        QVERIFY2(facts.contains(line), qPrintable(line + QStringLiteral(" not in:\n") + detail->attributesText()));
    QTRY_VERIFY(!detail->imagesPending());  // read on a pool thread
    QCOMPARE(scene->text(), QStringLiteral("No background image"));

    // Older: the blacklist hit with everything, its face outlined on the background.
    QPushButton *olderButton = nullptr, *newerButton = nullptr;
    for (QPushButton *b : detail->findChildren<QPushButton *>()) {
        if (b->text() == QStringLiteral("Older"))
            olderButton = b;
        else if (b->text() == QStringLiteral("Newer"))
            newerButton = b;
    }
    QVERIFY(olderButton && newerButton);
    QTest::mouseClick(olderButton, Qt::LeftButton);
    QCOMPARE(detail->currentId(), older);
    QTRY_VERIFY(!detail->imagesPending());
    QCOMPARE(title->text(), QStringLiteral("Jane Doe (Blacklist)"));
    QVERIFY(title->styleSheet().contains(QStringLiteral("#d32f2f")));
    facts = detail->attributesText().split(u'\n');
    for (const QString &line : {QStringLiteral("Age: about 34"), QStringLiteral("Gender: male"), QStringLiteral("Glasses: none"),
                                QStringLiteral("Mask: yes"), QStringLiteral("Beard: no"), QStringLiteral("Race: white"),
                                QStringLiteral("Emotion: happy"), QStringLiteral("Score: 91%"), QStringLiteral("Visits: 5"),
                                QStringLiteral("Quality: 88"), QStringLiteral("Device: Lobby cam, channel 2"),
                                QStringLiteral("Library person: 478"),
                                QStringLiteral("Temperature: 37.8 °C (at or above the alarm level 37.3 °C)")})
        QVERIFY2(facts.contains(line), qPrintable(line + QStringLiteral(" not in:\n") + detail->attributesText()));
    QTRY_VERIFY(!detail->imagesPending());
    const QImage drawn = scene->pixmap().toImage();
    QVERIFY(!drawn.isNull());
    const double s = drawn.width() / 320.0;
    const QColor red = ui::EventTileDelegate::listColor(int(ListKind::Blacklist));
    const QColor edge = drawn.pixelColor(qRound(40 * s), qRound(62 * s));
    QVERIFY2(looksLike(edge, red), qPrintable(edge.name()));
    const QColor inside = drawn.pixelColor(qRound(72 * s), qRound(62 * s));
    QVERIFY2(looksLike(inside, QColor(0x80, 0x80, 0x80), 12), qPrintable(inside.name()));
    QTest::mouseClick(olderButton, Qt::LeftButton);  // nothing older: stays
    QCOMPARE(detail->currentId(), older);
    QTest::mouseClick(newerButton, Qt::LeftButton);
    QCOMPARE(detail->currentId(), newer);
    QTRY_VERIFY(!detail->imagesPending());
    QCOMPARE(scene->text(), QStringLiteral("No background image"));
    QVERIFY(scene->pixmap().isNull());

    // Escape closes it; a double-click on the older tile opens that one.
    QTest::keyClick(detail, Qt::Key_Escape);
    QTRY_VERIFY(!detail->isVisible());
    const QModelIndex olderTile = view->model()->index(rowOf(view->model(), older), 0);
    const QPoint at = view->visualRect(olderTile).center();
    QVERIFY(view->viewport()->rect().contains(at));
    QSignalSpy activated(view, &QAbstractItemView::activated);
    // What a real double-click delivers: a click, then the double-click and its release.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(activated.size(), 0);  // one click only selects
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(activated.size(), 1);
    QTRY_VERIFY(detail->isVisible());
    QCOMPARE(detail->currentId(), older);
    QTRY_VERIFY(!detail->imagesPending());
    QVERIFY(detail->attributesText().contains(QStringLiteral("Gender: male")));
    QTRY_VERIFY(!detail->imagesPending());
    QVERIFY(!scene->pixmap().isNull());
}

// An event with a face rectangle but neither face nor background: the tile paints,
// the detail (from the toolbar's Details) opens and says so, nothing crashes.
void TestGui::detailWithFaceRectButNoImages()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    FakeDevice lobby(QStringLiteral("LOBBY-1"), QStringLiteral("Lobby cam"));
    QVERIFY(lobby.connectTo(desk.server->httpPort()));
    QCOMPARE(lobby.requestToken(), code::Ok);
    FacePush p = lobby.match(4, QStringLiteral("Courier.jpg"), 0.81, 99);
    p.image.clear();
    p.feature = QList<float>(128, 0.125f);
    p.position = FaceRect{100, 80, 60, 60, true};
    p.attributes.gender = 2;
    const qint64 id = pushToWall(desk, lobby, p);
    QVERIFY(id > 0);
    const EventTile t = tileAt(desk.wall(), rowOf(desk.wall(), id));
    QVERIFY(t.face.isNull());
    QCOMPARE(t.personName, QStringLiteral("Courier"));
    QVERIFY(!desk.window->grab().isNull());  // paints the face-less tile

    QListView *view = desk.window->wallView();
    view->setCurrentIndex(view->model()->index(rowOf(view->model(), id), 0));
    QToolButton *details = nullptr;
    for (QToolButton *b : desk.window->findChild<QToolBar *>(QStringLiteral("wallToolbar"))->findChildren<QToolButton *>())
        if (b->defaultAction() && b->defaultAction()->text() == QStringLiteral("Details"))
            details = b;
    QVERIFY(details);
    QTest::mouseClick(details, Qt::LeftButton);
    ui::EventDetailDialog *detail = desk.window->detailDialog();
    QTRY_VERIFY(detail->isVisible());
    QCOMPARE(detail->currentId(), id);
    QTRY_VERIFY(!detail->imagesPending());
    QVERIFY(detail->attributesText().split(u'\n').contains(QStringLiteral("Gender: female")));
    QVERIFY(detail->attributesText().split(u'\n').contains(QStringLiteral("Score: 81%")));
    QTRY_VERIFY(!detail->imagesPending());
    bool saysNoBackground = false;
    for (QLabel *l : detail->findChildren<QLabel *>())
        saysNoBackground |= l->text() == QStringLiteral("No background image");
    QVERIFY(saysNoBackground);
    QVERIFY(!detail->grab().isNull());
}

// acceptNewDevices=false: a device asking for a token is a pending row; selecting the
// row and clicking Approve lets it in.
void TestGui::pendingDeviceApprovedFromPanel()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(false, &error), qPrintable(error));
    QSignalSpy pending(desk.registry, &devices::DeviceRegistry::devicePending);
    FakeDevice door(QStringLiteral("DOOR-7"), QStringLiteral("Back door"));
    QVERIFY(door.connectTo(desk.server->httpPort()));
    QCOMPARE(door.requestToken(), code::NotRegistered);
    QVERIFY(door.token().isEmpty());
    QCOMPARE(pending.size(), 1);
    QCOMPARE(desk.registry->device(door.uuid())->state, QStringLiteral("pending"));

    QTableView *table = desk.window->deviceTable();
    QVERIFY(table->isVisible());
    QTRY_COMPARE(table->model()->rowCount(), 1);
    const QModelIndex state = deviceCell(table, door.uuid(), ui::DeviceTableModel::State);
    QVERIFY(state.isValid());
    QCOMPARE(state.data().toString(), QStringLiteral("Pending approval"));
    QCOMPARE(state.data(Qt::ForegroundRole).value<QColor>(), QColor(0xE6, 0x51, 0x00));

    const QModelIndex name = deviceCell(table, door.uuid(), ui::DeviceTableModel::Name);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(name).center());
    QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
    QPushButton *approve = desk.button("approveButton");
    QVERIFY(approve && approve->isVisible());
    QSignalSpy changed(desk.registry, &devices::DeviceRegistry::deviceChanged);
    QTest::mouseClick(approve, Qt::LeftButton);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(desk.registry->device(door.uuid())->state, QStringLiteral("approved"));
    QTRY_COMPARE(deviceCell(table, door.uuid(), ui::DeviceTableModel::State).data().toString(), QStringLiteral("Approved"));

    QCOMPARE(door.requestToken(), code::Ok);
    QCOMPARE(door.token().size(), 64);
    const qint64 id = pushToWall(desk, door, door.match(3, QStringLiteral("Mr Big.jpg"), 0.97));
    QVERIFY(id > 0);
    QCOMPARE(tileAt(desk.wall(), 0).deviceName, QStringLiteral("Back door"));
    QTRY_COMPARE(deviceCell(table, door.uuid(), ui::DeviceTableModel::Name).data().toString(), QStringLiteral("Back door"));
    QCOMPARE(deviceCell(table, door.uuid(), ui::DeviceTableModel::Events).data().toLongLong(), qint64(1));
    // The registry changed the device several times since the click (approval, token,
    // name): the table updated in place and the admin's selection is still there.
    QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(table->selectionModel()->selectedRows().first().row(), deviceCell(table, door.uuid(), ui::DeviceTableModel::Name).row());
    const auto rows = desk.query(QStringLiteral("SELECT state FROM devices WHERE uuid = 'DOOR-7'"));
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0][0].toString(), QStringLiteral("approved"));
}

// Reject from the panel keeps a device out; the search box filters the table.
void TestGui::rejectAndSearchInDevicePanel()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(false, &error), qPrintable(error));
    FakeDevice door(QStringLiteral("DOOR-7"), QStringLiteral("Back door"));
    FakeDevice garage(QStringLiteral("GARAGE-1"), QStringLiteral("Garage cam"));
    for (FakeDevice *d : {&door, &garage}) {
        QVERIFY(d->connectTo(desk.server->httpPort()));
        QCOMPARE(d->requestToken(), code::NotRegistered);
    }
    QTableView *table = desk.window->deviceTable();
    QTRY_COMPARE(table->model()->rowCount(), 2);

    auto *search = desk.window->findChild<QLineEdit *>(QStringLiteral("deviceSearch"));
    QVERIFY(search && search->isVisible());
    QTest::keyClicks(search, QStringLiteral("garage"));
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, ui::DeviceTableModel::Uuid).data().toString(), garage.uuid());

    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(table->model()->index(0, 0)).center());
    QTest::mouseClick(desk.button("rejectButton"), Qt::LeftButton);
    QCOMPARE(desk.registry->device(garage.uuid())->state, QStringLiteral("rejected"));
    QCOMPARE(desk.registry->device(door.uuid())->state, QStringLiteral("pending"));
    QTRY_COMPARE(deviceCell(table, garage.uuid(), ui::DeviceTableModel::State).data().toString(), QStringLiteral("Rejected"));
    QCOMPARE(garage.requestToken(), code::NotRegistered);

    search->clear();
    QCOMPARE(table->model()->rowCount(), 2);
    // Approve with nothing selected does nothing.
    table->clearSelection();
    QTest::mouseClick(desk.button("approveButton"), Qt::LeftButton);
    QCOMPARE(desk.registry->device(door.uuid())->state, QStringLiteral("pending"));
    QCOMPARE(door.requestToken(), code::NotRegistered);
}

// Remove (confirmed in the question box) forgets the device: it leaves the devices
// table and the wall's device filter.
void TestGui::removedDeviceLeavesPanelAndFilter()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    FakeDevice lobby(QStringLiteral("LOBBY-1"), QStringLiteral("Lobby cam"));
    FakeDevice garage(QStringLiteral("GARAGE-1"), QStringLiteral("Garage cam"));
    for (FakeDevice *d : {&lobby, &garage}) {
        QVERIFY(d->connectTo(desk.server->httpPort()));
        QCOMPARE(d->requestToken(), code::Ok);
        QVERIFY(pushToWall(desk, *d, d->stranger()) > 0);
    }
    QTableView *table = desk.window->deviceTable();
    QTRY_COMPARE(table->model()->rowCount(), 2);
    QTRY_COMPARE(desk.window->deviceFilterBox()->count(), 3);

    const QModelIndex cell = deviceCell(table, garage.uuid(), ui::DeviceTableModel::Name);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(cell).center());
    QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
    // Answer "Yes" in the confirmation box once it is up.
    QTimer answer;
    answer.setInterval(10);
    bool asked = false;
    connect(&answer, &QTimer::timeout, this, [&] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            answer.stop();
            asked = true;
            QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
        }
    });
    answer.start();
    QSignalSpy removed(desk.registry, &devices::DeviceRegistry::deviceRemoved);
    QTest::mouseClick(desk.button("removeButton"), Qt::LeftButton);
    QVERIFY(asked);
    QCOMPARE(removed.size(), 1);
    QVERIFY(!desk.registry->device(garage.uuid()));

    // Both views of the registry should drop it (give them time, though it is synchronous).
    const bool tableDropped = QTest::qWaitFor([&] { return deviceCell(table, garage.uuid(), 0).isValid() == false; }, 2000);
    const bool filterDropped = desk.window->deviceFilterBox()->findData(garage.uuid()) == -1;
    QVERIFY2(tableDropped && filterDropped,
             qPrintable(QStringLiteral("after Remove the devices table %1 the removed device (%2 rows) and the wall's "
                                       "device filter %3 it (%4 entries)")
                            .arg(tableDropped ? QStringLiteral("no longer lists") : QStringLiteral("still lists"))
                            .arg(table->model()->rowCount())
                            .arg(filterDropped ? QStringLiteral("no longer offers") : QStringLiteral("still offers"))
                            .arg(desk.window->deviceFilterBox()->count())));
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, ui::DeviceTableModel::Uuid).data().toString(), lobby.uuid());
    QCOMPARE(desk.window->deviceFilterBox()->count(), 2);
}

// A device that did not hear the answer sends the same push again; the archive keeps
// one event, and the desk must show one tile and raise one alert for it.
void TestGui::retriedPushIsOneTileAndOneAlert()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    FakeDevice lobby(QStringLiteral("LOBBY-1"), QStringLiteral("Lobby cam"));
    QVERIFY(lobby.connectTo(desk.server->httpPort()));
    QCOMPARE(lobby.requestToken(), code::Ok);
    const QByteArray body = encode(lobby.match(1, QStringLiteral("Jane Doe.jpg"), 0.93));

    QSignalSpy shown(desk.window.get(), &ui::MainWindow::tileShown);
    QCOMPARE(lobby.postRaw(body), code::Ok);
    QVERIFY(!shown.isEmpty() || shown.wait(10000));  // it may have come while waiting for the reply
    const qint64 id = shown.first().first().toLongLong();
    QCOMPARE(lobby.postRaw(body), code::Ok);  // the retry
    // A different event after it; once the decoders are idle and its tile is on the
    // wall, anything the retry caused is on the wall too.
    const qint64 sentinel = pushToWall(desk, lobby, lobby.stranger());
    QVERIFY(sentinel > 0);
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::sendPostedEvents();
    QTRY_VERIFY(rowOf(desk.wall(), sentinel) >= 0 && desk.wall()->queuedWhilePaused() == 0);
    QCoreApplication::processEvents();

    QCOMPARE(desk.query(QStringLiteral("SELECT COUNT(*) FROM events")).value(0).value(0).toInt(), 2);
    const int tiles = countOf(desk.wall(), id);
    const int alerts = desk.banner()->pending();
    QVERIFY2(tiles == 1 && alerts == 1,
             qPrintable(QStringLiteral("event %1 (stored once) is %2 tiles on the wall and %3 alerts in the banner")
                            .arg(id).arg(tiles).arg(alerts)));
    QCOMPARE(desk.wall()->rowCount(), 2);
}

// Several events committed in one group reach the window back to back; their faces
// decode in parallel. The wall must still be newest first (row 0 = the event that
// arrived last), whichever face finished decoding first.
void TestGui::wallStaysNewestFirstWhenDecodesFinishOutOfOrder()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    FakeDevice lobby(QStringLiteral("LOBBY-1"), QStringLiteral("Lobby cam"));
    QVERIFY(lobby.connectTo(desk.server->httpPort()));
    QCOMPARE(lobby.requestToken(), code::Ok);
    // Two pushes in one write on the long connection: one group commit.
    TestClient tcp;
    QVERIFY(tcp.connectTo(desk.server->tcpPort()));
    QImage large(2400, 2400, QImage::Format_RGB32);
    large.fill(QColor(0x30, 0x50, 0x90));
    FacePush first = lobby.match(1, QStringLiteral("First.jpg"), 0.9, 1);
    first.image = jpegOf(large);  // slow to decode and scale
    const FacePush second = lobby.match(1, QStringLiteral("Second.jpg"), 0.9, 2);
    QSignalSpy committed(desk.server, &server::FaceServer::eventCommitted);
    tcp.send(encode(first) + encode(second));
    QTRY_COMPARE(committed.size(), 2);
    const qint64 firstId = committed[0][0].toLongLong();
    const qint64 secondId = committed[1][0].toLongLong();
    QCOMPARE(committed[0][1].value<FacePush>().picName, first.picName);
    QTRY_COMPARE(desk.wall()->rowCount(), 2);
    QCOMPARE(idsOf(desk.wall()), (QList<qint64>{secondId, firstId}));
    // And the banner shows the older hit first.
    auto *text = desk.banner()->findChild<QLabel *>(QStringLiteral("alertText"));
    QVERIFY2(text->text().startsWith(QStringLiteral("BLACKLIST: First at Lobby cam")), qPrintable(text->text()));
}

// Rename (the question answered in the input dialog) renames the device everywhere:
// the table, the wall's device filter, and the tiles that follow.
void TestGui::renameFromPanel()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    FakeDevice lobby(QStringLiteral("LOBBY-1"), QStringLiteral("Lobby cam"));
    QVERIFY(lobby.connectTo(desk.server->httpPort()));
    QCOMPARE(lobby.requestToken(), code::Ok);
    QVERIFY(pushToWall(desk, lobby, lobby.stranger()) > 0);
    QTableView *table = desk.window->deviceTable();
    QTRY_COMPARE(table->model()->rowCount(), 1);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualRect(deviceCell(table, lobby.uuid(), ui::DeviceTableModel::Name)).center());

    QTimer answer;
    answer.setInterval(10);
    QString offered;
    connect(&answer, &QTimer::timeout, this, [&] {
        QWidget *modal = QApplication::activeModalWidget();
        auto *edit = modal ? modal->findChild<QLineEdit *>() : nullptr;
        if (!edit)
            return;
        answer.stop();
        offered = edit->text();
        edit->selectAll();
        QTest::keyClicks(edit, QStringLiteral("  Main entrance  "));
        QTest::keyClick(edit, Qt::Key_Return);
    });
    answer.start();
    QTest::mouseClick(desk.button("renameButton"), Qt::LeftButton);
    QCOMPARE(offered, QStringLiteral("Lobby cam"));
    QCOMPARE(desk.registry->device(lobby.uuid())->name, QStringLiteral("Main entrance"));
    QTRY_COMPARE(deviceCell(table, lobby.uuid(), ui::DeviceTableModel::Name).data().toString(), QStringLiteral("Main entrance"));
    QCOMPARE(desk.window->deviceFilterBox()->itemText(1), QStringLiteral("Main entrance"));
    const qint64 id = pushToWall(desk, lobby, lobby.stranger());
    QVERIFY(id > 0);
    QCOMPARE(tileAt(desk.wall(), rowOf(desk.wall(), id)).deviceName, QStringLiteral("Main entrance"));
    QCOMPARE(desk.query(QStringLiteral("SELECT name FROM devices")).value(0).value(0).toString(), QStringLiteral("Main entrance"));
}


// A device's match links to the library by index_id: the tile shows the library's
// name and list, not the device's stale copy, and the library's blacklist alerts.
void TestGui::libraryPersonNamesTheTileAndSetsItsList()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    ui::LibraryPanel *library = desk.window->libraryPanel();
    library::NewPerson p;
    p.name = QStringLiteral("Eve Library");
    p.listId = library::sort::Blacklist;
    const qint64 id = testlibrary::Store(desk.db)->addPersons({p}).value(0, -1);
    QVERIFY(id > 0);
    emit library->libraryChanged();
    FakeDevice lobby(QStringLiteral("LOBBY-9"), QStringLiteral("Lobby cam"));
    QVERIFY(lobby.connectTo(desk.server->httpPort()));
    QCOMPARE(lobby.requestToken(), code::Ok);
    // The device still thinks she is on the whitelist under an old name.
    const qint64 hit = pushToWall(desk, lobby, lobby.match(2, QStringLiteral("old name.jpg"), 0.9, id));
    QVERIFY(hit > 0);
    const ui::EventTile tile = tileAt(desk.wall(), rowOf(desk.wall(), hit));
    QCOMPARE(tile.personName, QStringLiteral("Eve Library"));
    QCOMPARE(tile.list, ui::ListKind::Blacklist);
    QVERIFY(desk.banner()->isVisible());
    // An index_id the library doesn't know keeps the device's name.
    const qint64 other = pushToWall(desk, lobby, lobby.match(2, QStringLiteral("Visitor.jpg"), 0.9, id + 1000));
    QCOMPARE(tileAt(desk.wall(), rowOf(desk.wall(), other)).personName, QStringLiteral("Visitor"));
}

// A capture camera sends only faces; FaceDesk's own matching puts the library person
// on the tile, raises the blacklist alert, and the sighting is found by face under
// that person.
void TestGui::captureOfLibraryPersonRaisesAlert()
{
    const QString faces = QStringLiteral(SHARED_DIR "/faces/");
    if (!QFileInfo::exists(faces + QStringLiteral("obama_1.jpg")))
        QSKIP("../shared/faces is not there");
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    // The face engine is chosen off the window's thread; live matching starts with it.
    QTRY_VERIFY_WITH_TIMEOUT(desk.window->liveMatcher() != nullptr, 30000);
    match::LiveMatcher *matcher = desk.window->liveMatcher();
    QVERIFY2(matcher, "live matching needs the CNN models (packaging/install-deps.sh)");
    // The per-list thresholds are in the settings, in the engine's terms.
    auto *blacklistThreshold = desk.window->findChild<QDoubleSpinBox *>(QStringLiteral("matchThreshold1"));
    QVERIFY(blacklistThreshold);
    QCOMPARE(float(blacklistThreshold->value()), face::CnnFaceEngine::kSameThreshold);
    blacklistThreshold->setValue(0.40);
    QCOMPARE(matcher->threshold(1), 0.40f);
    QFile photo(faces + QStringLiteral("obama_1.jpg"));
    QVERIFY(photo.open(QIODevice::ReadOnly));
    const library::PhotoCheck check = library::PhotoValidator().check(photo.readAll(), photo.fileName());
    QVERIFY2(check.accepted, qPrintable(check.reason));
    library::NewPerson p;
    p.name = QStringLiteral("Barack Obama");
    p.listId = library::sort::Blacklist;
    p.photos << check.toNewPhoto(QStringLiteral("obama_1.jpg"));
    ui::LibraryPanel *library = desk.window->libraryPanel();
    const qint64 obama = testlibrary::Store(desk.db)->addPersons({p}).value(0, -1);
    QVERIFY(obama > 0);
    ThreadSafeSpy<int, int> loaded(matcher, &match::LiveMatcher::libraryLoaded);
    emit library->libraryChanged();
    QVERIFY(loaded.wait(30000));
    QTRY_VERIFY_WITH_TIMEOUT(desk.window->faceSearch()->search() != nullptr, 60000);

    // A simulated capture camera (type 0x10: faces only, no match of its own) that sees
    // another photo of him, cut as it cuts faces.
    QTemporaryDir seen;
    QVERIFY(QFile::copy(faces + QStringLiteral("obama_2.jpg"), seen.filePath(QStringLiteral("obama_2.jpg"))));
    sim::SimConfig config = oneSimDevice(desk, 0x10, 2, 1);
    config.facesDir = seen.path();
    sim::SimRunner runner(config);
    const QString ran = runToEnd(runner);
    QVERIFY2(ran.isEmpty(), qPrintable(ran));
    QCOMPARE(runner.stats().eventsAcknowledged, qint64(2));
    QTRY_COMPARE(desk.wall()->rowCount(), 2);
    const QSet<qint64> events = {tileAt(desk.wall(), 0).eventId, tileAt(desk.wall(), 1).eventId};
    for (int row = 0; row < 2; ++row)
        QTRY_VERIFY_WITH_TIMEOUT(tileAt(desk.wall(), row).matchedByDesk, 30000);
    for (int row = 0; row < 2; ++row) {
        const ui::EventTile tile = tileAt(desk.wall(), row);
        QCOMPARE(tile.deviceName, QStringLiteral("Sim 10 #0"));
        QCOMPARE(tile.personName, QStringLiteral("Barack Obama"));
        QCOMPARE(tile.list, ui::ListKind::Blacklist);
        QVERIFY(tile.alerted);
        QVERIFY(tile.deskDistance >= 0 && tile.deskDistance < face::CnnFaceEngine::kSameThreshold);
    }
    QVERIFY(desk.banner()->isVisible());
    QCOMPARE(desk.banner()->pending(), 2);
    // Found by face under him, and in the archive as his sighting.
    const match::FaceSearchResult r = desk.window->faceSearch()->search()->byPerson(obama, 5);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QVERIFY(r.hits.size() >= 2);
    QCOMPARE((QSet<qint64>{r.hits[0].first, r.hits[1].first}), events);
    for (const qint64 event : events) {
        const QList<QVariantList> rows =
            desk.query(QStringLiteral("SELECT index_id, matched_by_desk FROM events WHERE id = %1").arg(event));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().value(0).toLongLong(), obama);
        QCOMPARE(rows.first().value(1).toInt(), 1);
    }
}

// A desk with no devices: the welcome page gives the exact values for a device's page
// with copy buttons, checks that the listener answers on the LAN addresses, lists a
// device asking to join and approves it, and gives way to the wall at the first event.
void TestGui::welcomePageGuidesTheFirstDevice()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(false, &error, QHostAddress::AnyIPv4), qPrintable(error));
    QVERIFY(desk.window->isWallShown());
    desk.window->showWelcome();
    ui::WelcomePanel *welcome = desk.window->welcomePanel();
    QVERIFY(welcome && welcome->isVisible());
    QVERIFY(!desk.window->isWallShown());
    const quint16 http = desk.server->httpPort(), tcp = desk.server->tcpPort();
    const QList<QHostAddress> lan = ui::WelcomePanel::lanAddresses();
    if (!lan.isEmpty()) {
        const QString url = QStringLiteral("http://%1:%2/faceinfo").arg(lan.first().toString()).arg(http);
        QCOMPARE(ui::WelcomePanel::faceInfoUrl(lan.first(), http), url);
        QCOMPARE(ui::WelcomePanel::keepAliveUrl(lan.first(), http),
                 QStringLiteral("http://%1:%2/keepalive").arg(lan.first().toString()).arg(http));
        QSet<QString> copies;
        for (QPushButton *b : welcome->findChildren<QPushButton *>())
            if (b->property("copies").isValid())
                copies << b->property("copies").toString();
        QVERIFY(copies.contains(url));
        QVERIFY(copies.contains(QString::number(tcp)));
        QVERIFY(copies.contains(QStringLiteral("/faceinfo")));
        QSignalSpy checked(welcome, &ui::WelcomePanel::selfCheckDone);
        welcome->runSelfCheck();
        QVERIFY(checked.wait(10000));
        QVERIFY2(welcome->selfCheckResult(lan.first()).startsWith(QStringLiteral("✓")),
                 qPrintable(welcome->selfCheckResult(lan.first())));
        QVERIFY(welcome->findChild<QLabel *>(QStringLiteral("welcomeSelfCheck"))->text().contains(QString::number(tcp)));
    }

    // A device asks to join: it is listed here and approved from here.
    FakeDevice gate(QStringLiteral("GATE-1"), QStringLiteral("Front gate"));
    QVERIFY(gate.connectTo(http));
    QCOMPARE(gate.requestToken(), code::NotRegistered);
    auto *pending = welcome->findChild<QListWidget *>(QStringLiteral("welcomePending"));
    QVERIFY(pending);
    QTRY_VERIFY(pending->count() == 1 && pending->item(0)->data(Qt::UserRole).toString() == gate.uuid());
    QVERIFY2(pending->item(0)->text().contains(gate.uuid()) && pending->item(0)->text().contains(QStringLiteral("127.0.0.1")),
             qPrintable(pending->item(0)->text()));
    pending->item(0)->setSelected(true);
    QTest::mouseClick(welcome->findChild<QPushButton *>(QStringLiteral("welcomeApprove")), Qt::LeftButton);
    QCOMPARE(desk.registry->device(gate.uuid())->state, QStringLiteral("approved"));
    QTRY_VERIFY(pending->item(0)->data(Qt::UserRole).toString().isEmpty());  // "none yet" again

    // Its first event: the desk is working, the wall comes forward.
    QCOMPARE(gate.requestToken(), code::Ok);
    QVERIFY(pushToWall(desk, gate, gate.stranger()) > 0);
    QVERIFY(desk.window->isWallShown());
}

// #12, end to end on one PostgreSQL archive: two desks, each a window with its own
// collector (listener, writer, library sync), sharing the archive and the data folder
// as docs/SITE-SETUP.md sets them up. A blacklist hit that reaches desk A's collector
// rings on both desks; acknowledged on A, it stops on B, which says who acknowledged
// it; a person desk A adds to the library reaches a device that desk B's collector
// holds.
void TestGui::siteDesksShareEventsAlertsAndTheLibrary()
{
    if (!testarchive::onPostgres())
        QSKIP("two desks on one PostgreSQL archive: the _pg run (tst_gui_pg)");
    const QByteArray photo = sharedPhoto();
    if (photo.isEmpty())
        QSKIP("needs a face photo from ../shared/faces for the library");
    Desk a, b, c;
    const store::DatabaseConfig site = testarchive::config(a.dir.path());
    QString error;
    QVERIFY2(a.start(true, &error, QHostAddress::LocalHost, site), qPrintable(error));
    QVERIFY2(b.start(true, &error, QHostAddress::LocalHost, site), qPrintable(error));
    c.options.server.listen = false;  // `facedesk --desk-only`: a desk without a listener
    QVERIFY2(c.start(true, &error, QHostAddress::LocalHost, site), qPrintable(error));
    QCOMPARE(c.server->httpPort(), quint16(0));

    FakeDevice gate(QStringLiteral("GATE-A"), QStringLiteral("Gate A"));
    QVERIFY(gate.connectTo(a.server->httpPort()));
    QCOMPARE(gate.requestToken(), 0);
    QVERIFY(a.registry->rename(QStringLiteral("GATE-A"), QStringLiteral("Front gate")));
    QCOMPARE(gate.post(gate.match(1, QStringLiteral("Mallory.jpg"), 0.93)), 0);
    QTRY_COMPARE(a.banner()->pending(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(b.banner()->pending(), 1, 5000);  // from the archive, not from B's listener
    QTRY_COMPARE(b.wall()->rowCount(), 1);
    // Desk B names and lists the device desk A's collector holds, as another collector's.
    QCOMPARE(tileAt(b.wall(), 0).deviceName, QStringLiteral("Front gate"));
    const QModelIndex state = deviceCell(b.window->deviceTable(), QStringLiteral("GATE-A"), ui::DeviceTableModel::State);
    QVERIFY(state.isValid());
    QVERIFY2(state.data().toString().contains(QLatin1String("another collector")), qPrintable(state.data().toString()));
    // So does the desk without a listener, whose alarm rings all the same.
    QTRY_COMPARE_WITH_TIMEOUT(c.banner()->pending(), 1, 5000);
    QTRY_COMPARE(c.wall()->rowCount(), 1);  // the alert rings at once, the wall inserts at its next frame
    QCOMPARE(tileAt(c.wall(), 0).deviceName, QStringLiteral("Front gate"));
    const auto presence = [](Desk &desk) {
        return deviceCell(desk.window->deviceTable(), QStringLiteral("GATE-A"), ui::DeviceTableModel::Online).data().toString();
    };
    QTRY_VERIFY(!presence(c).isEmpty());
    QTRY_COMPARE(presence(c), presence(a));  // as its collector's own desk shows it
    if (const QString shots = qEnvironmentVariable("FACEDESK_TEST_SCREENSHOTS"); !shots.isEmpty()) {
        c.window->findChild<QDockWidget *>(QStringLiteral("devicesDock"))->raise();
        QCoreApplication::processEvents();  // the raised dock laid out before the grab
        c.window->grab().save(shots + QStringLiteral("/site-desk-only-devices.png"));
    }
    QVERIFY(b.banner()->alarmPlaying());

    a.banner()->noteEdit()->setText(QStringLiteral("escorted out"));
    QTest::mouseClick(a.banner()->acknowledgeButton(), Qt::LeftButton);
    QCOMPARE(a.banner()->pending(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(b.banner()->pending(), 0, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(c.banner()->pending(), 0, 5000);
    QVERIFY(!b.banner()->alarmPlaying());
    QVERIFY2(b.window->statusBar()->currentMessage().contains(QLatin1String("acknowledged on another desk by")),
             qPrintable(b.window->statusBar()->currentMessage()));
    if (const QString shots = qEnvironmentVariable("FACEDESK_TEST_SCREENSHOTS"); !shots.isEmpty())
        b.window->grab().save(shots + QStringLiteral("/site-desk-b-after-ack.png"));  // to look at, by hand

    // A device on desk B's collector; a person added and assigned on desk A.
    sim::SimConfig config = oneSimDevice(b, 0x12, 0.2, 120);
    config.heartbeatSeconds = 2;
    config.facesDir.clear();
    sim::SimRunner door(config);
    QVERIFY2(door.prepare(&error), qPrintable(error));
    door.start();
    QTRY_VERIFY_WITH_TIMEOUT(!b.server->connectedDevices().isEmpty(), 10000);
    const QString doorUuid = b.server->connectedDevices().first();
    library::NewPerson person;
    person.name = QStringLiteral("Mallory");
    person.listId = 1;
    const QImage image = QImage::fromData(photo);
    person.photos << library::NewPhoto{photo, 0, image.size(), QStringLiteral("mallory.jpg")};
    testlibrary::Store library(a.db);
    QCOMPARE(library->addPersons({person}).size(), 1);
    QVERIFY(library->assign({-1, doorUuid, 0, 1, 0}));
    QTRY_VERIFY_WITH_TIMEOUT(door.stats().libraryItemsAccepted >= 1, 20000);
    QCOMPARE(door.stats().libraryItemsRejected, qint64(0));
}

// A disk that fills while the database is away, then the database back: the disk's
// note stays (they were one label, and the database's return hid the full disk).
void TestGui::diskFullAndUnreachableDatabaseAreToldApart()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    auto *disk = desk.window->findChild<QLabel *>(QStringLiteral("diskFullStatus"));
    auto *database = desk.window->findChild<QLabel *>(QStringLiteral("databaseStatus"));
    auto *store = desk.window->findChild<QLabel *>(QStringLiteral("storeStatus"));
    QVERIFY(disk && database && store);
    QVERIFY(disk->isHidden() && database->isHidden());
    desk.window->showDatabaseReachable(false, QDateTime::currentDateTimeUtc(), QStringLiteral("connection refused"));
    desk.window->showStorageFull(true, QStringLiteral("No space left on device"));
    QVERIFY(!disk->isHidden() && !database->isHidden());
    QVERIFY(database->text().contains(QLatin1String("unreachable")));
    QVERIFY(disk->text().contains(QLatin1String("disk full")));
    desk.window->showDatabaseReachable(true, {}, {});
    QVERIFY(database->isHidden());
    QVERIFY(!disk->isHidden());
    QCOMPARE(store->text(), QStringLiteral("Archive: disk full"));
    desk.window->showStorageFull(false, {});
    QVERIFY(disk->isHidden());
}

// #13: a guard's window. What the role may not do is disabled, its tooltip names the
// role that may; a supervisor gets search; an admin everything; the status bar names
// the operator. Without operators (no accounts) nothing is restricted.
void TestGui::operatorRolesRestrictTheWindow()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    ui::MainWindow *w = desk.window.get();
    auto *approve = w->findChild<QPushButton *>(QStringLiteral("approveButton"));
    auto *remove = w->findChild<QPushButton *>(QStringLiteral("removeButton"));
    auto *label = w->findChild<QLabel *>(QStringLiteral("operatorStatus"));
    QVERIFY(approve && remove && label);
    QVERIFY(w->searchPanel()->isEnabled() && w->libraryPanel()->isEnabled() && approve->isEnabled());
    QVERIFY(label->isHidden());

    w->setOperator(QStringLiteral("gil"), auth::Role::Guard);
    QCOMPARE(label->text(), QStringLiteral("Operator: gil (guard)"));
    QVERIFY(!label->isHidden());
    QVERIFY(!w->searchPanel()->isEnabled());
    QVERIFY2(w->searchPanel()->toolTip().contains(QLatin1String("supervisor or an admin")), qPrintable(w->searchPanel()->toolTip()));
    QVERIFY(!w->libraryPanel()->isEnabled());
    QVERIFY(w->libraryPanel()->toolTip().contains(QLatin1String("Only an admin")));
    QVERIFY(!approve->isEnabled() && !remove->isEnabled());
    QVERIFY(approve->toolTip().contains(QLatin1String("gil, a guard")));
    QVERIFY(w->wallView()->isEnabled());  // the wall and the alerts are a guard's work
    // The ways into a timeline and an import check the role too, not only the panels.
    QVERIFY(!w->openTimeline(1));
    QVERIFY(!w->openImport());
    QVERIFY(!w->auditPanel()->isEnabled());
    if (const char *dir = getenv("FACEDESK_TEST_SCREENSHOTS"))
        w->grab().save(QDir(QString::fromLocal8Bit(dir)).filePath(QStringLiteral("guard-window.png")));

    w->setOperator(QStringLiteral("sue"), auth::Role::Supervisor);
    QVERIFY(w->searchPanel()->isEnabled());
    QVERIFY(!w->libraryPanel()->isEnabled());
    QVERIFY(!w->openImport());
    QPointer<ui::PersonTimelineDialog> timeline = w->openTimeline(1);
    QVERIFY(timeline);
    timeline->close();
    w->setOperator(QStringLiteral("ann"), auth::Role::Admin);
    QVERIFY(w->searchPanel()->isEnabled() && w->libraryPanel()->isEnabled() && approve->isEnabled());
    QVERIFY(approve->toolTip().isEmpty());
}

// #13: the first run creates the first admin (the passwords must agree), a sign-in
// shows a refusal and stays open, and "Switch operator" lets another operator take
// the desk without closing the window; every attempt is in the audit trail.
void TestGui::loginFirstRunSignInAndSwitchOperator()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    store::QueryWorker *queries = desk.window->queries();
    {
        ui::LoginDialog first(queries, ui::LoginDialog::Mode::FirstRun);
        QSignalSpy answered(&first, &ui::LoginDialog::answered);
        first.nameEdit()->setText(QStringLiteral("ann"));
        first.passwordEdit()->setText(QStringLiteral("ann's password"));
        first.repeatEdit()->setText(QStringLiteral("ann's passwort"));
        first.submit();
        QCOMPARE(answered.size(), 1);
        QVERIFY(first.problemLabel()->text().contains(QLatin1String("differ")));
        first.passwordEdit()->setText(QStringLiteral("ann's password"));
        first.repeatEdit()->setText(QStringLiteral("ann's password"));
        first.submit();
        QVERIFY(answered.size() == 2 || answered.wait(10000));
        QCOMPARE(answered.last().first().toBool(), true);
        QCOMPARE(first.result(), int(QDialog::Accepted));
        QCOMPARE(first.role(), auth::Role::Admin);
    }
    {
        store::ScopedConnection c(desk.db, QStringLiteral("gui-accounts"));
        QVERIFY(operators::OperatorStore(c.db()).add(QStringLiteral("gil"), auth::Role::Guard, QStringLiteral("gil's password"), &error));
    }
    {
        ui::LoginDialog signIn(queries, ui::LoginDialog::Mode::SignIn);
        QSignalSpy answered(&signIn, &ui::LoginDialog::answered);
        signIn.nameEdit()->setText(QStringLiteral("ann"));
        signIn.passwordEdit()->setText(QStringLiteral("not it"));
        signIn.submit();
        QVERIFY(!answered.isEmpty() || answered.wait(10000));
        QCOMPARE(answered.last().first().toBool(), false);
        QVERIFY(signIn.problemLabel()->isVisibleTo(&signIn));
        QCOMPARE(signIn.problemLabel()->text(), QStringLiteral("Wrong name or password."));
        QVERIFY(signIn.result() != int(QDialog::Accepted));
        QVERIFY(signIn.passwordEdit()->text().isEmpty());  // never left in the field
    }
    // The shift changes: ann hands the desk to gil; the wall's tiles stay.
    desk.window->setOperator(QStringLiteral("ann"), auth::Role::Admin);
    FakeDevice lobby(QStringLiteral("LOBBY-OP"), QStringLiteral("Lobby"));
    QVERIFY(lobby.connectTo(desk.server->httpPort()));
    QCOMPARE(lobby.requestToken(), code::Ok);
    QVERIFY(pushToWall(desk, lobby, lobby.stranger()) > 0);
    const int tiles = desk.wall()->rowCount();
    QTimer::singleShot(0, this, [] {
        auto *dialog = qobject_cast<ui::LoginDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        dialog->nameEdit()->setText(QStringLiteral("gil"));
        dialog->passwordEdit()->setText(QStringLiteral("gil's password"));
        dialog->submit();
    });
    desk.window->switchOperator();  // modal until gil is signed in
    QCOMPARE(desk.window->operatorName(), QStringLiteral("gil"));
    QVERIFY(!desk.window->searchPanel()->isEnabled());
    QCOMPARE(desk.wall()->rowCount(), tiles);
    // The trail: the account made, the failure, the logins, the hand-over.
    QStringList actions;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            store::ScopedConnection c(desk.db, QStringLiteral("gui-audit"));
            QString e;
            actions.clear();
            for (const operators::AuditRecord &r : operators::AuditLog(c.db()).records({}, {}, &e))
                actions << r.operatorName + u':' + r.action;
            return actions.contains(QStringLiteral("ann:logout"));
        }(),
        10000);
    for (const QString &a : {QStringLiteral("ann:account-add"), QStringLiteral("ann:login"), QStringLiteral("ann:login-failed"),
                             QStringLiteral("gil:login"), QStringLiteral("ann:logout")})
        QVERIFY2(actions.contains(a), qPrintable(actions.join(u' ')));
}

// #13: after the idle time the desk locks: the wall, docks and toolbar are hidden,
// a blacklist alarm keeps sounding, the lock page says alerts wait; the guard signs
// in and acknowledges. A wrong password leaves it locked.
void TestGui::idleLockKeepsTheAlarmAndUnlocksBySignIn()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    {
        store::ScopedConnection c(desk.db, QStringLiteral("gui-lock-accounts"));
        QVERIFY(operators::OperatorStore(c.db()).add(QStringLiteral("gil"), auth::Role::Guard, QStringLiteral("gil's password"), &error));
    }
    ui::MainWindow *w = desk.window.get();
    w->setOperator(QStringLiteral("gil"), auth::Role::Guard);
    FakeDevice lobby(QStringLiteral("LOBBY-LOCK"), QStringLiteral("Lobby cam"));
    QVERIFY(lobby.connectTo(desk.server->httpPort()));
    QCOMPARE(lobby.requestToken(), code::Ok);
    QVERIFY(pushToWall(desk, lobby, lobby.match(1, QStringLiteral("Jane Doe.jpg"), 0.93)) > 0);
    QVERIFY(desk.banner()->alarmPlaying());

    w->idleWatch()->setTimeout(300);  // (the setting is in minutes; a test has no minutes to wait)
    QTRY_VERIFY_WITH_TIMEOUT(w->isLocked(), 10000);
    QVERIFY(!w->wallView()->isVisible());
    QVERIFY(!w->searchPanel()->isVisible());
    QVERIFY(desk.banner()->alarmPlaying());  // the alarm goes on over the lock
    auto *lockText = w->findChild<QLabel *>(QStringLiteral("lockText"));
    QVERIFY(lockText && lockText->isVisible());
    QVERIFY2(lockText->text().contains(QLatin1String("1 alert(s) waiting")), qPrintable(lockText->text()));
    auto *dialog = w->findChild<ui::LoginDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("gil"));
    QSignalSpy answered(dialog, &ui::LoginDialog::answered);
    dialog->passwordEdit()->setText(QStringLiteral("wrong one"));
    dialog->submit();
    QVERIFY(!answered.isEmpty() || answered.wait(10000));
    QVERIFY(w->isLocked());
    dialog->passwordEdit()->setText(QStringLiteral("gil's password"));
    dialog->submit();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isLocked(), 10000);
    QVERIFY(w->wallView()->isVisible());
    QVERIFY(desk.banner()->isVisible());
    QCOMPARE(w->operatorName(), QStringLiteral("gil"));
    QVERIFY(desk.banner()->alarmPlaying());  // still ringing until acknowledged
    w->idleWatch()->setTimeout(0);
    auto *ack = desk.banner()->findChild<QPushButton *>(QStringLiteral("acknowledgeButton"));
    QVERIFY(ack);
    QTest::mouseClick(ack, Qt::LeftButton);
    QVERIFY(!desk.banner()->alarmPlaying());
}


namespace {

// The trail as it stands once `wanted` ("operator:action", and the target when one is
// given) is in it (the window appends on its query worker).
QList<operators::AuditRecord> trailWith(const store::DatabaseConfig &db, const QString &wanted, const QString &target = {})
{
    QList<operators::AuditRecord> records;
    const auto has = [&] {
        store::ScopedConnection c(db, QStringLiteral("gui-trail"));
        QString e;
        records = operators::AuditLog(c.db()).records({}, {}, &e);
        for (const operators::AuditRecord &r : records)
            if (r.operatorName + u':' + r.action == wanted && (target.isEmpty() || r.target == target))
                return true;
        return false;
    };
    QDeadlineTimer deadline(10000);
    while (!has() && !deadline.hasExpired())
        QTest::qWait(20);  // polls the database: nothing to wait on across processes
    return records;
}

// A whitelist person in the desk's library (no photo); their index_id, -1 on failure.
qint64 addPerson(const store::DatabaseConfig &db, const QString &name, const QString &card = {})
{
    library::NewPerson p;
    p.name = name;
    p.listId = library::sort::Whitelist;
    p.cardNo = card;
    return testlibrary::Store(db)->addPersons({p}).value(0, -1);
}

const operators::AuditRecord *lastOf(const QList<operators::AuditRecord> &records, const QString &wanted)
{
    for (auto it = records.crbegin(); it != records.crend(); ++it)
        if (it->operatorName + u':' + it->action == wanted)
            return &*it;
    return nullptr;
}

} // namespace

// #13: the audit viewer is an admin's (a guard's is disabled); it filters by operator
// and text, its chain check says intact and then names a record edited behind its
// back, its CSV has every matching record, and an account locked by failed sign-ins
// shows there and is unlocked from there, each of which lands in the trail.
void TestGui::auditViewerFiltersVerifiesExportsAndShowsLocks()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    {
        store::ScopedConnection c(desk.db, QStringLiteral("gui-audit-setup"));
        operators::OperatorStore accounts(c.db());
        QVERIFY(accounts.add(QStringLiteral("ann"), auth::Role::Admin, QStringLiteral("ann's password"), &error));
        QVERIFY(accounts.add(QStringLiteral("gil"), auth::Role::Guard, QStringLiteral("gil's password"), &error));
        // The tenth failure a minute ago: locked for the next fourteen.
        QDateTime at = QDateTime::currentDateTimeUtc().addSecs(-60 * auth::LoginThrottle::LockAfter);
        for (int i = 0; i < auth::LoginThrottle::LockAfter; ++i, at = at.addSecs(60))
            QVERIFY(!accounts.login(QStringLiteral("gil"), QStringLiteral("guess %1").arg(i), at).ok());
        QVERIFY(accounts.account(QStringLiteral("gil"))->lockedUntil(QDateTime::currentDateTimeUtc()).isValid());
        operators::AuditLog log(c.db());
        for (int i = 0; i < 5; ++i)
            QVERIFY(log.append({QStringLiteral("gil"), QStringLiteral("acknowledge"), QStringLiteral("event %1").arg(i), {}, {}}, &error));
        QVERIFY(log.append({QStringLiteral("ann"), QStringLiteral("approve-device"), QStringLiteral("device LOBBY-1"), {}, {}}, &error));
    }
    ui::MainWindow *w = desk.window.get();
    ui::AuditPanel *panel = w->auditPanel();
    QVERIFY(panel);
    w->setOperator(QStringLiteral("gil"), auth::Role::Guard);
    QVERIFY(!panel->isEnabled());
    QVERIFY(panel->toolTip().contains(QLatin1String("Only an admin")));
    w->setOperator(QStringLiteral("ann"), auth::Role::Admin);
    QVERIFY(panel->isEnabled());

    QSignalSpy loaded(panel, &ui::AuditPanel::loaded);
    QSignalSpy accountsLoaded(panel, &ui::AuditPanel::accountsLoaded);
    // An answer can come back before refresh() returns (the worker was quick).
    const auto reread = [&] {
        loaded.clear();
        panel->refresh();
        return !loaded.isEmpty() || loaded.wait(10000);
    };
    QVERIFY(reread());
    QCOMPARE(panel->model()->rowCount(), 6);
    QCOMPARE(panel->model()->record(0).action, QStringLiteral("approve-device"));  // newest at the top
    QVERIFY(panel->operatorBox()->findText(QStringLiteral("gil")) > 0);
    panel->operatorBox()->setCurrentIndex(panel->operatorBox()->findText(QStringLiteral("gil")));
    QVERIFY(reread());
    QCOMPARE(panel->model()->rowCount(), 5);
    panel->textEdit()->setText(QStringLiteral("EVENT 3"));  // any case
    QVERIFY(reread());
    QCOMPARE(panel->model()->rowCount(), 1);
    QCOMPARE(panel->model()->record(0).target, QStringLiteral("event 3"));
    panel->textEdit()->clear();
    QVERIFY(reread());

    // The accounts: gil's lock is shown, and lifted from here.
    QVERIFY(!accountsLoaded.isEmpty() || accountsLoaded.wait(10000));
    QCOMPARE(panel->tabs()->tabText(1), QStringLiteral("Operators (1 locked)"));
    const QList<QTableWidgetItem *> gil = panel->accountsTable()->findItems(QStringLiteral("gil"), Qt::MatchExactly);
    QCOMPARE(gil.size(), 1);
    QVERIFY(panel->accountsTable()->item(gil.first()->row(), 2)->text().startsWith(QLatin1String("locked until")));
    panel->unlockAccount(QStringLiteral("gil"));
    QTRY_COMPARE_WITH_TIMEOUT(panel->tabs()->tabText(1), QStringLiteral("Operators"), 10000);
    QVERIFY(trailWith(desk.db, QStringLiteral("ann:unlock-account")).size() > 6);

    // The export has every record the filter passes (gil's), and is itself recorded.
    QTemporaryDir out;
    const QString csv = out.filePath(QStringLiteral("audit.csv"));
    QFuture<QString> written = panel->exportCsv(csv);
    QTRY_VERIFY_WITH_TIMEOUT(written.isFinished(), 10000);
    QCOMPARE(written.result(), QString());
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QVERIFY2(lines.size() >= 6 && lines.first().startsWith("seq,time,operator"), lines.first().constData());
    for (const QByteArray &line : lines.mid(1))
        QCOMPARE(line.split(',').value(2), QByteArray("gil"));
    const QList<operators::AuditRecord> trail = trailWith(desk.db, QStringLiteral("ann:export"));
    const operators::AuditRecord *exported = lastOf(trail, QStringLiteral("ann:export"));
    QVERIFY(exported && exported->target == QLatin1String("audit trail"));

    // Intact, then an edit behind the trail's back (its guard trigger dropped first).
    QFuture<operators::AuditVerdict> verdict = panel->verify();
    QTRY_VERIFY_WITH_TIMEOUT(verdict.isFinished(), 10000);
    QVERIFY(verdict.result().intact);
    QVERIFY2(panel->verdictLabel()->text().startsWith(QLatin1String("Chain intact")), qPrintable(panel->verdictLabel()->text()));
    if (const char *dir = getenv("FACEDESK_TEST_SCREENSHOTS")) {
        panel->operatorBox()->setCurrentIndex(0);
        QVERIFY(reread());
        w->findChild<QDockWidget *>(QStringLiteral("auditDock"))->raise();
        w->resize(1280, 800);
        w->grab().save(QDir(QString::fromLocal8Bit(dir)).filePath(QStringLiteral("audit-viewer.png")));
    }
    {
        store::ScopedConnection c(desk.db, QStringLiteral("gui-audit-tamper"));
        QSqlQuery q(c.db());
        QVERIFY(q.exec(QStringLiteral("DROP TRIGGER audit_log_no_update")));
        QVERIFY(q.exec(QStringLiteral("UPDATE audit_log SET target = 'event 99' WHERE seq = 3")));
    }
    verdict = panel->verify();
    QTRY_VERIFY_WITH_TIMEOUT(verdict.isFinished(), 10000);
    QCOMPARE(verdict.result().firstBad, qint64(3));
    QVERIFY2(panel->verdictLabel()->text().startsWith(QLatin1String("Chain broken at record 3")), qPrintable(panel->verdictLabel()->text()));

    // A guard taking the desk finds nothing of what the admin had open.
    w->setOperator(QStringLiteral("gil"), auth::Role::Guard);
    QCOMPARE(panel->model()->rowCount(), 0);
    QCOMPARE(panel->accountsTable()->rowCount(), 0);
    QVERIFY(panel->verdictLabel()->text().isEmpty());
}

// #13: an admin's edits in the window are in the trail with what was before and
// after: a move to another list, a deletion (the person's fields, not the face), a
// setting changed in several steps (one record, first value to last), and an export
// of search results.
void TestGui::windowEditsAreAuditedWithBeforeAndAfter()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    ui::MainWindow *w = desk.window.get();
    w->setOperator(QStringLiteral("ann"), auth::Role::Admin);
    ui::LibraryPanel *library = w->libraryPanel();
    const qint64 id = addPerson(desk.db, QStringLiteral("Mallory Moved"), QStringLiteral("C-77"));
    QVERIFY(id > 0);
    QSignalSpy loaded(library->model(), &ui::PersonTableModel::loaded);
    library->refresh();
    QVERIFY(!loaded.isEmpty() || loaded.wait(10000));
    library->table()->selectRow(library->model()->rowOf(id));
    QCOMPARE(library->selectedPersons(), QList<qint64>{id});

    QSignalSpy edited(library, &ui::LibraryPanel::editFinished);
    library->moveSelected(library::sort::Blacklist);  // on the query worker
    QVERIFY(!edited.isEmpty() || edited.wait(10000));
    QCOMPARE(edited.first().first().toString(), QString());
    QList<operators::AuditRecord> trail = trailWith(desk.db, QStringLiteral("ann:edit-library"));
    const operators::AuditRecord *moved = lastOf(trail, QStringLiteral("ann:edit-library"));
    QVERIFY(moved);
    QCOMPARE(moved->target, QStringLiteral("person %1").arg(id));
    const QJsonObject movedDetails = QJsonDocument::fromJson(moved->details.toUtf8()).object();
    QCOMPARE(movedDetails[QStringLiteral("before")][QStringLiteral("lists")][QString::number(id)].toInt(), int(library::sort::Whitelist));
    QCOMPARE(movedDetails[QStringLiteral("after")][QStringLiteral("list")].toInt(), int(library::sort::Blacklist));

    QTRY_VERIFY_WITH_TIMEOUT(!library->model()->isLoading() && library->model()->rowOf(id) >= 0, 10000);  // the move's reload
    library->table()->selectRow(library->model()->rowOf(id));
    library->deleteSelected(false);
    const auto deletion = [&] {
        trail = trailWith(desk.db, QStringLiteral("ann:edit-library"));
        for (const operators::AuditRecord &r : trail)
            if (r.details.contains(QLatin1String("\"change\":\"delete\"")))
                return QJsonDocument::fromJson(r.details.toUtf8()).object();
        return QJsonObject();
    };
    QTRY_VERIFY_WITH_TIMEOUT(!deletion().isEmpty(), 10000);
    const QJsonObject before = deletion()[QStringLiteral("before")][QString::number(id)].toObject();
    QCOMPARE(before[QStringLiteral("name")].toString(), QStringLiteral("Mallory Moved"));
    QCOMPARE(before[QStringLiteral("card")].toString(), QStringLiteral("C-77"));
    QVERIFY(deletion()[QStringLiteral("after")].isNull());

    auto *lockAfter = w->findChild<QSpinBox *>(QStringLiteral("lockMinutes"));
    QVERIFY(lockAfter);
    const int first = lockAfter->value();
    lockAfter->setValue(first + 1);
    lockAfter->setValue(first + 2);
    w->flushSettingRecords();
    trail = trailWith(desk.db, QStringLiteral("ann:change-settings"));
    int settingRecords = 0;
    for (const operators::AuditRecord &r : trail)
        if (r.target == QLatin1String("setting security/lockMinutes")) {
            ++settingRecords;
            const QJsonObject d = QJsonDocument::fromJson(r.details.toUtf8()).object();
            QCOMPARE(d[QStringLiteral("before")].toString(), QString::number(first));
            QCOMPARE(d[QStringLiteral("after")].toString(), QString::number(first + 2));
        }
    QCOMPARE(settingRecords, 1);
    lockAfter->setValue(first);
    // Retention per list: kept in the settings the next start reads, and recorded.
    auto *strangers = w->findChild<QSpinBox *>(QStringLiteral("keepDays_stranger"));
    QVERIFY(strangers);
    strangers->setValue(30);
    QCOMPARE(ui::retentionFromSettings().listMaxAgeDays.value(QStringLiteral("stranger")), 30);
    w->flushSettingRecords();
    trail = trailWith(desk.db, QStringLiteral("ann:change-settings"), QStringLiteral("setting retention/stranger"));
    QVERIFY(std::any_of(trail.cbegin(), trail.cend(), [](const operators::AuditRecord &r) {
        return r.target == QLatin1String("setting retention/stranger") && r.details.contains(QLatin1String("\"after\":\"30\""));
    }));
    strangers->setValue(0);
    w->flushSettingRecords();

    QTemporaryDir out;
    QFuture<QString> written = w->searchPanel()->exportCsv(out.filePath(QStringLiteral("hits.csv")));
    QTRY_VERIFY_WITH_TIMEOUT(written.isFinished(), 10000);
    QCOMPARE(written.result(), QString());
    trail = trailWith(desk.db, QStringLiteral("ann:export"));
    const operators::AuditRecord *exported = lastOf(trail, QStringLiteral("ann:export"));
    QVERIFY(exported && exported->target == QLatin1String("events"));
    QVERIFY(exported->details.contains(QLatin1String("hits.csv")));

    // Looking up a person's timeline is looking for them; closing the window signs out,
    // written before the window goes (the worker drops what is still queued then).
    QPointer<ui::PersonTimelineDialog> timeline = w->openTimeline(id);
    QVERIFY(timeline);
    timeline->close();
    w->close();
    store::ScopedConnection c(desk.db, QStringLiteral("gui-closed"));
    QString e;
    trail = operators::AuditLog(c.db()).records({}, {}, &e);
    const operators::AuditRecord *looked = lastOf(trail, QStringLiteral("ann:view-timeline"));
    QVERIFY(looked && looked->target == QStringLiteral("person %1").arg(id));
    QVERIFY(!trail.isEmpty());
    QCOMPARE(trail.last().operatorName + u':' + trail.last().action, QStringLiteral("ann:logout"));
}


// #13: an admin forgets a person from the library panel: their events leave the wall
// and the archive, the other person's stay, and the trail records it by index id.
void TestGui::forgetFromTheWindowClearsTheWallAndTheArchive()
{
    Desk desk;
    QString error;
    QVERIFY2(desk.start(true, &error), qPrintable(error));
    ui::MainWindow *w = desk.window.get();
    w->setOperator(QStringLiteral("ann"), auth::Role::Admin);
    ui::LibraryPanel *library = w->libraryPanel();
    const qint64 gone = addPerson(desk.db, QStringLiteral("Wendy Forgotten"));
    const qint64 kept = addPerson(desk.db, QStringLiteral("Kim Kept"));
    QVERIFY(gone > 0 && kept > 0);
    FakeDevice lobby(QStringLiteral("LOBBY-F"), QStringLiteral("Lobby cam"));
    QVERIFY(lobby.connectTo(desk.server->httpPort()));
    QCOMPARE(lobby.requestToken(), code::Ok);
    const qint64 first = pushToWall(desk, lobby, lobby.match(2, QStringLiteral("Wendy.jpg"), 0.9, gone));
    const qint64 second = pushToWall(desk, lobby, lobby.match(2, QStringLiteral("Wendy.jpg"), 0.9, gone));
    const qint64 other = pushToWall(desk, lobby, lobby.match(2, QStringLiteral("Kim.jpg"), 0.9, kept));
    QVERIFY(first > 0 && second > 0 && other > 0);
    QCOMPARE(desk.wall()->rowCount(), 3);

    QSignalSpy loaded(library->model(), &ui::PersonTableModel::loaded);
    library->refresh();
    QVERIFY(!loaded.isEmpty() || loaded.wait(10000));
    library->table()->selectRow(library->model()->rowOf(gone));
    QSignalSpy finished(library, &ui::LibraryPanel::forgetFinished);
    library->forgetSelected(false, true);
    QVERIFY(!finished.isEmpty() || finished.wait(10000));
    QCOMPARE(finished.first().first().toString(), QString());
    QCOMPARE(desk.wall()->rowCount(), 1);
    QCOMPARE(tileAt(desk.wall(), 0).eventId, other);
    QCOMPARE(desk.count(QStringLiteral("index_id = %1").arg(gone)), qint64(0));
    QCOMPARE(desk.count(QStringLiteral("index_id = %1").arg(kept)), qint64(1));
    QVERIFY(!testlibrary::Store(desk.db)->person(gone).has_value());
    const QList<operators::AuditRecord> trail = trailWith(desk.db, QStringLiteral("ann:forget-person"));
    const operators::AuditRecord *forgot = lastOf(trail, QStringLiteral("ann:forget-person"));
    QVERIFY(forgot);
    QCOMPARE(forgot->target, QStringLiteral("person %1").arg(gone));
    QVERIFY(!forgot->details.contains(QLatin1String("Wendy")));
}

QTEST_MAIN(TestGui)
#include "tst_gui.moc"
