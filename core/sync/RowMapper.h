// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "sync/MappingProfile.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pme::core {

/// Binds a profile's fields to a file's columns (by header name) and reads field values out
/// of each row, with the profile's value maps and date formats applied.
class RowMapper final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::RowMapper)

public:
    /// Finds each mapped field's column in the header. Fails, naming the field and the
    /// headers looked for, when a required field has no column and no constant.
    static Result<RowMapper> bind(const MappingProfile &profile, std::span<const std::string_view> header);

    const MappingProfile &profile() const { return m_profile; }
    bool maps(const QString &field) const;
    /// The export's column name for a field, for reject messages.
    QString columnName(const QString &field) const;

    /// The field's value in this row: the first non-empty text among its columns (trimmed,
    /// value map applied), or the constant when they are absent or empty. Views stay valid until the next call
    /// that needs a value map.
    std::string_view value(const QString &field, std::span<const std::string_view> row) const;
    /// The same by a handle from fieldHandle(), for per-row use without name lookups.
    /// A negative handle (a field the profile does not map) gives an empty value.
    std::string_view value(int handle, std::span<const std::string_view> row) const;
    int fieldHandle(const QString &field) const;

    /// Parses a date in ISO form or one of the profile's formats.
    std::optional<QDate> parseDate(std::string_view text) const;
    /// Parses a number written with '.' or ',' as the decimal separator.
    static std::optional<double> parseNumber(std::string_view text);

private:
    struct Binding {
        int column = -1;          ///< the first of `columns`, for messages
        std::vector<int> columns; ///< every listed column the file has, in the profile's order
        QString columnName;
        std::string constant;
        // Value map with normalised keys, in UTF-8 to avoid conversions per row.
        std::vector<std::pair<std::string, std::string>> values;
    };

    RowMapper() = default;
    const Binding *binding(const QString &field) const;

    MappingProfile m_profile;
    std::vector<std::pair<QString, Binding>> m_bindings;
    mutable std::string m_scratch;
};

} // namespace pme::core
