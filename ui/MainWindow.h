// The guard's desk: the live wall in the middle, alerts across the top, devices in
// a dock, and the listener's health in the status bar.
#pragma once

#include "protocol/Messages.h"

#include <QElapsedTimer>
#include <QMainWindow>

#include <deque>

class QAction;
class QLabel;
class QListView;
class QTableView;

namespace fd::devices { class DeviceRegistry; }
namespace fd::server { class FaceServer; }

namespace fd::ui {

class AlertBanner;
class DeviceTableModel;
class LiveEventModel;
struct EventTile;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(server::FaceServer *server, devices::DeviceRegistry *registry, QWidget *parent = nullptr);
    ~MainWindow() override;

    LiveEventModel *wallModel() const { return m_wall; }
    AlertBanner *alertBanner() const { return m_alerts; }
    QTableView *deviceTable() const { return m_deviceTable; }

    // Turns a committed push into a tile (decoding its face image) and shows it.
    void showEvent(qint64 eventId, const protocol::FacePush &push, const QString &deviceUuid);

private:
    void updateStatus();
    void approveSelected();
    void closeEvent(QCloseEvent *event) override;

    server::FaceServer *m_server;
    devices::DeviceRegistry *m_registry;
    LiveEventModel *m_wall;
    DeviceTableModel *m_devices;
    AlertBanner *m_alerts;
    QListView *m_view;
    QTableView *m_deviceTable;
    QAction *m_pause;
    QLabel *m_listenerLabel;
    QLabel *m_devicesLabel;
    QLabel *m_rateLabel;
    QLabel *m_alertLabel;
    std::deque<qint64> m_recent;  // ms of recent events, for events per minute
};

} // namespace fd::ui
