// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "XapiFormat.h"

#include <algorithm>
#include <array>
#include <vector>

namespace pme::core {

namespace {

constexpr bool isAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
constexpr bool isAlnum(char c)
{
    return isAlpha(c) || isDigit(c);
}
constexpr bool isHex(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
constexpr char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size()
        && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

bool allOf(std::string_view s, bool (*pred)(char))
{
    return std::all_of(s.begin(), s.end(), [pred](char c) { return pred(c); });
}

bool isAlphaOnly(std::string_view s)
{
    return allOf(s, [](char c) { return isAlpha(c); });
}
bool isDigitOnly(std::string_view s)
{
    return allOf(s, [](char c) { return isDigit(c); });
}
bool isAlnumOnly(std::string_view s)
{
    return allOf(s, [](char c) { return isAlnum(c); });
}

// Characters RFC 3987 never allows in an IRI, whatever the component.
bool isForbiddenIriChar(unsigned char c)
{
    if (c <= 0x20 || c == 0x7f)
        return true;
    switch (c) {
    case '<':
    case '>':
    case '"':
    case '{':
    case '}':
    case '|':
    case '\\':
    case '^':
    case '`':
        return true;
    default:
        return false;
    }
}

bool isAbsoluteIri(std::string_view text, bool asciiOnly)
{
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size())
        return false;
    if (!isAlpha(text[0]))
        return false;
    for (char c : text.substr(1, colon - 1)) {
        if (!isAlnum(c) && c != '+' && c != '-' && c != '.')
            return false;
    }
    for (std::size_t i = colon + 1; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (isForbiddenIriChar(c) || (asciiOnly && c >= 0x80))
            return false;
        if (c == '%' && (i + 2 >= text.size() || !isHex(text[i + 1]) || !isHex(text[i + 2])))
            return false;
    }
    return true;
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (;;) {
        const auto end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos)
            return parts;
        start = end + 1;
    }
}

// RFC 5646 section 2.2.8: tags registered before the current syntax, matched whole.
constexpr std::array<std::string_view, 26> s_grandfathered = {
    "en-GB-oed",   "i-ami",  "i-bnn",  "i-default", "i-enochian", "i-hak",     "i-klingon",  "i-lux",     "i-mingo",
    "i-navajo",    "i-pwn",  "i-tao",  "i-tay",     "i-tsu",      "sgn-BE-FR", "sgn-BE-NL",  "sgn-CH-DE", "art-lojban",
    "cel-gaulish", "no-bok", "no-nyn", "zh-guoyu",  "zh-hakka",   "zh-min",    "zh-min-nan", "zh-xiang",
};

// privateuse = "x" 1*("-" (1*8alphanum)), starting at parts[i].
bool isPrivateUse(const std::vector<std::string_view> &parts, std::size_t i)
{
    if (i + 1 >= parts.size())
        return false;
    return std::all_of(parts.begin() + std::ptrdiff_t(i) + 1, parts.end(),
                       [](std::string_view p) { return !p.empty() && p.size() <= 8 && isAlnumOnly(p); });
}

bool isVariant(std::string_view p)
{
    if (!isAlnumOnly(p))
        return false;
    return (p.size() >= 5 && p.size() <= 8) || (p.size() == 4 && isDigit(p[0]));
}

// The subtags after language, script and region: variants, extensions, private use.
bool isLangtagTail(const std::vector<std::string_view> &parts, std::size_t i)
{
    std::vector<std::string> seen;
    for (; i < parts.size() && isVariant(parts[i]); ++i) {
        std::string v(parts[i]);
        std::transform(v.begin(), v.end(), v.begin(), lower);
        if (std::find(seen.begin(), seen.end(), v) != seen.end())
            return false; // 2.2.5: a variant may appear once
        seen.push_back(v);
    }
    std::string singletons;
    while (i < parts.size()) {
        const auto p = parts[i];
        if (p.size() != 1 || !isAlnum(p[0]))
            return false;
        const char s = lower(p[0]);
        if (s == 'x')
            return isPrivateUse(parts, i);
        if (singletons.find(s) != std::string::npos)
            return false; // 2.2.6: each extension singleton once
        singletons.push_back(s);
        std::size_t n = 0;
        for (++i; i < parts.size() && parts[i].size() >= 2; ++i, ++n) {
            if (parts[i].size() > 8 || !isAlnumOnly(parts[i]))
                return false;
        }
        if (n == 0)
            return false;
    }
    return true;
}

// Digits with an optional decimal fraction; returns the length consumed, 0 when none.
std::size_t durationNumber(std::string_view s, bool *hasFraction)
{
    std::size_t i = 0;
    while (i < s.size() && isDigit(s[i]))
        ++i;
    if (i == 0)
        return 0;
    *hasFraction = false;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        const auto start = ++i;
        while (i < s.size() && isDigit(s[i]))
            ++i;
        if (i == start)
            return 0;
        *hasFraction = true;
    }
    return i;
}

// Reads components with the given designators, in order; a fraction only on the last one.
bool durationPart(std::string_view &s, std::string_view designators, int *count, bool *fractionSeen)
{
    for (char designator : designators) {
        bool fraction = false;
        const auto n = durationNumber(s, &fraction);
        if (n == 0 || n >= s.size() || s[n] != designator)
            continue;
        if (*fractionSeen)
            return false;
        *fractionSeen = fraction;
        ++*count;
        s.remove_prefix(n + 1);
    }
    return true;
}

bool readFixedNumber(std::string_view s, std::size_t pos, std::size_t len, int *out)
{
    if (pos + len > s.size() || !isDigitOnly(s.substr(pos, len)))
        return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i)
        v = v * 10 + (s[i] - '0');
    *out = v;
    return true;
}

// "Z", "+hh", "+hhmm" or "+hh:mm"; the negative zero offset means "unknown" and is refused.
std::optional<int> parseOffset(std::string_view s)
{
    if (s == "Z" || s == "z")
        return 0;
    if (s.size() < 3 || (s[0] != '+' && s[0] != '-'))
        return std::nullopt;
    int hours = 0;
    int minutes = 0;
    if (!readFixedNumber(s, 1, 2, &hours))
        return std::nullopt;
    if (s.size() == 6 && s[3] == ':') {
        if (!readFixedNumber(s, 4, 2, &minutes))
            return std::nullopt;
    } else if (s.size() == 5) {
        if (!readFixedNumber(s, 3, 2, &minutes))
            return std::nullopt;
    } else if (s.size() != 3) {
        return std::nullopt;
    }
    if (hours > 23 || minutes > 59 || (s[0] == '-' && hours == 0 && minutes == 0))
        return std::nullopt;
    const int seconds = hours * 3600 + minutes * 60;
    return s[0] == '-' ? -seconds : seconds;
}

} // namespace

bool XapiFormat::isIri(std::string_view text)
{
    return isAbsoluteIri(text, false);
}

bool XapiFormat::isUri(std::string_view text)
{
    return isAbsoluteIri(text, true);
}

bool XapiFormat::isMailtoIri(std::string_view text)
{
    constexpr std::string_view prefix = "mailto:";
    if (!text.starts_with(prefix) || !isIri(text))
        return false;
    const auto address = text.substr(prefix.size());
    const auto at = address.find('@');
    return at != std::string_view::npos && at > 0 && at + 1 < address.size()
        && address.find('@', at + 1) == std::string_view::npos;
}

bool XapiFormat::isSha1Hex(std::string_view text)
{
    return text.size() == 40 && allOf(text, [](char c) { return isHex(c); });
}

bool XapiFormat::isUuid(std::string_view text)
{
    if (text.size() != 36)
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != '-' : !isHex(text[i]))
            return false;
    }
    return true;
}

bool XapiFormat::isLanguageTag(std::string_view text)
{
    for (auto g : s_grandfathered) {
        if (equalsIgnoreCase(text, g))
            return true;
    }
    const auto parts = split(text, '-');
    if (std::any_of(parts.begin(), parts.end(),
                    [](std::string_view p) { return p.empty() || p.size() > 8 || !isAlnumOnly(p); }))
        return false;
    if (equalsIgnoreCase(parts[0], "x"))
        return isPrivateUse(parts, 0);
    if (!isAlphaOnly(parts[0]) || parts[0].size() < 2)
        return false;
    std::size_t i = 1;
    if (parts[0].size() <= 3) {
        for (int extlangs = 0; extlangs < 3 && i < parts.size() && parts[i].size() == 3 && isAlphaOnly(parts[i]);
             ++extlangs)
            ++i;
    }
    if (i < parts.size() && parts[i].size() == 4 && isAlphaOnly(parts[i]))
        ++i; // script
    if (i < parts.size()
        && ((parts[i].size() == 2 && isAlphaOnly(parts[i])) || (parts[i].size() == 3 && isDigitOnly(parts[i]))))
        ++i; // region
    return isLangtagTail(parts, i);
}

bool XapiFormat::isDuration(std::string_view text)
{
    if (text.size() < 3 || text[0] != 'P')
        return false;
    auto s = text.substr(1);
    bool fraction = false;
    const auto weeks = durationNumber(s, &fraction);
    if (weeks > 0 && weeks + 1 == s.size() && s[weeks] == 'W')
        return true; // PnW stands alone: 4.4.3.2 does not combine weeks with other units
    int count = 0;
    bool fractionSeen = false;
    if (!durationPart(s, "YMD", &count, &fractionSeen))
        return false;
    if (!s.empty()) {
        if (s[0] != 'T')
            return false;
        s.remove_prefix(1);
        const int before = count;
        if (!durationPart(s, "HMS", &count, &fractionSeen) || count == before)
            return false;
    }
    return s.empty() && count > 0;
}

bool XapiFormat::isMediaType(std::string_view text)
{
    const auto isToken = [](std::string_view t) {
        return !t.empty() && allOf(t, [](char c) {
            return isAlnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
        });
    };
    const auto trim = [](std::string_view t) {
        while (!t.empty() && (t.front() == ' ' || t.front() == '\t'))
            t.remove_prefix(1);
        while (!t.empty() && (t.back() == ' ' || t.back() == '\t'))
            t.remove_suffix(1);
        return t;
    };
    const auto params = split(text, ';');
    const auto slash = params[0].find('/');
    if (slash == std::string_view::npos || !isToken(params[0].substr(0, slash))
        || !isToken(params[0].substr(slash + 1)))
        return false;
    for (std::size_t i = 1; i < params.size(); ++i) {
        const auto param = trim(params[i]);
        const auto eq = param.find('=');
        if (eq == std::string_view::npos || !isToken(param.substr(0, eq)))
            return false;
        const auto value = param.substr(eq + 1);
        const bool quoted = value.size() >= 2 && value.front() == '"' && value.back() == '"';
        if (!quoted && !isToken(value))
            return false;
    }
    return true;
}

bool XapiFormat::isSupportedVersion(std::string_view text)
{
    if (text == "1.0" || text == "2.0")
        return true;
    if (!(text.starts_with("1.0.") || text.starts_with("2.0.")))
        return false;
    const auto patch = text.substr(4);
    return !patch.empty() && isDigitOnly(patch);
}

std::optional<QDateTime> XapiFormat::parseTimestamp(std::string_view text)
{
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (text.size() < 17 || !readFixedNumber(text, 0, 4, &year) || text[4] != '-'
        || !readFixedNumber(text, 5, 2, &month) || text[7] != '-' || !readFixedNumber(text, 8, 2, &day)
        || (text[10] != 'T' && text[10] != 't') || !readFixedNumber(text, 11, 2, &hour) || text[13] != ':'
        || !readFixedNumber(text, 14, 2, &minute))
        return std::nullopt;
    std::size_t pos = 16;
    int millis = 0;
    if (pos < text.size() && text[pos] == ':') {
        if (!readFixedNumber(text, pos + 1, 2, &second))
            return std::nullopt;
        pos += 3;
        if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
            const auto start = ++pos;
            while (pos < text.size() && isDigit(text[pos])) {
                if (pos - start < 3)
                    millis = millis * 10 + (text[pos] - '0');
                ++pos;
            }
            if (pos == start)
                return std::nullopt;
            for (auto n = pos - start; n < 3; ++n)
                millis *= 10;
        }
    }
    const auto offset = parseOffset(text.substr(pos));
    if (!offset || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    const QDate date(year, month, day);
    if (!date.isValid())
        return std::nullopt;
    if (second == 60) { // a leap second; QTime cannot hold it
        second = 59;
        millis = 999;
    }
    // Qt 6.4 has no QTimeZone::fromSecondsAheadOfUtc; the offset spec keeps the writer's offset.
    return QDateTime(date, QTime(hour, minute, second, millis), Qt::OffsetFromUTC, *offset);
}

} // namespace pme::core
