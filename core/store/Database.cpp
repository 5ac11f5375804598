// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Database.h"

#include "Logging.h"

#include <QFile>

#include <sqlite3.h>

namespace pme::core {

namespace {

constexpr int kBusyTimeoutMs = 10000;
// For a new file only: SQLite fixes the page size when it first writes one. Bulk writes (a
// full recompute's results) are faster with larger pages, point reads slower (docs/store.md).
constexpr int kNewFilePageSize = 16384;

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

namespace {

// A read-only connection cannot roll back a hot journal (a transaction interrupted while the
// store was in rollback-journal mode: Database::tryRollbackJournal) and fails every read with
// SQLITE_READONLY_ROLLBACK. Finishing the interrupted transaction's rollback is what any
// connection must do before the file can be read at all, so one short read-write connection
// (which never creates the file) does it, and the read-only open is tried again.
bool rolledBackHotJournal(sqlite3 *readOnly, const QByteArray &encoded)
{
    const int probe = sqlite3_exec(readOnly, "SELECT count(*) FROM sqlite_master;", nullptr, nullptr, nullptr);
    if (probe != SQLITE_READONLY_ROLLBACK)
        return false;
    sqlite3 *writer = nullptr;
    const int rc = sqlite3_open_v2(encoded.constData(), &writer, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    bool done = false;
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(writer, kBusyTimeoutMs);
        done = sqlite3_exec(writer, "SELECT count(*) FROM sqlite_master;", nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    sqlite3_close_v2(writer);
    qCInfo(lcStore) << "rolled back an interrupted transaction before opening read-only:" << done;
    return done;
}

} // namespace

Result<Database> Database::open(const QString &path, Mode mode)
{
    const int flags = (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY
                                              : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    sqlite3 *raw = nullptr;
    const QByteArray encoded = path == QLatin1String(":memory:") ? QByteArray(":memory:")
                                                                  : QFile::encodeName(path);
    int rc = sqlite3_open_v2(encoded.constData(), &raw, flags, nullptr);
    if (rc == SQLITE_OK && mode == Mode::ReadOnly && rolledBackHotJournal(raw, encoded)) {
        sqlite3_close_v2(raw);
        raw = nullptr;
        rc = sqlite3_open_v2(encoded.constData(), &raw, flags, nullptr);
    }
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
        // Before WAL mode, which writes the header of a new file; a no-op on an existing one.
        const QByteArray pageSize = "PRAGMA page_size = " + QByteArray::number(kNewFilePageSize) + ';';
        if (auto r = db.execute(pageSize.constData()); !r)
            return r.error();
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

bool Database::inTransaction() const
{
    return m_db && sqlite3_get_autocommit(m_db) == 0;
}

bool Database::tryBeginImmediate()
{
    if (!m_db)
        return false;
    sqlite3_busy_timeout(m_db, 0);
    const bool begun = execute("BEGIN IMMEDIATE;").ok();
    sqlite3_busy_timeout(m_db, kBusyTimeoutMs);
    return begun;
}

bool Database::hasActiveStatements() const
{
    for (sqlite3_stmt *s = m_db ? sqlite3_next_stmt(m_db, nullptr) : nullptr; s; s = sqlite3_next_stmt(m_db, s)) {
        if (sqlite3_stmt_busy(s))
            return true;
    }
    return false;
}

bool Database::tryRollbackJournal()
{
    if (!m_db || m_path == QLatin1String(":memory:") || sqlite3_get_autocommit(m_db) == 0
        || sqlite3_db_readonly(m_db, "main") != 0)
        return false;
    // Leaving WAL needs an exclusive lock: with another connection open (the app's own, a
    // reader) SQLite answers "database is locked" at once and nothing changes.
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, "PRAGMA journal_mode = DELETE;", -1, &stmt, nullptr) != SQLITE_OK)
        return false;
    bool switched = false;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        const auto *mode = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0));
        switched = mode && qstrcmp(mode, "delete") == 0;
    }
    sqlite3_finalize(stmt);
    qCDebug(lcStore) << "rollback journal for a bulk write:" << switched;
    return switched;
}

Result<void> Database::restoreWal()
{
    return execute("PRAGMA journal_mode = WAL;");
}

bool Database::inWalMode() const
{
    sqlite3_stmt *stmt = nullptr;
    if (!m_db || sqlite3_prepare_v2(m_db, "PRAGMA journal_mode;", -1, &stmt, nullptr) != SQLITE_OK)
        return false;
    bool wal = false;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        const auto *mode = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0));
        wal = mode && qstrcmp(mode, "wal") == 0;
    }
    sqlite3_finalize(stmt);
    return wal;
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
    // The copy takes the source's page size, which SQLite refuses to change in a target in
    // WAL mode (a store from before 16 KiB pages): the target leaves it first. The copy's
    // header, the source's, puts it back in WAL mode.
    if (auto r = target->execute("PRAGMA journal_mode = DELETE;"); !r)
        return r.error();
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
