// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "governance/AccountService.h"
#include "governance/AuditLog.h"
#include "governance/PasswordHasher.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QString>

#include <memory>
#include <optional>

namespace pme::core {

/// A store together with what governance needs to work on it: the audit log, sealed with
/// the key kept outside the database (AuditKey::forStore), and the accounts. Both faces
/// open stores through it, the GUI once more on each worker thread (a connection of its
/// own), so the wiring is the same everywhere.
///
/// The audit key is loaded on first use: opening a store to list frameworks needs no key.
/// Neither copyable nor movable, because AccountService holds references into it.
class GovernedStore final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::GovernedStore)

public:
    struct Options {
        Store::Options store;
        /// The Argon2id cost of new hashes; tests pass cheaper limits, never the application.
        PasswordHasher hasher;
        /// Where the audit keys live; AuditKey::defaultKeyDir() when empty.
        QString keyDir;
    };

    static Result<std::unique_ptr<GovernedStore>> open(const QString &path, const Options &options);
    static Result<std::unique_ptr<GovernedStore>> open(const QString &path) { return open(path, Options{}); }
    /// Wraps a store opened elsewhere.
    static std::unique_ptr<GovernedStore> adopt(Store store, const Options &options);

    GovernedStore(const GovernedStore &) = delete;
    GovernedStore &operator=(const GovernedStore &) = delete;
    ~GovernedStore();

    Store &store() { return m_store; }
    Database &database() { return m_store.database(); }
    const QString &path() const { return m_store.path(); }
    const Options &options() const { return m_options; }

    /// The audit log; its key is read (or, for a store without entries, created) on first use.
    Result<const AuditLog *> audit();
    /// The accounts of this store, over audit().
    Result<AccountService *> accounts();

private:
    GovernedStore(Store store, Options options);

    Store m_store;
    Options m_options;
    std::optional<AuditLog> m_audit;
    std::unique_ptr<AccountService> m_accounts;
};

} // namespace pme::core
