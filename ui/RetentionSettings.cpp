#include "RetentionSettings.h"

#include <QSettings>

namespace fd::ui {

namespace {

QString keyOf(const QString &list)
{
    return QStringLiteral("retention/") + list;
}

} // namespace

int retentionDays(const QString &list)
{
    return QSettings().value(keyOf(list), 0).toInt();
}

void setRetentionDays(const QString &list, int days)
{
    QSettings().setValue(keyOf(list), days);
}

store::RetentionPolicy retentionFromSettings()
{
    store::RetentionPolicy policy;
    policy.maxAgeDays = retentionDays(QStringLiteral("all"));
    for (const QString &list : store::RetentionPolicy::listNames())
        if (const int days = retentionDays(list); days > 0)
            policy.listMaxAgeDays.insert(list, days);
    return policy;
}

} // namespace fd::ui
