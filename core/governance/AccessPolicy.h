// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "governance/ActingUser.h"
#include "governance/LearnerScope.h"
#include "governance/Role.h"

#include <QCoreApplication>
#include <QStringView>

namespace pme::core {

class Database;

/// The kinds of data about a learner that access is decided for. "Private" goal plans and
/// coaching notes are those with visibility 'private' (drafts, the coaching pair's notes);
/// "shared" ones are those the learner made visible to the program.
enum class DataKind {
    Roster, ///< name, program and status: enough to pick a learner in a list
    Profile, ///< the learner profile: details, stages, trajectories, forecasts
    Observations, ///< assessments, EPAs, milestones, exams, narratives
    Flags, ///< risk flags with their explanations and evidence
    SharedGoalPlans, ///< goal plans shared with the program
    PrivateGoalPlans, ///< draft / unshared goal plans
    SharedCoachingNotes, ///< coaching notes the learner shared with the program
    PrivateCoachingNotes, ///< coaching notes private to the learner and their coach
    Audit, ///< audit entries about the learner
};

/// How the holder of one role stands to a learner.
enum class Relation {
    Self, ///< the learner's own account (learner role)
    AssignedCoach, ///< a current coach assignment (coach role)
    SameProgram, ///< the role is held in the learner's program, or in every program
    OtherProgram, ///< none of the above
};

/// The one place that decides who may read what (DESIGN.md, Governance).
///
/// allows() is the whole table, role x kind x relation; everything else derives from it.
/// A user with several roles may read when any of their roles allows it. Access is
/// decided here in core, for every query, never by hiding widgets.
class AccessPolicy final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::AccessPolicy)

public:
    /// The governance table.
    static bool allows(Role role, DataKind kind, Relation relation);

    /// The kind of a goal plan row from goal_plans.visibility.
    static DataKind goalPlanKind(QStringView visibility);
    /// The kind of a coaching note row from coaching_notes.visibility.
    static DataKind coachingNoteKind(QStringView visibility);

    /// Whether user may read kind about learnerId; NotFound for an unknown learner.
    static Result<bool> mayRead(Database &db, const ActingUser &user, DataKind kind, qint64 learnerId);
    /// Whether user may acknowledge, resolve or dismiss the learner's flags: their assigned
    /// coach, and the committee members and program directors of the learner's program
    /// (DESIGN.md, Governance). Everyone who may read flags may comment on them.
    static Result<bool> mayDecideFlags(Database &db, const ActingUser &user, qint64 learnerId);
    /// Whether user may write and sign the learner's goal plans and session notes: the learner
    /// themself and their assigned coach, nobody else (DESIGN.md, Governance: co-production).
    static Result<bool> mayCoProduce(Database &db, const ActingUser &user, qint64 learnerId);
    /// As mayRead(), with a Denied error (a readable message) instead of false.
    static Result<void> requireRead(Database &db, const ActingUser &user, DataKind kind, qint64 learnerId);
    /// Every learner whose kind of data user may read, for queries to filter by.
    static Result<LearnerScope> scope(Database &db, const ActingUser &user, DataKind kind);

    /// Users, roles, assignments and account links: administrators only.
    static bool mayManageAccounts(const ActingUser &user);
    /// Competency frameworks, once a store has accounts: program directors and administrators.
    static bool mayImportFrameworks(const ActingUser &user);
    /// Any part of the audit log (program directors: their programs'; administrators).
    static bool mayViewAudit(const ActingUser &user);
    /// Audit entries that name no learner (sign-ins, account changes): a role for every program.
    static bool mayViewUnattributedAudit(const ActingUser &user);

    // CCC meetings (docs/ccc.md) ------------------------------------------------------
    /// Whether user may prepare, run and close committee meetings of programId: its CCC
    /// members and program directors (or those of every program).
    static bool mayRunCccMeetings(const ActingUser &user, qint64 programId);
    /// Whether user may record committee decisions about the learner: CCC members and
    /// program directors of the learner's program. A coach assignment gives no such right.
    static Result<bool> mayRecordCccDecisions(Database &db, const ActingUser &user, qint64 learnerId);

    /// A translated phrase for kind ("the coaching notes private to a coaching pair").
    static QString describe(DataKind kind);
};

} // namespace pme::core
