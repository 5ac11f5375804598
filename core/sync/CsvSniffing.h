// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CsvReader.h"

#include <string>
#include <string_view>

// How a CSV reader tells a file's dialect from its first bytes: the delimiter, the text
// encoding, and what a binary file probably is. Internal to core/sync.
namespace pme::core::csvsniffing {

inline bool isLineBreak(char c)
{
    return c == '\n' || c == '\r';
}

/// The candidate delimiter (',' ';' tab '|') whose field counts vary least from record to
/// record in `window`, then the one that yields more fields; '\0' when none splits the
/// records into two fields or more on average. `complete`: the window is the whole file.
char sniffDelimiter(std::string_view window, bool complete, char quote, std::string_view comment);
/// UTF-8 when the bytes are valid UTF-8 or hold a well-formed multi-byte sequence (then the
/// broken bytes are reported, not reinterpreted); Windows-1252 otherwise.
CsvEncoding encodingOf(std::string_view bytes, bool complete);
/// Why a file with NUL bytes (or a zip signature) is not CSV, and what to do.
std::string binaryMessage(std::string_view head);

} // namespace pme::core::csvsniffing
