// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace pme::core {

/// How the bytes of a CSV file are read as text. Fields are always handed out as UTF-8.
enum class CsvEncoding {
    Auto, ///< UTF-8 if there is a UTF-8 BOM or the first non-ASCII bytes are valid UTF-8 (from
          ///< there to the end of the first 64 KiB, or else the first record that has any),
          ///< otherwise Windows-1252
    Utf8, ///< invalid sequences are reported on their record, never repaired
    Windows1252, ///< transcoded to UTF-8
};

/// What becomes of empty lines outside quoted fields. Skipped lines are not records (they
/// get no record number) but still count for line numbers.
enum class CsvEmptyLines {
    Skip, ///< a line with no bytes at all is skipped (PapaParse skipEmptyLines: true)
    Keep, ///< an empty line is a record with one empty field (PapaParse's default)
    SkipBlank, ///< also skip records whose fields are all empty or whitespace ('greedy')
};

/// The shape of the file. The defaults suit a spreadsheet export: sniffed delimiter,
/// double quotes, UTF-8 or Windows-1252, a header row, empty lines skipped.
struct CsvDialect {
    char delimiter = '\0'; ///< '\0': sniffed among , ; tab | from the first 64 KiB, else ','
    char quote = '"';
    CsvEncoding encoding = CsvEncoding::Auto;
    CsvEmptyLines emptyLines = CsvEmptyLines::Skip;
    bool header = true; ///< the first record is a header (CsvRecord::isHeader())
    std::string commentPrefix; ///< lines starting with it are skipped; empty: no comments
    int skipLines = 0; ///< physical lines dropped before anything else (a title line)
};

/// Bounds that keep memory small on any input, hostile or broken. They count bytes as read
/// (Windows-1252 text grows by up to three times on its way to UTF-8).
struct CsvLimits {
    std::size_t maxFieldBytes = std::size_t{1} << 20; ///< 1 MiB
    std::size_t maxRecordBytes = std::size_t{16} << 20; ///< 16 MiB; bounds the buffer too
    std::size_t maxFields = 65536; ///< per record
};

enum class CsvErrorKind {
    // Reported on a record that is still handed over; the caller decides whether to take it.
    FieldCountMismatch, ///< more or fewer fields than the first record (the header)
    MalformedQuote, ///< a quote inside a quoted field neither doubled nor closing it; kept
    UnterminatedQuote, ///< a quoted field still open at the end of input; it runs to the end
    InvalidUtf8, ///< bytes that are not UTF-8 while the file is read as UTF-8
    // Fatal: reading stops, CsvSummary::fatal holds the error.
    BinaryData, ///< NUL bytes (a spreadsheet, an image) or UTF-16 text; record 0 when seen
    ///< in the first 64 KiB, which refuses the file before any record
    FieldTooLarge, ///< a field above CsvLimits::maxFieldBytes
    RecordTooLarge, ///< a record above maxRecordBytes or maxFields
    InvalidDialect, ///< e.g. the same character as delimiter and quote
    ReadFailed, ///< the stream or pull function reported an error
};

/// One problem, located. `message` is English and complete ("Record 12 (line 14): ...");
/// a UI that translates can build its own from kind, record and line.
struct CsvError {
    CsvErrorKind kind = CsvErrorKind::ReadFailed;
    std::int64_t record = 0; ///< 1-based record number (header included); 0: the whole file
    std::int64_t line = 0; ///< 1-based physical line where that record starts; 0: none
    std::string message;

    bool isFatal() const { return kind >= CsvErrorKind::BinaryData; }
};

/// A record as handed to the callback. Every view (fields and errors) is valid only during
/// the callback: copy what you keep.
class CsvRecord final {
public:
    CsvRecord(std::span<const std::string_view> fields, std::int64_t number, std::int64_t line, bool isHeader,
              std::span<const CsvError> errors)
        : m_fields(fields), m_errors(errors), m_number(number), m_line(line), m_isHeader(isHeader)
    {
    }

    std::size_t size() const { return m_fields.size(); }
    std::string_view operator[](std::size_t i) const { return m_fields[i]; }
    /// The field, or an empty view past the end (handy on short, ragged rows).
    std::string_view value(std::size_t i) const { return i < m_fields.size() ? m_fields[i] : std::string_view(); }
    std::span<const std::string_view> fields() const { return m_fields; }

    std::int64_t number() const { return m_number; }
    std::int64_t line() const { return m_line; }
    bool isHeader() const { return m_isHeader; }

    std::span<const CsvError> errors() const { return m_errors; }
    bool hasErrors() const { return !m_errors.empty(); }
    bool fieldCountMismatch() const;

private:
    std::span<const std::string_view> m_fields;
    std::span<const CsvError> m_errors;
    std::int64_t m_number = 0;
    std::int64_t m_line = 0;
    bool m_isHeader = false;
};

/// How a read went and what was detected.
struct CsvSummary {
    std::optional<CsvError> fatal; ///< set when reading stopped on an error
    bool cancelled = false; ///< the callback returned false or the cancel flag was set
    std::int64_t records = 0; ///< handed to the callback, header included
    std::int64_t recordsWithErrors = 0;
    std::uint64_t bytesRead = 0;
    char delimiter = ',';
    bool delimiterSniffed = false; ///< false when fixed by the dialect or sniffing found none
    CsvEncoding encoding = CsvEncoding::Utf8; ///< Auto only when the input was all ASCII
    bool bom = false;

    bool ok() const { return !fatal && !cancelled; }
};

/// A streaming RFC 4180 CSV reader. It reads chunks into one buffer and hands each record
/// to a callback as string_views into it, copying only to undouble quotes (in place) or to
/// transcode Windows-1252; memory stays within CsvLimits on any input.
///
/// Beyond RFC 4180, and as PapaParse does: CR, LF and CRLF all end records, even mixed; a
/// last record without a line break is read, and a final line break does not start an empty
/// record; whitespace around unquoted fields is kept; a quote that does not start a field is
/// plain text ('5" tall'); spaces between a closing quote and the delimiter are dropped; a
/// quote inside a quoted field that is neither doubled nor followed by a delimiter or line
/// break is kept as text and reported (MalformedQuote), the field running on to a quote that
/// does close it.
///
///     CsvReader reader;
///     auto summary = reader.read(stream, [&](const CsvRecord &r) {
///         if (!r.isHeader()) rows.push_back(std::string(r.value(0)));
///         return true; // false stops reading
///     });
class CsvReader final {
public:
    using RecordHandler = std::function<bool(const CsvRecord &record)>;
    /// Copies up to `capacity` bytes into `buffer`; returns how many, 0 at the end of the
    /// input, or -1 on a read error.
    using PullFunction = std::function<std::ptrdiff_t(char *buffer, std::size_t capacity)>;
    /// Bytes read so far and the total (0 when unknown); called after each chunk.
    using ProgressHandler = std::function<void(std::uint64_t done, std::uint64_t total)>;

    static constexpr std::size_t s_defaultChunkSize = std::size_t{1} << 20;

    explicit CsvReader(CsvDialect dialect = {}, CsvLimits limits = {});

    void setProgressHandler(ProgressHandler handler) { m_progress = std::move(handler); }
    /// Checked before every record; setting it from another thread stops the read.
    void setCancelFlag(const std::atomic<bool> *flag) { m_cancel = flag; }
    /// Bytes asked for per pull. Tests use tiny chunks to cross buffer boundaries everywhere.
    void setChunkSize(std::size_t bytes) { m_chunkSize = bytes > 0 ? bytes : 1; }

    const CsvDialect &dialect() const { return m_dialect; }
    const CsvLimits &limits() const { return m_limits; }

    /// The total for progress comes from seeking when the stream allows it.
    CsvSummary read(std::istream &in, const RecordHandler &onRecord) const;
    CsvSummary read(const PullFunction &pull, std::uint64_t totalBytes, const RecordHandler &onRecord) const;
    CsvSummary readBytes(std::string_view bytes, const RecordHandler &onRecord) const;

private:
    CsvDialect m_dialect;
    CsvLimits m_limits;
    ProgressHandler m_progress;
    const std::atomic<bool> *m_cancel = nullptr;
    std::size_t m_chunkSize = s_defaultChunkSize;
};

} // namespace pme::core
