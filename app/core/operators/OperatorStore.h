// The archive's operator accounts (#13): name, role, Argon2id password hash, whether
// disabled, and the failed-login count and time the throttle reads. A login checks
// the throttle before the password (a locked account refuses the right password too)
// and answers an unknown name exactly as a wrong password, after the same hash work,
// so that neither the words nor the time tell which names exist. Nothing here logs a
// password or a hash; callers record logins and changes in the audit trail.
#pragma once

#include "auth/LoginThrottle.h"
#include "auth/Roles.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace fd::operators {

struct OperatorAccount {
    qint64 id = -1;
    QString name;
    auth::Role role = auth::Role::Guard;
    bool disabled = false;
    auth::ThrottleState throttle;
    QDateTime createdAt;
    QDateTime updatedAt;

    // Locked out until this time (UTC); invalid when not locked.
    QDateTime lockedUntil(const QDateTime &now) const;
};

struct LoginResult {
    enum class Outcome { Ok, WrongNameOrPassword, Disabled, Locked, TooSoon, DatabaseError };
    Outcome outcome = Outcome::WrongNameOrPassword;
    OperatorAccount account;   // the account when Ok (and for the audit when the name exists)
    QDateTime retryAt;         // Locked, TooSoon
    QString error;             // DatabaseError

    bool ok() const { return outcome == Outcome::Ok; }
    // The refusal in words for the operator (never says whether the name exists).
    QString reason() const;
};

class OperatorStore {
public:
    explicit OperatorStore(QSqlDatabase db) : m_db(std::move(db)) {}

    static constexpr int MinPasswordLength = 8;

    // Whether any account exists: until one does, FaceDesk runs without logins (the
    // first admin is created by the first-run dialog or `facedesk users add`).
    bool hasAccounts();
    QList<OperatorAccount> accounts();
    std::optional<OperatorAccount> account(const QString &name);

    bool add(const QString &name, auth::Role role, const QString &password, QString *error);
    bool setPassword(const QString &name, const QString &password, QString *error);
    // Neither leaves the archive without an enabled admin: the last one's demotion or
    // disabling is refused.
    bool setRole(const QString &name, auth::Role role, QString *error);
    bool setDisabled(const QString &name, bool disabled, QString *error);
    // Clears the failure count (an admin lifting a lock).
    bool unlock(const QString &name, QString *error);

    LoginResult login(const QString &name, const QString &password, const QDateTime &now);

    // Why a name or password cannot be used; empty when it can.
    static QString nameProblem(const QString &name);
    static QString passwordProblem(const QString &password);

private:
    // keepAnAdmin: refused when it would leave no enabled admin (nobody could manage
    // accounts any more, or read the trail).
    bool update(const QString &name, const QString &assignments, const QVariantList &values, QString *error,
                bool keepAnAdmin = false);

    QSqlDatabase m_db;
};

} // namespace fd::operators
