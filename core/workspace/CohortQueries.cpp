// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspace/CohortQueries.h"

#include "analytics/RuleSet.h"
#include "domain/Dates.h"
#include "governance/AccessPolicy.h"
#include "governance/ActingUser.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <QHash>
#include <QLocale>

#include <algorithm>
#include <map>
#include <string_view>
#include <vector>

namespace pme::core::workspace {

namespace {

// 'YYYY-MM-DD' to a Julian day without building a QString: the scan reads a million of them.
qint64 julianDayOf(std::string_view text)
{
    if (text.size() < 10)
        return 0;
    const auto digits = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i)
            v = v * 10 + (text[i] - '0');
        return v;
    };
    return QDate(digits(0, 4), digits(5, 2), digits(8, 2)).toJulianDay();
}

int monthIndex(const QDate &date)
{
    return date.year() * 12 + date.month() - 1;
}

Result<void> loadLearners(Database &db, const LearnerScope &scope, CohortOverview &out, QHash<qint64, int> &index)
{
    Statement select(db,
                     "SELECT l.id, l.display_name, l.program_id, p.code, l.status, l.start_date, "
                     "l.expected_completion_date, (SELECT s.stage FROM stage_history s WHERE s.learner_id = l.id "
                     "AND s.ended_on IS NULL ORDER BY s.started_on DESC LIMIT 1) FROM learners l "
                     "JOIN programs p ON p.id = l.program_id "
                     "WHERE (?1 OR l.id IN (SELECT value FROM json_each(?2))) ORDER BY l.display_name, l.id");
    scope.bind(select, 1, 2);
    return select.forEachRow([&](Statement &s) {
        CohortRow row;
        row.learnerId = s.columnInt64(0);
        row.name = s.columnText(1);
        row.programId = s.columnInt64(2);
        row.programCode = s.columnText(3);
        row.status = s.columnText(4);
        row.start = parseIsoDate(s.columnText(5)).value_or(QDate());
        row.expectedCompletion = parseIsoDate(s.columnText(6)).value_or(QDate());
        if (row.inTraining())
            row.stage = s.columnText(7);
        row.monthlyEvidence = QList<int>(kSparklineMonths, 0);
        index.insert(row.learnerId, int(out.rows.size()));
        out.rows.append(std::move(row));
    });
}

Result<void> loadFlags(Database &db, const ActingUser &user, CohortOverview &out, const QHash<qint64, int> &index)
{
    auto scope = AccessPolicy::scope(db, user, DataKind::Flags);
    if (!scope)
        return scope.error();
    Statement select(db,
                     "SELECT learner_id, severity, rule_code FROM flags WHERE state = 'open' "
                     "AND (?1 OR learner_id IN (SELECT value FROM json_each(?2)))");
    scope->bind(select, 1, 2);
    std::map<QString, int> byRule;
    if (auto r = select.forEachRow([&](Statement &s) {
            const auto it = index.constFind(s.columnInt64(0));
            if (it == index.constEnd())
                return;
            CohortRow &row = out.rows[*it];
            const int severity = std::clamp(int(s.columnInt64(1)), 1, 3);
            ++row.openFlags[severity - 1];
            const QString rule = s.columnText(2);
            if (!row.openFlagRules.contains(rule))
                row.openFlagRules.append(rule);
            ++byRule[rule];
        });
        !r)
        return r;
    for (const auto &[rule, count] : byRule)
        out.summary.flagsByRule.append(CohortBar{rule, analytics::RuleSet::ruleTitle(rule), count});
    std::stable_sort(out.summary.flagsByRule.begin(), out.summary.flagsByRule.end(),
                     [](const CohortBar &a, const CohortBar &b) { return a.count > b.count; });
    return {};
}

Result<void> loadEstimates(Database &db, CohortOverview &out, const QHash<qint64, int> &index)
{
    // The rows are already limited to the Profile scope; estimates are part of the profile.
    Statement select(db,
                     "SELECT e.learner_id, e.probability_target, c.code FROM learner_estimates e "
                     "JOIN competencies c ON c.id = e.competency_id WHERE e.probability_target IS NOT NULL");
    if (auto r = select.forEachRow([&](Statement &s) {
            out.hasAnalytics = true;
            const auto it = index.constFind(s.columnInt64(0));
            if (it == index.constEnd())
                return;
            CohortRow &row = out.rows[*it];
            const double p = s.columnDouble(1);
            if (!row.lowestProbability || p < *row.lowestProbability) {
                row.lowestProbability = p;
                row.lowestCompetency = s.columnText(2);
            }
        });
        !r)
        return r;
    QList<CohortBar> bins;
    const QLocale locale;
    for (int i = 0; i < 10; ++i)
        bins.append(CohortBar{QString::number(i / 10.0), locale.toString(i * 10), 0});
    for (const CohortRow &row : std::as_const(out.rows)) {
        if (row.lowestProbability && row.inTraining())
            ++bins[std::clamp(int(*row.lowestProbability * 10), 0, 9)].count;
    }
    out.summary.probabilityBins = bins;
    return {};
}

} // namespace

Result<CohortOverview> CohortQueries::loadRows(Database &db, const ActingUser &user)
{
    if (!user.isValid())
        return makeError(ErrorKind::Denied, tr("Sign in to see the cohort."));
    auto scope = AccessPolicy::scope(db, user, DataKind::Profile);
    if (!scope)
        return scope.error();
    CohortOverview out;
    QHash<qint64, int> index;
    if (auto r = loadLearners(db, *scope, out, index); !r)
        return r.error();
    if (auto r = loadFlags(db, user, out, index); !r)
        return r.error();
    if (auto r = loadEstimates(db, out, index); !r)
        return r.error();
    return out;
}

// A C++ pass over the rows beats GROUP BY queries: there is no date index, and the rows are
// wide (narratives), so the table is read once and only two columns are decoded.
Result<CohortEvidence> CohortQueries::loadEvidence(Database &db, const ActingUser &user)
{
    if (!user.isValid())
        return makeError(ErrorKind::Denied, tr("Sign in to see the cohort."));
    auto scope = AccessPolicy::scope(db, user, DataKind::Observations);
    if (!scope)
        return scope.error();
    std::vector<std::pair<qint64, qint64>> seen; // (learner, julian day)
    seen.reserve(1 << 16);
    qint64 newest = 0;
    Statement select(db, "SELECT learner_id, observed_on FROM observations");
    if (auto r = select.forEachRow([&](Statement &s) {
            const qint64 day = julianDayOf(s.columnUtf8(1));
            newest = std::max(newest, day);
            const qint64 learner = s.columnInt64(0);
            if (scope->isEveryone() || scope->contains(learner))
                seen.emplace_back(learner, day);
        });
        !r)
        return r.error();
    CohortEvidence out;
    out.horizon = newest > 0 ? QDate::fromJulianDay(newest).addDays(1) : QDate::currentDate().addDays(1);
    const qint64 horizonDay = out.horizon.toJulianDay();
    const int lastMonth = monthIndex(out.horizon.addDays(-1));
    const int firstMonth = lastMonth - kSparklineMonths + 1;
    QList<int> months(kSparklineMonths, 0);
    for (const auto &[learner, day] : seen) {
        CohortRowEvidence &row = out.learners[learner];
        if (row.monthly.isEmpty())
            row.monthly = QList<int>(kSparklineMonths, 0);
        const QDate date = QDate::fromJulianDay(day);
        if (!row.latest.isValid() || date > row.latest)
            row.latest = date;
        if (day < horizonDay && day >= horizonDay - kRecentDays)
            ++row.recent;
        const int m = monthIndex(date) - firstMonth;
        if (m >= 0 && m < kSparklineMonths) {
            ++row.monthly[m];
            ++months[m];
        }
    }
    const QLocale locale;
    for (int m = 0; m < kSparklineMonths; ++m) {
        const QDate month(int((firstMonth + m) / 12), (firstMonth + m) % 12 + 1, 1);
        out.evidenceByMonth.append(CohortBar{month.toString(QStringLiteral("yyyy-MM")),
                                             locale.monthName(month.month(), QLocale::NarrowFormat), months[m]});
    }
    return out;
}

void CohortQueries::apply(CohortOverview &overview, const CohortEvidence &evidence)
{
    overview.horizon = evidence.horizon;
    overview.summary.evidenceByMonth = evidence.evidenceByMonth;
    for (CohortRow &row : overview.rows) {
        const auto it = evidence.learners.constFind(row.learnerId);
        if (it == evidence.learners.constEnd())
            continue;
        row.recentEvidence = it->recent;
        row.latestEvidence = it->latest;
        row.monthlyEvidence = it->monthly;
    }
    overview.hasEvidence = true;
}

Result<CohortOverview> CohortQueries::load(Database &db, const ActingUser &user)
{
    auto rows = loadRows(db, user);
    if (!rows)
        return rows.error();
    auto evidence = loadEvidence(db, user);
    if (!evidence)
        return evidence.error();
    apply(*rows, *evidence);
    return rows;
}

} // namespace pme::core::workspace
