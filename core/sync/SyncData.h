// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "store/ImportBatchRepository.h"
#include "store/LearnerRepository.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace pme::core {

class ActingUser;
class Database;

/// What the Data page shows and does about syncs: import batches, their rejects, unlinked
/// identities and linking them. Managing a program's data is a program director's (or an
/// administrator's) job (DESIGN.md), so every call checks the acting user's role first.
class SyncData final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::SyncData)

public:
    SyncData(Database &db, const ActingUser &user) : m_db(db), m_user(user) { }

    /// Whether user may sync files and manage what syncs leave behind.
    static bool mayManage(const ActingUser &user);
    /// As mayManage(), with a readable Denied error.
    static Result<void> requireManage(const ActingUser &user);

    Result<QList<ImportBatch>> batches(int limit = 500);
    Result<QList<SyncReject>> rejects(qint64 batchId);
    Result<QList<LearnerRepository::UnlinkedIdentity>> unlinkedIdentities();
    /// The learners an identity can be linked to.
    Result<QList<LearnerRow>> learners();
    Result<void> link(const QString &sourceCode, const QString &externalId, qint64 learnerId);

    /// Writes rejects as CSV (row, column, reason) to path.
    static Result<void> writeRejectsCsv(const QString &path, const QList<SyncReject> &rejects);

private:
    Database &m_db;
    const ActingUser &m_user;
};

} // namespace pme::core
