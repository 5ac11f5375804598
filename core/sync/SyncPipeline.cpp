// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/SyncPipeline.h"

#include "domain/Sha256.h"
#include "sync/CsvReader.h"

#include <QFile>

#include <fstream>

namespace pme::core {

namespace {

constexpr std::size_t kBatchRows = 4096;
constexpr std::size_t kMaxQueuedBatches = 6;

} // namespace

SyncPipeline::SyncPipeline(QString path, const RowMapper &mapper, const SyncLookups &lookups, QDate today,
                           const std::atomic<bool> *cancel)
    : m_path(std::move(path)), m_mapper(mapper, lookups, today), m_cancel(cancel)
{
}

SyncPipeline::~SyncPipeline()
{
    stop();
}

void SyncPipeline::start()
{
    m_thread = std::thread([this] { parse(); });
}

void SyncPipeline::stop()
{
    m_stop = true;
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void SyncPipeline::push(Batch &&batch)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_queue.size() < kMaxQueuedBatches || m_stop; });
    if (m_stop)
        return;
    m_queue.push_back(std::move(batch));
    m_changed.notify_all();
}

bool SyncPipeline::next(Batch &batch)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_queue.empty() || m_done; });
    if (m_queue.empty())
        return false;
    batch = std::move(m_queue.front());
    m_queue.pop_front();
    m_changed.notify_all();
    return true;
}

Result<void> SyncPipeline::result() const
{
    if (m_error)
        return *m_error;
    return {};
}

void SyncPipeline::parse()
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
    Batch batch;
    batch.rows.reserve(kBatchRows);
    const CsvSummary summary = reader.read(pull, total, [&](const CsvRecord &record) {
        if (m_stop || (m_cancel && m_cancel->load())) {
            stopFlag = true;
            return false;
        }
        if (record.isHeader())
            return true;
        ++batch.records;
        if (record.hasErrors()) {
            const CsvError &error = record.errors().front();
            batch.rejects.push_back({record.number(), record.line(), QString(), QString::fromStdString(error.message)});
        } else {
            ObservationRow row;
            SyncReject reject;
            if (m_mapper.map(record.fields(), record.number(), record.line(), row, reject))
                batch.rows.push_back(std::move(row));
            else
                batch.rejects.push_back(std::move(reject));
        }
        if (batch.rows.size() + batch.rejects.size() >= kBatchRows) {
            batch.bytes = static_cast<qint64>(bytes);
            push(std::move(batch));
            batch = Batch();
            batch.rows.reserve(kBatchRows);
        }
        return true;
    });
    batch.bytes = static_cast<qint64>(bytes);
    if (!batch.rows.empty() || !batch.rejects.empty() || batch.records > 0)
        push(std::move(batch));

    std::lock_guard lock(m_mutex);
    if (summary.fatal)
        m_error = makeError(ErrorKind::BadInput, tr("The file cannot be read as CSV: %1")
                                                     .arg(QString::fromStdString(summary.fatal->message)));
    else if (m_cancel && m_cancel->load())
        m_error = makeError(ErrorKind::Cancelled, tr("The sync was cancelled; nothing was changed."));
    m_sha256 = sha.hexResult();
    m_done = true;
    m_changed.notify_all();
}

} // namespace pme::core
