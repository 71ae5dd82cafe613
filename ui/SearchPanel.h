// The investigator's view: filters on the left (time, devices, lists, person, score,
// quality, attributes, temperature, acknowledgement), results on the right, paged
// in as they scroll, sortable by time or score, exportable as CSV and PDF.
// Double-clicking a result opens the event's detail. Its reads go through the
// window's query worker (store/QueryWorker): the panel never waits on the archive.
#pragma once

#include "face/FaceEngine.h"
#include "match/FaceSearch.h"
#include "search/EventQuery.h"
#include "store/Database.h"

#include <QFuture>

#include <QJsonObject>
#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSlider;
class QSpinBox;
class QTableView;

namespace fd::devices { class DeviceRegistry; }
namespace fd::store { class QueryWorker; }

namespace fd::ui {

class FaceSearchController;
class SearchResultModel;

class SearchPanel : public QWidget {
    Q_OBJECT
public:
    SearchPanel(store::QueryWorker *queries, devices::DeviceRegistry *registry, QWidget *parent = nullptr);
    ~SearchPanel() override;

    // The filter as the form says.
    search::EventFilter filter() const;
    search::EventOrder order() const;
    // Starts the search; the count and rows follow (results()->loaded()).
    void runSearch();
    void resetFilters();

    SearchResultModel *results() const { return m_results; }
    QTableView *resultView() const { return m_view; }
    QLineEdit *personEdit() const { return m_person; }
    QComboBox *sortBox() const { return m_sort; }
    QLabel *countLabel() const { return m_count; }
    // Ticks the list boxes: 0 strangers, 1..4 the lists.
    void setLists(const QList<int> &lists);

    // Face similarity: ranks events by how alike their faces are (threshold and top-k
    // from the form; time, devices and lists filter before ranking, the rest after).
    // Each starts the search on a pool thread (finding the face in a photo and scanning
    // a million features take longer than a frame) and returns at once;
    // similarFinished() follows with an error sentence, empty when results are shown.
    // A newer search makes an older one's results be dropped.
    void setFaceSearch(FaceSearchController *controller);
    void similarToEvent(qint64 eventId);
    void similarToPhoto(const QString &path);
    void similarToPerson(qint64 indexId);
    void setSimilarityThreshold(double threshold);

    // Every row of the present results (the CSV; the PDF report, the first thousand),
    // read on the query worker. The future's result is the reason it failed, empty
    // when the file is written. The CSV is written on a pool thread, the PDF on this
    // one (QPdfWriter's fonts).
    QFuture<QString> exportCsv(const QString &path);
    QFuture<QString> exportPdf(const QString &path);

signals:
    void openEvent(qint64 eventId);
    void timelineRequested(qint64 indexId);
    void similarFinished(const QString &error);
    // A face search started or an export written: for the audit trail (#13), which
    // records who looked for whom and what left the desk.
    void audited(const QString &action, const QString &target, const QJsonObject &details);

private:
    QWidget *buildFilters();
    QWidget *buildFaceSearch();
    using SimilarQuery = std::function<match::FaceSearchResult(const match::FaceSearch &, const match::FaceSearchFilter &)>;
    // `what` for the operator, `target` for the audit trail ("person 12").
    void showSimilar(const SimilarQuery &query, const QString &what, const QString &target);
    // The period and counts an export or a face search is recorded with.
    QJsonObject auditDetails() const;
    // Records a written export (an empty error) and hands the error on.
    QString recordExport(const QString &path, const std::pair<QString, qint64> &written);
    void finishSimilar(const QString &error);
    void refreshDevices();
    void applyPreset();
    void updateCount();

    devices::DeviceRegistry *m_registry;
    SearchResultModel *m_results = nullptr;
    QTableView *m_view;
    QComboBox *m_preset;
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
    QListWidget *m_devices;
    QList<QCheckBox *> m_lists;  // stranger, blacklist, whitelist, VIP, custom
    QLineEdit *m_person;
    QSpinBox *m_minScore;
    QSpinBox *m_maxScore;
    QSpinBox *m_minQuality;
    QComboBox *m_gender;
    QSpinBox *m_minAge;
    QSpinBox *m_maxAge;
    QComboBox *m_mask;
    QComboBox *m_glasses;
    QCheckBox *m_temperature;
    QComboBox *m_ack;
    QComboBox *m_sort;
    QLabel *m_count;
    FaceSearchController *m_faces = nullptr;
    QSlider *m_threshold = nullptr;       // in hundredths of the engine's own scale
    QLabel *m_thresholdLabel = nullptr;
    QLabel *m_thresholdTitle = nullptr;
    face::FaceEngine::Scale m_scale;       // the engine's: a distance or a similarity
    bool m_scaleShown = false;             // the slider was set up for m_scale
    void applyEngineScale();
    QString thresholdText() const;         // "distance at most 0.42"
    float minCosine() const;               // the slider, as the index's cosine
    QSpinBox *m_topK = nullptr;
    QLabel *m_engine = nullptr;
    QList<QPushButton *> m_faceButtons;
    int m_similarRun = 0;             // the newest face search; older answers are dropped
    QStringList m_rankedCaption;      // the count line's words for ranked rows on their way; empty: none
    bool m_similarInteractive = false;  // started from the form or the menu: errors in a box
};

} // namespace fd::ui
