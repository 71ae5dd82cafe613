#include "AssignDialog.h"

#include "EventTile.h"

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

AssignDialog::AssignDialog(library::LibraryStore *store, const QList<store::DeviceRow> &devices,
                           const QList<qint64> &persons, int listId, QWidget *parent)
    : QDialog(parent), m_store(store), m_devices(devices), m_persons(persons)
{
    setWindowTitle(tr("Assign to devices"));
    setObjectName(QStringLiteral("assignDialog"));
    auto *layout = new QVBoxLayout(this);
    m_selected = new QRadioButton(tr("The %n selected persons", nullptr, int(persons.size())), this);
    m_selected->setEnabled(!persons.isEmpty());
    m_wholeList = new QRadioButton(tr("Everyone in the list, now and later:"), this);
    m_list = new QComboBox(this);
    for (const library::FaceList &l : store->lists())
        m_list->addItem(shownListName(l.id, l.name), l.id);
    m_list->setCurrentIndex(qMax(0, m_list->findData(listId)));
    (persons.isEmpty() ? m_wholeList : m_selected)->setChecked(true);
    layout->addWidget(m_selected);
    auto *listRow = new QHBoxLayout;
    listRow->addWidget(m_wholeList);
    listRow->addWidget(m_list, 1);
    layout->addLayout(listRow);

    layout->addWidget(new QLabel(tr("Devices and groups that should hold them:"), this));
    m_targets = new QListWidget(this);
    m_targets->setObjectName(QStringLiteral("assignTargets"));
    layout->addWidget(m_targets, 1);
    auto *hint = new QLabel(tr("Unticking removes the persons from that device at the next sync."), this);
    hint->setWordWrap(true);
    hint->setEnabled(false);
    layout->addWidget(hint);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *group = buttons->addButton(tr("New group from ticked devices..."), QDialogButtonBox::ActionRole);
    connect(group, &QPushButton::clicked, this, &AssignDialog::newGroup);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (apply())
            accept();
        else
            QMessageBox::warning(this, windowTitle(), tr("The assignment could not be saved: %1").arg(m_store->lastError()));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_selected, &QRadioButton::toggled, this, &AssignDialog::refreshChecks);
    connect(m_list, &QComboBox::currentIndexChanged, this, &AssignDialog::refreshChecks);
    rebuildTargets();
    resize(460, 420);
}

void AssignDialog::rebuildTargets()
{
    m_targets->clear();
    m_rows.clear();
    for (const library::DeviceGroup &g : m_store->groups()) {
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
}

bool AssignDialog::assignedNow(const Target &target) const
{
    auto sameTarget = [&](const library::Assignment &a) { return a.deviceUuid == target.deviceUuid && a.groupId == target.groupId; };
    if (m_wholeList->isChecked()) {
        const int listId = m_list->currentData().toInt();
        return std::any_of(m_assignments.cbegin(), m_assignments.cend(),
                           [&](const library::Assignment &a) { return sameTarget(a) && a.listId == listId; });
    }
    // Every selected person directly assigned: ticked; otherwise not (ticking then
    // assigns the rest).
    for (qint64 id : m_persons) {
        const bool has = std::any_of(m_assignments.cbegin(), m_assignments.cend(),
                                     [&](const library::Assignment &a) { return sameTarget(a) && a.indexId == id; });
        if (!has)
            return false;
    }
    return !m_persons.isEmpty();
}

void AssignDialog::refreshChecks()
{
    m_assignments = m_store->assignments();
    for (int i = 0; i < m_rows.size(); ++i)
        m_targets->item(i)->setCheckState(assignedNow(m_rows[i]) ? Qt::Checked : Qt::Unchecked);
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
    if (!m_store->addGroup(name, members)) {
        QMessageBox::warning(this, windowTitle(), m_store->lastError());
        return;
    }
    rebuildTargets();
}

bool AssignDialog::apply()
{
    m_assignments = m_store->assignments();
    const bool wholeList = m_wholeList->isChecked();
    const int listId = m_list->currentData().toInt();
    for (int i = 0; i < m_rows.size(); ++i) {
        const Target &t = m_rows[i];
        const bool want = m_targets->item(i)->checkState() == Qt::Checked;
        if (want == assignedNow(t))
            continue;
        bool ok = true;
        if (wholeList) {
            if (want) {
                ok = m_store->assign({-1, t.deviceUuid, t.groupId, listId, 0});
            } else {
                for (const library::Assignment &a : m_assignments)
                    if (a.deviceUuid == t.deviceUuid && a.groupId == t.groupId && a.listId == listId)
                        ok = ok && m_store->unassign(a.id);
            }
        } else {
            ok = want ? m_store->assignPersons(t.deviceUuid, t.groupId, m_persons)
                      : m_store->unassignPersons(t.deviceUuid, t.groupId, m_persons);
        }
        if (!ok)
            return false;
    }
    return true;
}

} // namespace fd::ui
