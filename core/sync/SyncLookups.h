// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QString>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pme::core {

class Database;

/// Transparent hashing so that maps keyed by std::string can be searched with a string_view
/// straight out of the parse buffer, without building a string per row.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

/// What a sync checks each row against, read once before the rows: the competencies with
/// their framework's scale, and the learner ids the source knows. With these in memory the
/// store's per-row foreign-key lookups are redundant, so the bulk path can skip them.
struct SyncLookups {
    struct CompetencyInfo {
        qint64 id = 0;
        std::string frameworkCode;
        double scaleMin = 1;
        double scaleMax = 5;
    };

    /// "framework\x1fcode" → competency
    std::unordered_map<std::string, CompetencyInfo, StringHash, std::equal_to<>> competencies;
    /// code → every competency with that code, for files that do not name the framework
    std::unordered_map<std::string, std::vector<CompetencyInfo>, StringHash, std::equal_to<>> byCode;
    std::unordered_map<std::string, int, StringHash, std::equal_to<>> frameworks;  ///< code → 1
    /// external id → learner id (0 while the identity is unlinked)
    std::unordered_map<std::string, qint64, StringHash, std::equal_to<>> identities;

    static Result<SyncLookups> load(Database &db, qint64 sourceId);

    const CompetencyInfo *competency(std::string_view framework, std::string_view code) const;
};

} // namespace pme::core
