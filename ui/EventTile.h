// What one tile of the live wall shows: a committed face event reduced to the few
// things a guard reads at a glance.
#pragma once

#include <QDateTime>
#include <QImage>
#include <QMetaType>
#include <QString>

namespace fd::ui {

enum class ListKind { None, Blacklist, Whitelist, Vip, Custom };

struct EventTile {
    qint64 eventId = -1;
    QDateTime time;
    QString deviceUuid;
    QString deviceName;
    QString personName;       // empty: a stranger
    ListKind list = ListKind::None;
    double score = -1;        // 0..1, -1 when the device sent none
    QImage face;              // already decoded and scaled for the tile
    bool temperatureWarning = false;
    bool alerted = false;     // its list's rule raised an alert
    // FaceDesk's own verdict (live matching): the person was found by FaceDesk, not
    // by the device (a capture camera), at this distance; or the device's match and
    // FaceDesk's disagree, in which case deskVerdict says what FaceDesk saw.
    bool matchedByDesk = false;
    float deskDistance = -1;
    QString deskVerdict;
};

ListKind listKindFromPicSort(int picSort);
QString listName(ListKind kind);
// A library list as the operator reads it: the four built-in lists under their
// translated names (the archive stores them in English), a custom list as named.
QString shownListName(int listId, const QString &storedName);

} // namespace fd::ui

Q_DECLARE_METATYPE(fd::ui::EventTile)
