// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Transaction.h"

#include "store/Database.h"

#include <sqlite3.h>

namespace pme::core {

Transaction::Transaction(Database &db) : m_db(db)
{
    // Inside an outer transaction this one is a savepoint, so that a repository call can
    // own its writes and still be part of a caller's larger unit of work.
    m_nested = sqlite3_get_autocommit(db.handle()) == 0;
    // IMMEDIATE takes the write lock now, so a busy database is reported before any work
    // is done instead of failing at the first write.
    if (auto r = m_db.execute(m_nested ? "SAVEPOINT pme_nested;" : "BEGIN IMMEDIATE;"); r)
        m_active = true;
    else
        m_error = r.error();
}

Transaction::~Transaction()
{
    rollback();
}

Result<void> Transaction::commit()
{
    if (!m_active)
        return makeError(ErrorKind::Internal, tr("No transaction is active."));
    auto r = m_db.execute(m_nested ? "RELEASE pme_nested;" : "COMMIT;");
    if (!r) {
        rollback();
        return r.error();
    }
    m_active = false;
    return {};
}

void Transaction::rollback()
{
    if (m_active) {
        m_active = false;
        // Ignore the result: a failed statement may already have rolled SQLite back.
        (void)m_db.execute(m_nested ? "ROLLBACK TO pme_nested; RELEASE pme_nested;" : "ROLLBACK;");
    }
}

} // namespace pme::core
