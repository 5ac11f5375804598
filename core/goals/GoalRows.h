// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "goals/GoalTypes.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace pme::core {
class Database;
}

namespace pme::core::goals {

/// Checks and writes the rows of one goal (goals, goal_actions) inside the caller's
/// transaction. Access is the caller's business (GoalPlanService).
class GoalRows final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::goals::GoalRows)

public:
    /// A readable BadInput error for a goal that does not fit: no statement, a measure
    /// without its competency, a level off the framework's scale, a percentile outside
    /// 0..100, an action without a description, a flag of another learner.
    static Result<void> validate(Database &db, qint64 learnerId, const GoalDraft &goal);
    static Result<void> validateHeader(const PlanHeader &header);
    static Result<qint64> insert(Database &db, qint64 planId, const GoalDraft &goal);
    /// Replaces the goal's content and its actions (done dates of unchanged actions are kept).
    static Result<void> update(Database &db, qint64 goalId, const GoalDraft &goal);
    /// What changed, field by field: [{"field": "target_date", "from": ..., "to": ...}].
    static QJsonArray diff(const QJsonObject &before, const QJsonObject &after);
};

} // namespace pme::core::goals
