// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "goals/GoalProgress.h"

#include "domain/Dates.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace pme::core::goals {

namespace {

QString num(double value)
{
    return QLocale().toString(value, 'f', value == std::floor(value) ? 0 : 1);
}

Result<std::optional<double>> estimate(Database &db, qint64 learnerId, qint64 competencyId)
{
    Statement select(db, "SELECT level_now FROM learner_estimates WHERE learner_id = ? AND competency_id = ?");
    select.bind(1, learnerId);
    select.bind(2, competencyId);
    auto row = select.step();
    if (!row)
        return row.error();
    return *row ? std::optional<double>(select.columnDouble(0)) : std::nullopt;
}

Result<std::optional<double>> observationCount(Database &db, qint64 learnerId, const GoalDraft &goal,
                                               std::optional<QDate> since)
{
    // Optional criteria are bound as NULL and then match everything.
    Statement select(db,
                     "SELECT count(*) FROM observations WHERE learner_id = ?1 AND competency_id = ?2 "
                     "AND (?3 IS NULL OR kind = ?3) AND (?4 IS NULL OR rating >= ?4) "
                     "AND (?5 IS NULL OR observed_on >= ?5) AND (?6 IS NULL OR observed_on <= ?6) "
                     "AND kind <> 'narrative'");
    select.bind(1, learnerId);
    select.bind(2, goal.competencyId.value_or(0));
    if (goal.measure.observationKind.isEmpty())
        select.bindNull(3);
    else
        select.bind(3, goal.measure.observationKind);
    select.bind(4, goal.measure.minRating);
    select.bind(5, since ? std::optional<QString>(toIsoDate(*since)) : std::nullopt);
    select.bind(6, goal.targetDate ? std::optional<QString>(toIsoDate(*goal.targetDate)) : std::nullopt);
    auto row = select.step();
    if (!row)
        return row.error();
    return std::optional<double>(static_cast<double>(select.columnInt64(0)));
}

Result<std::optional<double>> latestPercentile(Database &db, qint64 learnerId, const GoalMeasure &m,
                                               std::optional<QDate> since)
{
    Statement select(db,
                     "SELECT percentile FROM observations WHERE learner_id = ?1 AND kind = 'exam' "
                     "AND percentile IS NOT NULL AND (?2 IS NULL OR instrument = ?2) "
                     "AND (?3 IS NULL OR observed_on >= ?3) ORDER BY observed_on DESC, id DESC LIMIT 1");
    select.bind(1, learnerId);
    if (m.instrument.isEmpty())
        select.bindNull(2);
    else
        select.bind(2, m.instrument);
    select.bind(3, since ? std::optional<QString>(toIsoDate(*since)) : std::nullopt);
    auto row = select.step();
    if (!row)
        return row.error();
    return *row ? std::optional<double>(select.columnDouble(0)) : std::nullopt;
}

} // namespace

Result<GoalProgressValue> GoalProgress::evaluate(Database &db, qint64 learnerId, const GoalDraft &goal,
                                                 const QString &competencyCode, std::optional<QDate> planStart)
{
    GoalProgressValue p;
    const GoalMeasure &m = goal.measure;
    p.measurable = m.isMeasurable();
    p.target = m.target;
    if (!p.measurable)
        return p;
    const std::optional<QDate> since = m.since ? m.since : planStart;
    Result<std::optional<double>> current = std::optional<double>();
    switch (m.kind) {
    case GoalMeasure::Kind::CompetencyLevel:
        current = goal.competencyId ? estimate(db, learnerId, *goal.competencyId) : std::optional<double>();
        break;
    case GoalMeasure::Kind::ObservationCount:
        current = observationCount(db, learnerId, goal, since);
        break;
    case GoalMeasure::Kind::ExamPercentile:
        current = latestPercentile(db, learnerId, m, since);
        break;
    case GoalMeasure::Kind::FreeText:
        break;
    }
    if (!current)
        return current.error();
    p.current = *current;
    if (p.current) {
        p.fraction = m.target > 0 ? std::clamp(*p.current / m.target, 0.0, 1.0) : 1.0;
        p.met = *p.current >= m.target;
    }
    const QString what = describe(m, competencyCode);
    p.summary = p.current ? tr("%1 — now %2").arg(what, num(*p.current)) : tr("%1 — no evidence yet").arg(what);
    return p;
}

QString GoalProgress::describe(const GoalMeasure &m, const QString &code)
{
    switch (m.kind) {
    case GoalMeasure::Kind::CompetencyLevel:
        return tr("%1 estimated level ≥ %2").arg(code, num(m.target));
    case GoalMeasure::Kind::ObservationCount: {
        QString text = m.observationKind.isEmpty()
            ? tr("at least %1 observations of %2").arg(num(m.target), code)
            : tr("at least %1 %2 observations of %3").arg(num(m.target), m.observationKind, code);
        if (m.minRating)
            text = tr("%1 rated ≥ %2").arg(text, num(*m.minRating));
        return text;
    }
    case GoalMeasure::Kind::ExamPercentile:
        return m.instrument.isEmpty() ? tr("exam percentile ≥ %1").arg(num(m.target))
                                      : tr("%1 percentile ≥ %2").arg(m.instrument, num(m.target));
    case GoalMeasure::Kind::FreeText:
        return m.text;
    }
    return {};
}

} // namespace pme::core::goals
