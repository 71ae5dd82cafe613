#include "SyncEngine.h"

#include "library/LibraryStore.h"
#include "protocol/ErrorCodes.h"
#include "devices/DeviceChannel.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QThread>

// Debug lines (one per command) are off unless QT_LOGGING_RULES="facedesk.sync.debug=true".
Q_LOGGING_CATEGORY(lcSync, "facedesk.sync", QtInfoMsg)

namespace fd::sync {

using namespace fd::protocol;

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// The protocol's text limit for names and card numbers is 64 UTF-8 bytes; a longer
// one would make the device refuse the whole command (-2001), not just this person.
QString clipUtf8(const QString &text, int maxBytes)
{
    if (text.toUtf8().size() <= maxBytes)
        return text;
    QString out;
    int bytes = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const bool pair = text[i].isHighSurrogate() && i + 1 < text.size();
        const QString ch = pair ? text.mid(i, 2) : text.mid(i, 1);
        const int n = int(ch.toUtf8().size());
        if (bytes + n > maxBytes)
            break;
        out += ch;
        bytes += n;
        if (pair)
            ++i;
    }
    return out;
}

} // namespace

SyncEngine::SyncEngine(store::DatabaseConfig database, devices::DeviceChannel *channel, SyncConfig config, QObject *parent)
    : QObject(parent), m_database(std::move(database)), m_channel(channel), m_config(config)
{
    m_kickTimer.setSingleShot(true);
    m_kickTimer.setInterval(std::max(0, m_config.kickDelayMs));
    connect(&m_kickTimer, &QTimer::timeout, this, &SyncEngine::onKickTimer);
    // Timeouts are checked a few times per timeout period: precision does not matter,
    // only that an unanswered command ends.
    m_watchdog.setInterval(std::clamp(m_config.replyTimeoutMs / 4, 20, 1000));
    connect(&m_watchdog, &QTimer::timeout, this, &SyncEngine::onWatchdog);
    m_wake.setSingleShot(true);
    connect(&m_wake, &QTimer::timeout, this, &SyncEngine::onWake);
    connect(&m_reconcile, &QTimer::timeout, this, &SyncEngine::onReconcileTick);
    connect(&m_poll, &QTimer::timeout, this, &SyncEngine::onPoll);
}

SyncEngine::~SyncEngine()
{
    m_library.reset();
    m_state.reset();
    if (!m_connectionName.isEmpty())
        QSqlDatabase::removeDatabase(m_connectionName);
}

bool SyncEngine::start(QString *error)
{
    m_connectionName = QStringLiteral("facedesk-sync-%1").arg(quintptr(this), 0, 16);
    QSqlDatabase db = store::openDatabase(m_database, m_connectionName, error);
    if (!db.isOpen())
        return false;
    m_library = std::make_unique<library::LibraryStore>(db, m_database.libraryDir());
    m_state = std::make_unique<SyncStateStore>(db);
    m_changeCounter = m_state->libraryChangeCounter();

    connect(m_channel, &devices::DeviceChannel::deviceSessionOpened, this, &SyncEngine::onSessionOpened);
    connect(m_channel, &devices::DeviceChannel::deviceSessionClosed, this, &SyncEngine::onSessionClosed);
    connect(m_channel, &devices::DeviceChannel::deviceReplied, this, &SyncEngine::onReplied);
    connect(m_channel, &devices::DeviceChannel::deviceSyncRequested, this, &SyncEngine::reconcileDevice);
    if (m_config.reconcileIntervalMs > 0)
        m_reconcile.start(m_config.reconcileIntervalMs);
    if (m_config.changePollMs > 0)
        m_poll.start(m_config.changePollMs);
    for (const QString &uuid : m_channel->connectedDevices())
        onSessionOpened(uuid);
    return true;
}

bool SyncEngine::isSettled(const QString &uuid) const
{
    const auto it = m_devices.find(uuid);
    return it != m_devices.end() && it->second.connected && it->second.settled && !it->second.inFlight;
}

SyncEngine::DeviceCounters SyncEngine::counters(const QString &uuid) const
{
    const auto it = m_devices.find(uuid);
    return it == m_devices.end() ? DeviceCounters{} : it->second.counters;
}

SyncCounts SyncEngine::counts(const QString &uuid) const
{
    const auto it = m_devices.find(uuid);
    return it == m_devices.end() ? SyncCounts{} : it->second.counts;
}

SyncEngine::Device *SyncEngine::find(const QString &uuid)
{
    const auto it = m_devices.find(uuid);
    return it == m_devices.end() ? nullptr : &it->second;
}

QStringList SyncEngine::deviceIds() const
{
    QStringList out;
    for (const auto &[uuid, d] : m_devices)
        out << uuid;
    return out;
}

// ---- triggers -------------------------------------------------------------------------

void SyncEngine::kick()
{
    if (m_kickQueued.exchange(true))
        return;  // one plan is already coming
    QMetaObject::invokeMethod(this, [this] { m_kickTimer.start(); }, Qt::QueuedConnection);
}

void SyncEngine::onKickTimer()
{
    // Cleared before reading anything: a kick from now on plans once more.
    m_kickQueued = false;
    m_pictures.clear();
    // What this pass plans already includes every change counted so far: the poll
    // must not kick (and re-plan every device) once more for the same edit.
    if (const qint64 counter = m_state->libraryChangeCounter(); counter >= 0)
        m_changeCounter = counter;
    replanAll();
}

void SyncEngine::replanAll()
{
    for (auto &[uuid, d] : m_devices) {
        d.dirty = true;
        d.stalled = false;
    }
    for (const QString &uuid : deviceIds())
        pump(uuid);
}

void SyncEngine::onPoll()
{
    // Another process (facedesk assign, a second window) changed the library: the
    // triggers of migration 4 bumped the counter.
    const qint64 counter = m_state->libraryChangeCounter();
    if (counter >= 0 && counter != m_changeCounter) {
        m_changeCounter = counter;
        kick();
    } else if (counter < 0) {
        reconnect();
    }
}

// The counter could not be read: on PostgreSQL, the server may have restarted or the
// network to it dropped, which leaves the connection dead until it is opened again.
// Tried on every poll (each second) until it works; then every device is planned
// afresh, since anything may have changed meanwhile.
void SyncEngine::reconnect()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QString error;
    if (!store::reconnectIfLost(db, m_database, &error)) {
        if (!m_databaseLost)
            qCWarning(lcSync).noquote() << "the archive's database is unreachable; the library sync waits:" << error;
        m_databaseLost = true;
        return;
    }
    if (m_databaseLost)
        qCInfo(lcSync) << "the archive's database is reachable again; planning every device afresh";
    m_databaseLost = false;
    kick();
}

void SyncEngine::onReconcileTick()
{
    replanAll();
    emit reconcileTicked();
}

void SyncEngine::reconcileDevice(const QString &uuid)
{
    if (QThread::currentThread() != thread()) {
        QMetaObject::invokeMethod(this, [this, uuid] { reconcileDevice(uuid); }, Qt::QueuedConnection);
        return;
    }
    if (!m_state->resetFailures(uuid))
        qCWarning(lcSync).noquote() << uuid << "cannot reset failures:" << m_state->lastError();
    Device &d = m_devices[uuid];
    d.verifyWanted = m_config.verifyOnSyncRequest;
    d.dirty = true;
    d.stalled = false;
    qCInfo(lcSync).noquote() << uuid << "full reconcile";
    emit syncStateChanged(uuid);
    pump(uuid);
}

void SyncEngine::onSessionOpened(const QString &uuid)
{
    Device &d = m_devices[uuid];
    if (d.inFlight)  // a newer connection replaced the one the command went down
        failInFlight(uuid, d, tr("the device opened a new connection before answering"));
    d.connected = true;
    d.dirty = true;
    d.stalled = false;
    d.settled = false;
    pump(uuid);
}

void SyncEngine::onSessionClosed(const QString &uuid)
{
    Device *d = find(uuid);
    if (!d)
        return;
    d->connected = false;
    d->settled = false;
    d->queue.clear();
    d->prepared.reset();
    d->dirty = true;
    if (d->inFlight)
        failInFlight(uuid, *d, tr("the connection was lost before the device answered"));
}

void SyncEngine::onWatchdog()
{
    QStringList late;
    for (const auto &[uuid, d] : m_devices)
        if (d.inFlight && d.sentAt.elapsed() >= m_config.replyTimeoutMs)
            late << uuid;
    for (const QString &uuid : std::as_const(late)) {
        Device *d = find(uuid);
        if (!d || !d->inFlight)
            continue;
        qCWarning(lcSync).noquote() << uuid << methodOf(d->inFlight->kind) << "unanswered after"
                                    << m_config.replyTimeoutMs << "ms; dropping the connection";
        failInFlight(uuid, *d, tr("the device did not answer within %1 s").arg(m_config.replyTimeoutMs / 1000.0));
        // A late answer on this connection would be taken for the next command's.
        m_channel->dropSession(uuid);
    }
    bool busy = false;
    for (const auto &[uuid, d] : m_devices)
        busy = busy || d.inFlight.has_value();
    if (!busy)
        m_watchdog.stop();
}

void SyncEngine::onWake()
{
    const qint64 now = nowMs();
    QStringList due;
    for (auto &[uuid, d] : m_devices) {
        if (d.wakeAt > 0 && d.wakeAt <= now) {
            d.wakeAt = 0;
            d.dirty = true;
            due << uuid;
        }
    }
    for (const QString &uuid : due)
        pump(uuid);
    scheduleWake();
}

void SyncEngine::scheduleWake()
{
    qint64 earliest = 0;
    for (const auto &[uuid, d] : m_devices)
        if (d.connected && d.wakeAt > 0 && (earliest == 0 || d.wakeAt < earliest))
            earliest = d.wakeAt;
    if (earliest == 0) {
        m_wake.stop();
        return;
    }
    m_wake.start(int(std::clamp<qint64>(earliest - nowMs(), 0, 24 * 3600 * 1000)));
}

// ---- the loop ----------------------------------------------------------------------------

bool SyncEngine::replan(const QString &uuid, Device &d)
{
    const QList<library::WantedPerson> wanted = m_library->wantedBy(uuid);
    const QList<StateRow> rows = m_state->rows(uuid);
    if (!m_library->lastError().isEmpty() || !m_state->lastError().isEmpty()) {
        qCWarning(lcSync).noquote() << uuid << "cannot plan:" << m_library->lastError() << m_state->lastError();
        return false;
    }
    QSet<qint64> inFlight;
    if (d.inFlight)
        for (const Action &a : d.inFlight->items)
            inFlight.insert(a.indexId);
    const Plan p = plan(wanted, rows, nowMs(), inFlight);
    if (!p.forget.isEmpty() && !m_state->forget(uuid, p.forget))
        qCWarning(lcSync).noquote() << uuid << "cannot drop stale rows:" << m_state->lastError();
    d.queue = p.actions;
    d.prepared.reset();  // cut from the old plan; the new one has its items again
    d.wakeAt = p.wakeAt;
    d.dirty = false;
    const bool changed = !(d.counts == p.counts);
    d.counts = p.counts;
    if (changed)
        emit progress(uuid, d.counts.done, d.counts.total, d.counts.failed);
    scheduleWake();
    return true;
}

void SyncEngine::pump(const QString &uuid)
{
    Device *found = find(uuid);
    if (!found)
        return;
    Device &d = *found;
    if (!d.connected || d.inFlight || d.stalled || !m_state)
        return;
    if (d.verifyWanted) {
        d.verifyWanted = false;
        d.prepared.reset();  // the verify may change the plan
        send(uuid, d, getSortCommand(uuid));
        return;
    }
    if (d.dirty && !replan(uuid, d)) {
        d.stalled = true;
        return;
    }
    std::optional<Command> next = std::move(d.prepared);
    d.prepared.reset();
    if (!next)
        next = cutCommand(uuid, d);
    if (next) {
        send(uuid, d, std::move(*next));
        // Cut the following command once this event is handled (other devices' answers
        // first), while the device works on this one.
        if (!d.queue.isEmpty())
            QMetaObject::invokeMethod(this, [this, uuid] { prepare(uuid); }, Qt::QueuedConnection);
        return;
    }
    if (!d.stalled && !d.settled) {
        d.settled = true;
        emit deviceSettled(uuid);
    }
}

void SyncEngine::prepare(const QString &uuid)
{
    Device *found = find(uuid);
    if (!found)
        return;
    Device &d = *found;
    if (!d.connected || !d.inFlight || d.prepared || d.dirty || d.stalled || d.verifyWanted || d.queue.isEmpty())
        return;
    d.prepared = cutCommand(uuid, d);
}

std::optional<Command> SyncEngine::cutCommand(const QString &uuid, Device &d)
{
    bool replanned = false;
    for (;;) {
        bool skipped = false;
        while (!d.queue.isEmpty()) {
            BuiltCommand built = takeCommand(d.queue, m_config.batch, [this](const Action &a) { return pictureOf(a); });
            if (!built.unsendable.isEmpty()) {
                recordOutcomes(uuid, d, built.unsendable);
                if (d.stalled)
                    return std::nullopt;
            }
            if (built.command)
                return built.command;
            skipped = true;
        }
        // Persons that vanished since the plan may leave deletes behind: plan once
        // more, unless a command is in flight (its answer brings a plan anyway).
        if (!skipped || replanned || d.inFlight)
            return std::nullopt;
        replanned = true;
        if (!replan(uuid, d)) {
            d.stalled = true;
            return std::nullopt;
        }
    }
}

void SyncEngine::send(const QString &uuid, Device &d, Command command)
{
    QList<Action> adds;
    for (const Action &a : command.items)
        if (a.kind == ActionKind::Add)
            adds << a;
    // Recorded before the bytes leave: if FaceDesk dies before the answer, the person
    // may be on the device and must be deleted there should nobody want it any more.
    if (!m_state->markSent(uuid, adds)) {
        qCWarning(lcSync).noquote() << uuid << "cannot record a command before sending it:" << m_state->lastError();
        d.stalled = true;
        d.dirty = true;
        return;
    }
    if (!m_channel->sendToDevice(uuid, command.bytes)) {
        d.connected = false;  // the session is gone; its closing was or will be reported
        d.dirty = true;
        return;
    }
    qCDebug(lcSync).noquote() << uuid << "sends" << methodOf(command.kind) << "with" << command.items.size()
                              << "persons," << command.bytes.size() << "bytes";
    d.settled = false;
    d.counters.commands += 1;
    d.counters.itemsSent += command.items.size();
    d.counters.bytesSent += command.bytes.size();
    d.inFlight = std::move(command);
    d.sentAt.start();
    if (!m_watchdog.isActive())
        m_watchdog.start();
}

void SyncEngine::onReplied(const QString &uuid, const Decoded &reply)
{
    Device *found = uuid.isEmpty() ? nullptr : find(uuid);
    if (!found || !found->inFlight) {
        qCInfo(lcSync).noquote() << (uuid.isEmpty() ? QStringLiteral("(no session)") : uuid)
                                 << "reply with no command waiting for it:" << reply.method;
        return;
    }
    Device &d = *found;
    if (d.inFlight->kind == Command::Kind::GetSort) {
        if (!reply.as<GetSortReply>()) {
            qCInfo(lcSync).noquote() << uuid << "ignored" << reply.method << "while waiting for sw_server_get_sort";
            return;
        }
        d.inFlight.reset();
        ++d.counters.replies;
        const std::optional<QSet<qint64>> held = readHeld(reply);
        if (!held) {
            qCWarning(lcSync).noquote() << uuid << "sw_server_get_sort answered without a list of index_ids; "
                                               "the library was not verified";
        } else if (!m_state->applyVerify(uuid, *held, nowMs())) {
            qCWarning(lcSync).noquote() << uuid << "cannot apply the verify:" << m_state->lastError();
        } else {
            ++d.counters.verifies;
            emit deviceVerified(uuid, held->size());
            emit syncStateChanged(uuid);
        }
        d.dirty = true;
        pump(uuid);
        return;
    }
    QStringList warnings;
    const std::optional<QList<ItemOutcome>> outcomes = readReply(*d.inFlight, reply, &warnings);
    for (const QString &w : std::as_const(warnings))
        qCWarning(lcSync).noquote() << uuid << w;
    if (!outcomes) {
        qCInfo(lcSync).noquote() << uuid << "ignored" << reply.method << "while waiting for"
                                 << methodOf(d.inFlight->kind);
        return;
    }
    qCDebug(lcSync).noquote() << uuid << "answered" << reply.method;
    d.inFlight.reset();
    ++d.counters.replies;
    recordOutcomes(uuid, d, *outcomes);
    if (d.queue.isEmpty() && !d.prepared)
        d.dirty = true;  // one more look before settling: back-offs to schedule, changes meanwhile
    pump(uuid);
}

void SyncEngine::failInFlight(const QString &uuid, Device &d, const QString &why)
{
    const Command c = *d.inFlight;
    d.inFlight.reset();
    ++d.counters.transportFailures;
    if (c.kind == Command::Kind::GetSort) {
        d.verifyWanted = true;  // verify on the next session
        return;
    }
    qCInfo(lcSync).noquote() << uuid << methodOf(c.kind) << "with" << c.items.size() << "persons:" << why;
    recordOutcomes(uuid, d, transportFailure(c, why));
    d.dirty = true;
}

void SyncEngine::recordOutcomes(const QString &uuid, Device &d, const QList<ItemOutcome> &outcomes)
{
    if (!m_state->record(uuid, outcomes, nowMs(), m_config.retry)) {
        // Nothing is confirmed that was not recorded: the items stay pending. Stop
        // sending to this device until something changes, rather than resend in a loop.
        qCWarning(lcSync).noquote() << uuid << "cannot record the device's answer:" << m_state->lastError();
        d.stalled = true;
        return;
    }
    for (const ItemOutcome &o : outcomes) {
        const bool permanent = !o.transport && (o.code == localcode::NoPhoto || isPermanentLibraryError(o.code));
        const bool ok = !o.transport && o.code == code::Ok;
        if (!ok && !permanent)
            continue;
        --d.counts.pending;
        if (o.action.kind == ActionKind::Delete && ok) {
            --d.counts.total;
            --d.counts.removals;
        } else if (ok) {
            ++d.counts.done;
        } else {
            ++d.counts.failed;
        }
        if (!ok)
            qCInfo(lcSync).noquote() << uuid << "index_id" << o.action.indexId << "refused:" << o.code
                                     << (o.text.isEmpty() ? resultCodeText(o.code) : o.text);
    }
    emit progress(uuid, d.counts.done, d.counts.total, d.counts.failed);
    emit syncStateChanged(uuid);
}

SourcedPicture SyncEngine::pictureOf(const Action &action)
{
    if (const SourcedPicture *cached = m_pictures.find(action))
        return *cached;
    const qint64 indexId = action.indexId;
    SourcedPicture s;
    const std::optional<library::Person> p = m_library->person(indexId);
    if (!p) {
        s.state = SourcedPicture::State::Gone;
        return s;
    }
    s.revision = p->revision;
    if (p->photos.isEmpty()) {
        s.state = SourcedPicture::State::Unsendable;
        s.error = tr("FaceDesk has no photo of this person to send.");
        return s;
    }
    const QByteArray jpeg = m_library->photoJpeg(p->photos.first());
    if (jpeg.isEmpty()) {
        s.state = SourcedPicture::State::Unsendable;
        s.error = tr("The person's photo cannot be read: %1").arg(m_library->lastError());
        return s;
    }
    s.picture.indexId = indexId;
    s.picture.attribute.name = clipUtf8(p->name, 64);
    s.picture.attribute.gender = p->gender >= 0 && p->gender <= 2 ? p->gender : -1;
    s.picture.attribute.cardId = clipUtf8(p->cardNo, 64);
    s.picture.jpeg = jpeg;
    m_pictures.put(s);
    return s;
}

} // namespace fd::sync
