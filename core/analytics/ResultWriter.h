// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "analytics/AnalyticsDataset.h"
#include "analytics/Trajectories.h"
#include "store/Database.h"
#include "store/LogWriteback.h"
#include "store/Transaction.h"

#include <QCoreApplication>

#include <memory>
#include <optional>
#include <span>
#include <thread>

namespace pme::core::analytics {

/// The one transaction a recompute stores its results in: growth models, learner estimates,
/// flags, the run and its audit entry.
///
/// For a file store outside a transaction it is begun on a connection of its own before the
/// recompute reads anything, and holds the store's write lock to the commit: no other
/// connection can commit in between, so what is stored was computed from exactly the state
/// it replaces, and the caller's connection (and a second one reading beside it) keep seeing
/// that state. Every id the results refer to was read from that state, so this connection
/// does not have SQLite look each one up again (foreign keys unenforced; a run's user is
/// checked by requireUser()). The models and estimates are written on a thread of their own
/// while the caller evaluates the rules. Until the commit, the log's pages are written to the
/// disk as they come (LogWriteback), and the commit returns once the rest is synced: copying
/// the pages into the database file is left to a BackgroundCheckpoint.
///
/// Otherwise (":memory:", or the caller's connection is inside a transaction or holds a read
/// open, which another connection's commit would leave on an old view) everything goes
/// through the caller's connection, after the rules, with every constraint enforced.
class ResultWriter final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::analytics::ResultWriter)

public:
    static Result<std::unique_ptr<ResultWriter>> begin(Database &db);
    ~ResultWriter();
    ResultWriter(const ResultWriter &) = delete;
    ResultWriter &operator=(const ResultWriter &) = delete;

    /// True when no other connection can commit until commit() or destruction.
    bool writersLockedOut() const { return m_own.isOpen(); }

    /// Starts writing the models (for everyone) and the estimates of the learners in scope:
    /// on a thread of its own when it has its own connection. The arguments must outlive
    /// estimatesWritten().
    void writeEstimates(const AnalyticsDataset &data, const Trajectories &trajectories, std::span<const qint32> scope,
                        bool everyone);
    /// Waits for (or does) what writeEstimates() started.
    Result<void> estimatesWritten();

    /// The connection the rest of the results go through, in the open transaction.
    Database &db() { return m_own.isOpen() ? m_own : *m_db; }
    /// An error unless the account exists (what a foreign key would have checked).
    Result<void> requireUser(qint64 userId);
    Result<void> commit();

private:
    explicit ResultWriter(Database &db) : m_db(&db) {}
    Result<void> write();

    Database *m_db;
    Database m_own;
    std::optional<Transaction> m_tx;
    std::optional<LogWriteback> m_writeback; ///< while the own connection's transaction writes
    std::thread m_thread;
    Result<void> m_written;
    const AnalyticsDataset *m_data = nullptr;
    const Trajectories *m_trajectories = nullptr;
    std::span<const qint32> m_scope;
    bool m_everyone = false;
    bool m_started = false;
    bool m_done = false;
    bool m_committed = false; ///< through the own connection
};

} // namespace pme::core::analytics
