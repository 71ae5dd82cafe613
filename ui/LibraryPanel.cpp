#include "LibraryPanel.h"

#include "EventTile.h"

#include "AssignDialog.h"
#include "PersonEditDialog.h"
#include "PersonTableModel.h"

#include "auth/Roles.h"
#include "devices/DeviceRegistry.h"
#include "library/LibraryEdits.h"
#include "library/PersonEraser.h"
#include "operators/AuditLog.h"
#include "store/QueryWorker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace fd::ui {

LibraryPanel::LibraryPanel(store::QueryWorker *queries, devices::DeviceRegistry *registry, QWidget *parent)
    : QWidget(parent), m_archive(queries->config()), m_queries(queries), m_registry(registry)
{
    setObjectName(QStringLiteral("libraryPanel"));

    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("librarySearch"));
    m_search->setPlaceholderText(tr("Search by name or card number..."));
    m_search->setClearButtonEnabled(true);
    m_listFilter = new QComboBox(this);
    m_listFilter->setObjectName(QStringLiteral("libraryListFilter"));
    bar->addWidget(m_search, 2);
    bar->addWidget(m_listFilter);

    auto button = [this, bar](const QString &text, const QString &name, auto slot) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(name);
        connect(b, &QPushButton::clicked, this, slot);
        bar->addWidget(b);
        return b;
    };
    button(tr("&Add..."), QStringLiteral("libraryAdd"), [this] { addPerson(); });
    button(tr("&Edit..."), QStringLiteral("libraryEdit"), [this] {
        if (const QList<qint64> ids = selectedPersons(); ids.size() == 1)
            editPerson(ids.first());
    });
    button(tr("&Delete"), QStringLiteral("libraryDelete"), [this] { deleteSelected(); });
    button(tr("&Forget..."), QStringLiteral("libraryForget"), [this] { forgetSelected(); })
        ->setToolTip(tr("Erase a person everywhere: library, photos, face index, devices and, if you choose, "
                        "their events and images. For a person's request to be forgotten."));
    auto *move = new QToolButton(this);
    move->setText(tr("Move to"));
    move->setPopupMode(QToolButton::InstantPopup);
    m_moveMenu = new QMenu(move);
    move->setMenu(m_moveMenu);
    bar->addWidget(move);
    button(tr("&Timeline..."), QStringLiteral("libraryTimeline"), [this] {
        if (const QList<qint64> ids = selectedPersons(); ids.size() == 1)
            emit timelineRequested(ids.first());
    });
    button(tr("Assign to &devices..."), QStringLiteral("libraryAssign"), [this] { assignSelected(); });
    button(tr("New &list..."), QStringLiteral("libraryNewList"), [this] { newList(); });
    button(tr("&Import..."), QStringLiteral("libraryImport"), [this] { emit importRequested(); });
    layout->addLayout(bar);

    m_model = new PersonTableModel(queries, this);
    connect(m_model, &PersonTableModel::loaded, this, &LibraryPanel::updateStatus);
    connect(m_model, &PersonTableModel::listsChanged, this, &LibraryPanel::refillListBoxes);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("personTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(44);
    m_table->setIconSize(QSize(40, 40));
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(PersonTableModel::Photo, 56);
    m_table->setColumnWidth(PersonTableModel::Name, 180);
    m_table->setColumnWidth(PersonTableModel::CardNo, 120);
    m_table->setColumnWidth(PersonTableModel::Gender, 70);
    m_table->setColumnWidth(PersonTableModel::Devices, 220);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        editPerson(m_model->personAt(index.row()).indexId);
    });
    layout->addWidget(m_table, 1);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("libraryStatus"));
    layout->addWidget(m_status);

    // Typing filters after a short pause, not on every key (each filter is a query).
    auto *debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(200);
    connect(m_search, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(debounce, &QTimer::timeout, this, &LibraryPanel::applyFilter);
    connect(m_listFilter, &QComboBox::activated, this, &LibraryPanel::applyFilter);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LibraryPanel::updateStatus);
    refillListBoxes();
    m_status->setText(tr("Reading the library..."));
}

LibraryPanel::~LibraryPanel()
{
    delete m_model;
    m_model = nullptr;
}

const library::PhotoValidator *LibraryPanel::validator() const
{
    if (!m_validator)
        m_validator = std::make_unique<library::PhotoValidator>();
    return m_validator.get();
}

void LibraryPanel::refillListBoxes()
{
    const int current = m_listFilter->currentData().toInt();
    m_listFilter->clear();
    m_listFilter->addItem(tr("All lists"), 0);
    m_moveMenu->clear();
    for (const library::FaceList &l : m_model->lists()) {
        m_listFilter->addItem(shownListName(l.id, l.name), l.id);
        m_moveMenu->addAction(shownListName(l.id, l.name), this, [this, id = l.id] { moveSelected(id); });
    }
    m_listFilter->setCurrentIndex(qMax(0, m_listFilter->findData(current)));
}

void LibraryPanel::applyFilter()
{
    library::PersonFilter filter;
    filter.text = m_search->text();
    filter.listId = m_listFilter->currentData().toInt();
    m_model->setFilter(filter);
}

void LibraryPanel::refresh()
{
    m_model->reload();
}

void LibraryPanel::updateStatus()
{
    if (!m_model->lastError().isEmpty()) {
        m_status->setText(tr("The library cannot be read: %1").arg(m_model->lastError()));
        return;
    }
    const qint64 all = m_model->libraryCount();
    const qint64 shown = m_model->totalCount();
    const int selected = int(selectedPersons().size());
    QString text = shown == all ? tr("%n persons", nullptr, int(all))
                                : tr("%1 of %n persons match", nullptr, int(all)).arg(shown);
    if (selected > 0)
        text += QStringLiteral(" · ") + tr("%n selected", nullptr, selected);
    m_status->setText(text);
}

QList<qint64> LibraryPanel::selectedPersons() const
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        ids << m_model->personAt(index.row()).indexId;
    return ids;
}

void LibraryPanel::changed()
{
    refresh();
    emit libraryChanged();
}

QJsonValue LibraryPanel::shownSnapshot(qint64 indexId) const
{
    const int row = m_model->rowOf(indexId);
    return row >= 0 ? QJsonValue(library::personRecord(m_model->personAt(row))) : QJsonValue(QJsonValue::Null);
}

// The dialogs read and save on the query worker and record the edit there; the panel
// opens them (window-modal, no nested event loop) and reloads once one is saved.
void LibraryPanel::openDialog(QDialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, &LibraryPanel::changed);
    dialog->open();
}

void LibraryPanel::addPerson()
{
    openDialog(new PersonEditDialog(m_queries, validator(), -1, m_operator, this));
}

void LibraryPanel::editPerson(qint64 indexId)
{
    openDialog(new PersonEditDialog(m_queries, validator(), indexId, m_operator, this));
}

void LibraryPanel::deleteSelected(bool confirm)
{
    const QList<qint64> ids = selectedPersons();
    if (ids.isEmpty())
        return;
    if (confirm) {
        const QString who = ids.size() == 1 ? m_model->personAt(m_model->rowOf(ids.first())).name
                                            : tr("%n persons", nullptr, int(ids.size()));
        const auto answer = QMessageBox::question(
            this, tr("Delete"),
            tr("Delete %1 from the library? Devices that hold them will be told to delete them too.").arg(who),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
    }
    QJsonObject before;
    for (qint64 id : ids)
        before.insert(QString::number(id), shownSnapshot(id));
    editOnWorker(tr("Delete"),
                 {{QStringLiteral("change"), QStringLiteral("delete")}, {QStringLiteral("before"), before}},
                 [ids](library::LibraryStore &store) {
                     return store.removePersons(ids) ? WorkerEdit{{}, library::personsTarget(ids), QJsonValue::Null}
                                                     : WorkerEdit{store.lastError(), {}, {}};
                 });
}

void LibraryPanel::moveSelected(int listId)
{
    const QList<qint64> ids = selectedPersons();
    QJsonObject before;
    for (qint64 id : ids)
        before.insert(QString::number(id), m_model->personAt(m_model->rowOf(id)).listId);
    editOnWorker(tr("Move to list"),
                 {{QStringLiteral("change"), QStringLiteral("move")}, {QStringLiteral("before"), QJsonObject{{QStringLiteral("lists"), before}}}},
                 [ids, listId](library::LibraryStore &store) {
                     return store.movePersons(ids, listId)
                         ? WorkerEdit{{}, library::personsTarget(ids), QJsonObject{{QStringLiteral("list"), listId}}}
                         : WorkerEdit{store.lastError(), {}, {}};
                 });
}

void LibraryPanel::assignSelected()
{
    const QList<qint64> ids = selectedPersons();
    const int listId = ids.isEmpty() ? qMax(1, m_listFilter->currentData().toInt())
                                     : m_model->personAt(m_model->rowOf(ids.first())).listId;
    openDialog(new AssignDialog(m_queries, m_registry ? m_registry->devices() : QList<store::DeviceRow>{}, ids, listId,
                                m_operator, this));
}

void LibraryPanel::newList()
{
    const QString name = QInputDialog::getText(this, tr("New list"), tr("Name of the custom list:"));
    if (name.trimmed().isEmpty())
        return;
    editOnWorker(tr("New list"),
                 {{QStringLiteral("change"), QStringLiteral("add-list")}, {QStringLiteral("before"), QJsonValue::Null}},
                 [name](library::LibraryStore &store) {
                     const int id = store.addList(name);
                     return id == 0 ? WorkerEdit{store.lastError(), {}, {}}
                                    : WorkerEdit{{}, QStringLiteral("list %1").arg(id), QJsonObject{{QStringLiteral("name"), name}}};
                 });
}

// Deletions, moves and new lists run on the query worker: a bulk delete is thousands of
// rows and files, and on a remote archive every statement is a round trip the window
// would freeze for. Recorded in the trail there, with the change: a window closed
// meanwhile drops the continuation, never the record.
void LibraryPanel::editOnWorker(const QString &title, QJsonObject details, std::function<WorkerEdit(library::LibraryStore &)> edit)
{
    m_queries->run([edit = std::move(edit), details, who = m_operator, library = m_archive.libraryDir()](QSqlDatabase &db) mutable {
        library::LibraryStore store(db, library);
        const WorkerEdit done = edit(store);
        if (done.error.isEmpty()) {
            details.insert(QStringLiteral("after"), done.after);
            operators::recordWindowAudit(db, who, auth::actionName(auth::Action::EditLibrary), done.target, details);
        }
        return done.error;
    }).then(this, [this, title](const QString &error) {
        if (!error.isEmpty())
            QMessageBox::warning(this, title, error);
        else
            changed();  // the lists' boxes and the table reload; the sync wakes
        emit editFinished(error);
    });
}

void LibraryPanel::forgetSelected(bool confirm, bool withEvents)
{
    const QList<qint64> ids = selectedPersons();
    if (ids.size() != 1)
        return;
    const qint64 indexId = ids.first();
    if (confirm) {
        QMessageBox box(QMessageBox::Warning, tr("Forget this person"),
                        tr("Erase %1 (index %2) from the library, the face index and every device that holds them? "
                           "This cannot be undone. The audit trail records that it happened, not the face; records "
                           "of earlier edits to this person keep what they recorded.")
                            .arg(m_model->personAt(m_model->rowOf(indexId)).name)
                            .arg(indexId),
                        QMessageBox::Yes | QMessageBox::Cancel, this);
        box.setDefaultButton(QMessageBox::Cancel);
        auto *events = new QCheckBox(tr("Also delete every event matched to them, with its images"), &box);
        events->setChecked(withEvents);
        box.setCheckBox(events);
        if (box.exec() != QMessageBox::Yes)
            return;
        withEvents = events->isChecked();
    }
    // Files are removed and (SQLite) the log is truncated: off the GUI thread.
    // Recorded on the worker right after the erasure, not in the continuation: a window
    // closed meanwhile drops the continuation, and an erasure must not go unrecorded.
    m_queries->run([indexId, withEvents, who = m_operator, library = m_archive.libraryDir(),
                    images = m_archive.imagesDir()](QSqlDatabase &db) {
        const library::ErasureReport report = library::PersonEraser(db, library, images).erase(indexId, withEvents);
        if (report.ok())
            operators::recordWindowAudit(db, who, auth::actionName(auth::Action::ForgetPerson),
                                         QStringLiteral("person %1").arg(indexId), report.auditDetails());
        return report;
    }).then(this, [this](const library::ErasureReport &report) {
        if (!report.ok()) {
            QMessageBox::warning(this, tr("Forget this person"), tr("Nothing was erased: %1").arg(report.error));
        } else {
            if (!report.eventIds.isEmpty())
                emit eventsForgotten(report.eventIds);
            changed();  // the live matcher reloads the library, the sync deletes them from devices
        }
        emit forgetFinished(report.error);
    });
}

} // namespace fd::ui
