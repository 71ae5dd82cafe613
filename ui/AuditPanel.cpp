#include "AuditPanel.h"

#include "AuditTableModel.h"

#include "operators/OperatorStore.h"
#include "store/QueryWorker.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace fd::ui {

namespace {

struct TrailAnswer {
    QList<operators::AuditRecord> records;
    operators::AuditFacets facets;
    QString error;
};

struct AccountsAnswer {
    QList<operators::OperatorAccount> accounts;
    QDateTime now;
};

// Keeps the chosen entry when the choices are read again; the first entry means "any".
void refill(QComboBox *box, const QString &any, const QStringList &choices)
{
    const QString current = box->currentIndex() > 0 ? box->currentText() : QString();
    box->clear();
    box->addItem(any);
    box->addItems(choices);
    const int at = current.isEmpty() ? 0 : box->findText(current);
    box->setCurrentIndex(at < 0 ? 0 : at);
}

QPushButton *addButton(QHBoxLayout *row, const QString &text, const QString &name)
{
    auto *b = new QPushButton(text);
    b->setObjectName(name);
    row->addWidget(b);
    return b;
}

} // namespace

AuditPanel::AuditPanel(store::QueryWorker *queries, QWidget *parent)
    : QWidget(parent), m_queries(queries), m_model(new AuditTableModel(this))
{
    setObjectName(QStringLiteral("auditPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(buildTrailTab(), tr("Trail"));
    m_tabs->addTab(buildAccountsTab(), tr("Operators"));
    layout->addWidget(m_tabs);
}

QWidget *AuditPanel::buildTrailTab()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    auto *filters = new QHBoxLayout;
    m_from = new QDateEdit(QDate::currentDate().addDays(-7), page);
    m_to = new QDateEdit(QDate::currentDate(), page);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_operator = new QComboBox(page);
    m_operator->setObjectName(QStringLiteral("auditOperator"));
    m_action = new QComboBox(page);
    m_action->setObjectName(QStringLiteral("auditAction"));
    m_text = new QLineEdit(page);
    m_text->setObjectName(QStringLiteral("auditText"));
    m_text->setPlaceholderText(tr("Person, device, operator..."));
    m_text->setClearButtonEnabled(true);
    filters->addWidget(new QLabel(tr("From:"), page));
    filters->addWidget(m_from);
    filters->addWidget(new QLabel(tr("to:"), page));
    filters->addWidget(m_to);
    filters->addWidget(m_operator);
    filters->addWidget(m_action);
    filters->addWidget(m_text, 1);
    connect(addButton(filters, tr("Refresh"), QStringLiteral("auditRefresh")), &QPushButton::clicked, this, &AuditPanel::refresh);
    layout->addLayout(filters);

    m_table = new QTableView(page);
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(AuditTableModel::Details, QHeaderView::Stretch);
    layout->addWidget(m_table, 1);

    auto *bottom = new QHBoxLayout;
    m_count = new QLabel(page);
    bottom->addWidget(m_count);
    bottom->addStretch(1);
    m_verdict = new QLabel(page);
    m_verdict->setObjectName(QStringLiteral("auditVerdict"));
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bottom->addWidget(m_verdict);
    connect(addButton(bottom, tr("Verify chain"), QStringLiteral("auditVerify")), &QPushButton::clicked, this, [this] { verify(); });
    connect(addButton(bottom, tr("Export CSV..."), QStringLiteral("auditExport")), &QPushButton::clicked, this,
            &AuditPanel::chooseExportFile);
    layout->addLayout(bottom);

    // The text filter waits for a pause in typing; the boxes apply at once.
    auto *debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(300);
    connect(m_text, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    const auto applyFilter = [this] { readTrail(false); };
    connect(debounce, &QTimer::timeout, this, applyFilter);
    for (QComboBox *box : {m_operator, m_action})
        connect(box, &QComboBox::activated, this, applyFilter);
    for (QDateEdit *edit : {m_from, m_to})
        connect(edit, &QDateEdit::dateChanged, this, applyFilter);
    refill(m_operator, tr("Any operator"), {});
    refill(m_action, tr("Any action"), {});
    return page;
}

QWidget *AuditPanel::buildAccountsTab()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    m_accounts = new QTableWidget(0, 3, page);
    m_accounts->setObjectName(QStringLiteral("auditAccounts"));
    m_accounts->setHorizontalHeaderLabels({tr("Name"), tr("Role"), tr("State")});
    m_accounts->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_accounts->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_accounts->setSelectionMode(QAbstractItemView::SingleSelection);
    m_accounts->verticalHeader()->hide();
    m_accounts->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_accounts, 1);
    auto *buttons = new QHBoxLayout;
    auto *note = new QLabel(tr("New accounts and passwords: facedesk users (see the README)."), page);
    buttons->addWidget(note, 1);
    connect(addButton(buttons, tr("Unlock"), QStringLiteral("accountUnlock")), &QPushButton::clicked, this,
            [this] { unlockAccount(selectedAccount()); });
    connect(addButton(buttons, tr("Disable"), QStringLiteral("accountDisable")), &QPushButton::clicked, this,
            [this] { setAccountDisabled(selectedAccount(), true); });
    connect(addButton(buttons, tr("Enable"), QStringLiteral("accountEnable")), &QPushButton::clicked, this,
            [this] { setAccountDisabled(selectedAccount(), false); });
    layout->addLayout(buttons);
    return page;
}

operators::AuditFilter AuditPanel::filter(int newest) const
{
    operators::AuditFilter f;
    f.from = QDateTime(m_from->date(), QTime(0, 0));
    f.to = QDateTime(m_to->date().addDays(1), QTime(0, 0));  // the whole last day
    f.operatorName = m_operator->currentIndex() > 0 ? m_operator->currentText() : QString();
    f.action = m_action->currentIndex() > 0 ? m_action->currentText() : QString();
    f.text = m_text->text().trimmed();
    f.newest = newest;
    return f;
}

void AuditPanel::refresh()
{
    readTrail(true);
    readAccounts();
}

// A filter change reads the matching records only: the operators and actions the
// boxes offer and the trail's size are whole-table scans, read on refresh().
void AuditPanel::readTrail(bool withFacets)
{
    const quint64 generation = ++m_generation;
    m_queries->run([f = filter(), withFacets](QSqlDatabase &db) {
        TrailAnswer a;
        operators::AuditLog log(db);
        a.records = log.records(f, &a.error);
        if (withFacets)
            a.facets = log.facets(&a.error);
        return a;
    }).then(this, [this, generation, withFacets](const TrailAnswer &a) {
        if (generation != m_generation)
            return;
        m_model->setRecords(a.records);
        if (withFacets) {
            refill(m_operator, tr("Any operator"), a.facets.operators);
            refill(m_action, tr("Any action"), a.facets.actions);
            m_total = a.facets.records;
        }
        m_count->setText(!a.error.isEmpty() ? tr("The trail could not be read: %1").arg(a.error)
                         : a.records.size() >= ShownRecords
                             ? tr("The newest %1 matching records of %2 in the trail; narrow the filter for older ones.")
                                   .arg(a.records.size()).arg(m_total)
                             : tr("%1 of the %2 records in the trail match.").arg(a.records.size()).arg(m_total));
        emit loaded();
    });
}

QFuture<operators::AuditVerdict> AuditPanel::verify()
{
    m_verdict->setText(tr("Checking the chain..."));
    m_verdict->setStyleSheet({});
    return m_queries->run([](QSqlDatabase &db) { return operators::AuditLog(db).verify(); })
        .then(this, [this](const operators::AuditVerdict &v) {
            if (!v.error.isEmpty())
                m_verdict->setText(tr("The trail could not be read: %1").arg(v.error));
            else if (v.intact)
                m_verdict->setText(tr("Chain intact: %n record(s), newest hash %1", nullptr, int(v.records))
                                       .arg(QString::fromLatin1(v.headHash.left(16))));
            else
                m_verdict->setText(tr("Chain broken at record %1: %2").arg(v.firstBad).arg(v.reason));
            m_verdict->setStyleSheet(v.intact && v.error.isEmpty() ? QStringLiteral("QLabel { color: #2e7d32; font-weight: bold; }")
                                                                   : QStringLiteral("QLabel { color: #c62828; font-weight: bold; }"));
            return v;
        });
}

QFuture<QString> AuditPanel::exportCsv(const QString &path)
{
    return m_queries->run([f = filter(0), path](QSqlDatabase &db) {
        QString error;
        const QList<operators::AuditRecord> records = operators::AuditLog(db).records(f, &error);
        if (!error.isEmpty())
            return std::pair<QString, qint64>(error, 0);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !operators::AuditLog::writeCsv(records, &file) || !file.commit())
            return std::pair<QString, qint64>(file.errorString(), 0);
        return std::pair<QString, qint64>(QString(), records.size());
    }).then(this, [this, path](const std::pair<QString, qint64> &result) {
        if (result.first.isEmpty())
            emit exported(path, result.second);
        return result.first;
    });
}

void AuditPanel::chooseExportFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the audit trail"), QStringLiteral("audit.csv"),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    exportCsv(path).then(this, [this, path](const QString &error) {
        m_count->setText(error.isEmpty() ? tr("Exported to %1.").arg(QFileInfo(path).fileName())
                                         : tr("The export failed: %1").arg(error));
    });
}

void AuditPanel::readAccounts()
{
    m_queries->run([](QSqlDatabase &db) {
        return AccountsAnswer{operators::OperatorStore(db).accounts(), QDateTime::currentDateTimeUtc()};
    }).then(this, [this, generation = m_generation](const AccountsAnswer &a) {
        if (generation != m_generation)
            return;
        m_accounts->setRowCount(0);
        int locked = 0;
        for (const operators::OperatorAccount &account : a.accounts) {
            const int row = m_accounts->rowCount();
            m_accounts->insertRow(row);
            const QDateTime until = account.lockedUntil(a.now);
            QString state = account.disabled ? tr("disabled") : tr("active");
            if (until.isValid())
                state = tr("locked until %1 after %n failed sign-in(s)", nullptr, account.throttle.failures)
                            .arg(until.toLocalTime().toString(QStringLiteral("HH:mm")));
            else if (account.throttle.failures > 0)
                state = tr("%1, %n failed sign-in(s) in a row", nullptr, account.throttle.failures).arg(state);
            locked += until.isValid();
            const QStringList cells{account.name, auth::roleName(account.role), state};
            for (int c = 0; c < cells.size(); ++c) {
                auto *item = new QTableWidgetItem(cells[c]);
                if (until.isValid())
                    item->setForeground(QColor(0xc6, 0x28, 0x28));
                m_accounts->setItem(row, c, item);
            }
        }
        m_accounts->resizeColumnsToContents();
        m_tabs->setTabText(1, locked ? tr("Operators (%n locked)", nullptr, locked) : tr("Operators"));
        emit accountsLoaded();
    });
}

void AuditPanel::clear()
{
    ++m_generation;  // an answer still on its way is dropped
    m_model->setRecords({});
    m_accounts->setRowCount(0);
    m_verdict->clear();
    m_count->clear();
}

QString AuditPanel::selectedAccount() const
{
    const QList<QTableWidgetItem *> items = m_accounts->selectedItems();
    return items.isEmpty() ? QString() : m_accounts->item(items.first()->row(), 0)->text();
}

void AuditPanel::unlockAccount(const QString &name)
{
    changeAccount(name, QStringLiteral("unlock-account"), false);
}

void AuditPanel::setAccountDisabled(const QString &name, bool disabled)
{
    changeAccount(name, disabled ? QStringLiteral("disable-account") : QStringLiteral("enable-account"), disabled);
}

void AuditPanel::changeAccount(const QString &name, const QString &action, bool disable)
{
    if (name.isEmpty())
        return;
    // Recorded on the worker with the change: a closed window drops continuations.
    m_queries->run([name, action, disable, who = m_operatorName](QSqlDatabase &db) {
        QString error;
        operators::OperatorStore store(db);
        const bool ok = action == QLatin1String("unlock-account") ? store.unlock(name, &error) : store.setDisabled(name, disable, &error);
        if (ok)
            operators::recordWindowAudit(db, who, action, QStringLiteral("operator %1").arg(name), {});
        return ok ? QString() : error;
    }).then(this, [this, name](const QString &error) {
        if (!error.isEmpty())
            m_count->setText(tr("%1 could not be changed: %2").arg(name, error));
        else
            refresh();
    });
}

} // namespace fd::ui
