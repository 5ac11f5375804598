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
    /// Replaces the goal's content and its actions. Done dates are progress, not content: the
    /// draft's are ignored, and an action keeps its stored done date when it keeps its id, or
    /// else its description (only setActionDone() changes one).
    static Result<void> update(Database &db, qint64 goalId, const GoalDraft &goal);
    /// The goal an action belongs to, and the action as stored (NotFound when there is none).
    static Result<std::pair<qint64, GoalAction>> action(Database &db, qint64 actionId);
    /// Sets or clears an action's done date; false when it already was in that state.
    static Result<bool> setActionDone(Database &db, qint64 actionId, std::optional<QDate> doneOn);
    /// What changed, field by field: [{"field": "target_date", "from": ..., "to": ...}].
    static QJsonArray diff(const QJsonObject &before, const QJsonObject &after);
};

} // namespace pme::core::goals
