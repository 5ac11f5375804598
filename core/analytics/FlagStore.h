// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "analytics/FlagRules.h"

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <span>
#include <vector>

namespace pme::core {
class Database;
}

namespace pme::core::analytics {

/// What merging a recompute's flags into the store did.
struct FlagMergeSummary {
    int raised = 0;       ///< new flags
    int updated = 0;      ///< still firing, numbers refreshed
    int worsened = 0;     ///< severity went up
    int improved = 0;     ///< severity went down
    int reopened = 0;     ///< acknowledged, resolved or dismissed, then worsened
    int autoResolved = 0; ///< open or acknowledged, and the rule no longer fires
    int open = 0;         ///< open flags of the learners in scope afterwards
};

/// The stored flags and their life: a recompute merges into them so that a person's decision
/// (acknowledged, resolved, dismissed with a reason) survives, and a flag that worsens reopens.
class FlagStore final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::analytics::FlagStore)

public:
    enum class State { Open, Acknowledged, Resolved, Dismissed };
    static QString stateToString(State state);
    static std::optional<State> stateFromString(const QString &text);

    /// Merges `flags` (raised for the dataset's learners in `scope`) inside the caller's
    /// transaction. Flags of learners in scope that no longer fire are resolved automatically.
    static Result<FlagMergeSummary> merge(Database &db, const AnalyticsDataset &data,
                                          const std::vector<FlagCandidate> &flags, std::span<const qint32> scope,
                                          qint64 ruleSetId);

    /// A person's decision on a flag. Dismissing needs a reason.
    static Result<void> setState(Database &db, qint64 flagId, State state, const QString &reason,
                                 std::optional<qint64> userId);
    /// A comment on a flag (a learner's view of it, a coach's note).
    static Result<void> comment(Database &db, qint64 flagId, const QString &text, std::optional<qint64> userId);
};

} // namespace pme::core::analytics
