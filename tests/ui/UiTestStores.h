// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "governance/AccountService.h"
#include "governance/GovernedStore.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtGlobal>

#include <memory>

namespace pme::tests {

/// Stores for the widget tests: files in a temporary folder (the sign-in worker opens its
/// own connection, so not in memory), their audit keys beside them, and cheap Argon2id
/// limits so that a sign-in takes milliseconds.
class UiTestStores {
public:
    inline static const QString kAdminPassword = QStringLiteral("Correct-Horse-7391-battery");
    inline static const QString kCoachPassword = QStringLiteral("Tr0ub4dor&3-staple-Q");

    bool isValid() const { return m_dir.isValid(); }

    core::GovernedStore::Options options() const
    {
        core::GovernedStore::Options options;
        options.hasher = core::PasswordHasher(core::PasswordHasher::Limits{1, 1024 * 1024});
        options.keyDir = m_dir.filePath(QStringLiteral("keys"));
        return options;
    }

    QString path(const QString &name) const { return QDir::isAbsolutePath(name) ? name : m_dir.filePath(name); }

    std::unique_ptr<core::GovernedStore> open(const QString &name) const
    {
        auto store = core::GovernedStore::open(path(name), options());
        if (!store)
            qFatal("cannot open test store: %s", qPrintable(store.error().message));
        return std::move(store).value();
    }

    static core::AccountService &accounts(core::GovernedStore &store)
    {
        auto service = store.accounts();
        if (!service)
            qFatal("accounts: %s", qPrintable(service.error().message));
        return **service;
    }

    /// The first administrator, "root".
    static core::ActingUser makeAdmin(core::GovernedStore &store)
    {
        core::NewAccount account;
        account.username = QStringLiteral("root");
        account.displayName = QStringLiteral("Rita Root");
        auto admin = accounts(store).createFirstAdministrator(account, kAdminPassword);
        if (!admin)
            qFatal("admin: %s", qPrintable(admin.error().message));
        return *admin;
    }

    /// A user with one role in every program, signed in.
    static core::ActingUser makeUser(core::GovernedStore &store, const core::ActingUser &admin, const QString &name,
                                     core::Role role, const QString &password = kCoachPassword)
    {
        core::NewAccount account;
        account.username = name;
        account.displayName = name.toUpper();
        account.roles = {core::RoleGrant{role, std::nullopt}};
        if (auto id = accounts(store).createUser(admin, account, password); !id)
            qFatal("user: %s", qPrintable(id.error().message));
        auto user = accounts(store).login(name, password);
        if (!user)
            qFatal("login: %s", qPrintable(user.error().message));
        return *user;
    }

private:
    QTemporaryDir m_dir;
};

} // namespace pme::tests
