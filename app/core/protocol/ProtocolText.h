// The translation context of every protocol-level sentence (errors, type names).
#pragma once

#include <QCoreApplication>

namespace fd::protocol {

class ProtocolText {
    Q_DECLARE_TR_FUNCTIONS(Protocol)
};

} // namespace fd::protocol
