// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "governance/GovernedStore.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace pme::ui {

class MainWindow;

/// Who is at the computer, and the window that goes with them. It opens a store, asks who
/// is there (SignInPrompt: the first-run administrator or a sign-in), and shows a MainWindow
/// for that person; "Switch User" and "Open Database" go back through sign-in and replace
/// the window, leaving the old one as it was when the person cancels.
class SessionController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionController)

public:
    explicit SessionController(core::GovernedStore::Options options = {}, QObject *parent = nullptr);
    ~SessionController() override;

    /// Opens path and signs someone in: true with a window shown, false when they cancelled,
    /// an error when the store cannot be used.
    core::Result<bool> start(const QString &path);
    MainWindow *window() const;

private:
    core::Result<bool> signInTo(const QString &path, const QString &username);
    void onSwitchUser();
    void onOpenDatabase(const QString &path);

    core::GovernedStore::Options m_options;
    QPointer<MainWindow> m_window;
};

} // namespace pme::ui
