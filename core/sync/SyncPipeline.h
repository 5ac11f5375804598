// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "sync/ObservationMapper.h"

#include <QCoreApplication>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace pme::core {

/// Parses, maps and validates a CSV file of observations on its own thread and hands the
/// results over in batches, so that the caller's thread only writes. The queue is bounded:
/// memory stays flat whatever the file size.
class SyncPipeline final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::SyncPipeline)

public:
    struct Batch {
        std::vector<ObservationRow> rows;
        std::vector<SyncReject> rejects;
        qint64 records = 0;   ///< data records read for this batch
        qint64 bytes = 0;     ///< bytes read so far
    };

    SyncPipeline(QString path, const RowMapper &mapper, const SyncLookups &lookups, QDate today,
                 const std::atomic<bool> *cancel);
    ~SyncPipeline();
    SyncPipeline(const SyncPipeline &) = delete;
    SyncPipeline &operator=(const SyncPipeline &) = delete;

    void start();
    /// Blocks until a batch is ready; false when the file is done (or stopped).
    bool next(Batch &batch);
    /// Stops the parsing thread early (after an error on the writing side).
    void stop();

    /// Once next() returned false: a fatal read error, or Cancelled.
    Result<void> result() const;
    QString sha256() const { return m_sha256; }
    const std::set<std::string> &unknownLearners() const { return m_mapper.unknownLearners(); }

private:
    void parse();
    void push(Batch &&batch);

    QString m_path;
    ObservationMapper m_mapper;
    const std::atomic<bool> *m_cancel = nullptr;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Batch> m_queue;
    bool m_done = false;
    std::optional<Error> m_error;
    QString m_sha256;
};

} // namespace pme::core
