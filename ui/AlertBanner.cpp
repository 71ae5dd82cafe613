#include "AlertBanner.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace fd::ui {

AlertBanner::AlertBanner(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("alertBanner"));
    setStyleSheet(QStringLiteral("#alertBanner { background: #C62828; border-radius: 6px; }"
                                 "#alertBanner QLabel { color: white; font-size: 15pt; font-weight: bold; }"));
    auto *layout = new QHBoxLayout(this);
    m_face = new QLabel(this);
    m_face->setFixedSize(64, 64);
    m_face->setScaledContents(true);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_ack = new QPushButton(tr("Acknowledge"), this);
    m_ack->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_ack->setMinimumHeight(40);
    layout->addWidget(m_face);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_ack);
    connect(m_ack, &QPushButton::clicked, this, &AlertBanner::acknowledgeFirst);
    m_sound.setInterval(1500);
    connect(&m_sound, &QTimer::timeout, this, [] { QApplication::beep(); });
    hide();
}

void AlertBanner::raiseAlert(const EventTile &tile)
{
    m_alerts.push_back(tile);
    refresh();
}

void AlertBanner::acknowledgeFirst()
{
    if (m_alerts.empty())
        return;
    const qint64 id = m_alerts.front().eventId;
    m_alerts.pop_front();
    refresh();
    emit acknowledged(id);
}

void AlertBanner::refresh()
{
    if (m_alerts.empty()) {
        m_sound.stop();
        hide();
        return;
    }
    const EventTile &t = m_alerts.front();
    m_face->setPixmap(QPixmap::fromImage(t.face));
    QString text = tr("BLACKLIST: %1 at %2, %3")
                       .arg(t.personName.isEmpty() ? tr("unknown") : t.personName, t.deviceName,
                            t.time.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
    if (m_alerts.size() > 1)
        text += u'\n' + tr("%n more alert(s) waiting", nullptr, int(m_alerts.size() - 1));
    m_text->setText(text);
    show();
    if (!m_sound.isActive()) {
        QApplication::beep();
        m_sound.start();
    }
}

} // namespace fd::ui
