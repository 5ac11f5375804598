// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/ProfileRegistry.h"
#include "sync/RowMapper.h"
#include "sync/SyncLookups.h"
#include "sync/SyncTypes.h"

#include <QCoreApplication>
#include <QString>

#include <atomic>
#include <functional>
#include <optional>
#include <set>
#include <string>

namespace pme::core {

class ObservationBulkWriter;

class ActingUser;
class AuditLog;
class Database;

/// What to sync and how.
struct SyncRequest {
    QString path;
    QString profileName;                 ///< empty: suggested from the file's header
    bool dryRun = false;                 ///< validate and count, write nothing
    const ActingUser *user = nullptr;    ///< who syncs (audited with the batch)
    const AuditLog *audit = nullptr;
    /// Bytes read so far and the file size; called from the syncing thread.
    std::function<void(qint64 done, qint64 total)> progress;
    const std::atomic<bool> *cancel = nullptr;
    /// How many of the source's keys one pass over an observation file may hold in memory
    /// (0: 1,500,000, about 60 MB); a larger source is synced in several passes, each over a
    /// range of key hashes.
    qint64 maxKeysInMemory = 0;
};

/// Syncs one export file into the store (docs/sync.md): read as a stream, map through a
/// profile, validate every row, upsert by source key with provenance, keep the rejects with
/// their reasons, and commit the whole file atomically with its batch record. A file that
/// cannot be understood is refused and nothing but the refusal is recorded.
///
/// Observations are parsed and validated on a second thread while this one writes.
class SyncJob final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::SyncJob)

public:
    SyncJob(Database &db, const ProfileRegistry &profiles);

    SyncReport run(const SyncRequest &request);

    /// The profile a sync of this file would use when none is named: the xAPI profile for
    /// JSON, else the one its CSV header matches; nullptr when none does.
    const MappingProfile *suggestProfile(const QString &path) const;

private:
    /// What run() learns about the file before reading its rows.
    struct Prepared {
        MappingProfile profile;
        std::optional<RowMapper> mapper;
        bool xapi = false;
        qint64 size = 0;
        qint64 sourceId = 0;
        qint64 batchId = 0;
        SyncLookups lookups;
        std::set<std::string> unknownLearners;
        bool bulkLoad = false;   ///< rebuild the observation indexes instead of updating them
        qint64 existingRows = 0; ///< observations in the store (all sources) before the sync
    };
    /// One pass of an observation file: its rows whose keys fall in the writer's partition.
    struct Pass {
        int index = 0;
        int count = 1;
        bool loadKeys = true; ///< false when the source had no rows before the sync
    };

    Result<Prepared> prepare(const SyncRequest &request, SyncReport &report);
    Result<void> runCsv(const SyncRequest &request, Prepared &prepared, SyncReport &report,
                        QList<SyncReject> &rejects);
    Result<void> runObservations(const SyncRequest &request, Prepared &prepared, SyncReport &report,
                                 QList<SyncReject> &rejects);
    Result<void> writePass(const SyncRequest &request, Prepared &prepared, Pass pass, ObservationBulkWriter &writer,
                           SyncReport &report, QList<SyncReject> &rejects);
    Result<void> runXapi(const SyncRequest &request, Prepared &prepared, SyncReport &report,
                         QList<SyncReject> &rejects);
    Result<void> recordUnlinked(Prepared &prepared, SyncReport &report);
    SyncReport refuse(SyncReport report, const Error &error, std::optional<qint64> sourceId, const SyncRequest &request);

    Database &m_db;
    const ProfileRegistry &m_profiles;
};

} // namespace pme::core
