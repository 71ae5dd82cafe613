#include "ScopedConnection.h"

#include <QAtomicInteger>

namespace fd::store {

QString ScopedConnection::uniqueName(const QString &purpose)
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("facedesk-%1-%2").arg(purpose).arg(counter.fetchAndAddRelaxed(1));
}

ScopedConnection::ScopedConnection(const DatabaseConfig &config, const QString &purpose)
    : m_name(uniqueName(purpose))
{
    m_db = openDatabase(config, m_name, &m_error);
    if (m_db.isOpen())
        m_error.clear();
}

ScopedConnection ScopedConnection::withoutMigration(const DatabaseConfig &config, const QString &purpose)
{
    ScopedConnection c;
    c.m_name = uniqueName(purpose);
    c.m_db = connectDatabase(config, c.m_name, &c.m_error);
    if (c.m_db.isOpen())
        c.m_error.clear();
    return c;
}

ScopedConnection::ScopedConnection(ScopedConnection &&other) noexcept
    : m_name(std::exchange(other.m_name, QString())), m_error(std::move(other.m_error)), m_db(std::exchange(other.m_db, QSqlDatabase()))
{
}

ScopedConnection::~ScopedConnection()
{
    if (m_name.isEmpty())
        return;  // moved from
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();  // the last handle of ours goes before the name does
    QSqlDatabase::removeDatabase(m_name);
}

} // namespace fd::store
