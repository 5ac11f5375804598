// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "governance/Role.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace pme::core {

class Database;

/// One role a user holds, in one program or (programId empty) in every program.
struct RoleGrant {
    Role role = Role::Learner;
    std::optional<qint64> programId;

    /// True when this grant applies to programId.
    bool covers(qint64 program) const { return !programId || *programId == program; }
    bool operator==(const RoleGrant &) const = default;
};

/// The person on whose behalf core works: every governed query and change takes one.
///
/// A snapshot of the users row and its roles taken at sign-in (AccountService::login) or
/// reloaded with load(). Coach assignments are not part of it: AccessPolicy reads them live,
/// so ending an assignment takes effect at once.
class ActingUser final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::ActingUser)

public:
    /// Nobody: no id, no roles, denied everything.
    ActingUser() = default;
    ActingUser(qint64 id, QString username, QString displayName, QList<RoleGrant> roles,
               std::optional<qint64> learnerId = std::nullopt, bool demo = false);

    /// Loads an active user and their roles; NotFound for an unknown id, Denied for a
    /// deactivated account.
    static Result<ActingUser> load(Database &db, qint64 userId);

    bool isValid() const { return m_id > 0; }
    qint64 id() const { return m_id; }
    const QString &username() const { return m_username; }
    const QString &displayName() const { return m_displayName; }
    const QList<RoleGrant> &roles() const { return m_roles; }
    /// The learner this account belongs to (learner accounts only).
    std::optional<qint64> learnerId() const { return m_learnerId; }
    /// A demo account, to be marked as such wherever it appears.
    bool isDemo() const { return m_demo; }

    /// Holds role in at least one program.
    bool hasRole(Role role) const;
    /// Holds role in program (or in every program).
    bool hasRole(Role role, qint64 programId) const;
    /// Holds role for every program (user_roles.program_id IS NULL).
    bool hasGlobalRole(Role role) const;

private:
    qint64 m_id = 0;
    QString m_username;
    QString m_displayName;
    QList<RoleGrant> m_roles;
    std::optional<qint64> m_learnerId;
    bool m_demo = false;
};

} // namespace pme::core
