#include "AuditLog.h"

#include "store/Database.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTextStream>
#include <QVariant>

#include <algorithm>
#include <limits>

namespace fd::operators {

namespace {

// "FDau": the lock that orders appends on PostgreSQL.
constexpr qint64 kAuditLock = 0x46446175;

constexpr const char *Columns = "seq, at, operator, desk, action, target, details, prev_hash, hash";

AuditRecord recordOf(const QSqlQuery &q)
{
    AuditRecord r;
    r.seq = q.value(0).toLongLong();
    r.at = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC);
    r.operatorName = q.value(2).toString();
    r.desk = q.value(3).toString();
    r.action = q.value(4).toString();
    r.target = q.value(5).toString();
    r.details = q.value(6).toString();
    r.prevHash = q.value(7).toString().toLatin1();
    r.hash = q.value(8).toString().toLatin1();
    return r;
}

// Every field as its length and its bytes: no two different records hash the same text.
void addField(QCryptographicHash &h, const QByteArray &bytes)
{
    h.addData(QByteArray::number(bytes.size()) + ':');
    h.addData(bytes);
}

QString csvField(QString s)
{
    if (s.contains(u',') || s.contains(u'"') || s.contains(u'\n') || s.contains(u'\r')) {
        s.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        return u'"' + s + u'"';
    }
    return s;
}

} // namespace

QByteArray AuditLog::hashOf(const AuditRecord &r)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    addField(h, QByteArray::number(r.seq));
    addField(h, QByteArray::number(r.at.toMSecsSinceEpoch()));
    addField(h, r.operatorName.toUtf8());
    addField(h, r.desk.toUtf8());
    addField(h, r.action.toUtf8());
    addField(h, r.target.toUtf8());
    addField(h, r.details.toUtf8());
    addField(h, r.prevHash);
    return h.result().toHex();
}

bool AuditLog::append(const AuditEntry &entry, QString *error)
{
    const bool postgres = store::backendOf(m_db) == store::Backend::Postgres;
    if (!store::beginWrite(m_db))
        return *error = m_db.lastError().text(), false;
    const auto fail = [&](const QString &why) {
        m_db.rollback();
        *error = why;
        return false;
    };
    QSqlQuery q(m_db);
    if (postgres && !q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kAuditLock)))
        return fail(q.lastError().text());
    AuditRecord r;
    if (!q.exec(QStringLiteral("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")))
        return fail(q.lastError().text());
    if (q.next()) {
        r.seq = q.value(0).toLongLong() + 1;
        r.prevHash = q.value(1).toString().toLatin1();
    } else {
        r.seq = 1;
        r.prevHash = QByteArray(64, '0');  // the chain's anchor
    }
    q.finish();
    r.at = QDateTime::currentDateTimeUtc();
    r.operatorName = entry.operatorName;
    r.desk = entry.desk.isEmpty() ? QSysInfo::machineHostName() : entry.desk;
    r.action = entry.action;
    r.target = entry.target;
    r.details = QString::fromUtf8(QJsonDocument(entry.details).toJson(QJsonDocument::Compact));
    r.hash = hashOf(r);
    q.prepare(QStringLiteral("INSERT INTO audit_log (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)").arg(QLatin1String(Columns)));
    for (const QVariant &v : QVariantList{r.seq, r.at.toMSecsSinceEpoch(), r.operatorName, r.desk, r.action, r.target, r.details,
                                          QString::fromLatin1(r.prevHash), QString::fromLatin1(r.hash)})
        q.addBindValue(v);
    if (!q.exec())
        return fail(q.lastError().text());
    if (!m_db.commit())
        return fail(m_db.lastError().text());
    return true;
}

QList<AuditRecord> AuditLog::records(const AuditFilter &filter, QString *error)
{
    QList<AuditRecord> out;
    QString where = QStringLiteral("at >= ? AND at < ?");
    QVariantList values{filter.from.isValid() ? filter.from.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min(),
                        filter.to.isValid() ? filter.to.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max()};
    if (!filter.operatorName.isEmpty())
        where += QStringLiteral(" AND operator = ?"), values << filter.operatorName;
    if (!filter.action.isEmpty())
        where += QStringLiteral(" AND action = ?"), values << filter.action;
    if (!filter.text.isEmpty()) {
        // lower() on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
        QString pattern = filter.text.toLower();
        pattern.replace(u'\\', QStringLiteral("\\\\")).replace(u'%', QStringLiteral("\\%")).replace(u'_', QStringLiteral("\\_"));
        pattern = u'%' + pattern + u'%';
        where += QStringLiteral(" AND (lower(target) LIKE ? ESCAPE '\\' OR lower(details) LIKE ? ESCAPE '\\')");
        values << pattern << pattern;
    }
    // The newest N are taken newest first and turned round, so the answer is always oldest first.
    QString sql = QStringLiteral("SELECT %1 FROM audit_log WHERE %2 ORDER BY seq%3")
                      .arg(QLatin1String(Columns), where,
                           filter.newest > 0 ? QStringLiteral(" DESC LIMIT %1").arg(filter.newest) : QString());
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        *error = q.lastError().text();
        return out;
    }
    while (q.next())
        out << recordOf(q);
    if (filter.newest > 0)
        std::reverse(out.begin(), out.end());
    return out;
}

AuditFacets AuditLog::facets(QString *error)
{
    AuditFacets f;
    QSqlQuery q(m_db);
    const auto column = [&](const char *name, QStringList *into) {
        if (!q.exec(QStringLiteral("SELECT DISTINCT %1 FROM audit_log ORDER BY %1").arg(QLatin1String(name))))
            return *error = q.lastError().text(), false;
        while (q.next())
            *into << q.value(0).toString();
        return true;
    };
    if (!column("operator", &f.operators) || !column("action", &f.actions))
        return f;
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM audit_log")) || !q.next())
        return *error = q.lastError().text(), f;
    f.records = q.value(0).toLongLong();
    return f;
}

AuditVerdict AuditLog::verify()
{
    AuditVerdict v;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM audit_log ORDER BY seq").arg(QLatin1String(Columns)))) {
        v.intact = false;
        v.error = q.lastError().text();
        return v;
    }
    QByteArray previous(64, '0');
    qint64 expected = 1;
    const auto bad = [&v](qint64 seq, const QString &why) {
        v.intact = false;
        v.firstBad = seq;
        v.reason = why;
    };
    while (q.next()) {
        const AuditRecord r = recordOf(q);
        ++v.records;
        if (r.seq != expected)
            bad(r.seq, QStringLiteral("record %1 follows record %2: %3 missing").arg(r.seq).arg(expected - 1)
                           .arg(r.seq > expected ? QStringLiteral("records %1 to %2 are").arg(expected).arg(r.seq - 1)
                                                 : QStringLiteral("the order is broken, or a record is")));
        else if (r.prevHash != previous)
            bad(r.seq, QStringLiteral("record %1 does not link to record %2 (records moved, removed or rewritten)")
                           .arg(r.seq).arg(r.seq - 1));
        else if (hashOf(r) != r.hash)
            bad(r.seq, QStringLiteral("record %1 was changed after it was written: its hash does not match its fields").arg(r.seq));
        if (!v.intact)
            return v;
        previous = r.hash;
        expected = r.seq + 1;
    }
    v.headHash = previous;
    return v;
}

bool AuditLog::writeCsv(const QList<AuditRecord> &records, QIODevice *out)
{
    QTextStream s(out);
    s.setEncoding(QStringConverter::Utf8);
    s << "seq,time,operator,desk,action,target,details,hash\n";
    for (const AuditRecord &r : records) {
        s << r.seq << ',' << r.at.toString(Qt::ISODateWithMs) << ',' << csvField(r.operatorName) << ',' << csvField(r.desk) << ','
          << csvField(r.action) << ',' << csvField(r.target) << ',' << csvField(r.details) << ',' << r.hash << '\n';
    }
    s.flush();
    return s.status() == QTextStream::Ok;
}

bool recordAudit(QSqlDatabase db, const QString &who, const QString &action, const QString &target,
                 const QJsonObject &details, QString *error)
{
    QString why;
    if (AuditLog(std::move(db)).append({who, action, target, details, {}}, &why))
        return true;
    qWarning("the audit trail could not be written: %s", qPrintable(why));
    if (error)
        *error = why;
    return false;
}

bool recordWindowAudit(QSqlDatabase db, const QString &who, const QString &action, const QString &target,
                       QJsonObject details)
{
    details.insert(QStringLiteral("where"), QStringLiteral("window"));
    return recordAudit(std::move(db), who, action, target, details);
}

} // namespace fd::operators
