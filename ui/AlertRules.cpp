#include "AlertRules.h"

#include <QCoreApplication>
#include <QSettings>

namespace fd::ui {

AlertAction AlertRules::actionFor(const EventTile &tile) const
{
    if (mutedDevices.contains(tile.deviceUuid))
        return AlertAction::None;
    switch (tile.list) {
    case ListKind::Blacklist: return blacklist;
    case ListKind::Vip: return vip;
    case ListKind::Whitelist: return whitelist;
    case ListKind::Custom: return custom;
    case ListKind::None: break;
    }
    return stranger;
}

void AlertRules::load()
{
    QSettings s;
    const auto get = [&s](const char *key, AlertAction fallback) {
        return AlertAction(s.value(QStringLiteral("alerts/") + QLatin1String(key), int(fallback)).toInt());
    };
    blacklist = get("blacklist", blacklist);
    vip = get("vip", vip);
    whitelist = get("whitelist", whitelist);
    custom = get("custom", custom);
    stranger = get("stranger", stranger);
    deviceOffline = get("deviceOffline", deviceOffline);
    deviceOnline = get("deviceOnline", deviceOnline);
    const QStringList muted = s.value(QStringLiteral("alerts/mutedDevices")).toStringList();
    mutedDevices = QSet<QString>(muted.cbegin(), muted.cend());
}

void AlertRules::save() const
{
    QSettings s;
    s.setValue(QStringLiteral("alerts/blacklist"), int(blacklist));
    s.setValue(QStringLiteral("alerts/vip"), int(vip));
    s.setValue(QStringLiteral("alerts/whitelist"), int(whitelist));
    s.setValue(QStringLiteral("alerts/custom"), int(custom));
    s.setValue(QStringLiteral("alerts/stranger"), int(stranger));
    s.setValue(QStringLiteral("alerts/deviceOffline"), int(deviceOffline));
    s.setValue(QStringLiteral("alerts/deviceOnline"), int(deviceOnline));
    s.setValue(QStringLiteral("alerts/mutedDevices"), QStringList(mutedDevices.cbegin(), mutedDevices.cend()));
}

QString alertActionName(AlertAction action)
{
    switch (action) {
    case AlertAction::None: return QCoreApplication::translate("fd::ui::AlertRules", "Nothing");
    case AlertAction::Chime: return QCoreApplication::translate("fd::ui::AlertRules", "A single chime");
    case AlertAction::Banner: return QCoreApplication::translate("fd::ui::AlertRules", "Banner until acknowledged");
    case AlertAction::BannerWithAlarm:
        return QCoreApplication::translate("fd::ui::AlertRules", "Banner and alarm until acknowledged");
    }
    return {};
}

} // namespace fd::ui
