// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "workspace/WorkspaceTypes.h"

#include <QCoreApplication>

namespace pme::core {
class ActingUser;
class AuditLog;
class Database;
} // namespace pme::core

namespace pme::core::workspace {

/// One learner's profile, read through the access policy. Opening a profile is a view of
/// learner data and is audited (AuditAction::ProfileViewed) before anything is read.
class ProfileQueries final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::workspace::ProfileQueries)

public:
    /// Checks Profile access, records the view, and reads the header, standings, observations,
    /// flags, forecasts and the cohort's norms. Denied for a learner the user may not see.
    static Result<LearnerProfile> open(Database &db, const AuditLog &audit, const ActingUser &user, qint64 learnerId);

    static Result<ProfileHeader> header(Database &db, const ActingUser &user, qint64 learnerId);
    /// Oldest first.
    static Result<QList<ObservationRow>> observations(Database &db, const ActingUser &user, qint64 learnerId,
                                                      const ObservationFilter &filter = {});
    /// The cohort's growth models as norms: aggregates, readable by any signed-in user.
    static Result<QList<CohortNorm>> norms(Database &db, const ActingUser &user);
    /// The standings in every competency with a stored estimate.
    static QList<CompetencyStanding> standings(const QList<analytics::ForecastView> &forecasts);
    /// The horizon of the last analytics run (the day after its newest evidence), if any.
    static Result<QDate> lastHorizon(Database &db);
};

} // namespace pme::core::workspace
