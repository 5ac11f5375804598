// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Store.h"

#include "Logging.h"
#include "domain/Dates.h"
#include "store/SchemaMigrator.h"
#include "store/Statement.h"
#include "store/Transaction.h"
#include "Version.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace pme::core {

namespace {

constexpr char kSqliteMagic[] = "SQLite format 3";  // followed by a NUL in the header

struct FileFacts {
    qint64 applicationId = 0;
    qint64 userVersion = 0;
    qint64 objectCount = 0;
};

// Looks at an existing file through a read-only connection, which never writes to it.
Result<FileFacts> inspect(const QString &path)
{
    auto db = Database::open(path, Database::Mode::ReadOnly);
    if (!db)
        return db.error();
    FileFacts facts;
    auto appId = db->pragmaInt("application_id");
    auto version = db->pragmaInt("user_version");
    if (!appId || !version)
        return (!appId ? appId.error() : version.error());
    facts.applicationId = *appId;
    facts.userVersion = *version;
    Statement count(*db, "SELECT count(*) FROM sqlite_master");
    auto row = count.step();
    if (!row)
        return row.error();
    facts.objectCount = count.columnInt64(0);
    return facts;
}

QString notOurs(const QString &path)
{
    return Store::tr("%1 is not a PME Coach database. Choose a PME Coach store, or give a new "
                     "file name to create one.")
        .arg(QDir::toNativeSeparators(path));
}

Result<void> checkExistingFile(const QString &path, const QString &migrationsPath, int *versionOut)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorKind::Io, Store::tr("Cannot read %1: %2.")
                                            .arg(QDir::toNativeSeparators(path), file.errorString()));
    const QByteArray header = file.read(16);
    file.close();
    if (header.isEmpty())
        return {};  // an empty file is a new SQLite database
    if (header.size() < 16 || !header.startsWith(kSqliteMagic) || header.at(15) != '\0')
        return makeError(ErrorKind::Refused, notOurs(path));

    auto facts = inspect(path);
    if (!facts)
        return makeError(ErrorKind::Refused, notOurs(path) + QLatin1Char(' ') + facts.error().message);
    const bool empty = facts->objectCount == 0 && facts->userVersion == 0;
    if (!empty && facts->applicationId != SchemaMigrator::kApplicationId)
        return makeError(ErrorKind::Refused, notOurs(path));
    const int current = SchemaMigrator::currentVersion(migrationsPath);
    if (facts->userVersion > current)
        return makeError(ErrorKind::Refused,
                         Store::tr("%1 was written by a newer PME Coach (store schema %2; this version "
                                   "reads up to %3). Open it with PME Coach %4 or later; the file was "
                                   "not changed.")
                             .arg(QDir::toNativeSeparators(path))
                             .arg(facts->userVersion)
                             .arg(current)
                             .arg(QString::fromLatin1(kVersion)));
    *versionOut = static_cast<int>(facts->userVersion);
    return {};
}

QString backupFileName(const QString &path, int fromVersion)
{
    const QFileInfo info(path);
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    return info.dir().filePath(QStringLiteral("%1.schema%2-%3.bak")
                                   .arg(info.fileName())
                                   .arg(fromVersion)
                                   .arg(stamp));
}

Result<void> recordCreation(Database &db)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    Statement insert(db, "INSERT OR IGNORE INTO store_meta (key, value) VALUES (?, ?)");
    insert.bind(1, QStringLiteral("created_at"));
    insert.bind(2, nowUtcIso());
    if (auto r = insert.exec(); !r)
        return r;
    insert.bind(1, QStringLiteral("created_by_version"));
    insert.bind(2, QString::fromLatin1(kVersion));
    if (auto r = insert.exec(); !r)
        return r;
    return tx.commit();
}

} // namespace

Result<Store> Store::open(const QString &path, Options options)
{
    int existingVersion = 0;
    const bool exists = QFileInfo::exists(path);
    if (exists) {
        if (QFileInfo(path).isDir())
            return makeError(ErrorKind::Refused,
                             tr("%1 is a folder, not a PME Coach database.").arg(QDir::toNativeSeparators(path)));
        if (auto r = checkExistingFile(path, options.migrationsPath, &existingVersion); !r)
            return r.error();
    } else if (!options.createIfMissing) {
        return makeError(ErrorKind::NotFound,
                         tr("There is no database at %1. Run 'pmecoach-cli init' to create one.")
                             .arg(QDir::toNativeSeparators(path)));
    } else {
        const QString dir = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(dir))
            return makeError(ErrorKind::Io, tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(dir)));
    }

    auto db = Database::open(path, Database::Mode::ReadWrite);
    if (!db)
        return db.error();
    Store store(std::move(db).value());

    if (existingVersion > 0 && existingVersion < SchemaMigrator::currentVersion(options.migrationsPath)
        && options.backupBeforeMigration) {
        const QString backup = backupFileName(path, existingVersion);
        if (auto r = store.m_db.backupTo(backup); !r)
            return makeError(ErrorKind::Io, tr("The database was not upgraded because the backup "
                                               "before the upgrade failed: %1")
                                                .arg(r.error().message));
        store.m_backupPath = backup;
        qCInfo(lcStore) << "backed up" << path << "to" << backup;
    }
    if (auto r = SchemaMigrator::migrate(store.m_db, options.migrationsPath); !r)
        return r.error();
    if (auto r = recordCreation(store.m_db); !r)
        return r.error();
    return store;
}

Result<Store> Store::openInMemory()
{
    auto db = Database::open(QStringLiteral(":memory:"));
    if (!db)
        return db.error();
    Store store(std::move(db).value());
    if (auto r = SchemaMigrator::migrate(store.m_db); !r)
        return r.error();
    if (auto r = recordCreation(store.m_db); !r)
        return r.error();
    return store;
}

QString Store::defaultPath()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.local/share/pmecoach");
    return QDir(dir).filePath(QStringLiteral("pmecoach.sqlite"));
}

} // namespace pme::core
