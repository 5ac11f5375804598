// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "governance/ActingUser.h"
#include "governance/GovernedStore.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace pme::ui {

class SignInTask;

/// Sign-in: user name and password. The check runs off the GUI thread (SignInTask); a
/// refusal is shown as core words it (wrong credentials, or how long the account is locked).
/// A store with demo accounts says so, with their names, before anyone signs in.
class LoginDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginDialog)

public:
    LoginDialog(const QString &storePath, const core::GovernedStore::Options &options, QWidget *parent = nullptr);
    ~LoginDialog() override;

    /// Shows the demo banner listing these accounts (none: no banner).
    void setDemoAccounts(const QStringList &usernames);
    void setUsername(const QString &username);
    /// The person who signed in, once the dialog is accepted.
    const core::ActingUser &user() const { return m_user; }
    bool isBusy() const;

signals:
    void signInStarted();

private:
    void onSubmit();
    void onSignedIn(const core::ActingUser &user);
    void onRefused(const QString &message);
    void updateSubmit();
    void setBusy(bool busy);

    SignInTask *m_task = nullptr;
    QLabel *m_demoBanner = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_submit = nullptr;
    core::ActingUser m_user;
};

} // namespace pme::ui
