// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ObservationRepository.h"

#include "domain/Dates.h"
#include "domain/Hashing.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"

namespace pme::core {

namespace {

QString orNull(const QString &text)
{
    return text.isEmpty() ? QString() : text;
}

Observation readObservation(const Statement &st)
{
    Observation o;
    o.id = st.columnInt64(0);
    o.learnerId = st.columnInt64(1);
    o.competencyId = st.columnOptionalInt64(2);
    o.kind = Observation::kindFromString(st.columnText(3)).value_or(Observation::Kind::Assessment);
    o.observedOn = parseIsoDate(st.columnUtf8(4)).value_or(QDate());
    o.rating = st.columnOptionalDouble(5);
    o.ratingText = st.columnText(6);
    o.score = st.columnOptionalDouble(7);
    o.percentile = st.columnOptionalDouble(8);
    o.assessor = st.columnText(9);
    o.assessorRole = st.columnText(10);
    o.instrument = st.columnText(11);
    o.context = st.columnText(12);
    o.narrative = st.columnText(13);
    o.sourceId = st.columnInt64(14);
    o.sourceKey = st.columnText(15);
    o.batchId = st.columnOptionalInt64(16);
    o.contentHash = st.columnOptionalInt64(17);
    o.revision = static_cast<int>(st.columnInt64(18));
    return o;
}

} // namespace

Result<qint64> ObservationRepository::insert(const Observation &o)
{
    if (!o.observedOn.isValid())
        return makeError(ErrorKind::BadInput, tr("An observation needs a valid date."));
    if (o.sourceKey.isEmpty())
        return makeError(ErrorKind::BadInput, tr("An observation needs a source key."));
    Transaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    // Synced rows are kept unique by the sync's own key table, not by an index (docs/sync.md,
    // "Performance"), so a single insert checks the key itself.
    Statement exists(m_db, "SELECT 1 FROM observations WHERE source_id = ? AND key_hash = ? AND source_key = ?");
    exists.bind(1, o.sourceId);
    exists.bind(2, stableHash64(o.sourceKey));
    exists.bind(3, o.sourceKey);
    auto found = exists.step();
    if (!found)
        return found.error();
    if (*found)
        return makeError(ErrorKind::Conflict, tr("The observation '%1' is already stored.").arg(o.sourceKey));
    exists.reset();
    Statement insert(m_db, "INSERT INTO observations (learner_id, competency_id, kind, observed_on, rating, "
                           "rating_text, score, percentile, assessor, assessor_role, instrument, context, "
                           "narrative, source_id, source_key, batch_id, content_hash, revision, key_hash) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, o.learnerId);
    insert.bind(2, o.competencyId);
    insert.bind(3, Observation::kindToString(o.kind));
    insert.bind(4, toIsoDate(o.observedOn));
    insert.bind(5, o.rating);
    insert.bind(6, orNull(o.ratingText));
    insert.bind(7, o.score);
    insert.bind(8, o.percentile);
    insert.bind(9, orNull(o.assessor));
    insert.bind(10, orNull(o.assessorRole));
    insert.bind(11, orNull(o.instrument));
    insert.bind(12, orNull(o.context));
    insert.bind(13, orNull(o.narrative));
    insert.bind(14, o.sourceId);
    insert.bind(15, o.sourceKey);
    insert.bind(16, o.batchId);
    insert.bind(17, o.contentHash);
    insert.bind(18, o.revision);
    insert.bind(19, stableHash64(o.sourceKey));
    if (auto r = insert.exec(); !r)
        return makeError(r.error().kind, tr("The observation '%1' could not be stored: %2")
                                             .arg(o.sourceKey, r.error().message));
    const qint64 id = m_db.lastInsertRowId();
    if (auto r = tx.commit(); !r)
        return r.error();
    return id;
}

Result<QList<Observation>> ObservationRepository::query(const ObservationQuery &q)
{
    Statement select(m_db, "SELECT id, learner_id, competency_id, kind, observed_on, rating, rating_text, score, "
                           "percentile, assessor, assessor_role, instrument, context, narrative, source_id, "
                           "source_key, batch_id, content_hash, revision FROM observations "
                           "WHERE learner_id = ?1 AND (?2 IS NULL OR competency_id = ?2) "
                           "AND (?3 IS NULL OR kind = ?3) AND (?4 IS NULL OR observed_on >= ?4) "
                           "AND (?5 IS NULL OR observed_on <= ?5) ORDER BY observed_on, id");
    select.bind(1, q.learnerId);
    select.bind(2, q.competencyId);
    select.bind(3, q.kind ? Observation::kindToString(*q.kind) : QString());
    select.bind(4, q.from.isValid() ? toIsoDate(q.from) : QString());
    select.bind(5, q.to.isValid() ? toIsoDate(q.to) : QString());
    QList<Observation> list;
    if (auto r = select.forEachRow([&](const Statement &st) { list.append(readObservation(st)); }); !r)
        return r.error();
    return list;
}

Result<qint64> ObservationRepository::count()
{
    Statement select(m_db, "SELECT count(*) FROM observations");
    auto row = select.step();
    if (!row)
        return row.error();
    return select.columnInt64(0);
}

} // namespace pme::core
