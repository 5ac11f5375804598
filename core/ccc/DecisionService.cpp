// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ccc/DecisionService.h"

#include "analytics/AnalyticsEngine.h"
#include "ccc/MeetingRows.h"
#include "ccc/PacketBuilder.h"
#include "domain/Dates.h"
#include "domain/Observation.h"
#include "governance/AccessPolicy.h"
#include "governance/ActingUser.h"
#include "governance/AuditLog.h"
#include "store/Database.h"
#include "store/ObservationRepository.h"
#include "store/SourceRepository.h"
#include "store/Statement.h"
#include "store/Transaction.h"

#include <QJsonObject>
#include <QLocale>
#include <QSet>

#include <cmath>

namespace pme::core::ccc {

namespace {

using detail::compactJson;

Result<void> requireDecider(Database &db, const ActingUser &user, qint64 learnerId)
{
    auto allowed = AccessPolicy::mayRecordCccDecisions(db, user, learnerId);
    if (!allowed)
        return allowed.error();
    if (!*allowed)
        return makeError(ErrorKind::Denied,
                         DecisionService::tr("Only the committee members and program directors of "
                                             "the resident's program record committee decisions."));
    return {};
}

bool onScale(const ProposedLevel &p, double level)
{
    if (!std::isfinite(level) || level < p.scaleMin - 1e-9 || level > p.scaleMax + 1e-9)
        return false;
    const double steps = (level - p.scaleMin) / p.scaleStep;
    return std::abs(steps - std::round(steps)) < 1e-6;
}

QString levelText(double level)
{
    return QLocale::c().toString(level, 'g', 4);
}

Result<void> checkLevel(const ProposedLevel &p, double level, const QString &rationale)
{
    if (!onScale(p, level))
        return makeError(
            ErrorKind::BadInput,
            DecisionService::tr("%1: %2 is not a level of the scale (%3 to %4 in steps "
                                "of %5).")
                .arg(p.code, levelText(level), levelText(p.scaleMin), levelText(p.scaleMax), levelText(p.scaleStep)));
    if (!rationale.trimmed().isEmpty())
        return {};
    if (!p.level)
        return makeError(ErrorKind::BadInput,
                         DecisionService::tr("%1: there is no proposed level to accept, so the level needs a short "
                                             "rationale.")
                             .arg(p.code));
    if (std::abs(*p.level - level) > 1e-9)
        return makeError(ErrorKind::BadInput,
                         DecisionService::tr("%1: the committee's level %2 overrides the proposed "
                                             "level %3, so it needs a short rationale.")
                             .arg(p.code, levelText(level), levelText(*p.level)));
    return {};
}

Result<void> checkActions(const QList<ActionItem> &actions)
{
    for (const ActionItem &a : actions) {
        if (!std::any_of(std::begin(kActionKinds), std::end(kActionKinds),
                         [&](const char *k) { return a.kind == QLatin1String(k); }))
            return makeError(ErrorKind::BadInput,
                             DecisionService::tr("'%1' is not a kind of action (coaching, "
                                                 "learning_plan, remediation, referral).")
                                 .arg(a.kind));
        if (a.description.trimmed().isEmpty())
            return makeError(ErrorKind::BadInput, DecisionService::tr("An action needs a description."));
        if (!a.dueOn.isValid())
            return makeError(ErrorKind::BadInput,
                             DecisionService::tr("The action '%1' needs a due date.").arg(a.description.trimmed()));
    }
    return {};
}

Result<void> checkDecision(const ResidentDecision &d, const QList<ProposedLevel> &proposals)
{
    if (!d.progress)
        return makeError(ErrorKind::BadInput, DecisionService::tr("The overall progress judgement is missing."));
    if (*d.progress != Progress::AsExpected && d.progressRationale.trimmed().isEmpty())
        return makeError(ErrorKind::BadInput,
                         DecisionService::tr("A progress judgement other than \"as expected\" "
                                             "needs its rationale."));
    QSet<qint64> seen;
    for (const LevelChoice &choice : d.levels) {
        const auto p = std::find_if(proposals.begin(), proposals.end(),
                                    [&](const ProposedLevel &x) { return x.competencyId == choice.competencyId; });
        if (p == proposals.end())
            return makeError(ErrorKind::BadInput,
                             DecisionService::tr("Competency %1 is not one of the resident's "
                                                 "subcompetencies.")
                                 .arg(choice.competencyId));
        if (seen.contains(choice.competencyId))
            return makeError(ErrorKind::BadInput, DecisionService::tr("%1 is decided twice.").arg(p->code));
        seen.insert(choice.competencyId);
        if (auto r = checkLevel(*p, choice.level, choice.rationale); !r)
            return r;
    }
    return checkActions(d.actions);
}

struct DecisionRow {
    qint64 meetingId = 0, learnerId = 0;
    std::optional<qint64> competencyId;
    std::optional<double> proposed, level;
    std::optional<Progress> progress;
    QString rationale;
    std::optional<qint64> supersedes;
    std::optional<qint64> observationId;
};

Result<qint64> insertDecision(Database &db, const ActingUser &user, const DecisionRow &row, const QString &now)
{
    Statement insert(db,
                     "INSERT INTO ccc_decisions (meeting_id, learner_id, competency_id, proposed_level, level, "
                     "progress, rationale, decided_by, finalized_at, supersedes_id, observation_id, created_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, row.meetingId);
    insert.bind(2, row.learnerId);
    insert.bind(3, row.competencyId);
    insert.bind(4, row.proposed);
    insert.bind(5, row.level);
    insert.bind(6, row.progress ? std::optional<QString>(progressKey(*row.progress)) : std::nullopt);
    insert.bind(7, row.rationale.trimmed().isEmpty() ? QString() : row.rationale.trimmed());
    insert.bind(8, user.id());
    insert.bind(9, now);
    insert.bind(10, row.supersedes);
    insert.bind(11, row.observationId);
    insert.bind(12, now);
    if (auto r = insert.exec(); !r)
        return r.error();
    return db.lastInsertRowId();
}

Result<qint64> insertObservation(Database &db, const Meeting &meeting, qint64 learnerId, qint64 competencyId,
                                 double level, qint64 decisionId)
{
    auto source = SourceRepository(db).findByCode(QStringLiteral("pmecoach"));
    if (!source)
        return source.error();
    Observation o;
    o.learnerId = learnerId;
    o.competencyId = competencyId;
    o.kind = Observation::Kind::CccDecision;
    o.observedOn = meeting.period.end;
    o.rating = level;
    o.ratingText = levelText(level);
    o.assessor = QStringLiteral("Clinical Competency Committee");
    o.assessorRole = QStringLiteral("ccc");
    o.instrument = QStringLiteral("CCC decision");
    o.context = meeting.period.label;
    o.sourceId = *source;
    o.sourceKey = QStringLiteral("ccc:%1:%2:%3").arg(meeting.id).arg(learnerId).arg(competencyId);
    auto id = ObservationRepository(db).insert(o);
    if (!id)
        return id;
    Statement link(db, "UPDATE ccc_decisions SET observation_id = ? WHERE id = ?");
    link.bind(1, *id);
    link.bind(2, decisionId);
    if (auto r = link.exec(); !r)
        return r.error();
    return id;
}

Result<qint64> insertIntervention(Database &db, const ActingUser &user, const Meeting &meeting, qint64 learnerId,
                                  qint64 decisionId, const ActionItem &a, const QString &now)
{
    Statement insert(db,
                     "INSERT INTO interventions (learner_id, kind, description, owner_user_id, started_on, "
                     "due_on, ccc_decision_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, learnerId);
    insert.bind(2, a.kind);
    insert.bind(3, a.description.trimmed());
    insert.bind(4, a.ownerUserId);
    insert.bind(5, toIsoDate(meeting.heldOn));
    insert.bind(6, toIsoDate(a.dueOn));
    insert.bind(7, decisionId);
    insert.bind(8, user.id());
    insert.bind(9, now);
    if (auto r = insert.exec(); !r)
        return r.error();
    return db.lastInsertRowId();
}

Result<void> auditDecision(Database &db, const AuditLog &audit, const ActingUser &user, QLatin1String action,
                           qint64 decisionId, const DecisionRow &row, const QString &code)
{
    QJsonObject details{{QStringLiteral("meeting"), row.meetingId}};
    if (row.competencyId) {
        details.insert(QStringLiteral("competency"), code);
        details.insert(QStringLiteral("level"), *row.level);
        if (row.proposed)
            details.insert(QStringLiteral("proposed"), *row.proposed);
    } else if (row.progress) {
        details.insert(QStringLiteral("progress"), progressKey(*row.progress));
    }
    if (row.supersedes)
        details.insert(QStringLiteral("supersedes"), *row.supersedes);
    details.insert(QStringLiteral("rationale"), !row.rationale.trimmed().isEmpty());
    if (auto r = audit.append(db, user, action, QStringLiteral("ccc_decision"), decisionId, row.learnerId,
                              compactJson(details));
        !r)
        return r.error();
    return {};
}

} // namespace

namespace detail {

QString refreshLearner(Database &db, const AuditLog &audit, const ActingUser &user, qint64 learnerId)
{
    Statement models(db, "SELECT count(*) FROM growth_models");
    auto row = models.step();
    if (!row)
        return row.error().message;
    if (!*row || models.columnInt64(0) == 0)
        return {};
    models.reset();
    analytics::RecomputeRequest request;
    request.learnerIds = {learnerId};
    request.audit = &audit;
    request.user = &user;
    auto run = analytics::AnalyticsEngine::recompute(db, request);
    return run ? QString() : run.error().message;
}

} // namespace detail

namespace {

Result<bool> anyFinalized(Database &db, qint64 meetingId, qint64 learnerId)
{
    Statement select(db,
                     "SELECT 1 FROM ccc_decisions WHERE meeting_id = ? AND learner_id = ? "
                     "AND finalized_at IS NOT NULL LIMIT 1");
    select.bind(1, meetingId);
    select.bind(2, learnerId);
    return select.step();
}


/// What finalising needs to have checked: the meeting, the resident on its agenda, the
/// decider, the entries against the proposals, and nothing finalised yet.
Result<QList<ProposedLevel>> checkFinalize(Database &db, const ActingUser &user, const ResidentDecision &d,
                                           const Meeting &meeting)
{
    if (meeting.isClosed())
        return makeError(ErrorKind::Conflict,
                         DecisionService::tr("The meeting is closed: a decision now can only "
                                             "supersede one already made, with a reason."));
    auto listed = detail::onAgenda(db, d.meetingId, d.learnerId);
    if (!listed)
        return listed.error();
    if (!*listed)
        return makeError(ErrorKind::BadInput,
                         DecisionService::tr("Learner %1 is not on this meeting's agenda.").arg(d.learnerId));
    if (auto r = requireDecider(db, user, d.learnerId); !r)
        return r.error();
    auto proposals = PacketBuilder::proposals(db, user, d.learnerId, meeting.period.end);
    if (!proposals)
        return proposals;
    if (auto r = checkDecision(d, *proposals); !r)
        return r.error();
    auto done = anyFinalized(db, d.meetingId, d.learnerId);
    if (!done)
        return done.error();
    if (*done)
        return makeError(ErrorKind::Conflict,
                         DecisionService::tr("This resident's decisions at this meeting are already finalised. A "
                                             "finalised decision is changed only by a new decision that "
                                             "supersedes it, with a reason."));
    return proposals;
}

/// The levels: a decision, its observation and its audit entry each.
Result<void> writeLevels(Database &db, const AuditLog &audit, const ActingUser &user, const Meeting &meeting,
                         const ResidentDecision &d, const QList<ProposedLevel> &proposals, const QString &now,
                         FinalizeOutcome &out)
{
    for (const LevelChoice &choice : d.levels) {
        const ProposedLevel *p = nullptr;
        for (const ProposedLevel &x : proposals)
            p = x.competencyId == choice.competencyId ? &x : p;
        const DecisionRow row{d.meetingId,  d.learnerId,      choice.competencyId, p->level,    choice.level,
                              std::nullopt, choice.rationale, std::nullopt,        std::nullopt};
        auto id = insertDecision(db, user, row, now);
        if (!id)
            return id.error();
        auto observation = insertObservation(db, meeting, d.learnerId, choice.competencyId, choice.level, *id);
        if (!observation)
            return observation.error();
        if (auto r = auditDecision(db, audit, user, AuditAction::CccDecisionFinalized, *id, row, p->code); !r)
            return r;
        out.decisionIds.append(*id);
        out.observationIds.append(*observation);
    }
    return {};
}

/// The progress judgement with its actions, the resident's note, and the meeting started.
Result<void> writeJudgement(Database &db, const AuditLog &audit, const ActingUser &user, const Meeting &meeting,
                            const ResidentDecision &d, const QString &now, FinalizeOutcome &out)
{
    const DecisionRow overall{d.meetingId, d.learnerId,         std::nullopt, std::nullopt, std::nullopt,
                              d.progress,  d.progressRationale, std::nullopt, std::nullopt};
    auto overallId = insertDecision(db, user, overall, now);
    if (!overallId)
        return overallId.error();
    if (auto r = auditDecision(db, audit, user, AuditAction::CccDecisionFinalized, *overallId, overall, {}); !r)
        return r;
    out.decisionIds.append(*overallId);
    for (const ActionItem &a : d.actions) {
        auto id = insertIntervention(db, user, meeting, d.learnerId, *overallId, a, now);
        if (!id)
            return id.error();
        out.interventionIds.append(*id);
    }
    // The first decision starts a planned meeting.
    Statement started(db, "UPDATE ccc_meetings SET status = 'in_progress' WHERE id = ? AND status = 'planned'");
    started.bind(1, d.meetingId);
    if (auto r = started.exec(); !r)
        return r;
    Statement note(db, "UPDATE ccc_agenda_items SET note = ? WHERE meeting_id = ? AND learner_id = ?");
    note.bind(1, d.note.trimmed().isEmpty() ? QString() : d.note.trimmed());
    note.bind(2, d.meetingId);
    note.bind(3, d.learnerId);
    return note.exec();
}

} // namespace

Result<FinalizeOutcome> DecisionService::finalize(Database &db, const AuditLog &audit, const ActingUser &user,
                                                  const ResidentDecision &d)
{
    auto meeting = detail::readMeetingFor(db, user, d.meetingId);
    if (!meeting)
        return meeting.error();
    auto proposals = checkFinalize(db, user, d, *meeting);
    if (!proposals)
        return proposals.error();
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    const QString now = nowUtcIso();
    FinalizeOutcome out;
    if (auto r = writeLevels(db, audit, user, *meeting, d, *proposals, now, out); !r)
        return r.error();
    if (auto r = writeJudgement(db, audit, user, *meeting, d, now, out); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    out.analyticsError = detail::refreshLearner(db, audit, user, d.learnerId);
    return out;
}

} // namespace pme::core::ccc
