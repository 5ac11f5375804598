// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SyncJob's three ways of reading a file: bulk observations (two threads), small CSV files
// (rosters, outcomes), and xAPI statements.
#include "sync/SyncJob.h"

#include "Logging.h"
#include "store/Database.h"
#include "store/ObservationBulkWriter.h"
#include "store/RosterWriter.h"
#include "store/Statement.h"
#include "domain/Sha256.h"
#include "sync/CsvReader.h"
#include "sync/ObservationMapper.h"
#include "sync/RosterMapper.h"
#include "sync/SyncPipeline.h"
#include "sync/XapiFlattener.h"
#include "sync/XapiReader.h"

#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <fstream>
#include <optional>

namespace pme::core {

namespace {

// How many batches of 4,096 rows (about 2 MB each) mapping may run ahead of the writer:
// while it loads the source's keys, and while it writes.
constexpr int kKeyLoadLookahead = 24;
constexpr int kRowLookahead = 6;
// The keys one pass over an observation file holds at most (40 bytes each: about 60 MB).
constexpr qint64 kMaxKeysInMemory = 1500000;
// Memory for the source's key table and the page cache together, and the least cache.
constexpr qint64 kKeysAndCacheKb = 120 * 1024;
constexpr qint64 kMinCacheKb = 8 * 1024;

// Counts one writer outcome into the report, or turns it into a reject.
Result<void> countObservation(Result<ObservationBulkWriter::Outcome> outcome, const ObservationRow &row,
                              qint64 firstRow, SyncReport &report, QList<SyncReject> &rejects)
{
    if (!outcome)
        return outcome.error();
    switch (*outcome) {
    case ObservationBulkWriter::Outcome::Inserted:
        ++report.inserted;
        break;
    case ObservationBulkWriter::Outcome::Updated:
        ++report.updated;
        break;
    case ObservationBulkWriter::Outcome::Unchanged:
        ++report.unchanged;
        break;
    case ObservationBulkWriter::Outcome::Duplicate:
        rejects.append({row.row, 0, QString(), SyncJob::tr("The row repeats the id of row %1.").arg(firstRow)});
        break;
    case ObservationBulkWriter::Outcome::KeyCollision:
        rejects.append({row.row, 0, QString(),
                        SyncJob::tr("The row's id collides with another id of this source; give it another id.")});
        break;
    }
    return {};
}

// Writes the queued inserts; a row whose key collided is a reject, not an insert.
Result<void> flushInserts(ObservationBulkWriter &writer, SyncReport &report, QList<SyncReject> &rejects)
{
    auto collisions = writer.flush();
    if (!collisions)
        return collisions.error();
    for (const ObservationRow *row : *collisions) {
        --report.inserted;
        rejects.append({row->row, 0, QString(),
                        SyncJob::tr("The row's id collides with another id of this source; give it another id.")});
    }
    return {};
}

// The mapper has already checked every row against what the table's CHECK constraints say
// (the date's form, the kind, the percentile's range), so SQLite need not check them again
// for each of a million rows. Only around the rows' writes; on again for everything else.
class RowChecksSkipped final {
public:
    explicit RowChecksSkipped(Database &db) : m_db(db) { (void)m_db.execute("PRAGMA ignore_check_constraints = ON;"); }
    ~RowChecksSkipped() { (void)m_db.execute("PRAGMA ignore_check_constraints = OFF;"); }
    RowChecksSkipped(const RowChecksSkipped &) = delete;
    RowChecksSkipped &operator=(const RowChecksSkipped &) = delete;

private:
    Database &m_db;
};

// Writes a batch's rows whose keys are in the writer's partition, each counted or rejected.
Result<void> writeRows(ObservationBulkWriter &writer, const SyncPipeline::Batch &batch, SyncReport &report,
                       QList<SyncReject> &rejects)
{
    for (std::size_t i = 0; i < batch.rows.size(); ++i) {
        // The key table is far bigger than the CPU cache: ask for a later row's slot now.
        if (i + 8 < batch.rows.size())
            writer.prefetch(batch.rows[i + 8].keyHash);
        const ObservationRow &row = batch.rows[i];
        if (!writer.inPartition(row.keyHash))
            continue;
        qint64 firstRow = 0;
        auto outcome = writer.write(row, &firstRow); // before countObservation reads firstRow
        if (auto r = countObservation(std::move(outcome), row, firstRow, report, rejects); !r)
            return r;
    }
    return flushInserts(writer, report, rejects);
}

// Loads the source's keys (of the writer's partition) with a small page cache, since the
// scan reads each page once, then gives the cache what the key table leaves: the table grows
// with the source, and the two together stay within kKeysAndCacheKb.
Result<void> loadKeys(Database &db, ObservationBulkWriter &writer, bool load)
{
    const auto cacheSize = db.pragmaInt("cache_size");
    (void)db.execute("PRAGMA cache_size = -2048;");
    if (load) {
        if (auto r = writer.loadExisting(); !r)
            return r;
    }
    if (cacheSize) {
        const qint64 wantedKb = *cacheSize < 0 ? -*cacheSize : *cacheSize * 4;
        const qint64 roomKb = std::max<qint64>(kMinCacheKb, kKeysAndCacheKb - writer.keyTableBytes() / 1024);
        (void)db.execute(QByteArray("PRAGMA cache_size = -" + QByteArray::number(std::min(wantedKb, roomKb)) + ';')
                             .constData());
    }
    return {};
}

} // namespace

Result<void> SyncJob::runObservations(const SyncRequest &request, Prepared &p, SyncReport &report,
                                      QList<SyncReject> &rejects)
{
    // The writer holds the source's keys in memory (40 bytes each). The source holds at most
    // what the store holds, and the file about a row per 150 bytes: when the larger of the two
    // is more than one pass may hold, the file is synced in passes over ranges of key hashes,
    // each reading the file again, so that memory stays bounded whatever the file's size.
    const qint64 maxKeys = request.maxKeysInMemory > 0 ? request.maxKeysInMemory : kMaxKeysInMemory;
    const qint64 keys = std::max(p.existingRows, p.size / 150);
    const int passes = static_cast<int>(std::clamp<qint64>((keys + maxKeys - 1) / maxKeys, 1, 64));
    ObservationBulkWriter writer(m_db, p.sourceId, p.batchId);
    bool sourceHadRows = true;
    for (int pass = 0; pass < passes; ++pass) {
        writer.setPartition(pass, passes);
        writer.reserve(keys / passes);
        // A source without rows before the sync has no keys to load in later passes either.
        if (auto r = writePass(request, p, {pass, passes, sourceHadRows}, writer, report, rejects); !r)
            return r;
        if (pass == 0)
            sourceHadRows = writer.sourceRowsSeen() > 0;
    }
    if (writer.indexesSuspended()) {
        QElapsedTimer phase;
        phase.start();
        if (auto r = writer.restoreIndexes(); !r)
            return makeError(ErrorKind::Conflict, r.error().message);
        qCDebug(lcSync) << "indexes rebuilt in" << phase.elapsed() << "ms";
    }
    // Rejects of the two threads arrive interleaved by batch; keep them in row order.
    std::stable_sort(rejects.begin(), rejects.end(), [](const SyncReject &a, const SyncReject &b) { return a.row < b.row; });
    return {};
}

Result<void> SyncJob::writePass(const SyncRequest &request, Prepared &p, Pass pass, ObservationBulkWriter &writer,
                                SyncReport &report, QList<SyncReject> &rejects)
{
    QElapsedTimer phase;
    phase.start();
    // Parsing starts while the source's keys are loaded (one pass over the table), and runs
    // further ahead meanwhile, in the memory the page cache would otherwise fill with table
    // pages that are read once: the cache stays small until the keys are in. Only in the
    // first pass: in later ones of a first sync the cache grows while those are still held.
    SyncPipeline pipeline(request.path, *p.mapper, p.lookups, QDate::currentDate(), request.cancel);
    pipeline.setLookahead(pass.index == 0 ? kKeyLoadLookahead : kRowLookahead);
    pipeline.start();
    if (auto r = loadKeys(m_db, writer, pass.loadKeys); !r)
        return r;
    pipeline.setLookahead(kRowLookahead);
    qCDebug(lcSync) << "pass" << pass.index + 1 << "of" << pass.count << ":" << writer.existingCount()
                    << "keys loaded in" << phase.restart() << "ms;" << pipeline.mappingThreads() << "mapping threads";
    if (p.bulkLoad && !writer.indexesSuspended()) {
        if (auto r = writer.suspendIndexes(); !r)
            return r;
    }
    // The file's own findings (records read, rows that cannot be mapped) count once.
    const bool first = pass.index == 0;
    SyncPipeline::Batch batch;
    std::optional<RowChecksSkipped> checksSkipped(std::in_place, m_db);
    qint64 waitedNs = 0;
    QElapsedTimer waiting;
    waiting.start();
    while (pipeline.next(batch)) {
        waitedNs += waiting.nsecsElapsed();
        if (first) {
            report.rowsRead += batch.records;
            for (SyncReject &reject : batch.rejects)
                rejects.append(std::move(reject));
        }
        if (auto r = writeRows(writer, batch, report, rejects); !r) {
            pipeline.stop();
            return r;
        }
        if (request.progress)
            request.progress((pass.index * p.size + batch.bytes) / pass.count, p.size);
        pipeline.recycle(std::move(batch));
        waiting.restart();
    }
    pipeline.stop();
    checksSkipped.reset();
    if (auto r = pipeline.result(); !r)
        return r;
    // Where a large sync's time goes (QT_LOGGING_RULES="pme.core.sync.debug=true").
    qCDebug(lcSync) << "rows written in" << phase.restart() << "ms, of which waiting for the parser"
                    << waitedNs / 1000000 << "ms";
    if (first) {
        report.sha256 = pipeline.sha256();
        p.unknownLearners = pipeline.unknownLearners();
    }
    return {};
}

Result<void> SyncJob::runCsv(const SyncRequest &request, Prepared &p, SyncReport &report, QList<SyncReject> &rejects)
{
    std::ifstream in(QFile::encodeName(request.path).constData(), std::ios::binary);
    Sha256 sha;
    qint64 bytesRead = 0;
    const CsvReader::PullFunction pull = [&](char *buffer, std::size_t capacity) -> std::ptrdiff_t {
        in.read(buffer, static_cast<std::streamsize>(capacity));
        const std::streamsize got = in.gcount();
        bytesRead += got > 0 ? got : 0;
        if (got > 0)
            sha.addData(buffer, static_cast<std::size_t>(got));
        return got > 0 ? static_cast<std::ptrdiff_t>(got) : (in.bad() ? -1 : 0);
    };
    RosterMapper mapper(*p.mapper, p.lookups);
    RosterWriter writer(m_db, p.sourceId, p.batchId);
    const bool roster = p.profile.target == MappingProfile::Target::Roster;
    std::optional<Error> failure;
    CsvReader reader;
    reader.setCancelFlag(request.cancel);
    const CsvSummary summary = reader.read(pull, static_cast<std::uint64_t>(p.size), [&](const CsvRecord &record) {
        if (record.isHeader())
            return true;
        ++report.rowsRead;
        SyncReject reject;
        if (record.hasErrors()) {
            rejects.append({record.number(), record.line(), QString(),
                            QString::fromStdString(record.errors().front().message)});
            return true;
        }
        Result<RosterWriter::Outcome> outcome = RosterWriter::Outcome::Unchanged;
        if (roster) {
            RosterRow row;
            if (!mapper.mapLearner(record.fields(), record.number(), record.line(), row, reject)) {
                rejects.append(reject);
                return true;
            }
            outcome = writer.writeLearner(row);
        } else {
            OutcomeRow row;
            if (!mapper.mapOutcome(record.fields(), record.number(), record.line(), row, reject)) {
                rejects.append(reject);
                return true;
            }
            outcome = writer.writeOutcome(row);
        }
        if (!outcome) {
            // A refusal of this row (unknown framework, a clash) is a reject; anything else stops the sync.
            if (outcome.error().kind != ErrorKind::BadInput && outcome.error().kind != ErrorKind::Conflict) {
                failure = outcome.error();
                return false;
            }
            rejects.append({record.number(), record.line(), QString(), outcome.error().message});
            return true;
        }
        ++(*outcome == RosterWriter::Outcome::Inserted  ? report.inserted
           : *outcome == RosterWriter::Outcome::Updated ? report.updated
                                                         : report.unchanged);
        if (request.progress && report.rowsRead % 512 == 0)
            request.progress(bytesRead, p.size);
        return true;
    });
    if (failure)
        return *failure;
    if (summary.fatal)
        return makeError(ErrorKind::BadInput,
                         tr("The file cannot be read as CSV: %1").arg(QString::fromStdString(summary.fatal->message)));
    if (summary.cancelled)
        return makeError(ErrorKind::Cancelled, tr("The sync was cancelled; nothing was changed."));
    report.sha256 = sha.hexResult();
    p.unknownLearners = mapper.unknownLearners();
    return {};
}

Result<void> SyncJob::runXapi(const SyncRequest &request, Prepared &p, SyncReport &report, QList<SyncReject> &rejects)
{
    ObservationBulkWriter writer(m_db, p.sourceId, p.batchId);
    if (auto r = writer.loadExisting(); !r)
        return r;
    ObservationMapper mapper(*p.mapper, p.lookups, QDate::currentDate());
    QStringList voided;
    std::optional<Error> failure;
    XapiReader reader;
    reader.setProgressHandler([&](qint64 done, qint64 total) {
        if (request.progress)
            request.progress(done, total);
    });
    auto summary = reader.readFile(request.path, [&](const XapiReadItem &item) {
        if (request.cancel && request.cancel->load())
            return false;
        ++report.rowsRead;
        if (const QList<XapiIssue> *issues = item.issues()) {
            QStringList reasons;
            for (const XapiIssue &issue : *issues)
                reasons << QStringLiteral("%1: %2").arg(issue.path, issue.message);
            rejects.append({item.index, item.line, QString(), reasons.join(QStringLiteral("; "))});
            return true;
        }
        const XapiStatement &statement = *item.statement();
        if (statement.voids) {
            voided << statement.voidedStatementId;
            ++report.updated;
            return true;
        }
        const std::vector<std::string> values = XapiFlattener::row(statement);
        const std::vector<std::string_view> views(values.begin(), values.end());
        ObservationRow row;
        SyncReject reject;
        if (!mapper.map(views, item.index, item.line, row, reject)) {
            rejects.append(reject);
            return true;
        }
        qint64 firstRow = 0;
        auto outcome = writer.write(row, &firstRow);  // before countObservation reads firstRow
        if (auto r = countObservation(std::move(outcome), row, firstRow, report, rejects); !r) {
            failure = r.error();
            return false;
        }
        // xAPI rows live only for this callback: write them now.
        if (auto r = flushInserts(writer, report, rejects); !r) {
            failure = r.error();
            return false;
        }
        return true;
    });
    if (failure)
        return *failure;
    if (!summary)
        return summary.error();
    // A voiding statement withdraws the statement it names, whenever that arrived.
    QStringList voidedKeys;
    for (const QString &id : std::as_const(voided))
        voidedKeys << p.profile.name + QLatin1Char(':') + id;
    if (auto r = writer.remove(voidedKeys); !r)
        return r;
    QFile file(request.path);
    if (file.open(QIODevice::ReadOnly)) {
        Sha256 sha;
        while (!file.atEnd()) {
            const QByteArray chunk = file.read(1 << 20);
            sha.addData(chunk.constData(), static_cast<std::size_t>(chunk.size()));
        }
        report.sha256 = sha.hexResult();
    }
    p.unknownLearners = mapper.unknownLearners();
    return {};
}

} // namespace pme::core
