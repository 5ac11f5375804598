// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// What the CSV reader tests share: the chunk sizes every case runs with, and a read copied
// out of the callback.
#pragma once

#include "sync/CsvReader.h"

#include <QString>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pme::core::test {

// Chunk sizes every outside case runs with: tiny ones put a buffer boundary everywhere.
inline constexpr std::size_t kChunkSizes[] = {1, 2, 3, 7, 64, CsvReader::s_defaultChunkSize};

inline QString fromView(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// Everything a read hands over, copied out of the callback.
struct Parsed {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::int64_t> numbers;
    std::vector<std::int64_t> lines;
    std::vector<CsvError> errors;
    std::vector<bool> headers;
    CsvSummary summary;
};

inline Parsed parse(std::string_view bytes, const CsvDialect &dialect = {}, const CsvLimits &limits = {},
             std::size_t chunk = CsvReader::s_defaultChunkSize, std::size_t stopAfter = SIZE_MAX)
{
    CsvReader reader(dialect, limits);
    reader.setChunkSize(chunk);
    Parsed out;
    out.summary = reader.readBytes(bytes, [&](const CsvRecord &r) {
        out.rows.emplace_back(r.fields().begin(), r.fields().end());
        out.numbers.push_back(r.number());
        out.lines.push_back(r.line());
        out.headers.push_back(r.isHeader());
        out.errors.insert(out.errors.end(), r.errors().begin(), r.errors().end());
        return out.rows.size() < stopAfter;
    });
    return out;
}

} // namespace pme::core::test
