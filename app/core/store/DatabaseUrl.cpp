#include "DatabaseUrl.h"

#include <QUrl>
#include <QUrlQuery>

namespace fd::store {

namespace {

// The libpq parameters a URL may carry; anything else is refused rather than ignored,
// so that a misspelt sslmode never silently means "no TLS".
const QStringList &allowedParameters()
{
    static const QStringList names = {QStringLiteral("sslmode"),     QStringLiteral("sslrootcert"),
                                      QStringLiteral("sslcert"),     QStringLiteral("sslkey"),
                                      QStringLiteral("sslcrl"),      QStringLiteral("connect_timeout"),
                                      QStringLiteral("application_name"), QStringLiteral("host")};
    return names;
}

} // namespace

bool isPostgresUrl(const QString &text)
{
    return text.startsWith(QLatin1String("postgresql://")) || text.startsWith(QLatin1String("postgres://"));
}

QString PostgresTarget::display() const
{
    if (host.startsWith(u'/'))
        return QStringLiteral("postgresql://%1@/%2?host=%3").arg(user, database, host);
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(database);
}

bool parsePostgresUrl(const QString &text, PostgresTarget *target, QString *error)
{
    if (!isPostgresUrl(text)) {
        *error = QStringLiteral("'%1' is not a PostgreSQL URL (postgresql://USER@HOST[:PORT]/DBNAME)").arg(text);
        return false;
    }
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()) {
        *error = QStringLiteral("the database URL is not valid: %1").arg(url.errorString());
        return false;
    }
    if (!url.password().isEmpty()) {
        *error = QStringLiteral("the database URL carries a password: give it in PGPASSWORD or ~/.pgpass instead, "
                                "so that it stays out of the process list and the logs");
        return false;
    }
    PostgresTarget t;
    t.user = url.userName();
    t.host = url.host();
    t.port = url.port(5432);
    t.database = url.path().mid(1);
    if (t.user.isEmpty() || t.database.isEmpty() || t.database.contains(u'/')) {
        *error = QStringLiteral("the database URL must name a user and a database: postgresql://USER@HOST[:PORT]/DBNAME");
        return false;
    }
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!allowedParameters().contains(key)) {
            *error = QStringLiteral("the database URL parameter '%1' is not one FaceDesk passes on (%2)")
                         .arg(key, allowedParameters().join(QLatin1String(", ")));
            return false;
        }
        if (key == QLatin1String("host"))
            t.host = value;
        else
            t.options << QStringLiteral("%1=%2").arg(key, value);
    }
    if (t.host.isEmpty()) {
        *error = QStringLiteral("the database URL names no host: postgresql://USER@HOST[:PORT]/DBNAME, or ?host=/socket/folder");
        return false;
    }
    *target = t;
    return true;
}

} // namespace fd::store
