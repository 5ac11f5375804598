// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "domain/Learner.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

namespace pme::core {

class Database;

/// Which learners to list. Empty members do not filter.
struct LearnerQuery {
    std::optional<qint64> programId;
    std::optional<Learner::Status> status;
    QString nameContains;
    /// When set, only these learners (the acting user's scope, applied by governance).
    std::optional<QList<qint64>> onlyIds;
};

/// A learner as listed, with the program code for display.
struct LearnerRow {
    Learner learner;
    QString programCode;
};

/// Learners and the external identities that link them to source systems.
class LearnerRepository final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::LearnerRepository)

public:
    explicit LearnerRepository(Database &db) : m_db(db) {}

    Result<qint64> add(const Learner &learner);
    Result<void> update(const Learner &learner);
    Result<Learner> find(qint64 id);
    Result<QList<LearnerRow>> list(const LearnerQuery &query = {});

    /// Records that a source knows a learner by externalId; learnerId empty leaves it unlinked.
    Result<qint64> addIdentity(qint64 sourceId, const QString &externalId, std::optional<qint64> learnerId);
    /// The learner a source's id is linked to, if any.
    Result<std::optional<qint64>> learnerForIdentity(qint64 sourceId, const QString &externalId);
    Result<QList<LearnerIdentity>> identities(qint64 learnerId);

    /// An identity no learner is linked to yet, with where it was seen.
    struct UnlinkedIdentity {
        qint64 id = 0;
        QString sourceCode;
        QString externalId;
        QString firstSeenAt;
        QString lastSeenAt;
    };
    Result<QList<UnlinkedIdentity>> unlinkedIdentities();
    /// Links a source's id to a learner; the next sync of that source picks up its rows.
    Result<void> linkIdentity(const QString &sourceCode, const QString &externalId, qint64 learnerId,
                              std::optional<qint64> byUserId = std::nullopt);

private:
    Result<void> validate(const Learner &learner) const;

    Database &m_db;
};

} // namespace pme::core
