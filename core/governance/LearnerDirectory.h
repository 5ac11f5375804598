// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "store/LearnerRepository.h"

#include <QCoreApplication>
#include <QList>

namespace pme::core {

class ActingUser;
class Database;

/// The learner list as the acting user may see it: LearnerRepository::list() narrowed to
/// AccessPolicy::scope(Roster). The CLI and the GUI list learners through here, so neither
/// decides who sees whom.
class LearnerDirectory final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::LearnerDirectory)

public:
    /// The learners matching query that viewer may see on a roster (names, program, status).
    /// An invalid viewer is Denied; a viewer who may see nobody gets an empty list.
    static Result<QList<LearnerRow>> list(Database &db, const ActingUser &viewer, LearnerQuery query = {});
};

} // namespace pme::core
