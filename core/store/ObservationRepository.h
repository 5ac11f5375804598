// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "domain/Observation.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>

#include <optional>

namespace pme::core {

class Database;

/// Which observations to read: always one learner, optionally narrowed.
struct ObservationQuery {
    qint64 learnerId = 0;
    std::optional<qint64> competencyId;
    std::optional<Observation::Kind> kind;
    QDate from;   ///< inclusive; invalid = open
    QDate to;     ///< inclusive; invalid = open
};

/// Evidence about learners, with provenance. Bulk imports use their own prepared path in
/// core/sync; this class is for single writes and for reading.
class ObservationRepository final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::ObservationRepository)

public:
    explicit ObservationRepository(Database &db) : m_db(db) {}

    Result<qint64> insert(const Observation &observation);
    Result<QList<Observation>> query(const ObservationQuery &query);
    Result<qint64> count();

private:
    Database &m_db;
};

} // namespace pme::core
