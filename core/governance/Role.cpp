// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/Role.h"

#include <QCoreApplication>

namespace pme::core {

namespace {

struct RoleNames {
    Role role;
    const char *key;
    const char *displayName;
};

constexpr std::array<RoleNames, 5> kRoleNames = {{
    {Role::Learner, "learner", QT_TRANSLATE_NOOP("pme::core::Role", "Learner")},
    {Role::Coach, "coach", QT_TRANSLATE_NOOP("pme::core::Role", "Coach")},
    {Role::CccMember, "ccc_member", QT_TRANSLATE_NOOP("pme::core::Role", "CCC member")},
    {Role::ProgramDirector, "program_director", QT_TRANSLATE_NOOP("pme::core::Role", "Program director")},
    {Role::Admin, "admin", QT_TRANSLATE_NOOP("pme::core::Role", "Administrator")},
}};

const RoleNames &namesOf(Role role)
{
    return kRoleNames[static_cast<std::size_t>(role)];
}

} // namespace

QString roleKey(Role role)
{
    return QString::fromLatin1(namesOf(role).key);
}

std::optional<Role> roleFromKey(QStringView key)
{
    for (const RoleNames &names : kRoleNames) {
        if (key == QLatin1String(names.key))
            return names.role;
    }
    return std::nullopt;
}

QString roleDisplayName(Role role)
{
    return QCoreApplication::translate("pme::core::Role", namesOf(role).displayName);
}

} // namespace pme::core
