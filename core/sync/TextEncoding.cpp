// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TextEncoding.h"

#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pme::core {

namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

std::uint64_t load8(const char *p)
{
    std::uint64_t v;
    std::memcpy(&v, p, sizeof v); // unaligned and aliasing-safe; compiles to one load
    return v;
}

// U+0080..U+009F of Windows-1252; the undefined 0x81, 0x8D, 0x8F, 0x90, 0x9D keep their value.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

} // namespace

TextEncoding::ByteClasses TextEncoding::classify(std::string_view bytes)
{
    const char *p = bytes.data();
    const char *const end = p + bytes.size();
    std::uint64_t any = 0;
    std::uint64_t zero = 0;
    for (; end - p >= 8; p += 8) {
        const std::uint64_t v = load8(p);
        any |= v;
        // Non-zero exactly when some byte of v is zero (the classic "haszero" trick).
        zero |= (v - kOnes) & ~v & kHighBits;
    }
    ByteClasses result{(any & kHighBits) != 0, zero != 0};
    for (; p != end; ++p) {
        result.nonAscii |= static_cast<unsigned char>(*p) >= 0x80;
        result.nul |= *p == '\0';
    }
    return result;
}

std::size_t TextEncoding::findNonAsciiOrNul(std::string_view bytes)
{
    std::size_t i = 0;
#if defined(__SSE2__)
    for (; i + 16 <= bytes.size(); i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(bytes.data() + i));
        // A NUL byte compares to 0xFF: either way the top bit marks the byte.
        if (const int mask = _mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, _mm_setzero_si128()))))
            return i + static_cast<std::size_t>(std::countr_zero(static_cast<unsigned>(mask)));
    }
#endif
    if constexpr (std::endian::native == std::endian::little) {
        for (; i + 8 <= bytes.size(); i += 8) {
            const std::uint64_t v = load8(bytes.data() + i);
            // The lowest flagged byte is exact: a borrow only flags bytes above a zero byte.
            const std::uint64_t flagged = (v | ((v - kOnes) & ~v)) & kHighBits;
            if (flagged != 0)
                return i + static_cast<std::size_t>(std::countr_zero(flagged)) / 8;
        }
    }
    for (; i < bytes.size(); ++i) {
        if (bytes[i] == '\0' || static_cast<unsigned char>(bytes[i]) >= 0x80)
            return i;
    }
    return std::string_view::npos;
}

std::size_t TextEncoding::findInvalidUtf8(std::string_view bytes, bool complete)
{
    const auto *const s = reinterpret_cast<const unsigned char *>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n) {
        if (s[i] < 0x80) {
            ++i;
            while (i + 8 <= n && (load8(bytes.data() + i) & kHighBits) == 0)
                i += 8;
            continue;
        }
        // Unicode 15, table 3-7: the lead byte fixes the length and the range of the
        // second byte; the later bytes are plain continuation bytes.
        const unsigned char c = s[i];
        std::size_t length = 0;
        unsigned char lo = 0x80;
        unsigned char hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            lo = c == 0xE0 ? 0xA0 : 0x80;
            hi = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            lo = c == 0xF0 ? 0x90 : 0x80;
            hi = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            return i;
        }
        for (std::size_t k = 1; k < length; ++k) {
            if (i + k == n)
                return complete ? i : std::string_view::npos;
            const unsigned char b = s[i + k];
            if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF))
                return i;
        }
        i += length;
    }
    return std::string_view::npos;
}

void TextEncoding::appendWindows1252AsUtf8(std::string_view bytes, std::string &out)
{
    // Write through a pointer into room for the worst case (three bytes each), then trim:
    // push_back per byte is several times slower.
    const std::size_t start = out.size();
    out.resize(start + 3 * bytes.size());
    char *w = out.data() + start;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i + 8 <= bytes.size() && (load8(bytes.data() + i) & kHighBits) == 0) {
            std::memcpy(w, bytes.data() + i, 8); // mostly ASCII: eight at a time
            w += 8;
            i += 7;
            continue;
        }
        const char ch = bytes[i];
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80) {
            *w++ = ch;
            continue;
        }
        const char32_t u = c < 0xA0 ? kCp1252High[c - 0x80] : c;
        if (u < 0x800) {
            *w++ = static_cast<char>(0xC0 | (u >> 6));
        } else {
            *w++ = static_cast<char>(0xE0 | (u >> 12));
            *w++ = static_cast<char>(0x80 | ((u >> 6) & 0x3F));
        }
        *w++ = static_cast<char>(0x80 | (u & 0x3F));
    }
    out.resize(static_cast<std::size_t>(w - out.data()));
}

} // namespace pme::core
