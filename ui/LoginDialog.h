// Who sits at the desk (#13). Two faces: the first run of an archive without
// accounts creates its first administrator (name, password twice); afterwards it signs
// an operator in: at start, and for a shift change ("Switch operator") without
// restarting the window or losing the wall. The password is checked on the window's
// query worker (an Argon2id hash is a tenth of a second of work, and on a site
// archive the account is a round trip away); a refusal is shown in the dialog, which
// stays open. Each attempt goes to the audit trail (login / login-failed, and the
// account created), never the password.
#pragma once

#include "auth/Roles.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace fd::store { class QueryWorker; }

namespace fd::ui {

class LoginDialog : public QDialog {
    Q_OBJECT
public:
    enum class Mode { FirstRun, SignIn };
    LoginDialog(store::QueryWorker *queries, Mode mode, QWidget *parent = nullptr);

    QString operatorName() const { return m_signedIn; }
    auth::Role role() const { return m_role; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *repeatEdit() const { return m_repeat; }
    QLabel *problemLabel() const { return m_problem; }
    // Checks (FirstRun: creates) on the worker; accepts when it succeeds.
    void submit();

signals:
    // An attempt was answered (accepted or not): tests wait on it.
    void answered(bool ok);

private:
    void showProblem(const QString &text);

    store::QueryWorker *m_queries;
    Mode m_mode;
    QLineEdit *m_name;
    QLineEdit *m_password;
    QLineEdit *m_repeat = nullptr;
    QLabel *m_problem;
    QPushButton *m_ok;
    QString m_signedIn;
    auth::Role m_role = auth::Role::Guard;
};

} // namespace fd::ui
