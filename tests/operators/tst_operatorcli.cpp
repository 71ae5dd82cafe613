// Operators on the command line (#13), on both backends: the first account must be an
// admin; once accounts exist, import, assign, export, search and migrate need
// --user with the right password and a role that may (status 4 otherwise, saying
// why); `users` manages accounts for admins; `audit` lists who did what and `audit
// verify` passes an intact chain and fails (1) on a tampered one. Neither the
// passwords nor their hashes appear in anything the commands print, in the audit
// trail or in an export. The functions run in order on one archive, as an admin's
// first day would: the accounts the first one makes are the later ones' operators.
#include "../support/TestArchive.h"
#include "store/ScopedConnection.h"

#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace fd;

namespace {

const QString AdminPassword = QStringLiteral("admin secret 4711");
const QString GuardPassword = QStringLiteral("guard secret 0815");

struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestOperatorCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void firstAccountMustBeAnAdmin();
    void commandsNeedAnOperatorWhoMay_data();
    void commandsNeedAnOperatorWhoMay();
    void wrongPasswordsAreRefusedAndSlowedDown();
    void usersManagedByAdminsOnly();
    void auditListsAndVerifies();
    void secretsNeverShow();

private:
    Run facedesk(const QString &command, const QStringList &arguments, const QString &password = {},
                 const QString &newPassword = {});
    int storedFailures(const QString &name);
    void setFailures(const QString &name, int failures, const QDateTime &last);

    QTemporaryDir m_dir;
    store::DatabaseConfig m_config;
    QByteArray m_everything;  // every command's output, for secretsNeverShow
};

Run TestOperatorCli::facedesk(const QString &command, const QStringList &arguments, const QString &password,
                              const QString &newPassword)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("FACEDESK_PASSWORD"));
    env.remove(QStringLiteral("FACEDESK_NEW_PASSWORD"));
    if (!password.isNull())
        env.insert(QStringLiteral("FACEDESK_PASSWORD"), password);
    if (!newPassword.isNull())
        env.insert(QStringLiteral("FACEDESK_NEW_PASSWORD"), newPassword);
    p.setProcessEnvironment(env);
    p.setStandardInputFile(QProcess::nullDevice());  // not a terminal: no prompt
    p.start(QStringLiteral(FACEDESK_BINARY), QStringList{command} + testarchive::arguments(m_config) + arguments);
    Run r;
    if (!p.waitForStarted() || !p.waitForFinished(120000))
        return r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    m_everything += r.out + r.err;
    return r;
}

void TestOperatorCli::initTestCase()
{
    m_config = testarchive::config(m_dir.path());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("photos")));  // an (empty) folder to import
    // An archive with one event, so that export and search have something to refuse.
    store::ScopedConnection c(m_config, QStringLiteral("cli-seed"));
    QVERIFY2(c.isOpen(), qPrintable(c.error()));
    QSqlQuery q(c.db());
    QVERIFY(q.exec(QStringLiteral("INSERT INTO events (dedup_key, received_at, device_uuid, method, capture_at, pic_name) "
                                  "VALUES ('k1', 1, 'DEV-1', 'sw_face_compare_push', 1, 'Grace')")));
}

void TestOperatorCli::firstAccountMustBeAnAdmin()
{
    // Without accounts every command runs as before.
    QCOMPARE(facedesk(QStringLiteral("export"), {QStringLiteral("--out"), m_dir.filePath(QStringLiteral("before.csv"))}).code, 0);
    QCOMPARE(facedesk(QStringLiteral("users"), {QStringLiteral("list")}).code, 0);
    Run r = facedesk(QStringLiteral("users"), {QStringLiteral("add"), QStringLiteral("gail"), QStringLiteral("--role"), QStringLiteral("guard")},
                     {}, GuardPassword);
    QCOMPARE(r.code, 4);
    QVERIFY2(r.err.contains("first account must be an admin"), r.err.constData());
    r = facedesk(QStringLiteral("users"), {QStringLiteral("add"), QStringLiteral("ann"), QStringLiteral("--role"), QStringLiteral("admin")});
    QCOMPARE(r.code, 2);  // no password given, none asked: stdin is no terminal
    r = facedesk(QStringLiteral("users"), {QStringLiteral("add"), QStringLiteral("ann"), QStringLiteral("--role"), QStringLiteral("admin")},
                 {}, QStringLiteral("short"));
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("at least 8"), r.err.constData());
    r = facedesk(QStringLiteral("users"), {QStringLiteral("add"), QStringLiteral("ann"), QStringLiteral("--role"), QStringLiteral("admin")},
                 {}, AdminPassword);
    QVERIFY2(r.code == 0, r.err.constData());
    // From now on adding takes an admin.
    r = facedesk(QStringLiteral("users"), {QStringLiteral("add"), QStringLiteral("gail"), QStringLiteral("--role"), QStringLiteral("guard")},
                 {}, GuardPassword);
    QCOMPARE(r.code, 4);
    r = facedesk(QStringLiteral("users"), {QStringLiteral("add"), QStringLiteral("gail"), QStringLiteral("--role"), QStringLiteral("guard"),
                                           QStringLiteral("--user"), QStringLiteral("ann")},
                 AdminPassword, GuardPassword);
    QVERIFY2(r.code == 0, r.err.constData());
}

void TestOperatorCli::commandsNeedAnOperatorWhoMay_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("leastRole");
    QTest::addColumn<int>("adminExit");  // what the command itself answers once allowed
    const QString out = m_dir.filePath(QStringLiteral("out.csv"));
    QTest::newRow("export") << QStringLiteral("export") << QStringList{QStringLiteral("--out"), out} << QStringLiteral("supervisor") << 0;
    QTest::newRow("search") << QStringLiteral("search") << QStringList{QStringLiteral("--event"), QStringLiteral("1")}
                            << QStringLiteral("supervisor") << -1;  // (no face engine in every test machine: any answer but 4)
    QTest::newRow("import") << QStringLiteral("import") << QStringList{m_dir.filePath(QStringLiteral("photos"))}
                            << QStringLiteral("admin") << -1;
    QTest::newRow("assign") << QStringLiteral("assign")
                            << QStringList{QStringLiteral("--device"), QStringLiteral("DEV-1"), QStringLiteral("--person"), QStringLiteral("1")}
                            << QStringLiteral("admin") << -1;
}

void TestOperatorCli::commandsNeedAnOperatorWhoMay()
{
    QFETCH(QString, command);
    QFETCH(QStringList, arguments);
    QFETCH(QString, leastRole);
    QFETCH(int, adminExit);
    Run r = facedesk(command, arguments);
    QCOMPARE(r.code, 4);
    QVERIFY2(r.err.contains("--user NAME"), r.err.constData());
    r = facedesk(command, arguments + QStringList{QStringLiteral("--user"), QStringLiteral("gail")}, GuardPassword);
    QCOMPARE(r.code, 4);
    QVERIFY2(r.err.contains(QStringLiteral("gail is a guard: ").toUtf8()) && r.err.contains(leastRole.toUtf8()), r.err.constData());
    r = facedesk(command, arguments + QStringList{QStringLiteral("--user"), QStringLiteral("ann")}, AdminPassword);
    if (adminExit >= 0)
        QVERIFY2(r.code == adminExit, r.err.constData());
    else
        QVERIFY2(r.code != 4 && !r.err.contains("refused"), r.err.constData());
}

void TestOperatorCli::wrongPasswordsAreRefusedAndSlowedDown()
{
    const QStringList args = {QStringLiteral("--out"), m_dir.filePath(QStringLiteral("x.csv")), QStringLiteral("--user"), QStringLiteral("ann")};
    for (int i = 0; i < 3; ++i) {
        const Run r = facedesk(QStringLiteral("export"), args, QStringLiteral("not the password"));
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains("Wrong name or password"), r.err.constData());
    }
    QCOMPARE(storedFailures(QStringLiteral("ann")), 3);  // kept in the archive: the next run of the command waits
    // The wait itself, on a state whose wait (30 s) outlasts any start of the command,
    // even under the sanitizer: the three failures' own one second does not (CI, 2026-12-06).
    setFailures(QStringLiteral("ann"), 9, QDateTime::currentDateTimeUtc());
    const Run soon = facedesk(QStringLiteral("export"), args, AdminPassword);
    QCOMPARE(soon.code, 4);
    QVERIFY2(soon.err.contains("try again in"), soon.err.constData());
    QCOMPARE(storedFailures(QStringLiteral("ann")), 9);  // a refused attempt is not checked, so not counted
    // An unknown name reads like a wrong password.
    const Run unknown = facedesk(QStringLiteral("export"), {QStringLiteral("--out"), m_dir.filePath(QStringLiteral("x.csv")),
                                                            QStringLiteral("--user"), QStringLiteral("mallory")},
                                 QStringLiteral("not the password"));
    QCOMPARE(unknown.code, 4);
    QVERIFY(unknown.err.contains("Wrong name or password"));
    // Once the wait is over the right password works again, and the count starts anew.
    setFailures(QStringLiteral("ann"), 9, QDateTime::currentDateTimeUtc().addSecs(-31));
    const Run later = facedesk(QStringLiteral("export"), args, AdminPassword);
    QVERIFY2(later.code == 0, later.err.constData());
    QCOMPARE(storedFailures(QStringLiteral("ann")), 0);
}

int TestOperatorCli::storedFailures(const QString &name)
{
    store::ScopedConnection c(m_config, QStringLiteral("cli-failures"));
    QSqlQuery q(c.db());
    q.prepare(QStringLiteral("SELECT failures FROM operators WHERE name = ?"));
    q.addBindValue(name);
    return q.exec() && q.next() ? q.value(0).toInt() : -1;
}

void TestOperatorCli::setFailures(const QString &name, int failures, const QDateTime &last)
{
    store::ScopedConnection c(m_config, QStringLiteral("cli-failures"));
    QSqlQuery q(c.db());
    q.prepare(QStringLiteral("UPDATE operators SET failures = ?, last_failure_at = ? WHERE name = ?"));
    q.addBindValue(failures);
    q.addBindValue(last.toMSecsSinceEpoch());
    q.addBindValue(name);
    QVERIFY2(q.exec() && q.numRowsAffected() == 1, qPrintable(q.lastError().text()));
}

void TestOperatorCli::usersManagedByAdminsOnly()
{
    const QStringList asGail = {QStringLiteral("--user"), QStringLiteral("gail")};
    const QStringList asAnn = {QStringLiteral("--user"), QStringLiteral("ann")};
    QCOMPARE(facedesk(QStringLiteral("users"), QStringList{QStringLiteral("list")} + asGail, GuardPassword).code, 4);
    const Run list = facedesk(QStringLiteral("users"), QStringList{QStringLiteral("list")} + asAnn, AdminPassword);
    QVERIFY2(list.code == 0, list.err.constData());
    QVERIFY(list.out.contains("ann\tadmin\tenabled"));
    QVERIFY(list.out.contains("gail\tguard\tenabled"));
    QCOMPARE(facedesk(QStringLiteral("users"), QStringList{QStringLiteral("role"), QStringLiteral("gail"), QStringLiteral("--role"),
                                                           QStringLiteral("supervisor")} + asAnn,
                      AdminPassword).code,
             0);
    QCOMPARE(facedesk(QStringLiteral("export"), QStringList{QStringLiteral("--out"), m_dir.filePath(QStringLiteral("g.csv"))} + asGail,
                      GuardPassword).code,
             0);  // a supervisor may export
    QCOMPARE(facedesk(QStringLiteral("users"), QStringList{QStringLiteral("disable"), QStringLiteral("gail")} + asAnn, AdminPassword).code, 0);
    const Run disabled = facedesk(QStringLiteral("export"), QStringList{QStringLiteral("--out"), m_dir.filePath(QStringLiteral("g.csv"))} + asGail,
                                  GuardPassword);
    QCOMPARE(disabled.code, 4);
    QVERIFY2(disabled.err.contains("disabled"), disabled.err.constData());
    QCOMPARE(facedesk(QStringLiteral("users"), QStringList{QStringLiteral("enable"), QStringLiteral("gail")} + asAnn, AdminPassword).code, 0);
    QCOMPARE(facedesk(QStringLiteral("users"), QStringList{QStringLiteral("passwd"), QStringLiteral("gail")} + asAnn, AdminPassword,
                      GuardPassword + QStringLiteral("!")).code,
             0);
    QCOMPARE(facedesk(QStringLiteral("users"), QStringList{QStringLiteral("unlock"), QStringLiteral("gail")} + asAnn, AdminPassword).code, 0);
    QCOMPARE(facedesk(QStringLiteral("export"), QStringList{QStringLiteral("--out"), m_dir.filePath(QStringLiteral("g.csv"))} + asGail,
                      GuardPassword + QStringLiteral("!")).code,
             0);
}

void TestOperatorCli::auditListsAndVerifies()
{
    QCOMPARE(facedesk(QStringLiteral("audit"), {}).code, 4);  // listing needs an admin
    const Run csv = facedesk(QStringLiteral("audit"), {QStringLiteral("--csv"), QStringLiteral("--user"), QStringLiteral("ann")}, AdminPassword);
    QVERIFY2(csv.code == 0, csv.err.constData());
    for (const QByteArray &word : {QByteArray(",ann,"), QByteArray(",login,"), QByteArray(",login-failed,"), QByteArray(",refused,"),
                                   QByteArray(",account-add,operator gail,"), QByteArray(",account-role,operator gail,"),
                                   QByteArray(",account-passwd,operator gail,"), QByteArray(",export,events,"),
                                   QByteArray(",account-disable,"), QByteArray(",account-unlock,")})
        QVERIFY2(csv.out.contains(word), word.constData());
    const Run intact = facedesk(QStringLiteral("audit"), {QStringLiteral("verify")});
    QVERIFY2(intact.code == 0, intact.out.constData());
    QVERIFY(intact.out.startsWith("intact: "));

    // Someone with the database's keys edits a record: verify names it.
    {
        store::ScopedConnection c(m_config, QStringLiteral("cli-tamper"));
        QSqlQuery q(c.db());
        if (!testarchive::onPostgres())
            QVERIFY(q.exec(QStringLiteral("DROP TRIGGER audit_log_no_update")));
        QVERIFY(q.exec(QStringLiteral("UPDATE audit_log SET operator = 'nobody' WHERE seq = 3")));
    }
    const Run broken = facedesk(QStringLiteral("audit"), {QStringLiteral("verify")});
    QCOMPARE(broken.code, 1);
    QVERIFY2(broken.out.contains("BROKEN at record 3"), broken.out.constData());
}

void TestOperatorCli::secretsNeverShow()
{
    // Every output so far, the audit trail and an export, against the passwords and
    // the hashes the archive holds.
    QList<QByteArray> secrets = {AdminPassword.toUtf8(), GuardPassword.toUtf8(), QByteArray("$argon2id$")};
    {
        store::ScopedConnection c(m_config, QStringLiteral("cli-hashes"));
        QSqlQuery q(c.db());
        QVERIFY(q.exec(QStringLiteral("SELECT password_hash FROM operators")));
        while (q.next()) {
            const QByteArray hash = q.value(0).toString().toUtf8();
            secrets << hash << hash.mid(hash.lastIndexOf('$') + 1);  // the digest alone too
        }
        QVERIFY(q.exec(QStringLiteral("SELECT operator || desk || action || target || details FROM audit_log")));
        while (q.next())
            m_everything += q.value(0).toString().toUtf8();
    }
    const Run exported = facedesk(QStringLiteral("export"), {QStringLiteral("--out"), QStringLiteral("-"), QStringLiteral("--user"),
                                                             QStringLiteral("ann")},
                                  AdminPassword);
    QCOMPARE(exported.code, 0);
    QVERIFY(secrets.size() >= 7);
    for (const QByteArray &secret : secrets)
        QVERIFY2(!m_everything.contains(secret), secret.constData());
}

QTEST_GUILESS_MAIN(TestOperatorCli)
#include "tst_operatorcli.moc"
