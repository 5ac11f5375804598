// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QString>

#include <array>
#include <optional>
#include <string_view>

namespace pme::core {

// The store's one convention (docs/store.md): calendar dates are 'YYYY-MM-DD' text and
// instants are UTC 'YYYY-MM-DDTHH:MM:SS.sssZ' text, so they sort and compare as strings.

/// The current instant as stored.
QString nowUtcIso();
/// A calendar date as stored.
QString toIsoDate(const QDate &date);
/// The same in UTF-8, without allocating; false (and `out` untouched) outside the years
/// 1–9999, which only the QString form writes.
bool toIsoDate(const QDate &date, std::array<char, 10> &out);
/// Parses a stored 'YYYY-MM-DD' date strictly (no other layout, real calendar days only).
std::optional<QDate> parseIsoDate(std::string_view text);
std::optional<QDate> parseIsoDate(const QString &text);

} // namespace pme::core
