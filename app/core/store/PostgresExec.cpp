#include "PostgresExec.h"

#include <QSqlDriver>
#include <QStringList>

#include <libpq-fe.h>

#include <memory>

namespace fd::store {

namespace {

PGconn *connectionOf(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    // Qt names the type after the typedef or after the struct behind it, by version.
    if (!handle.isValid() || (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return nullptr;
    return *static_cast<PGconn *const *>(handle.constData());
}

bool isNull(const QVariant &v)
{
    return v.isNull() || (v.metaType().id() == QMetaType::QString && v.toString().isNull());
}

// The text PostgreSQL parses for a value, as QPSQL would write it (without quoting).
QByteArray textOf(const QVariant &v)
{
    switch (v.metaType().id()) {
    case QMetaType::Bool:
        return v.toBool() ? "1" : "0";
    case QMetaType::Double:
    case QMetaType::Float:
        return QByteArray::number(v.toDouble(), 'g', 17);
    default:
        return v.toString().toUtf8();
    }
}

struct ResultDeleter {
    void operator()(PGresult *r) const { PQclear(r); }
};

} // namespace

QString postgresPlaceholders(int first, int count)
{
    QStringList out;
    for (int i = 0; i < count; ++i)
        out << QLatin1Char('$') + QString::number(first + i);
    return out.join(QLatin1Char(','));
}

bool execPostgres(QSqlDatabase &db, const QByteArray &sql, const QList<QVariant> &values,
                  std::vector<QList<QByteArray>> *rows, QSqlError *error)
{
    PGconn *conn = connectionOf(db);
    if (!conn) {
        *error = QSqlError(QStringLiteral("not a PostgreSQL connection"), {}, QSqlError::ConnectionError);
        return false;
    }
    const int n = int(values.size());
    const auto count = size_t(n);
    std::vector<QByteArray> texts(count);  // keeps the converted values alive
    std::vector<const char *> pointers(count, nullptr);
    std::vector<int> lengths(count, 0), formats(count, 0);
    for (size_t i = 0; i < count; ++i) {
        const QVariant &v = values[qsizetype(i)];
        if (isNull(v))
            continue;
        if (v.metaType().id() == QMetaType::QByteArray) {
            texts[i] = v.toByteArray();  // shared, not copied
            formats[i] = 1;              // binary: the bytes as they are
        } else {
            texts[i] = textOf(v);
        }
        pointers[i] = texts[i].constData();
        lengths[i] = int(texts[i].size());
    }
    std::unique_ptr<PGresult, ResultDeleter> result(
        PQexecParams(conn, sql.constData(), n, nullptr, pointers.data(), lengths.data(), formats.data(), 0));
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const char *state = result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
        const QString message = QString::fromUtf8(result ? PQresultErrorMessage(result.get()) : PQerrorMessage(conn)).trimmed();
        *error = QSqlError(QStringLiteral("QPSQL: Unable to execute the statement"), message,
                           PQstatus(conn) == CONNECTION_OK ? QSqlError::StatementError : QSqlError::ConnectionError,
                           QString::fromLatin1(state ? state : ""));
        return false;
    }
    if (rows) {
        const int count = PQntuples(result.get()), columns = PQnfields(result.get());
        for (int r = 0; r < count; ++r) {
            QList<QByteArray> row;
            for (int c = 0; c < columns; ++c)
                row << QByteArray(PQgetvalue(result.get(), r, c), PQgetlength(result.get(), r, c));
            rows->push_back(row);
        }
    }
    return true;
}

} // namespace fd::store
