// facedesk-sim: simulated Jovision face devices, FaceDesk's protocol peer for
// tests, demos and benchmarks. See `facedesk-sim --help` and docs/PROTOCOL.md.
#include "AckingReceiver.h"
#include "SimConfig.h"
#include "SimRunner.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("facedesk-sim"));
    QTextStream err(stderr);
    QTextStream out(stdout);

    fd::sim::SimConfig config;
    bool serve = false;
    QString error;
    if (!fd::sim::parseSimArguments(app.arguments().mid(1), &config, &serve, &error)) {
        const bool help = app.arguments().contains(QStringLiteral("--help")) || app.arguments().contains(QStringLiteral("-h"));
        (help ? out : err) << error << Qt::endl;
        return help ? 0 : 2;
    }

    if (serve) {
        fd::sim::AckingReceiver receiver;
        if (!receiver.listen(QHostAddress(config.server), config.httpPort, config.tcpPort, &error)) {
            err << "facedesk-sim --serve: " << error << Qt::endl;
            return 2;
        }
        out << "facedesk-sim: acknowledging everything on HTTP port " << receiver.httpPort() << " and TCP port "
            << receiver.tcpPort() << Qt::endl;
        std::signal(SIGINT, [](int) { QCoreApplication::quit(); });
        std::signal(SIGTERM, [](int) { QCoreApplication::quit(); });
        const int rc = app.exec();
        out << "facedesk-sim --serve: " << receiver.pushes() << " pushes acknowledged, " << receiver.decodeErrors()
            << " undecodable" << Qt::endl;
        return rc;
    }

    fd::sim::SimRunner runner(config);
    if (!runner.prepare(&error)) {
        err << "facedesk-sim: " << error << Qt::endl;
        return 2;
    }
    QObject::connect(&runner, &fd::sim::SimRunner::finished, &app, [&](int code) {
        // The rate is over the whole run, the grace period for late acknowledgements included.
        out << runner.stats().summary(config.devices, fd::sim::SimConfig::transportName(config.transport),
                                      runner.elapsedSeconds());
        out.flush();
        QCoreApplication::exit(code);
    });
    runner.start();
    return app.exec();
}
