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
};

} // namespace fd::ui
