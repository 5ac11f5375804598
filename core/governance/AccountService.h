// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "governance/ActingUser.h"
#include "governance/Authenticator.h"
#include "governance/PasswordHasher.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QString>

#include <optional>
#include <type_traits>

namespace pme::core {

class AuditLog;
class Database;

/// A new account as an administrator (or the first run) describes it.
struct NewAccount {
    QString username;
    QString displayName; ///< the user name when empty
    QList<RoleGrant> roles;
    std::optional<qint64> learnerId; ///< links a learner account to its learner
    bool demo = false;
};

/// One line of the account list.
struct AccountSummary {
    qint64 id = 0;
    QString username;
    QString displayName;
    QList<RoleGrant> roles;
    std::optional<qint64> learnerId;
    bool demo = false;
    bool active = true;
    int failedLogins = 0;
    QString lockedUntil;
    QString lastLoginAt;
};

/// Local accounts: the first administrator, users, passwords, roles, coach assignments,
/// learner links, and signing in (through Authenticator).
///
/// Every change is made by an acting administrator (re-read from the store, so a revoked
/// role takes effect at once), in one transaction with its audit entry. Passwords exist in
/// clear only in memory, on their way to PasswordHasher.
class AccountService final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::AccountService)

public:
    AccountService(Database &db, const AuditLog &audit, PasswordHasher hasher = PasswordHasher());
    AccountService(const AccountService &) = delete;
    AccountService &operator=(const AccountService &) = delete;

    /// Replaces the wall clock (tests).
    void setClock(Authenticator::Clock clock) { m_auth.setClock(std::move(clock)); }

    /// True while no active account holds the administrator role: the first run.
    Result<bool> needsFirstAdministrator();
    /// Creates the first administrator (refused once there is one) and signs them in.
    Result<ActingUser> createFirstAdministrator(const NewAccount &account, const QString &password);

    Result<qint64> createUser(const ActingUser &actor, const NewAccount &account, const QString &password);
    /// An administrator sets (resets) someone's password; clears any lockout.
    Result<void> setPassword(const ActingUser &actor, qint64 userId, const QString &newPassword);
    /// A user changes their own password, confirming the current one.
    Result<void> changeOwnPassword(const ActingUser &actor, const QString &currentPassword, const QString &newPassword);
    /// Deactivates or reactivates an account (accounts are never deleted: the audit names them).
    Result<void> setActive(const ActingUser &actor, qint64 userId, bool active);
    Result<void> addRole(const ActingUser &actor, qint64 userId, const RoleGrant &grant);
    Result<void> removeRole(const ActingUser &actor, qint64 userId, const RoleGrant &grant);
    /// Assigns a coach to a learner from startsOn (today when invalid); returns the assignment.
    Result<qint64> assignCoach(const ActingUser &actor, qint64 coachUserId, qint64 learnerId,
                               const QDate &startsOn = QDate());
    /// Ends the assignment; endsOn (today when invalid) is the first day without it.
    Result<void> endCoachAssignment(const ActingUser &actor, qint64 coachUserId, qint64 learnerId,
                                    const QDate &endsOn = QDate());
    /// Links a learner account to its learner and gives it the learner role in their program.
    Result<void> linkLearner(const ActingUser &actor, qint64 userId, qint64 learnerId);
    Result<QList<AccountSummary>> listUsers(const ActingUser &actor);

    /// Signs in; see Authenticator for lockout and rehashing.
    Result<ActingUser> login(const QString &username, const QString &password);
    /// The idle lock screen: checks userId's password (counted and audited like a sign-in).
    Result<void> verifyPassword(qint64 userId, const QString &password);

private:
    Result<ActingUser> requireAdministrator(const ActingUser &actor);
    /// Runs change as the (re-read) administrator in one transaction, committed on success.
    template<typename Change>
    auto administer(const ActingUser &actor, Change change) -> std::invoke_result_t<Change, const ActingUser &>;
    Result<qint64> insertUser(const ActingUser &actor, const NewAccount &account, const QString &hash);
    Result<bool> insertRole(qint64 userId, const RoleGrant &grant);
    Result<void> linkInTransaction(const ActingUser &actor, qint64 userId, qint64 learnerId);
    Result<void> requireAnAdministratorLeft();
    Result<void> audit(const ActingUser &actor, const QString &action, const QString &entityKind,
                       std::optional<qint64> entityId, std::optional<qint64> learnerId, const QString &details);
    Result<void> auditUser(const ActingUser &actor, const QString &action, qint64 userId,
                           const QString &details = QString());
    QString isoNow() const;
    QDate today() const;

    Database &m_db;
    const AuditLog &m_audit;
    Authenticator m_auth;
};

} // namespace pme::core
