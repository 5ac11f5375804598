// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "store/Database.h"
#include "store/SchemaMigrator.h"

#include <QCoreApplication>
#include <QString>

namespace pme::core {

/// The learner-profile store: one SQLite file, checked, migrated and ready to use.
///
/// Opening refuses, and leaves byte-for-byte untouched, a file that is not a PME Coach
/// database or whose schema is newer than this build. An older store is backed up with
/// SQLite's backup API before it is migrated.
class Store final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::Store)

public:
    struct Options {
        bool createIfMissing = true;
        bool backupBeforeMigration = true;
        /// Tests point this at their own migrations to exercise upgrades.
        QString migrationsPath = SchemaMigrator::defaultMigrationsPath();
    };

    static Result<Store> open(const QString &path, Options options);
    static Result<Store> open(const QString &path) { return open(path, Options{}); }
    /// A private, empty store in memory (tests, dry runs).
    static Result<Store> openInMemory();
    /// Where the store lives when no path is given: the user's data directory.
    static QString defaultPath();

    Database &database() { return m_db; }
    const QString &path() const { return m_db.path(); }
    /// The backup made while opening, when the file had to be migrated; empty otherwise.
    const QString &backupPath() const { return m_backupPath; }

private:
    explicit Store(Database db) : m_db(std::move(db)) {}

    Database m_db;
    QString m_backupPath;
};

} // namespace pme::core
