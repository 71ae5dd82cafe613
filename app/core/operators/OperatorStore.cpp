#include "OperatorStore.h"

#include "auth/PasswordHash.h"
#include "store/Database.h"
#include "store/SqlDialect.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace fd::operators {

namespace {

QDateTime timeOf(const QVariant &ms)
{
    return ms.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms.toLongLong(), Qt::UTC);
}

constexpr const char *Columns = "id, name, role, disabled, failures, last_failure_at, created_at, updated_at";

// "FDop": the lock that orders changes which could leave no admin (PostgreSQL).
constexpr qint64 kAccountsLock = 0x46446f70;

OperatorAccount accountOf(const QSqlQuery &q)
{
    OperatorAccount a;
    a.id = q.value(0).toLongLong();
    a.name = q.value(1).toString();
    a.role = auth::roleFromName(q.value(2).toString()).value_or(auth::Role::Guard);
    a.disabled = q.value(3).toInt() != 0;
    a.throttle.failures = q.value(4).toInt();
    a.throttle.lastFailure = timeOf(q.value(5));
    a.createdAt = timeOf(q.value(6));
    a.updatedAt = timeOf(q.value(7));
    return a;
}

// A hash to verify an unknown name's password against: the same work as a real one.
const QByteArray &decoyHash()
{
    static const QByteArray decoy = auth::hashPassword(QStringLiteral("no such operator"));
    return decoy;
}

} // namespace

QDateTime OperatorAccount::lockedUntil(const QDateTime &now) const
{
    const auth::ThrottleVerdict v = auth::LoginThrottle::check(throttle, now);
    return v.locked ? v.retryAt : QDateTime();
}

QString LoginResult::reason() const
{
    switch (outcome) {
    case Outcome::Ok: return {};
    case Outcome::WrongNameOrPassword: return QCoreApplication::translate("OperatorStore", "Wrong name or password.");
    case Outcome::Disabled: return QCoreApplication::translate("OperatorStore", "This account is disabled; an administrator can enable it.");
    case Outcome::Locked:
        return QCoreApplication::translate("OperatorStore", "Too many wrong passwords: this account is locked until %1; an administrator can unlock it.")
            .arg(retryAt.toLocalTime().toString(QStringLiteral("HH:mm")));
    case Outcome::TooSoon:
        return QCoreApplication::translate("OperatorStore", "Too many wrong passwords: try again in %1 s.").arg(qMax<qint64>(1, QDateTime::currentDateTimeUtc().secsTo(retryAt)));
    case Outcome::DatabaseError: return QCoreApplication::translate("OperatorStore", "The archive cannot be read: %1").arg(error);
    }
    return {};
}

QString OperatorStore::nameProblem(const QString &name)
{
    if (name.trimmed().isEmpty())
        return QCoreApplication::translate("OperatorStore", "an operator needs a name");
    if (name != name.trimmed() || name.size() > 64)
        return QCoreApplication::translate("OperatorStore", "a name is at most 64 characters, without spaces at either end");
    for (const QChar c : name)
        if (c.isNull() || !c.isPrint())
            return QCoreApplication::translate("OperatorStore", "a name has only printable characters");
    return {};
}

QString OperatorStore::passwordProblem(const QString &password)
{
    if (password.size() < MinPasswordLength)
        return QCoreApplication::translate("OperatorStore", "a password has at least %1 characters").arg(MinPasswordLength);
    if (password.size() > 1024)
        return QCoreApplication::translate("OperatorStore", "a password has at most 1024 characters");
    return {};
}

bool OperatorStore::hasAccounts()
{
    QSqlQuery q(m_db);
    return q.exec(QStringLiteral("SELECT 1 FROM operators LIMIT 1")) && q.next();
}

QList<OperatorAccount> OperatorStore::accounts()
{
    QList<OperatorAccount> out;
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT %1 FROM operators ORDER BY name").arg(QLatin1String(Columns))))
        while (q.next())
            out << accountOf(q);
    return out;
}

std::optional<OperatorAccount> OperatorStore::account(const QString &name)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM operators WHERE name = ?").arg(QLatin1String(Columns)));
    q.addBindValue(name);
    if (q.exec() && q.next())
        return accountOf(q);
    return std::nullopt;
}

bool OperatorStore::add(const QString &name, auth::Role role, const QString &password, QString *error)
{
    if (const QString why = nameProblem(name); !why.isEmpty())
        return *error = why, false;
    if (const QString why = passwordProblem(password); !why.isEmpty())
        return *error = why, false;
    if (account(name))
        return *error = QCoreApplication::translate("OperatorStore", "an operator named %1 exists already").arg(name), false;
    const QByteArray hash = auth::hashPassword(password);
    if (hash.isEmpty())
        return *error = QCoreApplication::translate("OperatorStore", "the password could not be hashed (out of memory)"), false;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO operators (name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(name);
    q.addBindValue(auth::roleName(role));
    q.addBindValue(QString::fromLatin1(hash));
    q.addBindValue(now);
    q.addBindValue(now);
    if (!q.exec())
        return *error = q.lastError().text(), false;
    return true;
}

bool OperatorStore::update(const QString &name, const QString &assignments, const QVariantList &values, QString *error,
                           bool keepAnAdmin)
{
    QSqlQuery q(m_db);
    // The guard is part of the statement, so it holds at the moment of the change: the
    // account is no enabled admin, or another enabled admin remains.
    const QString guard = keepAnAdmin ? QStringLiteral(" AND (role <> 'admin' OR disabled = 1 OR EXISTS (SELECT 1 FROM operators "
                                                       "other WHERE other.role = 'admin' AND other.disabled = 0 AND other.name <> ?))")
                                      : QString();
    // PostgreSQL reads committed rows per statement: two admins disabling each other at
    // once would both see the other still enabled. Such changes take one lock first
    // (SQLite's write transaction serialises them already).
    if (keepAnAdmin) {
        if (!store::beginWrite(m_db))
            return *error = m_db.lastError().text(), false;
        if (store::backendOf(m_db) == store::Backend::Postgres
            && !q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kAccountsLock)))
            return *error = q.lastError().text(), m_db.rollback(), false;
    }
    q.prepare(QStringLiteral("UPDATE operators SET %1, updated_at = ? WHERE name = ?%2").arg(assignments, guard));
    for (const QVariant &v : values)
        q.addBindValue(v);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(name);
    if (keepAnAdmin)
        q.addBindValue(name);
    const bool done = q.exec();
    const int changed = done ? q.numRowsAffected() : 0;
    if (keepAnAdmin && !(done ? m_db.commit() : m_db.rollback()) && done)
        return *error = m_db.lastError().text(), m_db.rollback(), false;
    if (!done)
        return *error = q.lastError().text(), false;
    if (changed >= 1)
        return true;
    *error = account(name) ? QCoreApplication::translate("OperatorStore", "%1 is the last enabled admin: make another admin first")
                                 .arg(name)
                           : QCoreApplication::translate("OperatorStore", "there is no operator named %1").arg(name);
    return false;
}

bool OperatorStore::setPassword(const QString &name, const QString &password, QString *error)
{
    if (const QString why = passwordProblem(password); !why.isEmpty())
        return *error = why, false;
    const QByteArray hash = auth::hashPassword(password);
    if (hash.isEmpty())
        return *error = QCoreApplication::translate("OperatorStore", "the password could not be hashed (out of memory)"), false;
    return update(name, QStringLiteral("password_hash = ?, failures = 0, last_failure_at = NULL"),
                  {QString::fromLatin1(hash)}, error);
}

bool OperatorStore::setRole(const QString &name, auth::Role role, QString *error)
{
    return update(name, QStringLiteral("role = ?"), {auth::roleName(role)}, error, role != auth::Role::Admin);
}

bool OperatorStore::setDisabled(const QString &name, bool disabled, QString *error)
{
    return update(name, QStringLiteral("disabled = ?"), {disabled ? 1 : 0}, error, disabled);
}

bool OperatorStore::unlock(const QString &name, QString *error)
{
    return update(name, QStringLiteral("failures = 0, last_failure_at = NULL"), {}, error);
}

LoginResult OperatorStore::login(const QString &name, const QString &password, const QDateTime &now)
{
    LoginResult r;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1, password_hash FROM operators WHERE name = ?").arg(QLatin1String(Columns)));
    q.addBindValue(name);
    if (!q.exec()) {
        r.outcome = LoginResult::Outcome::DatabaseError;
        r.error = q.lastError().text();
        return r;
    }
    if (!q.next()) {
        auth::verifyPassword(decoyHash(), password);  // the same time as a wrong password
        return r;  // WrongNameOrPassword
    }
    r.account = accountOf(q);
    const QByteArray stored = q.value(8).toString().toLatin1();
    q.finish();
    const auth::ThrottleVerdict verdict = auth::LoginThrottle::check(r.account.throttle, now);
    if (!verdict.allowed) {
        r.outcome = verdict.locked ? LoginResult::Outcome::Locked : LoginResult::Outcome::TooSoon;
        r.retryAt = verdict.retryAt;
        return r;
    }
    QString error;
    if (!auth::verifyPassword(stored, password)) {
        const auth::ThrottleState after = auth::LoginThrottle::afterFailure(r.account.throttle, now);
        update(name, QStringLiteral("failures = ?, last_failure_at = ?"), {after.failures, after.lastFailure.toMSecsSinceEpoch()},
               &error);
        r.account.throttle = after;
        if (after.failures >= auth::LoginThrottle::LockAfter) {
            r.outcome = LoginResult::Outcome::Locked;
            r.retryAt = auth::LoginThrottle::check(after, now).retryAt;
        }
        return r;  // WrongNameOrPassword, or Locked by this very failure
    }
    if (r.account.disabled) {
        r.outcome = LoginResult::Outcome::Disabled;  // said only to who knows the password
        return r;
    }
    if (r.account.throttle.failures > 0)
        update(name, QStringLiteral("failures = 0, last_failure_at = NULL"), {}, &error);
    if (auth::needsRehash(stored))
        setPassword(name, password, &error);  // a later FaceDesk's stronger cost, stored now
    r.account.throttle = {};
    r.outcome = LoginResult::Outcome::Ok;
    return r;
}

} // namespace fd::operators
