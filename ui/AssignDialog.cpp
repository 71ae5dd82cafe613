#include "AssignDialog.h"

#include "EventTile.h"

#include "auth/Roles.h"
#include "operators/AuditLog.h"
#include "store/QueryWorker.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace fd::ui {

AssignDialog::AssignDialog(store::QueryWorker *queries, const QList<store::DeviceRow> &devices, const QList<qint64> &persons,
                           int listId, const QString &operatorName, QWidget *parent)
    : QDialog(parent), m_queries(queries), m_devices(devices), m_persons(persons), m_listId(listId), m_operator(operatorName)
{
    setWindowTitle(tr("Assign to devices"));
    setObjectName(QStringLiteral("assignDialog"));
    auto *layout = new QVBoxLayout(this);
    m_selected = new QRadioButton(tr("The %n selected persons", nullptr, int(persons.size())), this);
    m_selected->setEnabled(!persons.isEmpty());
    m_wholeList = new QRadioButton(tr("Everyone in the list, now and later:"), this);
    m_list = new QComboBox(this);
    (persons.isEmpty() ? m_wholeList : m_selected)->setChecked(true);
    layout->addWidget(m_selected);
    auto *listRow = new QHBoxLayout;
    listRow->addWidget(m_wholeList);
    listRow->addWidget(m_list, 1);
    layout->addLayout(listRow);

    layout->addWidget(new QLabel(tr("Devices and groups that should hold them:"), this));
    m_targets = new QListWidget(this);
    m_targets->setObjectName(QStringLiteral("assignTargets"));
    m_targets->addItem(tr("Reading the assignments..."));
    layout->addWidget(m_targets, 1);
    auto *hint = new QLabel(tr("Unticking removes the persons from that device at the next sync."), this);
    hint->setWordWrap(true);
    hint->setEnabled(false);
    layout->addWidget(hint);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *group = m_buttons->addButton(tr("New group from ticked devices..."), QDialogButtonBox::ActionRole);
    group->setObjectName(QStringLiteral("assignNewGroup"));
    connect(group, &QPushButton::clicked, this, &AssignDialog::newGroup);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] { apply(); });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    connect(m_selected, &QRadioButton::toggled, this, &AssignDialog::refreshChecks);
    connect(m_list, &QComboBox::currentIndexChanged, this, &AssignDialog::refreshChecks);
    setBusy(true);
    resize(460, 420);
    load();
}

void AssignDialog::setBusy(bool busy)
{
    m_buttons->setEnabled(!busy);
    m_targets->setEnabled(!busy);
    m_list->setEnabled(!busy);
}

void AssignDialog::load()
{
    m_queries->run([libraryDir = m_queries->config().libraryDir()](QSqlDatabase &db) {
        library::LibraryStore store(db, libraryDir);
        Shown shown{store.lists(), store.groups(), store.assignments(), {}};
        shown.error = store.lastError();
        return shown;
    }).then(this, [this](const Shown &shown) { showLoaded(shown); });
}

void AssignDialog::showLoaded(const Shown &shown)
{
    m_targets->clear();
    m_rows.clear();
    if (!shown.error.isEmpty()) {
        m_targets->addItem(tr("The assignments cannot be read: %1").arg(shown.error));
        return;  // nothing to tick: OK stays disabled
    }
    m_assignments = shown.assignments;
    const int listId = m_list->count() > 0 ? m_list->currentData().toInt() : m_listId;
    {
        const QSignalBlocker quiet(m_list);
        m_list->clear();
        for (const library::FaceList &l : shown.lists)
            m_list->addItem(shownListName(l.id, l.name), l.id);
        m_list->setCurrentIndex(qMax(0, m_list->findData(listId)));
    }
    for (const library::DeviceGroup &g : shown.groups) {
        auto *item = new QListWidgetItem(tr("Group: %1 (%n devices)", nullptr, int(g.members.size())).arg(g.name), m_targets);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        m_rows.append({{}, g.id});
    }
    for (const store::DeviceRow &d : m_devices) {
        const QString name = d.name.isEmpty() ? d.uuid : QStringLiteral("%1 (%2)").arg(d.name, d.uuid);
        auto *item = new QListWidgetItem(name, m_targets);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        if (d.state == QLatin1String("rejected"))
            item->setToolTip(tr("Rejected devices are never sent anything."));
        m_rows.append({d.uuid, 0});
    }
    refreshChecks();
    m_loaded = true;
    setBusy(false);
    emit loaded();
}

void AssignDialog::refreshChecks()
{
    const bool wholeList = m_wholeList->isChecked();
    const int listId = m_list->currentData().toInt();
    for (int i = 0; i < m_rows.size(); ++i) {
        const bool assigned = library::isAssigned(m_assignments, m_rows[i], wholeList, listId, m_persons);
        m_targets->item(i)->setCheckState(assigned ? Qt::Checked : Qt::Unchecked);
    }
}

void AssignDialog::newGroup()
{
    QStringList members;
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_targets->item(i)->checkState() == Qt::Checked && !m_rows[i].deviceUuid.isEmpty())
            members << m_rows[i].deviceUuid;
    if (members.isEmpty()) {
        QMessageBox::information(this, windowTitle(), tr("Tick the devices that should form the group first."));
        return;
    }
    const QString name = QInputDialog::getText(this, tr("New device group"), tr("Name of the group:"));
    if (name.trimmed().isEmpty())
        return;
    setBusy(true);
    m_queries->run([name, members, libraryDir = m_queries->config().libraryDir()](QSqlDatabase &db) {
        library::LibraryStore store(db, libraryDir);
        return store.addGroup(name, members) ? QString() : store.lastError();
    }).then(this, [this](const QString &error) {
        if (!error.isEmpty()) {
            setBusy(false);
            QMessageBox::warning(this, windowTitle(), error);
            return;
        }
        load();  // the new group among the targets
    });
}

bool AssignDialog::apply(bool quiet)
{
    if (!m_loaded || !m_buttons->isEnabled())
        return false;
    m_quiet = quiet;
    library::AssignmentChoice choice;
    choice.wholeList = m_wholeList->isChecked();
    choice.listId = m_list->currentData().toInt();
    choice.persons = m_persons;
    // Only the ticks the admin changed: a target left as shown keeps whatever another
    // desk made of it meanwhile.
    for (int i = 0; i < m_rows.size(); ++i) {
        const bool wanted = m_targets->item(i)->checkState() == Qt::Checked;
        if (wanted != library::isAssigned(m_assignments, m_rows[i], choice.wholeList, choice.listId, m_persons))
            choice.targets.append({m_rows[i], wanted});
    }
    setBusy(true);
    m_queries->run([choice, who = m_operator, libraryDir = m_queries->config().libraryDir()](QSqlDatabase &db) {
        library::LibraryStore store(db, libraryDir);
        const library::AssignmentSaved saved = library::applyAssignments(store, choice);
        // Recorded here, not in the continuation: a dialog closed meanwhile drops that.
        if (saved.error.isEmpty() && saved.changes > 0)
            operators::recordWindowAudit(db, who, auth::actionName(auth::Action::Assign), saved.target,
                                         {{QStringLiteral("before"), saved.before}, {QStringLiteral("after"), saved.after}});
        return saved.error;
    }).then(this, [this](const QString &error) {
        setBusy(false);
        if (error.isEmpty())
            accept();
        else if (!m_quiet)
            QMessageBox::warning(this, windowTitle(), tr("The assignment could not be saved: %1").arg(error));
        emit applied(error);
    });
    return true;
}

} // namespace fd::ui
