// A signal spy for signals emitted on another thread (the archive writer's, the live
// matcher's workers, the archive feed's). Qt 6.4's QSignalSpy records on the emitting
// thread, without a lock, and quits its wait loop from there: reading it on the test's
// thread meanwhile is a data race. tst_livematcher crashed on it once in CI under
// load (a list reallocated while read), and a spy's wait missed its wake-up. This one
// records on the thread that made it, through a queued connection, so the recording
// and the reading never meet.
#pragma once

#include <QList>
#include <QObject>
#include <QtTest>

#include <tuple>

template <typename... Args>
class ThreadSafeSpy : public QObject {
public:
    using Call = std::tuple<std::decay_t<Args>...>;

    template <typename Sender, typename Signal>
    ThreadSafeSpy(const Sender *sender, Signal signal)
    {
        QObject::connect(sender, signal, this, [this](const std::decay_t<Args> &...args) { m_calls.append(Call(args...)); },
                         Qt::QueuedConnection);
    }

    qsizetype count() const { return m_calls.size(); }
    const Call &at(qsizetype i) const { return m_calls.at(i); }
    const Call &first() const { return m_calls.first(); }
    const Call &last() const { return m_calls.last(); }
    const QList<Call> &calls() const { return m_calls; }
    // Runs this thread's event loop until one more call arrived, or the time is up.
    bool wait(int timeoutMs = 5000)
    {
        const qsizetype before = count();
        return QTest::qWaitFor([&] { return count() > before; }, timeoutMs);
    }

private:
    QList<Call> m_calls;
};
