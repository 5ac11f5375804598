// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>

namespace pme::core::analytics {

/// The point in time analytics are computed at: the end of a day. Only evidence dated on or
/// before that day is used, so that a past state can be recomputed exactly and a rule's
/// validity measured honestly.
///
/// - Latest: as of the newest evidence in the store (the data's horizon).
/// - Date: as of the end of a calendar date, the same for every learner.
/// - DaysAfterStart: as of the end of day N of each learner's training (the start is day 0).
class AsOf final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::analytics::AsOf)

public:
    enum class Kind { Latest, Date, DaysAfterStart };

    static AsOf latest() { return AsOf(); }
    static AsOf onDate(const QDate &date);
    static AsOf daysAfterStart(int days);
    /// Reads "latest", "date:YYYY-MM-DD" or "days:N" (spec()'s form).
    static Result<AsOf> parse(const QString &spec);

    Kind kind() const { return m_kind; }
    QDate date() const { return m_date; }
    int days() const { return m_days; }
    QString spec() const;
    /// Words for a person: "as of 30 June 2026", "90 days after each learner's start".
    QString describe() const;

    /// The first day whose evidence is excluded for a learner who started on `start` (the day
    /// after the as-of day), given the store's horizon (the day after its newest evidence).
    QDate cutoff(const QDate &start, const QDate &horizon) const;

private:
    Kind m_kind = Kind::Latest;
    QDate m_date;
    int m_days = 0;
};

} // namespace pme::core::analytics
