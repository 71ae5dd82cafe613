#include "AuditTableModel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fd::ui {

namespace {

// {"before":{...},"after":{...},"where":"window"} as "before: ... after: ...": the
// desk a record came from is its own column, and JSON braces are noise to a reader.
QString readable(const QString &details)
{
    const QJsonObject o = QJsonDocument::fromJson(details.toUtf8()).object();
    QStringList parts;
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() == QLatin1String("where"))
            continue;
        const QJsonValue v = it.value();
        const QString text = v.isObject() ? QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact))
                             : v.isArray() ? QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact))
                                           : v.toVariant().toString();
        parts << it.key() + QStringLiteral(": ") + text;
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace

void AuditTableModel::setRecords(const QList<operators::AuditRecord> &records)
{
    beginResetModel();
    m_records = records;
    endResetModel();
}

QVariant AuditTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const operators::AuditRecord &r = record(index.row());
    if (role == Qt::ToolTipRole)
        return tr("Record %1, hash %2").arg(r.seq).arg(QString::fromLatin1(r.hash.left(16)));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Time: return r.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Operator: return r.operatorName.isEmpty() ? tr("(FaceDesk)") : r.operatorName;
    case Desk: return r.desk;
    case Action: return r.action;
    case Target: return r.target;
    case Details: return readable(r.details);
    default: return {};
    }
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Operator: return tr("Operator");
    case Desk: return tr("Desk");
    case Action: return tr("Action");
    case Target: return tr("Target");
    case Details: return tr("What changed");
    default: return {};
    }
}

} // namespace fd::ui
