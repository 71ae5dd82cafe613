#include "LoginDialog.h"

#include "operators/AuditLog.h"
#include "operators/OperatorStore.h"
#include "store/QueryWorker.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace fd::ui {

namespace {

struct Answer {
    bool ok = false;
    QString problem;
    QString name;
    auth::Role role = auth::Role::Guard;
};


} // namespace

LoginDialog::LoginDialog(store::QueryWorker *queries, Mode mode, QWidget *parent)
    : QDialog(parent), m_queries(queries), m_mode(mode)
{
    setObjectName(QStringLiteral("loginDialog"));
    setWindowTitle(mode == Mode::FirstRun ? tr("FaceDesk: the first administrator") : tr("FaceDesk: sign in"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(mode == Mode::FirstRun
                                 ? tr("This archive has no operators yet. Create the first administrator: they can add "
                                      "guards and supervisors afterwards.")
                                 : tr("Sign in to the security desk."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("loginName"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("loginPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Password:"), m_password);
    if (mode == Mode::FirstRun) {
        m_repeat = new QLineEdit(this);
        m_repeat->setObjectName(QStringLiteral("loginRepeat"));
        m_repeat->setEchoMode(QLineEdit::Password);
        form->addRow(tr("Password again:"), m_repeat);
    }
    layout->addLayout(form);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("loginProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: #c62828; font-weight: bold;"));
    m_problem->setWordWrap(true);
    m_problem->hide();
    layout->addWidget(m_problem);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_ok = buttons->addButton(mode == Mode::FirstRun ? tr("Create administrator") : tr("Sign in"), QDialogButtonBox::AcceptRole);
    m_ok->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &LoginDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

void LoginDialog::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

void LoginDialog::submit()
{
    const QString name = m_name->text().trimmed();
    const QString password = m_password->text();
    if (m_mode == Mode::FirstRun && m_repeat->text() != password) {
        showProblem(tr("The two passwords differ."));
        emit answered(false);
        return;
    }
    m_ok->setEnabled(false);
    showProblem({});
    const bool firstRun = m_mode == Mode::FirstRun;
    m_queries->run([name, password, firstRun](QSqlDatabase &db) {
        operators::OperatorStore store(db);
        Answer a;
        if (firstRun) {
            if (store.hasAccounts())
                return Answer{false, tr("Someone created an administrator meanwhile: sign in instead."), {}, {}};
            if (!store.add(name, auth::Role::Admin, password, &a.problem))
                return a;
            operators::recordAudit(db, name, QStringLiteral("account-add"), QStringLiteral("operator %1").arg(name),
                  {{QStringLiteral("role"), QStringLiteral("admin")}, {QStringLiteral("first"), true}});
        }
        const operators::LoginResult r = store.login(name, password, QDateTime::currentDateTimeUtc());
        if (!r.ok()) {
            operators::recordWindowAudit(db, name, QStringLiteral("login-failed"), QStringLiteral("operator %1").arg(name),
                                         {{QStringLiteral("reason"), r.reason()}});
            return Answer{false, r.reason(), {}, {}};
        }
        operators::recordWindowAudit(db, r.account.name, QStringLiteral("login"),
                                     QStringLiteral("operator %1").arg(r.account.name), {});
        return Answer{true, {}, r.account.name, r.account.role};
    }).then(this, [this](const Answer &a) {
        m_ok->setEnabled(true);
        m_password->clear();
        if (m_repeat)
            m_repeat->clear();
        if (!a.ok) {
            showProblem(a.problem);
            m_password->setFocus();
            emit answered(false);
            return;
        }
        m_signedIn = a.name;
        m_role = a.role;
        emit answered(true);
        accept();
    });
}

} // namespace fd::ui
