// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/Database.h"

#include <optional>

namespace pme::core {

/// A second connection to a store that sees exactly what the first one sees, so that two
/// threads can read one large table at once (each through its own connection).
///
/// While it exists the first connection holds the write lock (BEGIN IMMEDIATE) without
/// writing: no other connection can commit, so the second connection's read transaction,
/// begun after the lock was taken, starts from the same state. Both transactions end when it
/// is destroyed. Only for a file store outside a transaction, when the lock is free at once:
/// a busy store, ":memory:", a read-only connection, one inside a transaction or with a
/// statement still reading gives none, and the caller reads through the one connection.
///
/// `writersLockedOut`: another connection of the caller already holds the write lock (and has
/// written nothing yet); then both connections only begin read transactions.
class SharedReadView final {
public:
    static std::optional<SharedReadView> open(Database &db, bool writersLockedOut = false);

    ~SharedReadView();
    SharedReadView(SharedReadView &&other) noexcept;
    SharedReadView &operator=(SharedReadView &&) = delete;
    SharedReadView(const SharedReadView &) = delete;
    SharedReadView &operator=(const SharedReadView &) = delete;

    /// The second connection (read-only), in its read transaction. Use it from one thread.
    Database &second() { return m_second; }

private:
    SharedReadView(Database &first, Database second) : m_first(&first), m_second(std::move(second)) {}

    Database *m_first = nullptr;
    Database m_second;
};

} // namespace pme::core
