#include "CommandAuth.h"

#include "operators/AuditLog.h"
#include "operators/OperatorStore.h"
#include "store/ScopedConnection.h"

#include <QTextStream>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace fd::app {

QCommandLineOption userOption()
{
    return {QStringLiteral("user"),
            QStringLiteral("The operator running the command, once the archive has accounts (password: FACEDESK_PASSWORD, "
                           "or asked on the terminal)."),
            QStringLiteral("NAME")};
}

std::optional<QString> readPassword(const char *variable, const QString &prompt)
{
    if (qEnvironmentVariableIsSet(variable))
        return qEnvironmentVariable(variable);
    if (!isatty(STDIN_FILENO))
        return std::nullopt;
    QTextStream(stderr) << prompt << Qt::flush;
    termios saved{};
    tcgetattr(STDIN_FILENO, &saved);
    termios silent = saved;
    silent.c_lflag &= ~tcflag_t(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    QString line = QTextStream(stdin).readLine();
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    QTextStream(stderr) << '\n';
    return line;
}

namespace {

// One record on an open connection; a failure is said on stderr (the command's work
// is done by then, or about to be refused, either way it stands).
void appendRecord(QSqlDatabase &db, const CommandOperator &who, const QString &action, const QString &target,
                  QJsonObject details, const QString &command)
{
    details.insert(QStringLiteral("command"), command);
    QString error;
    if (!operators::recordAudit(db, who.name, action, target, details, &error))
        QTextStream(stderr) << "facedesk " << command << ": the audit trail could not be written: " << error << Qt::endl;
}

} // namespace

void auditCommand(const store::DatabaseConfig &config, const CommandOperator &who, const QString &action, const QString &target,
                  const QJsonObject &details, const QString &command)
{
    store::ScopedConnection connection(config, QStringLiteral("audit-") + command);
    if (!connection.isOpen()) {
        QTextStream(stderr) << "facedesk " << command << ": the audit trail could not be written: " << connection.error() << Qt::endl;
        return;
    }
    appendRecord(connection.db(), who, action, target, details, command);
}

std::optional<CommandOperator> authorize(const QCommandLineParser &parser, const store::DatabaseConfig &config,
                                         const QString &command, auth::Action action, int *exitCode)
{
    QTextStream err(stderr);
    *exitCode = RefusedExit;
    // One connection for the account, the login and its records.
    store::ScopedConnection connection(config, QStringLiteral("authorize-") + command);
    if (!connection.isOpen()) {
        err << "facedesk " << command << ": " << connection.error() << Qt::endl;
        *exitCode = 1;
        return std::nullopt;
    }
    operators::OperatorStore store(connection.db());
    if (!store.hasAccounts()) {
        *exitCode = 0;
        return CommandOperator{};  // no logins until the first admin exists
    }
    const QString name = parser.value(userOption());
    if (name.isEmpty()) {
        err << "facedesk " << command << ": refused: this archive has operator accounts; name yours with --user NAME "
            << "(" << auth::actionName(action) << " needs the " << auth::roleName(auth::leastRoleFor(action)) << " role"
            << (auth::leastRoleFor(action) == auth::Role::Admin ? "" : " or higher") << ")" << Qt::endl;
        return std::nullopt;
    }
    const std::optional<QString> password = readPassword("FACEDESK_PASSWORD", QStringLiteral("Password for %1: ").arg(name));
    if (!password) {
        err << "facedesk " << command << ": refused: no password (set FACEDESK_PASSWORD, or run on a terminal)" << Qt::endl;
        return std::nullopt;
    }
    const operators::LoginResult login = store.login(name, *password, QDateTime::currentDateTimeUtc());
    if (login.outcome == operators::LoginResult::Outcome::DatabaseError) {
        err << "facedesk " << command << ": " << login.reason() << Qt::endl;
        *exitCode = 1;
        return std::nullopt;
    }
    if (!login.ok()) {
        appendRecord(connection.db(), {name, {}}, QStringLiteral("login-failed"), QStringLiteral("operator %1").arg(name),
                     {{QStringLiteral("reason"), login.reason()}}, command);
        err << "facedesk " << command << ": refused: " << login.reason() << Qt::endl;
        return std::nullopt;
    }
    const CommandOperator who{login.account.name, login.account.role};
    appendRecord(connection.db(), who, QStringLiteral("login"), QStringLiteral("operator %1").arg(who.name), {}, command);
    if (const QString why = auth::refusal(who.name, who.role, action); !why.isEmpty()) {
        appendRecord(connection.db(), who, QStringLiteral("refused"), auth::actionName(action), {{QStringLiteral("reason"), why}},
                     command);
        err << "facedesk " << command << ": refused: " << why << Qt::endl;
        return std::nullopt;
    }
    *exitCode = 0;
    return who;
}

} // namespace fd::app
