// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QString>

namespace pme::core {

class ActingUser;
class Database;

/// Finds accounts by user name for people who name them: an administrator managing
/// accounts, an audit reader filtering by user. Denied to everyone else, so user names
/// cannot be probed through it.
class UserDirectory final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::UserDirectory)

public:
    /// The id of the account named username (any case); NotFound when there is none.
    static Result<qint64> idOf(Database &db, const ActingUser &viewer, const QString &username);
};

} // namespace pme::core
