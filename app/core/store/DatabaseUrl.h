// `--database URL` (#12): where a site's shared archive lives. The SQLite default
// needs no URL (the archive folder is the data folder); a site with several desks
// names its PostgreSQL as postgresql://USER@HOST[:PORT]/DBNAME.
//
// Passwords and TLS are libpq's business, as every PostgreSQL tool does it:
// PGPASSWORD or ~/.pgpass for the password, sslmode=... (and sslrootcert, sslcert,
// sslkey) as URL parameters. A password written into the URL is refused: it would sit
// in the process list, the shell history and every log line that names the database.
// A Unix socket folder is named the libpq way too: ?host=/run/postgresql.
#pragma once

#include <QString>
#include <QStringList>

namespace fd::store {

struct PostgresTarget {
    QString user;
    QString host;  // a name, an address, or a socket folder (starts with '/')
    int port = 5432;
    QString database;
    QStringList options;  // libpq's key=value parameters, as QPSQL's connect options take them

    // postgresql://user@host:port/database, for logs and the window's title: no secrets.
    QString display() const;
};

bool isPostgresUrl(const QString &text);

// False with *error (a sentence naming what is wrong) for anything but a usable URL.
bool parsePostgresUrl(const QString &text, PostgresTarget *target, QString *error);

} // namespace fd::store
