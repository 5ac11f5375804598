// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/SharedReadView.h"

#include "Logging.h"

#include <sqlite3.h>

namespace pme::core {

std::optional<SharedReadView> SharedReadView::open(Database &db, bool writersLockedOut)
{
    sqlite3 *handle = db.handle();
    if (!handle || db.path() == QLatin1String(":memory:") || db.inTransaction() || db.hasActiveStatements()
        || (!writersLockedOut && sqlite3_db_readonly(handle, "main") != 0))
        return std::nullopt;
    if (writersLockedOut) {
        if (!db.execute("BEGIN; SELECT count(*) FROM sqlite_schema;").ok()) {
            (void)db.execute("ROLLBACK;");
            return std::nullopt;
        }
    } else if (!db.tryBeginImmediate()) {
        // The write lock is not free now: a reader does not queue behind a sync.
        return std::nullopt;
    }
    auto second = Database::open(db.path(), Database::Mode::ReadOnly);
    // The first read fixes the second connection's snapshot: the state the lock holds still.
    if (!second || !second->execute("BEGIN; SELECT count(*) FROM sqlite_schema;").ok()) {
        (void)db.execute("ROLLBACK;");
        qCDebug(lcStore) << "no second read connection for" << db.path();
        return std::nullopt;
    }
    return SharedReadView(db, std::move(*second));
}

SharedReadView::SharedReadView(SharedReadView &&other) noexcept
    : m_first(std::exchange(other.m_first, nullptr)), m_second(std::move(other.m_second))
{
}

SharedReadView::~SharedReadView()
{
    if (!m_first)
        return;
    (void)m_second.execute("COMMIT;");
    // Nothing was written: ending the first connection's transaction only releases the lock
    // (or the read transaction).
    (void)m_first->execute("ROLLBACK;");
}

} // namespace pme::core
