// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDate>
#include <QLatin1String>
#include <QString>

#include <optional>

namespace pme::core {

/// One row of audit_entries: who did what to which entity about which learner, and when.
/// details is compact JSON with the facts of the action (never a secret).
struct AuditEntry {
    qint64 id = 0;
    QString at;
    std::optional<qint64> userId;
    QString username;
    QString action;
    QString entityKind;
    std::optional<qint64> entityId;
    std::optional<qint64> learnerId;
    QString details;
    QByteArray prevHash;
    QByteArray hash;
};

/// What the audit view asks for; every criterion is optional. Dates are inclusive
/// calendar days in UTC. Results come newest first; beforeId pages backwards.
struct AuditFilter {
    std::optional<qint64> userId;
    std::optional<qint64> learnerId;
    QString action;
    std::optional<QDate> from;
    std::optional<QDate> to;
    std::optional<qint64> beforeId;
    int limit = 500;
};

/// The actions core writes; stored as these keys (audit_entries.action).
namespace AuditAction {
inline constexpr QLatin1String Login("login");
inline constexpr QLatin1String LoginFailed("login_failed");
inline constexpr QLatin1String Unlock("unlock");
inline constexpr QLatin1String UnlockFailed("unlock_failed");
inline constexpr QLatin1String UserCreated("user_created");
inline constexpr QLatin1String UserActivated("user_activated");
inline constexpr QLatin1String UserDeactivated("user_deactivated");
inline constexpr QLatin1String PasswordSet("password_set");
inline constexpr QLatin1String PasswordChanged("password_changed");
inline constexpr QLatin1String RoleAdded("role_added");
inline constexpr QLatin1String RoleRemoved("role_removed");
inline constexpr QLatin1String CoachAssigned("coach_assigned");
inline constexpr QLatin1String CoachUnassigned("coach_unassigned");
inline constexpr QLatin1String LearnerLinked("learner_linked");
/// An export file synced into the store (core/sync; details: the batch's file and counts).
inline constexpr QLatin1String Sync("sync");
/// Competency frameworks imported into a store that has accounts (details: file, codes).
inline constexpr QLatin1String FrameworksImported("frameworks_imported");
/// The analytics recomputed (details: scope, as-of, rule-set version, counts); a rule set
/// stored as a new version (details: version, reason); a person's decision or comment on a
/// flag; rule validity measured and stored.
inline constexpr QLatin1String AnalyticsRecomputed("analytics_recomputed");
inline constexpr QLatin1String RuleSetChanged("rule_set_changed");
inline constexpr QLatin1String FlagStateChanged("flag_state_changed");
inline constexpr QLatin1String FlagCommented("flag_commented");
inline constexpr QLatin1String ValidityEvaluated("validity_evaluated");
/// For the features to come: a view of a learner profile, and a crossing of the coaching
/// firewall (a learner sharing a note or a plan with the program).
inline constexpr QLatin1String ProfileViewed("profile_viewed");
inline constexpr QLatin1String NoteShared("note_shared");
inline constexpr QLatin1String PlanShared("plan_shared");
/// Goal plans and coaching notes (core/goals): a plan created, its content revised (details:
/// version and what changed), a comment, a signature (details: version, hash, agreed), a goal
/// confirmed achieved, an action marked done or not done (details: goal, action, done), a plan
/// closed, a plan read outside the coaching pair, a note written.
inline constexpr QLatin1String PlanCreated("plan_created");
inline constexpr QLatin1String PlanRevised("plan_revised");
inline constexpr QLatin1String PlanCommented("plan_commented");
inline constexpr QLatin1String PlanSigned("plan_signed");
inline constexpr QLatin1String GoalAchieved("goal_achieved");
inline constexpr QLatin1String GoalActionDone("goal_action_done");
inline constexpr QLatin1String PlanClosed("plan_closed");
inline constexpr QLatin1String PlanViewed("plan_viewed");
inline constexpr QLatin1String NoteWritten("note_written");
/// CCC meetings (docs/ccc.md): a meeting prepared, its agenda reordered, started or closed;
/// a resident's packet read by the committee; a resident's decisions finalised; a finalised
/// decision superseded by a new, reasoned one; a meeting report or levels file exported.
inline constexpr QLatin1String CccMeetingPrepared("ccc_meeting_prepared");
inline constexpr QLatin1String CccAgendaReordered("ccc_agenda_reordered");
inline constexpr QLatin1String CccMeetingStatusChanged("ccc_meeting_status_changed");
inline constexpr QLatin1String CccPacketViewed("ccc_packet_viewed");
inline constexpr QLatin1String CccDecisionFinalized("ccc_decision_finalized");
inline constexpr QLatin1String CccDecisionSuperseded("ccc_decision_superseded");
inline constexpr QLatin1String CccReportExported("ccc_report_exported");
} // namespace AuditAction

} // namespace pme::core
