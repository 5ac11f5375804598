// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/SchemaMigrator.h"

#include "Logging.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"

#include <QDir>
#include <QFile>

#include <vector>

namespace pme::core {

namespace {

struct Migration {
    int version;
    QString resource;
};

// Migration files are named NNNN_description.sql; the number is the version they produce.
std::vector<Migration> migrations(const QString &path)
{
    std::vector<Migration> list;
    const QDir dir(path);
    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        bool ok = false;
        const int version = file.section(QLatin1Char('_'), 0, 0).toInt(&ok);
        if (ok && version > 0)
            list.push_back({version, dir.filePath(file)});
    }
    return list;
}

} // namespace

int SchemaMigrator::currentVersion(const QString &migrationsPath)
{
    const auto list = migrations(migrationsPath);
    return list.empty() ? 0 : list.back().version;
}

Result<void> SchemaMigrator::migrate(Database &db, const QString &migrationsPath)
{
    auto version = db.pragmaInt("user_version");
    if (!version)
        return version.error();

    for (const Migration &migration : migrations(migrationsPath)) {
        if (migration.version <= *version)
            continue;
        QFile file(migration.resource);
        if (!file.open(QIODevice::ReadOnly))
            return makeError(ErrorKind::Internal,
                             tr("The schema migration %1 is missing from this build.").arg(migration.version));
        const QByteArray sql = file.readAll()
            + "\nPRAGMA user_version = " + QByteArray::number(migration.version) + ";\n";

        // SQLite's procedure for rebuilding a table: foreign keys off while the migration runs
        // (dropping a parent table would otherwise cascade), checked before it commits.
        if (auto r = db.execute("PRAGMA foreign_keys = OFF;"); !r)
            return r;
        auto migrated = [&]() -> Result<void> {
            Transaction tx(db);
            if (!tx.isActive())
                return tx.error();
            if (auto r = db.execute(sql.constData()); !r)
                return makeError(r.error().kind, tr("Upgrading the database to schema %1 failed: %2")
                                                      .arg(migration.version)
                                                      .arg(r.error().message));
            Statement check(db, "PRAGMA foreign_key_check;");
            bool dangling = false;
            if (auto r = check.forEachRow([&](Statement &) { dangling = true; }); !r)
                return r;
            if (dangling)
                return makeError(ErrorKind::Internal,
                                 tr("Upgrading the database to schema %1 left rows whose references are missing.")
                                     .arg(migration.version));
            return tx.commit();
        }();
        if (auto r = db.execute("PRAGMA foreign_keys = ON;"); !r)
            return r;
        if (!migrated)
            return migrated;
        qCInfo(lcStore) << "migrated" << db.path() << "to schema" << migration.version;
    }
    return {};
}

} // namespace pme::core
