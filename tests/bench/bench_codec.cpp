// Decode throughput of a compare push carrying a ~20 KB face and a ~300 KB
// background, side by side with QJsonDocument::fromJson on the same bytes.
//
//   bench_codec [--update docs/PERFORMANCE.md]
#include "BenchReport.h"

#include "protocol/MessageCodec.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTextStream>

using namespace fd::protocol;

namespace {

QByteArray randomJpegLike(int size, quint32 seed)
{
    if (size == 0)
        return {};
    QByteArray b(size, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    rng.fillRange(reinterpret_cast<quint32 *>(b.data()), size / 4);
    b[0] = char(0xFF);
    b[1] = char(0xD8);
    return b;
}

FacePush pushWith(int faceBytes, int backgroundBytes)
{
    FacePush p;
    p.uuid = QStringLiteral("12721SSQSQCA");
    p.token = QStringLiteral("6f1c0e3a9b7d4e25a8c3f0d1b2e4a697");
    p.mac = QStringLiteral("e0:62:90:12:34:56");
    p.host = QStringLiteral("192.168.1.100");
    p.productName = QStringLiteral("Gate 1");
    p.deviceType = 0x12;
    p.channel = 0;
    p.indexId = 478;
    p.picSort = 1;
    p.picName = QStringLiteral("478.jpg");
    p.matchScore = 0.93;
    p.position = FaceRect{812, 204, 180, 180, true};
    p.captureTimeText = QStringLiteral("2026-11-25 14:53:23");
    p.sendTimeText = p.captureTimeText;
    p.quality = 91;
    p.visitCount = 3;
    p.attributes = FaceAttributes{34, 1, 0, 0, 0, 1, 2};
    p.image = randomJpegLike(faceBytes, 1);
    p.imageName = QStringLiteral("FACE_12721SSQSQCA_20261125T145323120_2.jpg");
    p.background = randomJpegLike(backgroundBytes, 2);
    p.backgroundName = QStringLiteral("FACE_12721SSQSQCA_20261125T145323120_2_YT.jpg");
    QRandomGenerator rng(3);
    for (int i = 0; i < 256; ++i)
        p.feature.append(float(rng.generateDouble() - 0.5));
    return p;
}

// The same message the way the vendor's examples write it: hex device type,
// unquoted keys, a full-width comma. It forces the lenient path.
QByteArray sloppy(QByteArray strict)
{
    strict.replace("\"device_type\":18", "\"device_type\":0x12");
    strict.replace("{\"data\":", "{data:");
    strict.replace(",\"uuid\":", "\xEF\xBC\x8C\"uuid\":");
    return strict;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qsizetype u = args.indexOf(QStringLiteral("--update"));
    const QString updatePath = u >= 0 && u + 1 < args.size() ? args[u + 1] : QString();

    struct Case {
        QString name;
        QByteArray bytes;
        bool sloppyAtEnd = false;  // the worst case: the strict parser reads it all before failing
    };
    const QByteArray withBackground = encode(pushWith(20 * 1024, 300 * 1024));
    const QByteArray thumbOnly = encode(pushWith(20 * 1024, 0));
    const QList<Case> cases = {{QStringLiteral("face 20 KB + background 300 KB"), withBackground},
                               {QStringLiteral("face 20 KB only"), thumbOnly},
                               {QStringLiteral("face 20 KB + background 300 KB, sloppy only at its end"),
                                withBackground, true}};

    QString report;
    QTextStream out(&report);
    out.setRealNumberNotation(QTextStream::FixedNotation);
    out << "### Codec: decode throughput\n\n";
    out << "Machine: " << fd::bench::machineLine() << "\n\n";
    out << "Command: `build/tests/bench/bench_codec --update docs/PERFORMANCE.md`\n\n";
    out << "| message | size | `QJsonDocument::fromJson` (anchor) | parse, strict input | parse, sloppy input "
           "(repair) | ratio sloppy/anchor (alternating rounds, median) | full decode, strict | full decode, sloppy |\n";
    out << "|---|---|---|---|---|---|---|---|\n";

    for (const Case &c : cases) {
        const QByteArray strict = c.bytes;
        // A trailing comma before the last brace: valid up to its final bytes.
        const QByteArray messy = c.sloppyAtEnd ? strict.chopped(1) + ",}" : sloppy(strict);
        // Guard the benchmark itself: the sloppy text must really need the repair.
        if (!parseLenientObject(messy).repaired || parseLenientObject(strict).repaired || !decode(messy).ok()) {
            qCritical("benchmark inputs are not what they claim to be");
            return 1;
        }
        const double mb = double(strict.size()) / (1024.0 * 1024.0);
        qsizetype sink = 0; // printed below, so no call can be optimised away
        const double anchor = fd::bench::secondsPerCall([&] { sink += QJsonDocument::fromJson(strict).object().size(); });
        const double fast = fd::bench::secondsPerCall([&] { sink += parseLenientObject(strict).object.size(); });
        const double repair = fd::bench::secondsPerCall([&] { sink += parseLenientObject(messy).object.size(); });
        const double decodeStrict = fd::bench::secondsPerCall([&] { sink += decode(strict).ok(); });
        const double decodeSloppy = fd::bench::secondsPerCall([&] { sink += decode(messy).ok(); });
        const double ratio = fd::bench::ratioAgainst([&] { sink += QJsonDocument::fromJson(strict).object().size(); },
                                                     [&] { sink += parseLenientObject(messy).object.size(); });
        const auto mbps = [mb](double s) { return QStringLiteral("%1 MB/s").arg(mb / s, 0, 'f', 0); };
        out << "| " << c.name << " | " << strict.size() / 1024 << " KB | " << mbps(anchor) << " | " << mbps(fast)
            << " | " << mbps(repair) << " | " << QString::number(ratio, 'f', 2) << "x | "
            << mbps(decodeStrict) << " | " << mbps(decodeSloppy) << " |\n";
        if (sink == 42)
            QTextStream(stderr) << "";
    }
    out << "\nParse = text to a JSON object (the fast path is QJsonDocument itself; sloppy input is repaired "
           "first). Full decode = parse plus reading every field into a `FacePush`, including base64 decoding of "
           "both images and the 256 feature values. Target: the lenient path costs at most 1.5x the strict "
           "parser. Sloppiness at the start (as in the vendor's examples, where the top-level fields come first) "
           "is found at once; sloppiness only at the very end makes the strict attempt read everything first, "
           "the worst case shown in the last row.\n";
    out.flush();

    QTextStream(stdout) << report;
    if (!updatePath.isEmpty() && !fd::bench::updateSection(updatePath, QStringLiteral("codec"), report)) {
        qCritical("cannot write %s", qPrintable(updatePath));
        return 1;
    }
    return 0;
}
