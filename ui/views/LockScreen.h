// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "governance/ActingUser.h"
#include "governance/GovernedStore.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace pme::ui {

class SignInTask;

/// What the window shows while locked: nothing of its content, only who is signed in and a
/// password field. The password is checked off the GUI thread with the same counting,
/// lockout and audit as a sign-in (AccountService::verifyPassword), so the lock screen is
/// no unthrottled password oracle. "Switch User" hands the computer to someone else.
class LockScreen final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LockScreen)

public:
    LockScreen(const core::ActingUser &user, const QString &storePath, const core::GovernedStore::Options &options,
               QWidget *parent = nullptr);
    ~LockScreen() override;

    /// Clears the field and the last message, ready for the person to come back.
    void prepare();

signals:
    void unlocked();
    void switchUserRequested();

private:
    void onUnlock();
    void onRefused(const QString &message);
    void onUnlocked();

    core::ActingUser m_user;
    SignInTask *m_task = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_unlock = nullptr;
};

} // namespace pme::ui
