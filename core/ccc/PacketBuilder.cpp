// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ccc/PacketBuilder.h"

#include "analytics/NarrativeLexicon.h"
#include "analytics/RuleSet.h"
#include "ccc/MeetingRows.h"
#include "domain/Dates.h"
#include "goals/GoalPlanQueries.h"
#include "governance/AccessPolicy.h"
#include "governance/ActingUser.h"
#include "governance/AuditLog.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "workspace/ProfileQueries.h"
#include "workspace/TrajectoryBuilder.h"

#include <QHash>

#include <algorithm>
#include <cmath>

namespace pme::core::ccc {

using workspace::ObservationRow;

namespace {

Result<void> requireCommittee(Database &db, const ActingUser &user, qint64 learnerId)
{
    auto allowed = AccessPolicy::mayRecordCccDecisions(db, user, learnerId);
    if (!allowed)
        return allowed.error();
    if (!*allowed)
        return makeError(ErrorKind::Denied,
                         PacketBuilder::tr("Only the committee members and program directors of "
                                           "the resident's program may read a committee packet."));
    return {};
}

bool isWorkplaceRating(const ObservationRow &o)
{
    return o.rating && o.competencyId && !o.isCommitteeDecision() && o.kind != QLatin1String("exam")
        && o.kind != QLatin1String("narrative");
}

/// The subcompetencies of the learner's program with their scales, in framework order.
Result<QList<ProposedLevel>> programCompetencies(Database &db, qint64 learnerId)
{
    Statement select(db,
                     "SELECT c.id, c.code, c.name, f.scale_min, f.scale_max, f.scale_step, f.target_level "
                     "FROM learners l JOIN program_frameworks pf ON pf.program_id = l.program_id "
                     "JOIN frameworks f ON f.id = pf.framework_id JOIN competencies c ON c.framework_id = f.id "
                     "WHERE l.id = ? ORDER BY f.id, c.sort_order, c.code");
    select.bind(1, learnerId);
    QList<ProposedLevel> list;
    if (auto r = select.forEachRow([&](Statement &s) {
            ProposedLevel p;
            p.competencyId = s.columnInt64(0);
            p.code = s.columnText(1);
            p.name = s.columnText(2);
            p.scaleMin = s.columnDouble(3);
            p.scaleMax = s.columnDouble(4);
            p.scaleStep = s.columnDouble(5);
            p.target = s.columnOptionalDouble(6);
            list.append(p);
        });
        !r)
        return r.error();
    return list;
}

void fillProposals(QList<ProposedLevel> &list, const QList<analytics::ForecastView> &forecasts,
                   const QList<ObservationRow> &observations, const QDate &start, const QDate &periodEnd, int threshold)
{
    QHash<qint64, int> evidence;
    QHash<qint64, std::pair<QDate, double>> previous;
    for (const ObservationRow &o : observations) {
        if (!o.competencyId || !o.rating || o.date > periodEnd)
            continue;
        if (isWorkplaceRating(o)) {
            ++evidence[*o.competencyId];
        } else if (o.isCommitteeDecision() && o.date < periodEnd) {
            // Earlier committee levels are evidence the model used too; this period's own
            // decision sits on the period end and is not counted behind its own proposal.
            ++evidence[*o.competencyId];
            if (o.date >= previous.value(*o.competencyId).first)
                previous.insert(*o.competencyId, {o.date, *o.rating});
        }
    }
    const double t = start.isValid() ? start.daysTo(periodEnd) / 365.25 : 0;
    for (ProposedLevel &p : list) {
        p.evidence = evidence.value(p.competencyId);
        p.tooLittleEvidence = p.evidence < threshold;
        if (previous.contains(p.competencyId))
            p.previousLevel = previous.value(p.competencyId).second;
        const auto f = std::find_if(forecasts.begin(), forecasts.end(),
                                    [&](const analytics::ForecastView &v) { return v.competencyId == p.competencyId; });
        if (f == forecasts.end() || !start.isValid())
            continue;
        p.estimate = f->intercept + f->slope * t;
        p.sd = std::sqrt(std::max(0.0, f->covII + 2 * t * f->covIS + t * t * f->covSS));
        p.level = PacketBuilder::roundToScale(*p.estimate, p.scaleMin, p.scaleMax, p.scaleStep);
    }
}

Result<QList<ProposedLevel>> proposalsFrom(Database &db, qint64 learnerId, const QDate &start,
                                           const QList<analytics::ForecastView> &forecasts,
                                           const QList<ObservationRow> &observations, const QDate &periodEnd)
{
    auto list = programCompetencies(db, learnerId);
    if (!list)
        return list;
    auto threshold = PacketBuilder::evidenceThreshold(db);
    if (!threshold)
        return threshold.error();
    fillProposals(*list, forecasts, observations, start, periodEnd, *threshold);
    return list;
}

QList<NarrativeItem> narrativesOf(const QList<ObservationRow> &observations, const Period &period,
                                  const analytics::NarrativeLexicon &lexicon, int &withConcerns)
{
    QList<NarrativeItem> items;
    withConcerns = 0;
    for (const ObservationRow &o : observations) {
        if (o.narrative.trimmed().isEmpty() || o.date < period.start() || o.date > period.end)
            continue;
        NarrativeItem item{o.id, o.date, o.competencyCode, o.assessor, o.narrative, {}};
        for (const analytics::NarrativeLexicon::Hit &hit : lexicon.scan(o.narrative)) {
            const qsizetype at = o.narrative.indexOf(hit.sentence);
            if (at >= 0)
                item.concerns.append({int(at), int(hit.sentence.size()), lexicon.categoryTitle(hit.category)});
        }
        withConcerns += !item.concerns.isEmpty();
        items.append(item);
    }
    std::stable_sort(items.begin(), items.end(), [](const NarrativeItem &a, const NarrativeItem &b) {
        if (a.concerns.isEmpty() != b.concerns.isEmpty())
            return !a.concerns.isEmpty();
        return a.date > b.date;
    });
    return items;
}

/// Goal plans the resident shared with the program; never a private one (the firewall).
Result<QList<SharedPlanSummary>> sharedPlans(Database &db, const AuditLog &audit, const ActingUser &user,
                                              qint64 learnerId)
{
    if (auto r = AccessPolicy::requireRead(db, user, DataKind::SharedGoalPlans, learnerId); !r)
        return r.error();
    // Which plans are shared is decided here (visibility), whatever else the reader may see;
    // each is then read the way the Goals page reads a plan, with its goals' progress (a
    // committee's read of a shared plan is logged there as a plan view).
    Statement shared(db,
                     "SELECT id FROM goal_plans WHERE learner_id = ? AND visibility = 'program' "
                     "ORDER BY updated_at DESC, id DESC");
    shared.bind(1, learnerId);
    QList<qint64> ids;
    if (auto r = shared.forEachRow([&](Statement &s) { ids.append(s.columnInt64(0)); }); !r)
        return r.error();
    QList<SharedPlanSummary> list;
    for (const qint64 id : std::as_const(ids)) {
        auto full = goals::GoalPlanQueries::plan(db, audit, user, id);
        if (!full)
            return full.error();
        SharedPlanSummary plan;
        plan.id = id;
        plan.title = full->summary.header.title;
        plan.status = full->summary.status;
        plan.periodLabel = full->summary.header.periodLabel;
        for (const goals::Goal &g : std::as_const(full->goals)) {
            ++plan.goals;
            plan.achieved += g.status == QLatin1String("achieved");
            plan.open += g.status == QLatin1String("open");
            plan.statements.append(g.draft.statement);
            plan.progress.append(g.progress.measurable ? g.progress.summary : QString());
        }
        list.append(std::move(plan));
    }
    return list;
}

const analytics::NarrativeLexicon *concerningLanguage()
{
    static const auto lexicon = analytics::NarrativeLexicon::builtIn(QStringLiteral("concerning-language"));
    return lexicon ? &*lexicon : nullptr;
}

Result<void> readEvidence(Database &db, const ActingUser &user, qint64 learnerId, ResidentPacket &packet,
                          workspace::LearnerProfile &profile)
{
    workspace::ObservationFilter filter;
    filter.to = packet.period.end;
    auto observations = workspace::ProfileQueries::observations(db, user, learnerId, filter);
    if (!observations)
        return observations.error();
    profile.observations = std::move(*observations);
    auto forecasts = analytics::AnalyticsQueries::forecasts(db, user, learnerId);
    if (!forecasts)
        return forecasts.error();
    profile.forecasts = std::move(*forecasts);
    profile.competencies = workspace::ProfileQueries::standings(profile.forecasts);
    auto norms = workspace::ProfileQueries::norms(db, user);
    if (!norms)
        return norms.error();
    profile.norms = std::move(*norms);
    auto horizon = workspace::ProfileQueries::lastHorizon(db);
    if (!horizon)
        return horizon.error();
    profile.horizon = horizon->isValid() ? std::min(*horizon, packet.period.end) : packet.period.end;
    return {};
}

Result<void> readFlagsAndExams(Database &db, const ActingUser &user, qint64 learnerId, ResidentPacket &packet,
                               const workspace::LearnerProfile &profile)
{
    analytics::AnalyticsQueries::FlagFilter flags;
    flags.learnerId = learnerId;
    flags.states = {QStringLiteral("open"), QStringLiteral("acknowledged")};
    flags.withEvidence = false;
    auto open = analytics::AnalyticsQueries::flags(db, user, flags);
    if (!open)
        return open.error();
    packet.openFlags = std::move(*open);
    std::stable_sort(
        packet.openFlags.begin(), packet.openFlags.end(),
        [](const analytics::FlagView &a, const analytics::FlagView &b) { return a.severity > b.severity; });
    packet.exams = profile.exams();
    std::reverse(packet.exams.begin(), packet.exams.end());
    return {};
}

} // namespace

double PacketBuilder::roundToScale(double value, double scaleMin, double scaleMax, double step)
{
    if (!(step > 0))
        step = 1;
    const double rounded = scaleMin + std::floor((value - scaleMin) / step + 0.5) * step;
    return std::clamp(rounded, scaleMin, scaleMax);
}

Result<int> PacketBuilder::evidenceThreshold(Database &db)
{
    auto rules = analytics::RuleSet::active(db);
    if (!rules)
        return rules.error();
    return static_cast<int>(
        rules->rule(QStringLiteral("below_expected")).parameter(QStringLiteral("min_observations"), 3));
}

Result<QList<ProposedLevel>> PacketBuilder::proposals(Database &db, const ActingUser &user, qint64 learnerId,
                                                      const QDate &periodEnd)
{
    if (auto r = requireCommittee(db, user, learnerId); !r)
        return r.error();
    auto header = workspace::ProfileQueries::header(db, user, learnerId);
    if (!header)
        return header.error();
    workspace::ObservationFilter filter;
    filter.to = periodEnd;
    auto observations = workspace::ProfileQueries::observations(db, user, learnerId, filter);
    if (!observations)
        return observations.error();
    auto forecasts = analytics::AnalyticsQueries::forecasts(db, user, learnerId);
    if (!forecasts)
        return forecasts.error();
    return proposalsFrom(db, learnerId, header->start, *forecasts, *observations, periodEnd);
}

Result<ResidentPacket> PacketBuilder::build(Database &db, const AuditLog &audit, const ActingUser &user,
                                            qint64 learnerId, const Period &period)
{
    if (!period.isValid())
        return makeError(ErrorKind::BadInput, tr("A packet needs a period: a label and its last day."));
    if (auto r = requireCommittee(db, user, learnerId); !r)
        return r.error();
    ResidentPacket packet;
    packet.period = period;
    workspace::LearnerProfile profile;
    auto header = workspace::ProfileQueries::header(db, user, learnerId);
    if (!header)
        return header.error();
    profile.header = packet.header = *header;
    // Reading a packet is a view of the resident's data, recorded before anything is read.
    const QJsonObject details{{QStringLiteral("learner"), packet.header.name},
                              {QStringLiteral("period"), period.label},
                              {QStringLiteral("period_end"), toIsoDate(period.end)}};
    if (auto r = audit.append(db, user, AuditAction::CccPacketViewed, QStringLiteral("learner"), learnerId, learnerId,
                              detail::compactJson(details));
        !r)
        return r.error();
    if (auto r = readEvidence(db, user, learnerId, packet, profile); !r)
        return r.error();
    auto threshold = evidenceThreshold(db);
    if (!threshold)
        return threshold.error();
    packet.evidenceThreshold = *threshold;
    auto proposals
        = proposalsFrom(db, learnerId, packet.header.start, profile.forecasts, profile.observations, period.end);
    if (!proposals)
        return proposals.error();
    packet.proposals = std::move(*proposals);
    for (const ProposedLevel &p : packet.proposals) {
        workspace::TrajectorySeries series = workspace::TrajectoryBuilder::build(profile, p.competencyId);
        // A subcompetency with neither ratings nor an estimate still gets its named, empty chart.
        series.code = p.code;
        series.name = p.name;
        series.scaleMin = p.scaleMin;
        series.scaleMax = p.scaleMax;
        series.target = p.target;
        packet.trajectories.append(std::move(series));
    }
    if (auto r = readFlagsAndExams(db, user, learnerId, packet, profile); !r)
        return r.error();
    const analytics::NarrativeLexicon *lexicon = concerningLanguage();
    if (!lexicon)
        return makeError(ErrorKind::Internal, tr("The concerning-language lexicon could not be read."));
    packet.narratives = narrativesOf(profile.observations, period, *lexicon, packet.narrativesWithConcerns);
    auto plans = sharedPlans(db, audit, user, learnerId);
    if (!plans)
        return plans.error();
    packet.plans = std::move(*plans);
    return packet;
}

} // namespace pme::core::ccc
