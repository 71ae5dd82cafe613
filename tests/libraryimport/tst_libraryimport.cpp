// Bulk import into the face library: the three sources (folder names, CSV in its
// encodings and dialects, ZIP archives including hostile ones), the run with real
// photos (validation, duplicates, cancel), the report, and the headless command.
#include "library/CsvSource.h"
#include "library/FolderSource.h"
#include "library/ZipSource.h"
#include "library/LibraryTypes.h"
#include "protocol/ErrorCodes.h"

#include <QDir>
#include <QFile>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>

using namespace fd::library;
namespace code = fd::protocol::code;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// A ZIP built here entry by entry; names go in as given (hostile ones included).
struct ZipEntry {
    QString name;
    QByteArray bytes;
};

bool writeZip(const QString &path, const QList<ZipEntry> &entries, bool utf8Names = true)
{
    QuaZip zip(path);
    zip.setUtf8Enabled(utf8Names);
    if (!utf8Names)
        zip.setFileNameCodec("GB18030");
    if (!zip.open(QuaZip::mdCreate))
        return false;
    for (const ZipEntry &e : entries) {
        QuaZipFile f(&zip);
        if (!f.open(QIODevice::WriteOnly, QuaZipNewInfo(e.name)) || f.write(e.bytes) != e.bytes.size())
            return false;
        f.close();
        if (f.getZipError() != 0)
            return false;
    }
    zip.close();
    return zip.getZipError() == 0;
}

// "name|card|gender|list|listName|photo|problem?" per item, for compact comparisons.
QString describe(const ImportItem &i)
{
    return QStringLiteral("%1|%2|%3|%4|%5|%6|%7")
        .arg(i.name, i.cardNo)
        .arg(i.gender)
        .arg(i.listId)
        .arg(i.listName, QFileInfo(i.photo).fileName(), i.problem.isEmpty() ? QStringLiteral("ok") : QStringLiteral("problem"));
}

} // namespace

class TestLibraryImport : public QObject {
    Q_OBJECT
private slots:
    // Sources
    void fileNamePattern_data();
    void fileNamePattern();
    void invalidPatterns_data();
    void invalidPatterns();
    void folderSourceListsEveryFile();
    void csvSource_data();
    void csvSource();
    void csvRelativePhotoPaths();
    void csvQuotedFields();
    void zipWithoutCsv();
    void zipWithCsv();
    void zipGbkEntryNames();
    void zipHostileEntries_data();
    void zipHostileEntries();
    void zipOversizedEntry();
    void zipLyingSizeStopsAtDeclared();
};

// ---- Sources -----------------------------------------------------------------------

void TestLibraryImport::fileNamePattern_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");  // name|card|gender, or "no"
    QTest::newRow("default") << QString() << QStringLiteral("张伟_1001.jpg") << QStringLiteral("张伟|1001|-1");
    QTest::newRow("default, name with separator") << QString() << QStringLiteral("Mary_Ann_77.png")
                                                  << QStringLiteral("Mary_Ann|77|-1");
    QTest::newRow("default, trimmed") << QString() << QStringLiteral(" Bob _ 5 .jpg") << QStringLiteral("Bob|5|-1");
    QTest::newRow("default, no card") << QString() << QStringLiteral("Alice.jpg") << QStringLiteral("no");
    QTest::newRow("default, empty card") << QString() << QStringLiteral("Alice_.jpg") << QStringLiteral("no");
    QTest::newRow("card first") << QStringLiteral("{card}_{name}") << QStringLiteral("1001_李 娜.jpeg")
                                << QStringLiteral("李 娜|1001|-1");
    QTest::newRow("name only") << QStringLiteral("{name}") << QStringLiteral("Obama_2.jpg") << QStringLiteral("Obama_2||-1");
    QTest::newRow("dash, gender") << QStringLiteral("{name}-{gender}-{card}") << QStringLiteral("Li-女-9.jpg")
                                  << QStringLiteral("Li|9|0");
    QTest::newRow("gender M") << QStringLiteral("{card}.{gender}.{name}") << QStringLiteral("7.M.Tom Hanks.jpg")
                              << QStringLiteral("Tom Hanks|7|1");
    QTest::newRow("bad gender") << QStringLiteral("{name}-{gender}") << QStringLiteral("Li-x.jpg") << QStringLiteral("no");
    QTest::newRow("ignore") << QStringLiteral("{ignore}_{name}_{card}") << QStringLiteral("IMG_Wang_3.jpg")
                            << QStringLiteral("Wang|3|-1");
    QTest::newRow("folders ignored") << QString() << QStringLiteral("a_b/Zoe_12.jpg") << QStringLiteral("Zoe|12|-1");
}

void TestLibraryImport::fileNamePattern()
{
    QFETCH(QString, pattern);
    QFETCH(QString, file);
    QFETCH(QString, expected);
    const FileNamePattern p = pattern.isEmpty() ? FileNamePattern() : FileNamePattern(pattern);
    QVERIFY2(p.isValid(), qPrintable(p.error()));
    ImportItem item;
    QString why;
    const bool ok = p.apply(file, &item, &why);
    if (expected == u"no") {
        QVERIFY(!ok);
        QVERIFY(why.contains(QFileInfo(file).fileName()));
        return;
    }
    QVERIFY2(ok, qPrintable(why));
    QCOMPARE(QStringLiteral("%1|%2|%3").arg(item.name, item.cardNo).arg(item.gender), expected);
}

void TestLibraryImport::invalidPatterns_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::newRow("empty") << QString();
    QTest::newRow("no name") << QStringLiteral("{card}");
    QTest::newRow("two names") << QStringLiteral("{name}_{name}");
    QTest::newRow("mixed separators") << QStringLiteral("{name}_{card}-{gender}");
    QTest::newRow("two-char separator") << QStringLiteral("{name}__{card}");
    QTest::newRow("unknown token") << QStringLiteral("{name}_{phone}");
    QTest::newRow("literal text") << QStringLiteral("photo_{name}");
}

void TestLibraryImport::invalidPatterns()
{
    QFETCH(QString, pattern);
    const FileNamePattern p(pattern);
    QVERIFY(!p.isValid());
    QVERIFY(!p.error().isEmpty());
    FolderSource source(QDir::tempPath(), {p, false});
    QString error;
    QVERIFY(!source.open(&error));
    QCOMPARE(error, p.error());
}

void TestLibraryImport::folderSourceListsEveryFile()
{
    QTemporaryDir dir;
    for (const char *name : {"Bob_2.jpg", "Alice_1.jpg", "no-card.jpg", ".hidden_9.jpg", "Thumbs.db", "sub/Carl_3.jpg",
                             ".git/x_1.jpg"})
        QVERIFY(writeFile(dir.filePath(QString::fromUtf8(name)), "bytes"));

    FolderSource flat(dir.path());
    QString error;
    QVERIFY2(flat.open(&error), qPrintable(error));
    QStringList got;
    for (const ImportItem &i : flat.items())
        got << QStringLiteral("%1:%2").arg(i.row).arg(describe(i));
    QCOMPARE(got, QStringList({QStringLiteral("1:Alice|1|-1|0||Alice_1.jpg|ok"), QStringLiteral("2:Bob|2|-1|0||Bob_2.jpg|ok"),
                               QStringLiteral("3:||-1|0||no-card.jpg|problem")}));
    QCOMPARE(flat.items()[0].photo, dir.filePath(QStringLiteral("Alice_1.jpg")));
    QCOMPARE(flat.items()[2].sourceLabel, QStringLiteral("no-card.jpg"));

    FolderSource deep(dir.path(), {FileNamePattern(), true});
    QVERIFY(deep.open(&error));
    QCOMPARE(deep.items().size(), 4);
    QCOMPARE(deep.items()[3].sourceLabel, QStringLiteral("sub/Carl_3.jpg"));
    QCOMPARE(deep.items()[3].name, QStringLiteral("Carl"));

    QString readError;
    int readCode = 0;
    QCOMPARE(deep.readPhoto(deep.items()[0], &readError, &readCode), QByteArray("bytes"));
    deep.setMaxPhotoBytes(3);
    QVERIFY(deep.readPhoto(deep.items()[0], &readError, &readCode).isEmpty());
    QCOMPARE(readCode, code::FileTooBig);
    ImportItem gone = deep.items()[0];
    gone.photo = dir.filePath(QStringLiteral("gone.jpg"));
    QVERIFY(deep.readPhoto(gone, &readError, &readCode).isEmpty());
    QCOMPARE(readCode, code::FileOpenFailed);

    FolderSource missing(dir.filePath(QStringLiteral("nope")));
    QVERIFY(!missing.open(&error));
    QVERIFY(error.contains(QStringLiteral("nope")));
}

void TestLibraryImport::csvSource_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<bool>("header");
    QTest::addColumn<QStringList>("rows");  // describe() of each item

    QTest::newRow("english header")
        << QByteArray("Name,Gender,Card No,List,Photo\nAlice,female,A1,Blacklist,a.jpg\nBob,M,B2,2,b.jpg\n")
        << QStringLiteral("UTF-8") << true
        << QStringList{QStringLiteral("Alice|A1|0|1||a.jpg|ok"), QStringLiteral("Bob|B2|1|2||b.jpg|ok")};
    QTest::newRow("header in another order, CRLF")
        << QByteArray("photo,card,name\r\nc.jpg,9,Carl\r\n") << QStringLiteral("UTF-8") << true
        << QStringList{QStringLiteral("Carl|9|-1|0||c.jpg|ok")};
    QTest::newRow("no header: default order")
        << QByteArray("Alice,女,A1,VIP,a.jpg\nBob,男,B2,,b.jpg\n\n") << QStringLiteral("UTF-8") << false
        << QStringList{QStringLiteral("Alice|A1|0|3||a.jpg|ok"), QStringLiteral("Bob|B2|1|0||b.jpg|ok")};
    QTest::newRow("utf-8 with BOM, chinese header")
        << (QByteArray("\xEF\xBB\xBF") + QStringLiteral("姓名,性别,卡号,名单,照片\n张伟,男,1001,黑名单,张伟.jpg\n").toUtf8())
        << QStringLiteral("UTF-8") << true << QStringList{QStringLiteral("张伟|1001|1|1||张伟.jpg|ok")};
    QStringEncoder gbk("GB18030");
    QTest::newRow("gbk, chinese header, custom list")
        << QByteArray(gbk(QStringLiteral("姓名,性别,卡号,名单,照片\n李娜,女,2002,访客,李娜.jpg\n王芳,0,2003,白名单,w.jpg\n")))
        << QStringLiteral("GB18030") << true
        << QStringList{QStringLiteral("李娜|2002|0|0|访客|李娜.jpg|ok"), QStringLiteral("王芳|2003|0|2||w.jpg|ok")};
    QTest::newRow("semicolons")
        << QByteArray("name;gender;card;list;photo\nAnna;F;7;4;anna.jpg\n") << QStringLiteral("UTF-8") << true
        << QStringList{QStringLiteral("Anna|7|0|4||anna.jpg|ok")};
    QTest::newRow("rows with problems")
        << QByteArray("name,gender,card,list,photo\n,male,1,1,x.jpg\nEve,alien,2,1,e.jpg\nIan,m,3,9,i.jpg\nJo,m,4,1,\n")
        << QStringLiteral("UTF-8") << true
        << QStringList{QStringLiteral("|1|1|1||x.jpg|problem"), QStringLiteral("Eve|2|-1|1||e.jpg|problem"),
                       QStringLiteral("Ian|3|1|0||i.jpg|problem"), QStringLiteral("Jo|4|1|1|||problem")};
    QTest::newRow("a person called Name is no header")
        << QByteArray("Name,male,1,1,n.jpg\n") << QStringLiteral("UTF-8") << false
        << QStringList{QStringLiteral("Name|1|1|1||n.jpg|ok")};
}

void TestLibraryImport::csvSource()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, encoding);
    QFETCH(bool, header);
    QFETCH(QStringList, rows);
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("people.csv"));
    QVERIFY(writeFile(csv, bytes));
    CsvSource source(csv);
    QString error;
    QVERIFY2(source.open(&error), qPrintable(error));
    QCOMPARE(source.encoding(), encoding);
    QCOMPARE(source.hadHeader(), header);
    QStringList got;
    for (const ImportItem &i : source.items())
        got << describe(i);
    QCOMPARE(got, rows);
    if (!rows.isEmpty()) {
        QCOMPARE(source.items().first().row, 1);
        QCOMPARE(source.items().first().sourceLabel, QStringLiteral("people.csv:%1").arg(header ? 2 : 1));
    }
}

void TestLibraryImport::csvRelativePhotoPaths()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(QStringLiteral("photos/a.jpg")), "A"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("b.jpg")), "B"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("other/c.jpg")), "C"));
    const QString csv = dir.filePath(QStringLiteral("lists/people.csv"));
    QVERIFY(writeFile(csv, QStringLiteral("name,photo\nA,../photos/a.jpg\nB,..\\b.jpg\nC,%1\n")
                               .arg(dir.filePath(QStringLiteral("other/c.jpg")))
                               .toUtf8()));
    CsvSource source(csv);
    QString error;
    QVERIFY2(source.open(&error), qPrintable(error));
    QCOMPARE(source.items().size(), 3);
    QCOMPARE(source.items()[0].photo, dir.filePath(QStringLiteral("photos/a.jpg")));
    QCOMPARE(source.items()[1].photo, dir.filePath(QStringLiteral("b.jpg")));
    QCOMPARE(source.items()[2].photo, dir.filePath(QStringLiteral("other/c.jpg")));
    int readCode = 0;
    QCOMPARE(source.readPhoto(source.items()[1], &error, &readCode), QByteArray("B"));

    // The admin's mapping for a file whose columns we cannot guess.
    QVERIFY(writeFile(csv, "x,A-1,../b.jpg,Anna\n"));
    CsvOptions mapped;
    mapped.header = CsvHeader::Absent;
    mapped.columns = CsvColumns{3, -1, 1, -1, 2, 0};
    CsvSource custom(csv, mapped);
    QVERIFY(custom.open(&error));
    QCOMPARE(custom.items().size(), 1);
    QCOMPARE(describe(custom.items()[0]), QStringLiteral("Anna|A-1|-1|0||b.jpg|ok"));
    QCOMPARE(custom.items()[0].notes, QStringLiteral("x"));
}

void TestLibraryImport::csvQuotedFields()
{
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("q.csv"));
    QVERIFY(writeFile(csv, "name,card,notes,photo\n"
                           "\"Smith, John\",\"1\"\"2\",\"two\nlines\",\"a b.jpg\"\n"
                           "\"\",3,,c.jpg\n"
                           "Ann \"Nan\" Lee,4,\"\",d.jpg\n"));
    CsvSource source(csv);
    QString error;
    QVERIFY(source.open(&error));
    QCOMPARE(source.items().size(), 3);
    QCOMPARE(source.items()[0].name, QStringLiteral("Smith, John"));
    QCOMPARE(source.items()[0].cardNo, QStringLiteral("1\"2"));
    QCOMPARE(source.items()[0].notes, QStringLiteral("two\nlines"));
    QCOMPARE(QFileInfo(source.items()[0].photo).fileName(), QStringLiteral("a b.jpg"));
    QVERIFY(!source.items()[1].problem.isEmpty());  // empty quoted name
    QCOMPARE(source.items()[1].sourceLabel, QStringLiteral("q.csv:4"));  // the record after the two-line one
    QCOMPARE(source.items()[2].name, QStringLiteral("Ann \"Nan\" Lee"));
}

void TestLibraryImport::zipWithoutCsv()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("photos.zip"));
    QVERIFY(writeZip(path, {{QStringLiteral("people/"), {}},
                            {QStringLiteral("people/张伟_1001.jpg"), "one"},
                            {QStringLiteral("people/nocard.jpg"), "two"},
                            {QStringLiteral("__MACOSX/people/._张伟_1001.jpg"), "fork"},
                            {QStringLiteral("Bob_2.jpg"), "three"}}));
    ZipSource source(path);
    QString error;
    QVERIFY2(source.open(&error), qPrintable(error));
    QVERIFY(source.csvEntry().isEmpty());
    QStringList got;
    for (const ImportItem &i : source.items())
        got << i.sourceLabel + u'=' + describe(i);
    QCOMPARE(got, QStringList({QStringLiteral("people/张伟_1001.jpg=张伟|1001|-1|0||张伟_1001.jpg|ok"),
                               QStringLiteral("people/nocard.jpg=||-1|0||nocard.jpg|problem"),
                               QStringLiteral("Bob_2.jpg=Bob|2|-1|0||Bob_2.jpg|ok")}));
    int readCode = 0;
    QCOMPARE(source.readPhoto(source.items()[2], &error, &readCode), QByteArray("three"));
    QCOMPARE(source.readPhoto(source.items()[0], &error, &readCode), QByteArray("one"));

    QVERIFY(writeFile(dir.filePath(QStringLiteral("not.zip")), "PK no zip at all"));
    ZipSource broken(dir.filePath(QStringLiteral("not.zip")));
    QVERIFY(!broken.open(&error));
    QVERIFY(!error.isEmpty());
}

void TestLibraryImport::zipWithCsv()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("set.zip"));
    QVERIFY(writeZip(path, {{QStringLiteral("export/list.csv"),
                             QStringLiteral("姓名,卡号,照片\n甲,1,img/a.jpg\n乙,2,./img\\b.jpg\n丙,3,../c.jpg\n丁,4,img/none.jpg\n"
                                            "戊,5,/etc/passwd\n己,6,../export/img/a.jpg\n")
                                 .toUtf8()},
                            {QStringLiteral("export/img/a.jpg"), "A"},
                            {QStringLiteral("export/img/b.jpg"), "B"},
                            {QStringLiteral("c.jpg"), "C"},
                            {QStringLiteral("unlisted.jpg"), "U"}}));
    ZipSource source(path);
    QString error;
    QVERIFY2(source.open(&error), qPrintable(error));
    QCOMPARE(source.csvEntry(), QStringLiteral("export/list.csv"));
    QStringList got;
    for (const ImportItem &i : source.items())
        got << i.sourceLabel + u'=' + describe(i);
    // Up inside the archive is fine; out of it, absolute or missing is not.
    QCOMPARE(got, QStringList({QStringLiteral("list.csv:2=甲|1|-1|0||a.jpg|ok"), QStringLiteral("list.csv:3=乙|2|-1|0||b.jpg|ok"),
                               QStringLiteral("list.csv:4=丙|3|-1|0||c.jpg|ok"), QStringLiteral("list.csv:5=丁|4|-1|0|||problem"),
                               QStringLiteral("list.csv:6=戊|5|-1|0|||problem"), QStringLiteral("list.csv:7=己|6|-1|0||a.jpg|ok")}));
    int readCode = 0;
    QCOMPARE(source.readPhoto(source.items()[1], &error, &readCode), QByteArray("B"));
    QCOMPARE(source.readPhoto(source.items()[2], &error, &readCode), QByteArray("C"));

    const QString two = dir.filePath(QStringLiteral("two.zip"));
    QVERIFY(writeZip(two, {{QStringLiteral("a.csv"), "name,photo\n"}, {QStringLiteral("b.csv"), "name,photo\n"}}));
    ZipSource ambiguous(two);
    QVERIFY(!ambiguous.open(&error));
    QVERIFY(error.contains(QStringLiteral("a.csv")));
}

void TestLibraryImport::zipGbkEntryNames()
{
    // Chinese Windows writes entry names in GBK without the UTF-8 flag.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("gbk.zip"));
    QVERIFY(writeZip(path, {{QStringLiteral("王芳_88.jpg"), "W"}}, false));
    ZipSource source(path);
    QString error;
    QVERIFY2(source.open(&error), qPrintable(error));
    QCOMPARE(source.items().size(), 1);
    QCOMPARE(source.items()[0].name, QStringLiteral("王芳"));
    int readCode = 0;
    QCOMPARE(source.readPhoto(source.items()[0], &error, &readCode), QByteArray("W"));
}

void TestLibraryImport::zipHostileEntries_data()
{
    QTest::addColumn<QString>("entry");
    QTest::newRow("parent") << QStringLiteral("../evil_1.jpg");
    QTest::newRow("nested parent") << QStringLiteral("a/../../evil_1.jpg");
    QTest::newRow("absolute") << QStringLiteral("/etc/evil_1.jpg");
    QTest::newRow("backslash parent") << QStringLiteral("..\\evil_1.jpg");
    QTest::newRow("drive letter") << QStringLiteral("C:/evil_1.jpg");
    QTest::newRow("control character") << QStringLiteral("evil\x01_1.jpg");
}

void TestLibraryImport::zipHostileEntries()
{
    QFETCH(QString, entry);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hostile.zip"));
    QVERIFY(writeZip(path, {{entry, "X"}, {QStringLiteral("good_2.jpg"), "G"}}));
    ZipSource source(path);
    QString error;
    QVERIFY2(source.open(&error), qPrintable(error));
    QCOMPARE(source.items().size(), 2);
    const ImportItem hostile = source.items()[0];
    QCOMPARE(hostile.sourceLabel, entry);
    QVERIFY(hostile.problem.contains(QStringLiteral("refused")));
    QVERIFY(source.items()[1].problem.isEmpty());
}

void TestLibraryImport::zipOversizedEntry()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bomb.zip"));
    // 8 MiB of zeros deflate to a few KiB: a small archive, a big entry.
    QVERIFY(writeZip(path, {{QStringLiteral("bomb_1.jpg"), QByteArray(8 << 20, '\0')}, {QStringLiteral("ok_2.jpg"), "fine"}}));
    QVERIFY(QFileInfo(path).size() < 100 * 1024);
    ZipSource source(path);
    source.setMaxPhotoBytes(1 << 20);
    QString error;
    QVERIFY2(source.open(&error), qPrintable(error));
    QCOMPARE(source.items().size(), 2);
    QCOMPARE(source.items()[0].problemCode, code::FileTooBig);
    QVERIFY(source.items()[0].problem.contains(QStringLiteral("8.0 MiB")));
    // Asked anyway, it still refuses without inflating.
    int readCode = 0;
    QVERIFY(source.readPhoto(source.items()[0], &error, &readCode).isEmpty());
    QCOMPARE(readCode, code::FileTooBig);
    QCOMPARE(source.readPhoto(source.items()[1], &error, &readCode), QByteArray("fine"));
}

void TestLibraryImport::zipLyingSizeStopsAtDeclared()
{
    // An archive whose directory claims a small size for a big entry: the reader
    // trusts the claim only as a ceiling, and the checksum then refuses the entry.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("liar.zip"));
    const QByteArray big(4 << 20, 'z');
    QVERIFY(writeZip(path, {{QStringLiteral("liar_1.jpg"), big}}));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QByteArray zip = f.readAll();
    const auto patchSize = [&zip](const QByteArray &signature, int offset) {
        const qsizetype at = zip.indexOf(signature);
        QVERIFY(at >= 0);
        const quint32 claimed = 1000;
        for (int i = 0; i < 4; ++i)
            zip[at + offset + i] = char((claimed >> (8 * i)) & 0xff);
    };
    patchSize(QByteArray("PK\x01\x02", 4), 24);  // central directory: uncompressed size
    patchSize(QByteArray("PK\x03\x04", 4), 22);  // local header: uncompressed size
    f.seek(0);
    f.write(zip);
    f.close();

    ZipSource source(path);
    source.setMaxPhotoBytes(1 << 20);
    QString error;
    QVERIFY2(source.open(&error), qPrintable(error));
    QCOMPARE(source.items().size(), 1);
    QVERIFY(source.items()[0].problem.isEmpty());  // the claim is small
    int readCode = 0;
    QVERIFY(source.readPhoto(source.items()[0], &error, &readCode).isEmpty());
    QCOMPARE(readCode, code::ReadPictureFailed);
}

QTEST_GUILESS_MAIN(TestLibraryImport)
#include "tst_libraryimport.moc"
