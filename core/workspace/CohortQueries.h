// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "workspace/WorkspaceTypes.h"

#include <QCoreApplication>

namespace pme::core {
class ActingUser;
class Database;
} // namespace pme::core

namespace pme::core::workspace {

/// The cohort overview: one row per learner the acting user may see (AccessPolicy, Profile
/// kind) and the summary charts over them. Administrators, who may read rosters only, get
/// no rows. Reads stored analytics (flags, learner_estimates) and one scan of the
/// observations' dates; it fits nothing.
class CohortQueries final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::workspace::CohortQueries)

public:
    /// Everything: loadRows() and loadEvidence() applied.
    static Result<CohortOverview> load(Database &db, const ActingUser &user);
    /// The rows and charts from the stored analytics alone (fast: no observation is read);
    /// the evidence columns stay empty until apply().
    static Result<CohortOverview> loadRows(Database &db, const ActingUser &user);
    /// One scan of every observation's learner and date, for the learners whose observations
    /// the user may read: recent counts, latest dates, monthly counts, the month chart.
    static Result<CohortEvidence> loadEvidence(Database &db, const ActingUser &user);
    static void apply(CohortOverview &overview, const CohortEvidence &evidence);
};

} // namespace pme::core::workspace
