// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "governance/DemoAccounts.h"

#include <QCoreApplication>

namespace pme::core {

class AuditLog;
class Database;

/// The demo learner's goal plans and coaching notes, written through the goals services as
/// the demo learner and coach would write them: an agreed plan (both signatures, shared with
/// the program), a draft with a comment, a private and a shared session note, and a private
/// reflection. Target dates follow today, so the demo's goals are current whenever it is built.
class DemoGoalPlans final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::DemoGoalPlans)

public:
    static Result<void> create(Database &db, const AuditLog &audit, const DemoAccountsCreated &accounts);
};

} // namespace pme::core
