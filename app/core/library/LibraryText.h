// The translation context of every sentence about library photos (reasons, fixes, flags).
#pragma once

#include <QCoreApplication>

namespace fd::library {

class LibraryText {
    Q_DECLARE_TR_FUNCTIONS(Library)
};

} // namespace fd::library
