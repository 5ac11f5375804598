// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/SyncJob.h"

#include "Logging.h"
#include "governance/ActingUser.h"
#include "governance/AuditLog.h"
#include "store/Database.h"
#include "store/ImportBatchRepository.h"
#include "store/LearnerRepository.h"
#include "store/RosterWriter.h"
#include "store/SourceRepository.h"
#include "store/Statement.h"
#include "store/Transaction.h"
#include "sync/CsvReader.h"
#include "sync/ObservationMapper.h"
#include "sync/OuladImporter.h"
#include "sync/RosterMapper.h"
#include "sync/SyncPipeline.h"
#include "sync/XapiFlattener.h"
#include "sync/XapiReader.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <fstream>

namespace pme::core {

namespace {

constexpr qint64 kHeadBytes = 64 * 1024;
constexpr qint64 kBytesPerRowEstimate = 200;
constexpr qint64 kBulkMinimumRows = 50000;

QString q(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// xAPI exports are JSON (an array, JSON lines or an LRS response); everything else is CSV.
bool looksLikeJson(const QByteArray &head)
{
    QByteArray start = head.left(4096).trimmed();
    if (start.startsWith("\xEF\xBB\xBF"))
        start = start.mid(3);
    return start.startsWith('{') || start.startsWith('[');
}

// Reads the first record of a CSV file: the header the profile binds to.
Result<std::vector<std::string>> readHeader(const QByteArray &head, bool complete)
{
    std::vector<std::string> header;
    std::optional<CsvError> error;
    CsvReader reader;
    const QByteArray bytes = head;
    const CsvSummary summary = reader.readBytes(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())),
                                                [&](const CsvRecord &record) {
                                                    for (std::string_view field : record.fields())
                                                        header.emplace_back(field);
                                                    if (record.hasErrors() && complete)
                                                        error = record.errors().front();
                                                    return false;
                                                });
    if (summary.fatal)
        return makeError(ErrorKind::BadInput, q(summary.fatal->message));
    if (error && error->kind == CsvErrorKind::InvalidUtf8)
        return makeError(ErrorKind::BadInput, q(error->message));
    if (header.empty() || (header.size() == 1 && header.front().empty()))
        return makeError(ErrorKind::BadInput, SyncJob::tr("The file is empty."));
    return header;
}

// How a sync is written in the audit log: counts, not row contents.
QString auditDetails(const SyncReport &report)
{
    const QJsonObject details{{QStringLiteral("file"), report.file},
                              {QStringLiteral("profile"), report.profile},
                              {QStringLiteral("status"), report.status},
                              {QStringLiteral("rows_read"), report.rowsRead},
                              {QStringLiteral("inserted"), report.inserted},
                              {QStringLiteral("updated"), report.updated},
                              {QStringLiteral("unchanged"), report.unchanged},
                              {QStringLiteral("rejected"), report.rejected},
                              {QStringLiteral("sha256"), report.sha256}};
    return QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
}

// Foreign keys are checked by validation against SyncLookups on the bulk path; SQLite's own
// per-row lookups would only repeat that work. The pragma is ignored inside a transaction,
// so the guard switches it around the whole unit of work. A bulk load (a file large next to
// the table) is written through a rollback journal when no other connection has the store
// open: WAL would write every new page twice (to the WAL, then by the checkpoint).
class BulkSettings final {
public:
    BulkSettings(Database &db, bool active, bool bulkLoad) : m_db(db), m_active(active)
    {
        // A larger page cache while a million rows go in and their indexes are rebuilt.
        if (m_active)
            (void)m_db.execute("PRAGMA foreign_keys = OFF; PRAGMA cache_size = -65536;");
        if (m_active && bulkLoad)
            m_rollbackJournal = m_db.tryRollbackJournal();
    }
    ~BulkSettings()
    {
        if (m_rollbackJournal) {
            if (auto r = m_db.restoreWal(); !r)
                qCWarning(lcSync) << "could not return the store to WAL:" << r.error().message;
        }
        if (m_active)
            (void)m_db.execute("PRAGMA foreign_keys = ON; PRAGMA cache_size = -2000;");
    }
    BulkSettings(const BulkSettings &) = delete;
    BulkSettings &operator=(const BulkSettings &) = delete;

private:
    Database &m_db;
    bool m_active;
    bool m_rollbackJournal = false;
};

} // namespace

SyncJob::SyncJob(Database &db, const ProfileRegistry &profiles) : m_db(db), m_profiles(profiles)
{
}

Result<SyncJob::Prepared> SyncJob::prepare(const SyncRequest &request, SyncReport &report)
{
    QFile file(request.path);
    if (!file.exists())
        return makeError(ErrorKind::NotFound, tr("There is no file %1.").arg(QDir::toNativeSeparators(request.path)));
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorKind::Io, tr("Cannot read %1: %2.").arg(report.file, file.errorString()));
    Prepared prepared;
    prepared.size = file.size();
    const QByteArray head = file.read(kHeadBytes);
    prepared.xapi = looksLikeJson(head);

    const MappingProfile *profile = nullptr;
    if (!request.profileName.isEmpty()) {
        profile = m_profiles.find(request.profileName);
        if (!profile)
            return makeError(ErrorKind::NotFound, tr("There is no mapping profile named '%1'.").arg(request.profileName));
    }
    if (prepared.xapi) {
        if (!profile)
            profile = m_profiles.find(QStringLiteral("xapi-observations"));
        if (!profile || profile->input != MappingProfile::Input::Xapi)
            return makeError(ErrorKind::BadInput, tr("%1 holds JSON; sync it with an xAPI profile.").arg(report.file));
        std::vector<std::string_view> header = XapiFlattener::header();
        auto mapper = RowMapper::bind(*profile, header);
        if (!mapper)
            return mapper.error();
        prepared.mapper.emplace(std::move(mapper).value());
    } else {
        auto header = readHeader(head, file.atEnd());
        if (!header)
            return makeError(ErrorKind::BadInput, tr("%1 cannot be read: %2").arg(report.file, header.error().message));
        QStringList names;
        for (const std::string &name : *header)
            names << QString::fromStdString(name);
        if (!profile)
            profile = m_profiles.detect(names);
        if (!profile)
            return makeError(ErrorKind::BadInput,
                             tr("No mapping profile recognises the columns of %1 (%2). Choose a profile with "
                                "--profile, or make one in the import wizard.")
                                 .arg(report.file, names.mid(0, 8).join(QStringLiteral(", "))));
        std::vector<std::string_view> views(header->begin(), header->end());
        auto mapper = RowMapper::bind(*profile, views);
        if (!mapper)
            return makeError(ErrorKind::BadInput, tr("%1 does not fit the profile %2: %3")
                                                      .arg(report.file, profile->name, mapper.error().message));
        prepared.mapper.emplace(std::move(mapper).value());
    }
    prepared.profile = *profile;
    report.profile = profile->name;
    return prepared;
}

const MappingProfile *SyncJob::suggestProfile(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return nullptr;
    const QByteArray head = file.read(kHeadBytes);
    if (looksLikeJson(head))
        return m_profiles.find(QStringLiteral("xapi-observations"));
    auto header = readHeader(head, file.atEnd());
    if (!header)
        return nullptr;
    QStringList names;
    for (const std::string &name : *header)
        names << QString::fromStdString(name);
    return m_profiles.detect(names);
}

SyncReport SyncJob::refuse(SyncReport report, const Error &error, std::optional<qint64> sourceId,
                           const SyncRequest &request)
{
    report.status = error.kind == ErrorKind::Cancelled ? QStringLiteral("cancelled") : QStringLiteral("refused");
    report.message = error.message;
    report.errorKind = error.kind;
    report.inserted = report.updated = report.unchanged = 0;
    if (!request.dryRun) {
        auto recorded = ImportBatchRepository(m_db).recordFailure(
            sourceId, report, request.user ? std::optional<qint64>(request.user->id()) : std::nullopt);
        if (recorded)
            report.batchId = *recorded;
        else
            qCWarning(lcSync) << "could not record the refused batch:" << recorded.error().message;
    }
    return report;
}

SyncReport SyncJob::run(const SyncRequest &request)
{
    // A folder of related files (OULAD) has an importer of its own.
    if (QFileInfo(request.path).isDir()) {
        if (OuladImporter::recognises(request.path))
            return OuladImporter(m_db).run(request);
        SyncReport report;
        report.file = QFileInfo(request.path).fileName();
        return refuse(report, makeError(ErrorKind::BadInput, tr("%1 is a folder that no importer recognises.")
                                                                 .arg(QDir::toNativeSeparators(request.path))),
                      std::nullopt, request);
    }
    SyncReport report;
    report.file = QFileInfo(request.path).fileName();
    report.dryRun = request.dryRun;
    auto prepared = prepare(request, report);
    if (!prepared)
        return refuse(report, prepared.error(), std::nullopt, request);
    Prepared &p = *prepared;
    auto source = SourceRepository(m_db).ensure(p.profile.sourceCode, p.profile.sourceName,
                                                p.xapi ? QStringLiteral("xapi") : QStringLiteral("file"));
    if (!source)
        return refuse(report, source.error(), std::nullopt, request);
    p.sourceId = *source;

    const bool bulk = p.profile.target == MappingProfile::Target::Observations;
    // A file much larger than what the store holds is loaded with its indexes rebuilt at the
    // end (about 200 bytes a row in a typical export). Counted before the transaction, as
    // the journal can only change outside one; a count that is stale by then only costs speed.
    if (bulk && !p.xapi) {
        Statement existing(m_db, "SELECT count(*) FROM observations");
        auto row = existing.step();
        if (!row)
            return refuse(report, row.error(), p.sourceId, request);
        p.existingRows = existing.columnInt64(0);
        p.bulkLoad = p.size / kBytesPerRowEstimate > 2 * p.existingRows + kBulkMinimumRows;
    }
    // Only the CSV bulk path goes without SQLite's checks: xAPI voiding deletes rows, and the
    // deletions must cascade. A dry run writes nothing worth a journal change.
    BulkSettings bulkSettings(m_db, bulk && !p.xapi, p.bulkLoad && !request.dryRun);
    Transaction tx(m_db);
    if (!tx.isActive())
        return refuse(report, tx.error(), p.sourceId, request);
    // Nothing of a failed sync stays but the record of its failure.
    const auto fail = [&](const Error &error) {
        tx.rollback();
        return refuse(report, error, p.sourceId, request);
    };
    auto lookups = SyncLookups::load(m_db, p.sourceId);
    if (!lookups)
        return fail(lookups.error());
    auto batch = ImportBatchRepository(m_db).begin(p.sourceId, report.file, report.profile,
                                                    request.user ? std::optional<qint64>(request.user->id()) : std::nullopt);
    if (!batch)
        return fail(batch.error());
    p.lookups = std::move(lookups).value();
    p.batchId = *batch;

    QList<SyncReject> rejects;
    Result<void> ran = p.xapi ? runXapi(request, p, report, rejects)
        : bulk               ? runObservations(request, p, report, rejects)
                             : runCsv(request, p, report, rejects);
    if (ran)
        ran = recordUnlinked(p, report);
    if (!ran)
        return fail(ran.error());
    report.rejectsTotal = rejects.size();
    report.rejected = rejects.size();
    report.rejects = rejects.mid(0, SyncReport::kMaxReportedRejects);
    report.status = report.rejected == 0 ? QStringLiteral("ok") : QStringLiteral("partial");
    report.batchId = p.batchId;
    if (auto r = ImportBatchRepository(m_db).finish(p.batchId, report, rejects); !r)
        return fail(r.error());
    if (request.audit && request.user) {
        if (auto r = request.audit->append(m_db, *request.user, QStringLiteral("sync"), QStringLiteral("import_batch"),
                                           p.batchId, std::nullopt, auditDetails(report));
            !r)
            return fail(r.error());
    }
    if (request.dryRun) {
        tx.rollback();
        report.batchId = 0;
        return report;
    }
    QElapsedTimer committing;
    committing.start();
    if (auto r = tx.commit(); !r)
        return fail(r.error());
    qCDebug(lcSync) << "committed in" << committing.elapsed() << "ms";
    return report;
}

Result<void> SyncJob::recordUnlinked(Prepared &p, SyncReport &report)
{
    LearnerRepository learners(m_db);
    for (const std::string &id : p.unknownLearners) {
        const QString external = QString::fromStdString(id);
        report.unlinkedIdentities << external;
        if (auto r = learners.addIdentity(p.sourceId, external, std::nullopt); !r)
            return r.error();
    }
    return {};
}

} // namespace pme::core
