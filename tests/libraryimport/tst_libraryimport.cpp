// Bulk import into the face library: the three sources (folder names, CSV in its
// encodings and dialects, ZIP archives including hostile ones), the run with real
// photos (validation, duplicates, cancel), the report, and the headless command.
#include "../support/TestArchive.h"
#include "library/CsvSource.h"
#include "library/FileNaming.h"
#include "library/FolderSource.h"
#include "library/ImportRun.h"
#include "library/LibraryStore.h"
#include "library/LibraryTypes.h"
#include "library/ZipSource.h"
#include "protocol/ErrorCodes.h"
#include "store/Database.h"

#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSignalSpy>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>

using namespace fd::library;
namespace code = fd::protocol::code;

namespace {

const QString kFaces = QStringLiteral(SHARED_DIR "/faces");

QString face(const QString &name)
{
    return kFaces + u'/' + name;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

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
    void fileNameReading_data();
    void fileNameReading();
    void fileNameSets_data();
    void fileNameSets();
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

    // The run, with real photos
    void init();
    void cleanup();
    void folderImportRejectsMultiFace();
    void duplicatesAreCaught();
    void duplicatesMayBeAddedFlagged();
    void cancelFromProgressAddsNothing();
    void failedCommitAddsNothing();
    void csvImportWithListsAndTargets();
    void zipImportReadsFromMemory();
    void progressIsThrottledAndComplete();
    void reportCsvAndThumbnails();
    void severalPhotosBecomeOnePerson();

    // The headless command
    void headlessExitCodes_data();
    void headlessExitCodes();
    void headlessImportOfEverydayNames();

private:
    // Runs an import to its end into m_data and returns the report.
    ImportReport runImport(std::unique_ptr<ImportSource> source, const ImportOptions &options = {});
    LibraryStore &store();
    // The photos of ../shared/faces copied under new names into a folder of the test's.
    QString folderOf(const QList<QPair<QString, QString>> &copies);

    std::unique_ptr<QTemporaryDir> m_data;    // the archive (on PostgreSQL: this desk's folder)
    fd::store::DatabaseConfig m_config;       // SQLite in m_data, or a fresh PostgreSQL database
    std::unique_ptr<QTemporaryDir> m_input;   // what is imported
    std::unique_ptr<LibraryStore> m_store;
    int m_connection = 0;
};

void TestLibraryImport::init()
{
    m_data = std::make_unique<QTemporaryDir>();
    m_input = std::make_unique<QTemporaryDir>();
    QVERIFY(m_data->isValid() && m_input->isValid());
    m_config = testarchive::config(m_data->path());
}

void TestLibraryImport::cleanup()
{
    const QString name = m_store ? m_store->database().connectionName() : QString();
    m_store.reset();
    if (!name.isEmpty())
        QSqlDatabase::removeDatabase(name);
}

LibraryStore &TestLibraryImport::store()
{
    if (!m_store) {
        QString error;
        QSqlDatabase db = fd::store::openDatabase(m_config, QStringLiteral("test%1").arg(++m_connection), &error);
        if (!db.isOpen())
            qFatal("cannot open the archive: %s", qPrintable(error));
        m_store = std::make_unique<LibraryStore>(db, m_config.libraryDir());
    }
    return *m_store;
}

ImportReport TestLibraryImport::runImport(std::unique_ptr<ImportSource> source, const ImportOptions &options)
{
    ImportRun run(std::move(source), m_config, PhotoRules{}, options);
    QSignalSpy finished(&run, &ImportRun::finished);
    run.start();
    if (!finished.wait(300000))
        qFatal("the import did not finish");
    return run.report();
}

QString TestLibraryImport::folderOf(const QList<QPair<QString, QString>> &copies)
{
    const QString dir = m_input->filePath(QStringLiteral("photos%1").arg(QDir(m_input->path()).count()));
    QDir().mkpath(dir);
    for (const auto &[from, to] : copies)
        if (!QFile::copy(face(from), dir + u'/' + to))
            qFatal("cannot copy %s", qPrintable(from));
    return dir;
}

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
    FolderSource source(QDir::tempPath(), {FileNaming{p, std::nullopt}, false});
    QString error;
    QVERIFY(!source.open(&error));
    QCOMPARE(error, p.error());
}

// One file name in a set read by shape: name|card|counter|shape. The set is the
// file itself unless given (what the other names say settles trailing numbers).
void TestLibraryImport::fileNameReading_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    using S = FileNameReading::Shape;
    const auto row = [](const char *file, const char *name, const char *card, int counter, S shape) {
        QTest::newRow(file) << QString::fromUtf8(file)
                            << QStringLiteral("%1|%2|%3|%4").arg(QString::fromUtf8(name), QString::fromUtf8(card)).arg(counter).arg(int(shape));
    };
    row("10023.jpg", "", "10023", 0, S::CardOnly);
    row("007.JPG", "", "007", 0, S::CardOnly);
    row("Jane Doe.jpg", "Jane Doe", "", 0, S::NameOnly);
    row("张伟.jpg", "张伟", "", 0, S::NameOnly);
    row("李 娜 (2).png", "李 娜", "", 2, S::NameOnly);
    row("alex-lacamoire.png", "Alex Lacamoire", "", 0, S::NameOnly);
    row("Jean-Pierre Dupont.jpg", "Jean-Pierre Dupont", "", 0, S::NameOnly);
    row("rose_leslie_1.jpg", "Rose Leslie", "", 1, S::NameOnly);
    row("obama_2.jpg", "Obama", "", 2, S::NameOnly);
    row("Jane Doe (2).jpg", "Jane Doe", "", 2, S::NameOnly);
    row("Jane Doe-3.jpg", "Jane Doe", "", 3, S::NameOnly);
    row("10023_Jane Doe.jpg", "Jane Doe", "10023", 0, S::CardThenName);
    row("10023-Jane Doe.jpg", "Jane Doe", "10023", 0, S::CardThenName);
    row("10023 张伟.jpg", "张伟", "10023", 0, S::CardThenName);
    row("10023_Jane Doe_2.jpg", "Jane Doe", "10023", 2, S::CardThenName);
    row("Jane Doe_10023.jpg", "Jane Doe", "10023", 0, S::NameThenCard);
    row("Jane Doe-10023 (2).jpg", "Jane Doe", "10023", 2, S::NameThenCard);
    row("Mary_Ann_1001.jpg", "Mary Ann", "1001", 0, S::NameThenCard);
    row("10023_1.jpg", "", "10023", 1, S::CardOnly);
    row("IMG_4521.JPG", "", "", 0, S::Camera);
    row("IMG_20230412_153012.jpg", "", "", 0, S::Camera);
    row("DSC01234.JPG", "", "", 0, S::Camera);
    row("PXL_20230101_101010123.jpg", "", "", 0, S::Camera);
    row("WhatsApp Image 2023-01-01 at 10.00.00.jpeg", "", "", 0, S::Camera);
    row("___.jpg", "", "", 0, S::NoName);
    row("sub/dir/Zoe Smith.jpg", "Zoe Smith", "", 0, S::NameOnly);
}

void TestLibraryImport::fileNameReading()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    const FileNameReading reading = FileNameReading::forSet({file});
    const FileNameReading::Parts parts = reading.read(file);
    QCOMPARE(QStringLiteral("%1|%2|%3|%4").arg(parts.name, parts.cardNo).arg(parts.counter).arg(int(parts.shape)), expected);
    // Applied, nobody is nameless and nothing is refused.
    ImportItem item;
    reading.apply(file, &item);
    QVERIFY(!item.name.isEmpty());
    QVERIFY(item.problem.isEmpty());
    QCOMPARE(item.flags.isEmpty(), !parts.name.isEmpty());
}

// Whole sets: how many rows, how many persons they make, what short trailing numbers
// were taken for, and whether the reading says it is unsure.
void TestLibraryImport::fileNameSets_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<int>("persons");
    QTest::addColumn<bool>("counters");
    QTest::addColumn<bool>("unsure");
    QStringList shared;
    for (const QString &f : QDir(kFaces).entryList({QStringLiteral("*.jpg")}, QDir::Files, QDir::Name))
        shared << f;
    if (shared.isEmpty())  // the names as they are in ../shared/faces, for a machine without them
        shared = QStringList{QStringLiteral("alex_lacamoire_1.jpg"), QStringLiteral("biden_1.jpg"), QStringLiteral("biden_2.jpg"),
                             QStringLiteral("edge_partial_face.jpg"), QStringLiteral("kit_harington_1.jpg"),
                             QStringLiteral("kit_harington_2.jpg"), QStringLiteral("multi_two_people.jpg"),
                             QStringLiteral("obama_1.jpg"), QStringLiteral("obama_2.jpg"), QStringLiteral("obama_3.jpg"),
                             QStringLiteral("obama_4.jpg"), QStringLiteral("obama_small.jpg"), QStringLiteral("rose_leslie_1.jpg"),
                             QStringLiteral("rose_leslie_2.jpg"), QStringLiteral("scene_obama_1080p.jpg")};
    // alex, biden, edge, kit, multi, obama, obama small, rose, scene
    QTest::newRow("../shared/faces") << shared << 9 << true << false;
    QTest::newRow("HR numbers") << QStringList{QStringLiteral("10023.jpg"), QStringLiteral("10024.jpg"), QStringLiteral("10025.jpg")}
                                << 3 << true << false;
    QTest::newRow("Chinese names with counters")
        << QStringList{QStringLiteral("张伟.jpg"), QStringLiteral("张伟 (2).jpg"), QStringLiteral("王芳_1.jpg"), QStringLiteral("王芳_2.jpg")}
        << 2 << true << false;
    QTest::newRow("mixed") << QStringList{QStringLiteral("10023_Jane Doe.jpg"), QStringLiteral("10023_Jane Doe_2.jpg"),
                                          QStringLiteral("Jane Doe_10024.jpg"), QStringLiteral("Bob Smith.jpg"),
                                          QStringLiteral("10025.jpg"), QStringLiteral("IMG_4521.JPG"), QStringLiteral("IMG_4522.JPG")}
                           << 6 << true << false;  // the two Janes differ by card; each camera file is its own
    QTest::newRow("short cards that never repeat")
        << QStringList{QStringLiteral("Ann_17.jpg"), QStringLiteral("Bob_23.jpg"), QStringLiteral("Cat_42.jpg")} << 3 << true << true;
}

void TestLibraryImport::fileNameSets()
{
    QFETCH(QStringList, files);
    QFETCH(int, persons);
    QFETCH(bool, counters);
    QFETCH(bool, unsure);
    QList<ImportItem> items;
    for (const QString &f : std::as_const(files)) {
        ImportItem item;
        item.sourceLabel = f;
        items << item;
    }
    const std::optional<FileNameReading> reading = nameItems(items, FileNaming{});
    QVERIFY(reading);
    QCOMPARE(reading->trailing() == FileNameReading::Trailing::Counter, counters);
    QCOMPARE(reading->unsure(), unsure);
    QCOMPARE(reading->total(), files.size());
    int counted = 0;
    for (const int n : reading->counts())
        counted += n;
    QCOMPARE(counted, files.size());
    QVERIFY(!reading->summary().isEmpty());
    QSet<QString> keys;
    for (const ImportItem &item : std::as_const(items)) {
        QVERIFY2(item.problem.isEmpty(), qPrintable(item.problem));
        keys.insert(item.personKey.isEmpty() ? QStringLiteral("row:") + item.sourceLabel : item.personKey);
    }
    QCOMPARE(int(keys.size()), persons);
    // The admin's answer wins: as cards, "Ann_17" is Ann with card 17.
    if (unsure) {
        const std::optional<FileNameReading> asCards =
            nameItems(items, FileNaming{std::nullopt, FileNameReading::Trailing::Card});
        QCOMPARE(items.first().cardNo, QStringLiteral("17"));
        QCOMPARE(asCards->counts().value(FileNameReading::Shape::NameThenCard), files.size());
    }
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
    // Read by shape: "_1" is a photo counter, a name without a card is a name.
    QCOMPARE(got, QStringList({QStringLiteral("1:Alice||-1|0||Alice_1.jpg|ok"), QStringLiteral("2:Bob||-1|0||Bob_2.jpg|ok"),
                               QStringLiteral("3:No Card||-1|0||no-card.jpg|ok")}));
    QCOMPARE(flat.items()[0].photo, dir.filePath(QStringLiteral("Alice_1.jpg")));
    QCOMPARE(flat.items()[2].sourceLabel, QStringLiteral("no-card.jpg"));

    FolderSource deep(dir.path(), {FileNaming{FileNamePattern(), std::nullopt}, true});
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
                               QStringLiteral("people/nocard.jpg=Nocard||-1|0||nocard.jpg|ok"),
                               QStringLiteral("Bob_2.jpg=Bob||-1|0||Bob_2.jpg|ok")}));
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

// ---- The run ------------------------------------------------------------------------

namespace {

const ImportEntry *entryFor(const ImportReport &report, const QString &label)
{
    for (const ImportEntry &e : report.entries)
        if (e.sourceLabel == label)
            return &e;
    return nullptr;
}

bool isImported(const ImportEntry &e)
{
    return e.outcome == ImportOutcome::Imported || e.outcome == ImportOutcome::ImportedWithFixes;
}

// The photo again, as someone would have re-saved it: 80 % of the size, JPEG quality 70.
QByteArray resaved(const QString &path)
{
    const cv::Mat image = cv::imread(path.toStdString());
    cv::Mat smaller;
    cv::resize(image, smaller, cv::Size(), 0.8, 0.8, cv::INTER_AREA);
    std::vector<uchar> jpeg;
    cv::imencode(".jpg", smaller, jpeg, {cv::IMWRITE_JPEG_QUALITY, 70});
    return QByteArray(reinterpret_cast<const char *>(jpeg.data()), qsizetype(jpeg.size()));
}

// Another shot of the person, as far as the duplicate check can tell: mirrored left
// to right and cut by a tenth at the top, as a second photo of the same day would be.
QByteArray anotherShot(const QString &path)
{
    const cv::Mat image = cv::imread(path.toStdString());
    cv::Mat mirrored;
    cv::flip(image(cv::Rect(0, image.rows / 10, image.cols, image.rows - image.rows / 10)), mirrored, 1);
    std::vector<uchar> jpeg;
    cv::imencode(".jpg", mirrored, jpeg, {cv::IMWRITE_JPEG_QUALITY, 85});
    return QByteArray(reinterpret_cast<const char *>(jpeg.data()), qsizetype(jpeg.size()));
}

} // namespace

#define REQUIRE_FACES()                                                                                                \
    do {                                                                                                               \
        if (!QFileInfo::exists(kFaces))                                                                                \
            QSKIP("../shared/faces is not there");                                                                     \
    } while (false)

void TestLibraryImport::folderImportRejectsMultiFace()
{
    REQUIRE_FACES();
    QList<QPair<QString, QString>> copies;
    int card = 1000;
    for (const QString &f : QDir(kFaces).entryList({QStringLiteral("*.jpg")}, QDir::Files, QDir::Name))
        copies.append({f, QStringLiteral("%1_%2.jpg").arg(QFileInfo(f).completeBaseName()).arg(card++)});
    QVERIFY(copies.size() >= 10);
    const ImportReport report = runImport(std::make_unique<FolderSource>(folderOf(copies)));
    QCOMPARE(report.status, ImportReport::Status::Completed);
    QCOMPARE(report.sourceRows, copies.size());
    QCOMPARE(report.entries.size(), copies.size());
    int imported = 0;
    for (const ImportEntry &e : report.entries) {
        if (e.sourceLabel.startsWith(QStringLiteral("multi_two_people"))) {
            QCOMPARE(e.outcome, ImportOutcome::Rejected);
            QCOMPARE(e.errorCode, code::FaceDetectionFailed);
            QVERIFY(!e.reason.isEmpty());
            QCOMPARE(e.indexId, -1);
            QVERIFY(!e.thumbnail.isEmpty());  // the admin sees what was refused
        } else if (e.sourceLabel.startsWith(QStringLiteral("edge_partial_face"))) {
            // Half a face, cut by the photo's edge (its own tests say so too).
            QCOMPARE(e.outcome, ImportOutcome::Rejected);
            QCOMPARE(e.errorCode, code::FaceAreaError);
            QVERIFY2(e.reason.contains(QLatin1String("cut off")), qPrintable(e.reason));
        } else {
            QVERIFY2(isImported(e), qPrintable(e.sourceLabel + QStringLiteral(": ") + e.reason));
            QVERIFY(e.indexId > 0);
            QCOMPARE(e.outcome, e.fixes.isEmpty() ? ImportOutcome::Imported : ImportOutcome::ImportedWithFixes);
            ++imported;
        }
    }
    QCOMPARE(imported, copies.size() - 2);
    QCOMPARE(report.totals().imported, imported);
    QCOMPARE(report.totals().rejected, 2);
    QVERIFY(!report.everythingImported());
    QCOMPARE(store().countPersons({}), imported);

    const qint64 id = store().personByCard(QStringLiteral("1000"));
    QVERIFY(id > 0);
    const Person alex = *store().person(id);
    QCOMPARE(alex.name, QStringLiteral("Alex Lacamoire 1"));  // a lower-case file name gets capitals
    QCOMPARE(alex.listId, sort::Whitelist);
    QCOMPARE(alex.photos.size(), 1);
    QCOMPARE(alex.photos[0].sourceName, copies[0].second);
    QVERIFY(alex.photos[0].phash != 0);
    const QByteArray stored = store().photoJpeg(alex.photos[0]);
    QVERIFY(stored.startsWith("\xFF\xD8"));
    QCOMPARE(alex.photos[0].bytes, stored.size());
}

void TestLibraryImport::duplicatesAreCaught()
{
    REQUIRE_FACES();
    const ImportReport first = runImport(std::make_unique<FolderSource>(folderOf({{QStringLiteral("obama_1.jpg"), QStringLiteral("Obama_101.jpg")}})));
    QCOMPARE(first.totals().imported, 1);
    const qint64 obama = first.entries[0].indexId;

    const QString dir = folderOf({{QStringLiteral("obama_2.jpg"), QStringLiteral("Barack_101.jpg")}, // card 101 is Obama's
                                  {QStringLiteral("obama_1.jpg"), QStringLiteral("Someone_177.jpg")}, // Obama's photo
                                  {QStringLiteral("biden_1.jpg"), QStringLiteral("Joe_105.jpg")},
                                  {QStringLiteral("biden_2.jpg"), QStringLiteral("Joseph_105.jpg")}, // card 105 again
                                  {QStringLiteral("kit_harington_1.jpg"), QStringLiteral("Kit_108.jpg")}});
    QVERIFY(writeFile(dir + QStringLiteral("/Kitty_109.jpg"), resaved(face(QStringLiteral("kit_harington_1.jpg")))));
    const ImportReport report = runImport(std::make_unique<FolderSource>(dir));
    QCOMPARE(report.status, ImportReport::Status::Completed);

    const ImportEntry *barack = entryFor(report, QStringLiteral("Barack_101.jpg"));
    QVERIFY(barack);
    QCOMPARE(barack->outcome, ImportOutcome::Duplicate);
    QCOMPARE(barack->duplicateOfIndexId, obama);
    QVERIFY(barack->duplicateOf.contains(QStringLiteral("Obama")));
    const ImportEntry *someone = entryFor(report, QStringLiteral("Someone_177.jpg"));
    QCOMPARE(someone->outcome, ImportOutcome::Duplicate);
    QCOMPARE(someone->duplicateOfIndexId, obama);
    const ImportEntry *joe = entryFor(report, QStringLiteral("Joe_105.jpg"));
    QVERIFY2(isImported(*joe), qPrintable(joe->reason));
    const ImportEntry *joseph = entryFor(report, QStringLiteral("Joseph_105.jpg"));
    QCOMPARE(joseph->outcome, ImportOutcome::Duplicate);
    QCOMPARE(joseph->duplicateOfRow, joe->row);
    QCOMPARE(joseph->duplicateOfIndexId, -1);
    const ImportEntry *kit = entryFor(report, QStringLiteral("Kit_108.jpg"));
    QVERIFY2(isImported(*kit), qPrintable(kit->reason));
    const ImportEntry *kitty = entryFor(report, QStringLiteral("Kitty_109.jpg"));
    QCOMPARE(kitty->outcome, ImportOutcome::Duplicate);
    QCOMPARE(kitty->duplicateOfRow, kit->row);
    QVERIFY(kitty->duplicateOf.contains(QStringLiteral("Kit_108.jpg")));

    QCOMPARE(report.totals().duplicates, 4);
    QCOMPARE(store().countPersons({}), 3);  // Obama, Joe, Kit
}

void TestLibraryImport::duplicatesMayBeAddedFlagged()
{
    REQUIRE_FACES();
    ImportOptions options;
    options.duplicates = ImportOptions::Duplicates::Add;
    const ImportReport report = runImport(
        std::make_unique<FolderSource>(folderOf({{QStringLiteral("biden_1.jpg"), QStringLiteral("Joe_105.jpg")},
                                                 {QStringLiteral("biden_2.jpg"), QStringLiteral("Joseph_105.jpg")}})),
        options);
    QCOMPARE(report.totals().imported, 2);
    QCOMPARE(report.entries[0].duplicateOfRow, 0);
    QCOMPARE(report.entries[1].duplicateOfRow, report.entries[0].row);
    QVERIFY(!report.entries[1].flags.isEmpty());
    QCOMPARE(store().countPersons({}), 2);
}

void TestLibraryImport::cancelFromProgressAddsNothing()
{
    REQUIRE_FACES();
    QList<QPair<QString, QString>> copies;
    const QStringList good{QStringLiteral("obama_1.jpg"), QStringLiteral("biden_1.jpg"), QStringLiteral("kit_harington_1.jpg"),
                           QStringLiteral("rose_leslie_2.jpg")};
    for (int i = 0; i < 12; ++i)
        copies.append({good[i % good.size()], QStringLiteral("P%1_%2.jpg").arg(i, 2, 10, QLatin1Char('0')).arg(i)});
    ImportRun run(std::make_unique<FolderSource>(folderOf(copies)), m_config, PhotoRules{});
    // Directly on the import's thread: the cancel lands before the next row is taken.
    connect(&run, &ImportRun::progress, &run, [&run](const ImportProgress &p) {
        if (p.done >= 1)
            run.cancel();
    }, Qt::DirectConnection);
    QSignalSpy finished(&run, &ImportRun::finished);
    run.start();
    QVERIFY(finished.wait(300000));
    const ImportReport report = run.report();
    QCOMPARE(report.status, ImportReport::Status::Cancelled);
    QVERIFY(report.entries.size() >= 1);
    QVERIFY(report.entries.size() < copies.size());
    QCOMPARE(report.entries[0].outcome, ImportOutcome::NotAdded);
    QVERIFY(report.entries[0].reason.contains(QStringLiteral("cancelled")));
    QCOMPARE(report.totals().imported, 0);
    QVERIFY(!run.isRunning());
    QCOMPARE(store().countPersons({}), 0);
    QCOMPARE(store().lists().size(), 4);
}

void TestLibraryImport::failedCommitAddsNothing()
{
    REQUIRE_FACES();
    const QString csv = m_input->filePath(QStringLiteral("people.csv"));
    QVERIFY(writeFile(csv, QStringLiteral("name,card,list,photo\nVisitor,1,Visitors,%1\nNobody,2,,%2\n")
                               .arg(face(QStringLiteral("obama_1.jpg")), face(QStringLiteral("biden_1.jpg")))
                               .toUtf8()));
    ImportOptions options;
    options.listId = 999;  // no such list: the database refuses the second person
    const ImportReport report = runImport(std::make_unique<CsvSource>(csv), options);
    QCOMPARE(report.status, ImportReport::Status::Failed);
    QVERIFY(!report.error.isEmpty());
    QCOMPARE(report.totals().notAdded, 2);
    QCOMPARE(store().countPersons({}), 0);
    QCOMPARE(store().lists().size(), 4);  // "Visitors", created for the commit, is gone again
}

void TestLibraryImport::csvImportWithListsAndTargets()
{
    REQUIRE_FACES();
    QVERIFY(QFile::copy(face(QStringLiteral("kit_harington_1.jpg")), m_input->filePath(QStringLiteral("kit.jpg"))));
    const QString csv = m_input->filePath(QStringLiteral("people.csv"));
    QStringEncoder gbk("GB18030");
    QVERIFY(writeFile(csv, gbk(QStringLiteral("姓名,性别,卡号,名单,照片\n"
                                               "奥巴马,男,1,黑名单,%1\n"
                                               "拜登,男,2,Visitors,%2\n"
                                               "基特,男,3,,kit.jpg\n"
                                               "罗斯,女,4,visitors,%3\n")
                                    .arg(face(QStringLiteral("obama_1.jpg")), face(QStringLiteral("biden_1.jpg")),
                                         face(QStringLiteral("rose_leslie_1.jpg"))))));
    ImportOptions options;
    options.listName = QStringLiteral("Staff");
    const ImportReport report = runImport(std::make_unique<CsvSource>(csv), options);
    QCOMPARE(report.status, ImportReport::Status::Completed);
    QVERIFY2(report.everythingImported(), qPrintable(report.summary()));
    const QList<FaceList> lists = store().lists();
    QCOMPARE(lists.size(), 6);
    int visitors = 0, staff = 0;
    for (const FaceList &l : lists) {
        if (l.name == u"Visitors")
            visitors = l.id;
        if (l.name == u"Staff")
            staff = l.id;
    }
    QVERIFY(visitors > 4 && staff > 4);
    const auto personWithCard = [this](const char *card) { return *store().person(store().personByCard(QString::fromLatin1(card))); };
    QCOMPARE(personWithCard("1").listId, sort::Blacklist);
    QCOMPARE(personWithCard("1").name, QStringLiteral("奥巴马"));
    QCOMPARE(personWithCard("1").gender, 1);
    QCOMPARE(personWithCard("2").listId, visitors);
    QCOMPARE(personWithCard("3").listId, staff);
    QCOMPARE(personWithCard("4").listId, visitors);
    QCOMPARE(personWithCard("4").gender, 0);
    QCOMPARE(report.entries[1].listId, visitors);
    QCOMPARE(report.entries[1].listName, QStringLiteral("Visitors"));
}

void TestLibraryImport::zipImportReadsFromMemory()
{
    REQUIRE_FACES();
    const QString zip = m_input->filePath(QStringLiteral("set.zip"));
    QVERIFY(writeZip(zip, {{QStringLiteral("list.csv"), "name,card,photo\nRose,11,img/rose.jpg\nKit,12,img/kit.jpg\n"},
                           {QStringLiteral("img/rose.jpg"), readAll(face(QStringLiteral("rose_leslie_1.jpg")))},
                           {QStringLiteral("img/kit.jpg"), readAll(face(QStringLiteral("kit_harington_2.jpg")))}}));
    const ImportReport report = runImport(std::make_unique<ZipSource>(zip));
    QVERIFY2(report.everythingImported(), qPrintable(report.summary()));
    QCOMPARE(report.entries.size(), 2);
    QCOMPARE(report.entries[1].sourceLabel, QStringLiteral("list.csv:3"));
    const Person kit = *store().person(report.entries[1].indexId);
    QCOMPARE(kit.name, QStringLiteral("Kit"));
    QCOMPARE(kit.photos[0].sourceName, QStringLiteral("list.csv:3"));
    // Nothing was unpacked beside the archive.
    QCOMPARE(QDir(m_input->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList{QStringLiteral("set.zip")});
}

void TestLibraryImport::progressIsThrottledAndComplete()
{
    REQUIRE_FACES();
    QList<QPair<QString, QString>> copies;
    for (const QString &f : {QStringLiteral("obama_small.jpg"), QStringLiteral("kit_harington_2.jpg"),
                             QStringLiteral("rose_leslie_1.jpg"), QStringLiteral("multi_two_people.jpg")})
        copies.append({f, QStringLiteral("%1_%2.jpg").arg(QFileInfo(f).completeBaseName()).arg(copies.size())});
    ImportRun run(std::make_unique<FolderSource>(folderOf(copies)), m_config, PhotoRules{});
    QSignalSpy started(&run, &ImportRun::started);
    QSignalSpy progress(&run, &ImportRun::progress);
    QSignalSpy finished(&run, &ImportRun::finished);
    QElapsedTimer clock;
    clock.start();
    run.start();
    QVERIFY(finished.wait(300000));
    const qint64 ms = clock.elapsed();
    QCOMPARE(started.size(), 1);
    QCOMPARE(started[0][0].toInt(), copies.size());
    QVERIFY(progress.size() >= 1);
    // One at the first row, then at most one per 100 ms, and the last.
    QVERIFY(progress.size() <= 2 + ms / 100);
    const auto last = progress.last()[0].value<ImportProgress>();
    QCOMPARE(last.done, copies.size());
    QCOMPARE(last.total, copies.size());
    QCOMPARE(last.imported, 3);
    QCOMPARE(last.rejected, 1);
    QCOMPARE(last.etaSeconds, 0);
    QVERIFY(last.rate > 0);
}

void TestLibraryImport::reportCsvAndThumbnails()
{
    REQUIRE_FACES();
    const ImportReport report = runImport(std::make_unique<FolderSource>(
        folderOf({{QStringLiteral("kit_harington_2.jpg"), QStringLiteral("=cmd_101.jpg")},
                  {QStringLiteral("multi_two_people.jpg"), QStringLiteral("two, people_102.jpg")}})));
    QCOMPARE(report.entries.size(), 2);
    for (const ImportEntry &e : report.entries) {
        const QImage thumbnail = QImage::fromData(e.thumbnail, "JPG");
        QVERIFY2(!thumbnail.isNull(), qPrintable(e.sourceLabel));
        QVERIFY(thumbnail.width() <= 96 && thumbnail.height() <= 96);
        QVERIFY(qMax(thumbnail.width(), thumbnail.height()) >= 90);
    }
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(report.writeCsv(&buffer));
    const QByteArray csv = buffer.data();
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
    const QStringList lines = QString::fromUtf8(csv.mid(3)).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0], ImportReport::csvColumns().join(u','));
    QCOMPARE(lines[0], QStringLiteral("row,source,outcome,name,card_no,list,index_id,error_code,reason,fixes,flags,duplicate_of"));
    QVERIFY2(lines[1].startsWith(QStringLiteral("1,'=cmd_101.jpg,imported,'=cmd,101,Whitelist,")), qPrintable(lines[1]));
    QVERIFY2(lines[2].startsWith(QStringLiteral("2,\"two, people_102.jpg\",rejected,\"Two, People\",102,Whitelist,,100016,")),
             qPrintable(lines[2]));
    // The CSV reads back with our own reader, row for row.
    const QList<CsvRecord> records = parseCsv(QString::fromUtf8(csv.mid(3)));
    QCOMPARE(records.size(), 3);
    QCOMPARE(records[2].fields.size(), ImportReport::csvColumns().size());
    QCOMPARE(records[2].fields[8], report.entries[1].reason);
}

// ---- The headless command ------------------------------------------------------------

void TestLibraryImport::headlessExitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("runs");
    QTest::addColumn<int>("exitCode");
    const QString good = QStringLiteral("@GOOD");
    QTest::newRow("everything imported") << QStringList{good} << 1 << 0;
    QTest::newRow("into a named list, with a report") << QStringList{QStringLiteral("--list"), QStringLiteral("Staff"), QStringLiteral("--report"), QStringLiteral("@REPORT"), good} << 1 << 0;
    QTest::newRow("one rejected") << QStringList{QStringLiteral("--report"), QStringLiteral("@REPORT"), QStringLiteral("@MIXED")} << 1 << 3;
    QTest::newRow("again: duplicates") << QStringList{good} << 2 << 3;
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate"), good} << 1 << 2;
    QTest::newRow("no source") << QStringList{} << 1 << 2;
    QTest::newRow("missing source") << QStringList{QStringLiteral("@INPUT/nowhere")} << 1 << 2;
    QTest::newRow("unreadable zip") << QStringList{QStringLiteral("@JUNK")} << 1 << 2;
    QTest::newRow("bad pattern") << QStringList{QStringLiteral("--pattern"), QStringLiteral("{card}"), good} << 1 << 2;
    QTest::newRow("bad list") << QStringList{QStringLiteral("--list"), QStringLiteral("7"), good} << 1 << 2;
}

void TestLibraryImport::headlessExitCodes()
{
    REQUIRE_FACES();
    QFETCH(QStringList, arguments);
    QFETCH(int, runs);
    QFETCH(int, exitCode);
    const QString good = folderOf({{QStringLiteral("kit_harington_2.jpg"), QStringLiteral("Kit_1.jpg")},
                                   {QStringLiteral("rose_leslie_1.jpg"), QStringLiteral("Rose_2.jpg")}});
    const QString mixed = folderOf({{QStringLiteral("kit_harington_2.jpg"), QStringLiteral("Kit_1.jpg")},
                                    {QStringLiteral("multi_two_people.jpg"), QStringLiteral("Two_2.jpg")}});
    const QString junk = m_input->filePath(QStringLiteral("junk.zip"));
    QVERIFY(writeFile(junk, "this is no zip archive"));
    const QString report = m_input->filePath(QStringLiteral("report.csv"));
    QStringList args = QStringList{QStringLiteral("import")} + testarchive::arguments(m_config);
    for (QString a : arguments)
        args << a.replace(QStringLiteral("@GOOD"), good)
                    .replace(QStringLiteral("@MIXED"), mixed)
                    .replace(QStringLiteral("@JUNK"), junk)
                    .replace(QStringLiteral("@REPORT"), report)
                    .replace(QStringLiteral("@INPUT"), m_input->path());
    int code = -1;
    QByteArray output;
    for (int i = 0; i < runs; ++i) {
        QProcess p;
        p.start(QStringLiteral(FACEDESK_BINARY), args);
        QVERIFY2(p.waitForStarted(), qPrintable(p.errorString()));
        QVERIFY(p.waitForFinished(300000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        code = p.exitCode();
        output = p.readAllStandardOutput() + p.readAllStandardError();
    }
    QVERIFY2(code == exitCode, output.constData());
    if (exitCode == 2) {
        QVERIFY(output.contains("facedesk import:"));
        QCOMPARE(store().countPersons({}), 0);
        return;
    }
    QVERIFY2(output.contains("2 rows:") || output.contains("2 rows"), output.constData());
    if (arguments.contains(QStringLiteral("@REPORT"))) {
        const QByteArray csv = readAll(report);
        QVERIFY(csv.startsWith("\xEF\xBB\xBF" "row,source,outcome,"));
        QCOMPARE(csv.count('\n'), 3);
        if (exitCode == 3)
            QVERIFY(csv.contains(",rejected,") && csv.contains(",100016,"));
    }
    if (arguments.contains(QStringLiteral("Staff")))
        QCOMPARE(store().list(5)->name, QStringLiteral("Staff"));
    QCOMPARE(store().countPersons({}), exitCode == 0 || runs > 1 ? 2 : 1);
}

// Photos named the ways people name them become one person per name or card, each
// with all their photos; a camera's file name makes a person of its own, flagged.
void TestLibraryImport::severalPhotosBecomeOnePerson()
{
    REQUIRE_FACES();
    const QString dir = folderOf({{QStringLiteral("obama_1.jpg"), QStringLiteral("Barack Obama.jpg")},
                                  {QStringLiteral("obama_2.jpg"), QStringLiteral("Barack Obama (2).jpg")},
                                  {QStringLiteral("obama_3.jpg"), QStringLiteral("barack obama_3.jpg")},
                                  {QStringLiteral("biden_1.jpg"), QStringLiteral("10023_Joe Biden.jpg")},
                                  {QStringLiteral("biden_2.jpg"), QStringLiteral("10023_Joe Biden_2.jpg")},
                                  {QStringLiteral("kit_harington_1.jpg"), QStringLiteral("IMG_4521.JPG")},
                                  {QStringLiteral("rose_leslie_1.jpg"), QStringLiteral("罗丝.jpg")}});
    const ImportReport report = runImport(std::make_unique<FolderSource>(dir));
    QCOMPARE(report.status, ImportReport::Status::Completed);
    for (const ImportEntry &e : report.entries)
        QVERIFY2(isImported(e), qPrintable(e.sourceLabel + QStringLiteral(": ") + e.reason));
    QCOMPARE(store().countPersons({}), 4);
    const qint64 obamaId = entryFor(report, QStringLiteral("Barack Obama.jpg"))->indexId;
    QCOMPARE(entryFor(report, QStringLiteral("Barack Obama (2).jpg"))->indexId, obamaId);
    QCOMPARE(entryFor(report, QStringLiteral("barack obama_3.jpg"))->indexId, obamaId);
    const Person obama = *store().person(obamaId);
    QCOMPARE(obama.name, QStringLiteral("Barack Obama"));
    QCOMPARE(obama.photos.size(), 3);
    const qint64 biden = store().personByCard(QStringLiteral("10023"));
    QCOMPARE(biden, entryFor(report, QStringLiteral("10023_Joe Biden_2.jpg"))->indexId);
    QCOMPARE(store().person(biden)->name, QStringLiteral("Joe Biden"));
    QCOMPARE(store().person(biden)->photos.size(), 2);
    const ImportEntry *camera = entryFor(report, QStringLiteral("IMG_4521.JPG"));
    QCOMPARE(store().person(camera->indexId)->name, QStringLiteral("IMG_4521"));
    QVERIFY(camera->flags.join(u' ').contains(QLatin1String("names nobody")));
    QCOMPARE(store().person(entryFor(report, QStringLiteral("罗丝.jpg"))->indexId)->name, QStringLiteral("罗丝"));
}

// `facedesk import` of every shared photo under its own name plus other shots named
// the ways staff folders name them: every single-face photo is imported, only the
// two-person photo, the cut-off face and a broken file are refused, and so it exits 3.
void TestLibraryImport::headlessImportOfEverydayNames()
{
    REQUIRE_FACES();
    QList<QPair<QString, QString>> copies;
    for (const QString &f : QDir(kFaces).entryList({QStringLiteral("*.jpg")}, QDir::Files, QDir::Name))
        copies.append({f, f});
    const QString dir = folderOf(copies);
    const QList<QPair<const char *, const char *>> shots = {
        {"biden_1.jpg", "10023.jpg"},           {"kit_harington_1.jpg", "张伟.jpg"},
        {"rose_leslie_2.jpg", "Jane Doe.jpg"},  {"alex_lacamoire_1.jpg", "10024_Jane Roe.jpg"},
        {"obama_1.jpg", "John Smith_10025.jpg"}, {"obama_2.jpg", "John Smith_10025 (2).jpg"},
        {"kit_harington_2.jpg", "IMG_4521.JPG"}};
    for (const auto &[from, to] : shots)
        QVERIFY(writeFile(dir + u'/' + QString::fromUtf8(to), anotherShot(face(QString::fromUtf8(from)))));
    QByteArray broken = readAll(face(QStringLiteral("obama_3.jpg")));
    broken.truncate(broken.size() / 3);
    QVERIFY(writeFile(dir + QStringLiteral("/Broken Person.jpg"), broken));

    const QString reportPath = m_input->filePath(QStringLiteral("everyday.csv"));
    QProcess p;
    p.start(QStringLiteral(FACEDESK_BINARY), QStringList{QStringLiteral("import")} + testarchive::arguments(m_config)
                                                 + QStringList{QStringLiteral("--report"), reportPath, dir});
    QVERIFY(p.waitForFinished(300000));
    const QByteArray output = p.readAllStandardError();
    QVERIFY2(p.exitCode() == 3, output.constData());
    QVERIFY2(output.contains("File names read by their shape"), output.constData());
    const QStringList lines = QString::fromUtf8(readAll(reportPath)).remove(QChar(0xFEFF)).split(u'\n', Qt::SkipEmptyParts);
    const QStringList header = lines.first().split(u',');
    const qsizetype sourceAt = header.indexOf(QStringLiteral("source")), outcomeAt = header.indexOf(QStringLiteral("outcome"));
    QVERIFY(sourceAt >= 0 && outcomeAt >= 0);
    QStringList refused;
    for (const QString &line : lines.mid(1)) {
        const QStringList cells = line.split(u',');  // none of these names holds a comma
        const QString outcome = cells.value(outcomeAt);
        if (!outcome.startsWith(QLatin1String("imported")))
            refused << cells.value(sourceAt) + u':' + outcome;
    }
    QCOMPARE(refused, QStringList({QStringLiteral("Broken Person.jpg:rejected"), QStringLiteral("edge_partial_face.jpg:rejected"),
                                   QStringLiteral("multi_two_people.jpg:rejected")}));
    // The shared set's 7 persons (alex, biden, kit, obama, obama small, rose, the scene)
    // and the shots' 6 (John Smith's two photos are one person).
    QCOMPARE(store().countPersons({}), 13);
    QCOMPARE(store().person(store().personByCard(QStringLiteral("10025")))->photos.size(), 2);
}

QTEST_GUILESS_MAIN(TestLibraryImport)
#include "tst_libraryimport.moc"
