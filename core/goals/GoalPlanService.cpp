// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "goals/GoalPlanService.h"

#include "domain/Dates.h"
#include "goals/GoalRows.h"
#include "goals/PlanRecords.h"
#include "governance/AccessPolicy.h"
#include "governance/ActingUser.h"
#include "governance/AuditLog.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"

#include <QJsonDocument>

namespace pme::core::goals {

namespace {

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonValue dateValue(const std::optional<QDate> &date)
{
    return date ? QJsonValue(toIsoDate(*date)) : QJsonValue();
}

QJsonObject headerContent(const PlanHeader &h)
{
    return QJsonObject{{QStringLiteral("title"), h.title.trimmed()},
                       {QStringLiteral("period"), h.periodLabel.trimmed()},
                       {QStringLiteral("starts_on"), dateValue(h.startsOn)},
                       {QStringLiteral("ends_on"), dateValue(h.endsOn)}};
}

struct Event {
    const char *kind;
    std::optional<qint64> goalId;
    QJsonObject body;
};

Result<void> addEvent(Database &db, const ActingUser &user, qint64 planId, const Event &e, int version,
                      const QByteArray &hash)
{
    Statement insert(db,
                     "INSERT INTO goal_plan_events (plan_id, goal_id, kind, author_user_id, at, plan_version, "
                     "version_hash, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, planId);
    insert.bind(2, e.goalId);
    insert.bind(3, QString::fromLatin1(e.kind));
    insert.bind(4, user.id());
    insert.bind(5, nowUtcIso());
    insert.bind(6, version);
    if (hash.isEmpty())
        insert.bindNull(7);
    else
        insert.bindBlob(7, hash.constData(), static_cast<int>(hash.size()));
    insert.bind(8, compact(e.body));
    return insert.exec();
}

Result<void> auditPlan(Database &db, const AuditLog &audit, const ActingUser &user, QLatin1String action,
                       const PlanSummary &plan, QJsonObject details)
{
    details.insert(QStringLiteral("plan"), static_cast<double>(plan.id));
    auto r = audit.append(db, user, action, QStringLiteral("goal_plan"), plan.id, plan.learnerId, compact(details));
    if (!r)
        return r.error();
    return {};
}

/// The plan, when user may change it: the learner or their coach, and the plan not closed.
Result<PlanSummary> writable(Database &db, const ActingUser &user, qint64 planId)
{
    auto plan = PlanRecords::plan(db, planId);
    if (!plan)
        return plan.error();
    auto allowed = AccessPolicy::mayCoProduce(db, user, plan->learnerId);
    if (!allowed)
        return allowed.error();
    if (!*allowed)
        return makeError(ErrorKind::Denied,
                         GoalPlanService::tr("Only the learner and their coach can change or sign "
                                             "a goal plan."));
    if (plan->status == QLatin1String("closed"))
        return makeError(ErrorKind::Conflict, GoalPlanService::tr("This goal plan is closed; start a new plan."));
    return plan;
}

/// After a content change: a new version and its hash, and, when the old version carried a
/// signature, the agreement reopened. Writes the change's event and audits it.
Result<void> recordChange(Database &db, const AuditLog &audit, const ActingUser &user, const PlanSummary &before,
                          const Event &change)
{
    auto events = PlanRecords::events(db, before.id);
    if (!events)
        return events.error();
    auto goals = PlanRecords::goals(db, before.id);
    if (!goals)
        return goals.error();
    auto current = PlanRecords::plan(db, before.id);
    if (!current)
        return current.error();
    const QByteArray oldHash = before.version > 0 && !events->isEmpty() ? events->last().versionHash : QByteArray();
    const bool signedBefore = before.status == QLatin1String("agreed")
        || !PlanRecords::signaturesOn(*events, before.version, oldHash).isEmpty();
    if (signedBefore) {
        const Event reopened{"agreement_reopened", change.goalId,
                             QJsonObject{{QStringLiteral("previous_status"), before.status}}};
        if (auto r = addEvent(db, user, before.id, reopened, before.version, oldHash); !r)
            return r;
    }
    PlanSummary next = *current;
    next.version = before.version + 1;
    const QByteArray hash = PlanRecords::versionHash(next, *goals);
    Statement update(db, "UPDATE goal_plans SET version = ?2, status = 'draft', updated_at = ?3 WHERE id = ?1");
    update.bind(1, before.id);
    update.bind(2, next.version);
    update.bind(3, nowUtcIso());
    if (auto r = update.exec(); !r)
        return r;
    if (auto r = addEvent(db, user, before.id, change, next.version, hash); !r)
        return r;
    QJsonObject details{{QStringLiteral("version"), next.version},
                        {QStringLiteral("event"), QString::fromLatin1(change.kind)},
                        {QStringLiteral("agreement_reopened"), signedBefore}};
    if (change.goalId)
        details.insert(QStringLiteral("goal"), static_cast<double>(*change.goalId));
    return auditPlan(db, audit, user, AuditAction::PlanRevised, next, details);
}

/// The hash of the plan as stored now (the last content event carries it).
Result<QByteArray> currentHash(Database &db, const PlanSummary &plan)
{
    auto goals = PlanRecords::goals(db, plan.id);
    if (!goals)
        return goals.error();
    return PlanRecords::versionHash(plan, *goals);
}

} // namespace

Result<qint64> GoalPlanService::createPlan(Database &db, const AuditLog &audit, const ActingUser &user,
                                           qint64 learnerId, const PlanHeader &header)
{
    auto allowed = AccessPolicy::mayCoProduce(db, user, learnerId);
    if (!allowed)
        return allowed.error();
    if (!*allowed)
        return makeError(ErrorKind::Denied, tr("Only the learner and their coach can start a goal plan."));
    if (auto r = GoalRows::validateHeader(header); !r)
        return r.error();
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    Statement insert(db,
                     "INSERT INTO goal_plans (learner_id, title, period_label, starts_on, ends_on, created_by, "
                     "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)");
    insert.bind(1, learnerId);
    insert.bind(2, header.title.trimmed());
    insert.bind(3, header.periodLabel.trimmed());
    insert.bind(4, header.startsOn ? std::optional<QString>(toIsoDate(*header.startsOn)) : std::nullopt);
    insert.bind(5, header.endsOn ? std::optional<QString>(toIsoDate(*header.endsOn)) : std::nullopt);
    insert.bind(6, user.id());
    insert.bind(7, nowUtcIso());
    if (auto r = insert.exec(); !r)
        return r.error();
    const qint64 planId = db.lastInsertRowId();
    auto plan = PlanRecords::plan(db, planId);
    if (!plan)
        return plan.error();
    const QByteArray hash = PlanRecords::versionHash(*plan, {});
    if (auto r = addEvent(db, user, planId, Event{"drafted", std::nullopt, headerContent(header)}, 1, hash); !r)
        return r.error();
    if (auto r = auditPlan(db, audit, user, AuditAction::PlanCreated, *plan, {}); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return planId;
}

Result<void> GoalPlanService::updateHeader(Database &db, const AuditLog &audit, const ActingUser &user, qint64 planId,
                                           const PlanHeader &header)
{
    if (auto r = GoalRows::validateHeader(header); !r)
        return r;
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    auto plan = writable(db, user, planId);
    if (!plan)
        return plan.error();
    const QJsonArray changes = GoalRows::diff(headerContent(plan->header), headerContent(header));
    if (changes.isEmpty())
        return {};
    Statement update(db,
                     "UPDATE goal_plans SET title = ?2, period_label = ?3, starts_on = ?4, ends_on = ?5 "
                     "WHERE id = ?1");
    update.bind(1, planId);
    update.bind(2, header.title.trimmed());
    update.bind(3, header.periodLabel.trimmed());
    update.bind(4, header.startsOn ? std::optional<QString>(toIsoDate(*header.startsOn)) : std::nullopt);
    update.bind(5, header.endsOn ? std::optional<QString>(toIsoDate(*header.endsOn)) : std::nullopt);
    if (auto r = update.exec(); !r)
        return r;
    if (auto r = recordChange(db, audit, user, *plan,
                              Event{"revised", std::nullopt, QJsonObject{{QStringLiteral("changes"), changes}}});
        !r)
        return r;
    return tx.commit();
}

Result<qint64> GoalPlanService::addGoal(Database &db, const AuditLog &audit, const ActingUser &user, qint64 planId,
                                        const GoalDraft &goal)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    auto plan = writable(db, user, planId);
    if (!plan)
        return plan.error();
    if (auto r = GoalRows::validate(db, plan->learnerId, goal); !r)
        return r.error();
    auto goalId = GoalRows::insert(db, planId, goal);
    if (!goalId)
        return goalId.error();
    const QJsonObject body{{QStringLiteral("goal"), PlanRecords::goalContent(goal)}};
    if (auto r = recordChange(db, audit, user, *plan, Event{"proposed", *goalId, body}); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return *goalId;
}

Result<void> GoalPlanService::updateGoal(Database &db, const AuditLog &audit, const ActingUser &user, qint64 goalId,
                                         const GoalDraft &goal)
{
    auto planId = PlanRecords::planOfGoal(db, goalId);
    if (!planId)
        return planId.error();
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    auto plan = writable(db, user, *planId);
    if (!plan)
        return plan.error();
    if (auto r = GoalRows::validate(db, plan->learnerId, goal); !r)
        return r;
    auto goals = PlanRecords::goals(db, *planId);
    if (!goals)
        return goals.error();
    QJsonObject before;
    for (const Goal &g : *goals) {
        if (g.id == goalId)
            before = PlanRecords::goalContent(g.draft);
    }
    const QJsonArray changes = GoalRows::diff(before, PlanRecords::goalContent(goal));
    if (changes.isEmpty())
        return {};
    if (auto r = GoalRows::update(db, goalId, goal); !r)
        return r;
    const QJsonObject body{{QStringLiteral("statement"), goal.statement.trimmed()},
                           {QStringLiteral("changes"), changes}};
    if (auto r = recordChange(db, audit, user, *plan, Event{"revised", goalId, body}); !r)
        return r;
    return tx.commit();
}

Result<void> GoalPlanService::removeGoal(Database &db, const AuditLog &audit, const ActingUser &user, qint64 goalId)
{
    auto planId = PlanRecords::planOfGoal(db, goalId);
    if (!planId)
        return planId.error();
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    auto plan = writable(db, user, *planId);
    if (!plan)
        return plan.error();
    auto goals = PlanRecords::goals(db, *planId);
    if (!goals)
        return goals.error();
    QString statement;
    for (const Goal &g : *goals) {
        if (g.id == goalId)
            statement = g.draft.statement;
    }
    Statement remove(db, "DELETE FROM goals WHERE id = ?");
    remove.bind(1, goalId);
    if (auto r = remove.exec(); !r)
        return r;
    const QJsonObject body{{QStringLiteral("removed"), statement}};
    if (auto r = recordChange(db, audit, user, *plan, Event{"revised", std::nullopt, body}); !r)
        return r;
    return tx.commit();
}

Result<void> GoalPlanService::comment(Database &db, const AuditLog &audit, const ActingUser &user, qint64 planId,
                                      const QString &text, std::optional<qint64> goalId)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > 4000)
        return makeError(ErrorKind::BadInput, tr("A comment needs some text (up to 4000 characters)."));
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    auto plan = writable(db, user, planId);
    if (!plan)
        return plan.error();
    auto hash = currentHash(db, *plan);
    if (!hash)
        return hash.error();
    const Event e{"commented", goalId, QJsonObject{{QStringLiteral("text"), trimmed}}};
    if (auto r = addEvent(db, user, planId, e, plan->version, *hash); !r)
        return r;
    // The text stays in the plan's history; the log records that a comment was made.
    if (auto r = auditPlan(db, audit, user, AuditAction::PlanCommented, *plan,
                           QJsonObject{{QStringLiteral("characters"), static_cast<double>(trimmed.size())}});
        !r)
        return r;
    return tx.commit();
}

Result<bool> GoalPlanService::sign(Database &db, const AuditLog &audit, const ActingUser &user, qint64 planId,
                                   const QByteArray &versionHash)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    auto plan = writable(db, user, planId);
    if (!plan)
        return plan.error();
    auto hash = currentHash(db, *plan);
    if (!hash)
        return hash.error();
    if (*hash != versionHash)
        return makeError(ErrorKind::Conflict,
                         tr("The plan changed since you read it: read the new version, then sign."));
    if (plan->goals == 0)
        return makeError(ErrorKind::BadInput, tr("A plan needs at least one goal before it can be signed."));
    auto events = PlanRecords::events(db, planId);
    if (!events)
        return events.error();
    const bool asLearner = user.hasRole(Role::Learner) && user.learnerId() == plan->learnerId;
    const QString as = asLearner ? QStringLiteral("learner") : QStringLiteral("coach");
    QList<PlanSignature> signatures = PlanRecords::signaturesOn(*events, plan->version, *hash);
    for (const PlanSignature &s : std::as_const(signatures)) {
        if (s.userId == user.id())
            return makeError(ErrorKind::Conflict, tr("You have already signed this version of the plan."));
    }
    if (auto r = addEvent(db, user, planId, Event{"signed", std::nullopt, QJsonObject{{QStringLiteral("as"), as}}},
                          plan->version, *hash);
        !r)
        return r.error();
    signatures.append(PlanSignature{user.id(), user.displayName(), as, {}, plan->version, *hash});
    const auto signedAs = [&signatures](QLatin1String who) {
        return std::any_of(signatures.begin(), signatures.end(), [who](const PlanSignature &s) { return s.as == who; });
    };
    const bool agreed = signedAs(QLatin1String("learner")) && signedAs(QLatin1String("coach"));
    if (agreed) {
        Statement update(db, "UPDATE goal_plans SET status = 'agreed', updated_at = ?2 WHERE id = ?1");
        update.bind(1, planId);
        update.bind(2, nowUtcIso());
        if (auto r = update.exec(); !r)
            return r.error();
    }
    const QJsonObject details{{QStringLiteral("version"), plan->version},
                              {QStringLiteral("hash"), QString::fromLatin1(hash->toHex())},
                              {QStringLiteral("as"), as},
                              {QStringLiteral("agreed"), agreed}};
    if (auto r = auditPlan(db, audit, user, AuditAction::PlanSigned, *plan, details); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return agreed;
}

Result<void> GoalPlanService::setShared(Database &db, const AuditLog &audit, const ActingUser &user, qint64 planId,
                                        bool shared)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    auto plan = PlanRecords::plan(db, planId);
    if (!plan)
        return plan.error();
    if (!user.hasRole(Role::Learner) || user.learnerId() != plan->learnerId)
        return makeError(ErrorKind::Denied, tr("Only the learner can share their goal plan with the program."));
    const QString visibility = shared ? QStringLiteral("program") : QStringLiteral("private");
    if (plan->visibility == visibility)
        return {};
    Statement update(db, "UPDATE goal_plans SET visibility = ?2, updated_at = ?3 WHERE id = ?1");
    update.bind(1, planId);
    update.bind(2, visibility);
    update.bind(3, nowUtcIso());
    if (auto r = update.exec(); !r)
        return r;
    auto hash = currentHash(db, *plan);
    if (!hash)
        return hash.error();
    const Event e{"shared", std::nullopt, QJsonObject{{QStringLiteral("visibility"), visibility}}};
    if (auto r = addEvent(db, user, planId, e, plan->version, *hash); !r)
        return r;
    if (auto r = auditPlan(db, audit, user, AuditAction::PlanShared, *plan,
                           QJsonObject{{QStringLiteral("visibility"), visibility}});
        !r)
        return r;
    return tx.commit();
}

Result<void> GoalPlanService::confirmAchieved(Database &db, const AuditLog &audit, const ActingUser &user,
                                              qint64 goalId)
{
    auto planId = PlanRecords::planOfGoal(db, goalId);
    if (!planId)
        return planId.error();
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    auto plan = writable(db, user, *planId);
    if (!plan)
        return plan.error();
    Statement update(db, "UPDATE goals SET status = 'achieved', achieved_on = ?2 WHERE id = ?1 AND status = 'open'");
    update.bind(1, goalId);
    update.bind(2, toIsoDate(QDate::currentDate()));
    if (auto r = update.exec(); !r)
        return r;
    if (db.changes() == 0)
        return makeError(ErrorKind::Conflict, tr("This goal is no longer open."));
    auto hash = currentHash(db, *plan);
    if (!hash)
        return hash.error();
    if (auto r = addEvent(db, user, *planId, Event{"achieved", goalId, {}}, plan->version, *hash); !r)
        return r;
    if (auto r = auditPlan(db, audit, user, AuditAction::GoalAchieved, *plan,
                           QJsonObject{{QStringLiteral("goal"), static_cast<double>(goalId)}});
        !r)
        return r;
    return tx.commit();
}

Result<void> GoalPlanService::setActionDone(Database &db, const AuditLog &audit, const ActingUser &user,
                                            qint64 actionId, bool done)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    auto action = GoalRows::action(db, actionId);
    if (!action)
        return action.error();
    auto planId = PlanRecords::planOfGoal(db, action->first);
    if (!planId)
        return planId.error();
    auto plan = writable(db, user, *planId);
    if (!plan)
        return plan.error();
    const std::optional<QDate> doneOn = done ? std::optional<QDate>(QDate::currentDate()) : std::nullopt;
    auto changed = GoalRows::setActionDone(db, actionId, doneOn);
    if (!changed || !*changed)
        return changed ? Result<void>() : Result<void>(changed.error());
    auto hash = currentHash(db, *plan);
    if (!hash)
        return hash.error();
    const Event e{done ? "action_done" : "action_undone", action->first,
                  QJsonObject{{QStringLiteral("action"), action->second.description},
                              {QStringLiteral("done_on"), dateValue(doneOn)}}};
    if (auto r = addEvent(db, user, *planId, e, plan->version, *hash); !r)
        return r;
    const QJsonObject details{{QStringLiteral("goal"), static_cast<double>(action->first)},
                              {QStringLiteral("action"), static_cast<double>(actionId)},
                              {QStringLiteral("done"), done}};
    if (auto r = auditPlan(db, audit, user, AuditAction::GoalActionDone, *plan, details); !r)
        return r;
    return tx.commit();
}

Result<void> GoalPlanService::close(Database &db, const AuditLog &audit, const ActingUser &user, qint64 planId)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    auto plan = writable(db, user, planId);
    if (!plan)
        return plan.error();
    Statement update(db, "UPDATE goal_plans SET status = 'closed', updated_at = ?2 WHERE id = ?1");
    update.bind(1, planId);
    update.bind(2, nowUtcIso());
    if (auto r = update.exec(); !r)
        return r;
    auto hash = currentHash(db, *plan);
    if (!hash)
        return hash.error();
    if (auto r = addEvent(db, user, planId, Event{"closed", std::nullopt, {}}, plan->version, *hash); !r)
        return r;
    if (auto r = auditPlan(db, audit, user, AuditAction::PlanClosed, *plan, {}); !r)
        return r;
    return tx.commit();
}

} // namespace pme::core::goals
