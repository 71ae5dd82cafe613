// Framing: HTTP/1.0 and 1.1 over http_parser (the vendor's header examples verbatim,
// every truncation, keep-alive, chunking, pipelining, limits, hostile input), the
// writers' round trip, the string-aware JSON stream scanner and its resumable state,
// the sniffer that tells the two apart, and the FrameReader that strings them together.
#include "framing/HttpFraming.h"
#include "framing/JsonStreamFraming.h"
#include "net/FrameReader.h"

#include <QFile>
#include <QRandomGenerator>
#include <QtTest>

using namespace fd::framing;
using fd::net::Frame;
using fd::net::FrameReader;

Q_DECLARE_METATYPE(fd::framing::FrameStatus)
Q_DECLARE_METATYPE(fd::framing::Framing)

namespace fd::framing {

// Readable failure messages for QCOMPARE (found by argument-dependent lookup).
char *toString(FrameStatus s)
{
    switch (s) {
    case FrameStatus::NeedMore: return qstrdup("NeedMore");
    case FrameStatus::Complete: return qstrdup("Complete");
    case FrameStatus::Error: return qstrdup("Error");
    }
    return qstrdup("FrameStatus(?)");
}

char *toString(Framing f)
{
    switch (f) {
    case Framing::Unknown: return qstrdup("Unknown");
    case Framing::NeedMore: return qstrdup("NeedMore");
    case Framing::Http: return qstrdup("Http");
    case Framing::Json: return qstrdup("Json");
    }
    return qstrdup("Framing(?)");
}

} // namespace fd::framing

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

constexpr qsizetype MiB = 1024 * 1024;

QByteArray example(const char *name)
{
    QFile f(QStringLiteral(SPEC_EXAMPLES_DIR "/") + QString::fromLatin1(name) + QStringLiteral(".txt"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing spec example %s", name);
    return f.readAll();
}

// A JSON object of exactly `size` bytes whose one string holds braces, brackets,
// colons and commas, so that a scanner which ignored strings would miscount.
QByteArray jsonOfSize(qsizetype size)
{
    Q_ASSERT(size >= 10);
    static const char pattern[] = "ab{c}[d]e:f,g}}]]";
    QByteArray filler;
    filler.reserve(size);
    for (qsizetype i = 0; i < size - 10; ++i)
        filler += pattern[i % qsizetype(sizeof(pattern) - 1)];
    QByteArray out = "{\"pad\":\"" + filler + "\"}";
    Q_ASSERT(out.size() == size);
    return out;
}

QByteArray crlf(QByteArray lfText)
{
    return lfText.replace("\n", "\r\n");
}

// The vendor's request header (bare LF as in the spec), its end, and a 172-byte body.
QByteArray specRequestWire(bool crlfLineEnds)
{
    const QByteArray head = example("http_request_header") + "\n\n";
    return (crlfLineEnds ? crlf(head) : head) + jsonOfSize(172);
}

QByteArray specResponseWire(bool crlfLineEnds)
{
    const QByteArray head = example("http_response_header") + "\n\n";
    return (crlfLineEnds ? crlf(head) : head) + jsonOfSize(347);
}

// Every byte value twice, and the byte sequences that end headers and chunked bodies.
QByteArray binaryBody()
{
    QByteArray b;
    for (int round = 0; round < 2; ++round)
        for (int i = 0; i < 256; ++i)
            b += char(i);
    b += "\r\n\r\n0\r\n\r\nHTTP/1.1 200 OK\r\n\r\n{}";
    b += '\0';
    return b;
}

QByteArray chunked(const QList<QByteArray> &chunks, const QByteArray &trailer = {})
{
    QByteArray out;
    for (const QByteArray &c : chunks)
        out += QByteArray::number(c.size(), 16) + "\r\n" + c + "\r\n";
    out += "0\r\n" + trailer + "\r\n";
    return out;
}

QByteArray postRequest(const QByteArray &target, const QByteArray &body)
{
    return "POST " + target + " HTTP/1.1\r\nHost: 10.0.0.2:8127\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// Cuts every whole object off the front of the stream, as a connection would.
QList<QByteArray> splitJsonStream(QByteArray stream, FrameStatus *last, const FrameLimits &limits = {})
{
    QList<QByteArray> objects;
    for (;;) {
        JsonScanState state;
        const JsonFrameResult r = scanJsonFrame(stream, state, limits);
        *last = r.status;
        if (r.status != FrameStatus::Complete)
            return objects;
        if (r.frameSize <= r.frameStart || stream.at(r.frameStart) != '{' || stream.at(r.frameSize - 1) != '}') {
            *last = FrameStatus::Error;  // not a plausible frame: make the caller's comparison fail
            return objects;
        }
        objects.append(stream.mid(r.frameStart, r.frameSize - r.frameStart));
        stream.remove(0, r.frameSize);
    }
}

struct ReaderRun {
    QList<Frame> frames;
    FrameReader::Status last = FrameReader::Status::NeedMore;
    qsizetype buffered = 0;
};

// Feeds the stream in pieces of `chunk` bytes (0: all at once), taking every frame
// the reader will give after each piece.
ReaderRun runReader(FrameReader::Role role, const QByteArray &stream, qsizetype chunk,
                    const FrameLimits &limits = {}, bool eofAtEnd = false)
{
    ReaderRun run;
    FrameReader reader(role, limits);
    const qsizetype step = chunk > 0 ? chunk : qMax<qsizetype>(stream.size(), 1);
    for (qsizetype at = 0; at < stream.size() || (at == 0 && stream.isEmpty()); at += step) {
        reader.append(stream.mid(at, step));
        if (eofAtEnd && at + step >= stream.size())
            reader.markEof();
        for (;;) {
            Frame frame;
            run.last = reader.next(&frame);
            if (run.last != FrameReader::Status::Frame)
                break;
            run.frames.append(frame);
        }
        if (run.last == FrameReader::Status::Error)
            break;
        if (stream.isEmpty())
            break;
    }
    run.buffered = reader.buffered();
    return run;
}

} // namespace

class TestFraming : public QObject {
    Q_OBJECT

private slots:
    // HTTP requests
    void specRequest_data();
    void specRequest();
    void requestAtEveryOffset_data();
    void requestAtEveryOffset();
    void keepAlive_data();
    void keepAlive();
    void chunkedBody_data();
    void chunkedBody();
    void pipelined_data();
    void pipelined();
    void bodyLimit_data();
    void bodyLimit();
    void headerLimit_data();
    void headerLimit();
    void headerLimitAtEveryOffset();
    void headerLimitIndependentOfSegmentation();
    void malformedRequest_data();
    void malformedRequest();
    void targetPath_data();
    void targetPath();
    void headerLookup();
    // HTTP responses
    void specResponse_data();
    void specResponse();
    void responseAtEveryOffset();
    void responseUntilEof_data();
    void responseUntilEof();
    void responseWithoutBody_data();
    void responseWithoutBody();
    // Writers
    void roundTripRequest_data();
    void roundTripRequest();
    void roundTripResponse_data();
    void roundTripResponse();
    // The JSON stream
    void jsonStream_data();
    void jsonStream();
    void jsonLeadingWhiteSpace_data();
    void jsonLeadingWhiteSpace();
    void jsonNeedMore_data();
    void jsonNeedMore();
    void jsonSplitAtEveryOffset_data();
    void jsonSplitAtEveryOffset();
    void jsonResumeLargeObject();
    void jsonSizeLimit_data();
    void jsonSizeLimit();
    void jsonDepthLimit_data();
    void jsonDepthLimit();
    void jsonRejectsNonObject_data();
    void jsonRejectsNonObject();
    // The sniffer
    void sniff_data();
    void sniff();
    // FrameReader
    void readerMixedStream_data();
    void readerMixedStream();
    void readerJsonBackToBack_data();
    void readerJsonBackToBack();
    void readerWhiteSpaceBetweenFrames_data();
    void readerWhiteSpaceBetweenFrames();
    void readerRejectsGarbage_data();
    void readerRejectsGarbage();
    void readerLimitErrors_data();
    void readerLimitErrors();
    void readerClient();
    void readerDropsIdleWhiteSpace();
    void readerNulPaddingIsBounded();
};

// ---------------------------------------------------------------- HTTP requests

void TestFraming::specRequest_data()
{
    QTest::addColumn<bool>("crlfLineEnds");
    QTest::newRow("verbatim, bare LF") << false;
    QTest::newRow("CRLF") << true;
}

void TestFraming::specRequest()
{
    QFETCH(bool, crlfLineEnds);
    const QByteArray header = example("http_request_header");
    QVERIFY(header.startsWith("POST / HTTP/1.0\n"));
    QVERIFY(!header.contains('\r'));
    const QByteArray wire = specRequestWire(crlfLineEnds);

    const HttpParseResult r = parseHttpRequest(wire);
    QCOMPARE(r.status, FrameStatus::Complete);
    QCOMPARE(r.frameSize, wire.size());
    QCOMPARE(r.httpStatusForError, 0);
    QVERIFY(r.error.isEmpty());
    const HttpMessage &m = r.message;
    QVERIFY(m.isRequest);
    QCOMPARE(m.method, QByteArray("POST"));
    QCOMPARE(m.target, QByteArray("/"));
    QCOMPARE(m.path(), QByteArray("/"));
    QCOMPARE(m.versionMajor, 1);
    QCOMPARE(m.versionMinor, 0);
    const Headers expected = {
        {"Connection", "keep-alive"},
        {"Content-Type", "application/json;charset=utf-8"},
        {"Content-Length", "172"},
        {"Host", "192.168.5.146:8127"},
    };
    QCOMPARE(m.headers, expected);
    QCOMPARE(m.header("host"), QByteArray("192.168.5.146:8127"));
    QCOMPARE(m.header("CONTENT-LENGTH"), QByteArray("172"));
    QCOMPARE(m.body.size(), 172);
    QCOMPARE(m.body, jsonOfSize(172));
    QVERIFY(m.keepAlive);  // HTTP/1.0 with Connection: keep-alive
}

void TestFraming::requestAtEveryOffset_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("spec, bare LF") << specRequestWire(false) << jsonOfSize(172);
    QTest::newRow("spec, CRLF") << specRequestWire(true) << jsonOfSize(172);
    const QList<QByteArray> chunks = {jsonOfSize(40), QByteArray("\r\n0\r\n\r\n"), jsonOfSize(17)};
    QTest::newRow("chunked")
        << QByteArray("POST /faceinfo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(chunks))
        << QByteArray(chunks[0] + chunks[1] + chunks[2]);
    QTest::newRow("binary body") << postRequest("/x", binaryBody()) << binaryBody();
    QTest::newRow("GET without body") << QByteArray("GET /status?x=1 HTTP/1.1\r\nHost: h\r\n\r\n") << QByteArray();
    QTest::newRow("Content-Length: 0") << postRequest("/", QByteArray()) << QByteArray();
}

void TestFraming::requestAtEveryOffset()
{
    QFETCH(QByteArray, wire);
    QFETCH(QByteArray, body);
    for (qsizetype n = 0; n < wire.size(); ++n) {
        const HttpParseResult r = parseHttpRequest(QByteArrayView(wire.constData(), n));
        if (r.status != FrameStatus::NeedMore)
            QFAIL(qPrintable(QStringLiteral("a prefix of %1 of %2 bytes gave status %3 (%4)")
                                 .arg(n)
                                 .arg(wire.size())
                                 .arg(int(r.status))
                                 .arg(r.error)));
        QCOMPARE(r.frameSize, 0);
    }
    const HttpParseResult whole = parseHttpRequest(wire);
    QCOMPARE(whole.status, FrameStatus::Complete);
    QCOMPARE(whole.frameSize, wire.size());
    QCOMPARE(whole.message.body, body);

    // With the start of the next message behind it, the frame ends at the same place.
    const QByteArray more = wire + "POST / HTTP/1.1\r\nContent-Le";
    const HttpParseResult first = parseHttpRequest(more);
    QCOMPARE(first.status, FrameStatus::Complete);
    QCOMPARE(first.frameSize, wire.size());
    QCOMPARE(first.message.body, body);
}

void TestFraming::keepAlive_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("minor");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("1.0, no Connection") << QByteArray("POST / HTTP/1.0\r\nContent-Length: 2\r\n\r\n{}") << 0 << false;
    QTest::newRow("1.0, keep-alive")
        << QByteArray("POST / HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\n{}") << 0 << true;
    QTest::newRow("1.0, Keep-Alive mixed case")
        << QByteArray("POST / HTTP/1.0\r\nconnection: Keep-Alive\r\nContent-Length: 2\r\n\r\n{}") << 0 << true;
    QTest::newRow("1.0, close")
        << QByteArray("POST / HTTP/1.0\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}") << 0 << false;
    QTest::newRow("1.0, bare LF, keep-alive")
        << QByteArray("POST / HTTP/1.0\nConnection: keep-alive\nContent-Length: 2\n\n{}") << 0 << true;
    QTest::newRow("1.1, default") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}") << 1 << true;
    QTest::newRow("1.1, keep-alive")
        << QByteArray("POST / HTTP/1.1\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\n{}") << 1 << true;
    QTest::newRow("1.1, close")
        << QByteArray("POST / HTTP/1.1\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}") << 1 << false;
    QTest::newRow("1.1, Close mixed case")
        << QByteArray("POST / HTTP/1.1\r\nCONNECTION: Close\r\nContent-Length: 2\r\n\r\n{}") << 1 << false;
    QTest::newRow("1.1, GET, close") << QByteArray("GET / HTTP/1.1\r\nConnection: close\r\n\r\n") << 1 << false;
}

void TestFraming::keepAlive()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, minor);
    QFETCH(bool, keepAlive);
    const HttpParseResult r = parseHttpRequest(wire);
    QCOMPARE(r.status, FrameStatus::Complete);
    QCOMPARE(r.frameSize, wire.size());
    QCOMPARE(r.message.versionMajor, 1);
    QCOMPARE(r.message.versionMinor, minor);
    QCOMPARE(r.message.keepAlive, keepAlive);
}

void TestFraming::chunkedBody_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArray>("body");
    const QByteArray head = "POST /faceinfo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
    QTest::newRow("two chunks") << QByteArray(head + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n") << QByteArray("hello world");
    QTest::newRow("one chunk") << QByteArray(head + chunked({jsonOfSize(300)})) << jsonOfSize(300);
    QTest::newRow("no chunks") << QByteArray(head + "0\r\n\r\n") << QByteArray();
    QTest::newRow("upper-case hex, leading zeros")
        << QByteArray(head + "0000A\r\n0123456789\r\n1B\r\n" + QByteArray(27, 'x') + "\r\n0\r\n\r\n")
        << QByteArray("0123456789" + QByteArray(27, 'x'));
    QTest::newRow("chunk extensions")
        << QByteArray(head + "3;name=value\r\nabc\r\n2;x\r\nde\r\n0;last\r\n\r\n") << QByteArray("abcde");
    QTest::newRow("trailer") << QByteArray(head + chunked({"{\"a\":", "1}"}, "X-Checksum: 42\r\n")) << QByteArray("{\"a\":1}");
    QTest::newRow("binary chunks") << QByteArray(head + chunked({binaryBody(), binaryBody().left(7)}))
                                   << QByteArray(binaryBody() + binaryBody().left(7));
    QList<QByteArray> many;
    QByteArray manyJoined;
    for (int i = 0; i < 200; ++i) {
        many.append(QByteArray(i % 13 + 1, char('a' + i % 26)));
        manyJoined += many.last();
    }
    QTest::newRow("200 small chunks") << QByteArray(head + chunked(many)) << manyJoined;
}

void TestFraming::chunkedBody()
{
    QFETCH(QByteArray, wire);
    QFETCH(QByteArray, body);
    const HttpParseResult r = parseHttpRequest(wire);
    QCOMPARE(r.status, FrameStatus::Complete);
    QCOMPARE(r.frameSize, wire.size());
    QCOMPARE(r.message.body, body);
    QCOMPARE(r.message.method, QByteArray("POST"));
    QVERIFY(r.message.keepAlive);

    // The terminating chunk is part of the frame: without it (or its final CRLF) no frame.
    QCOMPARE(parseHttpRequest(QByteArrayView(wire).chopped(1)).status, FrameStatus::NeedMore);
    QCOMPARE(parseHttpRequest(QByteArrayView(wire).chopped(2)).status, FrameStatus::NeedMore);
    const HttpParseResult followed = parseHttpRequest(wire + "GET / HTTP/1.1\r\n\r\n");
    QCOMPARE(followed.status, FrameStatus::Complete);
    QCOMPARE(followed.frameSize, wire.size());
    QCOMPARE(followed.message.body, body);
}

void TestFraming::pipelined_data()
{
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second");
    QTest::addColumn<QByteArray>("firstBody");
    QTest::addColumn<QByteArray>("secondBody");
    const QByteArray a = jsonOfSize(61);
    const QByteArray b = jsonOfSize(90);
    QTest::newRow("two Content-Length requests") << postRequest("/a", a) << postRequest("/b", b) << a << b;
    QTest::newRow("chunked then Content-Length")
        << QByteArray("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked({a.left(10), a.mid(10)}))
        << postRequest("/b", b) << a << b;
    QTest::newRow("GET then POST") << QByteArray("GET /a HTTP/1.1\r\nHost: h\r\n\r\n") << postRequest("/b", b)
                                   << QByteArray() << b;
    QTest::newRow("spec request twice") << specRequestWire(false) << specRequestWire(true) << jsonOfSize(172) << jsonOfSize(172);
    QTest::newRow("close then another")
        << QByteArray("POST /a HTTP/1.1\r\nConnection: close\r\nContent-Length: 61\r\n\r\n" + a) << postRequest("/b", b)
        << a << b;
    QTest::newRow("second body looks like a request")
        << postRequest("/a", "GET / HTTP/1.1\r\n\r\n") << postRequest("/b", "POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n")
        << QByteArray("GET / HTTP/1.1\r\n\r\n") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n");
}

void TestFraming::pipelined()
{
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    QFETCH(QByteArray, firstBody);
    QFETCH(QByteArray, secondBody);
    const QByteArray both = first + second;

    const HttpParseResult r1 = parseHttpRequest(both);
    QCOMPARE(r1.status, FrameStatus::Complete);
    QCOMPARE(r1.frameSize, first.size());
    QCOMPARE(r1.message.body, firstBody);

    const HttpParseResult r2 = parseHttpRequest(QByteArrayView(both).sliced(r1.frameSize));
    QCOMPARE(r2.status, FrameStatus::Complete);
    QCOMPARE(r2.frameSize, second.size());
    QCOMPARE(r2.message.body, secondBody);
    QVERIFY(r2.message.target.startsWith("/"));
}

void TestFraming::bodyLimit_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<qsizetype>("maxFrameBytes");
    QTest::addColumn<FrameStatus>("status");
    QTest::addColumn<int>("httpStatus");

    const auto head = [](const QByteArray &length) {
        return QByteArray("POST /faceinfo HTTP/1.1\r\nHost: h\r\nContent-Length: " + length + "\r\n\r\n");
    };
    QTest::newRow("100 MB declared, 1 MB limit, no body yet")
        << head("104857600") << MiB << FrameStatus::Error << 413;
    QTest::newRow("100 MB declared, 1 MB limit, a little body")
        << QByteArray(head("104857600") + "{\"a\":") << MiB << FrameStatus::Error << 413;
    QTest::newRow("100 MB declared, default limit") << head("104857600") << qsizetype(16 * MiB) << FrameStatus::Error << 413;
    QTest::newRow("limit + 1 declared") << head(QByteArray::number(MiB + 1)) << MiB << FrameStatus::Error << 413;
    QTest::newRow("exactly the limit declared, body pending") << head(QByteArray::number(MiB)) << MiB << FrameStatus::NeedMore << 0;
    QTest::newRow("exactly the limit, whole body")
        << QByteArray(head(QByteArray::number(MiB)) + QByteArray(MiB, 'x')) << MiB << FrameStatus::Complete << 0;
    QTest::newRow("Content-Length beyond 64 bits")
        << head("184467440737095516160") << MiB << FrameStatus::Error << 400;

    const QByteArray chunkedHead = "POST /faceinfo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
    const QByteArray piece(64 * 1024, 'c');
    QByteArray sixteen;
    for (int i = 0; i < 16; ++i)
        sixteen += "10000\r\n" + piece + "\r\n";
    QTest::newRow("chunked, exactly the limit") << QByteArray(chunkedHead + sixteen + "0\r\n\r\n") << MiB
                                                << FrameStatus::Complete << 0;
    QTest::newRow("chunked, one byte past the limit") << QByteArray(chunkedHead + sixteen + "1\r\nc") << MiB
                                                      << FrameStatus::Error << 413;
    QTest::newRow("chunked, grows past the limit, unterminated")
        << QByteArray(chunkedHead + sixteen + "10000\r\n" + piece.left(100)) << MiB << FrameStatus::Error << 413;
    QTest::newRow("one 2 MB chunk, 1 MB of it so far")
        << QByteArray(chunkedHead + "200000\r\n" + QByteArray(MiB, 'c')) << MiB << FrameStatus::NeedMore << 0;
    QTest::newRow("one 2 MB chunk, 1 MB + 1 of it so far")
        << QByteArray(chunkedHead + "200000\r\n" + QByteArray(MiB + 1, 'c')) << MiB << FrameStatus::Error << 413;
    QTest::newRow("small limit, chunked") << QByteArray(chunkedHead + chunked({QByteArray(60, 'a'), QByteArray(41, 'b')}))
                                          << qsizetype(100) << FrameStatus::Error << 413;
    QTest::newRow("small limit, chunked, at the limit")
        << QByteArray(chunkedHead + chunked({QByteArray(60, 'a'), QByteArray(40, 'b')})) << qsizetype(100)
        << FrameStatus::Complete << 0;
}

void TestFraming::bodyLimit()
{
    QFETCH(QByteArray, wire);
    QFETCH(qsizetype, maxFrameBytes);
    QFETCH(FrameStatus, status);
    QFETCH(int, httpStatus);
    FrameLimits limits;
    limits.maxFrameBytes = maxFrameBytes;
    const HttpParseResult r = parseHttpRequest(wire, limits);
    QCOMPARE(r.status, status);
    QCOMPARE(r.httpStatusForError, httpStatus);
    QCOMPARE(r.error.isEmpty(), status != FrameStatus::Error);
    if (status == FrameStatus::Complete) {
        QCOMPARE(r.frameSize, wire.size());
        QCOMPARE(r.message.body.size(), maxFrameBytes);
    } else {
        QCOMPARE(r.frameSize, 0);
    }
}

void TestFraming::headerLimit_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<qsizetype>("maxHeaderBytes");
    QTest::addColumn<FrameStatus>("status");
    QTest::addColumn<int>("httpStatus");

    const QByteArray start = "POST / HTTP/1.1\r\nHost: h\r\nX-Long: ";
    const auto growTo = [&](qsizetype size) { return start + QByteArray(size - start.size(), 'a'); };
    QTest::newRow("default limit, at it") << growTo(16 * 1024) << qsizetype(16 * 1024) << FrameStatus::NeedMore << 0;
    QTest::newRow("default limit, one past it") << growTo(16 * 1024 + 1) << qsizetype(16 * 1024) << FrameStatus::Error << 431;
    QTest::newRow("default limit, far past it") << growTo(70 * 1024) << qsizetype(16 * 1024) << FrameStatus::Error << 431;
    QTest::newRow("small limit, at it") << growTo(256) << qsizetype(256) << FrameStatus::NeedMore << 0;
    QTest::newRow("small limit, one past it") << growTo(257) << qsizetype(256) << FrameStatus::Error << 431;

    QByteArray manyHeaders = "POST / HTTP/1.1\r\n";
    for (int i = 0; manyHeaders.size() <= 16 * 1024; ++i)
        manyHeaders += "X-H" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("many headers, never ending") << manyHeaders << qsizetype(16 * 1024) << FrameStatus::Error << 431;
    QTest::newRow("endless request line")
        << QByteArray("GET /" + QByteArray(20000, 'a')) << qsizetype(16 * 1024) << FrameStatus::Error << 431;
    QTest::newRow("endless CRLFs before the request line")
        << QByteArray(QByteArray(20000, '\n')) << qsizetype(16 * 1024) << FrameStatus::Error << 431;
    QTest::newRow("http_parser's own 80 KB guard, headers complete")
        << QByteArray(growTo(90 * 1024) + "\r\n\r\n") << qsizetype(1024 * 1024) << FrameStatus::Error << 431;
}

void TestFraming::headerLimit()
{
    QFETCH(QByteArray, wire);
    QFETCH(qsizetype, maxHeaderBytes);
    QFETCH(FrameStatus, status);
    QFETCH(int, httpStatus);
    FrameLimits limits;
    limits.maxHeaderBytes = maxHeaderBytes;
    const HttpParseResult r = parseHttpRequest(wire, limits);
    QCOMPARE(r.status, status);
    QCOMPARE(r.httpStatusForError, httpStatus);
    QCOMPARE(r.error.isEmpty(), status != FrameStatus::Error);
}

void TestFraming::headerLimitAtEveryOffset()
{
    // Headers that trickle in: NeedMore up to the limit, 431 from the first byte past it.
    FrameLimits limits;
    limits.maxHeaderBytes = 300;
    QByteArray wire = "POST / HTTP/1.1\r\n";
    for (int i = 0; wire.size() < 400; ++i)
        wire += "X-" + QByteArray::number(i) + ": value\r\n";
    for (qsizetype n = 0; n <= wire.size(); ++n) {
        const HttpParseResult r = parseHttpRequest(QByteArrayView(wire.constData(), n), limits);
        if (n <= limits.maxHeaderBytes) {
            QVERIFY2(r.status == FrameStatus::NeedMore, qPrintable(QString::number(n)));
        } else {
            QVERIFY2(r.status == FrameStatus::Error, qPrintable(QString::number(n)));
            QCOMPARE(r.httpStatusForError, 431);
        }
    }
}

void TestFraming::headerLimitIndependentOfSegmentation()
{
    // The same 20 KB header block, over a 16 KB maxHeaderBytes: a reader that has seen
    // 16 KB + 1 of it refuses it (431), so one that got it in a single read must too.
    QByteArray wire = "POST / HTTP/1.1\r\nHost: h\r\nX-Long: " + QByteArray(20 * 1024, 'a') + "\r\nContent-Length: 2\r\n\r\n{}";
    const FrameLimits limits;  // maxHeaderBytes 16 KB
    QVERIFY(wire.size() > limits.maxHeaderBytes);

    const HttpParseResult trickled = parseHttpRequest(QByteArrayView(wire).first(limits.maxHeaderBytes + 1), limits);
    QCOMPARE(trickled.status, FrameStatus::Error);
    QCOMPARE(trickled.httpStatusForError, 431);

    const HttpParseResult whole = parseHttpRequest(wire, limits);
    QCOMPARE(whole.status, FrameStatus::Error);

    // Through the reader: one read versus one byte per read of the same stream.
    const ReaderRun oneRead = runReader(FrameReader::Role::Server, wire, 0);
    const ReaderRun bytewise = runReader(FrameReader::Role::Server, wire, 1);
    QCOMPARE(bytewise.last, FrameReader::Status::Error);
    QCOMPARE(oneRead.last, bytewise.last);
}

void TestFraming::malformedRequest_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("httpStatus");
    QTest::newRow("control byte in the method") << QByteArray("GET\x01 / HTTP/1.1\r\nHost: h\r\n\r\n") << 400;
    QTest::newRow("control byte, nothing after it") << QByteArray("GET\x01") << 400;
    QTest::newRow("unknown method") << QByteArray("FETCH / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("lower-case method") << QByteArray("post / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("TLS client hello") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) << 400;
    QTest::newRow("bare JSON") << QByteArray("{\"method\":\"keepalive\"}") << 400;
    QTest::newRow("version not a number") << QByteArray("GET / HTTP/x.1\r\n\r\n") << 400;
    QTest::newRow("Content-Length not a number")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n") << 400;
    QTest::newRow("Content-Length negative") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400;
    QTest::newRow("two different Content-Lengths")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\n{}") << 400;
    QTest::newRow("Content-Length and chunked")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n")
        << 400;
    QTest::newRow("chunk size not hex")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n") << 400;
    QTest::newRow("chunk data longer than its size")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n") << 400;
    QTest::newRow("response sent to a server") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") << 400;
}

void TestFraming::malformedRequest()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, httpStatus);
    const HttpParseResult r = parseHttpRequest(wire);
    QCOMPARE(r.status, FrameStatus::Error);
    QCOMPARE(r.httpStatusForError, httpStatus);
    QVERIFY(!r.error.isEmpty());
    QCOMPARE(r.frameSize, 0);
    // More bytes can never repair it.
    const HttpParseResult more = parseHttpRequest(wire + "\r\n\r\nGET / HTTP/1.1\r\n\r\n");
    QCOMPARE(more.status, FrameStatus::Error);
}

void TestFraming::targetPath_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("root") << QByteArray("/") << QByteArray("/");
    QTest::newRow("no query") << QByteArray("/faceinfo") << QByteArray("/faceinfo");
    QTest::newRow("query") << QByteArray("/faceinfo?uuid=12721SSQSQCA&x=1") << QByteArray("/faceinfo");
    QTest::newRow("empty query") << QByteArray("/faceinfo?") << QByteArray("/faceinfo");
    QTest::newRow("root with query") << QByteArray("/?a=b") << QByteArray("/");
    QTest::newRow("two question marks") << QByteArray("/a/b?c=d?e") << QByteArray("/a/b");
    QTest::newRow("encoded question mark") << QByteArray("/a%3Fb?c") << QByteArray("/a%3Fb");
}

void TestFraming::targetPath()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, path);
    const QByteArray wire = "GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n";
    const HttpParseResult r = parseHttpRequest(wire);
    QCOMPARE(r.status, FrameStatus::Complete);
    QCOMPARE(r.message.target, target);
    QCOMPARE(r.message.path(), path);
    QCOMPARE(r.message.method, QByteArray("GET"));
}

void TestFraming::headerLookup()
{
    const QByteArray wire = "POST /x HTTP/1.1\r\n"
                            "X-Empty:\r\n"
                            "Host:   10.0.0.2  \r\n"
                            "X-Dup: first\r\n"
                            "x-dup: second\r\n"
                            "Content-Length: 2\r\n"
                            "\r\n{}";
    const HttpParseResult r = parseHttpRequest(wire);
    QCOMPARE(r.status, FrameStatus::Complete);
    const HttpMessage &m = r.message;
    QCOMPARE(m.headers.size(), 5);
    QCOMPARE(m.headers.at(0).first, QByteArray("X-Empty"));  // an empty value does not swallow the next name
    QCOMPARE(m.headers.at(0).second, QByteArray());
    QCOMPARE(m.headers.at(1).first, QByteArray("Host"));
    QCOMPARE(m.headers.at(4).first, QByteArray("Content-Length"));
    QCOMPARE(m.header("HOST"), QByteArray("10.0.0.2"));       // trimmed
    QCOMPARE(m.header("x-dup"), QByteArray("first"));         // the first of two
    QCOMPARE(m.header("X-DUP"), QByteArray("first"));
    QVERIFY(m.header("X-Empty").isEmpty());
    QVERIFY(m.header("X-Missing").isEmpty());
    QVERIFY(m.header("Hos").isEmpty());                       // no prefix matches
    QCOMPARE(m.body, QByteArray("{}"));
}

// ---------------------------------------------------------------- HTTP responses

void TestFraming::specResponse_data()
{
    QTest::addColumn<bool>("crlfLineEnds");
    QTest::newRow("verbatim, bare LF") << false;
    QTest::newRow("CRLF") << true;
}

void TestFraming::specResponse()
{
    QFETCH(bool, crlfLineEnds);
    QVERIFY(example("http_response_header").startsWith("HTTP/1.1 200 OK\n"));
    const QByteArray wire = specResponseWire(crlfLineEnds);
    for (bool atEof : {false, true}) {
        const HttpParseResult r = parseHttpResponse(wire, {}, atEof);
        QCOMPARE(r.status, FrameStatus::Complete);
        QCOMPARE(r.frameSize, wire.size());
        const HttpMessage &m = r.message;
        QVERIFY(!m.isRequest);
        QCOMPARE(m.statusCode, 200);
        QCOMPARE(m.versionMajor, 1);
        QCOMPARE(m.versionMinor, 1);
        const Headers expected = {
            {"Content-Length", "347"},
            {"Content-Type", "application/json;charset=utf-8"},
            {"Connection", "close"},
        };
        QCOMPARE(m.headers, expected);
        QCOMPARE(m.body.size(), 347);
        QCOMPARE(m.body, jsonOfSize(347));
        QVERIFY(!m.keepAlive);
        QVERIFY(m.method.isEmpty());
    }
}

void TestFraming::responseAtEveryOffset()
{
    for (bool crlfLineEnds : {false, true}) {
        const QByteArray wire = specResponseWire(crlfLineEnds);
        for (qsizetype n = 0; n < wire.size(); ++n) {
            const QByteArrayView prefix(wire.constData(), n);
            const HttpParseResult open = parseHttpResponse(prefix, {}, false);
            if (open.status != FrameStatus::NeedMore)
                QFAIL(qPrintable(QStringLiteral("a prefix of %1 bytes gave status %2").arg(n).arg(int(open.status))));
            // The peer closed mid-message: never a frame; an error once anything arrived.
            const HttpParseResult closed = parseHttpResponse(prefix, {}, true);
            if (closed.status != (n == 0 ? FrameStatus::NeedMore : FrameStatus::Error))
                QFAIL(qPrintable(QStringLiteral("a prefix of %1 bytes at EOF gave status %2").arg(n).arg(int(closed.status))));
        }
        const HttpParseResult r = parseHttpResponse(wire + "HTTP/1.1 200 OK\r\n");
        QCOMPARE(r.status, FrameStatus::Complete);
        QCOMPARE(r.frameSize, wire.size());
    }
}

void TestFraming::responseUntilEof_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArray>("body");
    const QByteArray json = jsonOfSize(347);
    QTest::newRow("1.1, close, no Content-Length")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n" + json) << json;
    QTest::newRow("1.1, no Connection, no Content-Length") << QByteArray("HTTP/1.1 200 OK\r\n\r\n" + json) << json;
    QTest::newRow("1.0, no Content-Length") << QByteArray("HTTP/1.0 200 OK\n\n" + json) << json;
    QTest::newRow("empty body") << QByteArray("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n") << QByteArray();
    QTest::newRow("body that looks like a response")
        << QByteArray("HTTP/1.1 500 Internal Server Error\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
}

void TestFraming::responseUntilEof()
{
    QFETCH(QByteArray, wire);
    QFETCH(QByteArray, body);
    for (qsizetype n = 0; n <= wire.size(); ++n) {
        const HttpParseResult r = parseHttpResponse(QByteArrayView(wire.constData(), n), {}, false);
        if (r.status != FrameStatus::NeedMore)
            QFAIL(qPrintable(QStringLiteral("%1 of %2 bytes without EOF gave status %3").arg(n).arg(wire.size()).arg(int(r.status))));
    }
    const HttpParseResult r = parseHttpResponse(wire, {}, true);
    QCOMPARE(r.status, FrameStatus::Complete);
    QCOMPARE(r.frameSize, wire.size());
    QCOMPARE(r.message.body, body);
    QVERIFY(!r.message.keepAlive);

    // The body that runs to EOF is still bound by maxFrameBytes.
    FrameLimits limits;
    limits.maxFrameBytes = 100;
    const HttpParseResult big = parseHttpResponse(QByteArray("HTTP/1.1 200 OK\r\n\r\n" + jsonOfSize(101)), limits, false);
    QCOMPARE(big.status, FrameStatus::Error);
    QCOMPARE(big.httpStatusForError, 413);
}

void TestFraming::responseWithoutBody_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("statusCode");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("Content-Length: 0") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") << 200 << true;
    QTest::newRow("204") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << 204 << true;
    QTest::newRow("304") << QByteArray("HTTP/1.1 304 Not Modified\r\n\r\n") << 304 << true;
    QTest::newRow("1.0 keep-alive, Content-Length: 0")
        << QByteArray("HTTP/1.0 200 OK\nConnection: keep-alive\nContent-Length: 0\n\n") << 200 << true;
    QTest::newRow("Connection: close, Content-Length: 0")
        << QByteArray("HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\nContent-Length: 0\r\n\r\n") << 413 << false;
}

void TestFraming::responseWithoutBody()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, statusCode);
    QFETCH(bool, keepAlive);
    const HttpParseResult r = parseHttpResponse(wire + "HTTP/1.1 200 OK\r\n", {}, false);
    QCOMPARE(r.status, FrameStatus::Complete);
    QCOMPARE(r.frameSize, wire.size());
    QCOMPARE(r.message.statusCode, statusCode);
    QVERIFY(r.message.body.isEmpty());
    QCOMPARE(r.message.keepAlive, keepAlive);
}

// ---------------------------------------------------------------- writers

void TestFraming::roundTripRequest_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<bool>("http10");
    QTest::newRow("POST JSON") << QByteArray("POST") << QByteArray("/faceinfo") << QByteArray("192.168.5.146:8127")
                               << jsonOfSize(172) << true << false;
    QTest::newRow("empty body") << QByteArray("POST") << QByteArray("/") << QByteArray("h") << QByteArray() << true << false;
    QTest::newRow("binary body") << QByteArray("POST") << QByteArray("/upload") << QByteArray("h") << binaryBody() << true
                                 << false;
    QTest::newRow("1.1, close") << QByteArray("POST") << QByteArray("/") << QByteArray("h") << jsonOfSize(20) << false
                                << false;
    QTest::newRow("1.0, keep-alive") << QByteArray("POST") << QByteArray("/") << QByteArray("h") << jsonOfSize(20) << true
                                     << true;
    QTest::newRow("1.0, close") << QByteArray("POST") << QByteArray("/") << QByteArray("h") << jsonOfSize(20) << false
                                << true;
    QTest::newRow("1.0, empty body") << QByteArray("POST") << QByteArray("/") << QByteArray("h") << QByteArray() << false
                                     << true;
    QTest::newRow("GET with a query") << QByteArray("GET") << QByteArray("/status?uuid=1&x=%20") << QByteArray("[::1]:80")
                                      << QByteArray() << true << false;
    QTest::newRow("large body") << QByteArray("PUT") << QByteArray("/big") << QByteArray("h") << jsonOfSize(300 * 1024)
                                << true << false;
}

void TestFraming::roundTripRequest()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, host);
    QFETCH(QByteArray, body);
    QFETCH(bool, keepAlive);
    QFETCH(bool, http10);
    const QByteArray wire = buildHttpRequest(method, target, host, body, keepAlive, http10);
    QVERIFY(wire.startsWith(method + ' ' + target + (http10 ? " HTTP/1.0\r\n" : " HTTP/1.1\r\n")));
    QVERIFY(wire.endsWith("\r\n\r\n" + body));

    const HttpParseResult r = parseHttpRequest(wire);
    QCOMPARE(r.status, FrameStatus::Complete);
    QCOMPARE(r.frameSize, wire.size());
    const HttpMessage &m = r.message;
    QCOMPARE(m.method, method);
    QCOMPARE(m.target, target);
    QCOMPARE(m.versionMajor, 1);
    QCOMPARE(m.versionMinor, http10 ? 0 : 1);
    QCOMPARE(m.header("Host"), host);
    QCOMPARE(m.header("Content-Length"), QByteArray::number(body.size()));
    QCOMPARE(m.header("Content-Type"), QByteArray("application/json;charset=utf-8"));
    QCOMPARE(m.body, body);
    QCOMPARE(m.keepAlive, keepAlive);

    // Two of them back to back frame apart exactly.
    const QByteArray twice = wire + wire;
    const HttpParseResult first = parseHttpRequest(twice);
    QCOMPARE(first.status, FrameStatus::Complete);
    QCOMPARE(first.frameSize, wire.size());
}

void TestFraming::roundTripResponse_data()
{
    QTest::addColumn<int>("statusCode");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<QByteArray>("contentType");
    const QByteArray json = "application/json;charset=utf-8";
    QTest::newRow("200 JSON") << 200 << QByteArray("OK") << jsonOfSize(347) << true << json;
    QTest::newRow("200 empty") << 200 << QByteArray("OK") << QByteArray() << true << json;
    QTest::newRow("200 empty, close") << 200 << QByteArray("OK") << QByteArray() << false << json;
    QTest::newRow("400") << 400 << QByteArray("Bad Request") << QByteArray("{\"code\":-1001}") << false << json;
    QTest::newRow("413") << 413 << QByteArray("Payload Too Large") << QByteArray("{}") << false << json;
    QTest::newRow("431") << 431 << QByteArray("Request Header Fields Too Large") << QByteArray("{}") << false << json;
    QTest::newRow("500") << 500 << QByteArray("Internal Server Error") << jsonOfSize(50) << true << json;
    QTest::newRow("503") << 503 << QByteArray("Service Unavailable") << QByteArray() << true << json;
    QTest::newRow("unlisted code") << 418 << QByteArray("Status") << QByteArray("{}") << true << json;
    QTest::newRow("binary body") << 200 << QByteArray("OK") << binaryBody() << true << QByteArray("image/jpeg");
}

void TestFraming::roundTripResponse()
{
    QFETCH(int, statusCode);
    QFETCH(QByteArray, reason);
    QFETCH(QByteArray, body);
    QFETCH(bool, keepAlive);
    QFETCH(QByteArray, contentType);
    QCOMPARE(httpReasonPhrase(statusCode), reason);
    const QByteArray wire = buildHttpResponse(statusCode, body, keepAlive, contentType);
    QVERIFY(wire.startsWith("HTTP/1.1 " + QByteArray::number(statusCode) + ' ' + reason + "\r\n"));

    // Framed by Content-Length: complete without waiting for EOF, whatever the body holds.
    const HttpParseResult r = parseHttpResponse(wire + "HTTP/1.1 200 OK\r\n", {}, false);
    QCOMPARE(r.status, FrameStatus::Complete);
    QCOMPARE(r.frameSize, wire.size());
    const HttpMessage &m = r.message;
    QVERIFY(!m.isRequest);
    QCOMPARE(m.statusCode, statusCode);
    QCOMPARE(m.versionMinor, 1);
    QCOMPARE(m.header("Content-Type"), contentType);
    QCOMPARE(m.header("Content-Length"), QByteArray::number(body.size()));
    QCOMPARE(m.body, body);
    QCOMPARE(m.keepAlive, keepAlive);
    for (qsizetype n = 0; n < wire.size(); n += qMax<qsizetype>(1, wire.size() / 97))
        QCOMPARE(parseHttpResponse(QByteArrayView(wire).first(n)).status, FrameStatus::NeedMore);
}

// ---------------------------------------------------------------- the JSON stream

void TestFraming::jsonStream_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QList<QByteArray>>("objects");
    QTest::addColumn<FrameStatus>("last");

    const QByteArray a = R"({"method":"keepalive","uuid":"12721SSQSQCA"})";
    const QByteArray b = R"({"dataLength":60,"data":{"method":"sw_server_del_pic","param":{"index_id":480}}})";
    const QByteArray tricky = R"({"a":"}\"{"})";
    QTest::newRow("two objects, nothing between") << QByteArray(a + b) << QList<QByteArray>{a, b} << FrameStatus::NeedMore;
    QTest::newRow("two objects, CRLF between") << QByteArray(a + "\r\n" + b + "\r\n") << QList<QByteArray>{a, b}
                                               << FrameStatus::NeedMore;
    QTest::newRow("three objects, mixed white space")
        << QByteArray(" \t" + a + "\n\n  " + b + QByteArray("\0\0", 2) + a) << QList<QByteArray>{a, b, a}
        << FrameStatus::NeedMore;
    QTest::newRow("braces and an escaped quote in a string") << QByteArray(tricky + tricky)
                                                             << QList<QByteArray>{tricky, tricky} << FrameStatus::NeedMore;
    QTest::newRow("escaped backslash ends the string")
        << QByteArray(R"({"a":"\\"}{"b":"\\\"}"})") << QList<QByteArray>{R"({"a":"\\"})", R"({"b":"\\\"}"})"}
        << FrameStatus::NeedMore;
    QTest::newRow("unicode escapes and UTF-8")
        << QByteArray(R"({"name":"\u007d张三}"}{"x":"\u0022"})")
        << QList<QByteArray>{R"({"name":"\u007d张三}"})", R"({"x":"\u0022"})"} << FrameStatus::NeedMore;
    QTest::newRow("nested arrays") << QByteArray(R"({"a":[[1,2],[3,{"b":[[],{}]}]],"c":[]}{})")
                                   << QList<QByteArray>{R"({"a":[[1,2],[3,{"b":[[],{}]}]],"c":[]})", "{}"}
                                   << FrameStatus::NeedMore;
    QTest::newRow("brackets only inside strings")
        << QByteArray(R"({"a":"[[[[{{{{","b":"]]]]}}}}"})") << QList<QByteArray>{R"({"a":"[[[[{{{{","b":"]]]]}}}}"})"}
        << FrameStatus::NeedMore;
    QTest::newRow("unfinished tail") << QByteArray(a + R"({"method":"kee)") << QList<QByteArray>{a}
                                     << FrameStatus::NeedMore;
    QTest::newRow("unfinished tail inside a string after a brace")
        << QByteArray(a + R"({"a":"}})") << QList<QByteArray>{a} << FrameStatus::NeedMore;
    QTest::newRow("garbage after an object") << QByteArray(a + "\r\nGET / HTTP/1.1") << QList<QByteArray>{a}
                                             << FrameStatus::Error;
    QTest::newRow("quote outside of a string after the object")
        << QByteArray(a + "\"") << QList<QByteArray>{a} << FrameStatus::Error;
    QTest::newRow("the spec-sized bodies") << QByteArray(jsonOfSize(172) + jsonOfSize(347))
                                           << QList<QByteArray>{jsonOfSize(172), jsonOfSize(347)} << FrameStatus::NeedMore;
}

void TestFraming::jsonStream()
{
    QFETCH(QByteArray, stream);
    QFETCH(QList<QByteArray>, objects);
    QFETCH(FrameStatus, last);
    FrameStatus got = FrameStatus::Complete;
    QCOMPARE(splitJsonStream(stream, &got), objects);
    QCOMPARE(got, last);
}

void TestFraming::jsonLeadingWhiteSpace_data()
{
    QTest::addColumn<QByteArray>("lead");
    QTest::newRow("none") << QByteArray();
    QTest::newRow("space") << QByteArray(" ");
    QTest::newRow("CRLF") << QByteArray("\r\n");
    QTest::newRow("mixed") << QByteArray("  \r\n\t \n");
    QTest::newRow("NULs") << QByteArray("\0\0 \0", 4);
    QTest::newRow("long") << QByteArray(5000, ' ');
}

void TestFraming::jsonLeadingWhiteSpace()
{
    QFETCH(QByteArray, lead);
    const QByteArray object = R"({"a":[1,{"b":"}"}]})";
    const QByteArray stream = lead + object + "\r\n{\"next\":";
    JsonScanState state;
    const JsonFrameResult r = scanJsonFrame(stream, state);
    QCOMPARE(r.status, FrameStatus::Complete);
    QCOMPARE(r.frameStart, lead.size());
    QCOMPARE(stream.at(r.frameStart), '{');
    QCOMPARE(r.frameSize, lead.size() + object.size());
    QVERIFY(r.error.isEmpty());

    // The same with the white space on its own first, and the state kept.
    JsonScanState resumed;
    const JsonFrameResult early = scanJsonFrame(lead, resumed);
    QCOMPARE(early.status, FrameStatus::NeedMore);
    QCOMPARE(resumed.position, lead.size());
    QCOMPARE(resumed.start, qsizetype(-1));
    const JsonFrameResult late = scanJsonFrame(stream, resumed);
    QCOMPARE(late.status, FrameStatus::Complete);
    QCOMPARE(late.frameStart, r.frameStart);
    QCOMPARE(late.frameSize, r.frameSize);
}

void TestFraming::jsonNeedMore_data()
{
    QTest::addColumn<QByteArray>("buffer");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("white space") << QByteArray("  \r\n\t");
    QTest::newRow("open brace") << QByteArray("{");
    QTest::newRow("open string with a closing brace") << QByteArray(R"({"a":"})");
    QTest::newRow("escaped quote, then brace") << QByteArray(R"({"a":"\"})");
    QTest::newRow("trailing backslash") << QByteArray(R"({"a":"\)");
    QTest::newRow("array closed, object not") << QByteArray(R"({"a":[1,2])");
    QTest::newRow("inner object closed") << QByteArray(R"({"a":{"b":{}})");
}

void TestFraming::jsonNeedMore()
{
    QFETCH(QByteArray, buffer);
    JsonScanState state;
    const JsonFrameResult r = scanJsonFrame(buffer, state);
    QCOMPARE(r.status, FrameStatus::NeedMore);
    QVERIFY(r.error.isEmpty());
    QCOMPARE(r.frameSize, 0);
    QCOMPARE(state.position, buffer.size());  // all of it looked at, never again
}

void TestFraming::jsonSplitAtEveryOffset_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::newRow("escapes and braces in strings")
        << QByteArray(R"(  {"a":"}\"{","b":"\\","c":[{"d":"]"},[]],"e":"\\\"}{"} {"next":1})");
    QTest::newRow("spec-sized") << QByteArray("\r\n" + jsonOfSize(172) + "\r\n" + jsonOfSize(20));
}

void TestFraming::jsonSplitAtEveryOffset()
{
    QFETCH(QByteArray, stream);
    JsonScanState wholeState;
    const JsonFrameResult whole = scanJsonFrame(stream, wholeState);
    QCOMPARE(whole.status, FrameStatus::Complete);
    QVERIFY(whole.frameSize < stream.size());

    // Two reads, split anywhere.
    for (qsizetype cut = 0; cut < whole.frameSize; ++cut) {
        JsonScanState state;
        const JsonFrameResult first = scanJsonFrame(QByteArrayView(stream).first(cut), state);
        if (first.status != FrameStatus::NeedMore)
            QFAIL(qPrintable(QStringLiteral("the first %1 bytes gave status %2").arg(cut).arg(int(first.status))));
        const JsonFrameResult second = scanJsonFrame(stream, state);
        QCOMPARE(second.status, FrameStatus::Complete);
        QCOMPARE(second.frameStart, whole.frameStart);
        QCOMPARE(second.frameSize, whole.frameSize);
    }

    // One byte per read.
    JsonScanState state;
    JsonFrameResult r;
    qsizetype n = 0;
    while (n < stream.size()) {
        r = scanJsonFrame(QByteArrayView(stream).first(++n), state);
        if (r.status != FrameStatus::NeedMore)
            break;
        QCOMPARE(state.position, n);
    }
    QCOMPARE(r.status, FrameStatus::Complete);
    QCOMPARE(n, whole.frameSize);
    QCOMPARE(r.frameStart, whole.frameStart);
    QCOMPARE(r.frameSize, whole.frameSize);
}

void TestFraming::jsonResumeLargeObject()
{
    // A 300 KB object whose string is full of braces, brackets and escapes, fed in
    // 1000-byte reads into a growing buffer with one JsonScanState.
    QByteArray object = "{\"img\":\"";
    QRandomGenerator rng(20240601);
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/{}[]:,";
    while (object.size() < 300 * 1024 - 40) {
        const quint32 pick = rng.bounded(100u);
        if (pick < 3)
            object += "\\\"";  // escaped quote
        else if (pick < 5)
            object += "\\\\";  // escaped backslash
        else
            object += alphabet[rng.bounded(quint32(sizeof(alphabet) - 1))];
    }
    object += "\",\"list\":[1,{\"x\":\"}\"},[2]]}";
    const QByteArray next = "\r\n{\"method\":\"keepalive\"}";
    const QByteArray stream = object + next;
    QVERIFY(object.size() > 300 * 1000);

    JsonScanState state;
    QByteArray buffer;
    JsonFrameResult r;
    int reads = 0;
    for (qsizetype at = 0; at < stream.size(); at += 1000) {
        buffer += stream.mid(at, 1000);
        ++reads;
        r = scanJsonFrame(buffer, state);
        if (r.status != FrameStatus::NeedMore)
            break;
        QCOMPARE(state.position, buffer.size());  // nothing scanned twice
        QCOMPARE(state.start, qsizetype(0));
    }
    QCOMPARE(r.status, FrameStatus::Complete);
    QCOMPARE(reads, int((object.size() + 999) / 1000));
    QCOMPARE(r.frameStart, 0);
    QCOMPARE(r.frameSize, object.size());

    // Reset, cut, and the next object is found in what is left.
    buffer = stream.mid(r.frameSize);
    state = {};
    const JsonFrameResult second = scanJsonFrame(buffer, state);
    QCOMPARE(second.status, FrameStatus::Complete);
    QCOMPARE(second.frameStart, 2);
    QCOMPARE(buffer.mid(second.frameStart, second.frameSize - second.frameStart), next.mid(2));
}

void TestFraming::jsonSizeLimit_data()
{
    QTest::addColumn<QByteArray>("buffer");
    QTest::addColumn<qsizetype>("maxFrameBytes");
    QTest::addColumn<FrameStatus>("status");
    QTest::newRow("exactly the limit") << jsonOfSize(100) << qsizetype(100) << FrameStatus::Complete;
    QTest::newRow("one byte over") << jsonOfSize(101) << qsizetype(100) << FrameStatus::Error;
    QTest::newRow("limit reached, still open") << jsonOfSize(500).left(100) << qsizetype(100) << FrameStatus::Error;
    QTest::newRow("below the limit, still open") << jsonOfSize(500).left(99) << qsizetype(100) << FrameStatus::NeedMore;
    QTest::newRow("leading white space is not counted")
        << QByteArray(QByteArray(300, ' ') + jsonOfSize(100)) << qsizetype(100) << FrameStatus::Complete;
    QTest::newRow("1 MB limit, 1 MB + 1 object") << jsonOfSize(MiB + 1) << MiB << FrameStatus::Error;
    QTest::newRow("1 MB limit, 1 MB object") << jsonOfSize(MiB) << MiB << FrameStatus::Complete;
}

void TestFraming::jsonSizeLimit()
{
    QFETCH(QByteArray, buffer);
    QFETCH(qsizetype, maxFrameBytes);
    QFETCH(FrameStatus, status);
    FrameLimits limits;
    limits.maxFrameBytes = maxFrameBytes;
    JsonScanState state;
    const JsonFrameResult r = scanJsonFrame(buffer, state, limits);
    QCOMPARE(r.status, status);
    QCOMPARE(r.error.isEmpty(), status != FrameStatus::Error);
    if (status == FrameStatus::Complete)
        QCOMPARE(r.frameSize, buffer.size());

    // The same verdict when the object arrives in 7-byte reads.
    JsonScanState resumed;
    JsonFrameResult last;
    for (qsizetype n = 7; ; n += 7) {
        last = scanJsonFrame(QByteArrayView(buffer).first(qMin(n, buffer.size())), resumed, limits);
        if (last.status != FrameStatus::NeedMore || n >= buffer.size())
            break;
    }
    QCOMPARE(last.status, status);
}

void TestFraming::jsonDepthLimit_data()
{
    QTest::addColumn<QByteArray>("buffer");
    QTest::addColumn<int>("maxJsonDepth");
    QTest::addColumn<FrameStatus>("status");
    const auto objects = [](int depth) {
        QByteArray s;
        for (int i = 0; i < depth; ++i)
            s += i == 0 ? "{" : "\"a\":{";
        return s + QByteArray(depth, '}');
    };
    const auto arrays = [](int depth) {  // one object holding depth - 1 arrays
        return "{\"a\":" + QByteArray(depth - 1, '[') + QByteArray(depth - 1, ']') + "}";
    };
    QTest::newRow("64 objects, default") << objects(64) << 64 << FrameStatus::Complete;
    QTest::newRow("65 objects, default") << objects(65) << 64 << FrameStatus::Error;
    QTest::newRow("64 levels of arrays") << arrays(64) << 64 << FrameStatus::Complete;
    QTest::newRow("65 levels of arrays") << arrays(65) << 64 << FrameStatus::Error;
    QTest::newRow("65 levels, unfinished") << QByteArray("{\"a\":" + QByteArray(64, '[')) << 64 << FrameStatus::Error;
    QTest::newRow("100000 open brackets") << QByteArray("{\"a\":" + QByteArray(100000, '[')) << 64 << FrameStatus::Error;
    QTest::newRow("limit 1, flat") << QByteArray(R"({"a":1,"b":"{[{["})") << 1 << FrameStatus::Complete;
    QTest::newRow("limit 1, one array") << QByteArray(R"({"a":[]})") << 1 << FrameStatus::Error;
    QTest::newRow("limit 2, siblings do not add up") << QByteArray(R"({"a":[],"b":{},"c":[1],"d":{"e":1}})") << 2
                                                    << FrameStatus::Complete;
    QTest::newRow("brackets in strings are not depth")
        << QByteArray("{\"a\":\"" + QByteArray(1000, '[') + QByteArray(1000, '{') + "\"}") << 2 << FrameStatus::Complete;
}

void TestFraming::jsonDepthLimit()
{
    QFETCH(QByteArray, buffer);
    QFETCH(int, maxJsonDepth);
    QFETCH(FrameStatus, status);
    FrameLimits limits;
    limits.maxJsonDepth = maxJsonDepth;
    JsonScanState state;
    const JsonFrameResult r = scanJsonFrame(buffer, state, limits);
    QCOMPARE(r.status, status);
    if (status == FrameStatus::Complete)
        QCOMPARE(r.frameSize, buffer.size());
    else
        QVERIFY(r.error.contains(QString::number(maxJsonDepth)));
}

void TestFraming::jsonRejectsNonObject_data()
{
    QTest::addColumn<QByteArray>("buffer");
    QTest::addColumn<qsizetype>("offset");
    QTest::newRow("array") << QByteArray("[1,2]") << qsizetype(0);
    QTest::newRow("string") << QByteArray("  \r\n\"a\"") << qsizetype(4);
    QTest::newRow("number") << QByteArray("1") << qsizetype(0);
    QTest::newRow("closing brace") << QByteArray("}") << qsizetype(0);
    QTest::newRow("letter") << QByteArray("\tx{}") << qsizetype(1);
    QTest::newRow("HTTP") << QByteArray("POST / HTTP/1.1\r\n") << qsizetype(0);
    QTest::newRow("TLS") << QByteArray("\x16\x03\x01") << qsizetype(0);
    QTest::newRow("vertical tab") << QByteArray("\v{}") << qsizetype(0);
    // Found by fuzzing (docs/FUZZING.md): a ']' closing the object made a frame of it.
    QTest::newRow("object closed by ]") << QByteArray("{\"a\":1]") << qsizetype(6);
    QTest::newRow("closed by ] after a nest") << QByteArray("{\"a\":[{}]]{}") << qsizetype(9);
}

void TestFraming::jsonRejectsNonObject()
{
    QFETCH(QByteArray, buffer);
    QFETCH(qsizetype, offset);
    JsonScanState state;
    const JsonFrameResult r = scanJsonFrame(buffer, state);
    QCOMPARE(r.status, FrameStatus::Error);
    QVERIFY(!r.error.isEmpty());
    QVERIFY2(r.error.contains(QStringLiteral("byte %1").arg(offset)), qPrintable(r.error));
    QVERIFY2(r.error.contains(QStringLiteral("0x%1").arg(uchar(buffer.at(offset)), 2, 16, QLatin1Char('0'))),
             qPrintable(r.error));
}

// ---------------------------------------------------------------- the sniffer

void TestFraming::sniff_data()
{
    QTest::addColumn<QByteArray>("buffer");
    QTest::addColumn<Framing>("framing");
    QTest::newRow("request") << QByteArray("POST / HTTP/1.1") << Framing::Http;
    QTest::newRow("request, method only and a space") << QByteArray("POST ") << Framing::Http;
    QTest::newRow("GET") << QByteArray("GET /status HTTP/1.0\r\n") << Framing::Http;
    QTest::newRow("OPTIONS (7 capitals)") << QByteArray("OPTIONS * HTTP/1.1") << Framing::Http;
    QTest::newRow("response") << QByteArray("HTTP/1.1 200") << Framing::Http;
    QTest::newRow("response, from the slash") << QByteArray("HTTP/") << Framing::Http;
    QTest::newRow("request after keep-alive CRLFs") << QByteArray("\r\n\r\nPOST / HTTP/1.1") << Framing::Http;
    QTest::newRow("object") << QByteArray("{") << Framing::Json;
    QTest::newRow("object after white space") << QByteArray("  \r\n{") << Framing::Json;
    QTest::newRow("object after NULs") << QByteArray("\0\0{", 3) << Framing::Json;
    QTest::newRow("whole object") << QByteArray(R"({"method":"keepalive"})") << Framing::Json;
    QTest::newRow("empty") << QByteArray() << Framing::NeedMore;
    QTest::newRow("spaces") << QByteArray("  ") << Framing::NeedMore;
    QTest::newRow("CRLF") << QByteArray("\r\n") << Framing::NeedMore;
    QTest::newRow("PO") << QByteArray("PO") << Framing::NeedMore;
    QTest::newRow("P") << QByteArray("P") << Framing::NeedMore;
    QTest::newRow("HTTP") << QByteArray("HTTP") << Framing::NeedMore;
    QTest::newRow("CRLF then PO") << QByteArray("\r\nPO") << Framing::NeedMore;
    QTest::newRow("8 capitals, nothing after") << QByteArray("ABCDEFGH") << Framing::NeedMore;
    QTest::newRow("TLS client hello") << QByteArray("\x16\x03\x01") << Framing::Unknown;
    QTest::newRow("hello world") << QByteArray("hello world") << Framing::Unknown;
    QTest::newRow("lower-case method") << QByteArray("post / HTTP/1.1") << Framing::Unknown;
    QTest::newRow("control byte after the method") << QByteArray("GET\x01 / HTTP/1.1") << Framing::Unknown;
    QTest::newRow("array") << QByteArray("[1]") << Framing::Unknown;
    QTest::newRow("9 capitals") << QByteArray("ABCDEFGHI ") << Framing::Unknown;
    QTest::newRow("SSH banner") << QByteArray("SSH-2.0-OpenSSH_9.2") << Framing::Unknown;
    QTest::newRow("digits") << QByteArray("123 ") << Framing::Unknown;
    QTest::newRow("vertical tab") << QByteArray("\v{") << Framing::Unknown;
    QTest::newRow("capitals then a digit") << QByteArray("GET1 /") << Framing::Unknown;
    // Only a heuristic: capitals and a space look like HTTP; the HTTP parser then refuses it.
    QTest::newRow("HELLO world") << QByteArray("HELLO world") << Framing::Http;
}

void TestFraming::sniff()
{
    QFETCH(QByteArray, buffer);
    QFETCH(Framing, framing);
    QCOMPARE(sniffFraming(buffer), framing);
    // A verdict other than NeedMore never changes when more bytes arrive.
    if (framing == Framing::Http || framing == Framing::Json || framing == Framing::Unknown) {
        QCOMPARE(sniffFraming(buffer + " / HTTP/1.1\r\n"), framing);
        QCOMPARE(sniffFraming(buffer + "{"), framing);
    }
}

// ---------------------------------------------------------------- FrameReader

void TestFraming::readerMixedStream_data()
{
    QTest::addColumn<qsizetype>("chunk");
    for (qsizetype c : {0, 1, 2, 3, 5, 13, 64, 171, 1000})
        QTest::newRow(c == 0 ? "all at once" : qPrintable(QStringLiteral("%1-byte reads").arg(c))) << c;
}

void TestFraming::readerMixedStream()
{
    QFETCH(qsizetype, chunk);
    const QByteArray body1 = jsonOfSize(172);
    const QByteArray bare = R"({"method":"keepalive","uuid":"12721SSQSQCA","text":"}{\"}"})";
    const QByteArray body3 = R"({"method":"sw_face_capture_push","data":{"a":[1,2,{"b":"]"}]}})";
    const QByteArray request1 = specRequestWire(false);
    const QByteArray request3 =
        "POST /faceinfo?id=7 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked({body3.left(20), body3.mid(20)});
    const QByteArray stream = request1 + bare + request3;

    const ReaderRun run = runReader(FrameReader::Role::Server, stream, chunk);
    QCOMPARE(run.last, FrameReader::Status::NeedMore);
    QCOMPARE(run.frames.size(), 3);
    QCOMPARE(run.buffered, 0);

    const Frame &f1 = run.frames.at(0);
    QCOMPARE(f1.kind, Frame::Kind::Http);
    QCOMPARE(f1.json, body1);
    QCOMPARE(f1.http.method, QByteArray("POST"));
    QCOMPARE(f1.http.target, QByteArray("/"));
    QCOMPARE(f1.http.versionMinor, 0);
    QVERIFY(f1.http.keepAlive);
    QCOMPARE(f1.wireBytes, request1.size());

    const Frame &f2 = run.frames.at(1);
    QCOMPARE(f2.kind, Frame::Kind::Json);
    QCOMPARE(f2.json, bare);
    QCOMPARE(f2.wireBytes, bare.size());

    const Frame &f3 = run.frames.at(2);
    QCOMPARE(f3.kind, Frame::Kind::Http);
    QCOMPARE(f3.json, body3);
    QCOMPARE(f3.http.body, body3);
    QCOMPARE(f3.http.path(), QByteArray("/faceinfo"));
    QCOMPARE(f3.wireBytes, request3.size());

    // Whatever the reads, the same frames as all at once.
    if (chunk != 0) {
        const ReaderRun whole = runReader(FrameReader::Role::Server, stream, 0);
        QCOMPARE(whole.frames.size(), run.frames.size());
        for (qsizetype i = 0; i < whole.frames.size(); ++i) {
            QCOMPARE(run.frames.at(i).kind, whole.frames.at(i).kind);
            QCOMPARE(run.frames.at(i).json, whole.frames.at(i).json);
            QCOMPARE(run.frames.at(i).wireBytes, whole.frames.at(i).wireBytes);
            QCOMPARE(run.frames.at(i).http.headers, whole.frames.at(i).http.headers);
        }
    }
}

void TestFraming::readerJsonBackToBack_data()
{
    QTest::addColumn<qsizetype>("chunk");
    for (qsizetype c : {0, 1, 4, 100, 999})
        QTest::newRow(c == 0 ? "all at once" : qPrintable(QStringLiteral("%1-byte reads").arg(c))) << c;
}

void TestFraming::readerJsonBackToBack()
{
    QFETCH(qsizetype, chunk);
    // The device's long connection: bare objects one after another, the scanner's
    // state carried across reads and reset between objects.
    const QList<QByteArray> objects = {jsonOfSize(2000), QByteArray(R"({"a":"\\"})"), QByteArray("{}"),
                                       QByteArray(R"({"b":[{"c":"}\""}]})"), jsonOfSize(347)};
    const QList<QByteArray> gaps = {QByteArray(), QByteArray("\r\n"), QByteArray("  \n\t"), QByteArray(),
                                    QByteArray(" ")};
    QByteArray stream;
    for (qsizetype i = 0; i < objects.size(); ++i)
        stream += gaps.at(i) + objects.at(i);

    const ReaderRun run = runReader(FrameReader::Role::Server, stream, chunk);
    QCOMPARE(run.last, FrameReader::Status::NeedMore);
    QCOMPARE(run.buffered, 0);
    QCOMPARE(run.frames.size(), objects.size());
    qsizetype wire = 0;
    for (qsizetype i = 0; i < objects.size(); ++i) {
        QCOMPARE(run.frames.at(i).kind, Frame::Kind::Json);
        QCOMPARE(run.frames.at(i).json, objects.at(i));
        wire += run.frames.at(i).wireBytes;
    }
    // White space that arrived on its own was dropped, not framed: never more than was sent.
    QVERIFY(wire <= stream.size());
    if (chunk == 0)
        QCOMPARE(wire, stream.size());
}

void TestFraming::readerWhiteSpaceBetweenFrames_data()
{
    QTest::addColumn<QByteArray>("separator");
    QTest::addColumn<qsizetype>("chunk");
    for (const char *sep : {"\r\n", "\n", "\r\n\r\n", " ", "\t", " \r\n"}) {
        const QByteArray s = sep;
        QString name = QString::fromLatin1(s.toPercentEncoding());
        QTest::newRow(qPrintable(name + QStringLiteral(", all at once"))) << s << qsizetype(0);
        QTest::newRow(qPrintable(name + QStringLiteral(", byte by byte"))) << s << qsizetype(1);
    }
}

void TestFraming::readerWhiteSpaceBetweenFrames()
{
    QFETCH(QByteArray, separator);
    QFETCH(qsizetype, chunk);
    const QByteArray bare = R"({"method":"keepalive"})";
    const QByteArray request = postRequest("/faceinfo", jsonOfSize(30));
    const QByteArray stream = request + separator + bare + separator + request + separator;

    const ReaderRun run = runReader(FrameReader::Role::Server, stream, chunk);
    QCOMPARE(run.last, FrameReader::Status::NeedMore);
    QCOMPARE(run.frames.size(), 3);
    QCOMPARE(run.frames.at(0).kind, Frame::Kind::Http);
    QCOMPARE(run.frames.at(1).kind, Frame::Kind::Json);
    QCOMPARE(run.frames.at(1).json, bare);
    QCOMPARE(run.frames.at(2).kind, Frame::Kind::Http);
    QCOMPARE(run.frames.at(2).json, jsonOfSize(30));
}

void TestFraming::readerRejectsGarbage_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("framesFirst");
    QTest::newRow("TLS client hello") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) << 0;
    QTest::newRow("hello world") << QByteArray("hello world\r\n") << 0;
    QTest::newRow("control byte in the method") << QByteArray("GET\x01 / HTTP/1.1\r\n\r\n") << 0;
    QTest::newRow("array") << QByteArray("[1,2,3]") << 0;
    QTest::newRow("garbage after a JSON object") << QByteArray("{\"a\":1}\r\nhello") << 1;
    QTest::newRow("garbage after an HTTP request") << QByteArray(postRequest("/", "{}") + "\x16\x03\x01") << 1;
    QTest::newRow("HTTP-looking garbage") << QByteArray("HELLO world\r\n\r\n") << 0;
}

void TestFraming::readerRejectsGarbage()
{
    QFETCH(QByteArray, stream);
    QFETCH(int, framesFirst);
    for (qsizetype chunk : {qsizetype(0), qsizetype(1)}) {
        FrameReader reader(FrameReader::Role::Server);
        FrameReader::Status status = FrameReader::Status::NeedMore;
        int frames = 0;
        const qsizetype step = chunk > 0 ? chunk : stream.size();
        for (qsizetype at = 0; at < stream.size() && status != FrameReader::Status::Error; at += step) {
            reader.append(stream.mid(at, step));
            Frame frame;
            while ((status = reader.next(&frame)) == FrameReader::Status::Frame)
                ++frames;
        }
        QCOMPARE(status, FrameReader::Status::Error);
        QCOMPARE(frames, framesFirst);
        QVERIFY(!reader.error().isEmpty());
        QCOMPARE(reader.httpStatusForError(), 400);
        // An error is final: more good bytes do not bring the reader back.
        reader.append("{\"a\":1}");
        Frame frame;
        QCOMPARE(reader.next(&frame), FrameReader::Status::Error);
    }
}

void TestFraming::readerLimitErrors_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<bool>("speakingHttp");
    QTest::newRow("HTTP body declared over the limit")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 104857600\r\n\r\n") << 413 << true;
    QTest::newRow("chunked HTTP body over the limit")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked({QByteArray(4000, 'a')}))
        << 413 << true;
    QTest::newRow("endless HTTP headers") << QByteArray("POST / HTTP/1.1\r\nX: " + QByteArray(3000, 'a')) << 431 << true;
    QTest::newRow("bad Content-Length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n") << 400 << true;
    QTest::newRow("JSON object over the limit") << QByteArray("{\"a\":\"" + QByteArray(5000, 'a')) << 413 << false;
    QTest::newRow("JSON after HTTP, over the limit")
        << QByteArray(postRequest("/", "{}") + "{\"a\":\"" + QByteArray(5000, 'a')) << 413 << false;
}

void TestFraming::readerLimitErrors()
{
    QFETCH(QByteArray, stream);
    QFETCH(int, httpStatus);
    QFETCH(bool, speakingHttp);
    FrameLimits limits;
    limits.maxFrameBytes = 2048;
    limits.maxHeaderBytes = 1024;
    FrameReader reader(FrameReader::Role::Server, limits);
    reader.append(stream);
    Frame frame;
    FrameReader::Status status;
    while ((status = reader.next(&frame)) == FrameReader::Status::Frame) {
    }
    QCOMPARE(status, FrameReader::Status::Error);
    QCOMPARE(reader.httpStatusForError(), httpStatus);
    QCOMPARE(reader.speakingHttp(), speakingHttp);
    QVERIFY(!reader.error().isEmpty());
}

void TestFraming::readerClient()
{
    // Two pipelined responses, then a response that runs to EOF, across 7-byte reads.
    const QByteArray r1 = buildHttpResponse(200, jsonOfSize(347), true);
    const QByteArray r2 = buildHttpResponse(400, "{\"code\":-1001}", true);
    const QByteArray r3 = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + jsonOfSize(60);
    const QByteArray stream = r1 + r2 + r3;
    for (qsizetype chunk : {qsizetype(0), qsizetype(7)}) {
        const ReaderRun open = runReader(FrameReader::Role::Client, stream, chunk);
        QCOMPARE(open.last, FrameReader::Status::NeedMore);
        QCOMPARE(open.frames.size(), 2);
        QCOMPARE(open.buffered, r3.size());
        QCOMPARE(open.frames.at(0).http.statusCode, 200);
        QCOMPARE(open.frames.at(0).json, jsonOfSize(347));
        QCOMPARE(open.frames.at(0).wireBytes, r1.size());
        QCOMPARE(open.frames.at(1).http.statusCode, 400);
        QCOMPARE(open.frames.at(1).json, QByteArray("{\"code\":-1001}"));

        const ReaderRun closed = runReader(FrameReader::Role::Client, stream, chunk, {}, true);
        QCOMPARE(closed.last, FrameReader::Status::NeedMore);
        QCOMPARE(closed.frames.size(), 3);
        QCOMPARE(closed.buffered, 0);
        QCOMPARE(closed.frames.at(2).kind, Frame::Kind::Http);
        QCOMPARE(closed.frames.at(2).json, jsonOfSize(60));
        QCOMPARE(closed.frames.at(2).wireBytes, r3.size());
        QVERIFY(!closed.frames.at(2).http.keepAlive);
    }

    // A client reading requests is a framing error, not a frame.
    FrameReader reader(FrameReader::Role::Client);
    reader.append(postRequest("/", "{}"));
    Frame frame;
    QCOMPARE(reader.next(&frame), FrameReader::Status::Error);
    QCOMPARE(reader.httpStatusForError(), 400);
    QVERIFY(reader.speakingHttp());

    // The device's bare JSON answers come through as JSON frames.
    const ReaderRun bare = runReader(FrameReader::Role::Client, "{\"code\":0}\r\n" + r2, 3);
    QCOMPARE(bare.frames.size(), 2);
    QCOMPARE(bare.frames.at(0).kind, Frame::Kind::Json);
    QCOMPARE(bare.frames.at(1).kind, Frame::Kind::Http);
}

void TestFraming::readerDropsIdleWhiteSpace()
{
    FrameReader reader(FrameReader::Role::Server);
    Frame frame;
    for (int i = 0; i < 1000; ++i) {
        reader.append("\r\n");
        QCOMPARE(reader.next(&frame), FrameReader::Status::NeedMore);
        QCOMPARE(reader.buffered(), 0);
    }
    reader.append(" \t\r\n ");
    QCOMPARE(reader.next(&frame), FrameReader::Status::NeedMore);
    QCOMPARE(reader.buffered(), 0);
    // A frame that starts after idle white space is still framed.
    reader.append("\r\n{\"a\":1}");
    QCOMPARE(reader.next(&frame), FrameReader::Status::Frame);
    QCOMPARE(frame.json, QByteArray("{\"a\":1}"));
    QCOMPARE(frame.wireBytes, 9);
    QCOMPARE(reader.buffered(), 0);
}

void TestFraming::readerNulPaddingIsBounded()
{
    // sniffFraming and scanJsonFrame count NUL as white space, so a peer sending only
    // NULs gets NeedMore for ever; the reader must drop them (as it drops CR/LF) or
    // refuse them, not buffer them without end.
    FrameLimits limits;
    limits.maxFrameBytes = 64 * 1024;
    limits.maxHeaderBytes = 16 * 1024;
    FrameReader reader(FrameReader::Role::Server, limits);
    Frame frame;
    FrameReader::Status status = FrameReader::Status::NeedMore;
    const QByteArray nuls(4096, '\0');
    for (int i = 0; i < 64 && status == FrameReader::Status::NeedMore; ++i) {
        reader.append(nuls);
        status = reader.next(&frame);
    }
    QVERIFY(status != FrameReader::Status::Frame);
    QVERIFY2(status == FrameReader::Status::Error || reader.buffered() <= limits.maxFrameBytes,
             qPrintable(QStringLiteral("%1 bytes of NUL buffered").arg(reader.buffered())));
}

QTEST_GUILESS_MAIN(TestFraming)
#include "tst_framing.moc"
