// One event in full: the face beside the background with the face's rectangle,
// every attribute in words, temperature, score, visits, device and channel;
// previous/next through the wall; copy or save the images. The event's row comes from
// the window's query worker (store/QueryWorker) and the images are read on a pool
// thread: on a site archive both are round trips to the database (a face not yet on
// this PC is fetched by store/ImageCache), which must not stall the window.
#pragma once

#include "store/ArchiveReader.h"

#include <QColor>
#include <QDialog>
#include <QFuture>
#include <QImage>
#include <functional>

class QLabel;

namespace fd::ui {

class EventDetailDialog : public QDialog {
    Q_OBJECT
public:
    // loader: the archive's details of an event id, when they have been read;
    // neighbour: the id before (-1) or after (+1) a given one on the wall, or -1 when
    // there is none.
    using Loader = std::function<QFuture<std::optional<store::EventDetails>>(qint64)>;
    EventDetailDialog(Loader loader,
                      std::function<qint64(qint64, int)> neighbour, QWidget *parent = nullptr);

    void showEventId(qint64 id);
    qint64 currentId() const { return m_id; }
    QString attributesText() const;

    static QString describeAttributes(const store::EventDetails &e);
    // Whether the current event, or its images, are still being read.
    bool imagesPending() const { return m_imagesPending; }

signals:
    // The current event's face and background are shown (or known to be missing).
    void imagesShown(qint64 eventId);

private:
    void copyImage(bool face);
    void saveImage(bool face);
    void showDetails(qint64 id, const std::optional<store::EventDetails> &event);
    void loadImages(const store::EventDetails &e, const QColor &frame);
    void showImages(const QImage &face, const QImage &scene);

    Loader m_loader;
    std::function<qint64(qint64, int)> m_neighbour;
    std::optional<store::EventDetails> m_event;
    qint64 m_id = -1;
    quint64 m_generation = 0;  // a read that finishes after another event was asked for is dropped
    bool m_imagesPending = false;
    QLabel *m_face;
    QLabel *m_scene;
    QLabel *m_title;
    QLabel *m_facts;
};

} // namespace fd::ui
