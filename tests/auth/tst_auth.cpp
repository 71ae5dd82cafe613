// Operators (#13), the parts without a database: every action against every role
// (the one table of auth/Roles), Argon2id password hashes (libsodium), and how
// repeated failures slow down and then lock an account.
#include "auth/LoginThrottle.h"
#include "auth/PasswordHash.h"
#include "auth/Roles.h"

#include <QtTest>

using namespace fd::auth;

class TestAuth : public QObject {
    Q_OBJECT
private slots:
    void everyActionAgainstEveryRole_data();
    void everyActionAgainstEveryRole();
    void everyActionHasARowAndAName();
    void roleNamesRoundTrip();
    void hashVerifiesOnlyItsOwnPassword();
    void hashHoldsNoTraceOfThePassword();
    void malformedStoredHashIsNoMatch();
    void throttle_data();
    void throttle();
    void lockHoldsForTheRightPasswordToo();
};

void TestAuth::everyActionAgainstEveryRole_data()
{
    QTest::addColumn<int>("action");
    QTest::addColumn<bool>("guard");
    QTest::addColumn<bool>("supervisor");
    QTest::addColumn<bool>("admin");
    // The list, written out again here: the table in Roles.cpp must agree.
    const auto row = [](Action a, bool g, bool s, bool ad) {
        QTest::newRow(qPrintable(actionName(a))) << int(a) << g << s << ad;
    };
    row(Action::ViewWall, true, true, true);
    row(Action::Acknowledge, true, true, true);
    row(Action::ViewEventDetail, true, true, true);
    row(Action::ViewDeviceStatus, true, true, true);
    row(Action::Search, false, true, true);
    row(Action::FaceSearch, false, true, true);
    row(Action::ViewTimeline, false, true, true);
    row(Action::Export, false, true, true);
    row(Action::EditLibrary, false, false, true);
    row(Action::Import, false, false, true);
    row(Action::Assign, false, false, true);
    row(Action::ApproveDevice, false, false, true);
    row(Action::RejectDevice, false, false, true);
    row(Action::RemoveDevice, false, false, true);
    row(Action::ChangeSettings, false, false, true);
    row(Action::ManageAccounts, false, false, true);
    row(Action::ViewAudit, false, false, true);
    row(Action::ForgetPerson, false, false, true);
    row(Action::Migrate, false, false, true);
}

void TestAuth::everyActionAgainstEveryRole()
{
    QFETCH(int, action);
    QFETCH(bool, guard);
    QFETCH(bool, supervisor);
    QFETCH(bool, admin);
    QCOMPARE(mayDo(Role::Guard, Action(action)), guard);
    QCOMPARE(mayDo(Role::Supervisor, Action(action)), supervisor);
    QCOMPARE(mayDo(Role::Admin, Action(action)), admin);
}

void TestAuth::everyActionHasARowAndAName()
{
    QSet<QString> names;
    for (Action a : allActions()) {
        const QString name = actionName(a);
        QVERIFY2(!name.startsWith(QLatin1String("action-")), qPrintable(name));  // a row in the table
        QVERIFY(!names.contains(name));
        names.insert(name);
    }
    QCOMPARE(names.size(), 19);  // the data table above has a row for each
}

void TestAuth::roleNamesRoundTrip()
{
    for (Role r : {Role::Guard, Role::Supervisor, Role::Admin})
        QCOMPARE(roleFromName(roleName(r)), std::optional<Role>(r));
    QCOMPARE(roleFromName(QStringLiteral("ADMIN")), std::optional<Role>(Role::Admin));
    QVERIFY(!roleFromName(QStringLiteral("root")));
    QVERIFY(!roleFromName(QString()));
}

void TestAuth::hashVerifiesOnlyItsOwnPassword()
{
    const QString password = QStringLiteral("correct horse 电池 staple");
    const QByteArray stored = hashPassword(password);
    QVERIFY(stored.startsWith("$argon2id$"));
    QVERIFY(verifyPassword(stored, password));
    QVERIFY(!verifyPassword(stored, QStringLiteral("correct horse 电池 staplE")));
    QVERIFY(!verifyPassword(stored, QString()));
    QVERIFY(!needsRehash(stored));
    // A fresh salt every time: the same password never hashes the same twice.
    const QByteArray again = hashPassword(password);
    QVERIFY(again != stored);
    QVERIFY(verifyPassword(again, password));
}

void TestAuth::hashHoldsNoTraceOfThePassword()
{
    const QString password = QStringLiteral("Tr0ub4dor&3-plain-text-marker");
    const QByteArray stored = hashPassword(password);
    QVERIFY(!stored.contains(password.toUtf8()));
    QVERIFY(!stored.contains("plain-text-marker"));
    QVERIFY(!stored.toLower().contains(password.toUtf8().toHex()));
    QVERIFY(!stored.contains(password.toUtf8().toBase64()));
}

void TestAuth::malformedStoredHashIsNoMatch()
{
    for (const QByteArray &bad : {QByteArray(), QByteArray("secret"), QByteArray("$argon2id$v=19$m=65536,t=2,p=1$broken"),
                                  QByteArray(512, 'a')})
        QVERIFY(!verifyPassword(bad, QStringLiteral("secret")));
    QVERIFY(needsRehash(QByteArray()));
}

void TestAuth::throttle_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<int>("secondsSinceLast");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<bool>("locked");
    QTest::addColumn<int>("retryInSeconds");  // from the last failure; -1: no wait
    QTest::newRow("none") << 0 << 0 << true << false << -1;
    QTest::newRow("one typo") << 1 << 0 << true << false << -1;
    QTest::newRow("two") << 2 << 0 << true << false << -1;
    QTest::newRow("three, at once") << 3 << 0 << false << false << 1;
    QTest::newRow("three, a second later") << 3 << 1 << true << false << -1;
    QTest::newRow("four") << 4 << 1 << false << false << 2;
    QTest::newRow("six") << 6 << 7 << false << false << 8;
    QTest::newRow("eight, capped") << 8 << 29 << false << false << 30;
    QTest::newRow("nine, waited") << 9 << 30 << true << false << -1;
    QTest::newRow("ten: locked") << 10 << 60 << false << true << 900;
    QTest::newRow("ten: 14:59 later") << 10 << 899 << false << true << 900;
    QTest::newRow("ten: lock over") << 10 << 900 << true << false << -1;
    QTest::newRow("eleven: locked again") << 11 << 0 << false << true << 900;
}

void TestAuth::throttle()
{
    QFETCH(int, failures);
    QFETCH(int, secondsSinceLast);
    QFETCH(bool, allowed);
    QFETCH(bool, locked);
    QFETCH(int, retryInSeconds);
    const QDateTime last = QDateTime(QDate(2026, 12, 5), QTime(22, 0), Qt::UTC);
    const ThrottleState state{failures, failures > 0 ? last : QDateTime()};
    const ThrottleVerdict v = LoginThrottle::check(state, last.addSecs(secondsSinceLast));
    QCOMPARE(v.allowed, allowed);
    QCOMPARE(v.locked, locked);
    if (retryInSeconds < 0)
        QVERIFY(!v.retryAt.isValid());
    else
        QCOMPARE(last.secsTo(v.retryAt), qint64(retryInSeconds));
}

void TestAuth::lockHoldsForTheRightPasswordToo()
{
    // The throttle is asked before the password is checked at all: ten wrong ones in
    // a row and the eleventh attempt, right or wrong, is not even looked at.
    ThrottleState state;
    QDateTime now = QDateTime(QDate(2026, 12, 5), QTime(22, 0), Qt::UTC);
    for (int i = 0; i < LoginThrottle::LockAfter; ++i) {
        const ThrottleVerdict v = LoginThrottle::check(state, now);
        QVERIFY2(v.allowed, qPrintable(QStringLiteral("attempt %1").arg(i + 1)));
        state = LoginThrottle::afterFailure(state, now);
        now = now.addSecs(LoginThrottle::delayAfter(state.failures));  // a patient guesser
    }
    const ThrottleVerdict locked = LoginThrottle::check(state, state.lastFailure.addSecs(1));
    QVERIFY(!locked.allowed);
    QVERIFY(locked.locked);
}

QTEST_GUILESS_MAIN(TestAuth)
#include "tst_auth.moc"
