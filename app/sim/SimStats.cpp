#include "SimStats.h"

#include "protocol/ErrorCodes.h"

#include <QTextStream>

#include <algorithm>
#include <cmath>

namespace fd::sim {

double SimStats::percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const double rank = p / 100.0 * double(values.size() - 1);
    const auto lo = qsizetype(std::floor(rank));
    const auto hi = qsizetype(std::ceil(rank));
    return values[lo] + (values[hi] - values[lo]) * (rank - double(lo));
}

QString SimStats::summary(int devices, const QString &transport, double seconds) const
{
    QString text;
    QTextStream out(&text);
    out.setRealNumberNotation(QTextStream::FixedNotation);
    out.setRealNumberPrecision(2);
    out << "facedesk-sim summary\n";
    out << "  devices:        " << devices << " (" << devicesWithToken << " got a token), transport " << transport
        << ", " << seconds << " s\n";
    out << "  events:         sent " << eventsSent << ", acknowledged " << eventsAcknowledged << ", rejected "
        << eventsRejected << ", unacknowledged " << unacknowledged() << ", retries " << retries << "\n";
    out << "  rate:           " << (seconds > 0 ? double(eventsAcknowledged) / seconds : 0.0)
        << " acknowledged events/s\n";
    out << "  ack latency ms: p50 " << percentile(ackLatencyMs, 50) << ", p90 " << percentile(ackLatencyMs, 90)
        << ", p99 " << percentile(ackLatencyMs, 99) << ", max " << percentile(ackLatencyMs, 100) << "\n";
    out << "  heartbeats:     sent " << heartbeatsSent << ", acknowledged " << heartbeatsAcknowledged << "\n";
    if (malformedSent)
        out << "  malformed:      sent " << malformedSent << ", answered with an error " << malformedAnsweredWithError
            << "\n";
    out << "  library:        commands " << commandsReceived << ", items accepted " << libraryItemsAccepted
        << ", items rejected " << libraryItemsRejected << "\n";
    if (reconnects)
        out << "  reconnects:     " << reconnects << "\n";
    for (auto it = rejectionsByCode.cbegin(); it != rejectionsByCode.cend(); ++it)
        out << "  rejected " << it.value() << " x code " << it.key() << ": " << protocol::resultCodeText(it.key())
            << "\n";
    return text;
}

} // namespace fd::sim
