// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "ccc/CccTypes.h"

#include <QCoreApplication>

namespace pme::core {
class ActingUser;
class AuditLog;
class Database;
} // namespace pme::core

namespace pme::core::ccc {

/// One resident's committee packet for a period: trajectories with the cohort band and
/// target, the proposed levels, open flags with their local validity, exams, narrative
/// comments with concerning passages, and goal plans shared with the program.
///
/// A packet is a committee document: only the CCC members and program directors of the
/// resident's program may read it (AccessPolicy::mayRecordCccDecisions), and it never holds
/// anything behind the coaching firewall (no coaching notes, no unshared goal plans),
/// whatever other roles the reader has. Reading one is audited (CccPacketViewed).
class PacketBuilder final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::ccc::PacketBuilder)

public:
    static Result<ResidentPacket> build(Database &db, const AuditLog &audit, const ActingUser &user, qint64 learnerId,
                                        const Period &period);

    /// The proposed level of each subcompetency of the resident's program at periodEnd: the
    /// stored curve intercept + slope * t (t = years in training at periodEnd, days / 365.25),
    /// its SD sqrt(cov_ii + 2t cov_is + t^2 cov_ss), rounded with roundToScale(). Not audited:
    /// DecisionService uses it to know what was proposed.
    static Result<QList<ProposedLevel>> proposals(Database &db, const ActingUser &user, qint64 learnerId,
                                                  const QDate &periodEnd);

    /// The nearest level on the scale's steps from scaleMin (0.5 on the Milestones' scale:
    /// its half levels), halves upward, clamped to [scaleMin, scaleMax].
    static double roundToScale(double value, double scaleMin, double scaleMax, double step);

    /// Fewer ratings than this behind a proposal (ProposedLevel::evidence): "too little evidence".
    /// The active rule set's minimum for judging a trajectory (below_expected's
    /// min_observations, 3 in the shipped rules).
    static Result<int> evidenceThreshold(Database &db);
};

} // namespace pme::core::ccc
