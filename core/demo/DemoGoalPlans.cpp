// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/DemoGoalPlans.h"

#include "goals/CoachingNotes.h"
#include "goals/GoalPlanQueries.h"
#include "goals/GoalPlanService.h"
#include "governance/ActingUser.h"
#include "governance/AuditLog.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <cmath>

namespace pme::core {

namespace {

using namespace goals;

Result<ActingUser> demoUser(Database &db, const char *username)
{
    Statement select(db, "SELECT id FROM users WHERE username = ?");
    select.bind(1, QString::fromLatin1(username));
    auto row = select.step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorKind::NotFound,
                         DemoGoalPlans::tr("There is no demo account %1.").arg(QLatin1String(username)));
    return ActingUser::load(db, select.columnInt64(0));
}

struct Weakest {
    qint64 competencyId = 0;
    double levelNow = 0;
};

/// The competency where the learner is furthest below the cohort.
Result<Weakest> weakest(Database &db, qint64 learnerId)
{
    Statement select(db,
                     "SELECT competency_id, level_now FROM learner_estimates WHERE learner_id = ? "
                     "ORDER BY level_now - cohort_now, competency_id LIMIT 2");
    select.bind(1, learnerId);
    Weakest w;
    if (auto r = select.forEachRow([&](Statement &s) {
            if (!w.competencyId)
                w = {s.columnInt64(0), s.columnDouble(1)};
        });
        !r)
        return r.error();
    if (!w.competencyId)
        return makeError(ErrorKind::NotFound, DemoGoalPlans::tr("The demo learner has no estimates to set goals on."));
    return w;
}

GoalDraft levelGoal(const Weakest &w, const QDate &today)
{
    GoalDraft g;
    g.statement = DemoGoalPlans::tr("Present my own assessment and plan at every handover");
    g.competencyId = w.competencyId;
    g.measure.kind = GoalMeasure::Kind::CompetencyLevel;
    // Half a level above where the learner is now, on the 0.5 steps of the scale.
    g.measure.target = std::min(5.0, std::ceil((w.levelNow + 0.5) * 2) / 2);
    g.targetDate = today.addMonths(4);
    g.supportRequested = DemoGoalPlans::tr("The coach observes one handover a month");
    g.actions = {GoalAction{0, DemoGoalPlans::tr("Ask the senior for feedback after each handover"),
                            QStringLiteral("learner"), today.addDays(14), std::nullopt},
                 GoalAction{0, DemoGoalPlans::tr("Observe a handover and debrief"), QStringLiteral("coach"),
                            today.addMonths(1), std::nullopt}};
    return g;
}

GoalDraft countGoal(const Weakest &w, const QDate &today)
{
    GoalDraft g;
    g.statement = DemoGoalPlans::tr("Be observed more often on the wards");
    g.competencyId = w.competencyId;
    g.measure.kind = GoalMeasure::Kind::ObservationCount;
    g.measure.target = 6;
    g.measure.since = today.addMonths(-1);
    g.targetDate = today.addMonths(3);
    g.actions = {GoalAction{0, DemoGoalPlans::tr("Book two observed encounters a month"), QStringLiteral("learner"),
                            today.addMonths(1), std::nullopt}};
    return g;
}

GoalDraft examGoal(const QDate &today)
{
    GoalDraft g;
    g.statement = DemoGoalPlans::tr("Reach the 50th percentile on the next in-training exam");
    g.measure.kind = GoalMeasure::Kind::ExamPercentile;
    g.measure.target = 50;
    g.measure.since = today;
    g.targetDate = today.addMonths(10);
    g.supportRequested = DemoGoalPlans::tr("Protected study time: one afternoon a week");
    g.actions = {GoalAction{0, DemoGoalPlans::tr("Question bank: 40 questions a week"), QStringLiteral("learner"),
                            today.addMonths(2), std::nullopt},
                 GoalAction{0, DemoGoalPlans::tr("Arrange the protected afternoon"), QStringLiteral("program"),
                            today.addMonths(1), std::nullopt}};
    return g;
}

Result<void> sign(Database &db, const AuditLog &audit, const ActingUser &user, qint64 planId)
{
    auto plan = GoalPlanQueries::plan(db, audit, user, planId);
    if (!plan)
        return plan.error();
    auto r = GoalPlanService::sign(db, audit, user, planId, plan->versionHash);
    return r ? Result<void>() : Result<void>(r.error());
}

Result<void> notes(Database &db, const AuditLog &audit, const ActingUser &learner, const ActingUser &coach,
                   qint64 learnerId, const QDate &today)
{
    NoteDraft first;
    first.sessionDate = today.addDays(-21);
    first.attendees = DemoGoalPlans::tr("Learner, coach");
    first.body = DemoGoalPlans::tr("Reviewed the last block's assessments together. Handovers are where the "
                                   "ratings dip; nights feel rushed.");
    first.nextSteps = DemoGoalPlans::tr("Draft a goal on handovers before the next session.");
    auto shared = CoachingNotes::write(db, audit, coach, learnerId, first);
    if (!shared)
        return shared.error();
    if (auto r = CoachingNotes::setShared(db, audit, learner, *shared, true); !r)
        return r;
    NoteDraft second;
    second.sessionDate = today.addDays(-7);
    second.attendees = DemoGoalPlans::tr("Learner, coach");
    second.body = DemoGoalPlans::tr("Agreed the handover goal. Talked about workload at home this month.");
    second.nextSteps = DemoGoalPlans::tr("Check in after two weeks of nights.");
    if (auto r = CoachingNotes::write(db, audit, coach, learnerId, second); !r)
        return r.error();
    NoteDraft reflection;
    reflection.kind = QStringLiteral("reflection");
    reflection.sessionDate = today.addDays(-6);
    reflection.body = DemoGoalPlans::tr("Writing the plan down made the next steps feel doable.");
    auto r = CoachingNotes::write(db, audit, learner, learnerId, reflection);
    return r ? Result<void>() : Result<void>(r.error());
}

} // namespace

Result<void> DemoGoalPlans::create(Database &db, const AuditLog &audit, const DemoAccountsCreated &accounts)
{
    auto learner = demoUser(db, "demo-learner");
    auto coach = demoUser(db, "demo-coach");
    if (!learner || !coach)
        return learner ? coach.error() : learner.error();
    const qint64 learnerId = accounts.linkedLearner;
    auto w = weakest(db, learnerId);
    if (!w)
        return w.error();
    const QDate today = QDate::currentDate();

    auto agreed = GoalPlanService::createPlan(
        db, audit, *learner, learnerId,
        PlanHeader{tr("Handovers and feedback"), tr("This block"), today.addMonths(-1), today.addMonths(5)});
    if (!agreed)
        return agreed.error();
    for (const GoalDraft &g : {levelGoal(*w, today), countGoal(*w, today)}) {
        if (auto r = GoalPlanService::addGoal(db, audit, *learner, *agreed, g); !r)
            return r.error();
    }
    if (auto r = GoalPlanService::comment(db, audit, *coach, *agreed,
                                          tr("Realistic. Let us look at the ratings together in a month."));
        !r)
        return r;
    for (const ActingUser *who : {&*coach, &*learner}) {
        if (auto r = sign(db, audit, *who, *agreed); !r)
            return r;
    }
    if (auto r = GoalPlanService::setShared(db, audit, *learner, *agreed, true); !r)
        return r;

    auto draft = GoalPlanService::createPlan(
        db, audit, *coach, learnerId, PlanHeader{tr("In-training exam"), tr("Next year"), today, today.addMonths(11)});
    if (!draft)
        return draft.error();
    if (auto r = GoalPlanService::addGoal(db, audit, *coach, *draft, examGoal(today)); !r)
        return r.error();
    if (auto r = GoalPlanService::comment(db, audit, *learner, *draft,
                                          tr("Can we make it the 40th first? The 50th feels far."));
        !r)
        return r;
    return notes(db, audit, *learner, *coach, learnerId, today);
}

} // namespace pme::core
