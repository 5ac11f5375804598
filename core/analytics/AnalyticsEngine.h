// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "analytics/AnalyticsDataset.h"
#include "analytics/FlagRules.h"
#include "analytics/FlagStore.h"
#include "analytics/RuleSet.h"
#include "analytics/Trajectories.h"

#include <QCoreApplication>
#include <QString>

#include <atomic>
#include <optional>
#include <vector>

namespace pme::core {
class ActingUser;
class AuditLog;
class Database;
} // namespace pme::core

namespace pme::core::analytics {

struct RecomputeRequest {
    AsOf asOf;
    /// Everyone when empty: every model is refitted. Otherwise only these learners are
    /// refreshed, under the models and peer norms of the last full recompute.
    std::vector<qint64> learnerIds;
    /// Store the results (estimates, models, flags, the run). Only the latest state is
    /// stored; a past as-of point is computed and returned, never stored.
    bool persist = true;
    /// A rule-set version other than the active one (for evaluating an older version).
    std::optional<int> ruleSetVersion;
    const AuditLog *audit = nullptr;
    const ActingUser *user = nullptr;
};

struct RecomputeResult {
    AnalyticsDataset data;
    Trajectories trajectories;
    FlagEvaluation evaluation;
    RuleSet rules;
    FlagMergeSummary merge;
    bool incremental = false;
    bool stored = false;
    qint64 runId = 0;
    qint64 milliseconds = 0;
    /// Where the time went: reading the evidence, fitting and forecasting, the rules, storing.
    struct Phases {
        qint64 load = 0, trajectories = 0, rules = 0, store = 0;
    } phases;
    std::vector<qint32> scope; ///< dataset indexes of the learners computed
};

/// Runs the analytics: loads the evidence as of a point, fits or reuses the growth models,
/// forecasts, evaluates the rules, and (for the latest state) stores it all in one
/// transaction, merging flags so that people's decisions survive.
class AnalyticsEngine final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::analytics::AnalyticsEngine)

public:
    static Result<RecomputeResult> recompute(Database &db, const RecomputeRequest &request);

    /// The learners whose evidence or outcomes the import batches inserted or changed.
    static Result<std::vector<qint64>> learnersChangedBy(Database &db, const std::vector<qint64> &batchIds);
    /// Refreshes after a sync: the changed learners alone when the store has models and they
    /// are few (at most a tenth of the learners), otherwise everything.
    static Result<RecomputeResult> refreshAfterSync(Database &db, const std::vector<qint64> &batchIds,
                                                    const AuditLog *audit, const ActingUser *user);

    /// The models stored by the last full recompute.
    static Result<std::vector<CompetencyModel>> storedModels(Database &db, const AnalyticsDataset &data);
};

} // namespace pme::core::analytics
