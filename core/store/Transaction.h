// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QCoreApplication>

namespace pme::core {

class Database;

/// A write transaction (BEGIN IMMEDIATE, or a savepoint when one is already open) that
/// rolls back unless commit() succeeds.
///
///     Transaction tx(db);
///     if (!tx.isActive()) return tx.error();
///     ... writes ...
///     return tx.commit();
class Transaction final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::Transaction)

public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool isActive() const { return m_active; }
    /// Why BEGIN failed, when isActive() is false.
    const Error &error() const { return m_error; }

    Result<void> commit();
    void rollback();

private:
    Database &m_db;
    Error m_error;
    bool m_active = false;
    bool m_nested = false;
};

} // namespace pme::core
