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

/// Reading goal plans, through the coaching firewall: a plan is read as
/// AccessPolicy::goalPlanKind(visibility), so the learner and their coach see every plan, and
/// a CCC member or program director only the plans the learner shared, whatever path they
/// take (the list, one plan, its history, the export, a flag's goals). A plan read by someone
/// outside the coaching pair is audited (PlanViewed).
class GoalPlanQueries final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::goals::GoalPlanQueries)

public:
    /// The learner's plans this user may read, newest first; Denied when none could ever be.
    static Result<QList<PlanSummary>> plans(Database &db, const ActingUser &user, qint64 learnerId);
    /// One plan with its goals, progress, history, signatures and this user's permissions.
    static Result<GoalPlan> plan(Database &db, const AuditLog &audit, const ActingUser &user, qint64 planId);
    /// The goals made from a flag, in plans this user may read.
    static Result<QList<FlagGoalLink>> goalsFromFlag(Database &db, const ActingUser &user, qint64 flagId);
    /// The competencies the learner has evidence or an estimate in (for a goal's competency).
    static Result<QList<CompetencyChoice>> competencies(Database &db, const ActingUser &user, qint64 learnerId);
    /// Whether user may start a plan or write a note for the learner (the coaching pair).
    static Result<bool> mayCoProduce(Database &db, const ActingUser &user, qint64 learnerId);
};

} // namespace pme::core::goals
