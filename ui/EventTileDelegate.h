// Paints one live-wall tile: the face, the name (or "Stranger"), the list badge in
// the list's colour, the score, the device and the time.
#pragma once

#include <QStyledItemDelegate>

namespace fd::ui {

class EventTileDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QColor listColor(int listKind);
    // A tile's size in a font: four lines of text under the face (a CJK font's lines
    // are taller than a Latin one's).
    static QSize tileSize(const QFontMetrics &metrics);
};

} // namespace fd::ui
