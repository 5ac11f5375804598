// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CsvSniffing.h"

#include "TextEncoding.h"

#include <vector>

namespace pme::core::csvsniffing {

namespace {

constexpr std::size_t kSniffRecords = 20;
constexpr char kSniffCandidates[] = {',', ';', '\t', '|'};

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

} // namespace

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

CsvEncoding encodingOf(std::string_view bytes, bool complete)
{
    if (TextEncoding::findInvalidUtf8(bytes, complete) == std::string_view::npos || hasUtf8Sequence(bytes))
        return CsvEncoding::Utf8;
    return CsvEncoding::Windows1252;
}

std::string binaryMessage(std::string_view head)
{
    if (head.starts_with("PK\x03\x04"))
        return "The file is a zip archive, probably an Excel workbook (.xlsx); save it as CSV first";
    return "The file contains NUL bytes: it is binary (a spreadsheet, a database, an image) or "
           "UTF-16 text, not CSV; save it as CSV UTF-8";
}

} // namespace pme::core::csvsniffing
