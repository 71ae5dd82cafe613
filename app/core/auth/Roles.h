// Who may do what (#13), in one place. Every action FaceDesk offers an operator is
// named here with the least role that may do it; the window disables what the
// operator's role may not do (its tooltip names that role), and the core's commands
// ask mayDo() before they act, so a hidden button is never the only guard. Roles are
// ordered: each has the rights of the ones below it.
//   guard:      the wall, alerts and their acknowledgement, event detail, device status
//   supervisor: a guard's rights, plus search, face search, timelines and exports
//   admin:      everything: the face library, imports, assignments, devices (approve,
//               reject, remove), settings, accounts, the audit trail, migration
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace fd::auth {

enum class Role { Guard = 1, Supervisor = 2, Admin = 3 };

enum class Action {
    // guard
    ViewWall,
    Acknowledge,
    ViewEventDetail,
    ViewDeviceStatus,
    // supervisor
    Search,
    FaceSearch,
    ViewTimeline,
    Export,
    // admin
    EditLibrary,
    Import,
    Assign,
    ApproveDevice,
    RejectDevice,
    RemoveDevice,
    ChangeSettings,
    ManageAccounts,
    ViewAudit,
    ForgetPerson,
    Migrate,
};

// Every action, in declaration order (the tests walk them all).
QList<Action> allActions();

// The least role that may do it.
Role leastRoleFor(Action action);
bool mayDo(Role role, Action action);

// "guard", "supervisor", "admin": the names the command line and the database use.
QString roleName(Role role);
std::optional<Role> roleFromName(const QString &name);
// The action's name in the audit trail and in refusals ("face-search").
QString actionName(Action action);
// Why `who` (with `role`) may not do it, in words for the operator ("ann is a guard:
// export needs the supervisor role or higher"); empty when they may.
QString refusal(const QString &who, Role role, Action action);

} // namespace fd::auth
