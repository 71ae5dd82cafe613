#include "SyncCommand.h"

#include "protocol/ErrorCodes.h"

#include <QHash>

namespace fd::sync {

using namespace fd::protocol;

namespace {

// What one picture adds to an add batch on the wire: its base64 text plus the JSON
// around it (keys, attributes, MD5). An estimate only: it decides where a batch ends.
qint64 wireEstimate(const LibraryPicture &p)
{
    return (p.jpeg.size() + 2) / 3 * 4 + 160 + p.attribute.name.toUtf8().size() + p.attribute.cardId.toUtf8().size();
}

} // namespace

QString methodOf(Command::Kind kind)
{
    switch (kind) {
    case Command::Kind::AddOne: return QString::fromLatin1(method::AddPic);
    case Command::Kind::AddBatch: return QString::fromLatin1(method::AddMultiplePic);
    case Command::Kind::Update: return QString::fromLatin1(method::UpdatePic);
    case Command::Kind::DeleteOne: return QString::fromLatin1(method::DelPic);
    case Command::Kind::DeleteBatch: return QString::fromLatin1(method::DelMultiplePic);
    case Command::Kind::GetSort: return QString::fromLatin1(method::GetSort);
    }
    return {};
}

BuiltCommand takeCommand(QList<Action> &queue, const BatchLimits &limits, const PictureSource &source)
{
    BuiltCommand out;
    while (!queue.isEmpty() && !out.command) {
        const ActionKind kind = queue.first().kind;
        if (kind == ActionKind::Delete) {
            QList<qint64> ids;
            Command c;
            while (!queue.isEmpty() && queue.first().kind == ActionKind::Delete && ids.size() < limits.maxDeletes) {
                c.items.append(queue.takeFirst());
                ids.append(c.items.last().indexId);
            }
            if (ids.size() == 1) {
                c.kind = Command::Kind::DeleteOne;
                c.bytes = encode(DelPicRequest{ids.first()});
            } else {
                c.kind = Command::Kind::DeleteBatch;
                c.bytes = encode(DelMultiplePicRequest{ids});
            }
            out.command = c;
            break;
        }
        // Adds and updates carry the person as they are now: a revision newer than
        // the plan's is sent (and confirmed) as it is.
        Command c;
        QList<LibraryPicture> pictures;
        qint64 bytes = 0;
        while (!queue.isEmpty() && queue.first().kind == kind) {
            if (kind == ActionKind::Update && !pictures.isEmpty())
                break;  // updates go one by one: the protocol has no batch update
            if (kind == ActionKind::Add && pictures.size() >= std::max(1, limits.maxPersons))
                break;
            const Action a = queue.first();
            const SourcedPicture s = source(a);
            if (s.state == SourcedPicture::State::Ready) {
                const qint64 size = wireEstimate(s.picture);
                if (!pictures.isEmpty() && bytes + size > limits.maxBytes)
                    break;  // this one starts the next batch
                bytes += size;
                pictures.append(s.picture);
                c.items.append(Action{a.kind, a.indexId, s.revision});
            } else if (s.state == SourcedPicture::State::Unsendable) {
                out.unsendable.append(ItemOutcome{Action{a.kind, a.indexId, s.revision}, localcode::NoPhoto, false, s.error});
            }
            queue.removeFirst();
        }
        if (pictures.isEmpty())
            continue;  // everything in this run was gone or unsendable
        if (kind == ActionKind::Update) {
            c.kind = Command::Kind::Update;
            c.bytes = encode(AddPicRequest{true, pictures.first()});
        } else if (pictures.size() == 1) {
            c.kind = Command::Kind::AddOne;
            c.bytes = encode(AddPicRequest{false, pictures.first()});
        } else {
            c.kind = Command::Kind::AddBatch;
            c.bytes = encode(AddMultiplePicRequest{pictures});
        }
        out.command = c;
    }
    return out;
}

Command getSortCommand(const QString &uuid)
{
    Command c;
    c.kind = Command::Kind::GetSort;
    GetSortRequest request;
    request.uuid = uuid;  // no pic_sort: every list
    c.bytes = encode(request);
    return c;
}

std::optional<QList<ItemOutcome>> readReply(const Command &command, const Decoded &reply, QStringList *warnings)
{
    const auto warn = [warnings](const QString &w) {
        if (warnings)
            *warnings << w;
    };
    QList<ItemOutcome> out;
    switch (command.kind) {
    case Command::Kind::AddOne:
    case Command::Kind::Update:
    case Command::Kind::DeleteOne: {
        const auto *r = reply.as<PicReply>();
        if (!r || command.items.isEmpty())
            return std::nullopt;
        const bool deleting = command.kind == Command::Kind::DeleteOne;
        // The update reply's table names sw_server_add_pic, its example
        // sw_server_update_pic: either answers an add or an update.
        const bool methodFits = deleting ? r->method == QLatin1String(method::DelPic)
                                         : (r->method == QLatin1String(method::AddPic)
                                            || r->method == QLatin1String(method::UpdatePic));
        if (!methodFits)
            return std::nullopt;
        const Action &a = command.items.first();
        if (r->indexId >= 0 && r->indexId != a.indexId)
            warn(QStringLiteral("%1 for index_id %2 answered with index_id %3; taken as the answer (one command "
                                "is in flight)")
                     .arg(r->method)
                     .arg(a.indexId)
                     .arg(r->indexId));
        out.append(ItemOutcome{a, r->errorcode, false, {}});
        return out;
    }
    case Command::Kind::AddBatch:
    case Command::Kind::DeleteBatch: {
        const auto *r = reply.as<MultiplePicReply>();
        const QLatin1String expected(command.kind == Command::Kind::AddBatch ? method::AddMultiplePic
                                                                             : method::DelMultiplePic);
        if (!r || r->method != expected)
            return std::nullopt;
        QHash<qint64, int> listed;
        for (const ItemResult &item : r->results)
            listed.insert(item.indexId, item.errorcode);
        for (const Action &a : command.items) {
            const auto it = listed.constFind(a.indexId);
            out.append(ItemOutcome{a, it == listed.cend() ? code::Ok : it.value(), false, {}});
            if (it != listed.cend())
                listed.erase(it);
        }
        for (auto it = listed.cbegin(); it != listed.cend(); ++it)
            warn(QStringLiteral("%1 reply lists index_id %2, which the command did not name").arg(r->method).arg(it.key()));
        return out;
    }
    case Command::Kind::GetSort:
        return std::nullopt;  // read with readHeld()
    }
    return std::nullopt;
}

std::optional<QSet<qint64>> readHeld(const Decoded &reply)
{
    const auto *r = reply.as<GetSortReply>();
    if (!r || r->errorcode != code::Ok)
        return std::nullopt;
    if (r->entries.isEmpty() && (!r->faces.isEmpty() || r->totalCount > 0))
        return std::nullopt;  // the example's form: no index_ids to compare
    QSet<qint64> held;
    held.reserve(r->entries.size());
    for (const SortEntry &e : r->entries)
        held.insert(e.indexId);
    return held;
}

QList<ItemOutcome> transportFailure(const Command &command, const QString &why)
{
    QList<ItemOutcome> out;
    out.reserve(command.items.size());
    for (const Action &a : command.items)
        out.append(ItemOutcome{a, 0, true, why});
    return out;
}

} // namespace fd::sync
