// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/LocaleNumbers.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace pme::core::analytics {

namespace {

// True when `value` rounded to `decimals` places sits exactly halfway between two results
// (0.25 to one place): rounding rules may differ there, so QLocale decides.
bool exactTie(double value, int decimals)
{
    static constexpr double powers[] = {1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7};
    const double scale = powers[decimals];
    const double product = value * scale;
    // fma gives the rounding error of the product exactly: zero only when it is exact.
    if (std::fma(value, scale, -product) != 0 || std::floor(product) != product)
        return false;
    return std::fmod(std::fabs(product), 10.0) == 5.0;
}

} // namespace

LocaleNumbers::LocaleNumbers(const QLocale &locale)
    : m_locale(locale)
    , m_decimalPoint(locale.decimalPoint())
    , m_negativeSign(locale.negativeSign())
    , m_percent(locale.percent())
{
    const QString zero = locale.zeroDigit();
    if (zero.size() == 1 && !zero.at(0).isSurrogate() && !m_decimalPoint.isEmpty()) {
        m_zero = zero.at(0).unicode();
        m_fast = true;
    }
}

// Maps to_chars output ("-12.5") to the locale's symbols; false when the text has four or more
// integer digits (QLocale may group them) or is a negative zero ("-0.0": QLocale decides).
bool LocaleNumbers::fast(const char *first, const char *last, QString &out) const
{
    const bool negative = first != last && *first == '-';
    if (negative)
        ++first;
    const char *point = std::find(first, last, '.');
    if (point - first >= 4)
        return false;
    if (negative && std::all_of(first, last, [](char c) { return c == '0' || c == '.'; }))
        return false;
    out.resize(static_cast<qsizetype>(last - first) + (negative ? m_negativeSign.size() : 0) + m_decimalPoint.size());
    QChar *to = out.data();
    if (negative)
        to = std::copy(m_negativeSign.cbegin(), m_negativeSign.cend(), to);
    for (const char *p = first; p != last; ++p) {
        if (*p == '.')
            to = std::copy(m_decimalPoint.cbegin(), m_decimalPoint.cend(), to);
        else
            *to++ = QChar(static_cast<char16_t>(m_zero + (*p - '0')));
    }
    out.truncate(static_cast<qsizetype>(to - out.data()));
    return true;
}

QString LocaleNumbers::fixed(double value, int decimals) const
{
    if (m_fast && std::isfinite(value) && std::fabs(value) < 1000 && decimals >= 0 && decimals <= 6
        && !exactTie(value, decimals)) {
        char buffer[32];
        const auto r = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
        QString out;
        if (r.ec == std::errc() && fast(buffer, r.ptr, out))
            return out;
    }
    return m_locale.toString(value, 'f', decimals);
}

QString LocaleNumbers::integer(qint64 value) const
{
    if (m_fast && value > -1000 && value < 1000) {
        char buffer[8];
        const auto r = std::to_chars(buffer, buffer + sizeof buffer, value);
        QString out;
        if (r.ec == std::errc() && fast(buffer, r.ptr, out))
            return out;
    }
    return m_locale.toString(value);
}

QString LocaleNumbers::percent(double fraction) const
{
    return integer(std::lround(100 * fraction)) + m_percent;
}

QString LocaleNumbers::date(const QDate &date) const
{
    const auto [it, added] = m_dates.try_emplace(date.toJulianDay());
    if (added)
        it->second = m_locale.toString(date, QLocale::ShortFormat);
    return it->second;
}

} // namespace pme::core::analytics
