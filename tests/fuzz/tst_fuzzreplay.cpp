// Every fuzz target's seeds and saved crashes (tests/fuzz/regressions/<target>/), run
// through the targets' own bodies in the normal build and the sanitizer build
// (tests/sanitize.sh): a crash the fuzzer once found stays fixed, and the seeds
// exercise the parsers' checks on every CI run. The libFuzzer runs themselves are
// tests/fuzz/run.sh (docs/FUZZING.md).
#include "FuzzTarget.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QTest>

namespace fd::fuzz {

namespace {

QMap<QString, Entry> &targets()
{
    static QMap<QString, Entry> map;
    return map;
}

} // namespace

int registerTarget(const char *name, Entry entry)
{
    targets().insert(QString::fromLatin1(name), entry);
    return int(targets().size());
}

} // namespace fd::fuzz

namespace {

struct Listed {
    QString name;
    QStringList seedDirs;  // absolute
};

QList<Listed> listedTargets()
{
    QList<Listed> out;
    QFile f(QStringLiteral(SOURCE_DIR "/tests/fuzz/targets.txt"));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    const QDir source(QStringLiteral(SOURCE_DIR));
    for (const QByteArray &raw : f.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList words = line.split(u' ', Qt::SkipEmptyParts);
        Listed t;
        t.name = words.value(0);
        for (const QString &dir : words.mid(2))
            t.seedDirs << QDir::cleanPath(source.absoluteFilePath(dir));
        t.seedDirs << source.absoluteFilePath(QStringLiteral("tests/fuzz/regressions/") + t.name);
        out << t;
    }
    return out;
}

} // namespace

class TestFuzzReplay : public QObject {
    Q_OBJECT
private slots:
    void everyTargetListed();
    void replay_data();
    void replay();
};

void TestFuzzReplay::everyTargetListed()
{
    QStringList listed;
    for (const Listed &t : listedTargets())
        listed << t.name;
    listed.sort();
    QCOMPARE(listed, QStringList(fd::fuzz::targets().keys()));
    QCOMPARE(listed.size(), FUZZ_TARGET_COUNT);
}

void TestFuzzReplay::replay_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QStringList>("dirs");
    for (const Listed &t : listedTargets())
        QTest::newRow(qPrintable(t.name)) << t.name << t.seedDirs;
}

void TestFuzzReplay::replay()
{
    QFETCH(QString, target);
    QFETCH(QStringList, dirs);
    const fd::fuzz::Entry entry = fd::fuzz::targets().value(target);
    QVERIFY(entry);
    int files = 0;
    for (const QString &dir : std::as_const(dirs)) {
        for (const QFileInfo &info : QDir(dir).entryInfoList(QDir::Files, QDir::Name)) {
            QFile f(info.filePath());
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(info.filePath()));
            const QByteArray bytes = f.readAll();
            entry(QByteArrayView(bytes));
            ++files;
        }
    }
    // A target without a single seed would replay nothing.
    QVERIFY2(files > 0, qPrintable(target));
    qInfo("%s: %d inputs", qPrintable(target), files);
}

QTEST_GUILESS_MAIN(TestFuzzReplay)
#include "tst_fuzzreplay.moc"
