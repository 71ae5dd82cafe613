#include "LibraryEdits.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

#include <algorithm>

namespace fd::library {

QJsonObject personRecord(const Person &p)
{
    return QJsonObject{{QStringLiteral("name"), p.name}, {QStringLiteral("gender"), p.gender},
                       {QStringLiteral("card"), p.cardNo}, {QStringLiteral("list"), p.listId},
                       {QStringLiteral("notes"), p.notes}, {QStringLiteral("photos"), int(p.photos.size())}};
}

QString personsTarget(const QList<qint64> &ids)
{
    QStringList parts;
    for (qint64 id : ids)
        parts << QString::number(id);
    return (ids.size() == 1 ? QStringLiteral("person ") : QStringLiteral("persons ")) + parts.join(u',');
}

QJsonValue assignmentsOf(const QList<Assignment> &assignments, const QList<qint64> &indexIds)
{
    constexpr qsizetype MaxListed = 200;
    const QSet<qint64> persons(indexIds.begin(), indexIds.end());
    QJsonArray out;
    qsizetype count = 0;
    for (const Assignment &a : assignments) {
        if (!persons.contains(a.indexId) && !(a.indexId == 0 && a.listId != 0))
            continue;
        if (++count <= MaxListed)
            out << QJsonObject{{QStringLiteral("device"), a.deviceUuid}, {QStringLiteral("group"), a.groupId},
                               {QStringLiteral("list"), a.listId}, {QStringLiteral("person"), a.indexId}};
    }
    return count <= MaxListed ? QJsonValue(out) : QJsonValue(QJsonObject{{QStringLiteral("assignments"), count}});
}

namespace {

QJsonValue recordOf(LibraryStore &store, qint64 indexId)
{
    const std::optional<Person> p = store.person(indexId);
    return p ? QJsonValue(personRecord(*p)) : QJsonValue(QJsonValue::Null);
}

QString cardTaken(LibraryStore &store, const PersonDraft &draft)
{
    if (draft.cardNo.isEmpty())
        return {};
    const qint64 holder = store.personByCard(draft.cardNo);
    if (holder < 0 || holder == draft.indexId)
        return {};
    return QCoreApplication::translate("LibraryEdits", "Card number %1 already belongs to %2.")
        .arg(draft.cardNo, store.personNames({holder}).value(holder));
}

PersonSaved addPerson(LibraryStore &store, const PersonDraft &draft)
{
    NewPerson p;
    p.name = draft.name;
    p.gender = draft.gender;
    p.cardNo = draft.cardNo;
    p.listId = draft.listId;
    p.notes = draft.notes;
    if (draft.photo)
        p.photos << *draft.photo;
    const QList<qint64> ids = store.addPersons({p});
    if (ids.isEmpty())
        return {store.lastError()};
    return {{}, ids.first(), QJsonValue::Null, recordOf(store, ids.first())};
}

PersonSaved editPerson(LibraryStore &store, const PersonDraft &draft)
{
    std::optional<Person> p = store.person(draft.indexId);
    if (!p)
        return {QCoreApplication::translate("LibraryEdits", "This person was deleted meanwhile.")};
    PersonSaved saved{{}, draft.indexId, personRecord(*p), {}};
    p->name = draft.name;
    p->gender = draft.gender;
    p->cardNo = draft.cardNo;
    p->listId = draft.listId;
    p->notes = draft.notes;
    if (!store.updatePerson(*p) || (draft.photo && !store.setPhotos(draft.indexId, {*draft.photo})))
        return {store.lastError()};
    saved.after = recordOf(store, draft.indexId);
    return saved;
}

} // namespace

PersonSaved savePerson(LibraryStore &store, const PersonDraft &draft)
{
    if (const QString taken = cardTaken(store, draft); !taken.isEmpty())
        return {taken};
    if (draft.indexId < 0 && !draft.photo)
        return {QCoreApplication::translate("LibraryEdits", "A person needs a photo with exactly one face.")};
    return draft.indexId < 0 ? addPerson(store, draft) : editPerson(store, draft);
}

bool isAssigned(const QList<Assignment> &assignments, const AssignmentTarget &target, bool wholeList, int listId,
                const QList<qint64> &persons)
{
    const auto holds = [&](const Assignment &a) { return a.deviceUuid == target.deviceUuid && a.groupId == target.groupId; };
    if (wholeList)
        return std::any_of(assignments.cbegin(), assignments.cend(), [&](const Assignment &a) { return holds(a) && a.listId == listId; });
    for (qint64 id : persons)
        if (std::none_of(assignments.cbegin(), assignments.cend(), [&](const Assignment &a) { return holds(a) && a.indexId == id; }))
            return false;
    return !persons.isEmpty();
}

int unassignList(LibraryStore &store, const AssignmentTarget &target, int listId)
{
    int removed = 0;
    for (const Assignment &a : store.assignments()) {
        if (a.listId != listId || a.groupId != target.groupId || a.deviceUuid != target.deviceUuid)
            continue;
        if (!store.unassign(a.id))
            return -1;
        ++removed;
    }
    return removed;
}

namespace {

bool applyOne(LibraryStore &store, const AssignmentChoice &choice, const AssignmentTarget &t, bool wanted)
{
    if (choice.wholeList)
        return wanted ? store.assign({-1, t.deviceUuid, t.groupId, choice.listId, 0}) : unassignList(store, t, choice.listId) >= 0;
    return wanted ? store.assignPersons(t.deviceUuid, t.groupId, choice.persons)
                  : store.unassignPersons(t.deviceUuid, t.groupId, choice.persons);
}

} // namespace

AssignmentSaved applyAssignments(LibraryStore &store, const AssignmentChoice &choice)
{
    AssignmentSaved saved;
    saved.target = choice.wholeList ? QStringLiteral("list %1").arg(choice.listId) : personsTarget(choice.persons);
    const QList<Assignment> now = store.assignments();
    if (!store.lastError().isEmpty() && now.isEmpty())
        return {store.lastError()};
    saved.before = assignmentsOf(now, choice.persons);
    for (const auto &[target, wanted] : choice.targets) {
        if (wanted == isAssigned(now, target, choice.wholeList, choice.listId, choice.persons))
            continue;
        if (!applyOne(store, choice, target, wanted))
            return {store.lastError()};
        ++saved.changes;
    }
    saved.after = assignmentsOf(store.assignments(), choice.persons);
    return saved;
}

} // namespace fd::library
