// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "goals/GoalTypes.h"

#include <QCoreApplication>

namespace pme::core {
class Database;
}

namespace pme::core::goals {

/// Progress of measurable goals, evaluated from the store when read, so that evidence synced
/// since shows at once:
///
/// - competency_level: the learner's current estimate (learner_estimates.level_now, written
///   by the analytics after every sync) against the target level;
/// - observation_count: observations of the goal's competency (of the kind, rated at least
///   the minimum, when given) from the window's start to the target date;
/// - exam_percentile: the latest exam percentile since the window's start.
///
/// The caller has decided that the reader may see the plan; the numbers come from the same
/// learner's evidence.
class GoalProgress final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::goals::GoalProgress)

public:
    /// planStart: the plan's start, the default start of the evidence window.
    static Result<GoalProgressValue> evaluate(Database &db, qint64 learnerId, const GoalDraft &goal,
                                              const QString &competencyCode, std::optional<QDate> planStart);
    /// "PC3 estimated level ≥ 3.5", "at least 6 EPA observations of PC3 rated ≥ 4"...
    static QString describe(const GoalMeasure &measure, const QString &competencyCode);
};

} // namespace pme::core::goals
