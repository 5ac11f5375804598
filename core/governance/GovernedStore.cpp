// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/GovernedStore.h"

#include "governance/AuditKey.h"

namespace pme::core {

GovernedStore::GovernedStore(Store store, Options options) : m_store(std::move(store)), m_options(std::move(options))
{
}

GovernedStore::~GovernedStore() = default;

Result<std::unique_ptr<GovernedStore>> GovernedStore::open(const QString &path, const Options &options)
{
    auto store = Store::open(path, options.store);
    if (!store)
        return store.error();
    return adopt(std::move(store).value(), options);
}

std::unique_ptr<GovernedStore> GovernedStore::adopt(Store store, const Options &options)
{
    return std::unique_ptr<GovernedStore>(new GovernedStore(std::move(store), options));
}

Result<const AuditLog *> GovernedStore::audit()
{
    if (!m_audit) {
        auto key = AuditKey::forStore(m_store.database(), m_options.keyDir);
        if (!key)
            return key.error();
        m_audit.emplace(std::move(key).value());
    }
    return &*m_audit;
}

Result<AccountService *> GovernedStore::accounts()
{
    if (!m_accounts) {
        auto log = audit();
        if (!log)
            return log.error();
        m_accounts = std::make_unique<AccountService>(m_store.database(), **log, m_options.hasher);
    }
    return m_accounts.get();
}

} // namespace pme::core
