#include "EventTileDelegate.h"

#include "LiveEventModel.h"

#include <QPainter>
#include <QPainterPath>

namespace fd::ui {

namespace {
constexpr int kTileWidth = 168;
constexpr int kFace = 120;
} // namespace

QColor EventTileDelegate::listColor(int listKind)
{
    switch (ListKind(listKind)) {
    case ListKind::Blacklist: return QColor(0xD3, 0x2F, 0x2F);
    case ListKind::Whitelist: return QColor(0x2E, 0x7D, 0x32);
    case ListKind::Vip: return QColor(0xC8, 0x96, 0x0C);
    case ListKind::Custom: return QColor(0x1E, 0x66, 0xC8);
    case ListKind::None: break;
    }
    return QColor(0x75, 0x75, 0x75);
}

QSize EventTileDelegate::tileSize(const QFontMetrics &metrics)
{
    return {kTileWidth, 8 + kFace + 8 + 4 * metrics.height() + 12};
}

QSize EventTileDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return tileSize(option.fontMetrics);
}

void EventTileDelegate::paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const EventTile t = index.data(LiveEventModel::TileRole).value<EventTile>();
    const QRect r = option.rect.adjusted(4, 4, -4, -4);
    const QColor accent = listColor(int(t.list));
    const bool alert = t.list == ListKind::Blacklist;
    p->save();
    p->setRenderHint(QPainter::Antialiasing);

    // The card; a blacklist hit gets a red card edge as thick as a finger.
    QPainterPath card;
    card.addRoundedRect(r, 6, 6);
    p->fillPath(card, option.palette.base());
    p->setPen(QPen(option.state & QStyle::State_Selected ? option.palette.highlight().color() : accent,
                   alert ? 4 : (t.list == ListKind::None ? 1 : 2)));
    p->drawPath(card);

    const QRect faceRect(r.center().x() - kFace / 2, r.top() + 8, kFace, kFace);
    if (!t.face.isNull()) {
        const QImage scaled = t.face.scaled(faceRect.size(), Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation);
        const QRect src((scaled.width() - kFace) / 2, (scaled.height() - kFace) / 2, kFace, kFace);
        p->drawImage(faceRect, scaled, src);
    } else {
        p->fillRect(faceRect, option.palette.alternateBase());
    }

    const int line = option.fontMetrics.height();
    QRect text(r.left() + 8, faceRect.bottom() + 6, r.width() - 16, line);
    QFont bold = option.font;
    bold.setBold(true);
    p->setFont(bold);
    p->setPen(option.palette.text().color());
    const QString name = t.personName.isEmpty() ? LiveEventModel::tr("Stranger") : t.personName;
    p->drawText(text, Qt::AlignLeft | Qt::AlignVCenter, option.fontMetrics.elidedText(name, Qt::ElideRight, text.width()));

    // List badge and score on one line.
    text.translate(0, line + 2);
    p->setFont(option.font);
    int badgeRight = text.left();
    if (t.list != ListKind::None) {
        const QString badge = listName(t.list);
        const int w = option.fontMetrics.horizontalAdvance(badge) + 10;
        const QRect b(text.left(), text.top(), w, line);
        QPainterPath pill;
        pill.addRoundedRect(b, line / 2.0, line / 2.0);
        p->fillPath(pill, accent);
        p->setPen(Qt::white);
        p->drawText(b, Qt::AlignCenter, badge);
        badgeRight = b.right();
    }
    if (t.matchedByDesk) {
        // Found by FaceDesk, not the device: its distance, lower is closer. Beside a
        // long list name ("Whitelist") the words do not fit: the number alone then.
        const QString distance = QString::number(double(t.deskDistance), 'f', 2);
        const QString words = LiveEventModel::tr("FaceDesk %1").arg(distance);
        const bool fits = option.fontMetrics.horizontalAdvance(words) <= text.right() - badgeRight - 4;
        p->setPen(option.palette.text().color());
        p->drawText(text, Qt::AlignRight | Qt::AlignVCenter, fits ? words : distance);
    } else if (t.score >= 0) {
        p->setPen(option.palette.text().color());
        p->drawText(text, Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("%1%").arg(qRound(t.score * 100)));
    }
    if (!t.deskVerdict.isEmpty()) {
        // The device's match and FaceDesk's disagree: a mark a guard cannot read past.
        const QRect mark(faceRect.right() - line - 2, faceRect.top() + 2, line + 2, line + 2);
        QPainterPath dot;
        dot.addEllipse(mark);
        p->fillPath(dot, QColor(0xE6, 0x51, 0x00));
        p->setPen(Qt::white);
        p->drawText(mark, Qt::AlignCenter, QStringLiteral("?"));
    }
    p->setPen(option.palette.placeholderText().color());
    text.translate(0, line + 2);
    p->drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
                option.fontMetrics.elidedText(t.deviceName, Qt::ElideRight, text.width()));
    text.translate(0, line);
    p->drawText(text, Qt::AlignLeft | Qt::AlignVCenter, t.time.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
    if (t.temperatureWarning) {
        p->setPen(QColor(0xE6, 0x51, 0x00));
        p->drawText(text, Qt::AlignRight | Qt::AlignVCenter, LiveEventModel::tr("Fever"));
    }
    p->restore();
}

} // namespace fd::ui
