// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the flag rules share: the evaluation context, number formatting for explanations,
// trends over a window and peer medians. Private to core/analytics/FlagRules*.cpp.

#include "analytics/FlagRules.h"
#include "domain/Dates.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <QJsonArray>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace pme::core::analytics::flagrules {

inline QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("pme::core::analytics::FlagRules", text, disambiguation, n);
}

inline QString num(double value, int decimals = 1)
{
    return QLocale().toString(value, 'f', decimals);
}

inline QString percent(double fraction)
{
    return QLocale().toString(std::lround(100 * fraction)) + QLocale().percent();
}

inline QString dateText(const QDate &date)
{
    return QLocale().toString(date, QLocale::ShortFormat);
}

struct Context {
    Database &db;
    const AnalyticsDataset &data;
    const Trajectories &trajectories;
    const RuleSet &rules;
    std::span<const qint32> learners;
    FlagEvaluation &out;
    const QJsonObject *norms = nullptr;

    const LearnerRecord &learner(qint32 l) const { return data.learners()[static_cast<std::size_t>(l)]; }
    const CompetencyRecord &competency(qint32 c) const { return data.competencies()[static_cast<std::size_t>(c)]; }
    qint32 nowDay(qint32 l) const { return static_cast<qint32>(learner(l).start.daysTo(learner(l).cutoff)); }

    // Per-competency scores; the learner's score is the highest, except for the attainment
    // probability, where it is the mean: the expected share of competencies short of target.
    void score(const QString &rule, qint32 l, qint32 c, double value)
    {
        out.competencyScores[rule][{l, c}] = value;
        if (rule != QLatin1String("low_attainment")) {
            score(rule, l, value);
            return;
        }
        auto &sums = meanSums[rule];
        if (sums.empty())
            sums.resize(data.learners().size());
        auto &[sum, n] = sums[static_cast<std::size_t>(l)];
        sum += value;
        ++n;
        auto &scores = out.scores[rule];
        if (scores.empty())
            scores.resize(data.learners().size());
        scores[static_cast<std::size_t>(l)] = sum / n;
    }
    std::map<QString, std::vector<std::pair<double, int>>> meanSums;

    void score(const QString &rule, qint32 l, double value)
    {
        auto &scores = out.scores[rule];
        if (scores.empty())
            scores.resize(data.learners().size());
        auto &slot = scores[static_cast<std::size_t>(l)];
        slot = slot ? std::max(*slot, value) : value;
    }

    void raise(FlagCandidate flag)
    {
        flag.details.insert(QStringLiteral("score"), flag.score);
        flag.details.insert(QStringLiteral("as_of"), data.asOf().spec());
        flag.details.insert(QStringLiteral("cutoff"), toIsoDate(learner(flag.learner).cutoff));
        out.flags.push_back(std::move(flag));
    }

    /// The learner's rated points in a competency, before the cutoff (sorted by day).
    std::span<const RatedPoint> points(qint32 l, qint32 c) const
    {
        const auto all = data.ratings(c);
        const auto lo = std::lower_bound(all.begin(), all.end(), l,
                                         [](const RatedPoint &p, qint32 v) { return p.learner < v; });
        const auto hi = std::upper_bound(lo, all.end(), l, [](qint32 v, const RatedPoint &p) { return v < p.learner; });
        return all.subspan(static_cast<std::size_t>(lo - all.begin()), static_cast<std::size_t>(hi - lo));
    }
};

// Least-squares slope (per year) of the points in [from, to) days, with their count and span.
struct WindowTrend {
    int n = 0;
    int spanDays = 0;
    double slopePerYear = 0;
    double first = 0;
    double last = 0;
    std::vector<qint64> ids;
};

inline WindowTrend trend(std::span<const RatedPoint> points, qint32 from, qint32 to)
{
    WindowTrend w;
    double st = 0, sy = 0, stt = 0, sty = 0;
    int firstDay = 0, lastDay = 0;
    for (const RatedPoint &p : points) {
        if (p.day < from || p.day >= to)
            continue;
        if (w.n == 0)
            firstDay = p.day;
        lastDay = p.day;
        const double t = p.years();
        st += t;
        sy += p.rating;
        stt += t * t;
        sty += t * p.rating;
        ++w.n;
        w.ids.push_back(p.observationId);
    }
    w.spanDays = lastDay - firstDay;
    const double denominator = w.n * stt - st * st;
    if (w.n >= 2 && denominator > 0) {
        w.slopePerYear = (w.n * sty - st * sy) / denominator;
        const double intercept = (sy - w.slopePerYear * st) / w.n;
        w.first = intercept + w.slopePerYear * firstDay / 365.25;
        w.last = intercept + w.slopePerYear * lastDay / 365.25;
    }
    return w;
}

inline double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    const auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), mid, values.end());
    if (values.size() % 2 == 1)
        return *mid;
    const double upper = *mid;
    const double lower = *std::max_element(values.begin(), mid);
    return (lower + upper) / 2;
}

// Per (program, competency): the median over the program's learners in training of a
// per-learner value. Learners without evidence in a competency count as zero.
using PeerKey = std::pair<qint64, qint32>;
struct PeerKeyHash {
    std::size_t operator()(const PeerKey &k) const { return std::hash<qint64>()(k.first * 1000003 + k.second); }
};

inline QString normKey(qint64 programId, qint64 competencyId)
{
    return QString::number(programId) + QLatin1Char(':') + QString::number(competencyId);
}

// The peer medians of one rule: from the stored norms when given, else from `peers`
// (recorded into the evaluation's norms). Also fills each program's competencies.
inline std::unordered_map<PeerKey, double, PeerKeyHash>
peerMedians(Context &ctx, const QString &rule, std::unordered_map<PeerKey, std::vector<double>, PeerKeyHash> &peers,
            std::unordered_map<qint64, std::vector<qint32>> &programCompetencies)
{
    std::unordered_map<PeerKey, double, PeerKeyHash> medians;
    if (ctx.norms) {
        const QJsonObject stored = ctx.norms->value(rule).toObject();
        for (auto it = stored.begin(); it != stored.end(); ++it) {
            const QStringList parts = it.key().split(QLatin1Char(':'));
            if (parts.size() != 2)
                continue;
            const auto c = ctx.data.competencyIndex(parts.at(1).toLongLong());
            if (!c)
                continue;
            const qint64 program = parts.at(0).toLongLong();
            medians[{program, *c}] = it->toDouble();
            auto &list = programCompetencies[program];
            if (std::find(list.begin(), list.end(), *c) == list.end())
                list.push_back(*c);
        }
        return medians;
    }
    QJsonObject recorded;
    for (auto &[key, values] : peers) {
        const double m = median(values);
        medians[key] = m;
        recorded.insert(normKey(key.first, ctx.competency(key.second).id), m);
    }
    ctx.out.norms.insert(rule, recorded);
    return medians;
}

// The rules, each filling ctx.out with its scores and flags.
void belowExpectedAndAttainment(Context &ctx);
void decliningAndStalled(Context &ctx);
void sparseEvidence(Context &ctx);
void evidenceAdjustedLevel(Context &ctx);
void lowExam(Context &ctx);
Result<void> narrativeConcern(Context &ctx);
Result<void> goalsOverdue(Context &ctx);
Result<void> evidenceOnSchedule(Context &ctx);

} // namespace pme::core::analytics::flagrules
