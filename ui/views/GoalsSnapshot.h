// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "goals/GoalTypes.h"

#include <optional>

namespace pme::core {
class ActingUser;
class GovernedStore;
} // namespace pme::core

namespace pme::ui {

/// What the Goals page shows for one learner, read in one go on the workspace worker.
struct GoalsSnapshot {
    qint64 learnerId = 0;
    QString learnerName;
    bool mayCoProduce = false;
    QList<core::goals::PlanSummary> plans;
    std::optional<core::goals::GoalPlan> plan;
    QList<core::goals::CompetencyChoice> competencies;
    QList<core::goals::CoachingNote> notes;
    /// A goal proposed from a flag, to show in the editor once (not yet stored).
    std::optional<core::goals::GoalDraft> proposed;
    /// The flag it was proposed from, and its evidence, in words.
    QString proposedFrom;

    /// Reads through core (which checks access and audits): the learner's plans this user
    /// may see, planId's in full (else the newest), and the notes they may read.
    static core::Result<GoalsSnapshot> read(core::GovernedStore &store, const core::ActingUser &user, qint64 learnerId,
                                            qint64 planId);
};

} // namespace pme::ui
