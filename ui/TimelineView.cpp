#include "TimelineView.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace fd::ui {

namespace {
constexpr int LaneHeight = 28;
constexpr int LabelWidth = 150;
constexpr int AxisHeight = 24;
constexpr int MarkRadius = 5;

QString laneName(const search::Sighting &s)
{
    return s.deviceName.isEmpty() ? s.deviceUuid : s.deviceName;
}
} // namespace

TimelineView::TimelineView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("personTimeline"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void TimelineView::setRange(const QDateTime &from, const QDateTime &to)
{
    m_from = from;
    m_to = to;
    update();
}

void TimelineView::setSightings(const QList<search::Sighting> &sightings)
{
    m_sightings = sightings;
    m_lanes.clear();
    for (const search::Sighting &s : sightings)
        if (!m_lanes.contains(laneName(s)))
            m_lanes << laneName(s);
    m_lanes.sort(Qt::CaseInsensitive);
    updateGeometry();
    update();
}

QSize TimelineView::sizeHint() const
{
    return {800, AxisHeight + LaneHeight * int(qMax<qsizetype>(1, m_lanes.size())) + 8};
}

QRect TimelineView::plotArea() const
{
    return QRect(LabelWidth, 4, width() - LabelWidth - 12, LaneHeight * int(qMax<qsizetype>(1, m_lanes.size())));
}

int TimelineView::laneOf(const search::Sighting &s) const
{
    return int(m_lanes.indexOf(laneName(s)));
}

QPoint TimelineView::markPosition(int index) const
{
    const search::Sighting &s = m_sightings.at(index);
    const QRect plot = plotArea();
    const double span = qMax<double>(1, double(m_from.msecsTo(m_to)));
    const double at = double(m_from.msecsTo(s.time)) / span;
    return {plot.left() + int(at * plot.width()), plot.top() + laneOf(s) * LaneHeight + LaneHeight / 2};
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    const QRect plot = plotArea();
    if (m_lanes.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(plot, Qt::AlignCenter, tr("No sightings in this period."));
    }
    for (int lane = 0; lane < m_lanes.size(); ++lane) {
        const QRect row(0, plot.top() + lane * LaneHeight, width(), LaneHeight);
        if (lane % 2)
            p.fillRect(row, palette().alternateBase());
        p.setPen(palette().color(QPalette::Text));
        p.drawText(row.adjusted(6, 0, -(width() - LabelWidth + 6), 0), Qt::AlignVCenter | Qt::AlignLeft,
                   fontMetrics().elidedText(m_lanes[lane], Qt::ElideRight, LabelWidth - 12));
    }
    // Day boundaries, labelled; hours when the range is a day or two.
    p.setPen(QColor(0xBB, 0xBB, 0xBB));
    const qint64 spanMs = m_from.msecsTo(m_to);
    const bool hourly = spanMs <= 2LL * 24 * 3600 * 1000;
    const double span = qMax<double>(1, double(spanMs));
    QDateTime tick = hourly ? QDateTime(m_from.date(), QTime(m_from.time().hour(), 0)) : QDateTime(m_from.date(), QTime(0, 0));
    const int axisY = plot.bottom() + 4;
    int lastLabelX = -1000;
    for (int guard = 0; tick < m_to && guard < 2000; ++guard) {
        if (tick >= m_from) {
            const int x = plot.left() + int(double(m_from.msecsTo(tick)) / span * plot.width());
            p.setPen(QColor(0xDD, 0xDD, 0xDD));
            p.drawLine(x, plot.top(), x, plot.bottom());
            const QString label = hourly ? tick.toString(QStringLiteral("HH:mm")) : tick.toString(QStringLiteral("MM-dd"));
            if (x - lastLabelX > fontMetrics().horizontalAdvance(label) + 8) {
                p.setPen(palette().color(QPalette::Text));
                p.drawText(QRect(x - 40, axisY, 80, AxisHeight - 6), Qt::AlignHCenter | Qt::AlignTop, label);
                lastLabelX = x;
            }
        }
        tick = hourly ? tick.addSecs(3600) : tick.addDays(1);
    }
    for (int i = 0; i < m_sightings.size(); ++i) {
        const bool similar = m_sightings[i].similarity > -2.f;
        p.setPen(Qt::NoPen);
        p.setBrush(similar ? QColor(0xEF, 0x6C, 0x00) : QColor(0x15, 0x65, 0xC0));
        p.drawEllipse(markPosition(i), MarkRadius, MarkRadius);
    }
}

int TimelineView::sightingAt(const QPoint &pos) const
{
    for (int i = int(m_sightings.size()) - 1; i >= 0; --i)
        if ((markPosition(i) - pos).manhattanLength() <= MarkRadius * 2)
            return i;
    return -1;
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    const int i = sightingAt(event->position().toPoint());
    if (i >= 0)
        emit sightingClicked(m_sightings[i].eventId);
}

bool TimelineView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int i = sightingAt(help->pos());
        if (i < 0) {
            QToolTip::hideText();
            return true;
        }
        const search::Sighting &s = m_sightings[i];
        QString text = tr("%1 at %2").arg(s.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), laneName(s));
        if (s.similarity > -2.f)
            text += u'\n' + tr("found by face similarity %1").arg(double(s.similarity), 0, 'f', 3);
        QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace fd::ui
