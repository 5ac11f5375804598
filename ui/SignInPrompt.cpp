// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SignInPrompt.h"

#include "dialogs/FirstAdministratorDialog.h"
#include "dialogs/LoginDialog.h"
#include "governance/DemoAccounts.h"
#include "governance/GovernedStore.h"

namespace pme::ui {

SignInPrompt::Answerer SignInPrompt::s_answerer;

core::Result<std::optional<core::ActingUser>> SignInPrompt::ask(QWidget *parent, core::GovernedStore &store,
                                                                const QString &username)
{
    // The audit key first: a store whose key is missing is refused here, with the reason.
    auto accounts = store.accounts();
    if (!accounts)
        return accounts.error();
    if (s_answerer)
        return s_answerer(store);
    auto firstRun = (*accounts)->needsFirstAdministrator();
    if (!firstRun)
        return firstRun.error();
    if (*firstRun) {
        FirstAdministratorDialog dialog(store.path(), store.options(), parent);
        if (dialog.exec() != QDialog::Accepted)
            return std::optional<core::ActingUser>();
        return std::optional(dialog.user());
    }
    auto demo = core::DemoAccounts::present(store.database());
    if (!demo)
        return demo.error();
    LoginDialog dialog(store.path(), store.options(), parent);
    dialog.setDemoAccounts(*demo);
    dialog.setUsername(username);
    if (dialog.exec() != QDialog::Accepted)
        return std::optional<core::ActingUser>();
    return std::optional(dialog.user());
}

void SignInPrompt::setAnswerer(Answerer answerer)
{
    s_answerer = std::move(answerer);
}

} // namespace pme::ui
