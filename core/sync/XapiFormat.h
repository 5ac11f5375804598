// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>

#include <optional>
#include <string_view>

namespace pme::core {

/// The string formats xAPI 1.0.3 (Data part, section 4) requires, checked on UTF-8 text.
/// Syntax only: no IANA registry look-ups and no network, so results do not change over time.
class XapiFormat final {
public:
    XapiFormat() = delete;

    /// An absolute IRI (RFC 3987): scheme ":" then characters an IRI may hold.
    static bool isIri(std::string_view text);
    /// An absolute URI (RFC 3986): as isIri, but ASCII only.
    static bool isUri(std::string_view text);
    /// "mailto:" followed by an e-mail address.
    static bool isMailtoIri(std::string_view text);
    /// Forty hexadecimal digits.
    static bool isSha1Hex(std::string_view text);
    /// 8-4-4-4-12 hexadecimal digits, either case. Version and variant bits are not checked:
    /// the specification's own examples use ids that RFC 4122 would not generate.
    static bool isUuid(std::string_view text);
    /// A well-formed RFC 5646 language tag, including the grandfathered ones.
    static bool isLanguageTag(std::string_view text);
    /// An ISO 8601 duration as section 4.4.3.2 allows: PnYnMnDTnHnMnS or PnW.
    static bool isDuration(std::string_view text);
    /// An Internet media type: type "/" subtype, optionally followed by parameters.
    static bool isMediaType(std::string_view text);
    /// "1.0", "1.0.x", "2.0" or "2.0.x".
    static bool isSupportedVersion(std::string_view text);
    /// An ISO 8601 date and time with a UTC offset; the "-00:00" unknown offset is refused.
    /// Fractions beyond milliseconds are truncated; a leap second becomes :59.999.
    static std::optional<QDateTime> parseTimestamp(std::string_view text);
};

} // namespace pme::core
