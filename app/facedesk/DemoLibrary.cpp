#include "DemoLibrary.h"

#include "FacePhotoSet.h"
#include "store/ScopedConnection.h"
#include "library/LibraryStore.h"
#include "library/PhotoValidator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace fd::app {


int seedDemoLibrary(const store::DatabaseConfig &archive, const QString &facesDir)
{
    if (facesDir.isEmpty())
        return 0;
    store::ScopedConnection connection(archive, QStringLiteral("demo-library"));
    int added = 0;
    {
        library::LibraryStore store(connection.db(), archive.libraryDir());
        if (!connection.isOpen() || store.countPersons({}) > 0)
            return 0;
        const library::PhotoValidator validator;
        QList<library::NewPerson> persons;
        QSet<QString> seen;
        const QDir dir(facesDir);
        for (const QFileInfo &file : dir.entryInfoList({QStringLiteral("*.jpg")}, QDir::Files, QDir::Name)) {
            // Only portraits named person_n: the folder also holds scenes and test cases.
            const QString base = file.completeBaseName();
            if (!base.back().isDigit() || base.startsWith(QLatin1String("scene")) || base.startsWith(QLatin1String("multi"))
                || base.startsWith(QLatin1String("edge")))
                continue;
            // The simulator's own naming, so its devices' matches name these persons.
            const QString name = sim::displayName(sim::identityOf(file.fileName()));
            if (seen.contains(name))
                continue;
            QFile f(file.filePath());
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const library::PhotoCheck check = validator.check(f.readAll(), file.fileName());
            if (!check.accepted)
                continue;  // the demo folder also holds deliberately bad photos
            seen.insert(name);
            library::NewPerson p;
            p.name = name;
            p.cardNo = QStringLiteral("D-%1").arg(1001 + persons.size());
            // One of each list, so the filter and the list column have something to show.
            p.listId = int(persons.size() % 4) + 1;
            p.photos << check.toNewPhoto(file.fileName());
            persons << p;
        }
        added = int(store.addPersons(persons).size());
    }
    return added;
}

} // namespace fd::app
