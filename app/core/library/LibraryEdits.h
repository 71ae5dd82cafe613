// The library editor's saves, as one job each on the window's query worker: a person
// from the person dialog, and the assignment dialog's ticks. They live here, not in
// the dialogs, because on a PostgreSQL archive every statement is a network round
// trip (0.2 to 2 ms on a LAN, each of them a frozen window when run on the GUI
// thread), and because the job reads what it changes afresh: a card number taken, a
// person deleted, or an assignment another desk changed since the dialog opened is
// seen, not overwritten (the assignment dialog sends only the ticks the admin changed).
// Each job also returns the "before" and "after" the audit trail keeps (#13), read in
// the same job so that they are what was saved.
#pragma once

#include "LibraryStore.h"

#include <QJsonObject>
#include <QJsonValue>

#include <optional>

namespace fd::library {

// What the trail keeps of a person: the fields an admin edits and the photos' count,
// never a photo or a descriptor.
QJsonObject personRecord(const Person &person);
// "person 7" or "persons 7,9": the trail's target for an edit of these persons.
QString personsTarget(const QList<qint64> &indexIds);
// The persons' own assignments and every list's (a list assignment covers them). A
// bulk assignment of thousands would make a record of megabytes: past 200 rows the
// trail keeps the count.
QJsonValue assignmentsOf(const QList<Assignment> &assignments, const QList<qint64> &indexIds);

// ---- One person, added or edited
struct PersonDraft {
    qint64 indexId = -1;  // -1: a new person
    QString name;
    int gender = -1;
    QString cardNo;
    int listId = sort::Whitelist;
    QString notes;
    std::optional<NewPhoto> photo;  // a new photo, validated; none keeps the stored one
};

struct PersonSaved {
    QString error;  // empty: saved
    qint64 indexId = -1;
    QJsonValue before = {};  // null for a new person (initialisers: a failure names only its error)
    QJsonValue after = {};
};

// Refuses a card number that another person holds, and an edit of a person deleted
// meanwhile; otherwise saves the fields and (when given) the photo.
PersonSaved savePerson(LibraryStore &store, const PersonDraft &draft);

// ---- Assignments
struct AssignmentTarget {
    QString deviceUuid;  // empty for a group
    int groupId = 0;
    bool operator==(const AssignmentTarget &) const = default;
};

// Whether the persons (or, with wholeList, the list) are assigned to the target now:
// for persons, every one of them directly (ticking then assigns the rest).
bool isAssigned(const QList<Assignment> &assignments, const AssignmentTarget &target, bool wholeList, int listId,
                const QList<qint64> &persons);

struct AssignmentChoice {
    bool wholeList = false;
    int listId = 0;
    QList<qint64> persons;
    // The targets the admin changed, each with whether it should now hold them.
    QList<QPair<AssignmentTarget, bool>> targets;
};

struct AssignmentSaved {
    QString error;  // empty: saved
    int changes = 0;  // targets changed (0: the choice was what is assigned)
    QString target = {};  // the trail's
    QJsonValue before = {};
    QJsonValue after = {};
};

// Makes each chosen target hold them or not, against the assignments as they are now
// (a target that already is as chosen is left alone and not counted).
AssignmentSaved applyAssignments(LibraryStore &store, const AssignmentChoice &choice);

// Removes the list's assignments to this device or group; how many there were (0:
// nothing to remove), -1 on error (the store's lastError says which).
int unassignList(LibraryStore &store, const AssignmentTarget &target, int listId);

} // namespace fd::library
