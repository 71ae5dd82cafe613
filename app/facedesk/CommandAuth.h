// Operators on the command line (#13). Once the archive has accounts, every command
// that changes data or reads personal data (import, assign, export, search, migrate,
// users, audit) needs `--user NAME`; the password comes from FACEDESK_PASSWORD or is
// asked on the terminal without echo. A refusal (no --user, a wrong password, a lock,
// a role too low) is said on stderr and the command exits with status 4, before it
// touches anything. Logins, refusals and the commands' actions go to the audit trail,
// with this host as the desk. `facedesk serve` is the service and needs none.
#pragma once

#include "auth/Roles.h"
#include "store/Database.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonObject>

#include <optional>

namespace fd::app {

// Exit status of a command refused for its operator.
constexpr int RefusedExit = 4;

QCommandLineOption userOption();

// Who runs the command: a signed-in operator, or nobody when the archive has no
// accounts yet (FaceDesk works without logins until the first admin exists).
struct CommandOperator {
    QString name;              // empty: no accounts
    auth::Role role = auth::Role::Admin;
};

// Signs the --user operator in and checks that they may do `action`: the operator,
// or nullopt after the refusal is printed (exit with RefusedExit) or the archive
// could not be read (*exitCode 1).
std::optional<CommandOperator> authorize(const QCommandLineParser &parser, const store::DatabaseConfig &config,
                                         const QString &command, auth::Action action, int *exitCode);

// One record in the audit trail; a failure to write it is said on stderr (the
// command's work is done by then and stays done).
void auditCommand(const store::DatabaseConfig &config, const CommandOperator &who, const QString &action, const QString &target,
                  const QJsonObject &details, const QString &command);

// A password from `variable` or, on a terminal, asked with `prompt` (no echo);
// nullopt when neither is there.
std::optional<QString> readPassword(const char *variable, const QString &prompt);

} // namespace fd::app
