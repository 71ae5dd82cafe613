#include "Roles.h"

namespace fd::auth {

namespace {

struct ActionInfo {
    Action action;
    Role least;
    const char *name;
};

// The one table. A new action gets its row here or allActions() fails the tests.
constexpr ActionInfo Table[] = {
    {Action::ViewWall, Role::Guard, "view-wall"},
    {Action::Acknowledge, Role::Guard, "acknowledge"},
    {Action::ViewEventDetail, Role::Guard, "view-event-detail"},
    {Action::ViewDeviceStatus, Role::Guard, "view-device-status"},
    {Action::Search, Role::Supervisor, "search"},
    {Action::FaceSearch, Role::Supervisor, "face-search"},
    {Action::ViewTimeline, Role::Supervisor, "view-timeline"},
    {Action::Export, Role::Supervisor, "export"},
    {Action::EditLibrary, Role::Admin, "edit-library"},
    {Action::Import, Role::Admin, "import"},
    {Action::Assign, Role::Admin, "assign"},
    {Action::ApproveDevice, Role::Admin, "approve-device"},
    {Action::RejectDevice, Role::Admin, "reject-device"},
    {Action::RemoveDevice, Role::Admin, "remove-device"},
    {Action::ChangeSettings, Role::Admin, "change-settings"},
    {Action::ManageAccounts, Role::Admin, "manage-accounts"},
    {Action::ViewAudit, Role::Admin, "view-audit"},
    {Action::ForgetPerson, Role::Admin, "forget-person"},
    {Action::Migrate, Role::Admin, "migrate"},
};

const ActionInfo *infoOf(Action action)
{
    for (const ActionInfo &i : Table)
        if (i.action == action)
            return &i;
    return nullptr;
}

} // namespace

QList<Action> allActions()
{
    QList<Action> out;
    for (int a = int(Action::ViewWall); a <= int(Action::Migrate); ++a)
        out << Action(a);
    return out;
}

Role leastRoleFor(Action action)
{
    const ActionInfo *info = infoOf(action);
    return info ? info->least : Role::Admin;  // an action without a row: admins only
}

bool mayDo(Role role, Action action)
{
    return int(role) >= int(leastRoleFor(action));
}

QString roleName(Role role)
{
    switch (role) {
    case Role::Guard: return QStringLiteral("guard");
    case Role::Supervisor: return QStringLiteral("supervisor");
    case Role::Admin: return QStringLiteral("admin");
    }
    return {};
}

std::optional<Role> roleFromName(const QString &name)
{
    for (Role r : {Role::Guard, Role::Supervisor, Role::Admin})
        if (name.compare(roleName(r), Qt::CaseInsensitive) == 0)
            return r;
    return std::nullopt;
}

QString actionName(Action action)
{
    const ActionInfo *info = infoOf(action);
    return info ? QString::fromLatin1(info->name) : QStringLiteral("action-%1").arg(int(action));
}

QString refusal(const QString &who, Role role, Action action)
{
    if (mayDo(role, action))
        return {};
    const Role least = leastRoleFor(action);
    return QStringLiteral("%1 is a %2: %3 needs the %4 role%5")
        .arg(who, roleName(role), actionName(action), roleName(least),
             least == Role::Admin ? QString() : QStringLiteral(" or higher"));
}

} // namespace fd::auth
