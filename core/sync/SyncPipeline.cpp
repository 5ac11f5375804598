// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/SyncPipeline.h"

#include "domain/Sha256.h"
#include "sync/CsvReader.h"

#include <QFile>

#include <algorithm>
#include <fstream>

#if defined(__linux__)
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace pme::core {

namespace {

constexpr std::size_t kBatchRows = 4096;
// Raw batches waiting for a mapping thread, and how far mapping may run ahead of the
// writer (batches mapped or being mapped): together they bound the memory in flight.
constexpr std::size_t kMaxRawBatches = 4;
constexpr qint64 kDefaultLookahead = 6;
constexpr int kMaxMappingThreads = 2;

// The writing thread is the sync's critical path (SQLite's inserts); the parsing threads
// feed it and can wait. On a machine with fewer cores than threads, a slightly lower
// priority for them means the writer is not the one left waiting for a core.
void yieldToTheWriter()
{
#if defined(__linux__)
    const int current = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), std::min(current + 3, 19));
#endif
}

} // namespace

SyncPipeline::SyncPipeline(QString path, const RowMapper &mapper, const SyncLookups &lookups, QDate today,
                           const std::atomic<bool> *cancel)
    : m_path(std::move(path)), m_cancel(cancel), m_lookahead(kDefaultLookahead)
{
    m_workers.push_back(std::make_unique<Worker>(mapper, lookups, today));
    // Keys made from the row's content count earlier identical rows: those files are mapped
    // in order, on one thread. A second mapping thread only pays with a second core.
    const int cores = static_cast<int>(std::thread::hardware_concurrency());
    if (!m_workers.front()->mapper.needsFileOrder()) {
        for (int i = 1; i < std::min(cores, kMaxMappingThreads); ++i)
            m_workers.push_back(std::make_unique<Worker>(mapper, lookups, today));
    }
}

SyncPipeline::~SyncPipeline()
{
    stop();
}

void SyncPipeline::setLookahead(int batches)
{
    {
        std::lock_guard lock(m_mutex);
        m_lookahead = std::max(1, batches);
    }
    m_changed.notify_all();
}

void SyncPipeline::start()
{
    m_workersRunning = static_cast<int>(m_workers.size());
    m_reader = std::thread([this] {
        yieldToTheWriter();
        read();
    });
    for (auto &worker : m_workers)
        worker->thread = std::thread([this, w = worker.get()] {
            yieldToTheWriter();
            map(*w);
        });
}

void SyncPipeline::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    if (m_reader.joinable())
        m_reader.join();
    for (auto &worker : m_workers) {
        if (worker->thread.joinable())
            worker->thread.join();
    }
}

bool SyncPipeline::next(Batch &batch)
{
    std::unique_lock lock(m_mutex);
    auto ready = m_mapped.end();
    m_changed.wait(lock, [&] {
        ready = m_mapped.find(m_nextSequence);
        return ready != m_mapped.end() || m_workersRunning == 0 || m_stop;
    });
    if (ready == m_mapped.end())
        return false;
    batch = std::move(ready->second);
    m_mapped.erase(ready);
    ++m_nextSequence;
    m_changed.notify_all();
    return true;
}

Result<void> SyncPipeline::result() const
{
    if (m_error)
        return *m_error;
    return {};
}

std::set<std::string> SyncPipeline::unknownLearners() const
{
    std::set<std::string> all;
    for (const auto &worker : m_workers)
        all.insert(worker->mapper.unknownLearners().begin(), worker->mapper.unknownLearners().end());
    return all;
}

void SyncPipeline::recycle(Batch &&batch)
{
    std::lock_guard lock(m_mutex);
    if (m_recycled.size() < static_cast<std::size_t>(kDefaultLookahead))
        m_recycled.push_back(std::move(batch));
}

void SyncPipeline::recycleRaw(RawBatch &&raw)
{
    std::lock_guard lock(m_mutex);
    if (m_rawRecycled.size() < kMaxRawBatches)
        m_rawRecycled.push_back(std::move(raw));
}

SyncPipeline::RawBatch SyncPipeline::takeRaw()
{
    RawBatch raw;
    {
        std::lock_guard lock(m_mutex);
        if (m_rawRecycled.empty())
            return raw;
        raw = std::move(m_rawRecycled.back());
        m_rawRecycled.pop_back();
    }
    // Emptied, buffers kept: a fresh megabyte a batch costs page faults to fill.
    raw.text.clear();
    raw.fieldEnds.clear();
    raw.records.clear();
    return raw;
}

void SyncPipeline::pushRaw(RawBatch &&raw)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_raw.size() < kMaxRawBatches || m_stop; });
    if (m_stop)
        return;
    raw.sequence = m_sequences++;
    m_raw.push_back(std::move(raw));
    m_changed.notify_all();
}

void SyncPipeline::finishReading(std::optional<Error> error, QString sha256)
{
    std::lock_guard lock(m_mutex);
    m_error = std::move(error);
    m_sha256 = std::move(sha256);
    m_readDone = true;
    m_changed.notify_all();
}

void SyncPipeline::read()
{
    std::ifstream in(QFile::encodeName(m_path).constData(), std::ios::binary);
    in.seekg(0, std::ios::end);
    const auto total = static_cast<std::uint64_t>(std::max<std::streamoff>(0, in.tellg()));
    in.seekg(0);
    Sha256 sha;
    std::uint64_t bytes = 0;
    // The file is hashed as it is read, so it is read once.
    const CsvReader::PullFunction pull = [&](char *buffer, std::size_t capacity) -> std::ptrdiff_t {
        in.read(buffer, static_cast<std::streamsize>(capacity));
        const std::streamsize got = in.gcount();
        if (got <= 0)
            return in.bad() ? -1 : 0;
        sha.addData(buffer, static_cast<std::size_t>(got));
        bytes += static_cast<std::uint64_t>(got);
        return static_cast<std::ptrdiff_t>(got);
    };

    CsvReader reader;
    std::atomic<bool> stopFlag{false};
    reader.setCancelFlag(&stopFlag);
    RawBatch raw;
    const CsvSummary summary = reader.read(pull, total, [&](const CsvRecord &record) {
        if (m_stop || (m_cancel && m_cancel->load())) {
            stopFlag = true;
            return false;
        }
        if (record.isHeader())
            return true;
        RawBatch::Record copy{record.number(), record.line(), raw.fieldEnds.size(), record.size(), false, {}};
        if (record.hasErrors()) {
            copy.failed = true;
            copy.error = record.errors().front().message;
        }
        for (std::string_view field : record.fields()) {
            raw.text.append(field);
            raw.fieldEnds.push_back(raw.text.size());
        }
        raw.records.push_back(std::move(copy));
        if (raw.records.size() >= kBatchRows) {
            raw.bytes = static_cast<qint64>(bytes);
            pushRaw(std::move(raw));
            raw = takeRaw();
        }
        return true;
    });
    raw.bytes = static_cast<qint64>(bytes);
    if (!raw.records.empty())
        pushRaw(std::move(raw));

    std::optional<Error> error;
    if (summary.fatal)
        error = makeError(ErrorKind::BadInput, tr("The file cannot be read as CSV: %1")
                                                   .arg(QString::fromStdString(summary.fatal->message)));
    else if (m_cancel && m_cancel->load())
        error = makeError(ErrorKind::Cancelled, tr("The sync was cancelled; nothing was changed."));
    finishReading(std::move(error), sha.hexResult());
}

void SyncPipeline::map(Worker &worker)
{
    for (;;) {
        RawBatch raw;
        Batch batch;
        {
            std::unique_lock lock(m_mutex);
            // The batch the writer waits for is always at the front of the raw queue or
            // already taken, so this wait never holds it back.
            m_changed.wait(lock, [this] {
                return m_stop || (m_raw.empty() && m_readDone)
                    || (!m_raw.empty() && m_raw.front().sequence < m_nextSequence + m_lookahead);
            });
            if (m_stop || m_raw.empty())
                break;
            raw = std::move(m_raw.front());
            m_raw.pop_front();
            if (!m_recycled.empty()) {
                batch = std::move(m_recycled.back());
                m_recycled.pop_back();
            }
            m_changed.notify_all();
        }
        mapBatch(worker.mapper, raw, batch);
        const qint64 sequence = raw.sequence;
        recycleRaw(std::move(raw));
        std::lock_guard lock(m_mutex);
        m_mapped.emplace(sequence, std::move(batch));
        m_changed.notify_all();
    }
    std::lock_guard lock(m_mutex);
    --m_workersRunning;
    m_changed.notify_all();
}

void SyncPipeline::mapBatch(ObservationMapper &mapper, const RawBatch &raw, Batch &batch) const
{
    // A recycled batch keeps its rows: they are mapped over in place, buffers and all.
    batch.records = static_cast<qint64>(raw.records.size());
    batch.bytes = raw.bytes;
    batch.rejects.clear();
    std::size_t used = 0;
    std::vector<std::string_view> fields;
    for (const RawBatch::Record &record : raw.records) {
        if (record.failed) {
            batch.rejects.push_back({record.number, record.line, QString(), QString::fromStdString(record.error)});
            continue;
        }
        fields.clear();
        for (std::size_t i = record.firstField; i < record.firstField + record.fieldCount; ++i) {
            const std::size_t begin = i == 0 ? 0 : raw.fieldEnds[i - 1];
            fields.emplace_back(raw.text.data() + begin, raw.fieldEnds[i] - begin);
        }
        if (used == batch.rows.size())
            batch.rows.emplace_back();
        SyncReject reject;
        if (mapper.map(fields, record.number, record.line, batch.rows[used], reject))
            ++used;
        else
            batch.rejects.push_back(std::move(reject));
    }
    batch.rows.resize(used);
}

} // namespace pme::core
