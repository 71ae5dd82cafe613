// Helper of tests/bench/bench_ingest.sh: the request bodies wrk sends, and the
// devices those bodies claim to come from.
//
//   make_push_body body --face-bytes N [--background-bytes M] [--feature-dims D] --out FILE
//       Writes one real sw_face_compare_push, made by fd::protocol::encode, as a
//       template with three placeholders that the wrk script fills in per request:
//       @@UUID@@ and @@TOKEN@@ (the device), and @@SEQ@@ (16 hex digits, new for every
//       request) in img_name, img_fr_name and inside the base64 text of both images.
//       So no two requests are the same event (FaceDesk drops retries by a key over
//       uuid, img_name, capture time and the face's hash) and every event brings new
//       image bytes (FaceDesk stores images by content hash: repeated bytes would be
//       written once and never again, which no camera does).
//
//   make_push_body devices --devices N [--first K] --out FILE.lua [--server HOST --http-port P] [--hold]
//       Writes a Lua table { {uuid, token}, ... } for N device uuids (BNCH00000000..,
//       or from BNCH0000000K: several fleets, one per collector, never share a device).
//       With --http-port, each device asks the server for its token the way a device
//       does (accesstoken over HTTP); without it, tokens are made up (64 hex digits,
//       the size of FaceDesk's), for targets that do not check them (nginx). With
//       --hold it then opens every device's TCP long connection to the port the token
//       reply names and heartbeats on it every --heartbeat seconds, so the server has
//       N devices online while wrk pushes; it prints "make_push_body: N devices online"
//       and runs until it is killed.
#include "framing/HttpFraming.h"
#include "net/PeerConnection.h"
#include "protocol/ErrorCodes.h"
#include "protocol/MessageCodec.h"
#include "../support/JpegShell.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

using namespace fd;
using namespace fd::protocol;

namespace {

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

QByteArray randomJpegLike(int size, quint32 seed)
{
    if (size <= 0)
        return {};
    // Random bytes in comment segments of a JPEG's structure: what FaceDesk checks
    // before it stores an image (image/PushedJpeg). The @@SEQ@@ mark lands in them.
    // The shell is kJpegShellBytes, plus its scan (kScanBytes), plus 4 bytes of
    // header per comment segment: together exactly `size` bytes.
    constexpr int kScanBytes = 4;
    const int segments = int(size / 65537) + 1;
    QByteArray b(qMax(256, size - kJpegShellBytes - kScanBytes - 4 * segments), Qt::Uninitialized);
    QRandomGenerator rng(seed);
    rng.fillRange(reinterpret_cast<quint32 *>(b.data()), b.size() / 4);
    return jpegShell(b, kScanBytes);
}

// Replaces 16 base64 characters of the image's text (a whole number of quads, well
// after the JPEG header) with @@SEQ@@: 16 hex digits are valid base64 and decode to
// 12 different bytes per request.
bool markImage(QByteArray &json, const QByteArray &image)
{
    if (image.size() < 256)
        return false;
    const QByteArray b64 = image.toBase64();
    const qsizetype at = json.indexOf(b64);
    if (at < 0)
        return false;
    json.replace(at + 64, 16, "@@SEQ@@");
    return true;
}

int makeBody(const QCommandLineParser &p)
{
    const int faceBytes = p.value(QStringLiteral("face-bytes")).toInt();
    const int backgroundBytes = p.value(QStringLiteral("background-bytes")).toInt();
    const int dims = p.value(QStringLiteral("feature-dims")).toInt();
    const QString out = p.value(QStringLiteral("out"));
    if (faceBytes < 256 || backgroundBytes < 0 || dims < 0 || out.isEmpty()) {
        err() << "make_push_body body: --face-bytes (>= 256) and --out are required" << Qt::endl;
        return 2;
    }
    FacePush push;
    push.kind = FacePush::Kind::Compare;
    push.uuid = QStringLiteral("@@UUID@@");
    push.token = QStringLiteral("@@TOKEN@@");
    push.mac = QStringLiteral("02:fd:12:00:00:01");
    push.host = QStringLiteral("127.0.0.1");
    push.productName = QStringLiteral("Bench gate");
    push.deviceType = 0x12;
    push.channel = 0;
    push.indexId = 478;
    push.picSort = 2;
    push.picName = QStringLiteral("478.jpg");
    push.matchScore = 0.93;
    push.position = FaceRect{812, 204, 180, 180, true};
    push.captureTimeText = QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    push.sendTimeText = push.captureTimeText;
    push.quality = 91;
    push.visitCount = 3;
    push.attributes = FaceAttributes{34, 1, 0, 0, 0, 1, 2};
    push.image = randomJpegLike(faceBytes, 1);
    push.imageName = QStringLiteral("FACE_@@UUID@@_@@SEQ@@.jpg");
    push.background = randomJpegLike(backgroundBytes, 2);
    if (!push.background.isEmpty())
        push.backgroundName = QStringLiteral("FACE_@@UUID@@_@@SEQ@@_YT.jpg");
    QRandomGenerator rng(3);
    for (int i = 0; i < dims; ++i)
        push.feature.append(float(rng.generateDouble() - 0.5));

    QByteArray json = encode(push);
    if (!markImage(json, push.image) || (!push.background.isEmpty() && !markImage(json, push.background))) {
        err() << "make_push_body body: the encoded image text was not found" << Qt::endl;
        return 1;
    }
    // Guard: once filled in, the template must decode to the push it claims to be.
    QByteArray sample = json;
    sample.replace("@@UUID@@", "BNCH00000000").replace("@@TOKEN@@", QByteArray(64, 'a'));
    sample.replace("@@SEQ@@", "0001000000000001");
    const Decoded d = decode(sample);
    const auto *back = d.as<FacePush>();
    if (!back || back->image.size() != faceBytes || back->background.size() != backgroundBytes
        || back->feature.size() != dims) {
        err() << "make_push_body body: the template does not decode back: " << d.error.describe() << Qt::endl;
        return 1;
    }
    QFile f(out);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(json) != json.size()) {
        err() << "make_push_body body: cannot write " << out << Qt::endl;
        return 1;
    }
    QTextStream(stdout) << "make_push_body: " << out << ": " << sample.size() << " bytes per request (face "
                        << faceBytes << " B, background " << backgroundBytes << " B, " << dims << " feature values)"
                        << Qt::endl;
    return 0;
}

// ---- devices ---------------------------------------------------------------------------

class Fleet : public QObject {
public:
    Fleet(QString server, quint16 httpPort, int first, int devices, int heartbeatSeconds, bool hold, QString out)
        : m_server(std::move(server)), m_httpPort(httpPort), m_hold(hold), m_out(std::move(out))
    {
        for (int i = 0; i < devices; ++i)
            m_uuids.append(QStringLiteral("BNCH%1").arg(first + i, 8, 10, QLatin1Char('0')));
        m_tokens.resize(devices);
        m_beat.setInterval(heartbeatSeconds * 1000);
        connect(&m_beat, &QTimer::timeout, this, [this] {
            for (int i = 0; i < m_long.size(); ++i)
                heartbeat(i);
        });
    }

    void start()
    {
        if (m_httpPort == 0) {
            // Made-up tokens: same length as FaceDesk's, for targets that ignore them.
            for (int i = 0; i < m_uuids.size(); ++i)
                m_tokens[i] = QString::fromLatin1(QByteArray::number(quint64(i) + 1, 16).rightJustified(64, '0'));
            finishTokens();
            return;
        }
        auto *socket = new QTcpSocket(this);
        m_http = new net::PeerConnection(socket, net::FrameReader::Role::Client, {}, this);
        connect(socket, &QTcpSocket::connected, this, [this] { askToken(); });
        connect(socket, &QTcpSocket::errorOccurred, this, [this, socket](QAbstractSocket::SocketError) {
            if (m_next < m_uuids.size())  // after the last token, a close is expected
                fail(QStringLiteral("HTTP connection: %1").arg(socket->errorString()));
        });
        connect(m_http, &net::PeerConnection::frameReceived, this, [this](const net::Frame &f) { onToken(f); });
        socket->connectToHost(m_server, m_httpPort);
    }

private:
    void fail(const QString &why)
    {
        err() << "make_push_body devices: " << why << Qt::endl;
        QCoreApplication::exit(1);
    }

    void askToken()
    {
        AccessTokenRequest req;
        req.uuid = m_uuids[m_next];
        req.deviceKey = QStringLiteral("jovision");
        req.deviceType = 0x12;
        req.mac = QStringLiteral("02:fd:12:%1:%2:%3")
                      .arg((m_next >> 16) & 0xFF, 2, 16, QLatin1Char('0'))
                      .arg((m_next >> 8) & 0xFF, 2, 16, QLatin1Char('0'))
                      .arg(m_next & 0xFF, 2, 16, QLatin1Char('0'));
        req.timestamp = QDateTime::currentSecsSinceEpoch();
        const QByteArray host = m_server.toLatin1() + ':' + QByteArray::number(m_httpPort);
        m_http->send(framing::buildHttpRequest("POST", "/cloud_kq/api/getAccessToken", host, encode(req), true));
    }

    void onToken(const net::Frame &frame)
    {
        const Decoded d = decode(frame.json);
        const auto *t = d.as<AccessTokenReply>();
        if (!t || t->code != code::Ok || t->token.isEmpty()) {
            fail(QStringLiteral("no token for %1: %2").arg(m_uuids[m_next], QString::fromUtf8(frame.json.left(200))));
            return;
        }
        m_tokens[m_next] = t->token;
        if (t->tcpPort > 0)
            m_tcpPort = quint16(t->tcpPort);
        if (++m_next < m_uuids.size()) {
            askToken();
            return;
        }
        m_http->closeAfterWrite();
        finishTokens();
    }

    void finishTokens()
    {
        QByteArray lua = "return {\n";
        for (int i = 0; i < m_uuids.size(); ++i)
            lua += "{\"" + m_uuids[i].toLatin1() + "\",\"" + m_tokens[i].toLatin1() + "\"},\n";
        lua += "}\n";
        QFile f(m_out);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(lua) != lua.size()) {
            fail(QStringLiteral("cannot write %1").arg(m_out));
            return;
        }
        f.close();
        QTextStream(stdout) << "make_push_body: " << m_uuids.size() << " device tokens in " << m_out << Qt::endl;
        if (!m_hold || m_httpPort == 0) {
            QCoreApplication::exit(0);
            return;
        }
        if (m_tcpPort == 0) {
            fail(QStringLiteral("the token reply named no TCP port"));
            return;
        }
        for (int i = 0; i < m_uuids.size(); ++i) {
            auto *socket = new QTcpSocket(this);
            auto *c = new net::PeerConnection(socket, net::FrameReader::Role::Client, {}, this);
            m_long.append(c);
            connect(socket, &QTcpSocket::connected, this, [this, i] { heartbeat(i); });
            connect(socket, &QTcpSocket::errorOccurred, this, [this, i, socket](QAbstractSocket::SocketError) {
                fail(QStringLiteral("long connection of %1: %2").arg(m_uuids[i], socket->errorString()));
            });
            connect(c, &net::PeerConnection::frameReceived, this, [this, i](const net::Frame &f) { onBeat(i, f); });
            socket->connectToHost(m_server, m_tcpPort);
        }
        m_beat.start();
    }

    void heartbeat(int i)
    {
        KeepaliveRequest k;
        k.uuid = m_uuids[i];
        k.mac = QStringLiteral("02:fd:12:00:00:01");
        k.deviceType = 0x12;
        k.timestamp = QString::number(QDateTime::currentSecsSinceEpoch());
        k.softVersion = QStringLiteral("bench_ingest");
        k.token = m_tokens[i];
        m_long[i]->send(encode(k));
    }

    void onBeat(int i, const net::Frame &frame)
    {
        const Decoded d = decode(frame.json);
        const auto *k = d.as<KeepaliveReply>();
        if (!k || k->code != code::Ok) {
            fail(QStringLiteral("heartbeat of %1 refused: %2").arg(m_uuids[i], QString::fromUtf8(frame.json.left(200))));
            return;
        }
        if (++m_beatsAnswered == m_uuids.size())
            QTextStream(stdout) << "make_push_body: " << m_uuids.size() << " devices online" << Qt::endl;
    }

    QString m_server;
    quint16 m_httpPort;
    quint16 m_tcpPort = 0;
    bool m_hold;
    QString m_out;
    QStringList m_uuids;
    QStringList m_tokens;
    int m_next = 0;
    int m_beatsAnswered = 0;
    net::PeerConnection *m_http = nullptr;
    QList<net::PeerConnection *> m_long;
    QTimer m_beat;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Request bodies and device tokens for bench_ingest.sh."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("mode"), QStringLiteral("body or devices"));
    p.addOptions({
        {QStringLiteral("face-bytes"), QStringLiteral("Size of img_data."), QStringLiteral("N"), QStringLiteral("20480")},
        {QStringLiteral("background-bytes"), QStringLiteral("Size of img_fr (0: none)."), QStringLiteral("N"), QStringLiteral("0")},
        {QStringLiteral("feature-dims"), QStringLiteral("face_feature values."), QStringLiteral("N"), QStringLiteral("256")},
        {QStringLiteral("out"), QStringLiteral("File to write."), QStringLiteral("FILE")},
        {QStringLiteral("devices"), QStringLiteral("Number of devices."), QStringLiteral("N"), QStringLiteral("1")},
        {QStringLiteral("first"), QStringLiteral("Number of the first device's uuid."), QStringLiteral("K"), QStringLiteral("0")},
        {QStringLiteral("server"), QStringLiteral("Server address."), QStringLiteral("HOST"), QStringLiteral("127.0.0.1")},
        {QStringLiteral("http-port"), QStringLiteral("Server HTTP port (0: made-up tokens)."), QStringLiteral("P"), QStringLiteral("0")},
        {QStringLiteral("heartbeat"), QStringLiteral("Heartbeat interval, seconds."), QStringLiteral("S"), QStringLiteral("30")},
        {QStringLiteral("hold"), QStringLiteral("Keep every device's long connection open, heartbeating.")},
    });
    p.process(app);
    const QStringList mode = p.positionalArguments();
    if (mode == QStringList{QStringLiteral("body")})
        return makeBody(p);
    if (mode != QStringList{QStringLiteral("devices")} || !p.isSet(QStringLiteral("out"))) {
        err() << p.helpText();
        return 2;
    }
    const int devices = p.value(QStringLiteral("devices")).toInt();
    const int heartbeat = p.value(QStringLiteral("heartbeat")).toInt();
    if (devices < 1 || heartbeat < 1 || p.value(QStringLiteral("first")).toInt() < 0) {
        err() << "make_push_body devices: --devices and --heartbeat must be positive, --first not negative" << Qt::endl;
        return 2;
    }
    const int first = p.value(QStringLiteral("first")).toInt();
    Fleet fleet(p.value(QStringLiteral("server")), quint16(p.value(QStringLiteral("http-port")).toUInt()), first, devices,
                heartbeat, p.isSet(QStringLiteral("hold")), p.value(QStringLiteral("out")));
    QTimer::singleShot(0, &fleet, [&fleet] { fleet.start(); });
    return app.exec();
}
