// The file-name readings (library/FileNamePattern, FileNameReading, FileNaming): the
// first line is a pattern, every further line a file name of one folder.
#include "FuzzTarget.h"

#include "library/FileNamePattern.h"
#include "library/FileNameReading.h"
#include "library/FileNaming.h"
#include "library/ImportSource.h"

#include <QFileInfo>

using namespace fd::library;

FACEDESK_FUZZ_TARGET(file_names)
{
    const QString text = QString::fromUtf8(data);
    QStringList lines = text.split(u'\n');
    const QString patternText = lines.takeFirst();
    if (lines.size() > 200)
        lines.resize(200);

    const FileNamePattern pattern(patternText);
    fuzzCheck(pattern.isValid() == pattern.error().isEmpty());
    for (const QString &name : std::as_const(lines)) {
        ImportItem item;
        QString why;
        const bool fits = pattern.apply(name, &item, &why);
        fuzzCheck(!pattern.isValid() || fits || !why.isEmpty());
    }

    const FileNameReading reading = FileNameReading::forSet(lines);
    int counted = 0;
    for (int n : reading.counts())
        counted += n;
    fuzzCheck(counted == reading.total());
    (void)reading.summary();
    for (const QString &name : std::as_const(lines)) {
        const FileNameReading::Parts parts = reading.read(name);
        (void)FileNameReading::shapeText(parts.shape);
        ImportItem item;
        reading.apply(name, &item);
        // A path ending in '/' has no file name (no folder or ZIP lists one).
        if (!QFileInfo(name).fileName().trimmed().isEmpty())
            fuzzCheck(!item.name.isEmpty() || !item.cardNo.isEmpty());
    }
    (void)FileNameReading::withTrailing(lines, FileNameReading::Trailing::Card).summary();

    // Both namings over the set, as a folder import does.
    for (int forced = 0; forced < 2; ++forced) {
        QList<ImportItem> items;
        for (const QString &name : std::as_const(lines)) {
            ImportItem item;
            item.row = int(items.size()) + 1;
            item.sourceLabel = name;
            items << item;
        }
        FileNaming naming;
        if (forced)
            naming.pattern = pattern;
        if (naming.isValid())
            (void)nameItems(items, naming);
    }
}
