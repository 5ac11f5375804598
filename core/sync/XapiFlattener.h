// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/XapiStatement.h"

#include <string>
#include <string_view>
#include <vector>

namespace pme::core {

/// Presents an xAPI statement as a row of named columns, so that mapping profiles map
/// statements exactly as they map CSV columns (docs/profiles.md lists the column names).
class XapiFlattener final {
public:
    /// The column names, in row order.
    static const std::vector<std::string_view> &header();
    /// The statement's values in header order (empty where the statement has none).
    static std::vector<std::string> row(const XapiStatement &statement);
};

} // namespace pme::core
