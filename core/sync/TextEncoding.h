// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pme::core {

/// Byte-level text checks for importers: UTF-8 validation and Windows-1252 to UTF-8
/// transcoding. Plain C++ (no Qt) so that the CSV reader built on it can be fuzzed.
class TextEncoding final {
public:
    struct ByteClasses {
        bool nonAscii = false; ///< some byte is 0x80 or above
        bool nul = false; ///< some byte is 0x00
    };

    /// One fast pass over the bytes (eight at a time).
    static ByteClasses classify(std::string_view bytes);
    /// Offset of the first byte that is 0x00 or 0x80 and above, or npos: lets a reader skip
    /// all checks on the (usual) runs of plain ASCII.
    static std::size_t findNonAsciiOrNul(std::string_view bytes);

    /// Offset of the first byte that is not part of a well-formed UTF-8 sequence (no overlong
    /// forms, no surrogates, nothing above U+10FFFF), or npos when all are. With
    /// `complete` false, a sequence cut off by the end of `bytes` is accepted: its rest is
    /// still to come.
    static std::size_t findInvalidUtf8(std::string_view bytes, bool complete = true);

    /// Appends `bytes`, read as Windows-1252, to `out` as UTF-8. The five bytes that
    /// Windows-1252 leaves undefined map to the C1 controls of the same value, as WHATWG does.
    static void appendWindows1252AsUtf8(std::string_view bytes, std::string &out);
};

} // namespace pme::core
