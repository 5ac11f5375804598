// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/ActingUser.h"

#include "Logging.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <algorithm>

namespace pme::core {

ActingUser::ActingUser(qint64 id, QString username, QString displayName, QList<RoleGrant> roles,
                       std::optional<qint64> learnerId, bool demo)
    : m_id(id),
      m_username(std::move(username)),
      m_displayName(std::move(displayName)),
      m_roles(std::move(roles)),
      m_learnerId(learnerId),
      m_demo(demo)
{
}

Result<ActingUser> ActingUser::load(Database &db, qint64 userId)
{
    Statement user(db, "SELECT username, display_name, learner_id, is_demo, active FROM users WHERE id = ?");
    user.bind(1, userId);
    auto row = user.step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorKind::NotFound, tr("There is no user account with id %1.").arg(userId));
    if (user.columnInt64(4) == 0)
        return makeError(
            ErrorKind::Denied,
            tr("The account %1 is deactivated. Ask an administrator to reactivate it.").arg(user.columnText(0)));

    QList<RoleGrant> grants;
    Statement roles(db, "SELECT role, program_id FROM user_roles WHERE user_id = ? ORDER BY id");
    roles.bind(1, userId);
    while (true) {
        auto next = roles.step();
        if (!next)
            return next.error();
        if (!*next)
            break;
        // The schema's CHECK keeps unknown keys out; skipping one beats refusing a sign-in.
        if (const auto role = roleFromKey(roles.columnText(0)))
            grants.append({*role, roles.columnOptionalInt64(1)});
        else
            qCWarning(lcGovernance) << "user" << userId << "has an unknown role" << roles.columnText(0);
    }
    return ActingUser(userId, user.columnText(0), user.columnText(1), std::move(grants), user.columnOptionalInt64(2),
                      user.columnInt64(3) != 0);
}

bool ActingUser::hasRole(Role role) const
{
    return std::any_of(m_roles.cbegin(), m_roles.cend(), [role](const RoleGrant &grant) { return grant.role == role; });
}

bool ActingUser::hasRole(Role role, qint64 programId) const
{
    return std::any_of(m_roles.cbegin(), m_roles.cend(), [role, programId](const RoleGrant &grant) {
        return grant.role == role && grant.covers(programId);
    });
}

bool ActingUser::hasGlobalRole(Role role) const
{
    return std::any_of(m_roles.cbegin(), m_roles.cend(),
                       [role](const RoleGrant &grant) { return grant.role == role && !grant.programId; });
}

} // namespace pme::core
