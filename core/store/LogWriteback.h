// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace pme::core {

/// Starts writing a store's write-ahead log to the disk while a long transaction is still
/// filling it, so that the commit's sync waits only for the tail.
///
/// A transaction of tens of megabytes (a full recompute's results) spills most of its pages
/// into the log before it commits; left to itself, the kernel holds them in memory until the
/// commit's sync, which then waits for all of them. From construction to stop() a thread asks
/// the kernel every few milliseconds to start writing what the log holds so far, and waits for
/// none of it (Linux's `sync_file_range`; elsewhere nothing is done). It changes nothing SQLite
/// relies on: the commit still syncs the log before it returns.
class LogWriteback final {
public:
    /// For the store at `databasePath`; its log is `databasePath-wal`.
    explicit LogWriteback(const QString &databasePath);
    ~LogWriteback();
    LogWriteback(const LogWriteback &) = delete;
    LogWriteback &operator=(const LogWriteback &) = delete;

    /// Ends the thread; returns at once when it is not running.
    void stop();
    /// How many times the write-back of the log was started so far.
    int writebacks() const { return m_writebacks.load(); }

private:
    void run(const QByteArray &logPath);

    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::atomic<int> m_writebacks{0};
    std::thread m_thread;
};

} // namespace pme::core
