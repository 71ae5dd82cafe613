// The first thing a desk with no devices shows: what to type into a device's web page
// (Intelligent Analysis -> Face Detection -> Server Configuration, PROTOCOL.md
// "Overview") for each of this PC's LAN addresses, each value with a copy button; a
// self-check that the listener answers on those addresses; the devices that have
// asked to join, to approve them here; and the demo, started as a separate process so
// that the real archive stays untouched.
//
// The self-check connects to this PC's own LAN addresses, so it proves the listener is
// bound there and that no local rule refuses the connection from this machine; a
// firewall between the PC and the devices cannot be seen from here, and the page says so.
#pragma once

#include <QHostAddress>
#include <QList>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QGridLayout;

namespace fd::devices { class DeviceRegistry; }

namespace fd::ui {

class WelcomePanel : public QWidget {
    Q_OBJECT
public:
    WelcomePanel(devices::DeviceRegistry *registry, quint16 httpPort, quint16 tcpPort, QWidget *parent = nullptr);

    // This PC's IPv4 addresses on up, non-loopback interfaces: what devices can reach.
    static QList<QHostAddress> lanAddresses();
    // The values for a device's server configuration page.
    static QString faceInfoUrl(const QHostAddress &address, quint16 httpPort);
    static QString keepAliveUrl(const QHostAddress &address, quint16 httpPort);

    // Connects to the listener on every LAN address; results arrive as selfCheckDone.
    void runSelfCheck();
    // The self-check's sentence for an address, empty while it runs.
    QString selfCheckResult(const QHostAddress &address) const { return m_results.value(address.toString()); }

signals:
    void selfCheckDone();
    void demoRequested();
    void wallRequested();

private:
    void addValueRow(QGridLayout *grid, int row, const QString &what, const QString &value);
    void refreshPending();
    void showCheck(const QString &text);

    devices::DeviceRegistry *m_registry;
    quint16 m_httpPort;
    quint16 m_tcpPort;
    QLabel *m_check;
    QListWidget *m_pending;
    QPushButton *m_approve;
    QList<QHostAddress> m_checked;      // the addresses of the last (or running) check
    QHash<QString, QString> m_results;  // address -> its sentence
    int m_running = 0;                  // connections of the running check still open
};

} // namespace fd::ui
