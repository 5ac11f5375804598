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

/// What finalising a resident's decisions wrote.
struct FinalizeOutcome {
    QList<qint64> decisionIds; ///< the level decisions, then the overall judgement
    QList<qint64> observationIds; ///< one "ccc_decision" observation per level
    QList<qint64> interventionIds;
    /// The resident's analytics were refreshed so that trajectories use the decisions; when
    /// that failed the decisions still stand and this says why.
    QString analyticsError;
};

/// The committee's decisions about residents (docs/ccc.md, "What decisions write").
///
/// Finalising writes in one transaction: a ccc_decisions row per subcompetency (the level,
/// the model's proposal, the rationale) and one for the overall progress judgement, each
/// finalised; an observation of kind "ccc_decision" per level (source "pmecoach", source key
/// "ccc:<meeting>:<learner>:<competency>", rating = level, observed on the period end: the
/// level describes the resident at the end of the period the committee reviewed, the same
/// point the proposal was estimated at); an intervention per action; the resident's note on
/// the agenda; an audit entry per decision. A finalised decision is never edited: a new one
/// supersedes it with a reason, the old row stays, and the observation takes the new level
/// as a new revision (its previous values go to observation_revisions).
class DecisionService final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::ccc::DecisionService)

public:
    /// Refused (BadInput) without a progress judgement, for a level off the framework's
    /// scale, for an override of the proposal (or a level where there is no proposal)
    /// without a rationale, for an action without a kind, description or due date;
    /// Conflict when the resident's decisions at this meeting are already finalised or the
    /// meeting is closed.
    static Result<FinalizeOutcome> finalize(Database &db, const AuditLog &audit, const ActingUser &user,
                                            const ResidentDecision &decision);
    /// Records a new finalised decision that supersedes a current one; returns its id.
    static Result<qint64> supersede(Database &db, const AuditLog &audit, const ActingUser &user,
                                    const Supersession &change);
    /// A resident's decisions at a meeting, current and superseded, with the actions.
    static Result<ResidentDecisions> decisions(Database &db, const ActingUser &user, qint64 meetingId,
                                               qint64 learnerId);
};

} // namespace pme::core::ccc
