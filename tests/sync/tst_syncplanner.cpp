// The pure parts of library sync: the plan from wanted and confirmed state, how
// commands are cut into batches, how replies are read back per person, and the
// back-off. No sockets, no database.
#include "protocol/ErrorCodes.h"
#include "protocol/MessageCodec.h"
#include "sync/SyncCommand.h"
#include "sync/SyncPlanner.h"
#include "sync/SyncStateStore.h"

#include <QTest>

using namespace fd::sync;
using fd::library::WantedPerson;
namespace code = fd::protocol::code;

Q_DECLARE_METATYPE(QList<WantedPerson>)
Q_DECLARE_METATYPE(QList<StateRow>)
Q_DECLARE_METATYPE(QList<Action>)
Q_DECLARE_METATYPE(SyncCounts)

namespace {

constexpr qint64 kNow = 1'700'000'000'000;

StateRow row(qint64 id, qint64 confirmed, qint64 failed = 0, qint64 next = 0, bool mayHold = false)
{
    StateRow r;
    r.indexId = id;
    r.confirmedRevision = confirmed;
    r.failedRevision = failed;
    r.nextAttemptAt = next;
    r.mayHold = mayHold;
    return r;
}

Action add(qint64 id, qint64 rev) { return {ActionKind::Add, id, rev}; }
Action update(qint64 id, qint64 rev) { return {ActionKind::Update, id, rev}; }
Action del(qint64 id) { return {ActionKind::Delete, id, 0}; }

SyncCounts counts(qint64 total, qint64 done, qint64 failed, qint64 pending, qint64 removals = 0, qint64 waiting = 0)
{
    return SyncCounts{total, done, failed, pending, removals, waiting};
}

QString describe(const QList<Action> &actions)
{
    QStringList parts;
    for (const Action &a : actions)
        parts << QStringLiteral("%1%2@%3")
                     .arg(a.kind == ActionKind::Add ? QStringLiteral("+") : a.kind == ActionKind::Update ? QStringLiteral("~") : QStringLiteral("-"))
                     .arg(a.indexId)
                     .arg(a.revision);
    return parts.join(u' ');
}

// A picture source with photos of a chosen size; ids above 900 are gone, 800..899 have no photo.
SourcedPicture source(qint64 id, int jpegBytes)
{
    SourcedPicture s;
    if (id >= 900) {
        s.state = SourcedPicture::State::Gone;
        return s;
    }
    s.revision = 7;
    if (id >= 800) {
        s.state = SourcedPicture::State::Unsendable;
        s.error = QStringLiteral("no photo");
        return s;
    }
    s.picture.indexId = id;
    s.picture.attribute.name = QStringLiteral("P%1").arg(id);
    s.picture.jpeg = QByteArray("\xFF\xD8\xFF", 3) + QByteArray(jpegBytes - 3, 'x');
    return s;
}

fd::protocol::Decoded decoded(const QByteArray &json)
{
    const fd::protocol::Decoded d = fd::protocol::decode(json);
    if (!d.ok())
        qWarning() << "test reply does not decode:" << d.error.describe();
    return d;
}

} // namespace

class TestSyncPlanner : public QObject {
    Q_OBJECT
private slots:
    void plan_data();
    void plan();
    void inFlightItemsWaitForTheirAnswer();
    void batches_data();
    void batches();
    void personsGoneOrWithoutPhoto();
    void replies_data();
    void replies();
    void verifyList();
    void backoffDoublesUpToTheCap();
};

void TestSyncPlanner::plan_data()
{
    QTest::addColumn<QList<WantedPerson>>("wanted");
    QTest::addColumn<QList<StateRow>>("state");
    QTest::addColumn<QList<Action>>("actions");
    QTest::addColumn<QList<qint64>>("forget");
    QTest::addColumn<SyncCounts>("counts");
    QTest::addColumn<qint64>("wakeAt");

    using W = QList<WantedPerson>;
    using S = QList<StateRow>;
    using A = QList<Action>;
    using F = QList<qint64>;
    QTest::newRow("nothing wanted, nothing held") << W{} << S{} << A{} << F{} << counts(0, 0, 0, 0) << qint64(0);
    QTest::newRow("new person: add") << W{{1, 1}} << S{} << A{add(1, 1)} << F{} << counts(1, 0, 0, 1) << qint64(0);
    QTest::newRow("confirmed at its revision: synced")
        << W{{1, 2}} << S{row(1, 2)} << A{} << F{} << counts(1, 1, 0, 0) << qint64(0);
    QTest::newRow("confirmed older revision: update")
        << W{{1, 3}} << S{row(1, 2)} << A{update(1, 3)} << F{} << counts(1, 0, 0, 1) << qint64(0);
    QTest::newRow("failed for good at this revision: not retried")
        << W{{1, 3}} << S{row(1, 0, 3)} << A{} << F{} << counts(1, 0, 1, 0) << qint64(0);
    QTest::newRow("failed at an older revision: the person changed, try again")
        << W{{1, 4}} << S{row(1, 0, 3)} << A{add(1, 4)} << F{} << counts(1, 0, 0, 1) << qint64(0);
    QTest::newRow("update failed at an older revision: update again")
        << W{{1, 4}} << S{row(1, 2, 3)} << A{update(1, 4)} << F{} << counts(1, 0, 0, 1) << qint64(0);
    QTest::newRow("update failed at this revision: the old one stays, failed")
        << W{{1, 4}} << S{row(1, 2, 4)} << A{} << F{} << counts(1, 0, 1, 0) << qint64(0);
    QTest::newRow("in back-off: pending, no action, wake then")
        << W{{1, 1}} << S{row(1, 0, 0, kNow + 1000)} << A{} << F{} << counts(1, 0, 0, 1, 0, 1) << kNow + 1000;
    QTest::newRow("back-off over: retried") << W{{1, 1}} << S{row(1, 0, 0, kNow)} << A{add(1, 1)} << F{}
                                            << counts(1, 0, 0, 1) << qint64(0);
    QTest::newRow("earliest back-off wins") << W{{1, 1}, {2, 1}} << S{row(1, 0, 0, kNow + 5000), row(2, 0, 0, kNow + 2000)}
                                            << A{} << F{} << counts(2, 0, 0, 2, 0, 2) << kNow + 2000;
    QTest::newRow("no longer wanted, confirmed: delete")
        << W{} << S{row(5, 2)} << A{del(5)} << F{} << counts(1, 0, 0, 1, 1) << qint64(0);
    QTest::newRow("no longer wanted, maybe held (unanswered add): delete")
        << W{} << S{row(5, 0, 0, 0, true)} << A{del(5)} << F{} << counts(1, 0, 0, 1, 1) << qint64(0);
    QTest::newRow("no longer wanted, never held: forget the row")
        << W{} << S{row(5, 0, 3), row(6, 0, 0, kNow + 100)} << A{} << F{5, 6} << counts(0, 0, 0, 0) << qint64(0);
    QTest::newRow("delete refused for good: not retried")
        << W{} << S{row(5, 2, kDeleteFailed)} << A{} << F{} << counts(1, 0, 1, 0, 1) << qint64(0);
    QTest::newRow("delete in back-off") << W{} << S{row(5, 2, 0, kNow + 10)} << A{} << F{} << counts(1, 0, 0, 1, 1, 1)
                                        << kNow + 10;
    QTest::newRow("wanted again after a refused delete: sent again")
        << W{{5, 3}} << S{row(5, 2, kDeleteFailed)} << A{update(5, 3)} << F{} << counts(1, 0, 0, 1) << qint64(0);
    QTest::newRow("wanted and maybe held unconfirmed: added again (adds replace)")
        << W{{1, 2}} << S{row(1, 0, 0, 0, true)} << A{add(1, 2)} << F{} << counts(1, 0, 0, 1) << qint64(0);
    QTest::newRow("deletes first, then updates, then adds, each by index_id")
        << W{{1, 1}, {2, 2}, {4, 1}, {6, 1}} << S{row(2, 1), row(3, 1), row(6, 1), row(7, 1)}
        << A{del(3), del(7), update(2, 2), add(1, 1), add(4, 1)} << F{} << counts(6, 1, 0, 5, 2) << qint64(0);
}

void TestSyncPlanner::plan()
{
    QFETCH(QList<WantedPerson>, wanted);
    QFETCH(QList<StateRow>, state);
    QFETCH(QList<Action>, actions);
    QFETCH(QList<qint64>, forget);
    QFETCH(SyncCounts, counts);
    QFETCH(qint64, wakeAt);
    const Plan p = fd::sync::plan(wanted, state, kNow);
    QCOMPARE(describe(p.actions), describe(actions));
    QCOMPARE(p.forget, forget);
    QCOMPARE(p.counts, counts);
    QCOMPARE(p.wakeAt, wakeAt);
}

void TestSyncPlanner::inFlightItemsWaitForTheirAnswer()
{
    const Plan p = fd::sync::plan({{1, 1}, {2, 1}}, {row(3, 1), row(4, 0)}, kNow, {1, 3, 4});
    QCOMPARE(describe(p.actions), QStringLiteral("+2@1"));
    QVERIFY(p.forget.isEmpty());  // 4 may be on its way: its row stays
    QCOMPARE(p.counts.pending, 4);
    QCOMPARE(p.counts.removals, 2);
}

void TestSyncPlanner::batches_data()
{
    QTest::addColumn<int>("persons");
    QTest::addColumn<int>("photoBytes");
    QTest::addColumn<int>("maxPersons");
    QTest::addColumn<qint64>("maxBytes");
    QTest::addColumn<QList<int>>("batchSizes");

    QTest::newRow("count bound") << 45 << 1000 << 20 << qint64(1 << 20) << QList<int>{20, 20, 5};
    QTest::newRow("byte bound") << 10 << 30000 << 20 << qint64(100000) << QList<int>{2, 2, 2, 2, 2};
    QTest::newRow("one photo over the byte bound still goes, alone")
        << 2 << 200000 << 20 << qint64(100000) << QList<int>{1, 1};
    QTest::newRow("one person: a single add") << 1 << 1000 << 20 << qint64(1 << 20) << QList<int>{1};
}

void TestSyncPlanner::batches()
{
    QFETCH(int, persons);
    QFETCH(int, photoBytes);
    QFETCH(int, maxPersons);
    QFETCH(qint64, maxBytes);
    QFETCH(QList<int>, batchSizes);
    QList<Action> queue;
    for (int i = 1; i <= persons; ++i)
        queue << add(i, 1);
    BatchLimits limits;
    limits.maxPersons = maxPersons;
    limits.maxBytes = maxBytes;
    QList<int> sizes;
    qint64 next = 1;
    while (!queue.isEmpty()) {
        const BuiltCommand b = takeCommand(queue, limits, [&](const Action &a) { return source(a.indexId, photoBytes); });
        QVERIFY(b.command);
        QVERIFY(b.unsendable.isEmpty());
        sizes << int(b.command->items.size());
        const fd::protocol::Decoded d = fd::protocol::decode(b.command->bytes);
        QVERIFY(d.ok());
        QVERIFY(d.dataLengthMatches);
        if (b.command->items.size() == 1) {
            QCOMPARE(b.command->kind, Command::Kind::AddOne);
            QVERIFY(d.as<fd::protocol::AddPicRequest>());
            QVERIFY(!d.as<fd::protocol::AddPicRequest>()->update);
        } else {
            QCOMPARE(b.command->kind, Command::Kind::AddBatch);
            QCOMPARE(d.as<fd::protocol::AddMultiplePicRequest>()->pictures.size(), b.command->items.size());
            QVERIFY(b.command->bytes.size() <= maxBytes);
        }
        for (const Action &a : b.command->items) {
            QCOMPARE(a.indexId, next++);  // in order, none lost, none twice
            QCOMPARE(a.revision, 7);      // the revision sent is the person's now
        }
    }
    QCOMPARE(sizes, batchSizes);
}

void TestSyncPlanner::personsGoneOrWithoutPhoto()
{
    // Deletes run together; updates go one by one; gone persons vanish; persons without
    // a photo come back as failures at their current revision.
    QList<Action> queue{del(30), del(31), update(1, 7), update(2, 7), add(801, 1), add(950, 1), add(3, 1), add(4, 1)};
    const auto src = [](const Action &a) { return source(a.indexId, 500); };
    BatchLimits limits;
    BuiltCommand b = takeCommand(queue, limits, src);
    QCOMPARE(b.command->kind, Command::Kind::DeleteBatch);
    QCOMPARE(describe(b.command->items), QStringLiteral("-30@0 -31@0"));
    b = takeCommand(queue, limits, src);
    QCOMPARE(b.command->kind, Command::Kind::Update);
    QVERIFY(fd::protocol::decode(b.command->bytes).as<fd::protocol::AddPicRequest>()->update);
    b = takeCommand(queue, limits, src);
    QCOMPARE(describe(b.command->items), QStringLiteral("~2@7"));
    b = takeCommand(queue, limits, src);
    QCOMPARE(b.command->kind, Command::Kind::AddBatch);
    QCOMPARE(describe(b.command->items), QStringLiteral("+3@7 +4@7"));
    QCOMPARE(b.unsendable.size(), 1);
    QCOMPARE(b.unsendable.first().action.indexId, 801);
    QCOMPARE(b.unsendable.first().action.revision, 7);
    QCOMPARE(b.unsendable.first().code, localcode::NoPhoto);
    QVERIFY(queue.isEmpty());

    QList<Action> one{del(9)};
    b = takeCommand(one, limits, src);
    QCOMPARE(b.command->kind, Command::Kind::DeleteOne);
    QCOMPARE(b.command->bytes, QByteArray(R"({"dataLength":78,"data":{"method":"sw_server_del_pic","param":{"index_id":9}}})"));

    QList<Action> gone{add(950, 1), add(951, 1)};
    b = takeCommand(gone, limits, src);
    QVERIFY(!b.command);
    QVERIFY(gone.isEmpty());
}

void TestSyncPlanner::replies_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QList<Action>>("items");
    QTest::addColumn<QByteArray>("reply");
    QTest::addColumn<bool>("matches");
    QTest::addColumn<QList<int>>("codes");
    QTest::addColumn<int>("warnings");

    using A = QList<Action>;
    using C = QList<int>;
    const A batch{add(1, 1), add(2, 1), add(3, 1)};
    QTest::newRow("batch, every item listed")
        << int(Command::Kind::AddBatch) << batch
        << QByteArray(R"({"method":"sw_server_add_multiple_pic","uuid":"U","result":[{"index_id":1,"errorcode":0},)"
                      R"({"index_id":2,"errorcode":-2002},{"index_id":3,"errorcode":0}]})")
        << true << C{0, code::LibraryFull, 0} << 0;
    QTest::newRow("batch, only failures listed: the rest succeeded")
        << int(Command::Kind::AddBatch) << batch
        << QByteArray(R"({"method":"sw_server_add_multiple_pic","uuid":"U","result":[{"index_id":3,"errorcode":100016}]})")
        << true << C{0, 0, code::FaceDetectionFailed} << 0;
    QTest::newRow("batch, empty list: all succeeded")
        << int(Command::Kind::AddBatch) << batch << QByteArray(R"({"method":"sw_server_add_multiple_pic","result":[]})")
        << true << C{0, 0, 0} << 0;
    QTest::newRow("batch, an id the command did not name is ignored")
        << int(Command::Kind::AddBatch) << batch
        << QByteArray(R"({"method":"sw_server_add_multiple_pic","result":[{"index_id":77,"errorcode":-2004}]})")
        << true << C{0, 0, 0} << 1;
    QTest::newRow("batch answered by another method: not this command's answer")
        << int(Command::Kind::AddBatch) << batch
        << QByteArray(R"({"method":"sw_server_del_multiple_pic","result":[]})") << false << C{} << 0;
    QTest::newRow("batch delete") << int(Command::Kind::DeleteBatch) << A{del(4), del(5)}
                                  << QByteArray(R"({"method":"sw_server_del_multiple_pic","result":[{"index_id":5,"error":{"errorcode":-1001}}]})")
                                  << true << C{0, code::SystemException} << 0;
    QTest::newRow("update answered as sw_server_add_pic (the update table's reply)")
        << int(Command::Kind::Update) << A{update(8, 2)}
        << QByteArray(R"({"result":{"errorcode":0},"method":"sw_server_add_pic","index_id":8,"uuid":"U"})") << true
        << C{0} << 0;
    QTest::newRow("update answered as sw_server_update_pic")
        << int(Command::Kind::Update) << A{update(8, 2)}
        << QByteArray(R"({"result":{"errorcode":100015},"method":"sw_server_update_pic","index_id":8})") << true
        << C{code::OddPictureSize} << 0;
    QTest::newRow("single add answered with another index_id (the spec's example): taken, with a warning")
        << int(Command::Kind::AddOne) << A{add(478, 1)}
        << QByteArray(R"({"result":{"errorcode":0},"method":"sw_server_add_pic","index_id":475,"uuid":"U"})") << true
        << C{0} << 1;
    QTest::newRow("delete answered by an add reply: not its answer")
        << int(Command::Kind::DeleteOne) << A{del(8)}
        << QByteArray(R"({"result":{"errorcode":0},"method":"sw_server_add_pic","index_id":8})") << false << C{} << 0;
    QTest::newRow("single add answered by a batch reply: not its answer")
        << int(Command::Kind::AddOne) << A{add(8, 1)}
        << QByteArray(R"({"method":"sw_server_add_multiple_pic","result":[]})") << false << C{} << 0;
}

void TestSyncPlanner::replies()
{
    QFETCH(int, kind);
    QFETCH(QList<Action>, items);
    QFETCH(QByteArray, reply);
    QFETCH(bool, matches);
    QFETCH(QList<int>, codes);
    QFETCH(int, warnings);
    Command c;
    c.kind = Command::Kind(kind);
    c.items = items;
    QStringList said;
    const auto outcomes = readReply(c, decoded(reply), &said);
    QCOMPARE(outcomes.has_value(), matches);
    QCOMPARE(said.size(), warnings);
    if (!outcomes)
        return;
    QList<int> got;
    for (qsizetype i = 0; i < outcomes->size(); ++i) {
        QCOMPARE(outcomes->at(i).action, items[i]);
        QVERIFY(!outcomes->at(i).transport);
        got << outcomes->at(i).code;
    }
    QCOMPARE(got, codes);
}

void TestSyncPlanner::verifyList()
{
    const auto held = readHeld(decoded(R"({"method":"sw_server_get_sort","uuid":"U","result":[{"index_id":4,"pic_sort":4},{"index_id":9}]})"));
    QVERIFY(held);
    QCOMPARE(*held, (QSet<qint64>{4, 9}));
    QVERIFY(readHeld(decoded(R"({"method":"sw_server_get_sort","result":[]})"))->isEmpty());
    // The example's form names no index_id; an error code means no list.
    QVERIFY(!readHeld(decoded(R"({"method":"ivp_facercg_get_face_rcg_list","result":{"faceRcgCount":1,"faceRcgList":[{"faceRcgID":1,"faceID":"15090"}]}})")));
    QVERIFY(!readHeld(decoded(R"({"method":"sw_server_get_sort","result":[],"error":{"errorcode":100020}})")));
    const Command c = getSortCommand(QStringLiteral("U"));
    const fd::protocol::Decoded d = fd::protocol::decode(c.bytes);
    QVERIFY(d.as<fd::protocol::GetSortRequest>());
    QCOMPARE(d.as<fd::protocol::GetSortRequest>()->picSort, -1);  // every list
}

void TestSyncPlanner::backoffDoublesUpToTheCap()
{
    RetryPolicy r;
    r.baseMs = 1000;
    r.maxMs = 6000;
    QCOMPARE(r.nextAttemptAt(kNow, 1), kNow + 1000);
    QCOMPARE(r.nextAttemptAt(kNow, 2), kNow + 2000);
    QCOMPARE(r.nextAttemptAt(kNow, 3), kNow + 4000);
    QCOMPARE(r.nextAttemptAt(kNow, 4), kNow + 6000);
    QCOMPARE(r.nextAttemptAt(kNow, 400), kNow + 6000);
    // Transport failures carry no code and say why.
    Command c;
    c.kind = Command::Kind::AddBatch;
    c.items = {add(1, 1), add(2, 1)};
    const QList<ItemOutcome> lost = transportFailure(c, QStringLiteral("connection lost"));
    QCOMPARE(lost.size(), 2);
    QVERIFY(lost[1].transport);
    QCOMPARE(lost[1].text, QStringLiteral("connection lost"));
}

QTEST_GUILESS_MAIN(TestSyncPlanner)
#include "tst_syncplanner.moc"
