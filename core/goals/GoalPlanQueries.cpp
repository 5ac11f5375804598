// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "goals/GoalPlanQueries.h"

#include "goals/GoalProgress.h"
#include "goals/PlanRecords.h"
#include "governance/AccessPolicy.h"
#include "governance/ActingUser.h"
#include "governance/AuditLog.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace pme::core::goals {

namespace {

Result<bool> mayReadPlan(Database &db, const ActingUser &user, const QString &visibility, qint64 learnerId)
{
    return AccessPolicy::mayRead(db, user, AccessPolicy::goalPlanKind(visibility), learnerId);
}

Result<void> addProgress(Database &db, GoalPlan &plan)
{
    const QDate today = QDate::currentDate();
    for (Goal &g : plan.goals) {
        auto progress = GoalProgress::evaluate(db, plan.summary.learnerId, g.draft, g.competencyCode,
                                               plan.summary.header.startsOn);
        if (!progress)
            return progress.error();
        g.progress = *progress;
        g.overdue
            = plan.isAgreed() && g.status == QLatin1String("open") && g.draft.targetDate && *g.draft.targetDate < today;
    }
    return {};
}

void addPermissions(GoalPlan &plan, const ActingUser &user, bool coProducer)
{
    const bool open = plan.summary.status != QLatin1String("closed");
    plan.mayEdit = coProducer && open;
    const bool isLearner = user.hasRole(Role::Learner) && user.learnerId() == plan.summary.learnerId;
    plan.signAs = isLearner ? QStringLiteral("learner") : QStringLiteral("coach");
    bool signedMine = false;
    for (const PlanSignature &s : std::as_const(plan.signatures)) {
        signedMine |= s.userId == user.id();
        plan.signedByLearner |= s.as == QLatin1String("learner");
        plan.signedByCoach |= s.as == QLatin1String("coach");
    }
    plan.maySign = plan.mayEdit && !signedMine && !plan.goals.isEmpty() && !plan.isAgreed();
    plan.mayShare = isLearner;
}

} // namespace

Result<bool> GoalPlanQueries::mayCoProduce(Database &db, const ActingUser &user, qint64 learnerId)
{
    return AccessPolicy::mayCoProduce(db, user, learnerId);
}

Result<QList<PlanSummary>> GoalPlanQueries::plans(Database &db, const ActingUser &user, qint64 learnerId)
{
    auto shared = mayReadPlan(db, user, QStringLiteral("program"), learnerId);
    if (!shared)
        return shared.error();
    auto unshared = mayReadPlan(db, user, QStringLiteral("private"), learnerId);
    if (!unshared)
        return unshared.error();
    if (!*shared && !*unshared)
        return makeError(ErrorKind::Denied,
                         tr("Your roles do not give access to %1 of this learner.")
                             .arg(AccessPolicy::describe(DataKind::SharedGoalPlans)));
    Statement select(db,
                     "SELECT id, visibility FROM goal_plans WHERE learner_id = ? ORDER BY created_at DESC, id DESC");
    select.bind(1, learnerId);
    QList<qint64> ids;
    if (auto r = select.forEachRow([&](Statement &s) {
            const bool isShared = s.columnText(1) == QLatin1String("program");
            if (isShared ? *shared : *unshared)
                ids.append(s.columnInt64(0));
        });
        !r)
        return r.error();
    QList<PlanSummary> list;
    for (qint64 id : std::as_const(ids)) {
        auto plan = PlanRecords::plan(db, id);
        if (!plan)
            return plan.error();
        list.append(*plan);
    }
    return list;
}

Result<GoalPlan> GoalPlanQueries::plan(Database &db, const AuditLog &audit, const ActingUser &user, qint64 planId)
{
    auto summary = PlanRecords::plan(db, planId);
    if (!summary)
        return summary.error();
    if (auto r
        = AccessPolicy::requireRead(db, user, AccessPolicy::goalPlanKind(summary->visibility), summary->learnerId);
        !r)
        return r.error();
    auto coProducer = AccessPolicy::mayCoProduce(db, user, summary->learnerId);
    if (!coProducer)
        return coProducer.error();
    GoalPlan plan;
    plan.summary = *summary;
    Statement name(db, "SELECT display_name FROM learners WHERE id = ?");
    name.bind(1, summary->learnerId);
    if (auto r = name.forEachRow([&](Statement &s) { plan.learnerName = s.columnText(0); }); !r)
        return r.error();
    auto goals = PlanRecords::goals(db, planId);
    if (!goals)
        return goals.error();
    plan.goals = *goals;
    auto events = PlanRecords::events(db, planId);
    if (!events)
        return events.error();
    plan.history = *events;
    plan.versionHash = PlanRecords::versionHash(plan.summary, plan.goals);
    plan.signatures = PlanRecords::signaturesOn(plan.history, plan.summary.version, plan.versionHash);
    if (auto r = addProgress(db, plan); !r)
        return r.error();
    addPermissions(plan, user, *coProducer);
    if (!*coProducer) {
        // Someone outside the coaching pair read a plan the learner shared: a crossing.
        const QJsonObject details{{QStringLiteral("plan"), static_cast<double>(planId)},
                                  {QStringLiteral("version"), plan.summary.version}};
        if (auto r
            = audit.append(db, user, AuditAction::PlanViewed, QStringLiteral("goal_plan"), planId, summary->learnerId,
                           QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)));
            !r)
            return r.error();
    }
    return plan;
}

Result<QList<CompetencyChoice>> GoalPlanQueries::competencies(Database &db, const ActingUser &user, qint64 learnerId)
{
    if (auto r = AccessPolicy::requireRead(db, user, DataKind::Profile, learnerId); !r)
        return r.error();
    Statement select(db,
                     "SELECT c.id, c.code, c.name FROM competencies c WHERE c.id IN (SELECT competency_id FROM "
                     "learner_estimates WHERE learner_id = ?1) OR c.id IN (SELECT competency_id FROM observations "
                     "WHERE learner_id = ?1) ORDER BY c.framework_id, c.sort_order, c.code");
    select.bind(1, learnerId);
    QList<CompetencyChoice> list;
    if (auto r = select.forEachRow([&](Statement &s) {
            list.append(CompetencyChoice{s.columnInt64(0), s.columnText(1), s.columnText(2)});
        });
        !r)
        return r.error();
    return list;
}

Result<QList<FlagGoalLink>> GoalPlanQueries::goalsFromFlag(Database &db, const ActingUser &user, qint64 flagId)
{
    Statement select(db,
                     "SELECT p.id, g.id, p.title, g.statement, g.status, p.visibility, p.learner_id "
                     "FROM goals g JOIN goal_plans p ON p.id = g.plan_id WHERE g.from_flag_id = ? "
                     "ORDER BY p.id, g.sort_order, g.id");
    select.bind(1, flagId);
    QList<std::pair<FlagGoalLink, std::pair<QString, qint64>>> found;
    if (auto r = select.forEachRow([&](Statement &s) {
            found.append(
                {FlagGoalLink{s.columnInt64(0), s.columnInt64(1), s.columnText(2), s.columnText(3), s.columnText(4)},
                 {s.columnText(5), s.columnInt64(6)}});
        });
        !r)
        return r.error();
    QList<FlagGoalLink> links;
    for (const auto &[link, owner] : std::as_const(found)) {
        auto allowed = mayReadPlan(db, user, owner.first, owner.second);
        if (!allowed)
            return allowed.error();
        if (*allowed)
            links.append(link);
    }
    return links;
}

} // namespace pme::core::goals
