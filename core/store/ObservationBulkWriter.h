// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "store/HugePageAllocator.h"
#include "store/Statement.h"
#include "sync/SyncTypes.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include <vector>

namespace pme::core {

class Database;

/// The bulk path of a sync: upserts validated observations of one source by source key,
/// inside the caller's transaction, keeping the previous version of every changed row.
///
/// The keys and content hashes the source already has are read once into memory, so an
/// unchanged row costs no SQL at all and a new row costs one INSERT with binds that point
/// into the row (no copies). That memory is also what keeps (source, key) unique: the
/// table's key index covers only rows without a batch (docs/sync.md, "Performance"), and a
/// sync is the only writer of its transaction.
class ObservationBulkWriter final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::ObservationBulkWriter)

public:
    enum class Outcome { Inserted, Updated, Unchanged, Duplicate, KeyCollision };

    ObservationBulkWriter(Database &db, qint64 sourceId, qint64 batchId);

    /// Makes room for this many keys, so the key table does not grow (and briefly exist
    /// twice) in the middle of a large file.
    void reserve(qint64 keys) { m_existing.reserve(keys); }
    /// Reads the source's existing keys (of the partition); call once before write().
    Result<void> loadExisting();
    /// Restricts the writer to one of `count` ranges of key hashes, for a source too large to
    /// hold all its keys in memory: the keys held so far are dropped (call loadExisting()
    /// again), and write() takes only rows whose key is in the range.
    void setPartition(int index, int count);
    bool inPartition(qint64 keyHash) const
    {
        // By the hash's low 32 bits: the key table places keys by the high ones, and a pass
        // whose keys all shared those would crowd into one stretch of its table.
        return m_partitions <= 1
            || static_cast<int>(((static_cast<quint64>(keyHash) & 0xffffffffU) * static_cast<quint64>(m_partitions))
                                >> 32)
            == m_partition;
    }
    /// Deletes the source's rows with these source keys (xAPI voiding) in one pass over the
    /// table; call after the last write() and flush() (the keys stay in the key table).
    Result<void> remove(const QStringList &sourceKeys);

    /// For a load that is large next to what the table holds: drops the table's indexes
    /// (inside the caller's transaction) so rows are only appended, and rebuilds them, sorted,
    /// in restoreIndexes(). Building an index once is several times cheaper than keeping it
    /// up to date through a million random inserts.
    Result<void> suspendIndexes();
    /// Recreates what suspendIndexes() dropped (sorting on a helper thread).
    Result<void> restoreIndexes();
    bool indexesSuspended() const { return !m_droppedIndexes.isEmpty(); }
    /// `firstRow` is set for Duplicate: the row of this sync that already had the key.
    /// New rows are queued and written in groups: `row` must stay alive until flush().
    Result<Outcome> write(const ObservationRow &row, qint64 *firstRow);
    /// Writes the queued new rows. Returns the rows that could not be written because their
    /// key collided with another key of the source (none since the key is checked in memory:
    /// two keys with one 64-bit hash are rejected by write() as duplicates).
    Result<std::vector<const ObservationRow *>> flush();

    qint64 existingCount() const { return m_existing.size(); }
    /// The source's rows the last loadExisting() met, in any partition.
    qint64 sourceRowsSeen() const { return m_sourceRowsSeen; }
    /// The memory the key table holds.
    qint64 keyTableBytes() const { return m_existing.bytes(); }
    /// Hint that write() will soon be called with this key hash.
    void prefetch(qint64 keyHash) const { m_existing.prefetch(keyHash); }

private:
    /// The source's keys by 64-bit key hash: open addressing in one flat array, 32 bytes a
    /// key (a node-based map took 70 MB for a million keys).
    class KeyTable final {
    public:
        struct Entry {
            qint64 keyHash = 0;
            qint64 id = 0;            ///< 0 for a row inserted by this sync
            qint64 contentHash = 0;
            quint32 seenInRow = 0;    ///< the row of this sync that carried the key; 0 if none yet
            qint32 revision = 0;      ///< 0 marks a free slot
        };

        void reserve(qint64 keys);
        /// Starts loading the hash's slot into the CPU cache.
        void prefetch(qint64 keyHash) const;
        /// The entry for the hash, or nullptr.
        Entry *find(qint64 keyHash);
        void insert(const Entry &entry);
        qint64 size() const { return m_size; }
        qint64 bytes() const { return static_cast<qint64>(m_slots.size() * sizeof(Entry)); }

    private:
        std::size_t slotOf(qint64 keyHash) const;
        void grow(std::size_t capacity);

        std::vector<Entry, HugePageAllocator<Entry>> m_slots;
        qint64 m_size = 0;
    };

    /// What each position of a statement was last bound to, when that is worth knowing (a
    /// NULL or a constant text); indexed by parameter number.
    using BoundValues = std::vector<const void *>;
    /// Binds a row's values at ?offset+1..?offset+16; the first row of a statement (offset 0)
    /// also binds the batch and the source (?17, ?18), which every row of a group shares.
    void bindRow(Statement &st, const ObservationRow &row, int offset = 0, BoundValues *bound = nullptr);
    static int rowOffset(int rowInGroup);
    Result<Outcome> update(KeyTable::Entry &existing, const ObservationRow &row);

    Database &m_db;
    qint64 m_sourceId = 0;
    qint64 m_batchId = 0;
    Statement m_insert;
    Statement m_insertMany;     ///< kGroupRows rows per statement: per-statement work is amortised
    std::vector<const ObservationRow *> m_pending;
    QList<QByteArray> m_droppedIndexes;
    Statement m_selectOld;
    Statement m_insertRevision;
    Statement m_update;
    qint64 m_sourceRowsSeen = 0;
    int m_partition = 0;
    int m_partitions = 1;
    BoundValues m_insertBound;
    BoundValues m_insertManyBound;
    KeyTable m_existing;
};

} // namespace pme::core
