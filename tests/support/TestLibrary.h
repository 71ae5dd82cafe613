// A library store of the test's own, on a connection of its own to the archive a
// window uses. The window's panels and dialogs hold no connection (they read and save
// on their query worker), so a test that sets up library rows, or checks what a
// dialog saved, opens one of these for the statement's scope.
#pragma once

#include "library/LibraryStore.h"
#include "store/ScopedConnection.h"

namespace testlibrary {

class Store {
public:
    explicit Store(const fd::store::DatabaseConfig &config)
        : m_connection(config, QStringLiteral("test-library")), m_store(m_connection.db(), config.libraryDir())
    {
    }
    fd::library::LibraryStore *operator->() { return &m_store; }
    fd::library::LibraryStore &operator*() { return m_store; }
    bool isOpen() const { return m_connection.isOpen(); }

private:
    fd::store::ScopedConnection m_connection;  // (declared first: the store uses it)
    fd::library::LibraryStore m_store;
};

} // namespace testlibrary
