#include "WelcomePanel.h"

#include "devices/DeviceRegistry.h"
#include "protocol/DeviceType.h"

#include <QApplication>
#include <QClipboard>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkInterface>
#include <QPushButton>
#include <QScrollArea>
#include <QTcpSocket>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace fd::ui {

namespace {

constexpr int kCheckTimeoutMs = 3000;

} // namespace

WelcomePanel::WelcomePanel(devices::DeviceRegistry *registry, quint16 httpPort, quint16 tcpPort, QWidget *parent)
    : QWidget(parent), m_registry(registry), m_httpPort(httpPort), m_tcpPort(tcpPort)
{
    setObjectName(QStringLiteral("welcomePage"));
    // In a scroll area: with the docks below it, the page must never squeeze its text.
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *page = new QWidget(scroll);
    auto *layout = new QVBoxLayout(page);
    scroll->setWidget(page);
    outer->addWidget(scroll);
    auto *title = new QLabel(tr("<h2>Welcome to FaceDesk</h2>No device has connected yet. On each device's web page "
                                "(Intelligent Analysis → Face Detection → Server Configuration) enable HTTP upload "
                                "and heartbeat and type these values:"),
                             this);
    title->setWordWrap(true);
    layout->addWidget(title);

    const QList<QHostAddress> addresses = lanAddresses();
    if (addresses.isEmpty()) {
        auto *none = new QLabel(tr("This PC has no network address other than its own loopback: connect it to the "
                                   "devices' network first."),
                                this);
        none->setObjectName(QStringLiteral("welcomeNoNetwork"));
        layout->addWidget(none);
    }
    for (const QHostAddress &a : addresses) {
        auto *box = new QGroupBox(tr("Devices that reach this PC at %1").arg(a.toString()), this);
        auto *grid = new QGridLayout(box);
        int row = 0;
        addValueRow(grid, row++, tr("HTTP address (face pushes):"), faceInfoUrl(a, m_httpPort));
        addValueRow(grid, row++, tr("HTTP port:"), QString::number(m_httpPort));
        addValueRow(grid, row++, tr("Upload path:"), QStringLiteral("/faceinfo"));
        addValueRow(grid, row++, tr("Heartbeat server address:"), keepAliveUrl(a, m_httpPort));
        addValueRow(grid, row++, tr("TCP port (comparison machines' long connection):"), QString::number(m_tcpPort));
        layout->addWidget(box);
    }

    m_check = new QLabel(this);
    m_check->setObjectName(QStringLiteral("welcomeSelfCheck"));
    m_check->setWordWrap(true);
    m_check->setTextFormat(Qt::PlainText);
    layout->addWidget(m_check);

    auto *pendingBox = new QGroupBox(tr("Devices asking to join"), this);
    auto *pl = new QVBoxLayout(pendingBox);
    m_pending = new QListWidget(pendingBox);
    m_pending->setObjectName(QStringLiteral("welcomePending"));
    m_pending->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_pending->setMinimumHeight(4 * m_pending->fontMetrics().height());
    pl->addWidget(m_pending);
    m_approve = new QPushButton(tr("Approve"), pendingBox);
    m_approve->setObjectName(QStringLiteral("welcomeApprove"));
    connect(m_approve, &QPushButton::clicked, this, [this] {
        for (QListWidgetItem *item : m_pending->selectedItems())
            m_registry->approve(item->data(Qt::UserRole).toString());
        refreshPending();
    });
    pl->addWidget(m_approve);
    layout->addWidget(pendingBox);

    auto *buttons = new QHBoxLayout;
    auto *demo = new QPushButton(tr("Try the demo (simulated devices, a separate window)"), this);
    demo->setObjectName(QStringLiteral("welcomeDemo"));
    connect(demo, &QPushButton::clicked, this, &WelcomePanel::demoRequested);
    auto *wall = new QPushButton(tr("Go to the live wall"), this);
    wall->setObjectName(QStringLiteral("welcomeToWall"));
    connect(wall, &QPushButton::clicked, this, &WelcomePanel::wallRequested);
    buttons->addWidget(demo);
    buttons->addStretch(1);
    buttons->addWidget(wall);
    layout->addLayout(buttons);
    layout->addStretch(1);

    // The registry may report from the network thread: refresh on this one.
    for (auto signal : {&devices::DeviceRegistry::devicePending, &devices::DeviceRegistry::deviceChanged,
                        &devices::DeviceRegistry::deviceRemoved})
        connect(registry, signal, this, &WelcomePanel::refreshPending, Qt::QueuedConnection);
    refreshPending();
    runSelfCheck();
}

QList<QHostAddress> WelcomePanel::lanAddresses()
{
    QList<QHostAddress> out;
    for (const QNetworkInterface &i : QNetworkInterface::allInterfaces()) {
        const auto flags = i.flags();
        if (!(flags & QNetworkInterface::IsUp) || !(flags & QNetworkInterface::IsRunning) || (flags & QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry &e : i.addressEntries())
            if (e.ip().protocol() == QAbstractSocket::IPv4Protocol && !e.ip().isLoopback())
                out << e.ip();
    }
    return out;
}

QString WelcomePanel::faceInfoUrl(const QHostAddress &address, quint16 httpPort)
{
    return QStringLiteral("http://%1:%2/faceinfo").arg(address.toString()).arg(httpPort);
}

QString WelcomePanel::keepAliveUrl(const QHostAddress &address, quint16 httpPort)
{
    return QStringLiteral("http://%1:%2/keepalive").arg(address.toString()).arg(httpPort);
}

void WelcomePanel::addValueRow(QGridLayout *grid, int row, const QString &what, const QString &value)
{
    grid->addWidget(new QLabel(what, grid->parentWidget()), row, 0);
    auto *field = new QLineEdit(value, grid->parentWidget());
    field->setReadOnly(true);
    grid->addWidget(field, row, 1);
    auto *copy = new QPushButton(tr("Copy"), grid->parentWidget());
    copy->setProperty("copies", value);
    copy->setToolTip(tr("Copy %1").arg(value));
    connect(copy, &QPushButton::clicked, this, [value] { QApplication::clipboard()->setText(value); });
    grid->addWidget(copy, row, 2);
}

void WelcomePanel::runSelfCheck()
{
    if (m_running > 0)
        return;  // one check at a time: selfCheckDone comes when the running one ends
    m_results.clear();
    m_checked = lanAddresses();
    const QList<QHostAddress> &addresses = m_checked;
    m_running = int(addresses.size());
    if (addresses.isEmpty()) {
        showCheck(tr("Self-check: nothing to check without a network address."));
        emit selfCheckDone();
        return;
    }
    showCheck(tr("Self-check: connecting to this PC's own addresses..."));
    for (const QHostAddress &a : addresses) {
        auto *socket = new QTcpSocket(this);
        auto *timer = new QTimer(socket);
        timer->setSingleShot(true);
        const auto finish = [this, socket, a](const QString &result) {
            if (m_results.contains(a.toString()))
                return;
            m_results.insert(a.toString(), result);
            socket->abort();
            socket->deleteLater();
            if (--m_running > 0)
                return;
            QStringList lines;
            for (const QHostAddress &each : std::as_const(m_checked))
                lines << m_results.value(each.toString());
            lines << tr("A firewall between this PC and the devices cannot be seen from here: if a device's page "
                        "says the server is unreachable, open TCP ports %1 and %2 for the devices' network.")
                         .arg(m_httpPort)
                         .arg(m_tcpPort);
            showCheck(lines.join(u'\n'));
            emit selfCheckDone();
        };
        connect(socket, &QTcpSocket::connected, this, [finish, a, this] {
            finish(tr("✓ FaceDesk answers at %1, port %2.").arg(a.toString()).arg(m_httpPort));
        });
        connect(socket, &QTcpSocket::errorOccurred, this, [finish, socket, a, this] {
            finish(tr("✗ Nothing answers at %1, port %2 (%3): FaceDesk may listen on another address, or a rule "
                      "on this PC refuses the connection.")
                       .arg(a.toString())
                       .arg(m_httpPort)
                       .arg(socket->errorString()));
        });
        connect(timer, &QTimer::timeout, this, [finish, a, this] {
            finish(tr("✗ No answer at %1, port %2 within %3 s: a firewall on this PC may drop the connection.")
                       .arg(a.toString())
                       .arg(m_httpPort)
                       .arg(kCheckTimeoutMs / 1000));
        });
        timer->start(kCheckTimeoutMs);
        socket->connectToHost(a, m_httpPort);
    }
}

void WelcomePanel::showCheck(const QString &text)
{
    m_check->setText(text);
    // A wrapped label in a scroll area does not grow by itself (height-for-width).
    m_check->setMinimumHeight(m_check->heightForWidth(std::max(400, m_check->width())) + m_check->fontMetrics().height());
}

void WelcomePanel::refreshPending()
{
    m_pending->clear();
    for (const store::DeviceRow &d : m_registry->devices()) {
        if (d.state != QLatin1String("pending"))
            continue;
        const QString name = d.name.isEmpty() ? d.uuid : d.name;
        auto *item = new QListWidgetItem(tr("%1 (%2, %3, %4)").arg(name, protocol::deviceTypeName(d.deviceType), d.host, d.uuid),
                                         m_pending);
        item->setData(Qt::UserRole, d.uuid);
    }
    if (m_pending->count() == 0) {
        auto *none = new QListWidgetItem(tr("None yet: devices appear here as soon as they connect."), m_pending);
        none->setFlags(Qt::NoItemFlags);
    }
    m_approve->setEnabled(m_pending->count() > 0 && !m_pending->item(0)->data(Qt::UserRole).toString().isEmpty());
}

} // namespace fd::ui
