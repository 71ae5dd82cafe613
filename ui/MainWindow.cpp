#include "MainWindow.h"

#include "AlertBanner.h"
#include "DeviceTableModel.h"
#include "EventTileDelegate.h"
#include "LiveEventModel.h"

#include "devices/DeviceRegistry.h"
#include "server/FaceServer.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace fd::ui {

MainWindow::MainWindow(server::FaceServer *server, devices::DeviceRegistry *registry, QWidget *parent)
    : QMainWindow(parent), m_server(server), m_registry(registry)
{
    setWindowTitle(tr("FaceDesk"));
    resize(1280, 800);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_alerts = new AlertBanner(central);
    layout->addWidget(m_alerts);
    m_wall = new LiveEventModel(500, this);
    m_view = new QListView(central);
    m_view->setObjectName(QStringLiteral("liveWall"));
    m_view->setViewMode(QListView::IconMode);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setMovement(QListView::Static);
    m_view->setUniformItemSizes(true);
    m_view->setSpacing(4);
    m_view->setItemDelegate(new EventTileDelegate(m_view));
    m_view->setModel(m_wall);
    layout->addWidget(m_view, 1);
    setCentralWidget(central);

    auto *toolbar = addToolBar(tr("Wall"));
    toolbar->setObjectName(QStringLiteral("wallToolbar"));
    m_pause = toolbar->addAction(tr("Pause"));
    m_pause->setCheckable(true);
    m_pause->setShortcut(QKeySequence(Qt::Key_Space));
    connect(m_pause, &QAction::toggled, m_wall, &LiveEventModel::setPaused);
    connect(m_wall, &LiveEventModel::queuedChanged, this, [this](int queued) {
        m_pause->setText(queued > 0 ? tr("Resume (%n new)", nullptr, queued) : (m_wall->isPaused() ? tr("Resume") : tr("Pause")));
    });

    m_devices = new DeviceTableModel(registry, this);
    m_deviceTable = new QTableView(this);
    m_deviceTable->setObjectName(QStringLiteral("deviceTable"));
    m_deviceTable->setModel(m_devices);
    m_deviceTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_deviceTable->horizontalHeader()->setStretchLastSection(true);
    m_deviceTable->verticalHeader()->hide();
    m_deviceTable->setWordWrap(false);
    m_deviceTable->setSortingEnabled(false);
    m_deviceTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *deviceDock = new QDockWidget(tr("Devices"), this);
    deviceDock->setObjectName(QStringLiteral("devicesDock"));
    auto *devicePanel = new QWidget(deviceDock);
    auto *deviceLayout = new QVBoxLayout(devicePanel);
    deviceLayout->addWidget(m_deviceTable);
    auto *approve = new QPushButton(tr("Approve selected"), devicePanel);
    approve->setObjectName(QStringLiteral("approveButton"));
    connect(approve, &QPushButton::clicked, this, &MainWindow::approveSelected);
    deviceLayout->addWidget(approve);
    deviceDock->setWidget(devicePanel);
    addDockWidget(Qt::BottomDockWidgetArea, deviceDock);

    m_listenerLabel = new QLabel(this);
    m_devicesLabel = new QLabel(this);
    m_rateLabel = new QLabel(this);
    m_alertLabel = new QLabel(this);
    for (QLabel *l : {m_listenerLabel, m_devicesLabel, m_rateLabel, m_alertLabel})
        statusBar()->addPermanentWidget(l);

    connect(server, &server::FaceServer::eventCommitted, this, &MainWindow::showEvent);
    connect(m_alerts, &AlertBanner::acknowledged, this, &MainWindow::updateStatus);
    auto *statusTimer = new QTimer(this);
    connect(statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    statusTimer->start(1000);
    updateStatus();

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    event->accept();
}

void MainWindow::showEvent(qint64 eventId, const protocol::FacePush &push, const QString &deviceUuid)
{
    EventTile tile;
    tile.eventId = eventId;
    tile.time = push.captureTime.isValid() ? push.captureTime : QDateTime::currentDateTime();
    tile.deviceUuid = deviceUuid;
    const auto device = m_registry->device(deviceUuid);
    tile.deviceName = device && !device->name.isEmpty() ? device->name : deviceUuid;
    if (push.indexId >= 0) {
        QString name = push.picName;
        if (name.endsWith(QLatin1String(".jpg"), Qt::CaseInsensitive))
            name.chop(4);
        tile.personName = name.isEmpty() ? tr("Person %1").arg(push.indexId) : name;
        tile.list = listKindFromPicSort(push.picSort > 0 ? push.picSort : 4);
    }
    if (push.matchScore)
        tile.score = *push.matchScore > 1.0 ? *push.matchScore / 100.0 : *push.matchScore;
    tile.temperatureWarning = push.temperature.realtime && push.temperature.warning
        && *push.temperature.realtime >= *push.temperature.warning;
    QImage face;
    if (face.loadFromData(push.image, "JPEG"))
        tile.face = face.scaled(160, 160, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    if (tile.list == ListKind::Blacklist)
        m_alerts->raiseAlert(tile);
    m_devices->countEvent(deviceUuid);
    m_recent.push_back(QDateTime::currentMSecsSinceEpoch());
    m_wall->add(std::move(tile));
}

void MainWindow::approveSelected()
{
    const QModelIndexList rows = m_deviceTable->selectionModel()->selectedRows();
    for (const QModelIndex &i : rows)
        m_registry->approve(m_devices->uuidAt(i.row()));
}

void MainWindow::updateStatus()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    while (!m_recent.empty() && now - m_recent.front() > 60000)
        m_recent.pop_front();
    m_listenerLabel->setText(tr("Listening: HTTP %1, TCP %2").arg(m_server->httpPort()).arg(m_server->tcpPort()));
    m_devicesLabel->setText(tr("Devices online: %1 of %2").arg(m_devices->onlineCount()).arg(m_devices->rowCount()));
    m_rateLabel->setText(tr("Events/min: %1").arg(m_recent.size()));
    const int alerts = m_alerts->pending();
    m_alertLabel->setText(alerts > 0 ? tr("Unacknowledged alerts: %1").arg(alerts) : tr("No alerts"));
    m_alertLabel->setStyleSheet(alerts > 0 ? QStringLiteral("color: #C62828; font-weight: bold;") : QString());
}

} // namespace fd::ui
