// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CsvReader.h"

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

namespace pme::core {

namespace {

constexpr std::size_t kSniffBytes = 64 * 1024;
constexpr std::size_t kSniffRecords = 20;
constexpr char kSniffCandidates[] = {',', ';', '\t', '|'};
// Readable bytes after the data: a '\n' sentinel, then room for one 16-byte load.
constexpr std::size_t kPadding = 16;

bool isLineBreak(char c)
{
    return c == '\n' || c == '\r';
}

std::string at(std::int64_t record, std::int64_t line)
{
    return "Record " + std::to_string(record) + " (line " + std::to_string(line) + ")";
}

std::string sizeText(std::size_t bytes)
{
    if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0)
        return std::to_string(bytes >> 20) + " MiB";
    if (bytes >= 1024 && bytes % 1024 == 0)
        return std::to_string(bytes >> 10) + " KiB";
    return std::to_string(bytes) + " bytes";
}

// Field counts of the first complete records of `w` split at `delim`, honouring quotes.
// Empty and comment lines are left out, as PapaParse leaves them out when it guesses.
std::vector<std::size_t> sniffFieldCounts(std::string_view w, bool complete, char delim, char quote,
                                          std::string_view comment)
{
    std::vector<std::size_t> counts;
    std::size_t i = 0;
    while (i < w.size() && counts.size() < kSniffRecords) {
        if (isLineBreak(w[i])) {
            ++i;
            continue;
        }
        const bool isComment = !comment.empty() && w.substr(i).starts_with(comment);
        std::size_t fields = 1;
        bool fieldStart = true;
        bool inQuotes = false;
        for (; i < w.size() && (inQuotes || !isLineBreak(w[i])); ++i) {
            const char c = w[i];
            if (inQuotes) {
                if (c == quote && !(i + 1 < w.size() && w[i + 1] == quote))
                    inQuotes = false;
                else if (c == quote)
                    ++i;
            } else if (c == quote && fieldStart && !isComment) {
                inQuotes = true;
            } else if (c == delim) {
                ++fields;
            }
            fieldStart = !inQuotes && c == delim;
        }
        if (i == w.size() && (!complete || inQuotes))
            break; // cut off by the window: its count would be wrong
        if (!isComment)
            counts.push_back(fields);
    }
    return counts;
}

// The candidate whose field counts vary least from record to record, then the one that
// yields more fields; '\0' when none splits the records into two fields or more on average.
char sniffDelimiter(std::string_view window, bool complete, char quote, std::string_view comment)
{
    char best = '\0';
    std::size_t bestDelta = 0;
    double bestAverage = 0;
    for (const char delim : kSniffCandidates) {
        if (delim == quote)
            continue;
        const auto counts = sniffFieldCounts(window, complete, delim, quote, comment);
        if (counts.empty())
            continue;
        std::size_t delta = 0;
        std::size_t sum = counts.front();
        for (std::size_t i = 1; i < counts.size(); ++i) {
            delta += counts[i] > counts[i - 1] ? counts[i] - counts[i - 1] : counts[i - 1] - counts[i];
            sum += counts[i];
        }
        const double average = static_cast<double>(sum) / static_cast<double>(counts.size());
        if (average < 2.0)
            continue;
        if (best == '\0' || delta < bestDelta || (delta == bestDelta && average > bestAverage)) {
            best = delim;
            bestDelta = delta;
            bestAverage = average;
        }
    }
    return best;
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

// Valid UTF-8 from the first non-ASCII byte on means UTF-8: Windows-1252 text almost never
// happens to be valid UTF-8.
// True when the bytes hold at least one well-formed multi-byte UTF-8 sequence. Windows-1252
// text almost never does ("Ã©" is not something people type), so a file that has one is
// UTF-8 with some broken bytes, and those must be reported rather than reinterpreted.
bool hasUtf8Sequence(std::string_view bytes)
{
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        const std::size_t length = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
        if (length > 0 && i + length <= bytes.size()
            && TextEncoding::findInvalidUtf8(bytes.substr(i, length)) == std::string_view::npos)
            return true;
    }
    return false;
}

CsvEncoding encodingOf(std::string_view bytes, bool complete)
{
    if (TextEncoding::findInvalidUtf8(bytes, complete) == std::string_view::npos || hasUtf8Sequence(bytes))
        return CsvEncoding::Utf8;
    return CsvEncoding::Windows1252;
}

bool isBlank(std::string_view s)
{
    return s.find_first_not_of(" \t\r\n\v\f") == std::string_view::npos;
}

std::string binaryMessage(std::string_view head)
{
    if (head.starts_with("PK\x03\x04"))
        return "The file is a zip archive, probably an Excel workbook (.xlsx); save it as CSV first";
    return "The file contains NUL bytes: it is binary (a spreadsheet, a database, an image) or "
           "UTF-16 text, not CSV; save it as CSV UTF-8";
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

bool ParseRun::checkBytes(std::string_view raw, std::int64_t number, std::int64_t line)
{
    const auto classes = TextEncoding::classify(raw);
    if (classes.nul)
        return fail(CsvErrorKind::BinaryData, number, line, at(number, line) + ": " + binaryMessage({}));
    if (!classes.nonAscii)
        return true;
    if (m_encoding == CsvEncoding::Auto)
        m_encoding = encodingOf(raw, true);
    if (m_encoding == CsvEncoding::Windows1252) {
        m_transcode = true;
        return true;
    }
    const std::size_t bad = TextEncoding::findInvalidUtf8(raw);
    if (bad == std::string_view::npos)
        return true;
    const char *const where = raw.data() + bad;
    const auto field = std::find_if(m_fields.begin(), m_fields.end(), [where](std::string_view f) {
        return where >= f.data() && where < f.data() + f.size();
    });
    static constexpr char hex[] = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(*where);
    m_errors.push_back({CsvErrorKind::InvalidUtf8, number, line,
                        at(number, line) + ", field " + std::to_string(field - m_fields.begin() + 1) + ": byte 0x"
                            + hex[byte >> 4] + hex[byte & 15]
                            + " is not valid UTF-8; if the file is Windows-1252 (ANSI), read it as that"});
    return true;
}

// Undoubles quotes in place: the text only shrinks, and the buffer before m_recordEnd is
// never scanned again.
void ParseRun::unescapeFields()
{
    for (const std::size_t i : m_doubled) {
        char *const begin = base() + (m_fields[i].data() - base());
        const char *const stop = begin + m_fields[i].size();
        const char *r = begin;
        char *w = begin;
        for (;;) {
            const auto *q = static_cast<const char *>(std::memchr(r, m_quote, static_cast<std::size_t>(stop - r)));
            const char *const chunkEnd = q ? q + 1 : stop;
            std::memmove(w, r, static_cast<std::size_t>(chunkEnd - r));
            w += chunkEnd - r;
            if (!q)
                break;
            r = q + 1 != stop && q[1] == m_quote ? q + 2 : q + 1;
        }
        m_fields[i] = std::string_view(begin, static_cast<std::size_t>(w - begin));
    }
}

void ParseRun::transcodeFields()
{
    std::size_t total = 0;
    for (const std::string_view f : m_fields)
        total += f.size();
    m_scratch.clear();
    m_scratch.reserve(3 * total); // a byte becomes at most three: the views below stay valid
    for (std::string_view &f : m_fields) {
        const std::size_t from = m_scratch.size();
        TextEncoding::appendWindows1252AsUtf8(f, m_scratch);
        f = std::string_view(m_scratch.data() + from, m_scratch.size() - from);
    }
}

void ParseRun::addStructureErrors(std::int64_t number, std::int64_t line)
{
    if (m_malformedQuote)
        m_errors.push_back({CsvErrorKind::MalformedQuote, number, line,
                            at(number, line)
                                + ": a quote inside a quoted field is neither doubled nor "
                                  "followed by a delimiter or line break; it was kept as text"});
    if (m_unterminated)
        m_errors.push_back({CsvErrorKind::UnterminatedQuote, number, line,
                            at(number, line) + ": a quoted field is not closed before the end of the file"});
    if (number == 1) {
        m_headerFields = m_fields.size();
    } else if (m_fields.size() != m_headerFields) {
        m_errors.push_back({CsvErrorKind::FieldCountMismatch, number, line,
                            at(number, line) + ": " + std::to_string(m_fields.size()) + " fields where the "
                                + (m_dialect.header ? "header" : "first record") + " has "
                                + std::to_string(m_headerFields)});
    }
}

} // namespace

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
