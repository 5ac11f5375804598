// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/GoalsSnapshot.h"

#include "goals/CoachingNotes.h"
#include "goals/GoalPlanQueries.h"
#include "governance/GovernedStore.h"
#include "workspace/ProfileQueries.h"

#include <algorithm>

namespace pme::ui {

using core::GovernedStore;
using core::Result;
namespace goals = core::goals;

Result<GoalsSnapshot> GoalsSnapshot::read(GovernedStore &store, const core::ActingUser &user, qint64 learnerId,
                                          qint64 planId)
{
    auto audit = store.audit();
    if (!audit)
        return audit.error();
    core::Database &db = store.database();
    GoalsSnapshot s;
    s.learnerId = learnerId;
    auto header = core::workspace::ProfileQueries::header(db, user, learnerId);
    if (!header)
        return header.error();
    s.learnerName = header->name;
    auto co = goals::GoalPlanQueries::mayCoProduce(db, user, learnerId);
    if (!co)
        return co.error();
    s.mayCoProduce = *co;
    auto plans = goals::GoalPlanQueries::plans(db, user, learnerId);
    if (!plans)
        return plans.error();
    s.plans = *plans;
    const bool listed = std::any_of(s.plans.begin(), s.plans.end(), [planId](const auto &p) { return p.id == planId; });
    const qint64 show = listed ? planId : s.plans.isEmpty() ? 0 : s.plans.first().id;
    if (show) {
        auto plan = goals::GoalPlanQueries::plan(db, **audit, user, show);
        if (!plan)
            return plan.error();
        s.plan = *plan;
    }
    if (s.mayCoProduce) {
        auto competencies = goals::GoalPlanQueries::competencies(db, user, learnerId);
        if (!competencies)
            return competencies.error();
        s.competencies = *competencies;
    }
    // Notes may be closed to this reader while shared plans are open (or the other way).
    if (auto notes = goals::CoachingNotes::list(db, user, learnerId))
        s.notes = *notes;
    return s;
}

} // namespace pme::ui
