// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/AccessPolicy.h"

#include "domain/Dates.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <QDate>

namespace pme::core {

namespace {

// What summative roles (CCC, program director) may read: everything that is not private to
// a coaching pair. Private notes and unshared drafts stay behind the coaching firewall.
bool isOutsideFirewall(DataKind kind)
{
    switch (kind) {
    case DataKind::Roster:
    case DataKind::Profile:
    case DataKind::Observations:
    case DataKind::Flags:
    case DataKind::SharedGoalPlans:
    case DataKind::SharedCoachingNotes:
        return true;
    case DataKind::PrivateGoalPlans:
    case DataKind::PrivateCoachingNotes:
    case DataKind::Audit:
        return false;
    }
    return false;
}

Relation relationOf(const RoleGrant &grant, const ActingUser &user, qint64 learnerId, qint64 programId, bool assigned)
{
    if (grant.role == Role::Learner && user.learnerId() == learnerId)
        return Relation::Self;
    if (grant.role == Role::Coach && assigned)
        return Relation::AssignedCoach;
    return grant.covers(programId) ? Relation::SameProgram : Relation::OtherProgram;
}

Result<bool> isAssigned(Database &db, const ActingUser &user, qint64 learnerId)
{
    if (!user.hasRole(Role::Coach))
        return false;
    // An assignment counts from started_on up to, not including, ended_on (the first day
    // without it), so ending one today takes effect at once.
    Statement st(db,
                 "SELECT 1 FROM coach_assignments WHERE coach_user_id = ?1 AND started_on <= ?2 "
                 "AND (ended_on IS NULL OR ended_on > ?2) AND learner_id = ?3 LIMIT 1");
    st.bind(1, user.id());
    st.bind(2, toIsoDate(QDate::currentDate()));
    st.bind(3, learnerId);
    return st.step();
}

Result<void> collect(Statement &st, QList<qint64> &ids)
{
    while (true) {
        auto row = st.step();
        if (!row)
            return row.error();
        if (!*row)
            return {};
        ids.append(st.columnInt64(0));
    }
}

} // namespace

bool AccessPolicy::allows(Role role, DataKind kind, Relation relation)
{
    switch (role) {
    case Role::Learner:
        // Everything about themselves, their own private notes and drafts included; the
        // audit log is the program's record of its own conduct, not part of the profile.
        return relation == Relation::Self && kind != DataKind::Audit;
    case Role::Coach:
        // Only the learners they coach, but all of it, including what the pair keeps private.
        return relation == Relation::AssignedCoach && kind != DataKind::Audit;
    case Role::CccMember:
        return relation == Relation::SameProgram && isOutsideFirewall(kind);
    case Role::ProgramDirector:
        return relation == Relation::SameProgram && (isOutsideFirewall(kind) || kind == DataKind::Audit);
    case Role::Admin:
        // Administrators run accounts and assignments: they need to find a learner by name
        // and read the audit log, and nothing of the learner's data.
        return relation == Relation::SameProgram && (kind == DataKind::Roster || kind == DataKind::Audit);
    }
    return false;
}

DataKind AccessPolicy::goalPlanKind(QStringView visibility)
{
    return visibility == QLatin1String("program") ? DataKind::SharedGoalPlans : DataKind::PrivateGoalPlans;
}

DataKind AccessPolicy::coachingNoteKind(QStringView visibility)
{
    return visibility == QLatin1String("program") ? DataKind::SharedCoachingNotes : DataKind::PrivateCoachingNotes;
}

namespace {

// Whether any of user's grants, in its relation to the learner, passes `test`.
template<typename Test>
Result<bool> anyGrant(Database &db, const ActingUser &user, qint64 learnerId, Test test)
{
    if (!user.isValid())
        return false;
    Statement learner(db, "SELECT program_id FROM learners WHERE id = ?");
    learner.bind(1, learnerId);
    auto found = learner.step();
    if (!found)
        return found.error();
    if (!*found)
        return makeError(ErrorKind::NotFound, AccessPolicy::tr("There is no learner with id %1.").arg(learnerId));
    const qint64 programId = learner.columnInt64(0);

    auto assigned = isAssigned(db, user, learnerId);
    if (!assigned)
        return assigned.error();
    for (const RoleGrant &grant : user.roles()) {
        if (test(grant.role, relationOf(grant, user, learnerId, programId, *assigned)))
            return true;
    }
    return false;
}

} // namespace

Result<bool> AccessPolicy::mayRead(Database &db, const ActingUser &user, DataKind kind, qint64 learnerId)
{
    return anyGrant(db, user, learnerId, [kind](Role role, Relation relation) { return allows(role, kind, relation); });
}

Result<bool> AccessPolicy::mayDecideFlags(Database &db, const ActingUser &user, qint64 learnerId)
{
    return anyGrant(db, user, learnerId, [](Role role, Relation relation) {
        return (relation == Relation::AssignedCoach && role == Role::Coach)
            || (relation == Relation::SameProgram && (role == Role::CccMember || role == Role::ProgramDirector));
    });
}

Result<bool> AccessPolicy::mayCoProduce(Database &db, const ActingUser &user, qint64 learnerId)
{
    return anyGrant(db, user, learnerId, [](Role role, Relation relation) {
        return (relation == Relation::Self && role == Role::Learner)
            || (relation == Relation::AssignedCoach && role == Role::Coach);
    });
}

Result<void> AccessPolicy::requireRead(Database &db, const ActingUser &user, DataKind kind, qint64 learnerId)
{
    auto allowed = mayRead(db, user, kind, learnerId);
    if (!allowed)
        return allowed.error();
    if (!*allowed)
        return makeError(ErrorKind::Denied,
                         tr("Your roles do not give access to %1 of this learner.").arg(describe(kind)));
    return {};
}

Result<LearnerScope> AccessPolicy::scope(Database &db, const ActingUser &user, DataKind kind)
{
    QList<qint64> ids;
    for (const RoleGrant &grant : user.roles()) {
        // OtherProgram is asked too, so the scope can never be narrower than the table.
        if (allows(grant.role, kind, Relation::OtherProgram)
            || (!grant.programId && allows(grant.role, kind, Relation::SameProgram)))
            return LearnerScope::everyone();
        if (grant.role == Role::Learner && user.learnerId() && allows(grant.role, kind, Relation::Self))
            ids.append(*user.learnerId());
        if (grant.role == Role::Coach && allows(grant.role, kind, Relation::AssignedCoach)) {
            Statement st(db,
                         "SELECT learner_id FROM coach_assignments WHERE coach_user_id = ?1 "
                         "AND started_on <= ?2 AND (ended_on IS NULL OR ended_on > ?2)");
            st.bind(1, user.id());
            st.bind(2, toIsoDate(QDate::currentDate()));
            if (auto r = collect(st, ids); !r)
                return r.error();
        }
        if (grant.programId && allows(grant.role, kind, Relation::SameProgram)) {
            Statement st(db, "SELECT id FROM learners WHERE program_id = ?");
            st.bind(1, *grant.programId);
            if (auto r = collect(st, ids); !r)
                return r.error();
        }
    }
    return LearnerScope::of(std::move(ids));
}

bool AccessPolicy::mayManageAccounts(const ActingUser &user)
{
    return user.hasRole(Role::Admin);
}

bool AccessPolicy::mayImportFrameworks(const ActingUser &user)
{
    return user.hasRole(Role::Admin) || user.hasRole(Role::ProgramDirector);
}

bool AccessPolicy::mayViewAudit(const ActingUser &user)
{
    return user.hasRole(Role::Admin) || user.hasRole(Role::ProgramDirector);
}

bool AccessPolicy::mayViewUnattributedAudit(const ActingUser &user)
{
    return user.hasGlobalRole(Role::Admin) || user.hasGlobalRole(Role::ProgramDirector);
}

// CCC meetings (docs/ccc.md) ----------------------------------------------------------
bool AccessPolicy::mayRunCccMeetings(const ActingUser &user, qint64 programId)
{
    return user.isValid()
        && (user.hasRole(Role::CccMember, programId) || user.hasRole(Role::ProgramDirector, programId));
}

Result<bool> AccessPolicy::mayRecordCccDecisions(Database &db, const ActingUser &user, qint64 learnerId)
{
    return anyGrant(db, user, learnerId, [](Role role, Relation relation) {
        return relation == Relation::SameProgram && (role == Role::CccMember || role == Role::ProgramDirector);
    });
}

QString AccessPolicy::describe(DataKind kind)
{
    switch (kind) {
    case DataKind::Roster:
        return tr("the name and program");
    case DataKind::Profile:
        return tr("the profile");
    case DataKind::Observations:
        return tr("the observations");
    case DataKind::Flags:
        return tr("the flags");
    case DataKind::SharedGoalPlans:
        return tr("the shared goal plans");
    case DataKind::PrivateGoalPlans:
        return tr("the draft goal plans");
    case DataKind::SharedCoachingNotes:
        return tr("the shared coaching notes");
    case DataKind::PrivateCoachingNotes:
        return tr("the private coaching notes");
    case DataKind::Audit:
        return tr("the audit log");
    }
    return {};
}

} // namespace pme::core
