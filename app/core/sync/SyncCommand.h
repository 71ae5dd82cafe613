// One library command on its way to a device: how the next one is cut from a plan
// (batches bounded by count and bytes), and how a device's reply is read back into
// one outcome per person. Pure apart from the picture source it is handed.
#pragma once

#include "SyncTypes.h"
#include "protocol/MessageCodec.h"

#include <QSet>

#include <functional>
#include <optional>

namespace fd::sync {

struct BatchLimits {
    int maxPersons = 20;                 // persons per sw_server_add_multiple_pic
    qint64 maxBytes = 1024 * 1024;       // encoded size of one add batch (a single photo may exceed it)
    int maxDeletes = 200;                // ids per sw_server_del_multiple_pic
};

struct Command {
    enum class Kind { AddOne, AddBatch, Update, DeleteOne, DeleteBatch, GetSort };
    Kind kind = Kind::AddOne;
    QList<Action> items;  // with the revisions actually sent
    QByteArray bytes;     // the encoded command, as written to the device
};

// The method a command is sent with, for logs and for matching its reply.
QString methodOf(Command::Kind kind);

// What the picture source says about one person at the moment a command is built.
struct SourcedPicture {
    enum class State { Ready, Gone, Unsendable };
    State state = State::Ready;
    protocol::LibraryPicture picture;  // Ready: index_id, attributes and the JPEG
    qint64 revision = 0;               // Ready: the person's revision now
    QString error;                     // Unsendable: why (shown to the admin)
};
// Asked with the planned action; it may answer with a newer revision (what is sent is
// what is confirmed), never with an older one.
using PictureSource = std::function<SourcedPicture(const Action &action)>;

struct BuiltCommand {
    std::optional<Command> command;   // empty when nothing in the queue could be sent
    QList<ItemOutcome> unsendable;    // persons with no usable photo: failed for good at their revision
};

// Takes the next command's actions off the front of queue (the plan's order): a run
// of deletes, one update, or a run of adds bounded by limits. One add goes as
// sw_server_add_pic, one delete as sw_server_del_pic. Persons that are gone are
// skipped (the next plan deletes them where needed).
BuiltCommand takeCommand(QList<Action> &queue, const BatchLimits &limits, const PictureSource &source);

// The request for what a device holds (sw_server_get_sort, every list).
Command getSortCommand(const QString &uuid);

// Reads a device's reply as the answer to command: one outcome per item. Empty when
// the reply is not an answer to this command (another method), so it must be ignored.
// A batch reply that does not list an item means success (the spec: "Only return add
// errors"); listed ids the command did not name are ignored with a warning.
std::optional<QList<ItemOutcome>> readReply(const Command &command, const protocol::Decoded &reply,
                                            QStringList *warnings = nullptr);

// The index_ids a sw_server_get_sort reply lists, in its table form; empty when the
// reply is not one, has an error code, or has only the example's form (faceRcgList),
// which names no index_id.
std::optional<QSet<qint64>> readHeld(const protocol::Decoded &reply);

// Every item of the command failed without an answer (connection lost, timeout).
QList<ItemOutcome> transportFailure(const Command &command, const QString &why);

} // namespace fd::sync
