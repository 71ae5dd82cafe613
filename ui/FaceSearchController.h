// The window's face search: picks the engine (the models folder in the settings, else
// the built-in one), keeps local features of archived events up to date in the
// background, loads the indexes off the GUI thread, feeds them live device features,
// and answers the Search view and the person timeline.
#pragma once

#include "face/FaceEngineFactory.h"
#include "match/FaceSearch.h"
#include "protocol/Messages.h"
#include "store/Database.h"

#include <QObject>

#include <memory>

class QTimer;

namespace fd::match { class LocalFeatureBackfill; struct BackfillResult; }

namespace fd::ui {

class FaceSearchController : public QObject {
    Q_OBJECT
public:
    FaceSearchController(const store::DatabaseConfig &archive, const QString &modelsDir, QObject *parent = nullptr);
    ~FaceSearchController() override;

    // Null until the first load finished.
    std::shared_ptr<match::FaceSearch> search() const { return m_ready ? m_search : nullptr; }
    // The engine is chosen (its models read) on a worker thread: empty until
    // engineChosen() was emitted.
    QString engineName() const { return m_choice.engine ? m_choice.engine->name() : QString(); }
    const face::FaceEngineChoice &engineChoice() const { return m_choice; }
    QString engineReason() const { return m_choice.reason; }
    QString status() const { return m_status; }

    // A committed event, on the list the wall put it on: its device feature joins the
    // index at once; its local feature follows with the next background pass.
    void eventCommitted(qint64 eventId, const protocol::FacePush &push, const QString &deviceUuid, int list);
    // Events retention deleted leave every index at once.
    void eventsDeleted(const QList<qint64> &eventIds);
    // Starts a background pass now (also run at start and every half minute when new
    // events arrived).
    void refresh();

signals:
    // The indexes were (re)loaded or the background pass moved on.
    void statusChanged(const QString &status);
    // The engine is known (engineChoice() is filled); the indexes follow with ready().
    void engineChosen();
    void ready();

private:
    void adopt(const face::FaceEngineChoice &choice);
    void load();
    void backfillFinished(const match::BackfillResult &result);

    store::DatabaseConfig m_archive;
    face::FaceEngineChoice m_choice;
    std::shared_ptr<match::FaceSearch> m_search;
    std::unique_ptr<match::LocalFeatureBackfill> m_backfill;
    QTimer *m_timer;
    bool m_ready = false;
    bool m_loading = false;
    bool m_newEvents = false;
    QString m_status;
};

} // namespace fd::ui
