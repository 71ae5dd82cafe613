#include "FileNaming.h"

#include "ImportSource.h"

namespace fd::library {

std::optional<FileNameReading> nameItems(QList<ImportItem> &items, const FileNaming &naming)
{
    if (naming.pattern) {
        for (ImportItem &item : items) {
            QString why;
            if (!naming.pattern->apply(item.sourceLabel, &item, &why) && item.problem.isEmpty())
                item.problem = why;
        }
        return std::nullopt;
    }
    QStringList names;
    for (const ImportItem &item : std::as_const(items))
        if (item.problem.isEmpty())
            names << item.sourceLabel;
    const FileNameReading reading = naming.trailing ? FileNameReading::withTrailing(names, *naming.trailing)
                                                    : FileNameReading::forSet(names);
    for (ImportItem &item : items)
        if (item.problem.isEmpty())
            reading.apply(item.sourceLabel, &item);
    return reading;
}

} // namespace fd::library
