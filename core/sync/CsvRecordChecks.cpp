// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// What a CSV record is checked for and converted to once scanned: its bytes (NUL, invalid
// UTF-8, Windows-1252), its doubled quotes, and its structure against the header.
#include "CsvParseRun.h"

#include "CsvSniffing.h"
#include "TextEncoding.h"

#include <algorithm>
#include <cstring>

namespace pme::core::csvdetail {

using csvsniffing::binaryMessage;
using csvsniffing::encodingOf;

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

} // namespace pme::core::csvdetail
