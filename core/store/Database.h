// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QString>

struct sqlite3;

namespace pme::core {

/// One connection to an SQLite file, owned for its lifetime (RAII over the sqlite3 C API).
///
/// Every connection PME Coach opens for writing runs in WAL mode with synchronous=FULL,
/// foreign keys enforced and a busy timeout, so that a crash mid-write leaves the file as
/// it was and a second connection (a background import) waits instead of failing.
class Database final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::Database)

public:
    enum class Mode { ReadWrite, ReadOnly };

    Database() = default;
    ~Database();
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /// Opens (and for ReadWrite creates) the file and applies the connection pragmas.
    /// Use ":memory:" for a private in-memory database.
    static Result<Database> open(const QString &path, Mode mode = Mode::ReadWrite);

    bool isOpen() const { return m_db != nullptr; }
    sqlite3 *handle() const { return m_db; }
    const QString &path() const { return m_path; }

    /// Runs one or more SQL statements that take no parameters (schema, pragmas).
    Result<void> execute(const char *sql);
    /// Reads a single integer pragma such as user_version.
    Result<qint64> pragmaInt(const char *name);

    /// True inside a transaction (BEGIN or SAVEPOINT not yet ended) on this connection.
    bool inTransaction() const;
    /// Begins a write transaction (BEGIN IMMEDIATE) only if the write lock is free now, without
    /// the busy timeout's wait: for work that can be done another way while a writer is busy.
    bool tryBeginImmediate();
    /// True while a statement on this connection has stepped and not been reset: its read
    /// keeps the connection's view of the file (and, in WAL, a write after another
    /// connection's commit would fail on that old view).
    bool hasActiveStatements() const;

    qint64 lastInsertRowId() const;
    int changes() const;
    /// The last error SQLite reported on this connection, for messages.
    QString lastErrorMessage() const;

    /// For one very large transaction (a first bulk sync): switches this file from WAL to a
    /// rollback journal, so that the pages the transaction appends are written once instead
    /// of to the WAL and again by the checkpoint. Pages beyond the file's size at BEGIN are
    /// never journaled, and a crash still rolls the whole transaction back (the next open
    /// finds the hot journal). Only possible while no other connection has the file open;
    /// returns false, and the file stays in WAL, otherwise. Call outside a transaction and
    /// undo with restoreWal() after the commit.
    bool tryRollbackJournal();
    /// Back to WAL after tryRollbackJournal() (Database::open would do it as well).
    Result<void> restoreWal();
    /// True when the file is in WAL mode (false for a rollback journal or ":memory:").
    bool inWalMode() const;

    /// Copies this database into a new file with SQLite's online backup API.
    Result<void> backupTo(const QString &targetPath);

private:
    explicit Database(sqlite3 *db, QString path) : m_db(db), m_path(std::move(path)) {}
    void close();

    sqlite3 *m_db = nullptr;
    QString m_path;
};

} // namespace pme::core
