// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QString>

namespace pme::core {

class Database;

/// Brings a store's schema up to the version this build understands.
///
/// Migrations are numbered SQL resources (core/store/migrations/NNNN_name.sql). Each runs in
/// its own transaction that also sets PRAGMA user_version, so a failure leaves the file at
/// the last complete version.
class SchemaMigrator final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::SchemaMigrator)

public:
    /// Where this build's migrations live (a Qt resource folder).
    static QString defaultMigrationsPath() { return QStringLiteral(":/pme/migrations"); }

    /// The schema version this build writes (the highest numbered migration).
    static int currentVersion(const QString &migrationsPath = defaultMigrationsPath());
    /// The 'PMEC' marker in the SQLite header that identifies a PME Coach store.
    static constexpr qint64 kApplicationId = 0x504D4543;

    /// Applies every migration above the database's user_version.
    static Result<void> migrate(Database &db, const QString &migrationsPath = defaultMigrationsPath());
};

} // namespace pme::core
