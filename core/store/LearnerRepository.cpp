// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/LearnerRepository.h"

#include "domain/Dates.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"

namespace pme::core {

namespace {

constexpr char kColumns[] = "l.id, l.program_id, l.display_name, l.family_name, l.given_name, l.email, "
                            "l.start_date, l.expected_completion_date, l.status, p.code";

Learner readLearner(const Statement &st)
{
    Learner l;
    l.id = st.columnInt64(0);
    l.programId = st.columnInt64(1);
    l.displayName = st.columnText(2);
    l.familyName = st.columnText(3);
    l.givenName = st.columnText(4);
    l.email = st.columnText(5);
    l.startDate = parseIsoDate(st.columnUtf8(6)).value_or(QDate());
    l.expectedCompletionDate = parseIsoDate(st.columnUtf8(7)).value_or(QDate());
    l.status = Learner::statusFromString(st.columnText(8)).value_or(Learner::Status::Active);
    return l;
}

QString orNull(const QString &text)
{
    return text.isEmpty() ? QString() : text;
}

QString dateOrNull(const QDate &date)
{
    return date.isValid() ? toIsoDate(date) : QString();
}

} // namespace

Result<void> LearnerRepository::validate(const Learner &learner) const
{
    if (learner.displayName.trimmed().isEmpty())
        return makeError(ErrorKind::BadInput, tr("A learner needs a name."));
    if (!learner.startDate.isValid())
        return makeError(ErrorKind::BadInput, tr("The learner '%1' needs a start date.").arg(learner.displayName));
    if (learner.expectedCompletionDate.isValid() && learner.expectedCompletionDate < learner.startDate)
        return makeError(ErrorKind::BadInput,
                         tr("The learner '%1' is expected to complete before they start.").arg(learner.displayName));
    return {};
}

Result<qint64> LearnerRepository::add(const Learner &learner)
{
    if (auto r = validate(learner); !r)
        return r.error();
    Transaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    Statement insert(m_db, "INSERT INTO learners (program_id, display_name, family_name, given_name, email, "
                           "start_date, expected_completion_date, status, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const QString now = nowUtcIso();
    insert.bind(1, learner.programId);
    insert.bind(2, learner.displayName.trimmed());
    insert.bind(3, orNull(learner.familyName));
    insert.bind(4, orNull(learner.givenName));
    insert.bind(5, orNull(learner.email));
    insert.bind(6, toIsoDate(learner.startDate));
    insert.bind(7, dateOrNull(learner.expectedCompletionDate));
    insert.bind(8, Learner::statusToString(learner.status));
    insert.bind(9, now);
    insert.bind(10, now);
    if (auto r = insert.exec(); !r) {
        if (r.error().kind == ErrorKind::Conflict)
            return makeError(ErrorKind::BadInput,
                             tr("The learner '%1' refers to a program that does not exist.").arg(learner.displayName));
        return r.error();
    }
    const qint64 id = m_db.lastInsertRowId();
    if (auto r = tx.commit(); !r)
        return r.error();
    return id;
}

Result<void> LearnerRepository::update(const Learner &learner)
{
    if (auto r = validate(learner); !r)
        return r;
    Transaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    Statement update(m_db, "UPDATE learners SET program_id = ?, display_name = ?, family_name = ?, given_name = ?, "
                           "email = ?, start_date = ?, expected_completion_date = ?, status = ?, updated_at = ? "
                           "WHERE id = ?");
    update.bind(1, learner.programId);
    update.bind(2, learner.displayName.trimmed());
    update.bind(3, orNull(learner.familyName));
    update.bind(4, orNull(learner.givenName));
    update.bind(5, orNull(learner.email));
    update.bind(6, toIsoDate(learner.startDate));
    update.bind(7, dateOrNull(learner.expectedCompletionDate));
    update.bind(8, Learner::statusToString(learner.status));
    update.bind(9, nowUtcIso());
    update.bind(10, learner.id);
    if (auto r = update.exec(); !r)
        return r;
    if (m_db.changes() == 0)
        return makeError(ErrorKind::NotFound, tr("There is no learner with id %1.").arg(learner.id));
    return tx.commit();
}

Result<Learner> LearnerRepository::find(qint64 id)
{
    static const QByteArray sql = QByteArray("SELECT ") + kColumns
        + " FROM learners l JOIN programs p ON p.id = l.program_id WHERE l.id = ?";
    Statement select(m_db, sql.constData());
    select.bind(1, id);
    auto row = select.step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorKind::NotFound, tr("There is no learner with id %1.").arg(id));
    return readLearner(select);
}

Result<QList<LearnerRow>> LearnerRepository::list(const LearnerQuery &query)
{
    // Every filter is always bound; a NULL parameter switches its condition off, which
    // keeps one prepared statement for all combinations.
    static const QByteArray sql = QByteArray("SELECT ") + kColumns
        + " FROM learners l JOIN programs p ON p.id = l.program_id"
          " WHERE (?1 IS NULL OR l.program_id = ?1)"
          " AND (?2 IS NULL OR l.status = ?2)"
          " AND (?3 IS NULL OR instr(lower(l.display_name), lower(?3)) > 0)"
          " ORDER BY l.display_name COLLATE NOCASE, l.id";
    Statement select(m_db, sql.constData());
    select.bind(1, query.programId);
    select.bind(2, query.status ? Learner::statusToString(*query.status) : QString());
    select.bind(3, query.nameContains.isEmpty() ? QString() : query.nameContains);
    QList<LearnerRow> rows;
    auto r = select.forEachRow([&](const Statement &st) {
        const qint64 id = st.columnInt64(0);
        if (query.onlyIds && !query.onlyIds->contains(id))
            return;
        rows.append({readLearner(st), st.columnText(9)});
    });
    if (!r)
        return r.error();
    return rows;
}

Result<qint64> LearnerRepository::addIdentity(qint64 sourceId, const QString &externalId,
                                              std::optional<qint64> learnerId)
{
    if (externalId.trimmed().isEmpty())
        return makeError(ErrorKind::BadInput, tr("An external id cannot be empty."));
    Transaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    const QString now = nowUtcIso();
    Statement upsert(m_db, "INSERT INTO learner_identities (source_id, external_id, learner_id, first_seen_at, "
                           "last_seen_at, linked_at) VALUES (?1, ?2, ?3, ?4, ?4, CASE WHEN ?3 IS NULL THEN NULL ELSE ?4 END) "
                           "ON CONFLICT (source_id, external_id) DO UPDATE SET last_seen_at = excluded.last_seen_at, "
                           "learner_id = coalesce(excluded.learner_id, learner_identities.learner_id), "
                           "linked_at = coalesce(excluded.linked_at, learner_identities.linked_at) "
                           "RETURNING id");
    upsert.bind(1, sourceId);
    upsert.bind(2, externalId.trimmed());
    upsert.bind(3, learnerId);
    upsert.bind(4, now);
    auto row = upsert.step();
    if (!row)
        return row.error();
    const qint64 id = upsert.columnInt64(0);
    upsert.reset();
    if (auto r = tx.commit(); !r)
        return r.error();
    return id;
}

Result<std::optional<qint64>> LearnerRepository::learnerForIdentity(qint64 sourceId, const QString &externalId)
{
    Statement select(m_db, "SELECT learner_id FROM learner_identities WHERE source_id = ? AND external_id = ?");
    select.bind(1, sourceId);
    select.bind(2, externalId.trimmed());
    auto row = select.step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<qint64>();
    return select.columnOptionalInt64(0);
}

Result<QList<LearnerIdentity>> LearnerRepository::identities(qint64 learnerId)
{
    Statement select(m_db, "SELECT id, source_id, external_id, learner_id FROM learner_identities "
                           "WHERE learner_id = ? ORDER BY source_id, external_id");
    select.bind(1, learnerId);
    QList<LearnerIdentity> list;
    auto r = select.forEachRow([&](const Statement &st) {
        list.append({st.columnInt64(0), st.columnInt64(1), st.columnText(2), st.columnOptionalInt64(3)});
    });
    if (!r)
        return r.error();
    return list;
}

Result<QList<LearnerRepository::UnlinkedIdentity>> LearnerRepository::unlinkedIdentities()
{
    Statement select(m_db, "SELECT i.id, s.code, i.external_id, i.first_seen_at, i.last_seen_at "
                           "FROM learner_identities i JOIN sources s ON s.id = i.source_id "
                           "WHERE i.learner_id IS NULL ORDER BY s.code, i.external_id");
    QList<UnlinkedIdentity> list;
    auto r = select.forEachRow([&](const Statement &st) {
        list.append({st.columnInt64(0), st.columnText(1), st.columnText(2), st.columnText(3), st.columnText(4)});
    });
    if (!r)
        return r.error();
    return list;
}

Result<void> LearnerRepository::linkIdentity(const QString &sourceCode, const QString &externalId, qint64 learnerId,
                                             std::optional<qint64> byUserId)
{
    if (auto learner = find(learnerId); !learner)
        return learner.error();
    Transaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    Statement update(m_db, "UPDATE learner_identities SET learner_id = ?, linked_by = ?, linked_at = ? "
                           "WHERE external_id = ? AND source_id = (SELECT id FROM sources WHERE code = ?)");
    update.bind(1, learnerId);
    update.bind(2, byUserId);
    update.bind(3, nowUtcIso());
    update.bind(4, externalId);
    update.bind(5, sourceCode);
    if (auto r = update.exec(); !r)
        return r;
    if (m_db.changes() == 0)
        return makeError(ErrorKind::NotFound,
                         tr("The source '%1' has no id '%2'; sync a file that uses it first.").arg(sourceCode, externalId));
    return tx.commit();
}

} // namespace pme::core

