// Starting `facedesk serve` from a test: it prints "listening on http=P tcp=Q", which
// tells the ports it took (tests ask for port 0). Shared by the process-level tests.
#pragma once

#include <QDebug>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>

// Starts the process and waits for its ports; false (with serve's stderr in the log)
// when it did not start listening within 10 s of its last output.
inline bool startServeAndReadPorts(QProcess &process, quint16 *http, quint16 *tcp)
{
    QSignalSpy output(&process, &QProcess::readyReadStandardOutput);
    process.start();
    static const QRegularExpression ports(QStringLiteral("http=(\\d+) tcp=(\\d+)"));
    QByteArray text;
    while (output.wait(10000)) {
        text += process.readAllStandardOutput();
        const auto m = ports.match(QString::fromUtf8(text));
        if (m.hasMatch()) {
            *http = quint16(m.captured(1).toUInt());
            *tcp = quint16(m.captured(2).toUInt());
            return true;
        }
    }
    qWarning() << "serve did not start:" << process.readAllStandardError();
    return false;
}
