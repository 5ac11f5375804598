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
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace pme::core {

/// Parses, maps and validates a CSV file of observations off the caller's thread and hands
/// the results over in batches, in file order, so that the caller's thread only writes.
/// One thread reads the CSV into raw batches; mapping them (validation, look-ups, the key
/// and content hashes: most of the work) is spread over up to two mapping threads when the
/// profile allows it. Every queue is bounded: memory stays flat whatever the file size.
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

    /// How many batches mapping may run ahead of the writer (6 unless set): more while the
    /// writer is busy elsewhere (loading the source's keys), fewer to bound memory.
    void setLookahead(int batches);
    void start();
    /// Blocks until the next batch in file order is ready; false when the file is done (or stopped).
    bool next(Batch &batch);
    /// Gives a batch the writer is done with back, so that its rows' buffers are reused.
    void recycle(Batch &&batch);
    /// Stops the threads early (after an error on the writing side).
    void stop();

    /// Once next() returned false: a fatal read error, or Cancelled.
    Result<void> result() const;
    QString sha256() const { return m_sha256; }
    /// Once next() returned false: learner ids met in the file that no learner is linked to.
    std::set<std::string> unknownLearners() const;
    /// How many threads map rows (1 when the profile needs file order).
    int mappingThreads() const { return static_cast<int>(m_workers.size()); }

private:
    /// A run of records as read: their fields' bytes in one buffer, not yet mapped.
    struct RawBatch {
        struct Record {
            qint64 number = 0;
            qint64 line = 0;
            std::size_t firstField = 0;
            std::size_t fieldCount = 0;
            bool failed = false; ///< the CSV reader found an error in this record
            std::string error;   ///< the first one
        };
        qint64 sequence = 0;
        qint64 bytes = 0;
        std::string text;
        std::vector<std::size_t> fieldEnds;
        std::vector<Record> records;
    };
    struct Worker {
        Worker(const RowMapper &rowMapper, const SyncLookups &lookups, QDate today)
            : rows(rowMapper), mapper(rows, lookups, today)
        {
        }
        RowMapper rows;         ///< its own copy: value maps use a scratch buffer
        ObservationMapper mapper;
        std::thread thread;
    };

    void read();
    void map(Worker &worker);
    void mapBatch(ObservationMapper &mapper, const RawBatch &raw, Batch &batch) const;
    void pushRaw(RawBatch &&raw);
    void recycleRaw(RawBatch &&raw);
    RawBatch takeRaw();
    void finishReading(std::optional<Error> error, QString sha256);

    QString m_path;
    const std::atomic<bool> *m_cancel = nullptr;
    std::vector<std::unique_ptr<Worker>> m_workers;
    std::atomic<bool> m_stop{false};
    std::thread m_reader;

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<RawBatch> m_raw;           ///< read, waiting for a mapping thread
    std::vector<RawBatch> m_rawRecycled;  ///< mapped, their buffers to be reused by the reader
    std::map<qint64, Batch> m_mapped;     ///< mapped, by sequence, waiting for the writer
    std::vector<Batch> m_recycled;        ///< written, their rows to be reused
    qint64 m_nextSequence = 0;            ///< the batch the writer takes next
    qint64 m_lookahead;                   ///< batches mapped or being mapped ahead of it
    qint64 m_sequences = 0;               ///< batches the reader made (final once m_readDone)
    bool m_readDone = false;
    int m_workersRunning = 0;
    std::optional<Error> m_error;
    QString m_sha256;
};

} // namespace pme::core
