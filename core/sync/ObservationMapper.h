// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/LearnerIdTable.h"
#include "sync/RowMapper.h"
#include "sync/SyncLookups.h"
#include "sync/SyncTypes.h"

#include <QCoreApplication>
#include <QDate>

#include <set>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace pme::core {

/// Turns an export row into a validated ObservationRow, or says why it cannot be taken:
/// dates, scale ranges, known competency codes, known learners, and a stable source key.
class ObservationMapper final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::ObservationMapper)

public:
    ObservationMapper(const RowMapper &mapper, const SyncLookups &lookups, QDate today);

    /// True with `out` filled, or false with `reject` filled.
    bool map(std::span<const std::string_view> fields, qint64 row, qint64 line, ObservationRow &out,
             SyncReject &reject);

    /// True when rows must be mapped one after another in file order: without an id column,
    /// identical rows are told apart by how often their key was seen before.
    bool needsFileOrder() const { return !m_explicitKey; }
    /// Learner ids met in the file that no learner is linked to.
    const std::set<std::string> &unknownLearners() const { return m_unknownLearners; }

private:
    bool fail(SyncReject &reject, qint64 row, qint64 line, const QString &field, const QString &reason) const;
    bool mapRating(std::span<const std::string_view> fields, const SyncLookups::CompetencyInfo *competency,
                   ObservationRow &out, QString &error) const;
    bool makeKey(std::span<const std::string_view> fields, ObservationRow &out, QString &error);

    // Field handles, resolved once: rows are mapped by index, not by name.
    struct Handles {
        int learner = -1, date = -1, framework = -1, competency = -1, kind = -1, rating = -1, score = -1,
            percentile = -1, sourceKey = -1, assessor = -1, assessorRole = -1, instrument = -1, context = -1,
            narrative = -1, blankAllowed = -1;
    };

    const RowMapper &m_mapper;
    Handles m_h;
    std::vector<int> m_keyHandles;
    std::string m_hashBuffer;
    std::string m_lastKindText;   ///< exports repeat a handful of kinds: parse each once
    Observation::Kind m_lastKind = Observation::Kind::Assessment;
    const SyncLookups &m_lookups;
    LearnerIdTable m_learners;
    QString m_profileName;
    std::string m_keyPrefix;
    std::string m_today;
    std::set<std::string> m_unknownLearners;
    std::unordered_map<qint64, int> m_compositeOccurrences; ///< composite hash → times seen
    bool m_explicitKey = false;
};

} // namespace pme::core
