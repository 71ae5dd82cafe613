// facedesk assign: which device (or device group) should hold which list or persons.
// A running `facedesk serve` or window notices the change through the archive's
// change counter within a second and syncs the devices.
#include "CommandAuth.h"
#include "Commands.h"

#include "library/LibraryEdits.h"
#include "library/LibraryStore.h"
#include "store/Database.h"

#include <QCommandLineParser>
#include <QFile>
#include <QSet>
#include <QTextStream>

namespace fd::app {

namespace {

// "--person 5 --person 6,7 8": every whole number given, in order, once.
bool parseIds(const QStringList &values, QList<qint64> *ids, QString *bad)
{
    QSet<qint64> seen;
    for (const QString &value : values) {
        for (const QString &part : value.split(u',', Qt::SkipEmptyParts)) {
            bool ok = false;
            const qint64 id = part.trimmed().toLongLong(&ok);
            if (!ok || id <= 0) {
                *bad = part;
                return false;
            }
            if (!seen.contains(id)) {
                seen.insert(id);
                ids->append(id);
            }
        }
    }
    return true;
}

} // namespace

int runAssign(const QStringList &arguments)
{
    QTextStream err(stderr);
    QTextStream out(stdout);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Assign a face list or persons to a device or a device group (or, with --remove, take them back).\n"
        "Example: facedesk assign --device 12721SSQSQCA --list 2"));
    p.addHelpOption();
    p.addOptions({
        {QStringLiteral("device"), QStringLiteral("The device's uuid."), QStringLiteral("UUID")},
        {QStringLiteral("group"), QStringLiteral("A device group's name."), QStringLiteral("NAME")},
        {QStringLiteral("list"), QStringLiteral("A list's id (1 blacklist, 2 whitelist, 3 VIP, 4 custom, or a custom list's) or name."),
         QStringLiteral("N")},
        {QStringLiteral("person"), QStringLiteral("A person's index_id (repeatable, or comma-separated; more ids may follow as arguments)."),
         QStringLiteral("INDEX_ID")},
        {QStringLiteral("remove"), QStringLiteral("Take the assignment back instead.")},
    });
    p.addOptions(archiveOptions());
    p.addOption(userOption());
    p.addPositionalArgument(QStringLiteral("INDEX_ID"), QStringLiteral("More persons, with --person."), QStringLiteral("[INDEX_ID...]"));
    if (const int exit = parseCommandLine(p, QStringLiteral("assign"), arguments); exit >= 0)
        return exit;
    const bool byDevice = p.isSet(QStringLiteral("device"));
    const bool byGroup = p.isSet(QStringLiteral("group"));
    const bool byList = p.isSet(QStringLiteral("list"));
    const bool byPerson = p.isSet(QStringLiteral("person"));
    if (byDevice == byGroup || byList == byPerson || (!byPerson && !p.positionalArguments().isEmpty())) {
        err << "facedesk assign: name one of --device or --group, and either --list or --person\n" << p.helpText();
        return 2;
    }
    QList<qint64> ids;
    QString bad;
    if (byPerson && !parseIds(p.values(QStringLiteral("person")) + p.positionalArguments(), &ids, &bad)) {
        err << "facedesk assign: \"" << bad << "\" is not an index_id" << Qt::endl;
        return 2;
    }

    store::DatabaseConfig config;
    if (!archiveFromOptions(p, QStringLiteral("assign"), &config))
        return 2;
    if (!archiveExists(config, QStringLiteral("assign")))
        return 1;
    int refused = 0;
    const std::optional<CommandOperator> who = authorize(p, config, QStringLiteral("assign"), auth::Action::Assign, &refused);
    if (!who)
        return refused;
    QString error;
    QSqlDatabase db = store::openDatabase(config, QStringLiteral("assign"), &error);
    if (!db.isOpen()) {
        err << "facedesk assign: " << error << Qt::endl;
        return 1;
    }
    library::LibraryStore store(db, config.libraryDir());

    const QString device = p.value(QStringLiteral("device")).trimmed();
    int groupId = 0;
    QStringList affected{device};
    if (byGroup) {
        const QString name = p.value(QStringLiteral("group")).trimmed();
        QStringList names;
        for (const library::DeviceGroup &g : store.groups()) {
            names << g.name;
            if (g.name == name) {
                groupId = g.id;
                affected = g.members;
            }
        }
        if (groupId == 0) {
            err << "facedesk assign: no device group \"" << name << "\" (groups: "
                << (names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "))) << ")" << Qt::endl;
            return 1;
        }
    } else if (device.isEmpty()) {
        err << "facedesk assign: --device needs a uuid" << Qt::endl;
        return 2;
    }

    int listId = 0;
    if (byList) {
        const QString value = p.value(QStringLiteral("list")).trimmed();
        bool numeric = false;
        const int asNumber = value.toInt(&numeric);
        for (const library::FaceList &l : store.lists())
            if ((numeric && l.id == asNumber) || (!numeric && l.name.compare(value, Qt::CaseInsensitive) == 0))
                listId = l.id;
        if (listId == 0) {
            err << "facedesk assign: no list \"" << value << "\"" << Qt::endl;
            return 1;
        }
    }

    const bool remove = p.isSet(QStringLiteral("remove"));
    if (byPerson && !remove) {
        const QHash<qint64, QString> known = store.personNames(ids);
        QStringList missing;
        for (qint64 id : std::as_const(ids))
            if (!known.contains(id))
                missing << QString::number(id);
        if (!missing.isEmpty()) {
            err << "facedesk assign: no person with index_id " << missing.join(QStringLiteral(", ")) << Qt::endl;
            return 1;
        }
    }

    bool ok = true;
    if (byList && !remove) {
        ok = store.assign({-1, byGroup ? QString() : device, groupId, listId, 0});
    } else if (byList) {
        const int removed = library::unassignList(store, {byGroup ? QString() : device, groupId}, listId);
        ok = removed >= 0;
        if (removed == 0)
            out << "facedesk assign: that list was not assigned there; nothing to remove" << Qt::endl;
    } else if (!remove) {
        ok = store.assignPersons(byGroup ? QString() : device, groupId, ids);
    } else {
        ok = store.unassignPersons(byGroup ? QString() : device, groupId, ids);
    }
    if (!ok) {
        err << "facedesk assign: " << store.lastError() << Qt::endl;
        return 1;
    }
    for (const QString &uuid : std::as_const(affected))
        out << uuid << " should now hold " << store.wantedBy(uuid).size() << " persons" << Qt::endl;
    auditCommand(config, *who, auth::actionName(auth::Action::Assign), QStringList(affected.begin(), affected.end()).join(u','),
                 {{QStringLiteral("arguments"), arguments.join(u' ')}}, QStringLiteral("assign"));
    return 0;
}

} // namespace fd::app
