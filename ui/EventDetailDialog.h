// One event in full: the face beside the background with the face's rectangle,
// every attribute in words, temperature, score, visits, device and channel;
// previous/next through the wall; copy or save the images.
#pragma once

#include "store/ArchiveReader.h"

#include <QDialog>
#include <functional>

class QLabel;

namespace fd::ui {

class EventDetailDialog : public QDialog {
    Q_OBJECT
public:
    // loader: the archive's details of an event id; neighbour: the id before (-1) or
    // after (+1) a given one on the wall, or -1 when there is none.
    EventDetailDialog(std::function<std::optional<store::EventDetails>(qint64)> loader,
                      std::function<qint64(qint64, int)> neighbour, QWidget *parent = nullptr);

    void showEventId(qint64 id);
    qint64 currentId() const { return m_id; }
    QString attributesText() const;

    static QString describeAttributes(const store::EventDetails &e);

private:
    void copyImage(bool face);
    void saveImage(bool face);

    std::function<std::optional<store::EventDetails>(qint64)> m_loader;
    std::function<qint64(qint64, int)> m_neighbour;
    std::optional<store::EventDetails> m_event;
    qint64 m_id = -1;
    QLabel *m_face;
    QLabel *m_scene;
    QLabel *m_title;
    QLabel *m_facts;
};

} // namespace fd::ui
