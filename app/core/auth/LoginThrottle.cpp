#include "LoginThrottle.h"

#include <algorithm>

namespace fd::auth {

qint64 LoginThrottle::delayAfter(int failures)
{
    if (failures >= LockAfter)
        return LockSeconds;
    if (failures <= FreeFailures)
        return 0;
    const int doublings = std::min(failures - FreeFailures - 1, 10);
    return std::min<qint64>(qint64(1) << doublings, MaxDelaySeconds);
}

ThrottleVerdict LoginThrottle::check(const ThrottleState &state, const QDateTime &now)
{
    ThrottleVerdict v;
    const qint64 wait = delayAfter(state.failures);
    if (wait == 0 || !state.lastFailure.isValid())
        return v;
    const QDateTime until = state.lastFailure.addSecs(wait);
    if (now >= until)
        return v;  // (a lock that ran out: the count goes on, so the next failure locks again)
    v.allowed = false;
    v.locked = state.failures >= LockAfter;
    v.retryAt = until;
    return v;
}

ThrottleState LoginThrottle::afterFailure(const ThrottleState &state, const QDateTime &now)
{
    return {state.failures + 1, now.toUTC()};
}

} // namespace fd::auth
