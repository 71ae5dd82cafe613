// `facedesk audit`: the audit trail (#13) as a table or CSV, and `facedesk audit verify`,
// which walks its hash chain: exit 0 when intact (the newest hash printed, to note
// down elsewhere), 1 naming the first record that does not hold. Listing needs an
// admin once accounts exist; verifying reads no personal data and needs nobody.
#include "CommandAuth.h"
#include "Commands.h"

#include "operators/AuditLog.h"
#include "store/ScopedConnection.h"

#include <QFile>
#include <QTextStream>

namespace fd::app {

namespace {

int verifyTrail(const store::DatabaseConfig &config)
{
    QTextStream out(stdout), err(stderr);
    store::ScopedConnection connection(config, QStringLiteral("audit-verify"));
    if (!connection.isOpen()) {
        err << "facedesk audit: " << connection.error() << Qt::endl;
        return 2;
    }
    const operators::AuditVerdict v = operators::AuditLog(connection.db()).verify();
    if (!v.error.isEmpty()) {
        err << "facedesk audit: " << v.error << Qt::endl;
        return 2;
    }
    if (!v.intact) {
        out << "BROKEN at record " << v.firstBad << ": " << v.reason << Qt::endl;
        return 1;
    }
    out << "intact: " << v.records << " records; newest hash " << v.headHash << Qt::endl;
    return 0;
}

} // namespace

int runAudit(const QStringList &arguments)
{
    QTextStream err(stderr);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("The audit trail: list it (optionally as CSV), or `verify` its hash chain."));
    p.addHelpOption();
    p.addOptions(archiveOptions());
    p.addOption(userOption());
    p.addOptions({
        {QStringLiteral("from"), QStringLiteral("Earliest time, ISO 8601 (inclusive)."), QStringLiteral("ISO8601")},
        {QStringLiteral("to"), QStringLiteral("Latest time, ISO 8601 (exclusive)."), QStringLiteral("ISO8601")},
        {QStringLiteral("csv"), QStringLiteral("Write CSV instead of a table.")},
    });
    p.addPositionalArgument(QStringLiteral("verify"), QStringLiteral("Check the hash chain instead of listing."));
    if (const int exit = parseCommandLine(p, QStringLiteral("audit"), arguments); exit >= 0)
        return exit;
    store::DatabaseConfig config;
    if (!archiveFromOptions(p, QStringLiteral("audit"), &config))
        return 2;
    if (!archiveExists(config, QStringLiteral("audit")))
        return 2;
    const QStringList args = p.positionalArguments();
    if (args == QStringList{QStringLiteral("verify")})
        return verifyTrail(config);
    if (!args.isEmpty()) {
        err << "facedesk audit: usage: facedesk audit [--from T] [--to T] [--csv] | facedesk audit verify" << Qt::endl;
        return 2;
    }
    bool okFrom = false, okTo = false;
    const QDateTime from = parseTimeBound(p.value(QStringLiteral("from")), &okFrom);
    const QDateTime to = parseTimeBound(p.value(QStringLiteral("to")), &okTo);
    if (!okFrom || !okTo) {
        err << "facedesk audit: --from/--to must be ISO 8601 times" << Qt::endl;
        return 2;
    }
    int exit = 0;
    const std::optional<CommandOperator> who = authorize(p, config, QStringLiteral("audit"), auth::Action::ViewAudit, &exit);
    if (!who)
        return exit;
    QList<operators::AuditRecord> records;
    QString error;
    {
        store::ScopedConnection connection(config, QStringLiteral("audit"));
        records = operators::AuditLog(connection.db()).records(from, to, &error);
    }
    if (!error.isEmpty()) {
        err << "facedesk audit: " << error << Qt::endl;
        return 1;
    }
    QFile out;
    out.open(stdout, QIODevice::WriteOnly);
    if (p.isSet(QStringLiteral("csv"))) {
        operators::AuditLog::writeCsv(records, &out);
    } else {
        QTextStream s(&out);
        for (const operators::AuditRecord &r : records)
            s << r.seq << '\t' << r.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) << '\t'
              << (r.operatorName.isEmpty() ? QStringLiteral("-") : r.operatorName) << '\t' << r.desk << '\t' << r.action << '\t'
              << r.target << '\t' << r.details << '\n';
    }
    out.close();
    auditCommand(config, *who, QStringLiteral("view-audit"), QStringLiteral("audit trail"),
                 {{QStringLiteral("from"), from.toString(Qt::ISODate)}, {QStringLiteral("to"), to.toString(Qt::ISODate)},
                  {QStringLiteral("records"), int(records.size())}},
                 QStringLiteral("audit"));
    return 0;
}

} // namespace fd::app
