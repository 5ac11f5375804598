// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ObservationBulkWriter.h"

#include "domain/Dates.h"
#include "store/Database.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <climits>
#include <unordered_set>

namespace pme::core {

namespace {

// Column order shared by INSERT and UPDATE: ?1..?18 are the row's values; ?17 and ?18 (the
// batch and the source) are the same for every row of a grouped INSERT, so each row of a
// group binds only its own 16 values (?19.. for the second row, and so on).
constexpr int kColumns = 18;
constexpr int kRowValues = 16;
constexpr int kGroupRows = 32;
constexpr char kInsertHead[] =
    "INSERT INTO observations (learner_id, competency_id, kind, observed_on, rating, rating_text, score, "
    "percentile, assessor, assessor_role, instrument, context, narrative, source_key, key_hash, content_hash, "
    "batch_id, source_id) VALUES ";

QByteArray insertSql(int rows)
{
    QByteArray sql(kInsertHead);
    for (int r = 0; r < rows; ++r) {
        sql += r == 0 ? "(" : ",(";
        for (int c = 1; c <= kRowValues; ++c) {
            sql += '?';
            sql += QByteArray::number(r == 0 ? c : kColumns + (r - 1) * kRowValues + c);
            sql += ',';
        }
        sql += "?17,?18)";
    }
    return sql;
}

constexpr char kUpdateSql[] =
    "UPDATE observations SET learner_id = ?1, competency_id = ?2, kind = ?3, observed_on = ?4, rating = ?5, "
    "rating_text = ?6, score = ?7, percentile = ?8, assessor = ?9, assessor_role = ?10, instrument = ?11, "
    "context = ?12, narrative = ?13, content_hash = ?16, batch_id = ?17, revision = ?19 "
    "WHERE id = ?20 AND source_key = ?14";
constexpr char kSelectOldSql[] =
    "SELECT source_key, learner_id, competency_id, kind, observed_on, rating, rating_text, score, percentile, "
    "assessor, assessor_role, instrument, context, narrative, batch_id, content_hash FROM observations WHERE id = ?";

// Kind names as text without a QString per row.
const char *kindName(Observation::Kind kind)
{
    switch (kind) {
    case Observation::Kind::Epa:
        return "epa";
    case Observation::Kind::Milestone:
        return "milestone";
    case Observation::Kind::Exam:
        return "exam";
    case Observation::Kind::Narrative:
        return "narrative";
    case Observation::Kind::CccDecision:
        return "ccc_decision";
    case Observation::Kind::Assessment:
        break;
    }
    return "assessment";
}

} // namespace

ObservationBulkWriter::ObservationBulkWriter(Database &db, qint64 sourceId, qint64 batchId)
    : m_db(db), m_sourceId(sourceId), m_batchId(batchId), m_insert(db, insertSql(1).constData()),
      m_insertMany(db, insertSql(kGroupRows).constData()),
      m_selectOld(db, kSelectOldSql),
      m_insertRevision(db, "INSERT INTO observation_revisions (observation_id, revision, batch_id, content_hash, "
                           "replaced_at, previous) VALUES (?, ?, ?, ?, ?, ?)"),
      m_update(db, kUpdateSql), m_insertBound(kColumns + 1), m_insertManyBound(kColumns + 1 + (kGroupRows - 1) * kRowValues)
{
}

void ObservationBulkWriter::KeyTable::reserve(qint64 keys)
{
    // At most 80 % full: probes stay short (a miss looks at about three slots, prefetched),
    // and a key costs 40 bytes. A guess from a file size is capped (at 168 MB of table): a
    // file of wide rows would otherwise reserve far more than it needs.
    constexpr qint64 kMaxReserved = qint64{1} << 22;
    const auto wanted = static_cast<std::size_t>(std::clamp<qint64>(keys, 0, kMaxReserved) * 5 / 4 + 16);
    if (wanted > m_slots.size())
        grow(wanted);
}

std::size_t ObservationBulkWriter::KeyTable::slotOf(qint64 keyHash) const
{
    // Key hashes are SipHash values, already uniform: their top 32 bits scale onto the
    // table directly (tables stay far below 2^32 slots).
    const quint64 top = static_cast<quint64>(keyHash) >> 32;
    return static_cast<std::size_t>((top * m_slots.size()) >> 32);
}

void ObservationBulkWriter::KeyTable::prefetch(qint64 keyHash) const
{
    if (!m_slots.empty())
        __builtin_prefetch(&m_slots[slotOf(keyHash)]);
}

ObservationBulkWriter::KeyTable::Entry *ObservationBulkWriter::KeyTable::find(qint64 keyHash)
{
    if (m_slots.empty())
        return nullptr;
    for (std::size_t i = slotOf(keyHash);; i = i + 1 == m_slots.size() ? 0 : i + 1) {
        Entry &entry = m_slots[i];
        if (entry.revision == 0)
            return nullptr;
        if (entry.keyHash == keyHash)
            return &entry;
    }
}

void ObservationBulkWriter::KeyTable::insert(const Entry &entry)
{
    if (static_cast<std::size_t>(m_size + 1) * 5 > m_slots.size() * 4)
        grow(std::max<std::size_t>(m_slots.size() * 2, 1024));
    std::size_t i = slotOf(entry.keyHash);
    while (m_slots[i].revision != 0)
        i = i + 1 == m_slots.size() ? 0 : i + 1;
    m_slots[i] = entry;
    ++m_size;
}

void ObservationBulkWriter::KeyTable::grow(std::size_t capacity)
{
    std::vector<Entry, HugePageAllocator<Entry>> old(capacity);
    old.swap(m_slots);
    m_size = 0;
    for (const Entry &entry : old) {
        if (entry.revision != 0)
            insert(entry);
    }
}

Result<void> ObservationBulkWriter::loadExisting()
{
    // One pass over the table: the key index covers only rows without a batch, and reading
    // in rowid order is sequential where an index would visit the table at random.
    // Keys are inserted in groups whose slots were prefetched first: one at a time, each
    // insert waits for a cache miss somewhere in a table of tens of megabytes.
    Statement select(m_db,
                     "SELECT key_hash, id, coalesce(content_hash, 0), revision FROM observations WHERE source_id = ?");
    select.bind(1, m_sourceId);
    constexpr std::size_t kGroup = 16;
    std::vector<KeyTable::Entry> group;
    group.reserve(kGroup);
    const auto insertGroup = [&] {
        for (const KeyTable::Entry &entry : group)
            m_existing.prefetch(entry.keyHash);
        for (const KeyTable::Entry &entry : group)
            m_existing.insert(entry);
        group.clear();
    };
    m_sourceRowsSeen = 0;
    auto read = select.forEachRow([&](const Statement &st) {
        ++m_sourceRowsSeen;
        if (!inPartition(st.columnInt64(0)))
            return;
        group.push_back({st.columnInt64(0), st.columnInt64(1), st.columnInt64(2), 0,
                         static_cast<qint32>(std::max<qint64>(st.columnInt64(3), 1))});
        if (group.size() == kGroup)
            insertGroup();
    });
    insertGroup();
    return read;
}

void ObservationBulkWriter::setPartition(int index, int count)
{
    m_partition = index;
    m_partitions = std::max(1, count);
    m_existing = KeyTable();
}

Result<void> ObservationBulkWriter::remove(const QStringList &sourceKeys)
{
    if (sourceKeys.isEmpty())
        return {};
    // The keys' rows are found in one pass, then deleted by id.
    std::vector<std::string> storage;
    storage.reserve(static_cast<std::size_t>(sourceKeys.size()));
    for (const QString &key : sourceKeys)
        storage.push_back(key.toStdString());
    const std::unordered_set<std::string_view> keys(storage.begin(), storage.end());
    std::vector<qint64> ids;
    Statement select(m_db, "SELECT id, source_key FROM observations WHERE source_id = ?");
    select.bind(1, m_sourceId);
    auto found = select.forEachRow([&](const Statement &st) {
        if (keys.count(st.columnUtf8(1)) != 0)
            ids.push_back(st.columnInt64(0));
    });
    if (!found)
        return found;
    Statement remove(m_db, "DELETE FROM observations WHERE id = ?");
    for (qint64 id : ids) {
        remove.bind(1, id);
        if (auto r = remove.exec(); !r)
            return r;
    }
    return {};
}

Result<void> ObservationBulkWriter::suspendIndexes()
{
    // The definitions come from the schema itself, so a migration that changes an index
    // needs no change here. The partial key index over rows without a batch costs this
    // load nothing: it stays.
    Statement indexes(m_db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'observations' "
                            "AND sql IS NOT NULL AND sql NOT LIKE '%batch_id IS NULL%'");
    QList<QPair<QByteArray, QByteArray>> found;
    auto r = indexes.forEachRow([&](const Statement &st) {
        found.append({QByteArray(st.columnUtf8(0).data(), static_cast<qsizetype>(st.columnUtf8(0).size())),
                      QByteArray(st.columnUtf8(1).data(), static_cast<qsizetype>(st.columnUtf8(1).size()))});
    });
    if (!r)
        return r;
    for (const auto &[name, sql] : found) {
        const QByteArray drop = "DROP INDEX \"" + name + "\";";
        if (auto dropped = m_db.execute(drop.constData()); !dropped)
            return dropped;
        m_droppedIndexes.append(sql + ';');
    }
    return {};
}

Result<void> ObservationBulkWriter::restoreIndexes()
{
    // The sort of CREATE INDEX may use a helper thread: the parsing thread is done by now.
    // Best effort: without it the sort runs on this thread alone.
    (void)m_db.execute("PRAGMA threads = 1;");
    // The sorter keeps up to a page cache's worth of keys in memory and sorts them at the
    // end: with the bulk load's 64 MB cache that is one list of a million records, merged
    // with a cache miss at almost every step. With a cache of 512 KB (the size of a core's
    // L2) it sorts runs of that size on the helper thread while this one scans the table,
    // then merges the runs in one sequential pass: the rebuild's CPU time fell by two thirds
    // (docs/sync.md, "Performance"). Index pages are written in order, so the small cache
    // costs the writes nothing. Measured with the rollback journal of a first sync only; in
    // WAL (another connection open) the cache stays as it is.
    qint64 cacheSize = 0;
    if (auto size = m_db.pragmaInt("cache_size"); size && !m_db.inWalMode()) {
        cacheSize = *size;
        (void)m_db.execute("PRAGMA cache_size = -512;");
    }
    Result<void> result;
    for (const QByteArray &sql : std::as_const(m_droppedIndexes)) {
        result = m_db.execute(sql.constData());
        if (!result)
            break;
    }
    if (cacheSize != 0)
        (void)m_db.execute(QByteArray("PRAGMA cache_size = " + QByteArray::number(cacheSize) + ';').constData());
    (void)m_db.execute("PRAGMA threads = 0;");
    if (result)
        m_droppedIndexes.clear();
    return result;
}

void ObservationBulkWriter::bindRow(Statement &st, const ObservationRow &row, int offset, BoundValues *bound)
{
    // A statement keeps its bindings from one execution to the next: a NULL (or the same
    // constant text) already bound at a position need not be bound again. Most exports
    // leave several columns empty on every row.
    static const char kNull = 0;
    const auto same = [&](int index, const void *value) {
        if (!bound)
            return false;
        const void *&last = (*bound)[static_cast<std::size_t>(index)];
        if (last == value)
            return true;
        last = value;
        return false;
    };
    const auto null = [&](int index) {
        if (!same(index, &kNull))
            st.bindNull(index);
    };
    const auto text = [&](int index, const std::string &value) {
        if (value.empty())
            return null(index);
        same(index, nullptr);
        st.bindStatic(index, value);
    };
    const auto number = [&](int index, const std::optional<double> &value) {
        if (!value)
            return null(index);
        same(index, nullptr);
        st.bind(index, *value);
    };
    const int o = offset;
    st.bind(o + 1, row.learnerId);
    if (row.competencyId > 0) {
        same(o + 2, nullptr);
        st.bind(o + 2, row.competencyId);
    } else {
        null(o + 2);
    }
    if (const char *kind = kindName(row.kind); !same(o + 3, kind))
        st.bindStatic(o + 3, kind);
    st.bindStatic(o + 4, row.date);
    number(o + 5, row.rating);
    text(o + 6, row.ratingText);
    number(o + 7, row.score);
    number(o + 8, row.percentile);
    text(o + 9, row.assessor);
    text(o + 10, row.assessorRole);
    text(o + 11, row.instrument);
    text(o + 12, row.context);
    text(o + 13, row.narrative);
    st.bindStatic(o + 14, row.sourceKey);
    st.bind(o + 15, row.keyHash);
    st.bind(o + 16, row.contentHash);
    if (offset == 0) {
        st.bind(17, m_batchId);
        st.bind(18, m_sourceId);
    }
}

int ObservationBulkWriter::rowOffset(int rowInGroup)
{
    return rowInGroup == 0 ? 0 : kColumns + (rowInGroup - 1) * kRowValues;
}

Result<std::vector<const ObservationRow *>> ObservationBulkWriter::flush()
{
    std::vector<const ObservationRow *> collisions;
    std::size_t next = 0;
    while (next < m_pending.size()) {
        const bool group = m_pending.size() - next >= static_cast<std::size_t>(kGroupRows);
        const std::size_t count = group ? kGroupRows : 1;
        Statement &insert = group ? m_insertMany : m_insert;
        BoundValues &bound = group ? m_insertManyBound : m_insertBound;
        for (std::size_t i = 0; i < count; ++i)
            bindRow(insert, *m_pending[next + i], rowOffset(static_cast<int>(i)), &bound);
        if (auto r = insert.exec(); !r)
            return r.error();
        next += count;
    }
    m_pending.clear();
    return collisions;
}

Result<ObservationBulkWriter::Outcome> ObservationBulkWriter::write(const ObservationRow &row, qint64 *firstRow)
{
    // Row numbers beyond 32 bits (a file of hundreds of gigabytes) only blur the message
    // that names the first of two duplicates.
    const auto rowNumber = static_cast<quint32>(std::clamp<qint64>(row.row, 1, UINT32_MAX));
    KeyTable::Entry *found = m_existing.find(row.keyHash);
    if (!found) {
        // Queued for a grouped INSERT; its id is not needed again in this sync (a second
        // row with the key is a duplicate, never an update).
        m_pending.push_back(&row);
        m_existing.insert({row.keyHash, 0, row.contentHash, rowNumber, 1});
        return Outcome::Inserted;
    }
    KeyTable::Entry &existing = *found;
    if (existing.seenInRow != 0) {
        *firstRow = existing.seenInRow;
        return Outcome::Duplicate;
    }
    existing.seenInRow = rowNumber;
    if (existing.contentHash == row.contentHash)
        return Outcome::Unchanged;
    return update(existing, row);
}

Result<ObservationBulkWriter::Outcome> ObservationBulkWriter::update(KeyTable::Entry &existing, const ObservationRow &row)
{
    m_selectOld.bind(1, existing.id);
    auto found = m_selectOld.step();
    if (!found)
        return found.error();
    if (!*found || m_selectOld.columnUtf8(0) != std::string_view(row.sourceKey)) {
        m_selectOld.reset();
        return Outcome::KeyCollision;
    }
    // The replaced values are kept as JSON, so the history reads without knowing the schema.
    QJsonObject previous;
    static const char *const names[] = {"learner_id", "competency_id", "kind", "observed_on", "rating",
                                        "rating_text", "score", "percentile", "assessor", "assessor_role",
                                        "instrument", "context", "narrative", "batch_id"};
    for (int i = 0; i < 14; ++i) {
        const int column = i + 1;
        if (m_selectOld.isNull(column))
            continue;
        const bool numeric = i == 0 || i == 1 || i == 4 || i == 6 || i == 7 || i == 13;
        previous.insert(QLatin1String(names[i]), numeric ? QJsonValue(m_selectOld.columnDouble(column))
                                                         : QJsonValue(m_selectOld.columnText(column)));
    }
    const qint64 oldHash = m_selectOld.columnInt64(15);
    m_selectOld.reset();

    m_insertRevision.bind(1, existing.id);
    m_insertRevision.bind(2, existing.revision);
    m_insertRevision.bind(3, m_batchId);
    m_insertRevision.bind(4, oldHash);
    m_insertRevision.bind(5, nowUtcIso());
    m_insertRevision.bind(6, QString::fromUtf8(QJsonDocument(previous).toJson(QJsonDocument::Compact)));
    if (auto r = m_insertRevision.exec(); !r)
        return r.error();

    bindRow(m_update, row);
    m_update.bind(19, existing.revision + 1);
    m_update.bind(20, existing.id);
    if (auto r = m_update.exec(); !r)
        return r.error();
    existing.revision += 1;
    existing.contentHash = row.contentHash;
    return Outcome::Updated;
}

} // namespace pme::core
