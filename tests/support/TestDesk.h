// FaceDesk's server side in a test, built by the same runtime `facedesk serve` and the
// window use (runtime/ServerRuntime.h): a fresh archive on either backend
// (TestArchive.h) with a temporary folder for what is local, listeners on loopback at
// free ports, devices admitted at once. The suites that serve devices (server, sync,
// gui) derive their fixtures from it instead of building writer, registry, server
// and sync engine by hand three times.
//
//     TestDesk desk;                      // defaults below, not started
//     desk.options.sync = fastConfig();   // change what the test needs
//     desk.startOrDie();
#pragma once

#include "TestArchive.h"

#include "runtime/ServerRuntime.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>

#include <memory>

struct TestDesk {
    QTemporaryDir dir;
    fd::runtime::RuntimeOptions options = defaults(dir.path());
    std::unique_ptr<fd::runtime::ServerRuntime> runtime;
    // Set by start, for the tests' convenience; owned by the runtime.
    fd::store::DatabaseConfig db;
    fd::store::StoreWriter *writer = nullptr;
    fd::devices::DeviceRegistry *registry = nullptr;
    fd::server::FaceServer *server = nullptr;
    fd::sync::SyncEngine *engine = nullptr;

    TestDesk() = default;
    TestDesk(const TestDesk &) = delete;
    TestDesk &operator=(const TestDesk &) = delete;
    virtual ~TestDesk()
    {
        if (runtime)
            runtime->stop();
        QSqlDatabase::removeDatabase(QStringLiteral("testdesk-check"));
    }

    static fd::runtime::RuntimeOptions defaults(const QString &dataDir)
    {
        fd::runtime::RuntimeOptions o;
        o.database = testarchive::config(dataDir);
        o.registry.acceptNewDevices = true;
        o.registry.reportUser = QStringLiteral("admin");
        o.registry.reportPassword = QStringLiteral("admin");
        o.server.bind = QHostAddress::LocalHost;
        o.server.httpPort = 0;
        o.server.tcpPort = 0;
        o.sync = std::nullopt;  // the suites that test the sync ask for it
        return o;
    }

    bool start(QString *error)
    {
        if (!dir.isValid()) {
            *error = QStringLiteral("no temporary folder");
            return false;
        }
        runtime = std::make_unique<fd::runtime::ServerRuntime>(options);
        if (!runtime->start(error))
            return false;
        db = options.database;
        writer = runtime->writer();
        registry = runtime->registry();
        server = runtime->server();
        engine = runtime->sync();
        return true;
    }
    void startOrDie()
    {
        QString error;
        if (!start(&error))
            qFatal("the test desk did not start: %s", qPrintable(error));
    }

    // Rows of a query on the archive, after the writer has put everything queued on
    // disk (stopping it drains the queue); the writer is started again afterwards.
    QList<QVariantList> rows(const QString &sql)
    {
        writer->stop();
        QList<QVariantList> out;
        {
            QString error;
            QSqlDatabase check = fd::store::openDatabase(db, QStringLiteral("testdesk-check"), &error);
            if (!check.isOpen())
                qWarning("archive: %s", qPrintable(error));
            QSqlQuery q(check);
            if (!q.exec(sql))
                qWarning("query %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            while (q.next()) {
                QVariantList row;
                for (int c = 0; c < q.record().count(); ++c)
                    row << q.value(c);
                out << row;
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("testdesk-check"));
        QString error;
        if (!writer->start(&error))
            qWarning("writer restart: %s", qPrintable(error));
        return out;
    }
    qint64 count(const QString &where = QStringLiteral("1=1"))
    {
        const QList<QVariantList> r = rows(QStringLiteral("SELECT COUNT(*) FROM events WHERE ") + where);
        return r.isEmpty() ? -1 : r.first().value(0).toLongLong();
    }
};
