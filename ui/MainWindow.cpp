#include "MainWindow.h"

#include "match/LiveMatcher.h"

#include "AlertBanner.h"
#include "AuditPanel.h"
#include "RetentionSettings.h"
#include "BoundedImage.h"
#include "DeviceTableModel.h"
#include "WelcomePanel.h"
#include "EventDetailDialog.h"
#include "EventTileDelegate.h"
#include "FaceSearchController.h"
#include "ImportWizard.h"
#include "IdleWatch.h"
#include "LoginDialog.h"
#include "LibraryPanel.h"
#include "PersonTableModel.h"
#include "PersonTimelineDialog.h"
#include "SearchPanel.h"
#include "LiveEventModel.h"
#include "WallFilterModel.h"

#include "devices/DeviceRegistry.h"
#include "server/FaceServer.h"
#include "store/ArchiveFeed.h"
#include "store/ArchiveReader.h"
#include "store/QueryWorker.h"
#include "store/ScopedConnection.h"
#include "operators/AuditLog.h"
#include "store/StoreWriter.h"
#include "sync/SyncEngine.h"
#include "sync/SyncStatusReader.h"

#include <QCloseEvent>
#include <QCoreApplication>
#include <QComboBox>
#include <QDir>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>
#include <QDockWidget>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QEventLoop>
#include <QGridLayout>
#include <QScrollArea>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QLineEdit>
#include <QListView>
#include <QProcess>
#include <QStackedWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QThreadPool>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace fd::ui {

namespace {

QString osUser()
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    return user.isEmpty() ? QStringLiteral("unknown") : user;
}

} // namespace

MainWindow::MainWindow(server::FaceServer *server, devices::DeviceRegistry *registry, store::StoreWriter *writer,
                       store::DatabaseConfig archive, QWidget *parent)
    : QMainWindow(parent), m_server(server), m_registry(registry), m_writer(writer), m_archive(std::move(archive)),
      m_queries(new store::QueryWorker(m_archive, QStringLiteral("window-queries"), this)),
      m_statusQueries(new store::QueryWorker(m_archive, QStringLiteral("sync-status"), this)),
      m_idle(new IdleWatch(this))
{
    connect(m_idle, &IdleWatch::idle, this, &MainWindow::lock);
    setWindowTitle(tr("FaceDesk"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/facedesk.svg")));
    resize(1280, 800);
    m_rules.load();
    QSettings settings;

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_alerts = new AlertBanner(central);
    m_alerts->setFaceLoader([this](qint64 eventId) {
        // From the wall while the tile is there, else from the archive.
        for (int row = 0; row < m_wall->rowCount(); ++row)
            if (m_wall->tileAt(row).eventId == eventId)
                return QtFuture::makeReadyFuture(m_wall->tileAt(row).face);
        return m_queries->run([eventId, root = m_archive.imagesDir()](QSqlDatabase &db) {
            const auto event = store::loadEvent(db, eventId, root);
            return event && !event->facePath.isEmpty()
                ? readBoundedImageFile(event->facePath, QSize(160, 160)).scaled(160, 160, Qt::KeepAspectRatio)
                : QImage();
        });
    });
    layout->addWidget(m_alerts);
    m_wall = new LiveEventModel(settings.value(QStringLiteral("wall/capacity"), 500).toInt(), this);
    m_filter = new WallFilterModel(this);
    m_filter->setSourceModel(m_wall);
    m_view = new QListView(central);
    m_view->setObjectName(QStringLiteral("liveWall"));
    m_view->setViewMode(QListView::IconMode);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setMovement(QListView::Static);
    m_view->setUniformItemSizes(true);
    m_view->setSpacing(4);
    m_view->setItemDelegate(new EventTileDelegate(m_view));
    m_view->setModel(m_filter);
    // The wall is what a guard watches: at least one whole row of tiles is in sight
    // however the docks below are sized, and in any font.
    m_view->setMinimumHeight(EventTileDelegate::tileSize(m_view->fontMetrics()).height() + 2 * m_view->spacing()
                             + 2 * m_view->frameWidth() + 2);
    layout->addWidget(m_view, 1);
    m_wallPage = central;
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(central);
    setCentralWidget(m_pages);
    connect(m_view, &QListView::activated, this, &MainWindow::openDetail);  // double-click or Enter

    m_detail = new EventDetailDialog(
        [this](qint64 id) {
            return m_queries->run([id, root = m_archive.imagesDir()](QSqlDatabase &db) { return store::loadEvent(db, id, root); });
        },
        [this](qint64 id, int direction) { return neighbourOf(id, direction); }, this);

    m_devices = new DeviceTableModel(registry, this);
    m_queries->run([since = QDateTime(QDate::currentDate(), QTime(0, 0))](QSqlDatabase &db) {
        return store::eventCountsSince(db, since);
    }).then(m_devices, [devices = m_devices](const QHash<QString, qint64> &counts) { devices->setEventCounts(counts); });
    buildToolbar();

    auto *deviceDock = new QDockWidget(tr("Devices"), this);
    deviceDock->setObjectName(QStringLiteral("devicesDock"));
    deviceDock->setWidget(buildDevicePanel());
    addDockWidget(Qt::BottomDockWidgetArea, deviceDock);
    auto *settingsDock = m_settingsDock = new QDockWidget(tr("Settings"), this);
    settingsDock->setObjectName(QStringLiteral("settingsDock"));
    // Scrolls rather than squeezes: the settings outgrow a short bottom dock.
    auto *settingsScroll = new QScrollArea(settingsDock);
    settingsScroll->setWidgetResizable(true);
    settingsScroll->setFrameShape(QFrame::NoFrame);
    settingsScroll->setWidget(buildSettingsPanel());
    settingsDock->setWidget(settingsScroll);
    addDockWidget(Qt::BottomDockWidgetArea, settingsDock);
    auto *libraryDock = m_libraryDock = new QDockWidget(tr("Face library"), this);
    libraryDock->setObjectName(QStringLiteral("libraryDock"));
    m_library = new LibraryPanel(m_queries, registry, libraryDock);
    libraryDock->setWidget(m_library);
    addDockWidget(Qt::BottomDockWidgetArea, libraryDock);
    connect(m_library, &LibraryPanel::timelineRequested, this, &MainWindow::openTimeline);
    connect(m_library, &LibraryPanel::importRequested, this, &MainWindow::openImport);
    connect(m_library, &LibraryPanel::libraryChanged, this, &MainWindow::readDirectory);
    readDirectory();
    auto *searchDock = m_searchDock = new QDockWidget(tr("Search"), this);
    searchDock->setObjectName(QStringLiteral("searchDock"));
    m_search = new SearchPanel(m_queries, registry, searchDock);
    searchDock->setWidget(m_search);
    addDockWidget(Qt::BottomDockWidgetArea, searchDock);
    connect(m_search, &SearchPanel::openEvent, this, &MainWindow::openEventId);
    connect(m_search, &SearchPanel::audited, this, &MainWindow::recordAudit);
    // Face search: the engine from the models folder in the settings (see
    // ARCHITECTURE.md), else the built-in one.
    // The same default as `facedesk search`: DATA_DIR/models.
    const QString models = settings.value(QStringLiteral("search/modelsDir"), QDir(m_archive.dataDir).filePath(QStringLiteral("models"))).toString();
    m_faces = new FaceSearchController(m_archive, models, this);
    m_search->setFaceSearch(m_faces);
    connect(server, &server::FaceServer::eventCommitted, m_faces,
            [this](qint64 id, const protocol::FacePush &push, const QString &uuid) { m_faces->eventCommitted(id, push, uuid, listOf(push)); });
    connect(m_search, &SearchPanel::timelineRequested, this, &MainWindow::openTimeline);
    connect(writer, &store::StoreWriter::eventsDeleted, m_faces, &FaceSearchController::eventsDeleted);
    connect(m_library, &LibraryPanel::eventsForgotten, this, [this](const QList<qint64> &ids) {
        m_faces->eventsDeleted(ids);
        m_wall->remove(QSet<qint64>(ids.begin(), ids.end()));
    });
    connect(m_faces, &FaceSearchController::engineChosen, this, &MainWindow::startLiveMatching);
    auto *auditDock = m_auditDock = new QDockWidget(tr("Audit trail"), this);
    auditDock->setObjectName(QStringLiteral("auditDock"));
    m_audit = new AuditPanel(m_queries, auditDock);
    auditDock->setWidget(m_audit);
    addDockWidget(Qt::BottomDockWidgetArea, auditDock);
    connect(m_audit, &AuditPanel::exported, this, [this](const QString &path, qint64 records) {
        recordAudit(auth::actionName(auth::Action::Export), QStringLiteral("audit trail"),
                    {{QStringLiteral("file"), QFileInfo(path).fileName()}, {QStringLiteral("records"), records}});
    });
    // Read when an admin looks at it, not at start-up (a trail of years is not small).
    connect(auditDock, &QDockWidget::visibilityChanged, m_audit, [this](bool visible) {
        if (visible && m_audit->isEnabled())
            m_audit->refresh();
    });
    tabifyDockWidget(deviceDock, settingsDock);
    tabifyDockWidget(settingsDock, findChild<QDockWidget *>(QStringLiteral("libraryDock")));
    tabifyDockWidget(settingsDock, findChild<QDockWidget *>(QStringLiteral("searchDock")));
    tabifyDockWidget(settingsDock, auditDock);
    deviceDock->raise();

    m_listenerLabel = new QLabel(this);
    m_devicesLabel = new QLabel(this);
    m_rateLabel = new QLabel(this);
    m_storeLabel = new QLabel(this);
    m_storeLabel->setObjectName(QStringLiteral("storeStatus"));
    m_alertLabel = new QLabel(this);
    m_alertLabel->setObjectName(QStringLiteral("alertStatus"));
    m_matchLabel = new QLabel(this);
    m_matchLabel->setObjectName(QStringLiteral("matchStatus"));
    m_diskFullLabel = new QLabel(this);
    m_diskFullLabel->setObjectName(QStringLiteral("diskFullStatus"));
    m_diskFullLabel->setStyleSheet(QStringLiteral("QLabel { background: #c62828; color: white; padding: 2px 8px; font-weight: bold; }"));
    m_diskFullLabel->hide();
    // Its own label: a disk that fills while the database is away (or the reverse)
    // must not be hidden when the other condition clears.
    m_databaseLabel = new QLabel(this);
    m_databaseLabel->setObjectName(QStringLiteral("databaseStatus"));
    m_databaseLabel->setStyleSheet(m_diskFullLabel->styleSheet());
    m_databaseLabel->hide();
    m_operatorLabel = new QLabel(this);
    m_operatorLabel->setObjectName(QStringLiteral("operatorStatus"));
    m_operatorLabel->hide();  // until the archive has operators
    for (QLabel *l : {m_databaseLabel, m_diskFullLabel, m_operatorLabel, m_listenerLabel, m_devicesLabel, m_rateLabel, m_storeLabel,
                      m_matchLabel, m_alertLabel})
        statusBar()->addPermanentWidget(l);
    connect(writer, &store::StoreWriter::storageFullChanged, this, &MainWindow::showStorageFull);
    connect(writer, &store::StoreWriter::databaseReachableChanged, this, &MainWindow::showDatabaseReachable);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->show();
    }

    connect(server, &server::FaceServer::eventCommitted, this, &MainWindow::addEvent);
    connect(registry, &devices::DeviceRegistry::presenceChanged, this, &MainWindow::onPresence);
    connect(registry, &devices::DeviceRegistry::deviceChanged, this, &MainWindow::refreshDeviceFilter);
    connect(registry, &devices::DeviceRegistry::deviceRemoved, this, &MainWindow::refreshDeviceFilter);
    connect(m_alerts, &AlertBanner::acknowledged, this, &MainWindow::acknowledge);
    auto *statusTimer = new QTimer(this);
    connect(statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    statusTimer->start(1000);
    updateStatus();

    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_deviceTable->horizontalHeader()->restoreState(settings.value(QStringLiteral("devices/header")).toByteArray());
}

namespace {

// Per person: on how many devices synced, pending, failed (with one reason).
QHash<qint64, PersonSyncCounts> personSyncCounts(sync::SyncStatusReader &reader, const QList<qint64> &ids)
{
    QHash<qint64, PersonSyncCounts> counts;
    for (qint64 id : ids) {
        PersonSyncCounts &c = counts[id];
        for (const sync::PersonSyncStatus &s : reader.person(id)) {
            if (!s.wanted && s.status == sync::ItemStatus::Synced)
                continue;
            if (s.status == sync::ItemStatus::Synced) {
                ++c.synced;
            } else if (s.status == sync::ItemStatus::Failed) {
                ++c.failed;
                if (c.firstError.isEmpty())
                    c.firstError = MainWindow::tr("%1: %2").arg(s.uuid, s.errorText);
            } else {
                ++c.pending;
            }
        }
    }
    return counts;
}

// Per device: "120 in sync · 2 failed", and the first failures' reasons.
QHash<QString, QPair<QString, QString>> deviceSyncSummaries(sync::SyncStatusReader &reader)
{
    QHash<QString, QPair<QString, QString>> summaries;
    for (const sync::DeviceSyncStatus &d : reader.devices()) {
        if (d.counts.total == 0)
            continue;
        QStringList parts{MainWindow::tr("%n in sync", nullptr, int(d.counts.done))};
        if (d.counts.pending)
            parts << MainWindow::tr("%n pending", nullptr, int(d.counts.pending));
        if (d.counts.failed)
            parts << MainWindow::tr("%n failed", nullptr, int(d.counts.failed));
        QStringList reasons;
        for (const sync::SyncFailure &f : reader.failures(d.uuid).mid(0, 10))
            reasons << QStringLiteral("%1: %2 (%3)").arg(f.name.isEmpty() ? QString::number(f.indexId) : f.name, f.errorText).arg(f.errorCode);
        summaries.insert(d.uuid, {parts.join(QStringLiteral(" · ")), reasons.join(u'\n')});
    }
    return summaries;
}

struct SyncSnapshot {
    QHash<QString, QPair<QString, QString>> devices;
    QHash<qint64, PersonSyncCounts> persons;
};

// Runs read(reader) on the sync-status worker (sync status is tens of queries per
// device or page of persons: never on the GUI thread, and not in the way of a
// search on the window's own worker) and hands the result to apply on the window's
// thread, not at all once the window is gone.
template<typename Read, typename Apply>
void readSyncStatus(store::QueryWorker *worker, QObject *window, Read read, Apply apply)
{
    worker->run([read, library = worker->config().libraryDir()](QSqlDatabase &db) {
        decltype(read(std::declval<sync::SyncStatusReader &>())) result{};
        if (db.isOpen()) {
            sync::SyncStatusReader reader(db, library);
            result = read(reader);
        }
        return result;
    }).then(window, apply);
}

} // namespace

void MainWindow::setSyncEngine(sync::SyncEngine *engine)
{
    // A page the admin scrolls to gets its counts as soon as a pool thread has read them.
    m_library->model()->setSyncCountsSource([this](const QList<qint64> &ids) {
        readSyncStatus(m_statusQueries, this, [ids](sync::SyncStatusReader &reader) { return personSyncCounts(reader, ids); },
                       [this](const QHash<qint64, PersonSyncCounts> &counts) { m_library->model()->setSyncCounts(counts); });
    });
    // Replies arrive by the hundred during a sync: the panels catch up once a second.
    m_syncRefresh = new QTimer(this);
    m_syncRefresh->setSingleShot(true);
    m_syncRefresh->setInterval(1000);
    connect(m_syncRefresh, &QTimer::timeout, this, &MainWindow::refreshSyncStatus);
    if (engine) {
        connect(engine, &sync::SyncEngine::syncStateChanged, m_syncRefresh, qOverload<>(&QTimer::start), Qt::QueuedConnection);
        connect(m_library, &LibraryPanel::libraryChanged, engine, &sync::SyncEngine::kick, Qt::QueuedConnection);
    }
    refreshSyncStatus();
}

void MainWindow::refreshSyncStatus()
{
    if (!m_syncRefresh)
        return;  // no sync engine: nothing to show
    if (m_syncRefreshRunning) {
        m_syncRefresh->start();  // one is being read: read again after it, not never
        return;
    }
    // Every device's summary and every loaded person's status are tens of queries.
    m_syncRefreshRunning = true;
    const QList<qint64> ids = m_library->model()->loadedIds();
    readSyncStatus(
        m_statusQueries, this,
        [ids](sync::SyncStatusReader &reader) { return SyncSnapshot{deviceSyncSummaries(reader), personSyncCounts(reader, ids)}; },
        [this](const SyncSnapshot &snapshot) {
            m_syncRefreshRunning = false;
            m_devices->setLibrarySync(snapshot.devices);
            m_library->model()->setSyncCounts(snapshot.persons);
        });
}

MainWindow::~MainWindow() = default;

void MainWindow::readDirectory()
{
    m_queries->run([library = m_archive.libraryDir()](QSqlDatabase &db) {
        return library::LibraryStore(db, library).directory();
    }).then(this, [this](const QHash<qint64, QPair<QString, int>> &directory) { m_directory = directory; });
}

void MainWindow::buildToolbar()
{
    QSettings settings;
    auto *toolbar = addToolBar(tr("Wall"));
    toolbar->setObjectName(QStringLiteral("wallToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_pause = toolbar->addAction(QIcon(QStringLiteral(":/icons/pause.svg")), tr("Pause"));
    m_pause->setObjectName(QStringLiteral("pauseAction"));
    m_pause->setCheckable(true);
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_pause->setToolTip(tr("Pause the wall; new events wait and are counted (Ctrl+P)"));
    connect(m_pause, &QAction::toggled, m_wall, &LiveEventModel::setPaused);
    connect(m_wall, &LiveEventModel::queuedChanged, this, [this](int queued) {
        m_pause->setText(queued > 0 ? tr("Resume (%n new)", nullptr, queued) : (m_wall->isPaused() ? tr("Resume") : tr("Pause")));
    });
    toolbar->addSeparator();

    m_deviceFilter = new QComboBox(toolbar);
    m_deviceFilter->setObjectName(QStringLiteral("deviceFilter"));
    m_deviceFilter->setMinimumContentsLength(18);
    toolbar->addWidget(m_deviceFilter);
    refreshDeviceFilter();
    connect(m_deviceFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setDevice(m_deviceFilter->currentData().toString());
        QSettings().setValue(QStringLiteral("wall/device"), m_filter->device());
    });

    m_listFilter = new QComboBox(toolbar);
    m_listFilter->setObjectName(QStringLiteral("listFilter"));
    m_listFilter->addItem(tr("All lists"), WallFilterModel::AnyList);
    for (ListKind k : {ListKind::Blacklist, ListKind::Vip, ListKind::Whitelist, ListKind::Custom})
        m_listFilter->addItem(listName(k), int(k));
    m_listFilter->addItem(tr("Strangers"), WallFilterModel::Strangers);
    toolbar->addWidget(m_listFilter);
    connect(m_listFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setList(m_listFilter->currentData().toInt());
        QSettings().setValue(QStringLiteral("wall/list"), m_filter->list());
    });
    m_listFilter->setCurrentIndex(std::max(0, m_listFilter->findData(settings.value(QStringLiteral("wall/list"), WallFilterModel::AnyList))));

    m_alertsOnly = toolbar->addAction(QIcon(QStringLiteral(":/icons/alert.svg")), tr("Alerts only"));
    m_alertsOnly->setObjectName(QStringLiteral("alertsOnlyAction"));
    m_alertsOnly->setCheckable(true);
    m_alertsOnly->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_alertsOnly, &QAction::toggled, this, [this](bool on) {
        m_filter->setAlertsOnly(on);
        QSettings().setValue(QStringLiteral("wall/alertsOnly"), on);
    });
    m_alertsOnly->setChecked(settings.value(QStringLiteral("wall/alertsOnly"), false).toBool());

    QAction *detail = toolbar->addAction(QIcon(QStringLiteral(":/icons/detail.svg")), tr("Details"));
    detail->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    connect(detail, &QAction::triggered, this, [this] { openDetail(m_view->currentIndex()); });
    toolbar->addSeparator();
    m_switchOperator = toolbar->addAction(tr("Switch operator..."));
    m_switchOperator->setObjectName(QStringLiteral("switchOperatorAction"));
    m_switchOperator->setToolTip(tr("A shift change: another operator signs in; the wall and the alerts stay"));
    m_switchOperator->setVisible(false);  // until the archive has operators
    connect(m_switchOperator, &QAction::triggered, this, &MainWindow::switchOperator);
}

void MainWindow::setOperator(const QString &name, auth::Role role)
{
    flushSettingRecords();  // under the name of the operator who made them
    m_operator = name;
    m_role = role;
    m_operatorLabel->setVisible(!name.isEmpty());
    m_operatorLabel->setText(tr("Operator: %1 (%2)").arg(name, auth::roleName(role)));
    m_switchOperator->setVisible(!name.isEmpty());
    m_idle->setTimeout(name.isEmpty() ? 0 : QSettings().value(QStringLiteral("security/lockMinutes"), 10).toLongLong() * 60000);
    const QList<std::pair<QWidget *, auth::Action>> docks = {
        {m_searchDock->widget(), auth::Action::Search}, {m_libraryDock->widget(), auth::Action::EditLibrary},
        {m_settingsDock->widget(), auth::Action::ChangeSettings}, {m_audit, auth::Action::ViewAudit}};
    for (const auto &[widget, right] : docks + m_guarded) {
        const bool may = auth::mayDo(role, right);
        widget->setEnabled(may);
        widget->setToolTip(may ? QString() : roleNeeded(right));
    }
    m_library->setOperatorName(name);
    m_audit->setOperatorName(name);
    if (!auth::mayDo(role, auth::Action::ViewAudit))
        m_audit->clear();  // what an admin had open is not left for the next operator to read
    else if (m_auditDock->isVisible())
        m_audit->refresh();
}

QString MainWindow::roleNeeded(auth::Action action) const
{
    const auth::Role least = auth::leastRoleFor(action);
    return least == auth::Role::Admin ? tr("Only an admin may do this (you are %1, a %2).").arg(m_operator, auth::roleName(m_role))
                                      : tr("A %1 or an admin may do this (you are %2, a %3).")
                                            .arg(auth::roleName(least), m_operator, auth::roleName(m_role));
}

bool MainWindow::permitted(auth::Action action)
{
    if (m_operator.isEmpty() || auth::mayDo(m_role, action))
        return true;
    statusBar()->showMessage(roleNeeded(action), 8000);
    recordAudit(QStringLiteral("refused"), auth::actionName(action), {{QStringLiteral("reason"), roleNeeded(action)}});
    return false;
}

QFuture<void> MainWindow::recordAudit(const QString &action, const QString &target, const QJsonObject &details)
{
    return m_queries->run([who = m_operator, action, target, details](QSqlDatabase &db) {
        operators::recordWindowAudit(db, who, action, target, details);
    });
}

// A spin box changes its value at every arrow click and key: the trail gets one record
// per setting when the admin pauses, from the first value to the last.
void MainWindow::noteSetting(const QString &key, const QString &before, const QString &after)
{
    auto it = m_pendingSettings.find(key);
    if (it == m_pendingSettings.end())
        it = m_pendingSettings.insert(key, {before, after});
    it->second = after;
    if (!m_settingsFlush) {
        m_settingsFlush = new QTimer(this);
        m_settingsFlush->setSingleShot(true);
        m_settingsFlush->setInterval(1500);
        connect(m_settingsFlush, &QTimer::timeout, this, &MainWindow::flushSettingRecords);
    }
    m_settingsFlush->start();
}

void MainWindow::flushSettingRecords()
{
    for (auto it = m_pendingSettings.cbegin(); it != m_pendingSettings.cend(); ++it)
        if (it->first != it->second)
            recordAudit(auth::actionName(auth::Action::ChangeSettings), QStringLiteral("setting %1").arg(it.key()),
                        {{QStringLiteral("before"), it->first}, {QStringLiteral("after"), it->second}});
    m_pendingSettings.clear();
}

void MainWindow::lock()
{
    if (m_operator.isEmpty() || m_locked)
        return;  // nobody to lock out, or locked already
    m_locked = true;
    flushSettingRecords();
    recordAudit(QStringLiteral("lock"), QStringLiteral("operator %1").arg(m_operator), {});
    if (!m_lockPage) {
        m_lockPage = new QWidget(m_pages);
        m_lockPage->setObjectName(QStringLiteral("lockPage"));
        auto *layout = new QVBoxLayout(m_lockPage);
        layout->addStretch();
        m_lockText = new QLabel(m_lockPage);
        m_lockText->setObjectName(QStringLiteral("lockText"));
        m_lockText->setAlignment(Qt::AlignCenter);
        m_lockText->setStyleSheet(QStringLiteral("font-size: 15pt;"));
        layout->addWidget(m_lockText);
        auto *signIn = new QPushButton(tr("Sign in..."), m_lockPage);
        connect(signIn, &QPushButton::clicked, this, &MainWindow::openUnlock);
        layout->addWidget(signIn, 0, Qt::AlignCenter);
        layout->addStretch();
        m_pages->addWidget(m_lockPage);
    }
    m_pageBeforeLock = m_pages->currentWidget();
    m_pages->setCurrentWidget(m_lockPage);
    // Faces and names out of sight; the alarm (a sound, not a widget) goes on.
    m_hiddenWhileLocked.clear();
    for (QWidget *w : findChildren<QDockWidget *>())
        if (w->isVisible())
            m_hiddenWhileLocked << w;
    for (QWidget *w : findChildren<QToolBar *>())
        if (w->isVisible())
            m_hiddenWhileLocked << w;
    for (QWidget *w : std::as_const(m_hiddenWhileLocked))
        w->hide();
    updateLockText();
    openUnlock();
}

void MainWindow::updateLockText()
{
    if (!m_lockText)
        return;
    const int alerts = m_alerts->pending();
    m_lockText->setText(tr("The desk is locked (%1 was signed in).").arg(m_operator)
                        + (alerts > 0 ? u'\n' + tr("%n alert(s) waiting: sign in to see and acknowledge them.", nullptr, alerts)
                                      : QString()));
}

void MainWindow::openUnlock()
{
    if (m_unlockDialog) {
        m_unlockDialog->raise();
        return;
    }
    m_unlockDialog = new LoginDialog(m_queries, LoginDialog::Mode::SignIn, this);
    m_unlockDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_unlockDialog->nameEdit()->setText(m_operator);
    m_unlockDialog->passwordEdit()->setFocus();
    connect(m_unlockDialog, &QDialog::accepted, this, [this, dialog = m_unlockDialog.data()] {
        unlock(dialog->operatorName(), dialog->role());
    });
    m_unlockDialog->open();
}

void MainWindow::unlock(const QString &name, auth::Role role)
{
    if (!m_locked)
        return;
    m_locked = false;
    m_pages->setCurrentWidget(m_pageBeforeLock ? m_pageBeforeLock.data() : m_wallPage);
    for (QWidget *w : std::as_const(m_hiddenWhileLocked))
        if (w)
            w->show();
    m_hiddenWhileLocked.clear();
    if (name != m_operator)
        recordAudit(QStringLiteral("logout"), QStringLiteral("operator %1").arg(m_operator), {{QStringLiteral("next"), name}});
    setOperator(name, role);
    recordAudit(QStringLiteral("unlock"), QStringLiteral("operator %1").arg(name), {});
}

void MainWindow::switchOperator()
{
    LoginDialog dialog(m_queries, LoginDialog::Mode::SignIn, this);
    if (dialog.exec() != QDialog::Accepted)
        return;  // the operator on duty stays signed in
    recordAudit(QStringLiteral("logout"), QStringLiteral("operator %1").arg(m_operator), {{QStringLiteral("next"), dialog.operatorName()}});
    setOperator(dialog.operatorName(), dialog.role());
}

QWidget *MainWindow::buildDevicePanel()
{
    auto *panel = new QWidget(this);
    auto *layout = new QVBoxLayout(panel);
    auto *search = new QLineEdit(panel);
    search->setObjectName(QStringLiteral("deviceSearch"));
    search->setPlaceholderText(tr("Filter devices by name, type, UUID, IP..."));
    search->setClearButtonEnabled(true);
    layout->addWidget(search);

    m_deviceProxy = new QSortFilterProxyModel(this);
    m_deviceProxy->setSourceModel(m_devices);
    m_deviceProxy->setFilterKeyColumn(-1);
    m_deviceProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(search, &QLineEdit::textChanged, m_deviceProxy, &QSortFilterProxyModel::setFilterFixedString);
    m_deviceTable = new QTableView(panel);
    m_deviceTable->setObjectName(QStringLiteral("deviceTable"));
    m_deviceTable->setModel(m_deviceProxy);
    m_deviceTable->setSortingEnabled(true);
    m_deviceTable->sortByColumn(DeviceTableModel::Name, Qt::AscendingOrder);
    m_deviceTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_deviceTable->setWordWrap(false);
    m_deviceTable->verticalHeader()->hide();
    m_deviceTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_deviceTable->horizontalHeader()->setStretchLastSection(true);
    // Size the columns to their contents once there are devices, unless the user's
    // own widths were restored.
    connect(m_devices, &QAbstractItemModel::modelReset, this, [this] {
        static const char done[] = "facedeskColumnsSized";
        if (m_devices->rowCount() > 0 && !m_deviceTable->property(done).toBool()) {
            m_deviceTable->setProperty(done, true);
            if (QSettings().value(QStringLiteral("devices/header")).isNull())
                m_deviceTable->resizeColumnsToContents();
        }
    });
    layout->addWidget(m_deviceTable);

    const auto selectedUuids = [this] {
        QStringList uuids;
        for (const QModelIndex &i : m_deviceTable->selectionModel()->selectedRows()) {
            const int row = m_deviceProxy->mapToSource(i).row();
            if (m_devices->isOwn(row))  // another collector's device is managed on its desk
                uuids << m_devices->uuidAt(row);
        }
        return uuids;
    };
    auto *buttons = new QHBoxLayout;
    // Each button is also the operator's right to do it (#13): disabled with the role
    // that may in its tooltip, and asked again when clicked.
    const auto button = [&](const char *name, const QString &text, auth::Action right, auto action) {
        auto *b = new QPushButton(text, panel);
        b->setObjectName(QString::fromLatin1(name));
        connect(b, &QPushButton::clicked, this, [this, right, action] {
            if (permitted(right))
                action();
        });
        buttons->addWidget(b);
        m_guarded.append({b, right});
    };
    button("approveButton", tr("Approve"), auth::Action::ApproveDevice, [this, selectedUuids] {
        for (const QString &u : selectedUuids()) {
            m_registry->approve(u);
            recordAudit(auth::actionName(auth::Action::ApproveDevice), QStringLiteral("device %1").arg(u), {});
        }
    });
    button("rejectButton", tr("Reject"), auth::Action::RejectDevice, [this, selectedUuids] {
        for (const QString &u : selectedUuids()) {
            m_registry->reject(u);
            recordAudit(auth::actionName(auth::Action::RejectDevice), QStringLiteral("device %1").arg(u), {});
        }
    });
    button("renameButton", tr("Rename..."), auth::Action::ChangeSettings, [this, selectedUuids] {
        const QStringList uuids = selectedUuids();
        if (uuids.size() != 1)
            return;
        const auto device = m_registry->device(uuids.first());
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Rename device"), tr("Name:"), QLineEdit::Normal,
                                                   device ? device->name : QString(), &ok);
        if (ok) {
            m_registry->rename(uuids.first(), name.trimmed());
            recordAudit(QStringLiteral("rename-device"), QStringLiteral("device %1").arg(uuids.first()),
                        {{QStringLiteral("before"), device ? device->name : QString()}, {QStringLiteral("after"), name.trimmed()}});
        }
    });
    button("removeButton", tr("Remove"), auth::Action::RemoveDevice, [this, selectedUuids] {
        const QStringList uuids = selectedUuids();
        if (uuids.isEmpty()
            || QMessageBox::question(this, tr("Remove devices"),
                                     tr("Forget %n device(s)? Their events stay in the archive; they must be approved again.",
                                        nullptr, int(uuids.size())))
                != QMessageBox::Yes)
            return;
        for (const QString &u : uuids) {
            m_registry->remove(u);
            recordAudit(auth::actionName(auth::Action::RemoveDevice), QStringLiteral("device %1").arg(u), {});
        }
    });
    buttons->addStretch();
    layout->addLayout(buttons);
    return panel;
}

QWidget *MainWindow::buildSettingsPanel()
{
    auto *panel = new QWidget(this);
    auto *form = new QFormLayout(panel);
    m_settingsForm = form;
    const auto ruleBox = [this, panel](AlertAction AlertRules::*member, const QString &key) {
        auto *box = new QComboBox(panel);
        for (AlertAction a : {AlertAction::None, AlertAction::Chime, AlertAction::Banner, AlertAction::BannerWithAlarm})
            box->addItem(alertActionName(a), int(a));
        box->setCurrentIndex(box->findData(int(m_rules.*member)));
        connect(box, &QComboBox::currentIndexChanged, this, [this, box, member, key] {
            const AlertAction before = std::exchange(m_rules.*member, AlertAction(box->currentData().toInt()));
            m_rules.save();
            noteSetting(QStringLiteral("alerts/") + key, alertActionName(before), alertActionName(m_rules.*member));
        });
        return box;
    };
    form->addRow(tr("Blacklist hit:"), ruleBox(&AlertRules::blacklist, QStringLiteral("blacklist")));
    form->addRow(tr("VIP:"), ruleBox(&AlertRules::vip, QStringLiteral("vip")));
    form->addRow(tr("Whitelist:"), ruleBox(&AlertRules::whitelist, QStringLiteral("whitelist")));
    form->addRow(tr("Custom list:"), ruleBox(&AlertRules::custom, QStringLiteral("custom")));
    form->addRow(tr("Stranger:"), ruleBox(&AlertRules::stranger, QStringLiteral("stranger")));
    form->addRow(tr("Device goes offline:"), ruleBox(&AlertRules::deviceOffline, QStringLiteral("deviceOffline")));
    form->addRow(tr("Device back online:"), ruleBox(&AlertRules::deviceOnline, QStringLiteral("deviceOnline")));
    auto *capacity = new QSpinBox(panel);
    capacity->setRange(50, 5000);
    capacity->setValue(m_wall->capacity());
    capacity->setSuffix(tr(" tiles"));
    capacity->setToolTip(tr("The wall keeps this many newest events; the archive keeps them all. Takes effect at the next start."));
    connect(capacity, &QSpinBox::valueChanged, this, [this](int v) {
        noteSetting(QStringLiteral("wall/capacity"), QSettings().value(QStringLiteral("wall/capacity"), m_wall->capacity()).toString(),
                    QString::number(v));
        QSettings().setValue(QStringLiteral("wall/capacity"), v);
    });
    form->addRow(tr("Live wall size:"), capacity);
    auto *lockAfter = new QSpinBox(panel);
    lockAfter->setObjectName(QStringLiteral("lockMinutes"));
    lockAfter->setRange(0, 240);
    lockAfter->setSpecialValueText(tr("never"));
    lockAfter->setSuffix(tr(" min"));
    lockAfter->setValue(QSettings().value(QStringLiteral("security/lockMinutes"), 10).toInt());
    lockAfter->setToolTip(tr("With operator accounts: lock the desk after this long without a key or mouse. "
                             "Alarms keep sounding over the lock."));
    connect(lockAfter, &QSpinBox::valueChanged, this, [this](int minutes) {
        noteSetting(QStringLiteral("security/lockMinutes"), QSettings().value(QStringLiteral("security/lockMinutes"), 10).toString(),
                    QString::number(minutes));
        QSettings().setValue(QStringLiteral("security/lockMinutes"), minutes);
        if (!m_operator.isEmpty())
            m_idle->setTimeout(qint64(minutes) * 60000);
    });
    form->addRow(tr("Lock after idle:"), lockAfter);
    form->addRow(tr("Keep events:"), buildRetentionRow(panel));
    auto *mute = new QPushButton(tr("Mute alerts from the selected devices"), panel);
    const auto muted = [this] {
        QStringList uuids(m_rules.mutedDevices.begin(), m_rules.mutedDevices.end());
        uuids.sort();
        return uuids.join(u',');
    };
    connect(mute, &QPushButton::clicked, this, [this, muted] {
        const QString before = muted();
        for (const QModelIndex &i : m_deviceTable->selectionModel()->selectedRows())
            m_rules.mutedDevices.insert(m_devices->uuidAt(m_deviceProxy->mapToSource(i).row()));
        m_rules.save();
        noteSetting(QStringLiteral("alerts/mutedDevices"), before, muted());
    });
    auto *unmute = new QPushButton(tr("Unmute all devices"), panel);
    connect(unmute, &QPushButton::clicked, this, [this, muted] {
        const QString before = muted();
        m_rules.mutedDevices.clear();
        m_rules.save();
        noteSetting(QStringLiteral("alerts/mutedDevices"), before, muted());
    });
    form->addRow(mute);
    form->addRow(unmute);
    return panel;
}

// Days per list; a change reaches the running writer at once and its next hourly
// pass applies it (biometric data no longer than its purpose needs: #13).
QWidget *MainWindow::buildRetentionRow(QWidget *panel)
{
    auto *row = new QWidget(panel);
    auto *grid = new QGridLayout(row);
    grid->setContentsMargins(0, 0, 0, 0);
    const QList<std::pair<QString, QString>> lists{{QStringLiteral("all"), tr("All events")},
                                                   {QStringLiteral("stranger"), tr("Strangers")},
                                                   {QStringLiteral("blacklist"), tr("Blacklist hits")},
                                                   {QStringLiteral("whitelist"), tr("Whitelist")},
                                                   {QStringLiteral("vip"), tr("VIP")},
                                                   {QStringLiteral("custom"), tr("Custom lists")}};
    for (int i = 0; i < lists.size(); ++i) {
        const QString list = lists[i].first;
        auto *days = new QSpinBox(row);
        days->setObjectName(QStringLiteral("keepDays_") + list);
        days->setRange(0, 3650);
        days->setSpecialValueText(tr("always"));
        days->setSuffix(tr(" days"));
        days->setValue(retentionDays(list));
        days->setKeyboardTracking(false);  // typing "365" is not 3, then 36, then 365 days
        days->setToolTip(list == QLatin1String("all") ? tr("Events older than this are deleted with their images.")
                                                      : tr("Events of this list older than this are deleted sooner than the rest."));
        connect(days, &QSpinBox::valueChanged, this, [this, list](int value) {
            noteSetting(QStringLiteral("retention/") + list, QString::number(retentionDays(list)), QString::number(value));
            setRetentionDays(list, value);
            if (m_writer)
                m_writer->setRetention(retentionFromSettings());
        });
        days->setMinimumWidth(days->fontMetrics().horizontalAdvance(QStringLiteral("3650 days")) + 40);
        grid->addWidget(new QLabel(lists[i].second, row), i / 2, (i % 2) * 2);
        grid->addWidget(days, i / 2, (i % 2) * 2 + 1);
    }
    return row;
}

void MainWindow::refreshDeviceFilter()
{
    if (!m_deviceFilter)
        return;
    const QString current = m_deviceFilter->count() ? m_deviceFilter->currentData().toString()
                                                    : QSettings().value(QStringLiteral("wall/device")).toString();
    const QSignalBlocker block(m_deviceFilter);
    m_deviceFilter->clear();
    m_deviceFilter->addItem(tr("All devices"), QString());
    QList<store::DeviceRow> rows = m_registry->devices();
    std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) { return a.name < b.name; });
    for (const store::DeviceRow &r : rows)
        m_deviceFilter->addItem(r.name.isEmpty() ? r.uuid : r.name, r.uuid);
    const int index = m_deviceFilter->findData(current);
    m_deviceFilter->setCurrentIndex(std::max(0, index));
    m_filter->setDevice(index > 0 ? current : QString());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    flushSettingRecords();
    if (!m_operator.isEmpty()) {
        // The worker drops what is still queued when it goes: wait for the logout (and
        // the settings records queued before it), at most 3 s if the database is away.
        QFuture<void> written = recordAudit(QStringLiteral("logout"), QStringLiteral("operator %1").arg(m_operator),
                                            {{QStringLiteral("reason"), QStringLiteral("window closed")}});
        QEventLoop wait;
        QFutureWatcher<void> watcher;
        connect(&watcher, &QFutureWatcher<void>::finished, &wait, &QEventLoop::quit);
        watcher.setFuture(written);
        QTimer::singleShot(3000, &wait, &QEventLoop::quit);
        if (!written.isFinished())
            wait.exec();
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("devices/header"), m_deviceTable->horizontalHeader()->saveState());
    event->accept();
}

// The list an event is on (PROTOCOL.md §8, 15a; store::eventListSql is the same rule
// for the archive): its library person's, else the device's, else custom (4) for a
// match on no named list; 0 for a stranger.
int MainWindow::listOf(qint64 indexId, int devicePicSort) const
{
    if (indexId < 0)
        return 0;
    if (const auto known = m_directory.constFind(indexId); known != m_directory.constEnd())
        return known->second;
    return devicePicSort > 0 ? devicePicSort : 4;
}

// FaceDesk's verdict on a tile: a capture it matched becomes that person's sighting;
// a device's match it does not see gets the sentence the tile's mark stands for.
void MainWindow::applyVerdict(EventTile &tile, const match::LiveMatch &m) const
{
    const auto known = m_directory.constFind(m.indexId);
    const QString name = known != m_directory.constEnd() ? known->first : QString();
    if (m.assigned) {
        tile.personName = name.isEmpty() ? tr("Person %1").arg(m.indexId) : name;
        tile.list = listKindFromPicSort(listOf(m.indexId, 4));
        tile.matchedByDesk = true;
        tile.deskDistance = m.distance;
    } else if (m.disagrees) {
        tile.deskVerdict = m.indexId >= 0
            ? tr("FaceDesk sees %1 (distance %2)").arg(name.isEmpty() ? tr("person %1").arg(m.indexId) : name)
                  .arg(double(m.distance), 0, 'f', 2)
            : tr("FaceDesk does not see this person (distance %1)").arg(double(m.deviceDistance), 0, 'f', 2);
    }
}

void MainWindow::addEvent(qint64 eventId, const protocol::FacePush &push, const QString &deviceUuid)
{
    EventTile tile;
    tile.eventId = eventId;
    tile.time = push.captureTime.isValid() ? push.captureTime : QDateTime::currentDateTime();
    tile.deviceUuid = deviceUuid;
    tile.deviceName = deviceName(deviceUuid);
    if (const auto known = m_directory.constFind(push.indexId); push.indexId >= 0 && known != m_directory.constEnd()) {
        tile.personName = known->first;
    } else if (push.indexId >= 0) {
        QString name = push.picName;
        if (name.endsWith(QLatin1String(".jpg"), Qt::CaseInsensitive))
            name.chop(4);
        tile.personName = name.isEmpty() ? tr("Person %1").arg(push.indexId) : name;
    }
    if (push.indexId >= 0)
        tile.list = listKindFromPicSort(listOf(push));
    if (push.matchScore)
        tile.score = *push.matchScore > 1.0 ? *push.matchScore / 100.0 : *push.matchScore;
    tile.temperatureWarning = push.temperature.realtime && push.temperature.warning
        && *push.temperature.realtime >= *push.temperature.warning;
    m_devices->countEvent(deviceUuid);
    m_recent.push_back(QDateTime::currentMSecsSinceEpoch());

    // JPEG decoding stays off the GUI thread. Decodes finish in any order; tiles and
    // alerts keep the order events arrived in.
    const quint64 sequence = m_nextDecode++;
    QPointer<MainWindow> self(this);
    const QByteArray jpeg = push.image;
    QThreadPool::globalInstance()->start([self, jpeg, tile, sequence]() mutable {
        const QImage face = readBoundedImage(jpeg);
        if (!face.isNull())
            tile.face = face.scaled(160, 160, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, tile, sequence]() mutable {
            if (!self)
                return;
            self->m_decoded.insert(sequence, std::move(tile));
            for (auto it = self->m_decoded.begin(); it != self->m_decoded.end() && it.key() == self->m_nextPlace;
                 it = self->m_decoded.erase(it), ++self->m_nextPlace)
                self->placeTile(std::move(it.value()));
        }, Qt::QueuedConnection);
    });
}

void MainWindow::startLiveMatching()
{
    // Only with a trained engine: the built-in one cannot tell people apart well
    // enough to put a name on a capture (docs/PERFORMANCE.md, face-accuracy).
    const face::FaceEngineChoice &choice = m_faces->engineChoice();
    if (!choice.preferred)
        return;
    m_matcher = new match::LiveMatcher(m_archive, choice.engine, 2, this);
    QSettings settings;
    for (int list = 1; list <= 4; ++list) {
        const QVariant t = settings.value(QStringLiteral("matching/threshold%1").arg(list));
        if (t.isValid())
            m_matcher->setThreshold(list, t.toFloat());
    }
    // Straight from the network thread: submit() only queues, the GUI need not relay it.
    connect(m_server, &server::FaceServer::eventCommitted, m_matcher,
            [matcher = m_matcher](qint64 id, const protocol::FacePush &push, const QString &uuid) { matcher->submit(id, push, uuid); },
            Qt::DirectConnection);
    connect(m_matcher, &match::LiveMatcher::matched, this, &MainWindow::onLiveMatch, Qt::QueuedConnection);
    connect(m_library, &LibraryPanel::libraryChanged, m_matcher, &match::LiveMatcher::reloadLibrary);

    // Per list, in the engine's own terms: how close a capture must be to a library
    // person to be named as that person (the default is the engine's same-person point).
    const face::FaceEngine::Scale scale = choice.engine->scale();
    const QStringList lists = {tr("Blacklist"), tr("Whitelist"), tr("VIP"), tr("Custom")};
    for (int list = 1; list <= 4; ++list) {
        auto *box = new QDoubleSpinBox(m_settingsForm->parentWidget());
        box->setObjectName(QStringLiteral("matchThreshold%1").arg(list));
        box->setDecimals(2);
        box->setSingleStep(0.01);
        box->setRange(0.05, scale.distance ? 1.5 : 1.0);
        box->setValue(m_matcher->threshold(list));
        box->setToolTip(scale.distance ? tr("FaceDesk names a capture as a person of this list when its face is closer "
                                            "than this distance (same person: below %1).").arg(double(scale.sameThreshold), 0, 'f', 2)
                                       : tr("FaceDesk names a capture as a person of this list when its face is more "
                                            "similar than this (same person: above %1).").arg(double(scale.sameThreshold), 0, 'f', 2));
        connect(box, &QDoubleSpinBox::valueChanged, this, [this, list](double v) {
            m_matcher->setThreshold(list, float(v));
            QSettings().setValue(QStringLiteral("matching/threshold%1").arg(list), v);
        });
        m_settingsForm->addRow((scale.distance ? tr("%1: match closer than") : tr("%1: match above")).arg(lists[list - 1]), box);
    }
}

// FaceDesk's verdict on a committed event: a capture of a library person becomes that
// person's sighting with the same alert as a device's match; a device's match
// FaceDesk does not see is marked. The face joins the search index either way.
void MainWindow::onLiveMatch(const match::LiveMatch &m)
{
    // The event's list by the one list rule: the person FaceDesk gave it, else the device's.
    if (const auto search = m_faces->search())
        search->addLocalFeature(m.eventId, m.timeMs, m.deviceUuid,
                                listOf(m.assigned ? m.indexId : m.deviceIndexId, m.devicePicSort), m.feature.values);
    if (!m.assigned && !m.disagrees)
        return;
    EventTile updated;
    const bool shown = m_wall->update(m.eventId, [&](EventTile &t) {
        applyVerdict(t, m);
        updated = t;
    });
    if (!shown) {
        // The tile is still being decoded: placeTile applies the verdict.
        if (m_earlyMatches.size() < 10000)
            m_earlyMatches.insert(m.eventId, m);
        return;
    }
    if (m.assigned && !updated.alerted) {
        const AlertAction action = m_rules.actionFor(updated);
        if (action != AlertAction::None) {
            m_wall->update(m.eventId, [](EventTile &t) { t.alerted = true; });
            updated.alerted = true;
            raiseFaceAlert(updated, action);
        }
    }
}

void MainWindow::showWelcome()
{
    if (!m_welcome) {
        m_welcome = new WelcomePanel(m_registry, m_server->httpPort(), m_server->tcpPort(), m_pages);
        m_pages->addWidget(m_welcome);
        connect(m_welcome, &WelcomePanel::wallRequested, this, [this] { m_pages->setCurrentWidget(m_wallPage); });
        connect(m_welcome, &WelcomePanel::demoRequested, this, [] {
            // Its own process and throw-away archive: the demo never mixes with this desk's.
            QProcess::startDetached(QCoreApplication::applicationFilePath(), {QStringLiteral("--demo")});
        });
    }
    m_pages->setCurrentWidget(m_welcome);
}

bool MainWindow::isWallShown() const
{
    return m_pages->currentWidget() == m_wallPage;
}

void MainWindow::placeTile(EventTile tile)
{
    if (!isWallShown())
        m_pages->setCurrentWidget(m_wallPage);  // the first event: the desk is working
    if (const auto early = m_earlyMatches.constFind(tile.eventId); early != m_earlyMatches.constEnd()) {
        applyVerdict(tile, *early);
        m_earlyMatches.erase(early);
    }
    const AlertAction action = m_rules.actionFor(tile);
    tile.alerted = action != AlertAction::None;
    raiseFaceAlert(tile, action);
    const qint64 id = tile.eventId;
    m_wall->add(std::move(tile));
    emit tileShown(id);
}

void MainWindow::raiseFaceAlert(const EventTile &tile, AlertAction action)
{
    if (action == AlertAction::Chime) {
        m_alerts->playChime();
    } else if (action == AlertAction::Banner || action == AlertAction::BannerWithAlarm) {
        Alert alert;
        alert.kind = Alert::Kind::Face;
        alert.action = action;
        alert.tile = tile;
        alert.deviceUuid = tile.deviceUuid;
        alert.deviceName = tile.deviceName;
        alert.raisedAt = QDateTime::currentDateTimeUtc();
        m_alerts->raiseAlert(alert);
        updateStatus();
        if (m_tray && (isMinimized() || !isVisible()))
            m_tray->showMessage(tr("FaceDesk alert"),
                                tr("%1 at %2").arg(tile.personName.isEmpty() ? tr("Stranger") : tile.personName, tile.deviceName),
                                QSystemTrayIcon::Critical);
    }
}

void MainWindow::onPresence(const QString &uuid, bool online)
{
    // "Back online" only means something after an outage the desk saw; a device's
    // first heartbeat of the day is not news.
    const bool wasDown = m_seenOffline.remove(uuid);
    if (!online)
        m_seenOffline.insert(uuid);
    const AlertAction action = online ? m_rules.deviceOnline : m_rules.deviceOffline;
    if (action == AlertAction::None || action == AlertAction::Chime || (online && !wasDown)) {
        if (action == AlertAction::Chime && (!online || wasDown))
            m_alerts->playChime();
        return;
    }
    Alert alert;
    alert.kind = online ? Alert::Kind::DeviceOnline : Alert::Kind::DeviceOffline;
    alert.action = action;
    alert.deviceUuid = uuid;
    alert.deviceName = deviceName(uuid);
    alert.raisedAt = QDateTime::currentDateTimeUtc();
    m_alerts->raiseAlert(alert);
}

void MainWindow::acknowledge(const Alert &alert, const QString &note)
{
    store::AlertAck ack;
    ack.eventId = alert.kind == Alert::Kind::Face ? alert.tile.eventId : -1;
    ack.deviceUuid = alert.deviceUuid;
    ack.kind = alert.kindName();
    ack.raisedAt = alert.raisedAt.toMSecsSinceEpoch();
    ack.acknowledgedAt = QDateTime::currentMSecsSinceEpoch();
    ack.acknowledgedBy = m_operator.isEmpty() ? osUser() : m_operator;
    ack.note = note;
    m_writer->enqueueAlertAck(ack);
    recordAudit(auth::actionName(auth::Action::Acknowledge),
                ack.eventId >= 0 ? QStringLiteral("event %1").arg(ack.eventId) : QStringLiteral("device %1").arg(ack.deviceUuid),
                {{QStringLiteral("kind"), ack.kind}, {QStringLiteral("note"), note}});
    updateStatus();
}

void MainWindow::openEventId(qint64 eventId)
{
    m_detail->showEventId(eventId);
    m_detail->show();
    m_detail->raise();
}

ImportWizard *MainWindow::openImport()
{
    if (!permitted(auth::Action::Import))
        return nullptr;
    // Non-modal: a ten-thousand-photo import runs while the desk goes on working.
    auto *wizard = new ImportWizard(m_archive, m_library->model()->lists(), this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &ImportWizard::importFinished, this, [this](const library::ImportReport &report) {
        const library::ImportTotals t = report.totals();
        recordAudit(auth::actionName(auth::Action::Import), QStringLiteral("library"),
                    {{QStringLiteral("rows"), t.rows}, {QStringLiteral("imported"), t.imported},
                     {QStringLiteral("rejected"), t.rejected}, {QStringLiteral("duplicates"), t.duplicates},
                     {QStringLiteral("not_added"), t.notAdded}});
        if (t.imported > 0)
            m_library->notifyChanged();
    });
    wizard->show();
    return wizard;
}

// For a person's timeline: events whose face is like the person's photo. What it
// needs is taken now, on the GUI thread; the dialog calls it on a pool thread.
PersonTimelineDialog::SimilarSightings MainWindow::similarSightings() const
{
    const std::shared_ptr<match::FaceSearch> faces = m_faces ? m_faces->search() : nullptr;
    if (!faces)
        return {};  // still loading: the dialog says face search is not available yet
    return [faces, archive = m_archive](qint64 indexId, const QDateTime &from, const QDateTime &to, float threshold) {
        QList<search::Sighting> sightings;
        match::FaceSearchFilter filter;
        filter.fromMs = from.toMSecsSinceEpoch();
        filter.toMs = to.toMSecsSinceEpoch();
        const match::FaceSearchResult result = faces->byPerson(indexId, 1000, filter, threshold);
        if (!result.ok() || result.hits.isEmpty())
            return sightings;
        QHash<qint64, float> similarity;
        search::EventFilter events;
        events.eventIds = QList<qint64>();
        for (const auto &[id, s] : result.hits) {
            similarity.insert(id, s);
            events.eventIds->append(id);
        }
        // This runs on a pool thread (PersonTimelineDialog): a connection of its own.
        store::ScopedConnection connection(archive, QStringLiteral("timeline-similar"));
        search::EventQuery query(connection.db(), archive.imagesDir());
        for (const search::EventHit &h : query.page(events, search::EventOrder::OldestFirst, int(result.hits.size())).hits)
            sightings.append({h.id, h.captureTime, h.deviceUuid, h.deviceName, similarity.value(h.id)});
        return sightings;
    };
}

PersonTimelineDialog *MainWindow::openTimeline(qint64 indexId)
{
    if (!permitted(auth::Action::ViewTimeline))
        return nullptr;
    recordAudit(auth::actionName(auth::Action::ViewTimeline), QStringLiteral("person %1").arg(indexId), {});
    auto *dialog = new PersonTimelineDialog(m_queries, indexId, similarSightings(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PersonTimelineDialog::openEvent, this, &MainWindow::openEventId);
    dialog->show();
    return dialog;
}

void MainWindow::openDetail(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid())
        return;
    m_detail->showEventId(proxyIndex.data(LiveEventModel::EventIdRole).toLongLong());
    m_detail->show();
    m_detail->raise();
}

qint64 MainWindow::neighbourOf(qint64 eventId, int direction) const
{
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        if (m_filter->index(row, 0).data(LiveEventModel::EventIdRole).toLongLong() == eventId) {
            const int other = row + direction;  // row 0 is the newest
            return other >= 0 && other < m_filter->rowCount()
                ? m_filter->index(other, 0).data(LiveEventModel::EventIdRole).toLongLong()
                : -1;
        }
    }
    return -1;
}

void MainWindow::updateStatus()
{
    if (m_locked)
        updateLockText();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    while (!m_recent.empty() && now - m_recent.front() > 60000)
        m_recent.pop_front();
    m_listenerLabel->setText(m_server->httpPort() == 0
                                 ? tr("Desk only: events from the site's collectors")
                                 : tr("Listening: HTTP %1, TCP %2").arg(m_server->httpPort()).arg(m_server->tcpPort()));
    m_devicesLabel->setText(tr("Devices online: %1 of %2").arg(m_devices->onlineCount()).arg(m_devices->rowCount()));
    m_rateLabel->setText(tr("Events/min: %1").arg(m_recent.size()));
    const int queued = m_writer->queued();
    const bool diskFull = !m_diskFullLabel->isHidden();
    m_storeLabel->setText(m_databaseLostSince.isValid() ? tr("Archive: unreachable")
                          : diskFull                    ? tr("Archive: disk full")
                          : queued > 1000               ? tr("Archive: %1 waiting").arg(queued)
                                                        : tr("Archive: OK"));
    m_storeLabel->setStyleSheet(queued > 1000 ? QStringLiteral("color: #E65100;") : QString());
    const int behind = m_matcher ? m_matcher->backlog() : 0;
    m_matchLabel->setText(!m_matcher ? QString()
                          : behind > 20 ? tr("Face matching: %n behind, catching up", nullptr, behind)
                                        : tr("Face matching: live"));
    m_matchLabel->setStyleSheet(behind > 20 ? QStringLiteral("color: #E65100;") : QString());
    const int alerts = m_alerts->pending();
    m_alertLabel->setText(alerts > 0 ? tr("Unacknowledged alerts: %1").arg(alerts) : tr("No alerts"));
    m_alertLabel->setStyleSheet(alerts > 0 ? QStringLiteral("color: #C62828; font-weight: bold;") : QString());
}

// The name a device goes by: this desk's registry, else the site's (another collector's
// device, on a shared archive), else its uuid.
QString MainWindow::deviceName(const QString &uuid) const
{
    auto device = m_registry->device(uuid);
    if (!device)
        device = m_devices->siteDevice(uuid);
    return device && !device->name.isEmpty() ? device->name : uuid;
}

void MainWindow::followArchive(store::ArchiveFeed *feed)
{
    connect(feed, &store::ArchiveFeed::devicesChanged, m_devices, &DeviceTableModel::setSiteDevices);
    feed->requestDevices();
    connect(feed, &store::ArchiveFeed::eventArrived, this, &MainWindow::addEvent);
    connect(feed, &store::ArchiveFeed::acknowledgementArrived, this,
            [this](qint64 eventId, const QString &, const QString &, const QString &by) {
                if (eventId >= 0 && m_alerts->acknowledgedElsewhere(eventId, by)) {
                    statusBar()->showMessage(m_alerts->lastElsewhereNote(), 15000);
                    updateStatus();
                }
            });
}

void MainWindow::showStorageFull(bool full, const QString &reason)
{
    m_diskFullLabel->setVisible(full);
    if (!full)
        return;
    m_diskFullLabel->setText(tr("Archive disk full: events are refused, devices retry"));
    m_diskFullLabel->setToolTip(tr("FaceDesk cannot write to %1 (%2). Devices are told to send their events again "
                                   "later; nothing they were told is stored gets lost. Free space on that disk and "
                                   "FaceDesk resumes by itself.")
                                    .arg(QDir::toNativeSeparators(m_archive.dataDir), reason));
    if (m_tray)
        m_tray->showMessage(tr("Archive disk full"), m_diskFullLabel->toolTip(), QSystemTrayIcon::Critical);
}

// The database server of a site's archive (PostgreSQL) went away: restarted, or the
// network to it is down. The collector side keeps its devices connected and answers
// their events with the busy code until it is back, so the desk says since when.
void MainWindow::showDatabaseReachable(bool reachable, const QDateTime &since, const QString &reason)
{
    m_databaseLostSince = reachable ? QDateTime() : since;
    m_databaseLabel->setVisible(!reachable);
    updateStatus();
    if (reachable)
        return;
    m_databaseLabel->setText(tr("Archive database unreachable since %1")
                                 .arg(QLocale().toString(since.toLocalTime().time(), QLocale::ShortFormat)));
    m_databaseLabel->setToolTip(tr("FaceDesk cannot reach the archive's database %1 (%2). Devices stay connected and "
                                   "are told to send their events again later; nothing they were told is stored gets "
                                   "lost. FaceDesk reconnects by itself every second.")
                                    .arg(m_archive.display(), reason));
    if (m_tray)
        m_tray->showMessage(tr("Archive database unreachable"), m_databaseLabel->toolTip(), QSystemTrayIcon::Critical);
}

} // namespace fd::ui
