// The guard's desk: the live wall in the middle, alerts across the top, devices,
// settings and (later) the face library and search in docks, and the listener's
// health in the status bar.
#pragma once

#include "AlertRules.h"
#include "PersonTimelineDialog.h"
#include "EventTile.h"

#include "protocol/Messages.h"
#include "auth/Roles.h"
#include "store/Database.h"

#include <QDateTime>
#include <QFuture>
#include <QJsonObject>
#include <QMainWindow>
#include <QPointer>
#include <QMap>
#include <QSet>

#include <deque>
#include <memory>

class QAction;
class QDockWidget;
class QComboBox;
class QLabel;
class QFormLayout;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QStackedWidget;
class QSystemTrayIcon;
class QTableView;
class QTimer;

namespace fd::devices { class DeviceRegistry; }
namespace fd::match { class LiveMatcher; struct LiveMatch; }
namespace fd::server { class FaceServer; }
namespace fd::store { class ArchiveFeed; class QueryWorker; class StoreWriter; }
namespace fd::sync { class SyncEngine; class SyncStatusReader; }

namespace fd::ui {

class AlertBanner;
class AuditPanel;
class DeviceTableModel;
class EventDetailDialog;
class FaceSearchController;
class IdleWatch;
class LoginDialog;
class ImportWizard;
class LibraryPanel;
class PersonTimelineDialog;
class SearchPanel;
class LiveEventModel;
class WallFilterModel;
struct Alert;
class WelcomePanel;
struct EventTile;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(server::FaceServer *server, devices::DeviceRegistry *registry, store::StoreWriter *writer,
               store::DatabaseConfig archive, QWidget *parent = nullptr);
    ~MainWindow() override;

    // A desk with no devices yet: the welcome page (what to type into a device, a
    // self-check, devices asking to join) in front of the wall until the first event
    // arrives or the operator goes to the wall.
    void showWelcome();
    // The operator at the desk (#13): what they may do is enabled, the rest disabled
    // with the role that may in its tooltip; the name shows in the status bar. An
    // empty name: the archive has no operators yet, and everything is allowed.
    void setOperator(const QString &name, auth::Role role);
    QString operatorName() const { return m_operator; }
    store::QueryWorker *queries() const { return m_queries; }
    // Asks another operator to sign in (a shift change); the wall stays.
    void switchOperator();
    // Hides the wall, the docks and the toolbar behind a sign-in (after the idle time
    // in the settings, or now); alarms keep sounding. Any operator who signs in
    // unlocks it and takes the desk.
    void lock();
    bool isLocked() const { return m_locked; }
    IdleWatch *idleWatch() const { return m_idle; }
    WelcomePanel *welcomePanel() const { return m_welcome; }
    bool isWallShown() const;

    LiveEventModel *wallModel() const { return m_wall; }
    WallFilterModel *wallFilter() const { return m_filter; }
    QListView *wallView() const { return m_view; }
    AlertBanner *alertBanner() const { return m_alerts; }
    QTableView *deviceTable() const { return m_deviceTable; }
    QAction *pauseAction() const { return m_pause; }
    QAction *alertsOnlyAction() const { return m_alertsOnly; }
    QComboBox *deviceFilterBox() const { return m_deviceFilter; }
    QComboBox *listFilterBox() const { return m_listFilter; }
    EventDetailDialog *detailDialog() const { return m_detail; }
    AlertRules &alertRules() { return m_rules; }
    LibraryPanel *libraryPanel() const { return m_library; }
    SearchPanel *searchPanel() const { return m_search; }
    AuditPanel *auditPanel() const { return m_audit; }
    FaceSearchController *faceSearch() const { return m_faces; }
    // Null when no trained face engine runs (live matching with the built-in engine
    // would raise alerts on strangers).
    match::LiveMatcher *liveMatcher() const { return m_matcher; }

    // A committed push becomes a tile; its face is decoded on a worker thread.
    void addEvent(qint64 eventId, const protocol::FacePush &push, const QString &deviceUuid);
    void openDetail(const QModelIndex &proxyIndex);
    void openEventId(qint64 eventId);
    // The library sync on the network thread: the editor and the device panel show
    // its state, and library edits wake it at once.
    void setSyncEngine(sync::SyncEngine *engine);
    // A shared PostgreSQL archive: events other collectors store join the wall (and
    // raise their alerts here too), and an alert acknowledged on another desk stops
    // here, with a line in the status bar saying who acknowledged it.
    void followArchive(store::ArchiveFeed *feed);
    void refreshSyncStatus();
    // Null when the operator may not (the status bar and the trail say so).
    PersonTimelineDialog *openTimeline(qint64 indexId);
    ImportWizard *openImport();
    // The archive's disk is full (a red note in the status bar and a tray message), or
    // has room again.
    void showStorageFull(bool full, const QString &reason);
    void showDatabaseReachable(bool reachable, const QDateTime &since, const QString &reason);

signals:
    // Emitted when a tile is handed to the wall; it appears within one frame (or when
    // the wall resumes, if paused).
    void tileShown(qint64 eventId);

private:
    QString deviceName(const QString &uuid) const;
    PersonTimelineDialog::SimilarSightings similarSightings() const;
    int listOf(const protocol::FacePush &push) const { return listOf(push.indexId, push.picSort); }
    int listOf(qint64 indexId, int devicePicSort) const;
    void applyVerdict(EventTile &tile, const match::LiveMatch &match) const;
    void placeTile(EventTile tile);
    void raiseFaceAlert(const EventTile &tile, AlertAction action);
    void onLiveMatch(const match::LiveMatch &match);
    void startLiveMatching();
    void updateStatus();
    void buildToolbar();
    QWidget *buildDevicePanel();
    QWidget *buildSettingsPanel();
    QWidget *buildRetentionRow(QWidget *panel);
    void refreshDeviceFilter();
    void acknowledge(const Alert &alert, const QString &note);
    void onPresence(const QString &uuid, bool online);
    qint64 neighbourOf(qint64 eventId, int direction) const;
    // Whether the operator may; if not, says which role may (status bar, audit).
    bool permitted(auth::Action action);
    QString roleNeeded(auth::Action action) const;
    void openUnlock();
    void unlock(const QString &name, auth::Role role);
    void updateLockText();
    // One record in the audit trail as the operator at the desk, on the query worker.
    QFuture<void> recordAudit(const QString &action, const QString &target, const QJsonObject &details);
    // A setting changed (recorded once its edits pause; flushSettingRecords does it now).
    void noteSetting(const QString &key, const QString &before, const QString &after);
public:
    void flushSettingRecords();
private:
    // The library's names and lists by index_id, for the wall's tiles (on the worker).
    void readDirectory();
    void closeEvent(QCloseEvent *event) override;

    server::FaceServer *m_server;
    devices::DeviceRegistry *m_registry;
    store::StoreWriter *m_writer;
    store::DatabaseConfig m_archive;
    store::QueryWorker *m_queries;        // the window's reads: search, detail, timeline, library
    store::QueryWorker *m_statusQueries;
    QString m_operator;                   // empty: no operators in this archive
    auth::Role m_role = auth::Role::Admin;
    QLabel *m_operatorLabel = nullptr;
    QAction *m_switchOperator = nullptr;
    QDockWidget *m_searchDock = nullptr;
    QDockWidget *m_libraryDock = nullptr;
    QDockWidget *m_settingsDock = nullptr;
    QDockWidget *m_auditDock = nullptr;
    QTimer *m_settingsFlush = nullptr;
    QMap<QString, std::pair<QString, QString>> m_pendingSettings;  // key -> before, after
    AuditPanel *m_audit = nullptr;
    QList<std::pair<QWidget *, auth::Action>> m_guarded;  // buttons that need a right
    IdleWatch *m_idle;
    bool m_locked = false;
    QWidget *m_lockPage = nullptr;
    QLabel *m_lockText = nullptr;
    QPointer<QWidget> m_pageBeforeLock;
    QList<QPointer<QWidget>> m_hiddenWhileLocked;
    QPointer<LoginDialog> m_unlockDialog;  // sync status, tens of queries a refresh: apart from them
    AlertRules m_rules;
    LiveEventModel *m_wall;
    WallFilterModel *m_filter;
    DeviceTableModel *m_devices;
    QSortFilterProxyModel *m_deviceProxy;
    AlertBanner *m_alerts;
    QListView *m_view;
    QStackedWidget *m_pages;          // the wall (with the alert banner), or the welcome page
    QWidget *m_wallPage;
    WelcomePanel *m_welcome = nullptr;
    QTableView *m_deviceTable;
    EventDetailDialog *m_detail;
    LibraryPanel *m_library;
    FaceSearchController *m_faces = nullptr;
    match::LiveMatcher *m_matcher = nullptr;
    QLabel *m_matchLabel = nullptr;
    QFormLayout *m_settingsForm = nullptr;
    QHash<qint64, match::LiveMatch> m_earlyMatches;  // verdicts that came before their tile
    QTimer *m_syncRefresh = nullptr;
    bool m_syncRefreshRunning = false;
    QHash<qint64, QPair<QString, int>> m_directory;  // library persons: index_id -> name, pic_sort
    SearchPanel *m_search;
    QAction *m_pause = nullptr;
    QAction *m_alertsOnly = nullptr;
    QComboBox *m_deviceFilter = nullptr;
    QComboBox *m_listFilter = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QLabel *m_listenerLabel;
    QLabel *m_devicesLabel;
    QLabel *m_rateLabel;
    QLabel *m_diskFullLabel = nullptr;  // shown while the archive's disk is full
    QLabel *m_databaseLabel = nullptr;  // shown while the archive's database is unreachable (PostgreSQL)
    QDateTime m_databaseLostSince;      // valid while the archive's database is unreachable
    QLabel *m_storeLabel;
    QLabel *m_alertLabel;
    std::deque<qint64> m_recent;  // ms of recent events, for events per minute
    QSet<QString> m_seenOffline;  // devices this desk saw go offline
    QMap<quint64, EventTile> m_decoded;  // faces decoded ahead of an earlier event's
    quint64 m_nextDecode = 0;
    quint64 m_nextPlace = 0;
};

} // namespace fd::ui
