// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CsvReader.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// The CSV reader's scanner, shared by CsvReader.cpp (reading and scanning records) and
// CsvRecordChecks.cpp (what is checked and converted in a record once scanned). Internal.
namespace pme::core::csvdetail {

constexpr std::size_t kSniffBytes = 64 * 1024;
// Readable bytes after the data: a '\n' sentinel, then room for one 16-byte load.
constexpr std::size_t kPadding = 16;

inline std::string at(std::int64_t record, std::int64_t line)
{
    return "Record " + std::to_string(record) + " (line " + std::to_string(line) + ")";
}

// One read: the buffer, the scanner state and the summary.
class ParseRun final {
public:
    ParseRun(const CsvReader &reader, std::size_t chunkSize, const CsvReader::PullFunction &pull, std::uint64_t total,
             const CsvReader::RecordHandler &onRecord, const CsvReader::ProgressHandler &progress,
             const std::atomic<bool> *cancel)
        : m_dialect(reader.dialect()),
          m_limits(reader.limits()),
          m_pull(pull),
          m_onRecord(onRecord),
          m_progress(progress),
          m_cancel(cancel),
          m_total(total),
          m_chunk(chunkSize),
          m_quote(m_dialect.quote),
          m_encoding(m_dialect.encoding)
    {
        m_buf.resize(kPadding, '\n');
    }

    CsvSummary run();

private:
    enum class Step { Record, Skipped, NeedMore, Stop };
    enum class FieldEnd { Delimiter, LineBreak, End, NeedMore, Stop };

    bool fail(CsvErrorKind kind, std::int64_t record, std::int64_t line, std::string message);
    bool failHere(CsvErrorKind kind, const std::string &what);
    bool validateDialect();
    bool fill();
    bool fillAtLeast(std::size_t bytes);
    bool prepare();
    void sniff();
    Step nextStep();
    Step skipLine();
    Step scanRecord();
    FieldEnd scanUnquoted(const char *&p);
    FieldEnd scanQuoted(const char *&p);
    FieldEnd needMore(std::size_t fieldBytes, bool quoted);
    bool addField(const char *begin, const char *last, bool quoted);
    [[gnu::cold]] bool overLimit(std::size_t fieldBytes, std::size_t recordBytes, std::size_t fields, bool quoted);
    const char *pastLineBreak(const char *p) const;
    std::size_t findDirty(std::size_t from) const;
    bool finishRecord();
    bool checkBytes(std::string_view raw, std::int64_t number, std::int64_t line);
    void unescapeFields();
    void transcodeFields();
    void addStructureErrors(std::int64_t number, std::int64_t line);

    char *base() { return m_buf.data(); }
    const char *end() const { return m_buf.data() + m_len; }
    std::size_t offset(const char *p) const { return static_cast<std::size_t>(p - m_buf.data()); }

    const CsvDialect &m_dialect;
    const CsvLimits &m_limits;
    const CsvReader::PullFunction &m_pull;
    const CsvReader::RecordHandler &m_onRecord;
    const CsvReader::ProgressHandler &m_progress;
    const std::atomic<bool> *m_cancel;
    std::uint64_t m_total;
    std::size_t m_chunk;
    char m_delim = ',';
    char m_quote;
    CsvEncoding m_encoding;

    std::vector<char> m_buf; // [m_pos, m_len) not yet parsed; m_buf[m_len] is a '\n' sentinel
    std::size_t m_pos = 0;
    std::size_t m_len = 0;
    std::size_t m_dirty = 0; // first byte at or after m_pos that is NUL or not ASCII, or m_len
    bool m_eof = false;
    std::int64_t m_line = 1; // where the next record starts

    // The record being scanned; it is scanned again from m_pos when the buffer runs dry.
    std::vector<std::string_view> m_fields;
    std::vector<std::size_t> m_doubled; // fields holding doubled quotes
    std::size_t m_contentEnd = 0; // before the record's line break
    std::size_t m_recordEnd = 0; // after it
    std::int64_t m_innerBreaks = 0; // line breaks inside quoted fields
    bool m_malformedQuote = false;
    bool m_unterminated = false;
    bool m_transcode = false;

    std::vector<CsvError> m_errors; // of the record being handed over
    std::string m_scratch; // its fields transcoded from Windows-1252
    std::size_t m_headerFields = 0;
    CsvSummary m_summary;
};

} // namespace pme::core::csvdetail
