// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ImportBatchRepository.h"

#include "domain/Dates.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"

namespace pme::core {

Result<qint64> ImportBatchRepository::begin(std::optional<qint64> sourceId, const QString &fileName,
                                            const QString &profile, std::optional<qint64> userId)
{
    Statement insert(m_db, "INSERT INTO import_batches (source_id, file_name, profile, started_at, status, user_id) "
                           "VALUES (?, ?, ?, ?, 'running', ?)");
    insert.bind(1, sourceId);
    insert.bind(2, fileName);
    insert.bind(3, profile);
    insert.bind(4, nowUtcIso());
    insert.bind(5, userId);
    if (auto r = insert.exec(); !r)
        return r.error();
    return m_db.lastInsertRowId();
}

Result<void> ImportBatchRepository::finish(qint64 batchId, const SyncReport &report, const QList<SyncReject> &rejects)
{
    Statement update(m_db, "UPDATE import_batches SET file_sha256 = ?, finished_at = ?, status = ?, rows_read = ?, "
                           "inserted = ?, updated = ?, unchanged = ?, rejected = ?, message = ? WHERE id = ?");
    update.bind(1, report.sha256.isEmpty() ? QString() : report.sha256);
    update.bind(2, nowUtcIso());
    update.bind(3, report.status);
    update.bind(4, report.rowsRead);
    update.bind(5, report.inserted);
    update.bind(6, report.updated);
    update.bind(7, report.unchanged);
    update.bind(8, report.rejected);
    update.bind(9, report.message.isEmpty() ? QString() : report.message);
    update.bind(10, batchId);
    if (auto r = update.exec(); !r)
        return r;
    Statement insert(m_db, "INSERT INTO import_rejects (batch_id, row_number, column_name, reason) VALUES (?, ?, ?, ?)");
    for (const SyncReject &reject : rejects) {
        insert.bind(1, batchId);
        insert.bind(2, reject.row);
        insert.bind(3, reject.column.isEmpty() ? QString() : reject.column);
        insert.bind(4, reject.reason);
        if (auto r = insert.exec(); !r)
            return r;
    }
    return {};
}

Result<qint64> ImportBatchRepository::recordFailure(std::optional<qint64> sourceId, const SyncReport &report,
                                                    std::optional<qint64> userId)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    auto id = begin(sourceId, report.file, report.profile.isEmpty() ? QStringLiteral("-") : report.profile, userId);
    if (!id)
        return id;
    if (auto r = finish(*id, report, {}); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return id;
}

Result<QList<ImportBatch>> ImportBatchRepository::list(int limit)
{
    Statement select(m_db, "SELECT b.id, coalesce(s.code, ''), b.file_name, coalesce(b.file_sha256, ''), b.profile, "
                           "b.started_at, coalesce(b.finished_at, ''), b.status, b.rows_read, b.inserted, b.updated, "
                           "b.unchanged, b.rejected, coalesce(b.message, '') FROM import_batches b "
                           "LEFT JOIN sources s ON s.id = b.source_id ORDER BY b.id DESC LIMIT ?");
    select.bind(1, limit);
    QList<ImportBatch> batches;
    auto r = select.forEachRow([&](const Statement &st) {
        batches.append({st.columnInt64(0), st.columnText(1), st.columnText(2), st.columnText(3), st.columnText(4),
                        st.columnText(5), st.columnText(6), st.columnText(7), st.columnInt64(8), st.columnInt64(9),
                        st.columnInt64(10), st.columnInt64(11), st.columnInt64(12), st.columnText(13)});
    });
    if (!r)
        return r.error();
    return batches;
}

Result<QList<SyncReject>> ImportBatchRepository::rejects(qint64 batchId)
{
    Statement select(m_db, "SELECT row_number, coalesce(column_name, ''), reason FROM import_rejects "
                           "WHERE batch_id = ? ORDER BY row_number, id");
    select.bind(1, batchId);
    QList<SyncReject> list;
    auto r = select.forEachRow([&](const Statement &st) {
        list.append({st.columnInt64(0), 0, st.columnText(1), st.columnText(2)});
    });
    if (!r)
        return r.error();
    return list;
}

} // namespace pme::core
