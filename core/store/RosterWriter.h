// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "sync/RosterRow.h"

#include <QCoreApplication>
#include <QHash>

namespace pme::core {

class Database;

/// Writes roster and outcome rows inside the caller's transaction. A roster is the only
/// thing that creates learners; each learner is linked to the id the roster gives.
class RosterWriter final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::RosterWriter)

public:
    enum class Outcome { Inserted, Updated, Unchanged };

    RosterWriter(Database &db, qint64 sourceId, qint64 batchId);

    /// A refusal (unknown framework) comes back as an Error of kind BadInput for the row.
    Result<Outcome> writeLearner(const RosterRow &row);
    Result<Outcome> writeOutcome(const OutcomeRow &row);

private:
    Result<qint64> programId(const RosterRow &row);
    Result<bool> updateStage(qint64 learnerId, const RosterRow &row);

    Database &m_db;
    qint64 m_sourceId = 0;
    qint64 m_batchId = 0;
    QHash<QString, qint64> m_programs;
};

} // namespace pme::core
