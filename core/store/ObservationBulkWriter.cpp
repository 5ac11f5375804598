// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ObservationBulkWriter.h"

#include "domain/Dates.h"
#include "store/Database.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <cstdio>
#include <QJsonObject>

namespace pme::core {

namespace {
QElapsedTimer s_expSince;
qint64 s_expFlush = 0;

// Column order shared by INSERT and UPDATE: ?1..?18 are the row's values.
constexpr int kColumns = 18;
constexpr int kGroupRows = 32;
constexpr char kInsertHead[] =
    "INSERT OR IGNORE INTO observations (learner_id, competency_id, kind, observed_on, rating, rating_text, score, "
    "percentile, assessor, assessor_role, instrument, context, narrative, source_key, key_hash, content_hash, "
    "batch_id, source_id) VALUES ";

QByteArray insertSql(int rows)
{
    QByteArray sql(kInsertHead);
    for (int r = 0; r < rows; ++r) {
        sql += r == 0 ? "(" : ",(";
        for (int c = 1; c <= kColumns; ++c) {
            sql += '?';
            sql += QByteArray::number(r * kColumns + c);
            sql += c < kColumns ? "," : ")";
        }
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

void bindText(Statement &st, int index, const std::string &text)
{
    if (text.empty())
        st.bindNull(index);
    else
        st.bindStatic(index, text);
}

void bindOptional(Statement &st, int index, const std::optional<double> &value)
{
    if (value)
        st.bind(index, *value);
    else
        st.bindNull(index);
}

} // namespace

ObservationBulkWriter::ObservationBulkWriter(Database &db, qint64 sourceId, qint64 batchId)
    : m_db(db), m_sourceId(sourceId), m_batchId(batchId), m_insert(db, insertSql(1).constData()),
      m_insertMany(db, insertSql(kGroupRows).constData()),
      m_keyExists(db, "SELECT source_key FROM observations WHERE source_id = ? AND key_hash = ?"),
      m_selectOld(db, kSelectOldSql),
      m_insertRevision(db, "INSERT INTO observation_revisions (observation_id, revision, batch_id, content_hash, "
                           "replaced_at, previous) VALUES (?, ?, ?, ?, ?, ?)"),
      m_update(db, kUpdateSql)
{
}

Result<void> ObservationBulkWriter::loadExisting()
{
    s_expSince.start();
    Statement select(m_db, "SELECT key_hash, id, coalesce(content_hash, 0), revision FROM observations WHERE source_id = ?");
    select.bind(1, m_sourceId);
    return select.forEachRow([&](const Statement &st) {
        m_existing.emplace(st.columnInt64(0),
                           Existing{st.columnInt64(1), st.columnInt64(2), 0, static_cast<int>(st.columnInt64(3))});
    });
}

Result<void> ObservationBulkWriter::suspendIndexes()
{
    // The definitions come from the schema itself, so a migration that changes an index
    // needs no change here.
    Statement indexes(m_db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'observations' "
                            "AND sql IS NOT NULL");
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
    std::fprintf(stderr, "EXP since loadExisting %.3f s, in flush %.3f s\n", s_expSince.nsecsElapsed() / 1e9, s_expFlush / 1e9);
    QElapsedTimer expTimer;
    expTimer.start();
    if (qEnvironmentVariableIsSet("PME_EXP_THREADS"))
        (void)m_db.execute(QByteArray("PRAGMA threads = " + qgetenv("PME_EXP_THREADS") + ";").constData());
    if (qEnvironmentVariableIsSet("PME_EXP_SORTCACHE"))
        (void)m_db.execute(QByteArray("PRAGMA cache_size = " + qgetenv("PME_EXP_SORTCACHE") + ";").constData());
    for (const QByteArray &sql : std::as_const(m_droppedIndexes)) {
        if (auto r = m_db.execute(sql.constData()); !r)
            return r;
        std::fprintf(stderr, "EXP index %.3f s: %s\n", expTimer.nsecsElapsed() / 1e9, sql.constData());
        expTimer.restart();
    }
    m_droppedIndexes.clear();
    return {};
}

void ObservationBulkWriter::bindRow(Statement &st, const ObservationRow &row, int offset)
{
    const int o = offset;
    st.bind(o + 1, row.learnerId);
    if (row.competencyId > 0)
        st.bind(o + 2, row.competencyId);
    else
        st.bindNull(o + 2);
    st.bindStatic(o + 3, kindName(row.kind));
    st.bindStatic(o + 4, row.date);
    bindOptional(st, o + 5, row.rating);
    bindText(st, o + 6, row.ratingText);
    bindOptional(st, o + 7, row.score);
    bindOptional(st, o + 8, row.percentile);
    bindText(st, o + 9, row.assessor);
    bindText(st, o + 10, row.assessorRole);
    bindText(st, o + 11, row.instrument);
    bindText(st, o + 12, row.context);
    bindText(st, o + 13, row.narrative);
    st.bindStatic(o + 14, row.sourceKey);
    st.bind(o + 15, row.keyHash);
    st.bind(o + 16, row.contentHash);
    st.bind(o + 17, m_batchId);
    st.bind(o + 18, m_sourceId);
}

Result<std::vector<const ObservationRow *>> ObservationBulkWriter::flush()
{
    QElapsedTimer expT;
    expT.start();
    struct ExpAdd { QElapsedTimer &t; ~ExpAdd() { s_expFlush += t.nsecsElapsed(); } } expAdd{expT};
    std::vector<const ObservationRow *> collisions;
    std::size_t next = 0;
    while (next < m_pending.size()) {
        const bool group = m_pending.size() - next >= static_cast<std::size_t>(kGroupRows);
        const std::size_t count = group ? kGroupRows : 1;
        Statement &insert = group ? m_insertMany : m_insert;
        for (std::size_t i = 0; i < count; ++i)
            bindRow(insert, *m_pending[next + i], static_cast<int>(i) * kColumns);
        if (auto r = insert.exec(); !r)
            return r.error();
        if (static_cast<std::size_t>(m_db.changes()) != count) {
            auto missing = findCollisions(next, count);
            if (!missing)
                return missing.error();
            collisions.insert(collisions.end(), missing->begin(), missing->end());
        }
        next += count;
    }
    m_pending.clear();
    return collisions;
}

// OR IGNORE skipped rows whose key hash was taken by another key of the source: find them.
Result<std::vector<const ObservationRow *>> ObservationBulkWriter::findCollisions(std::size_t first, std::size_t count)
{
    std::vector<const ObservationRow *> missing;
    for (std::size_t i = first; i < first + count; ++i) {
        const ObservationRow *row = m_pending[i];
        m_keyExists.bind(1, m_sourceId);
        m_keyExists.bind(2, row->keyHash);
        auto found = m_keyExists.step();
        if (!found)
            return found.error();
        const bool mine = *found && m_keyExists.columnUtf8(0) == std::string_view(row->sourceKey);
        m_keyExists.reset();
        if (!mine)
            missing.push_back(row);
    }
    return missing;
}

Result<ObservationBulkWriter::Outcome> ObservationBulkWriter::write(const ObservationRow &row, qint64 *firstRow)
{
    auto found = m_existing.find(row.keyHash);
    if (found == m_existing.end()) {
        // Queued for a grouped INSERT; its id is not needed again in this sync (a second
        // row with the key is a duplicate, never an update).
        m_pending.push_back(&row);
        m_existing.emplace(row.keyHash, Existing{0, row.contentHash, row.row, 1});
        return Outcome::Inserted;
    }
    Existing &existing = found->second;
    if (existing.seenInRow != 0) {
        *firstRow = existing.seenInRow;
        return Outcome::Duplicate;
    }
    existing.seenInRow = row.row;
    if (existing.contentHash == row.contentHash)
        return Outcome::Unchanged;
    return update(existing, row);
}

Result<ObservationBulkWriter::Outcome> ObservationBulkWriter::update(Existing &existing, const ObservationRow &row)
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
