// Everything a facedesk-sim run is told on its command line.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace fd::sim {

struct SimConfig {
    enum class Transport { Http, Tcp, Both };

    QString server = QStringLiteral("127.0.0.1");
    quint16 httpPort = 8070;
    quint16 tcpPort = 18567;
    int devices = 1;
    QList<int> deviceTypes = {0x12};  // assigned round-robin
    double rate = 10;                 // events per second, all devices together
    double duration = 10;             // seconds of pushing
    double grace = 20;                // seconds to wait for the last acknowledgements
    QString facesDir;
    Transport transport = Transport::Both;
    int window = 4;                   // requests in flight per connection
    int heartbeatSeconds = 30;
    int featureDims = 256;
    int libraryCapacity = 10000;
    bool checkFaces = true;           // library photos must show exactly one face (Haar)
    double strangerRatio = 0.3;
    bool background = true;           // send img_fr
    bool httpReport = false;          // capture cameras use sw_cap_face_report over HTTP
    bool sloppy = false;              // write pushes the vendor's sloppy way
    QString deviceKey = QStringLiteral("jovision");
    QString reportUser = QStringLiteral("admin");
    QString reportPassword = QStringLiteral("admin");
    QString uuidPrefix = QStringLiteral("SIM");
    quint32 seed = 1;
    bool quiet = false;
    QString ackLog;                   // one line per acknowledged event; "-" for stdout

    // Fault modes, for tests.
    int dropBatches = 0;              // drop the connection in the middle of the first N batches
    int slowMs = 0;                   // answer library commands this late
    int malformedEvery = 0;           // also send a malformed message every N events
    int disconnectEvery = 0;          // drop the connection right after sending every Nth event

    static QString transportName(Transport t);
};

// Parses arguments (without the program name); on failure returns false and sets *error.
bool parseSimArguments(const QStringList &arguments, SimConfig *config, bool *serveMode, QString *error);

} // namespace fd::sim
