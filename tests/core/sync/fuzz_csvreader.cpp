// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// libFuzzer entry point for CsvReader; not part of the build. From the source root:
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Icore/sync \
//       tests/core/sync/fuzz_csvreader.cpp core/sync/CsvReader.cpp core/sync/TextEncoding.cpp -o fuzz_csvreader
//   ./fuzz_csvreader -max_total_time=300 -max_len=4096
// Besides crashes and sanitizer reports it checks that the chunk size never changes the
// result, that limits hold and that every field handed out is UTF-8 unless flagged.
#include "CsvReader.h"
#include "TextEncoding.h"

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

using namespace pme::core;

namespace {

struct Outcome {
    std::string log; // every record, field and error, flattened
    std::optional<CsvError> fatal;
};

Outcome readAll(std::string_view input, const CsvDialect &dialect, const CsvLimits &limits, std::size_t chunk)
{
    CsvReader reader(dialect, limits);
    reader.setChunkSize(chunk);
    Outcome out;
    std::int64_t expected = 1;
    const CsvSummary summary = reader.readBytes(input, [&](const CsvRecord &r) {
        if (r.number() != expected++ || r.size() == 0 || r.size() > limits.maxFields)
            std::abort();
        bool invalidUtf8 = false;
        for (const CsvError &e : r.errors())
            invalidUtf8 |= e.kind == CsvErrorKind::InvalidUtf8;
        out.log += std::to_string(r.number()) + ':' + std::to_string(r.line()) + ':';
        for (const std::string_view f : r.fields()) {
            // Limits count bytes as read; Windows-1252 may triple them on the way to UTF-8.
            if (f.size() > 3 * limits.maxFieldBytes
                || (!invalidUtf8 && TextEncoding::findInvalidUtf8(f) != std::string_view::npos))
                std::abort();
            out.log.append(f).push_back('\x1F');
        }
        for (const CsvError &e : r.errors())
            out.log += '!' + e.message;
        out.log.push_back('\n');
        return true;
    });
    out.fatal = summary.fatal;
    return out;
}

bool isSizeLimit(const std::optional<CsvError> &e)
{
    return e && (e->kind == CsvErrorKind::FieldTooLarge || e->kind == CsvErrorKind::RecordTooLarge);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 2)
        return 0;
    // The first two bytes choose the dialect, the limits and the small chunk size.
    const unsigned a = data[0];
    const unsigned b = data[1];
    CsvDialect dialect;
    dialect.delimiter = "\0,;\t|"[a % 5];
    dialect.quote = (a & 0x08) ? '\'' : '"';
    dialect.emptyLines = static_cast<CsvEmptyLines>((a >> 4) % 3);
    dialect.encoding = static_cast<CsvEncoding>((a >> 6) % 3);
    dialect.commentPrefix = (b & 0x80) ? "#" : "";
    dialect.skipLines = static_cast<int>(b >> 5) & 3;
    CsvLimits limits;
    limits.maxFieldBytes = 16 + (b & 0x1F) * 8;
    limits.maxRecordBytes = 4 * limits.maxFieldBytes;
    limits.maxFields = 4 + (b & 0x0F);
    const std::string_view input(reinterpret_cast<const char *>(data) + 2, size - 2);

    const Outcome whole = readAll(input, dialect, limits, 1 << 16); // one chunk for the whole input
    const Outcome pieces = readAll(input, dialect, limits, 1 + (b & 0x07));
    // Where a field breaks both limits, which one trips first may depend on the chunk size.
    const bool sameFatal = whole.fatal.has_value() == pieces.fatal.has_value()
        && (!whole.fatal
            || (whole.fatal->record == pieces.fatal->record
                && (whole.fatal->kind == pieces.fatal->kind
                    || (isSizeLimit(whole.fatal) && isSizeLimit(pieces.fatal)))));
    if (whole.log != pieces.log || !sameFatal)
        std::abort();
    return 0;
}
