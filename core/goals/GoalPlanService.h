// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "goals/GoalTypes.h"

#include <QCoreApplication>

namespace pme::core {
class ActingUser;
class AuditLog;
class Database;
} // namespace pme::core

namespace pme::core::goals {

/// Co-produced goal plans, governed: the learner and their assigned coach write, comment and
/// sign (AccessPolicy::mayCoProduce); only the learner shares a plan with the program. Every
/// change is a plan event with its author and what changed, and an audit entry, in the same
/// transaction as the change.
///
/// Agreement: a plan is agreed when the learner and an assigned coach have both signed the
/// same version (same version number and content hash). Every content change bumps the
/// version; a change after a signature writes 'agreement_reopened' and returns the plan to
/// draft, and the old signatures no longer count.
class GoalPlanService final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::goals::GoalPlanService)

public:
    static Result<qint64> createPlan(Database &db, const AuditLog &audit, const ActingUser &user, qint64 learnerId,
                                     const PlanHeader &header);
    static Result<void> updateHeader(Database &db, const AuditLog &audit, const ActingUser &user, qint64 planId,
                                     const PlanHeader &header);
    /// Proposes a goal (event 'proposed'); its id.
    static Result<qint64> addGoal(Database &db, const AuditLog &audit, const ActingUser &user, qint64 planId,
                                  const GoalDraft &goal);
    /// Revises a goal and its actions (event 'revised' with the fields that changed).
    static Result<void> updateGoal(Database &db, const AuditLog &audit, const ActingUser &user, qint64 goalId,
                                   const GoalDraft &goal);
    static Result<void> removeGoal(Database &db, const AuditLog &audit, const ActingUser &user, qint64 goalId);
    static Result<void> comment(Database &db, const AuditLog &audit, const ActingUser &user, qint64 planId,
                                const QString &text, std::optional<qint64> goalId = std::nullopt);
    /// Signs the version whose hash the signer saw (Conflict when the plan changed since);
    /// true when this signature made the plan agreed.
    static Result<bool> sign(Database &db, const AuditLog &audit, const ActingUser &user, qint64 planId,
                             const QByteArray &versionHash);
    /// The learner shares the plan with the program, or takes it back (audited PlanShared).
    static Result<void> setShared(Database &db, const AuditLog &audit, const ActingUser &user, qint64 planId,
                                  bool shared);
    /// A person confirms a goal achieved (the product only suggests it).
    static Result<void> confirmAchieved(Database &db, const AuditLog &audit, const ActingUser &user, qint64 goalId);
    /// Marks an action done today, or not done again (done false): progress, not content, so
    /// neither the version nor its hash changes and an agreement stays. An 'action_done' or
    /// 'action_undone' event in the history, audited GoalActionDone. Nothing happens when
    /// the action already is in that state.
    static Result<void> setActionDone(Database &db, const AuditLog &audit, const ActingUser &user, qint64 actionId,
                                      bool done);
    static Result<void> close(Database &db, const AuditLog &audit, const ActingUser &user, qint64 planId);
};

} // namespace pme::core::goals
