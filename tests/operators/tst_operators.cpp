// Operators in the archive (#13), on both backends: accounts (names, password rules,
// roles, disable), logins with the throttle and the lock (a locked account refuses
// the right password; an unknown name is answered as a wrong password), and the audit
// trail: appended from two connections in turn it stays one chain; `verify` passes an
// intact chain and names the first bad record of an edited, a deleted and a
// re-ordered one; the database refuses to change or delete its rows.
#include "../support/TestArchive.h"
#include "operators/AuditLog.h"
#include "operators/OperatorStore.h"
#include "store/ScopedConnection.h"

#include <QBuffer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace fd;
using operators::AuditEntry;
using operators::AuditLog;
using operators::LoginResult;
using operators::OperatorStore;

class TestOperators : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void accountsAndTheirRules();
    void loginThrottleAndLock();
    void unknownNameIsAWrongPassword();
    void disabledAccount();
    void lastAdminStays();
    void auditChainFromTwoConnections();
    void verifyFindsEditDeleteAndReorder_data();
    void verifyFindsEditDeleteAndReorder();
    void trailRefusesChanges();
    void auditCsv();

private:
    // Makes `n` records through the log.
    void appendRecords(int n);
    // Runs SQL as whoever holds the file or the owner's login: the attacker.
    bool tamper(const QString &sql);

    QTemporaryDir m_dir;
    store::DatabaseConfig m_config;
    std::optional<store::ScopedConnection> m_connection;
};

void TestOperators::init()
{
    static int run = 0;  // a fresh archive per function (and per data row)
    m_config = testarchive::config(m_dir.filePath(QString::number(++run)));
    m_connection.emplace(m_config, QStringLiteral("test-operators"));
    QVERIFY2(m_connection->isOpen(), qPrintable(m_connection->error()));
}

void TestOperators::cleanup()
{
    m_connection.reset();
}

void TestOperators::accountsAndTheirRules()
{
    OperatorStore store(m_connection->db());
    QVERIFY(!store.hasAccounts());
    QString error;
    QVERIFY2(store.add(QStringLiteral("ann"), auth::Role::Admin, QStringLiteral("first admin pw"), &error), qPrintable(error));
    QVERIFY(store.hasAccounts());
    QVERIFY(!store.add(QStringLiteral("ann"), auth::Role::Guard, QStringLiteral("another pw 1"), &error));
    QVERIFY(error.contains(QLatin1String("exists")));
    QVERIFY(!store.add(QStringLiteral("bob"), auth::Role::Guard, QStringLiteral("short"), &error));
    QVERIFY(error.contains(QLatin1String("at least 8")));
    QVERIFY(!store.add(QStringLiteral(" bob"), auth::Role::Guard, QStringLiteral("long enough"), &error));
    QVERIFY(!store.add(QStringLiteral("bo\tb"), auth::Role::Guard, QStringLiteral("long enough"), &error));
    QVERIFY(!store.add(QString(), auth::Role::Guard, QStringLiteral("long enough"), &error));
    QVERIFY(store.add(QStringLiteral("guard 1"), auth::Role::Guard, QStringLiteral("long enough"), &error));
    QCOMPARE(store.accounts().size(), 2);
    QCOMPARE(store.account(QStringLiteral("guard 1"))->role, auth::Role::Guard);
    QVERIFY(store.setRole(QStringLiteral("guard 1"), auth::Role::Supervisor, &error));
    QCOMPARE(store.account(QStringLiteral("guard 1"))->role, auth::Role::Supervisor);
    QVERIFY(!store.setRole(QStringLiteral("nobody"), auth::Role::Admin, &error));
    QVERIFY(error.contains(QLatin1String("no operator")));
    // The stored hash is Argon2id and holds nothing of the password.
    QSqlQuery q(m_connection->db());
    QVERIFY(q.exec(QStringLiteral("SELECT password_hash FROM operators WHERE name = 'ann'")) && q.next());
    QVERIFY(q.value(0).toString().startsWith(QLatin1String("$argon2id$")));
    QVERIFY(!q.value(0).toString().contains(QLatin1String("first admin")));
    QVERIFY(store.setPassword(QStringLiteral("ann"), QStringLiteral("second admin pw"), &error));
    QVERIFY(!store.login(QStringLiteral("ann"), QStringLiteral("first admin pw"), QDateTime::currentDateTimeUtc()).ok());
    QVERIFY(store.login(QStringLiteral("ann"), QStringLiteral("second admin pw"), QDateTime::currentDateTimeUtc()).ok());
}

void TestOperators::loginThrottleAndLock()
{
    OperatorStore store(m_connection->db());
    QString error;
    QVERIFY(store.add(QStringLiteral("gil"), auth::Role::Guard, QStringLiteral("gil's password"), &error));
    QDateTime now = QDateTime::currentDateTimeUtc();
    const LoginResult ok = store.login(QStringLiteral("gil"), QStringLiteral("gil's password"), now);
    QVERIFY(ok.ok());
    QCOMPARE(ok.account.role, auth::Role::Guard);
    // Two typos cost nothing; the third makes the next attempt wait.
    for (int i = 1; i <= 3; ++i)
        QCOMPARE(store.login(QStringLiteral("gil"), QStringLiteral("wrong"), now).outcome, LoginResult::Outcome::WrongNameOrPassword);
    const LoginResult soon = store.login(QStringLiteral("gil"), QStringLiteral("gil's password"), now);
    QCOMPARE(soon.outcome, LoginResult::Outcome::TooSoon);
    QCOMPARE(now.secsTo(soon.retryAt), 1);
    // Waited: the right password works and the count starts again.
    QVERIFY(store.login(QStringLiteral("gil"), QStringLiteral("gil's password"), now.addSecs(1)).ok());
    QCOMPARE(store.account(QStringLiteral("gil"))->throttle.failures, 0);
    // A patient guesser: ten wrong ones, each after its wait, and the account locks.
    LoginResult last;
    for (int i = 0; i < auth::LoginThrottle::LockAfter; ++i) {
        last = store.login(QStringLiteral("gil"), QStringLiteral("guess %1").arg(i), now);
        QVERIFY2(last.outcome == LoginResult::Outcome::WrongNameOrPassword || i == auth::LoginThrottle::LockAfter - 1,
                 qPrintable(last.reason()));
        now = now.addSecs(auth::LoginThrottle::delayAfter(i + 1));
    }
    QCOMPARE(last.outcome, LoginResult::Outcome::Locked);
    const QDateTime lockedAt = store.account(QStringLiteral("gil"))->throttle.lastFailure;
    // Locked: the right password is refused too, until the lock runs out.
    const LoginResult refused = store.login(QStringLiteral("gil"), QStringLiteral("gil's password"), lockedAt.addSecs(60));
    QCOMPARE(refused.outcome, LoginResult::Outcome::Locked);
    QVERIFY(refused.reason().contains(QLatin1String("locked")));
    QVERIFY(store.account(QStringLiteral("gil"))->lockedUntil(lockedAt.addSecs(60)).isValid());  // what admins see
    QVERIFY(store.login(QStringLiteral("gil"), QStringLiteral("gil's password"), lockedAt.addSecs(15 * 60)).ok());
    // An admin lifts a lock at once.
    for (int i = 0; i < auth::LoginThrottle::LockAfter; ++i)
        store.login(QStringLiteral("gil"), QStringLiteral("again %1").arg(i), lockedAt.addSecs(20 * 60 + i * 60));
    QCOMPARE(store.login(QStringLiteral("gil"), QStringLiteral("gil's password"), lockedAt.addSecs(20 * 60 + 600)).outcome,
             LoginResult::Outcome::Locked);
    QVERIFY(store.unlock(QStringLiteral("gil"), &error));
    QVERIFY(store.login(QStringLiteral("gil"), QStringLiteral("gil's password"), lockedAt.addSecs(20 * 60 + 601)).ok());
}

void TestOperators::unknownNameIsAWrongPassword()
{
    OperatorStore store(m_connection->db());
    QString error;
    QVERIFY(store.add(QStringLiteral("kim"), auth::Role::Supervisor, QStringLiteral("kim's password"), &error));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const LoginResult unknown = store.login(QStringLiteral("nobody"), QStringLiteral("whatever1"), now);
    const LoginResult wrong = store.login(QStringLiteral("kim"), QStringLiteral("whatever1"), now);
    QCOMPARE(unknown.outcome, wrong.outcome);
    QCOMPARE(unknown.reason(), wrong.reason());
}

void TestOperators::disabledAccount()
{
    OperatorStore store(m_connection->db());
    QString error;
    QVERIFY(store.add(QStringLiteral("dan"), auth::Role::Guard, QStringLiteral("dan's password"), &error));
    QVERIFY(store.setDisabled(QStringLiteral("dan"), true, &error));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QCOMPARE(store.login(QStringLiteral("dan"), QStringLiteral("dan's password"), now).outcome, LoginResult::Outcome::Disabled);
    // Without the password, a disabled account looks like any wrong password.
    QCOMPARE(store.login(QStringLiteral("dan"), QStringLiteral("not it at all"), now).outcome,
             LoginResult::Outcome::WrongNameOrPassword);
    QVERIFY(store.setDisabled(QStringLiteral("dan"), false, &error));
    QVERIFY(store.login(QStringLiteral("dan"), QStringLiteral("dan's password"), now.addSecs(1)).ok());
}

// Nobody could manage accounts or read the trail again: the last enabled admin can
// be neither disabled nor demoted, until another admin exists.
void TestOperators::lastAdminStays()
{
    OperatorStore store(m_connection->db());
    QString error;
    QVERIFY(store.add(QStringLiteral("ann"), auth::Role::Admin, QStringLiteral("ann's password"), &error));
    QVERIFY(store.add(QStringLiteral("gil"), auth::Role::Guard, QStringLiteral("gil's password"), &error));
    QVERIFY(!store.setDisabled(QStringLiteral("ann"), true, &error));
    QVERIFY2(error.contains(QLatin1String("last enabled admin")), qPrintable(error));
    QVERIFY(!store.setRole(QStringLiteral("ann"), auth::Role::Supervisor, &error));
    QVERIFY(store.setDisabled(QStringLiteral("gil"), true, &error));  // others as before
    QVERIFY(!store.setDisabled(QStringLiteral("nobody"), true, &error));
    QVERIFY2(error.contains(QLatin1String("no operator named")), qPrintable(error));
    QVERIFY(store.add(QStringLiteral("bob"), auth::Role::Admin, QStringLiteral("bob's password"), &error));
    QVERIFY2(store.setDisabled(QStringLiteral("ann"), true, &error), qPrintable(error));
    QVERIFY(!store.setRole(QStringLiteral("bob"), auth::Role::Guard, &error));  // ann is disabled now
    QVERIFY(store.setDisabled(QStringLiteral("ann"), false, &error));
    QVERIFY2(store.setRole(QStringLiteral("bob"), auth::Role::Guard, &error), qPrintable(error));
    QCOMPARE(store.account(QStringLiteral("bob"))->role, auth::Role::Guard);
}

void TestOperators::appendRecords(int n)
{
    AuditLog log(m_connection->db());
    for (int i = 0; i < n; ++i) {
        QString error;
        QVERIFY2(log.append({QStringLiteral("ann"), QStringLiteral("edit-library"), QStringLiteral("person %1").arg(i),
                             QJsonObject{{QStringLiteral("before"), QJsonObject{{QStringLiteral("name"), QStringLiteral("old %1").arg(i)}}},
                                         {QStringLiteral("after"), QJsonObject{{QStringLiteral("name"), QStringLiteral("new %1").arg(i)}}}},
                             QStringLiteral("desk-1")},
                            &error),
                 qPrintable(error));
    }
}

void TestOperators::auditChainFromTwoConnections()
{
    store::ScopedConnection other(m_config, QStringLiteral("test-operators-other"));
    QVERIFY(other.isOpen());
    AuditLog a(m_connection->db()), b(other.db());
    QString error;
    for (int i = 0; i < 20; ++i) {
        AuditLog &log = i % 2 ? b : a;
        QVERIFY2(log.append({QStringLiteral("op%1").arg(i % 2), QStringLiteral("acknowledge"), QStringLiteral("event %1").arg(i), {}, {}},
                            &error),
                 qPrintable(error));
    }
    const operators::AuditVerdict v = a.verify();
    QVERIFY2(v.intact, qPrintable(v.reason));
    QCOMPARE(v.records, 20);
    QCOMPARE(v.headHash.size(), 64);
    const QList<operators::AuditRecord> records = b.records({}, {}, &error);
    QCOMPARE(records.size(), 20);
    QCOMPARE(records.last().seq, 20);
    QCOMPARE(records.first().desk, QSysInfo::machineHostName());  // this machine when not said
}

bool TestOperators::tamper(const QString &sql)
{
    QSqlQuery q(m_connection->db());
    if (!testarchive::onPostgres()) {
        // Whoever holds the file can drop the triggers first.
        q.exec(QStringLiteral("DROP TRIGGER IF EXISTS audit_log_no_update"));
        q.exec(QStringLiteral("DROP TRIGGER IF EXISTS audit_log_no_delete"));
    }
    const bool ok = q.exec(sql);
    if (!ok)
        qWarning() << sql << q.lastError().text();
    return ok;
}

void TestOperators::verifyFindsEditDeleteAndReorder_data()
{
    QTest::addColumn<QStringList>("attack");
    QTest::addColumn<qint64>("firstBad");
    QTest::addColumn<QString>("words");
    QTest::newRow("intact") << QStringList() << qint64(-1) << QString();
    QTest::newRow("a field edited") << QStringList{QStringLiteral("UPDATE audit_log SET operator = 'eve' WHERE seq = 4")}
                                    << qint64(4) << QStringLiteral("changed after it was written");
    QTest::newRow("details edited, hash made anew by a careless forger")
        << QStringList{QStringLiteral("UPDATE audit_log SET details = '{}', hash = 'ab' WHERE seq = 5")} << qint64(5)
        << QStringLiteral("changed after it was written");
    QTest::newRow("a record deleted") << QStringList{QStringLiteral("DELETE FROM audit_log WHERE seq = 3")} << qint64(4)
                                      << QStringLiteral("missing");
    QTest::newRow("the first record deleted") << QStringList{QStringLiteral("DELETE FROM audit_log WHERE seq = 1")} << qint64(2)
                                              << QStringLiteral("missing");
    QTest::newRow("two records swapped")
        << QStringList{QStringLiteral("UPDATE audit_log SET seq = 100 WHERE seq = 3"), QStringLiteral("UPDATE audit_log SET seq = 3 WHERE seq = 4"),
                       QStringLiteral("UPDATE audit_log SET seq = 4 WHERE seq = 100")}
        << qint64(3) << QStringLiteral("does not link");
    QTest::newRow("a record deleted and the rest renumbered")
        << QStringList{QStringLiteral("DELETE FROM audit_log WHERE seq = 2"), QStringLiteral("UPDATE audit_log SET seq = seq - 1 WHERE seq > 2")}
        << qint64(2) << QStringLiteral("does not link");
}

void TestOperators::verifyFindsEditDeleteAndReorder()
{
    QFETCH(QStringList, attack);
    QFETCH(qint64, firstBad);
    QFETCH(QString, words);
    appendRecords(6);
    for (const QString &sql : attack)
        QVERIFY(tamper(sql));
    const operators::AuditVerdict v = AuditLog(m_connection->db()).verify();
    QCOMPARE(v.intact, firstBad < 0);
    QCOMPARE(v.firstBad, firstBad);
    QVERIFY2(v.reason.contains(words), qPrintable(v.reason));
}

void TestOperators::trailRefusesChanges()
{
    appendRecords(2);
    if (testarchive::onPostgres())
        QSKIP("PostgreSQL refuses by grants, to the site's application logins: tst_migrations_pg checks them");
    QSqlQuery q(m_connection->db());
    QVERIFY(!q.exec(QStringLiteral("UPDATE audit_log SET operator = 'eve'")));
    QVERIFY(q.lastError().text().contains(QLatin1String("append-only")));
    QVERIFY(!q.exec(QStringLiteral("DELETE FROM audit_log")));
    QVERIFY(AuditLog(m_connection->db()).verify().intact);
}

void TestOperators::auditCsv()
{
    appendRecords(3);
    QString error;
    const QList<operators::AuditRecord> records = AuditLog(m_connection->db()).records({}, {}, &error);
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    QVERIFY(AuditLog::writeCsv(records, &out));
    const QList<QByteArray> lines = out.data().trimmed().split('\n');
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines[0].startsWith("seq,time,operator,desk,action,target,details,hash"));
    QVERIFY(lines[1].startsWith("1,"));
    QVERIFY(lines[1].contains("\"{\"\"after\"\":"));  // JSON quoted as CSV quotes it
    // A time window: nothing before the first record.
    QVERIFY(AuditLog(m_connection->db()).records({}, records.first().at, &error).isEmpty());
}

QTEST_GUILESS_MAIN(TestOperators)
#include "tst_operators.moc"
