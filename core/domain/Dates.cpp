// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/Dates.h"

#include <QDateTime>

namespace pme::core {

QString nowUtcIso()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

bool toIsoDate(const QDate &date, std::array<char, 10> &out)
{
    // As QDate::toString(Qt::ISODate), without its formatting machinery: a recompute writes
    // tens of thousands of dates.
    int y = 0, m = 0, d = 0;
    date.getDate(&y, &m, &d);
    if (!date.isValid() || y < 1 || y > 9999)
        return false;
    out = {char('0' + y / 1000), char('0' + y / 100 % 10), char('0' + y / 10 % 10), char('0' + y % 10), '-',
           char('0' + m / 10),   char('0' + m % 10),       '-',                      char('0' + d / 10),
           char('0' + d % 10)};
    return true;
}

QString toIsoDate(const QDate &date)
{
    std::array<char, 10> text;
    if (!toIsoDate(date, text))
        return date.toString(Qt::ISODate);
    return QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()));
}

std::optional<QDate> parseIsoDate(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    int parts[3] = {0, 0, 0};
    const size_t starts[3] = {0, 5, 8};
    const size_t lengths[3] = {4, 2, 2};
    for (int i = 0; i < 3; ++i) {
        for (size_t k = 0; k < lengths[i]; ++k) {
            const char c = text[starts[i] + k];
            if (c < '0' || c > '9')
                return std::nullopt;
            parts[i] = parts[i] * 10 + (c - '0');
        }
    }
    const QDate date(parts[0], parts[1], parts[2]);
    if (!date.isValid())
        return std::nullopt;
    return date;
}

std::optional<QDate> parseIsoDate(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return parseIsoDate(std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())));
}

} // namespace pme::core
