#include "AlertBanner.h"

#include <QLocale>

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSoundEffect>

namespace fd::ui {

QString Alert::kindName() const
{
    if (kind == Kind::DeviceOffline)
        return QStringLiteral("offline");
    if (kind == Kind::DeviceOnline)
        return QStringLiteral("online");
    switch (tile.list) {
    case ListKind::Blacklist: return QStringLiteral("blacklist");
    case ListKind::Vip: return QStringLiteral("vip");
    case ListKind::Whitelist: return QStringLiteral("whitelist");
    case ListKind::Custom: return QStringLiteral("custom");
    case ListKind::None: break;
    }
    return QStringLiteral("stranger");
}

AlertBanner::AlertBanner(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("alertBanner"));
    auto *layout = new QHBoxLayout(this);
    m_face = new QLabel(this);
    m_face->setFixedSize(64, 64);
    m_face->setScaledContents(true);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("alertText"));
    m_text->setWordWrap(true);
    m_note = new QLineEdit(this);
    m_note->setObjectName(QStringLiteral("alertNote"));
    m_note->setPlaceholderText(tr("Note (optional)"));
    m_note->setMaximumWidth(260);
    m_ack = new QPushButton(QIcon(QStringLiteral(":/icons/alert.svg")), tr("Acknowledge"), this);
    m_ack->setObjectName(QStringLiteral("acknowledgeButton"));
    m_ack->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_ack->setToolTip(tr("Acknowledge the oldest alert (Ctrl+Enter)"));
    m_ack->setMinimumHeight(40);
    layout->addWidget(m_face);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_note);
    layout->addWidget(m_ack);
    connect(m_ack, &QPushButton::clicked, this, &AlertBanner::acknowledgeFirst);
    connect(m_note, &QLineEdit::returnPressed, this, &AlertBanner::acknowledgeFirst);
    m_alarm = new QSoundEffect(this);
    m_alarm->setSource(QUrl(QStringLiteral("qrc:/sounds/alarm.wav")));
    m_alarm->setLoopCount(QSoundEffect::Infinite);
    m_chime = new QSoundEffect(this);
    m_chime->setSource(QUrl(QStringLiteral("qrc:/sounds/chime.wav")));
    hide();
}

bool AlertBanner::alarmPlaying() const
{
    return m_alarm->isPlaying() || (m_alarm->loopsRemaining() != 0 && !m_alerts.empty());
}

void AlertBanner::playChime()
{
    m_chime->play();
}

void AlertBanner::raiseAlert(const Alert &alert)
{
    m_alerts.push_back(alert);
    // Only the alert on show holds its face; the rest fetch it when their turn comes.
    if (m_alerts.size() > 1 && m_faceLoader)
        m_alerts.back().tile.face = QImage();
    refresh();
}

void AlertBanner::acknowledgeFirst()
{
    if (m_alerts.empty())
        return;
    const Alert first = m_alerts.front();
    m_alerts.pop_front();
    const QString note = m_note->text().trimmed();
    m_note->clear();
    refresh();
    emit acknowledged(first, note);
}

bool AlertBanner::acknowledgedElsewhere(qint64 eventId, const QString &by)
{
    const auto it = std::find_if(m_alerts.begin(), m_alerts.end(), [eventId](const Alert &a) {
        return a.kind == Alert::Kind::Face && a.tile.eventId == eventId;
    });
    if (it == m_alerts.end())
        return false;
    m_elsewhere = tr("%1 at %2 was acknowledged on another desk by %3")
                      .arg(it->tile.personName.isEmpty() ? it->tile.deviceName : it->tile.personName,
                           QLocale().toString(it->tile.time.toLocalTime().time(), QLocale::ShortFormat), by);
    m_alerts.erase(it);
    refresh();
    return true;
}

void AlertBanner::refresh()
{
    const bool alarm = std::any_of(m_alerts.cbegin(), m_alerts.cend(),
                                   [](const Alert &a) { return a.action == AlertAction::BannerWithAlarm; });
    if (alarm && !m_alarm->isPlaying())
        m_alarm->play();
    else if (!alarm)
        m_alarm->stop();
    if (m_alerts.empty()) {
        hide();
        return;
    }
    const Alert &a = m_alerts.front();
    const bool device = a.kind != Alert::Kind::Face;
    const QString colour = a.kind == Alert::Kind::DeviceOffline ? QStringLiteral("#E65100")
        : a.kind == Alert::Kind::DeviceOnline                   ? QStringLiteral("#2E7D32")
        : a.tile.list == ListKind::Blacklist                    ? QStringLiteral("#C62828")
                                                                : QStringLiteral("#1E66C8");
    setStyleSheet(QStringLiteral("#alertBanner { background: %1; border-radius: 6px; }"
                                 "#alertBanner QLabel { color: white; font-size: 15pt; font-weight: bold; }")
                      .arg(colour));
    QString text;
    if (device) {
        m_face->setPixmap(QIcon(QStringLiteral(":/icons/devices.svg")).pixmap(64, 64));
        const QString since = a.raisedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
        text = a.kind == Alert::Kind::DeviceOffline ? tr("DEVICE OFFLINE: %1, since %2").arg(a.deviceName, since)
                                                    : tr("DEVICE BACK ONLINE: %1, at %2").arg(a.deviceName, since);
    } else {
        if (a.tile.face.isNull() && m_faceLoader && m_faceAskedFor != a.tile.eventId) {
            const qint64 id = m_faceAskedFor = a.tile.eventId;
            m_faceLoader(id).then(this, [this, id](const QImage &face) {
                for (Alert &waiting : m_alerts)
                    if (waiting.kind == Alert::Kind::Face && waiting.tile.eventId == id)
                        waiting.tile.face = face;
                if (!m_alerts.empty() && m_alerts.front().tile.eventId == id)
                    m_face->setPixmap(QPixmap::fromImage(face));
            });
        }
        m_face->setPixmap(QPixmap::fromImage(a.tile.face));
        const QString who = a.tile.personName.isEmpty() ? tr("Stranger") : a.tile.personName;
        const QString list = a.tile.list == ListKind::None ? tr("STRANGER") : listName(a.tile.list).toUpper();
        text = tr("%1: %2 at %3, %4").arg(list, who, a.tile.deviceName,
                                          a.tile.time.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
    }
    if (m_alerts.size() > 1)
        text += u'\n' + tr("%n more alert(s) waiting", nullptr, int(m_alerts.size() - 1));
    m_text->setText(text);
    show();
}

} // namespace fd::ui
