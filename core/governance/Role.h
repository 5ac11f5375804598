// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <array>
#include <optional>

namespace pme::core {

/// The roles of DESIGN.md's governance table. A user holds roles per program
/// (user_roles.program_id; none = every program); what each role may see is decided by
/// AccessPolicy alone.
enum class Role {
    Learner,
    Coach,
    CccMember,
    ProgramDirector,
    Admin,
};

inline constexpr std::array<Role, 5> kAllRoles
    = {Role::Learner, Role::Coach, Role::CccMember, Role::ProgramDirector, Role::Admin};

/// The stored key of a role (user_roles.role): "learner", "coach", "ccc_member",
/// "program_director", "admin".
QString roleKey(Role role);
/// The role stored as key, or nothing for an unknown key.
std::optional<Role> roleFromKey(QStringView key);
/// The translated name of a role for people ("Program director").
QString roleDisplayName(Role role);

} // namespace pme::core
