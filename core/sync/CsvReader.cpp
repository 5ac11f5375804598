// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CsvReader.h"

#include "CsvParseRun.h"
#include "CsvSniffing.h"
#include "TextEncoding.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <istream>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pme::core::csvdetail {

namespace {

using csvsniffing::binaryMessage;
using csvsniffing::encodingOf;
using csvsniffing::isLineBreak;
using csvsniffing::sniffDelimiter;

std::string sizeText(std::size_t bytes)
{
    if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0)
        return std::to_string(bytes >> 20) + " MiB";
    if (bytes >= 1024 && bytes % 1024 == 0)
        return std::to_string(bytes >> 10) + " KiB";
    return std::to_string(bytes) + " bytes";
}

// The first `c`, CR or LF at or after p: the end of an unquoted field (c is the delimiter),
// or the next quote or line break inside a quoted one. The '\n' sentinel after the data
// stops the search, and kPadding makes the 16-byte loads past it safe.
const char *findByteOrLineBreak(const char *p, char c)
{
#if defined(__SSE2__)
    const __m128i wanted = _mm_set1_epi8(c);
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    for (;; p += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i hit
            = _mm_or_si128(_mm_cmpeq_epi8(v, wanted), _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
        if (const int mask = _mm_movemask_epi8(hit))
            return p + std::countr_zero(static_cast<unsigned>(mask));
    }
#else
    while (*p != c && !isLineBreak(*p))
        ++p;
    return p;
#endif
}

bool isBlank(std::string_view s)
{
    return s.find_first_not_of(" \t\r\n\v\f") == std::string_view::npos;
}

} // namespace

bool ParseRun::fail(CsvErrorKind kind, std::int64_t record, std::int64_t line, std::string message)
{
    if (!m_summary.fatal)
        m_summary.fatal = CsvError{kind, record, line, std::move(message)};
    return false;
}

bool ParseRun::failHere(CsvErrorKind kind, const std::string &what)
{
    const auto number = m_summary.records + 1;
    return fail(kind, number, m_line, at(number, m_line) + ": " + what);
}

bool ParseRun::validateDialect()
{
    const char d = m_dialect.delimiter;
    const std::string_view comment = m_dialect.commentPrefix;
    const bool bad = m_quote == '\0' || isLineBreak(m_quote) || isLineBreak(d) || d == m_quote
        || (!comment.empty() && (isLineBreak(comment.front()) || comment.front() == m_quote));
    if (bad)
        return fail(CsvErrorKind::InvalidDialect, 0, 0,
                    "Invalid CSV settings: the delimiter, the quote and the comment prefix must "
                    "differ, and none may be a line break");
    return true;
}

CsvSummary ParseRun::run()
{
    if (validateDialect() && prepare()) {
        for (;;) {
            if (m_cancel && m_cancel->load(std::memory_order_relaxed)) {
                m_summary.cancelled = true;
                break;
            }
            if (m_pos == m_len && m_eof)
                break;
            const Step step = nextStep();
            if (step == Step::Stop || (step == Step::NeedMore && (m_eof || !fill())))
                break;
            if (step == Step::Record && !finishRecord())
                break;
        }
    }
    m_summary.encoding = m_encoding;
    return std::move(m_summary);
}

// Moves the unparsed tail to the front and reads at least a chunk, or as much again as the
// tail: a record spanning many chunks is then rescanned only a logarithmic number of times.
bool ParseRun::fill()
{
    const std::size_t tail = m_len - m_pos;
    if (m_pos > 0)
        std::memmove(base(), base() + m_pos, tail);
    m_dirty -= m_pos;
    m_pos = 0;
    m_len = tail;
    const std::size_t want = std::max(m_chunk, tail);
    if (m_buf.size() < tail + want + kPadding)
        m_buf.resize(tail + want + kPadding);
    std::size_t got = 0;
    while (got < want) {
        const std::ptrdiff_t n = m_pull(base() + m_len, want - got);
        if (n < 0)
            return fail(CsvErrorKind::ReadFailed, 0, 0, "The file could not be read");
        if (n == 0) {
            m_eof = true;
            break;
        }
        m_len += static_cast<std::size_t>(n);
        got += static_cast<std::size_t>(n);
    }
    m_buf[m_len] = '\n';
    if (m_dirty == tail)
        m_dirty = findDirty(tail);
    m_summary.bytesRead += got;
    if (m_progress)
        m_progress(m_summary.bytesRead, m_total);
    return true;
}

bool ParseRun::fillAtLeast(std::size_t bytes)
{
    while (!m_eof && m_len - m_pos < bytes) {
        if (!fill())
            return false;
    }
    return true;
}

bool ParseRun::prepare()
{
    if (!fillAtLeast(kSniffBytes))
        return false;
    const std::string_view head(base(), m_len);
    if (head.starts_with("\xEF\xBB\xBF")) {
        m_pos = 3;
        m_dirty = findDirty(m_pos);
        m_summary.bom = true;
        if (m_encoding == CsvEncoding::Auto)
            m_encoding = CsvEncoding::Utf8;
    } else if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF")) {
        return fail(CsvErrorKind::BinaryData, 0, 0, "The file is UTF-16 text; save it as CSV UTF-8 (or Windows-1252)");
    }
    const std::string_view start = head.substr(m_pos, kSniffBytes);
    if (start.find('\0') != std::string_view::npos)
        return fail(CsvErrorKind::BinaryData, 0, 0, binaryMessage(start));
    for (int skip = m_dialect.skipLines; skip > 0 && !(m_eof && m_pos == m_len);) {
        const Step step = skipLine();
        if (step == Step::Stop || (step == Step::NeedMore && !fill()))
            return false;
        skip -= step == Step::Skipped;
    }
    if (!fillAtLeast(kSniffBytes))
        return false;
    sniff();
    return true;
}

// Decides encoding and delimiter from the same first 64 KiB whatever the chunk size, so that
// a file always reads the same way.
void ParseRun::sniff()
{
    const std::string_view window(base() + m_pos, std::min(kSniffBytes, m_len - m_pos));
    const bool complete = m_eof && m_pos + window.size() == m_len;
    const auto high
        = std::find_if(window.begin(), window.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    if (m_encoding == CsvEncoding::Auto && high != window.end())
        m_encoding = encodingOf(window.substr(static_cast<std::size_t>(high - window.begin())), complete);
    m_delim = m_dialect.delimiter;
    if (m_delim == '\0') {
        m_delim = sniffDelimiter(window, complete, m_quote, m_dialect.commentPrefix);
        m_summary.delimiterSniffed = m_delim != '\0';
        if (m_delim == '\0')
            m_delim = ',';
    }
    m_summary.delimiter = m_delim;
}

std::size_t ParseRun::findDirty(std::size_t from) const
{
    const std::size_t i = TextEncoding::findNonAsciiOrNul({m_buf.data() + from, m_len - from});
    return i == std::string_view::npos ? m_len : from + i;
}

ParseRun::Step ParseRun::nextStep()
{
    if (m_pos == m_len)
        return Step::NeedMore;
    if (isLineBreak(m_buf[m_pos]) && m_dialect.emptyLines != CsvEmptyLines::Keep)
        return skipLine();
    const std::string_view prefix = m_dialect.commentPrefix;
    if (!prefix.empty()) {
        const std::string_view rest(base() + m_pos, m_len - m_pos);
        if (rest.starts_with(prefix))
            return skipLine();
        if (!m_eof && rest.size() < prefix.size() && prefix.starts_with(rest))
            return Step::NeedMore;
    }
    return scanRecord();
}

// Skips the physical line at m_pos with its line break, quotes or not (comments, empty
// lines, CsvDialect::skipLines).
ParseRun::Step ParseRun::skipLine()
{
    const char *p = findByteOrLineBreak(base() + m_pos, '\n');
    if (offset(p) - m_pos > m_limits.maxRecordBytes) {
        failHere(CsvErrorKind::RecordTooLarge, "a line longer than " + sizeText(m_limits.maxRecordBytes));
        return Step::Stop;
    }
    if (p == end() && !m_eof)
        return Step::NeedMore;
    p = pastLineBreak(p);
    if (!p)
        return Step::NeedMore;
    m_pos = offset(p);
    if (m_dirty < m_pos)
        m_dirty = findDirty(m_pos);
    ++m_line;
    return Step::Skipped;
}

ParseRun::Step ParseRun::scanRecord()
{
    m_fields.clear();
    m_doubled.clear();
    m_innerBreaks = 0;
    m_malformedQuote = false;
    m_unterminated = false;
    const char *p = base() + m_pos;
    for (;;) {
        switch (*p == m_quote ? scanQuoted(p) : scanUnquoted(p)) {
        case FieldEnd::Delimiter:
            continue;
        case FieldEnd::NeedMore:
            return Step::NeedMore;
        case FieldEnd::Stop:
            return Step::Stop;
        case FieldEnd::End:
            m_contentEnd = m_recordEnd = m_len;
            return Step::Record;
        case FieldEnd::LineBreak:
            m_contentEnd = offset(p);
            if (!(p = pastLineBreak(p)))
                return Step::NeedMore;
            m_recordEnd = offset(p);
            return Step::Record;
        }
    }
}

// Past the line break at p, CR LF being one; null when a CR ends the buffer and its LF may
// still come.
const char *ParseRun::pastLineBreak(const char *p) const
{
    if (p == end())
        return p;
    if (*p == '\r' && p + 1 == end())
        return m_eof ? p + 1 : nullptr;
    return p + (*p == '\r' && p[1] == '\n' ? 2 : 1);
}

ParseRun::FieldEnd ParseRun::scanUnquoted(const char *&p)
{
    const char *const q = findByteOrLineBreak(p, m_delim);
    if (q == end() && !m_eof)
        return needMore(static_cast<std::size_t>(q - p), false);
    if (!addField(p, q, false))
        return FieldEnd::Stop;
    p = q;
    if (q == end())
        return FieldEnd::End;
    if (*q != m_delim)
        return FieldEnd::LineBreak;
    ++p;
    return FieldEnd::Delimiter;
}

// `p` is on the opening quote. A quote closes the field when a delimiter, a line break or
// the end follows it, after optional spaces; otherwise it is text (PapaParse's leniency).
ParseRun::FieldEnd ParseRun::scanQuoted(const char *&p)
{
    const char *const stop = end();
    const char *const content = p + 1;
    const char *q = content;
    bool doubled = false;
    bool malformed = false;
    std::int64_t breaks = 0; // LF, CR LF and a lone CR each end a physical line
    for (;;) {
        q = findByteOrLineBreak(q, m_quote);
        if (q == stop) {
            if (!m_eof)
                return needMore(static_cast<std::size_t>(stop - content), true);
            m_unterminated = true;
            p = stop;
            break;
        }
        if (*q != m_quote) {
            breaks += *q == '\n' || q[1] != '\n';
            ++q;
            continue;
        }
        const char *r = q + 1;
        if (r != stop && *r == m_quote) {
            doubled = true;
            q = r + 1;
            continue;
        }
        while (r != stop && (*r == ' ' || *r == '\t') && *r != m_delim)
            ++r;
        if (r == stop && !m_eof)
            return needMore(static_cast<std::size_t>(q - content), true);
        if (r == stop || *r == m_delim || isLineBreak(*r)) {
            p = r;
            break;
        }
        malformed = true;
        ++q;
    }
    if (!addField(content, q, true))
        return FieldEnd::Stop;
    if (doubled)
        m_doubled.push_back(m_fields.size() - 1);
    m_malformedQuote = m_malformedQuote || malformed;
    m_innerBreaks += breaks;
    if (p == stop)
        return FieldEnd::End;
    if (*p != m_delim)
        return FieldEnd::LineBreak;
    ++p;
    return FieldEnd::Delimiter;
}

// The buffer ends inside the record: ask for more unless a limit is already passed, so that
// a 2 GB file without a line break stops at the limit instead of filling memory.
ParseRun::FieldEnd ParseRun::needMore(std::size_t fieldBytes, bool quoted)
{
    return overLimit(fieldBytes, m_len - m_pos, m_fields.size() + 1, quoted) ? FieldEnd::Stop : FieldEnd::NeedMore;
}

inline bool ParseRun::addField(const char *begin, const char *last, bool quoted)
{
    const auto size = static_cast<std::size_t>(last - begin);
    const std::size_t recordBytes = offset(last) - m_pos;
    if (size > m_limits.maxFieldBytes || recordBytes > m_limits.maxRecordBytes || m_fields.size() == m_limits.maxFields)
        [[unlikely]] {
        overLimit(size, recordBytes, m_fields.size() + 1, quoted);
        return false;
    }
    m_fields.emplace_back(begin, size);
    return true;
}

// Every path checks the same bounds on what it has seen (`fieldBytes` is what the field
// holds at least), so that where reading stops does not depend on the chunk size.
bool ParseRun::overLimit(std::size_t fieldBytes, std::size_t recordBytes, std::size_t fields, bool quoted)
{
    if (fieldBytes > m_limits.maxFieldBytes)
        failHere(CsvErrorKind::FieldTooLarge,
                 "field " + std::to_string(fields) + " is larger than " + sizeText(m_limits.maxFieldBytes)
                     + (quoted ? " (is a quote never closed?)" : ""));
    else if (recordBytes > m_limits.maxRecordBytes)
        failHere(CsvErrorKind::RecordTooLarge, "the record is larger than " + sizeText(m_limits.maxRecordBytes));
    else if (fields > m_limits.maxFields)
        failHere(CsvErrorKind::RecordTooLarge, "more than " + std::to_string(m_limits.maxFields) + " fields");
    else
        return false;
    return true;
}

bool ParseRun::finishRecord()
{
    const std::int64_t number = m_summary.records + 1;
    const std::int64_t line = m_line;
    const std::string_view raw(base() + m_pos, m_contentEnd - m_pos);
    if (overLimit(0, raw.size(), m_fields.size(), false))
        return false;
    m_errors.clear();
    m_transcode = false;
    if (m_dirty < m_contentEnd) {
        if (!checkBytes(raw, number, line))
            return false;
        m_dirty = findDirty(m_recordEnd);
    }
    unescapeFields();
    if (m_transcode)
        transcodeFields();
    m_pos = m_recordEnd;
    m_line += m_innerBreaks + 1;
    if (m_dialect.emptyLines == CsvEmptyLines::SkipBlank && std::all_of(m_fields.begin(), m_fields.end(), isBlank))
        return true;
    addStructureErrors(number, line);
    ++m_summary.records;
    m_summary.recordsWithErrors += m_errors.empty() ? 0 : 1;
    const CsvRecord record(m_fields, number, line, m_dialect.header && number == 1, m_errors);
    if (m_onRecord(record))
        return true;
    m_summary.cancelled = true;
    return false;
}

} // namespace pme::core::csvdetail

namespace pme::core {

using csvdetail::ParseRun;

bool CsvRecord::fieldCountMismatch() const
{
    return std::any_of(m_errors.begin(), m_errors.end(),
                       [](const CsvError &e) { return e.kind == CsvErrorKind::FieldCountMismatch; });
}

CsvReader::CsvReader(CsvDialect dialect, CsvLimits limits) : m_dialect(std::move(dialect)), m_limits(limits)
{
}

CsvSummary CsvReader::read(const PullFunction &pull, std::uint64_t totalBytes, const RecordHandler &onRecord) const
{
    return ParseRun(*this, m_chunkSize, pull, totalBytes, onRecord, m_progress, m_cancel).run();
}

CsvSummary CsvReader::read(std::istream &in, const RecordHandler &onRecord) const
{
    std::uint64_t total = 0;
    const auto start = in.tellg();
    if (start != std::istream::pos_type(-1)) {
        in.seekg(0, std::ios::end);
        const auto stop = in.tellg();
        if (stop != std::istream::pos_type(-1) && stop >= start)
            total = static_cast<std::uint64_t>(stop - start);
        in.clear();
        in.seekg(start);
    }
    const PullFunction pull = [&in](char *buffer, std::size_t capacity) -> std::ptrdiff_t {
        in.read(buffer, static_cast<std::streamsize>(capacity));
        return in.bad() ? -1 : static_cast<std::ptrdiff_t>(in.gcount());
    };
    return read(pull, total, onRecord);
}

CsvSummary CsvReader::readBytes(std::string_view bytes, const RecordHandler &onRecord) const
{
    std::size_t offset = 0;
    const PullFunction pull = [&](char *buffer, std::size_t capacity) -> std::ptrdiff_t {
        const std::size_t n = std::min(capacity, bytes.size() - offset);
        if (n > 0)
            std::memcpy(buffer, bytes.data() + offset, n);
        offset += n;
        return static_cast<std::ptrdiff_t>(n);
    };
    return read(pull, bytes.size(), onRecord);
}

} // namespace pme::core
