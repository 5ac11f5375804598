// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "goals/GoalTypes.h"

#include <QCoreApplication>

namespace pme::core {
class ActingUser;
class Database;
} // namespace pme::core

namespace pme::core::goals {

/// "Create a goal from this": a goal proposed from a flag, for the coaching pair to edit.
///
/// The measure follows the rule: below the cohort's trajectory, unlikely to reach the target,
/// declining or stalled → the competency's estimated level where the cohort is now (the
/// learner's own level when higher), one step of the scale more for the rules other than
/// "below", rounded to the scale's steps, in three months; too little evidence → a count of
/// observations of the competency with the largest gap over the next three months; low exam
/// performance → the next exam's percentile at least 40; anything else → a measure a person
/// confirms. The goal remembers the flag (from_flag_id).
class GoalSuggestion final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::goals::GoalSuggestion)

public:
    /// Denied unless user may read the flag and co-produce the learner's plans.
    static Result<GoalDraft> fromFlag(Database &db, const ActingUser &user, qint64 flagId, const QDate &today);
};

} // namespace pme::core::goals
