// How a folder's or ZIP's file names give the persons: read by their shape
// (FileNameReading, the default) or by a pattern the admin forces (--pattern, the
// wizard's pattern field). One place for both sources, so that a folder and the same
// photos zipped are read alike.
#pragma once

#include "FileNamePattern.h"
#include "FileNameReading.h"

#include <QList>

#include <optional>

namespace fd::library {

struct ImportItem;

struct FileNaming {
    std::optional<FileNamePattern> pattern;              // forced; else read by shape
    std::optional<FileNameReading::Trailing> trailing;   // the admin's answer, else the set's

    bool isValid() const { return !pattern || pattern->isValid(); }
    QString error() const { return pattern ? pattern->error() : QString(); }
};

// Names every item from its sourceLabel's file name. A pattern that does not fit makes
// the row's problem (unless it has one already); the reading never does. Returns the
// reading when names were read by shape, for the wizard's preview and the CLI.
std::optional<FileNameReading> nameItems(QList<ImportItem> &items, const FileNaming &naming);

} // namespace fd::library
