// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The rules on the growth models' results (below the expected trajectory, unlikely to reach
// the target, declining, stalled), the exam and goal rules, and the evaluation of them all.
#include "analytics/FlagRuleContext.h"

namespace pme::core::analytics {

namespace flagrules {

void belowExpectedAndAttainment(Context &ctx)
{
    const QString belowCode = QStringLiteral("below_expected");
    const QString attainCode = QStringLiteral("low_attainment");
    const RuleSettings &below = ctx.rules.rule(belowCode);
    const RuleSettings &attain = ctx.rules.rule(attainCode);
    const double belowMinObservations = below.parameter(QStringLiteral("min_observations"), 3);
    const double attainMinObservations = attain.parameter(QStringLiteral("min_observations"), 3);
    RuleScores belowScores = ctx.scores(belowCode);
    RuleScores attainScores = ctx.scores(attainCode);
    // Translated once: tens of thousands of flags use them.
    const QString belowText
        = tr("In %1, the estimated level now is %2 (95% range %3 to %4), where the cohort is at %5 after the same %6 "
             "years of training. That is %7 standard deviations below the cohort: about %8 of learners are this low "
             "or lower.");
    const QString attainText = tr("In %1, the current trajectory reaches %2 (95% range %3 to %4) by the expected "
                                  "completion on %5. The probability of reaching the target level %6 by then is %7.");
    JsonFields details;
    for (qint32 l : ctx.learners) {
        const LearnerRecord &learner = ctx.learner(l);
        if (!learner.inTraining)
            continue;
        for (const LearnerForecast &f : ctx.trajectories.forecastsFor(l)) {
            const CompetencyRecord &c = ctx.competency(f.competency);
            if (below.enabled && f.observations >= belowMinObservations && f.cohortSpreadNow > 0) {
                const double score = -f.zNow();
                belowScores.add(l, f.competency, score);
                if (const int severity = below.severityFor(score)) {
                    FlagCandidate flag{belowCode, l, f.competency, severity, score, {}, {}, {}};
                    const double share = normalCdf(f.zNow());
                    flag.explanation
                        = belowText.arg(c.name, ctx.num(f.levelNow), ctx.num(f.levelNow - 1.96 * f.levelNowSd),
                                        ctx.num(f.levelNow + 1.96 * f.levelNowSd), ctx.num(f.cohortNow),
                                        ctx.num(f.yearsNow), ctx.num(score), ctx.percent(share));
                    details.add("level_now", f.levelNow)
                        .add("level_now_sd", f.levelNowSd)
                        .add("cohort_now", f.cohortNow)
                        .add("cohort_spread_now", f.cohortSpreadNow)
                        .add("years_now", f.yearsNow)
                        .add("observations", f.observations);
                    ctx.raise(std::move(flag), details);
                }
            }
            if (attain.enabled && f.probabilityTarget && c.target && f.observations >= attainMinObservations) {
                const double score = 1.0 - *f.probabilityTarget;
                attainScores.add(l, f.competency, score);
                if (const int severity = attain.severityFor(score)) {
                    FlagCandidate flag{attainCode, l, f.competency, severity, score, {}, {}, {}};
                    const double level = *f.levelAtCompletion;
                    const double sd = *f.levelAtCompletionSd;
                    flag.explanation = attainText.arg(c.name, ctx.num(std::clamp(level, c.scaleMin, c.scaleMax)),
                                                      ctx.num(std::clamp(level - 1.96 * sd, c.scaleMin, c.scaleMax)),
                                                      ctx.num(std::clamp(level + 1.96 * sd, c.scaleMin, c.scaleMax)),
                                                      ctx.dateText(learner.expectedCompletion), ctx.num(*c.target),
                                                      ctx.percent(*f.probabilityTarget));
                    details.add("level_at_completion", level)
                        .add("level_at_completion_sd", sd)
                        .add("probability_target", *f.probabilityTarget)
                        .add("target", *c.target)
                        .add("observations", f.observations);
                    ctx.raise(std::move(flag), details);
                }
            }
        }
    }
}

void decliningAndStalled(Context &ctx)
{
    const QString decliningCode = QStringLiteral("declining");
    const QString stalledCode = QStringLiteral("stalled");
    const RuleSettings &declining = ctx.rules.rule(decliningCode);
    const RuleSettings &stalled = ctx.rules.rule(stalledCode);
    const int decliningWindow = static_cast<int>(declining.parameter(QStringLiteral("window_days"), 180));
    const double decliningMinObservations = declining.parameter(QStringLiteral("min_observations"), 4);
    const double decliningMinSpan = declining.parameter(QStringLiteral("min_span_days"), 60);
    const int stalledWindow = static_cast<int>(stalled.parameter(QStringLiteral("window_days"), 270));
    const double stalledMinObservations = stalled.parameter(QStringLiteral("min_observations"), 4);
    const double stalledMinSpan = stalled.parameter(QStringLiteral("min_span_days"), 120);
    RuleScores decliningScores = ctx.scores(decliningCode);
    RuleScores stalledScores = ctx.scores(stalledCode);
    JsonFields details;
    for (qint32 l : ctx.learners) {
        if (!ctx.learner(l).inTraining)
            continue;
        const qint32 now = ctx.nowDay(l);
        for (const LearnerForecast &f : ctx.trajectories.forecastsFor(l)) {
            const CompetencyRecord &c = ctx.competency(f.competency);
            const double range = c.scaleMax - c.scaleMin;
            bool declined = false;
            if (declining.enabled) {
                const int window = decliningWindow;
                const auto points = ctx.points(l, f.competency);
                const WindowTrend w = trend(points, now - window, now);
                if (w.n >= decliningMinObservations && w.spanDays >= decliningMinSpan && range > 0) {
                    const double score = -w.slopePerYear / range;
                    decliningScores.add(l, f.competency, score);
                    if (const int severity = declining.severityFor(score)) {
                        declined = true;
                        FlagCandidate flag{decliningCode, l, f.competency, severity, score, {}, {},
                                           windowIds(points, now - window, now)};
                        flag.explanation = tr("In %1, ratings fell by %2 levels a year over the last %3 days: %4 ratings, "
                                              "with the trend going from about %5 to %6.")
                                               .arg(c.name, ctx.num(-w.slopePerYear), ctx.integer(window),
                                                    ctx.integer(w.n), ctx.num(w.first), ctx.num(w.last));
                        details.add("slope_per_year", w.slopePerYear)
                            .add("window_days", window)
                            .add("observations", w.n);
                        ctx.raise(std::move(flag), details);
                    }
                }
            }
            const CompetencyModel *model = ctx.trajectories.model(f.competency);
            if (!stalled.enabled || declined || !model || !model->fit)
                continue;
            const double cohortSlope = model->fit->fixedEffects(1);
            if (cohortSlope <= 0 || (c.target && f.levelNow >= *c.target))
                continue;
            const int window = stalledWindow;
            const auto points = ctx.points(l, f.competency);
            const WindowTrend w = trend(points, now - window, now);
            if (w.n < stalledMinObservations || w.spanDays < stalledMinSpan)
                continue;
            const double score = 1.0 - w.slopePerYear / cohortSlope;
            stalledScores.add(l, f.competency, score);
            if (const int severity = stalled.severityFor(score)) {
                FlagCandidate flag{stalledCode, l, f.competency, severity, score, {}, {}, windowIds(points, now - window, now)};
                flag.explanation = tr("In %1, ratings over the last %2 days moved %3 levels a year, where the cohort "
                                      "gains %4 a year: %5 of the usual pace, with the level (%6) still short of %7.")
                                       .arg(c.name, ctx.integer(window), ctx.num(w.slopePerYear, 2),
                                            ctx.num(cohortSlope, 2),
                                            ctx.percent(std::max(0.0, w.slopePerYear / cohortSlope)),
                                            ctx.num(f.levelNow), c.target ? ctx.num(*c.target) : ctx.num(c.scaleMax));
                details.add("slope_per_year", w.slopePerYear)
                    .add("cohort_slope_per_year", cohortSlope)
                    .add("window_days", window)
                    .add("observations", w.n);
                ctx.raise(std::move(flag), details);
            }
        }
    }
}

void lowExam(Context &ctx)
{
    const RuleSettings &rule = ctx.rules.rule(QStringLiteral("low_exam"));
    if (!rule.enabled)
        return;
    const int window = static_cast<int>(rule.parameter(QStringLiteral("window_days"), 730));
    // Where an export gave no percentile, rank the score among the same instrument's results.
    std::unordered_map<QString, std::vector<double>> byInstrument;
    for (const ExamPoint &e : ctx.data.exams()) {
        if (e.score && !e.percentile)
            byInstrument[e.instrument].push_back(*e.score);
    }
    for (auto &[name, scores] : byInstrument)
        std::sort(scores.begin(), scores.end());
    const auto percentileOf = [&](const ExamPoint &e) -> std::optional<double> {
        if (e.percentile)
            return e.percentile;
        if (!e.score)
            return std::nullopt;
        const auto &scores = byInstrument[e.instrument];
        if (scores.size() < 10)
            return std::nullopt;
        const auto below = std::lower_bound(scores.begin(), scores.end(), *e.score) - scores.begin();
        const auto equal = std::upper_bound(scores.begin(), scores.end(), *e.score) - scores.begin() - below;
        return 100.0 * (static_cast<double>(below) + 0.5 * static_cast<double>(equal)) / static_cast<double>(scores.size());
    };
    const auto &exams = ctx.data.exams();
    RuleScores scores = ctx.scores(QStringLiteral("low_exam"));
    JsonFields details;
    for (qint32 l : ctx.learners) {
        if (!ctx.learner(l).inTraining)
            continue;
        const qint32 now = ctx.nowDay(l);
        const auto lo = std::lower_bound(exams.begin(), exams.end(), l,
                                         [](const ExamPoint &e, qint32 v) { return e.learner < v; });
        double sum = 0;
        int n = 0;
        const ExamPoint *latest = nullptr;
        std::optional<double> latestPercentile;
        std::vector<qint64> ids;
        for (auto it = lo; it != exams.end() && it->learner == l; ++it) {
            if (it->day < now - window)
                continue;
            const auto p = percentileOf(*it);
            if (!p)
                continue;
            sum += *p;
            ++n;
            latest = &*it;
            latestPercentile = p;
            ids.push_back(it->observationId);
        }
        if (n == 0)
            continue;
        const double mean = sum / n;
        const double score = 100.0 - mean;
        scores.add(l, score);
        if (const int severity = rule.severityFor(score)) {
            FlagCandidate flag{QStringLiteral("low_exam"), l, std::nullopt, severity, score, {}, {}, ids};
            const QDate latestDate = ctx.learner(l).start.addDays(latest->day);
            flag.explanation = tr("Exam results over the last %1 days average the %2th percentile (%3 exams). The most "
                                  "recent, %4 on %5, was at the %6th percentile.")
                                   .arg(ctx.integer(window), ctx.integer(std::lround(mean)), ctx.integer(n),
                                        latest->instrument, ctx.dateText(latestDate),
                                        ctx.integer(std::lround(*latestPercentile)));
            details.add("mean_percentile", mean).add("exams", n).add("window_days", window);
            ctx.raise(std::move(flag), details);
        }
    }
}

Result<void> goalsOverdue(Context &ctx)
{
    const RuleSettings &rule = ctx.rules.rule(QStringLiteral("goals_overdue"));
    if (!rule.enabled)
        return {};
    std::vector<char> wanted(ctx.data.learners().size(), 0);
    for (qint32 l : ctx.learners)
        wanted[static_cast<std::size_t>(l)] = ctx.learner(l).inTraining ? 1 : 0;
    struct Overdue {
        int goals = 0;
        qint64 worstDays = 0;
    };
    std::unordered_map<qint32, Overdue> overdue;
    // Goal text can be private to a coaching pair: the explanation gives counts and days only.
    Statement select(ctx.db, "SELECT p.learner_id, g.target_date FROM goals g JOIN goal_plans p ON p.id = g.plan_id "
                             "WHERE p.status = 'agreed' AND g.status = 'open' AND g.target_date IS NOT NULL");
    auto r = select.forEachRow([&](Statement &s) {
        const auto l = ctx.data.learnerIndex(s.columnInt64(0));
        const auto due = parseIsoDate(s.columnUtf8(1));
        if (!l || !due || !wanted[static_cast<std::size_t>(*l)])
            return;
        // Goals keep to the calendar, not to the evidence: for the latest state a goal is
        // overdue from the day after its target date even when no export has arrived since.
        QDate reference = ctx.learner(*l).cutoff.addDays(-1);
        if (ctx.data.asOf().kind() == AsOf::Kind::Latest)
            reference = std::max(reference, QDate::currentDate());
        const qint64 days = due->daysTo(reference);
        if (days <= 0)
            return;
        Overdue &o = overdue[*l];
        ++o.goals;
        o.worstDays = std::max(o.worstDays, days);
    });
    if (!r)
        return r.error();
    RuleScores scores = ctx.scores(QStringLiteral("goals_overdue"));
    JsonFields details;
    for (const auto &[l, o] : overdue) {
        const double score = static_cast<double>(o.worstDays);
        scores.add(l, score);
        if (const int severity = rule.severityFor(score)) {
            FlagCandidate flag{QStringLiteral("goals_overdue"), l, std::nullopt, severity, score, {}, {}, {}};
            flag.explanation = tr("%n open goal(s) of the agreed plan are past their target date; the most overdue "
                                  "by %1 days.", nullptr, o.goals)
                                   .arg(ctx.integer(o.worstDays));
            details.add("goals", o.goals).add("most_overdue_days", static_cast<double>(o.worstDays));
            ctx.raise(std::move(flag), details);
        }
    }
    return {};
}

} // namespace flagrules

void CompetencyScores::finish()
{
    // Stable: of entries for the same pair, the last added stays last and is kept.
    std::stable_sort(m_entries.begin(), m_entries.end(), [](const Entry &a, const Entry &b) {
        return a.learner != b.learner ? a.learner < b.learner : a.competency < b.competency;
    });
    const auto last = std::unique(m_entries.rbegin(), m_entries.rend(), [](const Entry &a, const Entry &b) {
        return a.learner == b.learner && a.competency == b.competency;
    });
    m_entries.erase(m_entries.begin(), last.base());
}

std::optional<double> CompetencyScores::find(qint32 learner, qint32 competency) const
{
    const auto it = std::lower_bound(m_entries.begin(), m_entries.end(), std::pair{learner, competency},
                                     [](const Entry &e, const std::pair<qint32, qint32> &key) {
                                         return e.learner != key.first ? e.learner < key.first
                                                                       : e.competency < key.second;
                                     });
    if (it == m_entries.end() || it->learner != learner || it->competency != competency)
        return std::nullopt;
    return it->score;
}

Result<FlagEvaluation> FlagRules::evaluate(Database &db, const AnalyticsDataset &data, const Trajectories &trajectories,
                                           const RuleSet &rules, std::span<const qint32> learners,
                                           const QJsonObject *norms)
{
    FlagEvaluation out;
    flagrules::Context ctx(db, data, trajectories, rules, learners, out, norms);
    flagrules::belowExpectedAndAttainment(ctx);
    flagrules::decliningAndStalled(ctx);
    flagrules::sparseEvidence(ctx);
    flagrules::lowExam(ctx);
    if (auto r = flagrules::narrativeConcern(ctx); !r)
        return r.error();
    if (auto r = flagrules::goalsOverdue(ctx); !r)
        return r.error();
    flagrules::evidenceAdjustedLevel(ctx);
    if (auto r = flagrules::evidenceOnSchedule(ctx); !r)
        return r.error();
    for (auto &[rule, pairs] : out.competencyScores)
        pairs.finish();
    return out;
}

} // namespace pme::core::analytics