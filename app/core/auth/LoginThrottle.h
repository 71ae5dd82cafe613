// How repeated wrong passwords slow down and then lock an account (#13). Per account,
// counted in a row (a success starts again from zero), kept with the account in the
// database so that restarting FaceDesk does not reset it:
//   failures 1-2: no wait (a typo, then another);
//   from the 3rd: the next attempt waits 1 s, then 2, 4, 8, 16, at most 30 s;
//   the 10th: the account is locked for 15 minutes, also for the right password (a
//   lock that a correct guess lifts would tell the guesser it was right). Admins see
//   the lock and may lift it (accounts list).
// Ten guesses and a quarter of an hour: at most about 1,000 guesses a day per account,
// and an alert in the audit trail for every lock.
#pragma once

#include <QDateTime>

namespace fd::auth {

struct ThrottleState {
    int failures = 0;          // wrong passwords in a row
    QDateTime lastFailure;     // UTC; invalid when none
};

struct ThrottleVerdict {
    bool allowed = true;       // an attempt may be checked now
    bool locked = false;       // refused because the account is locked
    QDateTime retryAt;         // when the next attempt is allowed (UTC); invalid: now
};

class LoginThrottle {
public:
    static constexpr int FreeFailures = 2;
    static constexpr int LockAfter = 10;
    static constexpr qint64 MaxDelaySeconds = 30;
    static constexpr qint64 LockSeconds = 15 * 60;

    // Whether an attempt at `now` may be checked at all.
    static ThrottleVerdict check(const ThrottleState &state, const QDateTime &now);
    // The state after a wrong password at `now`.
    static ThrottleState afterFailure(const ThrottleState &state, const QDateTime &now);
    // The wait after `failures` wrong passwords in a row (seconds; 0: none).
    static qint64 delayAfter(int failures);
};

} // namespace fd::auth
