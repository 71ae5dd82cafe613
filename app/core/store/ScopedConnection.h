// A connection to the archive for one scope of one thread, named uniquely and
// removed again when the scope ends. Qt keeps every named connection in a global
// registry until removeDatabase() is called, and removeDatabase() warns (and leaks
// the driver's handle on PostgreSQL, a backend process on the server) when a copy of
// the QSqlDatabase is still alive; the dozen hand-written open/remove pairs each had
// to get that order right, and each had its own scheme for unique names. This object
// does both: the handle it gives out is released before the name is removed.
#pragma once

#include "Database.h"

#include <QSqlDatabase>
#include <QString>

namespace fd::store {

class ScopedConnection {
public:
    // Opens (creating and migrating as needed, as openDatabase) a connection for the
    // calling thread; `purpose` names it in Qt's registry and in logs.
    ScopedConnection(const DatabaseConfig &config, const QString &purpose);
    // Connects without touching the schema (as connectDatabase).
    static ScopedConnection withoutMigration(const DatabaseConfig &config, const QString &purpose);
    ~ScopedConnection();
    ScopedConnection(ScopedConnection &&other) noexcept;
    ScopedConnection(const ScopedConnection &) = delete;
    ScopedConnection &operator=(const ScopedConnection &) = delete;
    ScopedConnection &operator=(ScopedConnection &&) = delete;

    bool isOpen() const { return m_db.isOpen(); }
    // Why it did not open, in the driver's words; empty when it did.
    const QString &error() const { return m_error; }
    QSqlDatabase &db() { return m_db; }
    const QString &name() const { return m_name; }

    // A name no other connection of this process has.
    static QString uniqueName(const QString &purpose);

private:
    ScopedConnection() = default;

    QString m_name;
    QString m_error;
    QSqlDatabase m_db;
};

} // namespace fd::store
