// Sightings on a time line, one lane per device: when and where a person was seen.
// Blue marks an event that named the person; orange one found by face similarity.
// Clicking a mark opens that event.
#pragma once

#include "search/Attendance.h"

#include <QWidget>

namespace fd::ui {

class TimelineView : public QWidget {
    Q_OBJECT
public:
    explicit TimelineView(QWidget *parent = nullptr);

    void setRange(const QDateTime &from, const QDateTime &to);
    void setSightings(const QList<search::Sighting> &sightings);
    QStringList lanes() const { return m_lanes; }
    // Where a sighting is drawn (tests click it).
    QPoint markPosition(int index) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return {300, 80}; }

signals:
    void sightingClicked(qint64 eventId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    int sightingAt(const QPoint &pos) const;
    QRect plotArea() const;
    int laneOf(const search::Sighting &s) const;

    QDateTime m_from;
    QDateTime m_to;
    QList<search::Sighting> m_sightings;
    QStringList m_lanes;
};

} // namespace fd::ui
