// Every sighting of one person: on a time line per device, and as a daily first-seen
// / last-seen table (attendance) that exports as CSV. Sightings are the events that
// name the person, plus, when face search is available, events whose face is
// similar above a threshold. The archive is read through the window's query worker
// (store/QueryWorker), the similar faces on a pool thread: the dialog never waits.
#pragma once

#include "search/Attendance.h"
#include "store/Database.h"

#include <QDialog>
#include <QImage>

#include <functional>

class QCheckBox;
class QDateEdit;
class QLabel;
class QSlider;
class QTableWidget;

namespace fd::store { class QueryWorker; }

namespace fd::ui {

class TimelineView;

class PersonTimelineDialog : public QDialog {
    Q_OBJECT
public:
    // Events similar to the person's photo above a threshold, in [from, to). Called on
    // a pool thread (a face search can take longer than a frame): it must open any
    // database connection it needs there.
    using SimilarSightings = std::function<QList<search::Sighting>(qint64 indexId, const QDateTime &from,
                                                                   const QDateTime &to, float threshold)>;

    PersonTimelineDialog(store::QueryWorker *queries, qint64 indexId, SimilarSightings similar = {},
                         QWidget *parent = nullptr);
    ~PersonTimelineDialog() override;

    void setPeriod(const QDate &from, const QDate &to);
    // The person's own sightings from the query worker; similar faces, when asked
    // for, follow from a pool thread (reloaded() is emitted when the view is complete
    // either way).
    void reload();
    void setSimilarShown(bool shown);
    bool exportCsv(const QString &path, QString *error);
    TimelineView *timeline() const { return m_timeline; }
    QTableWidget *attendanceTable() const { return m_table; }
    const QList<search::AttendanceDay> &days() const { return m_days; }

signals:
    void openEvent(qint64 eventId);
    void reloaded();

private:
    struct Head {
        bool found = false;
        QString name;
        QString cardNo;
        QImage photo;
    };
    void showHead(const Head &head);
    void addSimilar(int reload, const QDateTime &from, const QDateTime &to, QList<search::Sighting> sightings);
    // Fills the time line, the table and the summary; complete: nothing more to come.
    void display(const QList<search::Sighting> &sightings, int similarCount, const QString &error, bool complete);

    store::QueryWorker *m_queries;
    qint64 m_indexId;
    QString m_personName;
    SimilarSightings m_similar;
    QLabel *m_photo;
    QLabel *m_title;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QCheckBox *m_useSimilar;
    QSlider *m_threshold;
    QLabel *m_thresholdLabel;
    QLabel *m_summary;
    TimelineView *m_timeline;
    QTableWidget *m_table;
    QList<search::AttendanceDay> m_days;
    int m_reloads = 0;  // the newest reload; an older face search's answer is dropped
};

} // namespace fd::ui
