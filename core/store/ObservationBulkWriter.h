// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "store/Statement.h"
#include "sync/SyncTypes.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>

#include <unordered_map>
#include <vector>

namespace pme::core {

class Database;

/// The bulk path of a sync: upserts validated observations of one source by source key,
/// inside the caller's transaction, keeping the previous version of every changed row.
///
/// The keys and content hashes the source already has are read once into memory, so an
/// unchanged row costs no SQL at all and a new row costs one INSERT with binds that point
/// into the row (no copies).
class ObservationBulkWriter final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::ObservationBulkWriter)

public:
    enum class Outcome { Inserted, Updated, Unchanged, Duplicate, KeyCollision };

    ObservationBulkWriter(Database &db, qint64 sourceId, qint64 batchId);

    /// Reads the source's existing keys; call once before write().
    Result<void> loadExisting();

    /// For a load that is large next to what the table holds: drops the table's indexes
    /// (inside the caller's transaction) so rows are only appended, and rebuilds them, sorted,
    /// in restoreIndexes(). Building an index once is several times cheaper than keeping it
    /// up to date through a million random inserts.
    Result<void> suspendIndexes();
    /// Recreates what suspendIndexes() dropped. Fails (Conflict) if two keys of a source
    /// share a hash; the caller then syncs again without suspending.
    Result<void> restoreIndexes();
    bool indexesSuspended() const { return !m_droppedIndexes.isEmpty(); }
    /// `firstRow` is set for Duplicate: the row of this sync that already had the key.
    /// New rows are queued and written in groups: `row` must stay alive until flush().
    Result<Outcome> write(const ObservationRow &row, qint64 *firstRow);
    /// Writes the queued new rows. Rows whose key hash collided with another key of the
    /// source are not written; they are returned so the caller can reject them.
    Result<std::vector<const ObservationRow *>> flush();

    qint64 existingCount() const { return static_cast<qint64>(m_existing.size()); }

private:
    struct Existing {
        qint64 id = 0;
        qint64 contentHash = 0;
        qint64 seenInRow = 0;   ///< the row of this sync that carried the key; 0 if none yet
        int revision = 1;
    };

    void bindRow(Statement &st, const ObservationRow &row, int offset = 0);
    Result<std::vector<const ObservationRow *>> findCollisions(std::size_t first, std::size_t count);
    Result<Outcome> update(Existing &existing, const ObservationRow &row);

    Database &m_db;
    qint64 m_sourceId = 0;
    qint64 m_batchId = 0;
    Statement m_insert;
    Statement m_insertMany;     ///< kGroupRows rows per statement: per-statement work is amortised
    Statement m_keyExists;
    std::vector<const ObservationRow *> m_pending;
    QList<QByteArray> m_droppedIndexes;
    Statement m_selectOld;
    Statement m_insertRevision;
    Statement m_update;
    std::unordered_map<qint64, Existing> m_existing;
};

} // namespace pme::core
