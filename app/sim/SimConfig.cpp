#include "SimConfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace fd::sim {

QString SimConfig::transportName(Transport t)
{
    switch (t) {
    case Transport::Http: return QStringLiteral("http");
    case Transport::Tcp: return QStringLiteral("tcp");
    case Transport::Both: return QStringLiteral("both");
    }
    return {};
}

bool parseSimArguments(const QStringList &arguments, SimConfig *c, bool *serveMode, QString *error)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Simulates Jovision face devices against FaceDesk (or any server speaking the protocol)."));
    p.addHelpOption();
    const auto opt = [&p](const char *name, const char *description, const char *valueName = nullptr,
                          const QString &def = {}) {
        QCommandLineOption o(QString::fromLatin1(name), QString::fromLatin1(description));
        if (valueName) {
            o.setValueName(QString::fromLatin1(valueName));
            o.setDefaultValue(def);
        }
        p.addOption(o);
        return o;
    };
    const auto server = opt("server", "Server address.", "HOST", c->server);
    const auto httpPort = opt("http-port", "Server HTTP port (tokens, HTTP pushes).", "P", QString::number(c->httpPort));
    const auto tcpPort = opt("tcp-port", "Server TCP port (long connection), unless the token reply names one.", "Q",
                             QString::number(c->tcpPort));
    const auto devices = opt("devices", "Number of simulated devices.", "N", QString::number(c->devices));
    const auto types = opt("types", "Device types, round-robin: hex or decimal, e.g. 0x10,0x12,0x14,0x16,0x18.",
                           "LIST", QStringLiteral("0x12"));
    const auto rate = opt("rate", "Face events per second, all devices together.", "EVENTS_PER_S",
                          QString::number(c->rate));
    const auto duration = opt("duration", "Seconds of pushing.", "SECONDS", QString::number(c->duration));
    const auto grace = opt("grace", "Seconds to wait for outstanding acknowledgements.", "SECONDS",
                           QString::number(c->grace));
    const auto faces = opt("faces", "Folder of face photos (identity_N.jpg). Without it, drawn faces.", "DIR");
    const auto transport = opt("transport", "Where pushes go: http, tcp or both.", "MODE", QStringLiteral("both"));
    const auto window = opt("window", "Requests in flight per connection.", "N", QString::number(c->window));
    const auto heartbeat = opt("heartbeat", "Heartbeat interval in seconds.", "SECONDS",
                               QString::number(c->heartbeatSeconds));
    const auto dims = opt("feature-dims", "face_feature length (128..512).", "N", QString::number(c->featureDims));
    const auto capacity = opt("capacity", "Library capacity of each device.", "N", QString::number(c->libraryCapacity));
    const auto noFaceCheck = opt("no-face-check",
                                 "Accept library photos without looking for a face (fast bulk syncs); "
                                 "the JPEG and even-size checks stay.");
    const auto strangers = opt("strangers", "Share of compare events with no library match.", "RATIO",
                               QString::number(c->strangerRatio));
    const auto noBackground = opt("no-background", "Do not send the background image (img_fr).");
    const auto httpReport = opt("http-report", "Capture cameras push sw_cap_face_report over HTTP.");
    const auto sloppy = opt("sloppy", "Write pushes the vendor's sloppy way (hex, full-width commas).");
    const auto user = opt("report-user", "UserName for sw_cap_face_report.", "NAME", c->reportUser);
    const auto password = opt("report-password", "Password (sent as its MD5) for sw_cap_face_report.", "PASSWORD",
                              c->reportPassword);
    const auto prefix = opt("uuid-prefix", "Prefix of the devices' uuids.", "TEXT", c->uuidPrefix);
    const auto seed = opt("seed", "Random seed.", "N", QString::number(c->seed));
    const auto fault = opt("fault",
                           "Fault mode, repeatable: drop-batch[:N] (drop the connection mid-batch), "
                           "slow:MS (answer commands late), malformed:N (a malformed message every N events), "
                           "disconnect:N (drop the connection right after sending every Nth event).",
                           "MODE");
    const auto quiet = opt("quiet", "Log only the summary.");
    const auto ackLog = opt("ack-log",
                            "Write a line per acknowledged event (uuid, img_name, SHA-256 of img_data and img_fr) "
                            "to FILE, or - for standard output.",
                            "FILE");
    const auto serve = opt("serve", "Be a trivial receiver instead: answer every device with success.");

    if (!p.parse(QStringList{QStringLiteral("facedesk-sim")} + arguments)) {
        *error = p.errorText();
        return false;
    }
    if (p.isSet(QStringLiteral("help"))) {
        *error = p.helpText();
        return false;
    }
    bool ok = true;
    const auto number = [&](const QCommandLineOption &o, double min, double max) {
        bool good = false;
        const double v = p.value(o).toDouble(&good);
        if (!good || v < min || v > max) {
            *error = QStringLiteral("--%1 must be a number from %2 to %3").arg(o.names().first()).arg(min).arg(max);
            ok = false;
        }
        return v;
    };
    c->server = p.value(server);
    c->httpPort = quint16(number(httpPort, 0, 65535));
    c->tcpPort = quint16(number(tcpPort, 0, 65535));
    c->devices = int(number(devices, 1, 100000));
    c->rate = number(rate, 0, 1e6);
    c->duration = number(duration, 0, 1e6);
    c->grace = number(grace, 0, 1e5);
    c->window = int(number(window, 1, 1024));
    c->heartbeatSeconds = int(number(heartbeat, 1, 86400));
    c->featureDims = int(number(dims, 128, 512));
    c->libraryCapacity = int(number(capacity, 0, 10000000));
    c->strangerRatio = number(strangers, 0, 1);
    c->seed = quint32(number(seed, 0, 4e9));
    c->facesDir = p.value(faces);
    c->background = !p.isSet(noBackground);
    c->checkFaces = !p.isSet(noFaceCheck);
    c->httpReport = p.isSet(httpReport);
    c->sloppy = p.isSet(sloppy);
    c->reportUser = p.value(user);
    c->reportPassword = p.value(password);
    c->uuidPrefix = p.value(prefix).left(4);
    c->quiet = p.isSet(quiet);
    c->ackLog = p.value(ackLog);
    *serveMode = p.isSet(serve);
    if (!ok)
        return false;

    const QString t = p.value(transport);
    if (t == QLatin1String("http"))
        c->transport = SimConfig::Transport::Http;
    else if (t == QLatin1String("tcp"))
        c->transport = SimConfig::Transport::Tcp;
    else if (t == QLatin1String("both"))
        c->transport = SimConfig::Transport::Both;
    else {
        *error = QStringLiteral("--transport must be http, tcp or both");
        return false;
    }

    c->deviceTypes.clear();
    for (const QString &part : p.value(types).split(u',', Qt::SkipEmptyParts)) {
        bool good = false;
        const QString s = part.trimmed();
        const int v = s.startsWith(QLatin1String("0x")) ? s.mid(2).toInt(&good, 16) : s.toInt(&good);
        if (!good || (v != 0x10 && v != 0x12 && v != 0x14 && v != 0x16 && v != 0x18)) {
            *error = QStringLiteral("--types: %1 is not a face device type (0x10, 0x12, 0x14, 0x16, 0x18)").arg(s);
            return false;
        }
        c->deviceTypes.append(v);
    }
    if (c->deviceTypes.isEmpty()) {
        *error = QStringLiteral("--types is empty");
        return false;
    }

    for (const QString &f : p.values(fault)) {
        const QString name = f.section(u':', 0, 0);
        const QString arg = f.section(u':', 1);
        bool good = arg.isEmpty();
        const int value = arg.isEmpty() ? 1 : arg.toInt(&good);
        if (!good || value < 0) {
            *error = QStringLiteral("--fault %1: bad number").arg(f);
            return false;
        }
        if (name == QLatin1String("drop-batch"))
            c->dropBatches = value;
        else if (name == QLatin1String("slow"))
            c->slowMs = value;
        else if (name == QLatin1String("malformed"))
            c->malformedEvery = value;
        else if (name == QLatin1String("disconnect"))
            c->disconnectEvery = value;
        else {
            *error = QStringLiteral("--fault %1: unknown mode").arg(f);
            return false;
        }
    }
    return true;
}

} // namespace fd::sim
