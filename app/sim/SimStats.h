// What a simulator run did, for its closing summary and its exit status.
#pragma once

#include <QList>
#include <QMap>
#include <QString>

namespace fd::sim {

struct SimStats {
    qint64 eventsSent = 0;          // distinct events generated and sent at least once
    qint64 eventsAcknowledged = 0;  // answered with code 0
    qint64 eventsRejected = 0;      // answered with an error that retrying cannot fix
    qint64 retries = 0;
    qint64 heartbeatsSent = 0;
    qint64 heartbeatsAcknowledged = 0;
    qint64 malformedSent = 0;
    qint64 malformedAnsweredWithError = 0;
    qint64 commandsReceived = 0;
    qint64 libraryItemsAccepted = 0;
    qint64 libraryItemsRejected = 0;
    qint64 reconnects = 0;
    int devicesWithToken = 0;
    QMap<int, qint64> rejectionsByCode;
    QList<double> ackLatencyMs;

    qint64 unacknowledged() const { return eventsSent - eventsAcknowledged - eventsRejected; }
    static double percentile(QList<double> values, double p);
    QString summary(int devices, const QString &transport, double seconds) const;
};

} // namespace fd::sim
