// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "goals/GoalSuggestion.h"

#include "analytics/AnalyticsQueries.h"
#include "governance/AccessPolicy.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <QJsonArray>
#include <QLocale>

#include <cmath>

namespace pme::core::goals {

namespace {

struct Scale {
    double min = 1, max = 5, step = 0.5;
};

Result<Scale> scaleOf(Database &db, qint64 competencyId)
{
    Statement select(db,
                     "SELECT f.scale_min, f.scale_max, f.scale_step FROM competencies c JOIN frameworks f "
                     "ON f.id = c.framework_id WHERE c.id = ?");
    select.bind(1, competencyId);
    Scale s;
    if (auto r = select.forEachRow([&](Statement &st) {
            s = {st.columnDouble(0), st.columnDouble(1), st.columnDouble(2)};
        });
        !r)
        return r.error();
    return s;
}

/// Where the cohort is now for this learner and competency (else the learner's own level).
Result<std::optional<double>> cohortNow(Database &db, qint64 learnerId, qint64 competencyId)
{
    Statement select(db,
                     "SELECT cohort_now, level_now FROM learner_estimates WHERE learner_id = ? AND competency_id = ?");
    select.bind(1, learnerId);
    select.bind(2, competencyId);
    auto row = select.step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<double>();
    return std::optional<double>(std::max(select.columnDouble(0), select.columnDouble(1)));
}

/// The competency (by code) with the largest gap in a sparse-evidence flag, and its peers' median.
Result<std::pair<std::optional<qint64>, double>> largestGap(Database &db, qint64 learnerId, const QJsonObject &details)
{
    QString code;
    double worst = 2, median = 0;
    for (const QJsonValue &v : details.value(QStringLiteral("competencies")).toArray()) {
        const QJsonObject c = v.toObject();
        const double m = c.value(QStringLiteral("cohort_median")).toDouble();
        const double share = m > 0 ? c.value(QStringLiteral("count")).toDouble() / m : 1;
        if (share < worst) {
            worst = share;
            code = c.value(QStringLiteral("competency")).toString();
            median = m;
        }
    }
    if (code.isEmpty())
        return std::pair<std::optional<qint64>, double>{std::nullopt, 0};
    // The learner's own framework when codes repeat across frameworks.
    Statement select(db,
                     "SELECT c.id FROM competencies c WHERE c.code = ?1 ORDER BY EXISTS (SELECT 1 FROM observations "
                     "o WHERE o.competency_id = c.id AND o.learner_id = ?2) DESC, c.id LIMIT 1");
    select.bind(1, code);
    select.bind(2, learnerId);
    auto row = select.step();
    if (!row)
        return row.error();
    return std::pair<std::optional<qint64>, double>{*row ? std::optional<qint64>(select.columnInt64(0)) : std::nullopt,
                                                    median};
}

Result<void> levelGoal(Database &db, const analytics::FlagView &flag, GoalDraft &goal)
{
    auto scale = scaleOf(db, *flag.competencyId);
    if (!scale)
        return scale.error();
    auto now = cohortNow(db, flag.learnerId, *flag.competencyId);
    if (!now)
        return now.error();
    double level = now->value_or(scale->min) + (flag.rule == QLatin1String("below_expected") ? 0 : scale->step);
    // To the nearest step of the scale, within it.
    level = std::clamp(std::round(level / scale->step) * scale->step, scale->min, scale->max);
    goal.measure.kind = GoalMeasure::Kind::CompetencyLevel;
    goal.measure.target = level;
    goal.statement = GoalSuggestion::tr("Reach an estimated level of %1 in %2 %3")
                         .arg(QLocale().toString(level), flag.competencyCode, flag.competencyName);
    return {};
}

} // namespace

Result<GoalDraft> GoalSuggestion::fromFlag(Database &db, const ActingUser &user, qint64 flagId, const QDate &today)
{
    auto flag = analytics::AnalyticsQueries::flag(db, user, flagId);
    if (!flag)
        return flag.error();
    auto allowed = AccessPolicy::mayCoProduce(db, user, flag->learnerId);
    if (!allowed)
        return allowed.error();
    if (!*allowed)
        return makeError(ErrorKind::Denied, tr("Only the learner and their coach write goals."));
    GoalDraft goal;
    goal.fromFlagId = flagId;
    goal.competencyId = flag->competencyId;
    goal.targetDate = today.addMonths(3);
    const QString rule = flag->rule;
    if (flag->competencyId
        && (rule == QLatin1String("below_expected") || rule == QLatin1String("low_attainment")
            || rule == QLatin1String("declining") || rule == QLatin1String("stalled")
            || rule == QLatin1String("evidence_adjusted_level"))) {
        if (auto r = levelGoal(db, *flag, goal); !r)
            return r.error();
    } else if (rule == QLatin1String("sparse_evidence")) {
        auto gap = largestGap(db, flag->learnerId, flag->details);
        if (!gap)
            return gap.error();
        goal.competencyId = gap->first;
        goal.measure.kind = gap->first ? GoalMeasure::Kind::ObservationCount : GoalMeasure::Kind::FreeText;
        goal.measure.target = std::max(3.0, std::ceil(gap->second));
        goal.measure.since = today;
        goal.measure.text = tr("More observed assessments across the competencies");
        goal.statement = tr("Ask for more observed assessments");
    } else if (rule == QLatin1String("low_exam")) {
        goal.competencyId.reset();
        goal.measure.kind = GoalMeasure::Kind::ExamPercentile;
        goal.measure.target = 40;
        goal.measure.since = today;
        goal.targetDate = today.addYears(1);
        goal.statement = tr("Reach at least the 40th percentile on the next in-training exam");
    } else {
        goal.measure.kind = GoalMeasure::Kind::FreeText;
        goal.measure.text = tr("Agreed by the learner and coach at the next session");
        goal.statement = tr("Respond to: %1").arg(flag->ruleTitle);
    }
    goal.actions.append(GoalAction{0, tr("Discuss the flag and agree the first steps"), QStringLiteral("learner"),
                                   today.addDays(14), std::nullopt});
    return goal;
}

} // namespace pme::core::goals
