// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QString>

namespace pme::core {

/// What a user name and a password must look like. AccountService enforces these; account
/// dialogs can call them as people type to say what is wrong before they submit.
class AccountRules final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::AccountRules)

public:
    static constexpr int kMinPasswordLength = 10;

    /// The user name as it will be stored (trimmed), or BadInput saying what is wrong:
    /// 2 to 64 letters, digits, '.', '_', '-' or '@'.
    static Result<QString> checkUsername(const QString &username);
    /// BadInput unless password has kMinPasswordLength characters and is not the user name.
    static Result<void> checkPassword(const QString &username, const QString &password);
};

} // namespace pme::core
