// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QLocale>
#include <QString>

#include <unordered_map>

namespace pme::core::analytics {

/// Numbers, percentages and dates in a locale's words, the very same text QLocale gives, made
/// cheaply for the many explanations of one evaluation: plain cases (fewer than four integer
/// digits, a finite value, a locale whose digits are single characters) are written with
/// std::to_chars and the locale's symbols; everything else is left to QLocale itself.
class LocaleNumbers final {
public:
    explicit LocaleNumbers(const QLocale &locale = QLocale());

    /// == locale.toString(value, 'f', decimals)
    QString fixed(double value, int decimals) const;
    /// == locale.toString(value)
    QString integer(qint64 value) const;
    /// == locale.toString(std::lround(100 * fraction)) + locale.percent()
    QString percent(double fraction) const;
    /// == locale.toString(date, QLocale::ShortFormat); remembered per day.
    QString date(const QDate &date) const;

    const QLocale &locale() const { return m_locale; }

private:
    bool fast(const char *first, const char *last, QString &out) const;

    QLocale m_locale;
    bool m_fast = false; ///< the locale's digits, decimal point and minus sign can be mapped
    char16_t m_zero = u'0';
    QString m_decimalPoint;
    QString m_negativeSign;
    QString m_percent;
    mutable std::unordered_map<qint64, QString> m_dates;
};

} // namespace pme::core::analytics
