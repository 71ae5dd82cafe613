// The audit trail (#13): who did what, when, from which desk, and what changed. One
// row per record, appended and never changed. Each record carries a SHA-256 over its
// own fields and the previous record's hash, so an edited record no longer matches
// its hash, a deleted one leaves a gap in seq and breaks the next record's link, and
// records put in another order break the links where they were moved. verify() walks
// the chain and names the first record that does not hold. (Whoever can rewrite the
// whole tail from some record on, with the hashes made anew, is not caught by the
// chain alone: on PostgreSQL the application's logins cannot change or delete rows
// at all, and verify() prints the newest hash for an admin to note down elsewhere.)
//
// What a record holds is decided by its caller, and never a password or a hash of
// one: account changes say "password changed", a face search says whose face was
// looked for (a person, an event, a photo's file name), not the face.
#pragma once

#include <QDateTime>
#include <QIODevice>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace fd::operators {

struct AuditEntry {
    QString operatorName;      // "" for FaceDesk itself (a service, a migration)
    QString action;            // auth::actionName() or a login word: "login", "login-failed", "logout", "lock"
    QString target;            // what it was done to: "person 12", "device ABC", "operator ann"
    QJsonObject details;       // before / after for edits, counts, filters
    QString desk;              // the host; empty: this machine's name
};

struct AuditRecord {
    qint64 seq = 0;
    QDateTime at;              // UTC
    QString operatorName;
    QString desk;
    QString action;
    QString target;
    QString details;           // JSON text as stored (the hash covers these bytes)
    QByteArray prevHash;       // hex
    QByteArray hash;           // hex
};

// What the audit viewer and `facedesk audit` ask for; every field empty: everything.
struct AuditFilter {
    QDateTime from;            // from <= at (invalid: no bound)
    QDateTime to;              // at < to (invalid: no bound)
    QString operatorName;      // exactly this operator
    QString action;            // exactly this action
    QString text;              // in the target or the details, any case
    int newest = 0;            // > 0: only the newest this many of those that match
};

// The operators and actions the trail names, for the viewer's filter boxes.
struct AuditFacets {
    QStringList operators;
    QStringList actions;
    qint64 records = 0;
};

struct AuditVerdict {
    bool intact = true;
    qint64 records = 0;
    qint64 firstBad = -1;      // seq of the first record that does not hold
    QString reason;
    QByteArray headHash;       // the newest record's hash (hex), to note down
    QString error;             // the trail could not be read
};

class AuditLog {
public:
    explicit AuditLog(QSqlDatabase db) : m_db(std::move(db)) {}

    // Appends one record as its own transaction (serialised across processes: SQLite's
    // write lock, PostgreSQL's advisory lock), so that two desks never both take the
    // same place in the chain.
    bool append(const AuditEntry &entry, QString *error);
    // The records that pass the filter, oldest first.
    QList<AuditRecord> records(const AuditFilter &filter, QString *error);
    QList<AuditRecord> records(const QDateTime &from, const QDateTime &to, QString *error)
    {
        return records(AuditFilter{from, to, {}, {}, {}, 0}, error);
    }
    AuditFacets facets(QString *error);
    AuditVerdict verify();

    // The hash of a record's fields after `prevHash` (hex in, hex out).
    static QByteArray hashOf(const AuditRecord &record);
    static bool writeCsv(const QList<AuditRecord> &records, QIODevice *out);

private:
    QSqlDatabase m_db;
};

// One record as `who` from this desk: what every caller (the window, the sign-in, the
// commands) writes through. A failure is logged as a warning and returned; the
// action it records is done by then and stays done.
bool recordAudit(QSqlDatabase db, const QString &who, const QString &action, const QString &target,
                 const QJsonObject &details, QString *error = nullptr);
// The same for what an operator did in the window: the details say so ("where": "window"),
// as the commands' records name their command.
bool recordWindowAudit(QSqlDatabase db, const QString &who, const QString &action, const QString &target,
                       QJsonObject details);

} // namespace fd::operators
