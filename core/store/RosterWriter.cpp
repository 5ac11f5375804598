// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/RosterWriter.h"

#include "domain/Dates.h"
#include "store/Database.h"
#include "store/LearnerRepository.h"
#include "store/ProgramRepository.h"
#include "store/Statement.h"

namespace pme::core {

RosterWriter::RosterWriter(Database &db, qint64 sourceId, qint64 batchId)
    : m_db(db), m_sourceId(sourceId), m_batchId(batchId)
{
}

Result<qint64> RosterWriter::programId(const RosterRow &row)
{
    if (auto cached = m_programs.constFind(row.programCode); cached != m_programs.cend())
        return *cached;
    ProgramRepository programs(m_db);
    qint64 id = 0;
    if (auto found = programs.findByCode(row.programCode)) {
        id = found->id;
    } else if (found.error().kind == ErrorKind::NotFound) {
        Program program;
        program.code = row.programCode;
        program.name = row.programName.isEmpty() ? row.programCode : row.programName;
        auto added = programs.add(program);
        if (!added)
            return added;
        id = *added;
    } else {
        return found.error();
    }
    if (!row.frameworkCode.isEmpty()) {
        Statement framework(m_db, "SELECT id FROM frameworks WHERE code = ?");
        framework.bind(1, row.frameworkCode);
        auto found = framework.step();
        if (!found)
            return found.error();
        if (!*found)
            return makeError(ErrorKind::BadInput,
                             tr("The framework '%1' is not in this database; import it first.").arg(row.frameworkCode));
        if (auto r = programs.attachFramework(id, framework.columnInt64(0)); !r)
            return r.error();
    }
    m_programs.insert(row.programCode, id);
    return id;
}

Result<bool> RosterWriter::updateStage(qint64 learnerId, const RosterRow &row)
{
    if (row.stage.isEmpty())
        return false;
    Statement current(m_db, "SELECT id, stage FROM stage_history WHERE learner_id = ? AND ended_on IS NULL "
                            "ORDER BY started_on DESC LIMIT 1");
    current.bind(1, learnerId);
    auto found = current.step();
    if (!found)
        return found.error();
    if (*found && current.columnText(1) == row.stage)
        return false;
    const QString today = toIsoDate(QDate::currentDate());
    if (*found) {
        Statement close(m_db, "UPDATE stage_history SET ended_on = max(started_on, ?) WHERE id = ?");
        close.bind(1, today);
        close.bind(2, current.columnInt64(0));
        current.reset();
        if (auto r = close.exec(); !r)
            return r.error();
    }
    Statement open(m_db, "INSERT INTO stage_history (learner_id, stage, started_on) VALUES (?, ?, ?)");
    open.bind(1, learnerId);
    open.bind(2, row.stage);
    open.bind(3, *found ? today : toIsoDate(row.startDate));
    if (auto r = open.exec(); !r)
        return r.error();
    return true;
}

Result<RosterWriter::Outcome> RosterWriter::writeLearner(const RosterRow &row)
{
    auto program = programId(row);
    if (!program)
        return program.error();
    LearnerRepository learners(m_db);
    auto linked = learners.learnerForIdentity(m_sourceId, row.externalId);
    if (!linked)
        return linked.error();

    Learner wanted;
    wanted.programId = *program;
    wanted.displayName = row.displayName;
    wanted.familyName = row.familyName;
    wanted.givenName = row.givenName;
    wanted.email = row.email;
    wanted.startDate = row.startDate;
    wanted.expectedCompletionDate = row.expectedCompletionDate;
    wanted.status = row.status;

    if (!linked->has_value()) {
        auto id = learners.add(wanted);
        if (!id)
            return id.error();
        if (auto r = learners.addIdentity(m_sourceId, row.externalId, *id); !r)
            return r.error();
        if (auto r = updateStage(*id, row); !r)
            return r.error();
        return Outcome::Inserted;
    }
    auto existing = learners.find(**linked);
    if (!existing)
        return existing.error();
    wanted.id = existing->id;
    auto stageChanged = updateStage(wanted.id, row);
    if (!stageChanged)
        return stageChanged.error();
    const Learner &e = *existing;
    const bool same = e.programId == wanted.programId && e.displayName == wanted.displayName
        && e.familyName == wanted.familyName && e.givenName == wanted.givenName && e.email == wanted.email
        && e.startDate == wanted.startDate && e.expectedCompletionDate == wanted.expectedCompletionDate
        && e.status == wanted.status;
    if (same)
        return *stageChanged ? Outcome::Updated : Outcome::Unchanged;
    if (auto r = learners.update(wanted); !r)
        return r.error();
    return Outcome::Updated;
}

Result<RosterWriter::Outcome> RosterWriter::writeOutcome(const OutcomeRow &row)
{
    Statement existing(m_db, "SELECT id, learner_id, kind, coalesce(competency_id, 0), coalesce(value_text, ''), "
                             "value_number, coalesce(observed_on, '') FROM outcomes WHERE source_id = ? AND source_key = ?");
    existing.bind(1, m_sourceId);
    existing.bind(2, row.sourceKey);
    auto found = existing.step();
    if (!found)
        return found.error();
    const QString date = row.date.isValid() ? toIsoDate(row.date) : QString();
    if (*found) {
        const bool same = existing.columnInt64(1) == row.learnerId && existing.columnText(2) == row.kind
            && existing.columnInt64(3) == row.competencyId && existing.columnText(4) == row.valueText
            && existing.columnOptionalDouble(5) == row.valueNumber && existing.columnText(6) == date;
        const qint64 id = existing.columnInt64(0);
        existing.reset();
        if (same)
            return Outcome::Unchanged;
        Statement update(m_db, "UPDATE outcomes SET learner_id = ?, kind = ?, competency_id = ?, value_text = ?, "
                               "value_number = ?, observed_on = ?, batch_id = ? WHERE id = ?");
        update.bind(1, row.learnerId);
        update.bind(2, row.kind);
        update.bind(3, row.competencyId > 0 ? std::optional<qint64>(row.competencyId) : std::nullopt);
        update.bind(4, row.valueText);
        update.bind(5, row.valueNumber);
        update.bind(6, date);
        update.bind(7, m_batchId);
        update.bind(8, id);
        if (auto r = update.exec(); !r)
            return r.error();
        return Outcome::Updated;
    }
    Statement insert(m_db, "INSERT INTO outcomes (learner_id, kind, competency_id, value_text, value_number, "
                           "observed_on, source_id, source_key, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, row.learnerId);
    insert.bind(2, row.kind);
    insert.bind(3, row.competencyId > 0 ? std::optional<qint64>(row.competencyId) : std::nullopt);
    insert.bind(4, row.valueText);
    insert.bind(5, row.valueNumber);
    insert.bind(6, date);
    insert.bind(7, m_sourceId);
    insert.bind(8, row.sourceKey);
    insert.bind(9, m_batchId);
    if (auto r = insert.exec(); !r)
        return r.error();
    return Outcome::Inserted;
}

} // namespace pme::core
