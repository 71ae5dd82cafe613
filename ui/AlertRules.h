// What each kind of event does to the desk: per list, and devices whose alerts are
// muted. Stored in QSettings. Defaults follow what a guard expects: a blacklist hit
// is a banner plus a sound that repeats until acknowledged; a VIP is one chime; a
// whitelisted person is nothing; strangers are nothing unless switched on.
#pragma once

#include "EventTile.h"

#include <QSet>
#include <QString>

namespace fd::ui {

enum class AlertAction { None, Chime, Banner, BannerWithAlarm };

struct AlertRules {
    AlertAction blacklist = AlertAction::BannerWithAlarm;
    AlertAction vip = AlertAction::Chime;
    AlertAction whitelist = AlertAction::None;
    AlertAction custom = AlertAction::None;
    AlertAction stranger = AlertAction::None;
    AlertAction deviceOffline = AlertAction::Banner;
    AlertAction deviceOnline = AlertAction::Banner;  // "back online" after an outage
    QSet<QString> mutedDevices;  // uuids whose face events never alert

    AlertAction actionFor(const EventTile &tile) const;
    void load();
    void save() const;
};

QString alertActionName(AlertAction action);

} // namespace fd::ui
