// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <QByteArray>

#include <cstddef>
#include <string_view>

namespace pme::core {

/// Writes `count` rows through INSERT statements of many rows each (32 by default, the rest
/// one at a time): SQLite's cost of a step is then shared by many rows. `head` is the
/// statement up to VALUES ("INSERT INTO t (a, b) VALUES "), `row` one row's values with
/// `columns` parameters ("(?, ?)"). `bindRow(statement, offset, i)` binds row i's values to
/// parameters offset + 1 … offset + columns.
template<typename BindRow>
Result<void> insertRows(Database &db, std::string_view head, std::string_view row, int columns, std::size_t count,
                        BindRow bindRow, std::size_t rowsPerStatement = 32)
{
    const auto sql = [&](std::size_t rows) {
        QByteArray text(head.data(), static_cast<qsizetype>(head.size()));
        for (std::size_t r = 0; r < rows; ++r) {
            if (r)
                text += ", ";
            text.append(row.data(), static_cast<qsizetype>(row.size()));
        }
        return text;
    };
    std::size_t next = 0;
    if (count >= rowsPerStatement) {
        Statement many(db, sql(rowsPerStatement).constData());
        for (; next + rowsPerStatement <= count; next += rowsPerStatement) {
            for (std::size_t k = 0; k < rowsPerStatement; ++k)
                bindRow(many, static_cast<int>(k) * columns, next + k);
            if (auto r = many.exec(); !r)
                return r;
        }
    }
    if (next == count)
        return {};
    Statement one(db, sql(1).constData());
    for (; next < count; ++next) {
        bindRow(one, 0, next);
        if (auto r = one.exec(); !r)
            return r;
    }
    return {};
}

} // namespace pme::core
