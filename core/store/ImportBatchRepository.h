// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "sync/SyncTypes.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace pme::core {

class Database;

/// One import batch as listed in the Data view.
struct ImportBatch {
    qint64 id = 0;
    QString sourceCode;
    QString fileName;
    QString sha256;
    QString profile;
    QString startedAt;
    QString finishedAt;
    QString status;
    qint64 rowsRead = 0;
    qint64 inserted = 0;
    qint64 updated = 0;
    qint64 unchanged = 0;
    qint64 rejected = 0;
    QString message;
};

/// The record of every sync: what was read, what changed, what was refused and why.
class ImportBatchRepository final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::ImportBatchRepository)

public:
    explicit ImportBatchRepository(Database &db) : m_db(db) {}

    /// Starts a batch (status 'running') inside the caller's transaction.
    Result<qint64> begin(std::optional<qint64> sourceId, const QString &fileName, const QString &profile,
                         std::optional<qint64> userId = std::nullopt);
    /// Records the outcome and every reject.
    Result<void> finish(qint64 batchId, const SyncReport &report, const QList<SyncReject> &rejects);
    /// Records, in its own transaction, a file that was refused or cancelled: nothing else was written.
    Result<qint64> recordFailure(std::optional<qint64> sourceId, const SyncReport &report,
                                 std::optional<qint64> userId = std::nullopt);

    Result<QList<ImportBatch>> list(int limit = 500);
    Result<QList<SyncReject>> rejects(qint64 batchId);

private:
    Database &m_db;
};

} // namespace pme::core
