// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/AsOf.h"

#include "domain/Dates.h"

#include <QLocale>

namespace pme::core::analytics {

AsOf AsOf::onDate(const QDate &date)
{
    AsOf a;
    a.m_kind = Kind::Date;
    a.m_date = date;
    return a;
}

AsOf AsOf::daysAfterStart(int days)
{
    AsOf a;
    a.m_kind = Kind::DaysAfterStart;
    a.m_days = days;
    return a;
}

Result<AsOf> AsOf::parse(const QString &spec)
{
    const QString text = spec.trimmed();
    if (text.isEmpty() || text == QLatin1String("latest"))
        return latest();
    if (text.startsWith(QLatin1String("date:"))) {
        const auto date = parseIsoDate(text.mid(5));
        if (!date)
            return makeError(ErrorKind::BadInput, tr("%1 is not a date (YYYY-MM-DD).").arg(text.mid(5)));
        return onDate(*date);
    }
    if (text.startsWith(QLatin1String("days:"))) {
        bool ok = false;
        const int days = text.mid(5).toInt(&ok);
        if (!ok || days < 0 || days > 36500)
            return makeError(ErrorKind::BadInput, tr("%1 is not a number of days.").arg(text.mid(5)));
        return daysAfterStart(days);
    }
    return makeError(ErrorKind::BadInput,
                     tr("\"%1\" is not an as-of point: use latest, date:YYYY-MM-DD or days:N.").arg(text));
}

QString AsOf::spec() const
{
    switch (m_kind) {
    case Kind::Latest:
        return QStringLiteral("latest");
    case Kind::Date:
        return QStringLiteral("date:") + toIsoDate(m_date);
    case Kind::DaysAfterStart:
        return QStringLiteral("days:") + QString::number(m_days);
    }
    return {};
}

QString AsOf::describe() const
{
    switch (m_kind) {
    case Kind::Latest:
        return tr("as of the latest evidence");
    case Kind::Date:
        return tr("as of %1").arg(QLocale().toString(m_date, QLocale::LongFormat));
    case Kind::DaysAfterStart:
        return tr("%n day(s) after each learner's start", nullptr, m_days);
    }
    return {};
}

QDate AsOf::cutoff(const QDate &start, const QDate &horizon) const
{
    switch (m_kind) {
    case Kind::Latest:
        return horizon;
    case Kind::Date:
        return m_date.addDays(1);
    case Kind::DaysAfterStart:
        return start.addDays(m_days + 1);
    }
    return horizon;
}

} // namespace pme::core::analytics
