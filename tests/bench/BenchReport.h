// Shared by the benchmarks: the machine line, timing loops, and replacing one
// marked section of docs/PERFORMANCE.md with a fresh result.
#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QSysInfo>
#include <QThread>

#include <algorithm>
#include <functional>
#include <vector>

namespace fd::bench {

inline QString machineLine()
{
    QString cpu;
    QFile info(QStringLiteral("/proc/cpuinfo"));
    if (info.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : info.readAll().split('\n'))
            if (line.startsWith("model name")) {
                cpu = QString::fromUtf8(line.mid(line.indexOf(':') + 1)).trimmed();
                break;
            }
    }
    return QStringLiteral("%1, %2 cores, %3 (%4), measured %5")
        .arg(cpu.isEmpty() ? QSysInfo::currentCpuArchitecture() : cpu)
        .arg(QThread::idealThreadCount())
        .arg(QSysInfo::prettyProductName(), QSysInfo::kernelVersion(),
             QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")));
}

// Seconds per call: the median of `rounds` rounds, each long enough to time well.
inline double secondsPerCall(const std::function<void()> &call, int rounds = 7, double minRoundSeconds = 0.2)
{
    // Calibrate how many calls make a round.
    qint64 calls = 1;
    for (;;) {
        QElapsedTimer t;
        t.start();
        for (qint64 i = 0; i < calls; ++i)
            call();
        if (double(t.nsecsElapsed()) / 1e9 >= minRoundSeconds / 4 || calls > (1 << 24))
            break;
        calls *= 2;
    }
    calls *= 4;
    std::vector<double> perCall;
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer t;
        t.start();
        for (qint64 i = 0; i < calls; ++i)
            call();
        perCall.push_back(double(t.nsecsElapsed()) / 1e9 / double(calls));
    }
    std::sort(perCall.begin(), perCall.end());
    return perCall[perCall.size() / 2];
}

// The cost of `candidate` relative to `anchor`, measured in alternating rounds so
// that drift on a shared machine (other processes, CPU frequency) hits both alike:
// the median of the per-round ratios.
inline double ratioAgainst(const std::function<void()> &anchor, const std::function<void()> &candidate, int rounds = 9)
{
    std::vector<double> ratios;
    for (int r = 0; r < rounds; ++r) {
        const double a = secondsPerCall(anchor, 1, 0.1);
        const double c = secondsPerCall(candidate, 1, 0.1);
        ratios.push_back(c / a);
    }
    std::sort(ratios.begin(), ratios.end());
    return ratios[ratios.size() / 2];
}

// Replaces the text between <!-- name:begin --> and <!-- name:end --> in file (or
// appends the section), so that a re-run refreshes its own numbers only.
inline bool updateSection(const QString &path, const QString &name, const QString &body)
{
    QFile f(path);
    QString text;
    if (f.open(QIODevice::ReadOnly))
        text = QString::fromUtf8(f.readAll());
    f.close();
    const QString begin = QStringLiteral("<!-- %1:begin -->").arg(name);
    const QString end = QStringLiteral("<!-- %1:end -->").arg(name);
    const QString block = begin + u'\n' + body.trimmed() + u'\n' + end;
    const qsizetype b = text.indexOf(begin);
    const qsizetype e = text.indexOf(end);
    if (b >= 0 && e > b)
        text.replace(b, e + end.size() - b, block);
    else
        text += u'\n' + block + u'\n';
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    f.write(text.toUtf8());
    return true;
}

} // namespace fd::bench
