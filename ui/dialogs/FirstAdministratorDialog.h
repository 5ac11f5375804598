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

/// The first run: a store without an administrator asks for one (name, password twice),
/// checking the rules of AccountRules as the person types, and signs them in.
class FirstAdministratorDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FirstAdministratorDialog)

public:
    FirstAdministratorDialog(const QString &storePath, const core::GovernedStore::Options &options,
                             QWidget *parent = nullptr);
    ~FirstAdministratorDialog() override;

    /// The new administrator, signed in, once the dialog is accepted.
    const core::ActingUser &user() const { return m_user; }

private:
    void onSubmit();
    void onCreated(const core::ActingUser &user);
    void onRefused(const QString &message);
    /// What is wrong with the form, or nothing.
    QString problem() const;
    void updateState();

    SignInTask *m_task = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_displayName = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_repeat = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_submit = nullptr;
    core::ActingUser m_user;
};

} // namespace pme::ui
