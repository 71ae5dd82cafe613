// `facedesk users`: the archive's operator accounts (#13). The first account needs no
// sign-in and must be an admin; after that every change needs an admin's --user.
// New passwords come from FACEDESK_NEW_PASSWORD or are asked twice on the terminal;
// they are never printed, and the audit trail says "password changed", not what to.
#include "CommandAuth.h"
#include "Commands.h"

#include "operators/OperatorStore.h"
#include "store/ScopedConnection.h"

#include <QTextStream>

namespace fd::app {

namespace {

std::optional<QString> newPassword(const QString &name)
{
    const std::optional<QString> first = readPassword("FACEDESK_NEW_PASSWORD", QStringLiteral("New password for %1: ").arg(name));
    if (!first || qEnvironmentVariableIsSet("FACEDESK_NEW_PASSWORD"))
        return first;
    const std::optional<QString> again = readPassword("FACEDESK_NEW_PASSWORD", QStringLiteral("The same again: "));
    if (!again || *again != *first) {
        QTextStream(stderr) << "facedesk users: the two passwords differ" << Qt::endl;
        return std::nullopt;
    }
    return first;
}

void printAccounts(operators::OperatorStore &store)
{
    QTextStream out(stdout);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    out << "name\trole\tstate\tfailed_logins\tlocked_until\n";
    for (const operators::OperatorAccount &a : store.accounts()) {
        const QDateTime locked = a.lockedUntil(now);
        out << a.name << '\t' << auth::roleName(a.role) << '\t' << (a.disabled ? "disabled" : "enabled") << '\t'
            << a.throttle.failures << '\t' << (locked.isValid() ? locked.toString(Qt::ISODate) : QString()) << '\n';
    }
}

} // namespace

int runUsers(const QStringList &arguments)
{
    QTextStream err(stderr);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Operator accounts: list | add NAME --role ROLE | passwd NAME | role NAME --role ROLE | "
                                               "disable NAME | enable NAME | unlock NAME."));
    p.addHelpOption();
    p.addOptions(archiveOptions());
    p.addOption(userOption());
    p.addOption({QStringLiteral("role"), QStringLiteral("guard, supervisor or admin."), QStringLiteral("ROLE")});
    p.addPositionalArgument(QStringLiteral("action"), QStringLiteral("list, add, passwd, role, disable, enable or unlock."));
    p.addPositionalArgument(QStringLiteral("name"), QStringLiteral("The account (all but list)."));
    if (const int exit = parseCommandLine(p, QStringLiteral("users"), arguments); exit >= 0)
        return exit;
    const QStringList args = p.positionalArguments();
    const QString action = args.value(0, QStringLiteral("list"));
    const QString name = args.value(1);
    static const QStringList actions = {QStringLiteral("list"), QStringLiteral("add"), QStringLiteral("passwd"), QStringLiteral("role"),
                                        QStringLiteral("disable"), QStringLiteral("enable"), QStringLiteral("unlock")};
    if (!actions.contains(action) || (action != QLatin1String("list") && name.isEmpty()) || args.size() > 2) {
        err << "facedesk users: usage: facedesk users [list | add NAME --role ROLE | passwd NAME | role NAME --role ROLE | "
               "disable NAME | enable NAME | unlock NAME]" << Qt::endl;
        return 2;
    }
    const std::optional<auth::Role> role = auth::roleFromName(p.value(QStringLiteral("role")));
    if ((action == QLatin1String("add") || action == QLatin1String("role")) && !role) {
        err << "facedesk users: --role guard, supervisor or admin is required" << Qt::endl;
        return 2;
    }
    store::DatabaseConfig config;
    if (!archiveFromOptions(p, QStringLiteral("users"), &config))
        return 2;
    int exit = 0;
    const std::optional<CommandOperator> who = authorize(p, config, QStringLiteral("users"), auth::Action::ManageAccounts, &exit);
    if (!who)
        return exit;
    store::ScopedConnection connection(config, QStringLiteral("users"));
    if (!connection.isOpen()) {
        err << "facedesk users: " << connection.error() << Qt::endl;
        return 1;
    }
    operators::OperatorStore store(connection.db());
    if (action == QLatin1String("list")) {
        printAccounts(store);
        return 0;
    }
    if (who->name.isEmpty() && (action != QLatin1String("add") || *role != auth::Role::Admin)) {
        err << "facedesk users: refused: the first account must be an admin: facedesk users add NAME --role admin" << Qt::endl;
        return RefusedExit;
    }
    QString error;
    bool ok = false;
    QJsonObject details;
    const std::optional<operators::OperatorAccount> before = store.account(name);
    if (action == QLatin1String("add") || action == QLatin1String("passwd")) {
        if (action == QLatin1String("passwd") && !before) {
            err << "facedesk users: there is no operator named " << name << Qt::endl;
            return 1;
        }
        const std::optional<QString> password = newPassword(name);
        if (!password) {
            err << "facedesk users: no password (set FACEDESK_NEW_PASSWORD, or run on a terminal)" << Qt::endl;
            return 2;
        }
        ok = action == QLatin1String("add") ? store.add(name, *role, *password, &error) : store.setPassword(name, *password, &error);
        details = action == QLatin1String("add") ? QJsonObject{{QStringLiteral("role"), auth::roleName(*role)}}
                                                 : QJsonObject{{QStringLiteral("password"), QStringLiteral("changed")}};
    } else if (action == QLatin1String("role")) {
        ok = store.setRole(name, *role, &error);
        details = {{QStringLiteral("before"), before ? auth::roleName(before->role) : QString()},
                   {QStringLiteral("after"), auth::roleName(*role)}};
    } else if (action == QLatin1String("unlock")) {
        ok = store.unlock(name, &error);
        details = {{QStringLiteral("failed_logins_before"), before ? before->throttle.failures : 0}};
    } else {
        ok = store.setDisabled(name, action == QLatin1String("disable"), &error);
    }
    if (!ok) {
        err << "facedesk users: " << error << Qt::endl;
        return 1;
    }
    auditCommand(config, *who, QStringLiteral("account-") + action, QStringLiteral("operator %1").arg(name), details,
                 QStringLiteral("users"));
    err << "facedesk users: " << action << ' ' << name << ": done" << Qt::endl;
    return 0;
}

} // namespace fd::app
