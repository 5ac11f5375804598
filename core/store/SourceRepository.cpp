// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/SourceRepository.h"

#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"

namespace pme::core {

Result<qint64> SourceRepository::findByCode(const QString &code)
{
    Statement select(m_db, "SELECT id FROM sources WHERE code = ?");
    select.bind(1, code);
    auto row = select.step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorKind::NotFound, tr("There is no source named '%1'.").arg(code));
    return select.columnInt64(0);
}

Result<qint64> SourceRepository::ensure(const QString &code, const QString &name, const QString &kind)
{
    if (auto found = findByCode(code); found || found.error().kind != ErrorKind::NotFound)
        return found;
    Transaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    Statement insert(m_db, "INSERT INTO sources (code, name, kind) VALUES (?, ?, ?)");
    insert.bind(1, code);
    insert.bind(2, name);
    insert.bind(3, kind);
    if (auto r = insert.exec(); !r)
        return r.error();
    const qint64 id = m_db.lastInsertRowId();
    if (auto r = tx.commit(); !r)
        return r.error();
    return id;
}

} // namespace pme::core
