// The real executables on loopback: facedesk-sim devices pushing to `facedesk serve`
// over HTTP and TCP, the archive checked afterwards; and a SIGKILL of the server in
// the middle of the stream, after which nothing acknowledged may be missing.
#include "../support/ServePorts.h"
#include "store/Database.h"
#include "store/ImageStore.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace fd;

namespace {

const QString kFaces = QStringLiteral(SHARED_DIR "/faces");

// `facedesk serve` as a child process; its first stdout line names its ports.
class Serve {
public:
    bool start(const QString &dataDir, quint16 http = 0, quint16 tcp = 0)
    {
        m_process.setProgram(QStringLiteral(FACEDESK_BINARY));
        m_process.setArguments({QStringLiteral("serve"), QStringLiteral("--data-dir"), dataDir,
                                QStringLiteral("--bind"), QStringLiteral("127.0.0.1"), QStringLiteral("--http-port"),
                                QString::number(http), QStringLiteral("--tcp-port"), QString::number(tcp),
                                QStringLiteral("--accept-new-devices"), QStringLiteral("--report-password"),
                                QStringLiteral("admin")});
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        return startServeAndReadPorts(m_process, &m_http, &m_tcp);
    }
    void kill()
    {
        QSignalSpy done(&m_process, &QProcess::finished);
        m_process.kill();  // SIGKILL: no chance to flush or say goodbye
        done.wait(10000);
    }
    int stop()
    {
        QSignalSpy done(&m_process, &QProcess::finished);
        m_process.terminate();
        if (!done.wait(20000))
            return -1;
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -2;
    }
    quint16 http() const { return m_http; }
    quint16 tcp() const { return m_tcp; }
    QByteArray stderrText() { return m_process.readAllStandardError(); }

private:
    QProcess m_process;
    quint16 m_http = 0;
    quint16 m_tcp = 0;
};

struct AckLine {
    QString uuid, imageName;
    QByteArray faceHash, sceneHash;
};

QList<AckLine> parseAcks(const QByteArray &text)
{
    QList<AckLine> out;
    for (const QByteArray &line : text.split('\n')) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() == 4)
            out.append({QString::fromUtf8(f[0]), QString::fromUtf8(f[1]), f[2], f[3]});
    }
    return out;
}

QStringList simArguments(const Serve &serve, const QStringList &extra)
{
    QStringList args{QStringLiteral("--server"), QStringLiteral("127.0.0.1"), QStringLiteral("--http-port"),
                     QString::number(serve.http()), QStringLiteral("--tcp-port"), QString::number(serve.tcp()),
                     QStringLiteral("--quiet")};
    if (QDir(kFaces).exists())
        args << QStringLiteral("--faces") << kFaces;
    return args + extra;
}

} // namespace

class TestEndToEnd : public QObject {
    Q_OBJECT

private slots:
    void simulatorAgainstServe();
    void killedServerLosesNothingAcknowledged();
};

void TestEndToEnd::simulatorAgainstServe()
{
    QTemporaryDir dir;
    Serve serve;
    QVERIFY(serve.start(dir.path()));
    const QString ackPath = dir.filePath(QStringLiteral("acks.tsv"));
    QProcess sim;
    sim.setProgram(QStringLiteral(SIM_BINARY));
    sim.setArguments(simArguments(serve, {QStringLiteral("--devices"), QStringLiteral("6"), QStringLiteral("--rate"),
                                          QStringLiteral("60"), QStringLiteral("--duration"), QStringLiteral("3"),
                                          QStringLiteral("--types"), QStringLiteral("0x10,0x12,0x14,0x16,0x18"),
                                          QStringLiteral("--transport"), QStringLiteral("both"),
                                          QStringLiteral("--http-report"), QStringLiteral("--ack-log"), ackPath}));
    QSignalSpy simDone(&sim, &QProcess::finished);
    sim.start();
    QVERIFY(simDone.wait(60000));
    const QString summary = QString::fromUtf8(sim.readAllStandardOutput());
    QVERIFY2(sim.exitCode() == 0, qPrintable(summary + QString::fromUtf8(sim.readAllStandardError())));
    QVERIFY2(summary.contains(QLatin1String("sent 180, acknowledged 180")), qPrintable(summary));
    QCOMPARE(serve.stop(), 0);

    QFile ackFile(ackPath);
    QVERIFY(ackFile.open(QIODevice::ReadOnly));
    const QList<AckLine> acks = parseAcks(ackFile.readAll());
    QCOMPARE(acks.size(), 180);

    store::DatabaseConfig db;
    db.dataDir = dir.path();
    QString error;
    {
        QSqlDatabase check = store::openDatabase(db, QStringLiteral("e2e"), &error);
        QVERIFY2(check.isOpen(), qPrintable(error));
        QSqlQuery q(check);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT device_uuid), "
                                      "SUM(method = 'sw_cap_face_report'), SUM(feature_dims = 256) FROM events")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 180);
        QCOMPARE(q.value(1).toInt(), 6);
        QCOMPARE(q.value(2).toInt(), 30);   // the two 0x10 cameras (30 events each) report half over HTTP
        store::ImageStore images(db.imagesDir());
        for (const AckLine &a : acks) {
            QSqlQuery e(check);
            e.prepare(QStringLiteral("SELECT face_path, scene_path FROM events WHERE device_uuid = ? AND img_name = ?"));
            e.addBindValue(a.uuid);
            e.addBindValue(a.imageName);
            QVERIFY(e.exec());
            QVERIFY2(e.next(), qPrintable(a.imageName));
            // Byte-identical after base64: the stored file hashes to what the device sent.
            QFile face(images.absolutePath(e.value(0).toString()));
            QVERIFY(face.open(QIODevice::ReadOnly));
            QCOMPARE(store::ImageStore::contentHash(face.readAll()), a.faceHash);
            QFile scene(images.absolutePath(e.value(1).toString()));
            QVERIFY(scene.open(QIODevice::ReadOnly));
            QCOMPARE(store::ImageStore::contentHash(scene.readAll()), a.sceneHash);
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("e2e"));

    // The headless commands read the same archive.
    QProcess exporter;
    exporter.start(QStringLiteral(FACEDESK_BINARY),
                   {QStringLiteral("export"), QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--out"), QStringLiteral("-")});
    QVERIFY(exporter.waitForFinished(30000));
    QCOMPARE(exporter.exitCode(), 0);
    const QList<QByteArray> rows = exporter.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(rows.size(), 181);
    QVERIFY(rows.first().startsWith("event_id,time,received_at,device_uuid,device_name,method"));
    QProcess devices;
    devices.start(QStringLiteral(FACEDESK_BINARY), {QStringLiteral("devices"), QStringLiteral("--data-dir"), dir.path()});
    QVERIFY(devices.waitForFinished(30000));
    const QString list = QString::fromUtf8(devices.readAllStandardOutput());
    QCOMPARE(list.count(QLatin1String("approved")), 6);
    QCOMPARE(list.count(QLatin1String("\toffline\t")), 6);  // serve said goodbye when stopped
}

void TestEndToEnd::killedServerLosesNothingAcknowledged()
{
    QTemporaryDir dir;
    Serve first;
    QVERIFY(first.start(dir.path()));
    const quint16 http = first.http();
    const quint16 tcp = first.tcp();

    QProcess sim;
    sim.setProgram(QStringLiteral(SIM_BINARY));
    sim.setArguments(simArguments(first, {QStringLiteral("--devices"), QStringLiteral("4"), QStringLiteral("--rate"),
                                          QStringLiteral("80"), QStringLiteral("--duration"), QStringLiteral("5"),
                                          QStringLiteral("--grace"), QStringLiteral("40"), QStringLiteral("--transport"),
                                          QStringLiteral("both"), QStringLiteral("--ack-log"), QStringLiteral("-")}));
    QByteArray ackText;
    QSignalSpy simDone(&sim, &QProcess::finished);
    sim.start();
    // Let the stream run until 60 events are acknowledged, then pull the plug.
    QSignalSpy output(&sim, &QProcess::readyReadStandardOutput);
    while (ackText.count('\n') < 60 && output.wait(20000))
        ackText += sim.readAllStandardOutput();
    QVERIFY(ackText.count('\n') >= 60);
    first.kill();
    const int acknowledgedBeforeKill = int(parseAcks(ackText).size());

    // Same ports, same archive: the devices reconnect, ask for new tokens, retry.
    Serve second;
    QVERIFY(second.start(dir.path(), http, tcp));
    QVERIFY(simDone.wait(90000) || sim.state() == QProcess::NotRunning);
    ackText += sim.readAllStandardOutput();
    QVERIFY2(sim.exitCode() == 0, qPrintable(QString::fromUtf8(ackText.right(2000))));
    QCOMPARE(second.stop(), 0);

    const QList<AckLine> acks = parseAcks(ackText);
    QCOMPARE(acks.size(), 400);  // 80 events/s for 5 s, every one acknowledged in the end
    QVERIFY(acknowledgedBeforeKill < 400);
    store::DatabaseConfig db;
    db.dataDir = dir.path();
    QString error;
    {
        QSqlDatabase check = store::openDatabase(db, QStringLiteral("crash"), &error);
        QVERIFY2(check.isOpen(), qPrintable(error));
        QSqlQuery q(check);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT device_uuid || '/' || img_name) FROM events")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 400);  // no gaps
        QCOMPARE(q.value(1).toInt(), 400);  // no duplicates from the retries
        for (const AckLine &a : acks) {
            QSqlQuery e(check);
            e.prepare(QStringLiteral("SELECT 1 FROM events WHERE device_uuid = ? AND img_name = ?"));
            e.addBindValue(a.uuid);
            e.addBindValue(a.imageName);
            QVERIFY(e.exec());
            QVERIFY2(e.next(), qPrintable(QStringLiteral("acknowledged but missing: ") + a.imageName));
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("crash"));
}

QTEST_GUILESS_MAIN(TestEndToEnd)
#include "tst_endtoend.moc"
