// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Database.h"

#include "Logging.h"

#include <QFile>

#include <sqlite3.h>

namespace pme::core {

namespace {

constexpr int kBusyTimeoutMs = 10000;

} // namespace

Database::~Database()
{
    close();
}

Database::Database(Database &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path))
{
}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

void Database::close()
{
    if (m_db) {
        // close_v2 defers the close until the last statement is finalised, so a forgotten
        // Statement cannot make the connection leak.
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

Result<Database> Database::open(const QString &path, Mode mode)
{
    const int flags = (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY
                                              : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    sqlite3 *raw = nullptr;
    const QByteArray encoded = path == QLatin1String(":memory:") ? QByteArray(":memory:")
                                                                  : QFile::encodeName(path);
    const int rc = sqlite3_open_v2(encoded.constData(), &raw, flags, nullptr);
    Database db(raw, path);
    if (rc != SQLITE_OK) {
        const QString reason = raw ? QString::fromUtf8(sqlite3_errmsg(raw))
                                   : QString::fromUtf8(sqlite3_errstr(rc));
        return makeError(ErrorKind::Io,
                         tr("Could not open the database %1: %2.").arg(path, reason));
    }
    sqlite3_busy_timeout(raw, kBusyTimeoutMs);
    sqlite3_extended_result_codes(raw, 1);

    // The foreign_keys pragma is per connection and a no-op inside a transaction.
    if (auto r = db.execute("PRAGMA foreign_keys = ON;"); !r)
        return r.error();
    if (mode == Mode::ReadWrite && path != QLatin1String(":memory:")) {
        if (auto r = db.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"); !r)
            return r.error();
    }
    qCDebug(lcStore) << "opened" << path << (mode == Mode::ReadOnly ? "read-only" : "read-write");
    return db;
}

Result<void> Database::execute(const char *sql)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        const QString reason = QString::fromUtf8(message ? message : sqlite3_errstr(rc));
        sqlite3_free(message);
        const int primary = rc & 0xff;
        const ErrorKind kind = primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT
            ? ErrorKind::Refused
            : primary == SQLITE_CONSTRAINT ? ErrorKind::Conflict : ErrorKind::Internal;
        return makeError(kind, tr("Database error: %1.").arg(reason));
    }
    return {};
}

Result<qint64> Database::pragmaInt(const char *name)
{
    const QByteArray sql = QByteArray("PRAGMA ") + name + ';';
    sqlite3_stmt *stmt = nullptr;
    int rc = sqlite3_prepare_v2(m_db, sql.constData(), -1, &stmt, nullptr);
    if (rc != SQLITE_OK)
        return makeError((rc & 0xff) == SQLITE_NOTADB ? ErrorKind::Refused : ErrorKind::Internal,
                         tr("Could not read %1: %2.").arg(QString::fromLatin1(name), lastErrorMessage()));
    rc = sqlite3_step(stmt);
    qint64 value = 0;
    if (rc == SQLITE_ROW)
        value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return makeError((rc & 0xff) == SQLITE_NOTADB ? ErrorKind::Refused : ErrorKind::Internal,
                         tr("Could not read %1: %2.").arg(QString::fromLatin1(name), lastErrorMessage()));
    return value;
}

qint64 Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

QString Database::lastErrorMessage() const
{
    return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString();
}

Result<void> Database::backupTo(const QString &targetPath)
{
    auto target = Database::open(targetPath, Mode::ReadWrite);
    if (!target)
        return target.error();
    sqlite3_backup *backup = sqlite3_backup_init(target->handle(), "main", m_db, "main");
    if (!backup)
        return makeError(ErrorKind::Io, tr("Could not start the backup to %1: %2.")
                                            .arg(targetPath, target->lastErrorMessage()));
    int rc = SQLITE_OK;
    do {
        rc = sqlite3_backup_step(backup, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(50);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        return makeError(ErrorKind::Io, tr("The backup to %1 failed: %2.")
                                            .arg(targetPath, QString::fromUtf8(sqlite3_errstr(rc))));
    return {};
}

} // namespace pme::core
