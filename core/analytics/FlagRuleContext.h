// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the flag rules share: the evaluation context, number formatting for explanations,
// trends over a window and peer medians. Private to core/analytics/FlagRules*.cpp.

#include "analytics/FlagRuleTables.h"
#include "analytics/FlagRules.h"
#include "analytics/JsonFields.h"
#include "analytics/LocaleNumbers.h"
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

struct Context {
    Context(Database &database, const AnalyticsDataset &dataset, const Trajectories &forecasts, const RuleSet &ruleSet,
            std::span<const qint32> forLearners, FlagEvaluation &evaluation, const QJsonObject *storedNorms)
        : db(database)
        , data(dataset)
        , trajectories(forecasts)
        , rules(ruleSet)
        , learners(forLearners)
        , out(evaluation)
        , norms(storedNorms)
    {
    }

    Database &db;
    const AnalyticsDataset &data;
    const Trajectories &trajectories;
    const RuleSet &rules;
    std::span<const qint32> learners;
    FlagEvaluation &out;
    const QJsonObject *norms;
    /// The explanations' locale (the default one), for the whole evaluation.
    LocaleNumbers locale;

    const LearnerRecord &learner(qint32 l) const { return data.learners()[static_cast<std::size_t>(l)]; }
    const CompetencyRecord &competency(qint32 c) const { return data.competencies()[static_cast<std::size_t>(c)]; }
    qint32 nowDay(qint32 l) const { return static_cast<qint32>(learner(l).start.daysTo(learner(l).cutoff)); }

    QString num(double value, int decimals = 1) const { return locale.fixed(value, decimals); }
    QString integer(qint64 value) const { return locale.integer(value); }
    QString percent(double fraction) const { return locale.percent(fraction); }
    QString dateText(const QDate &date) const { return locale.date(date); }

    RuleScores scores(const QString &rule) { return RuleScores(out, rule, data.learners().size()); }

    // Adds the score, the as-of point and the learner's cutoff to the rule's details.
    void raise(FlagCandidate flag, JsonFields &details)
    {
        if (asOfSpec.isEmpty())
            asOfSpec = data.asOf().spec().toUtf8();
        if (cutoffs.empty())
            cutoffs.resize(data.learners().size());
        QByteArray &cutoff = cutoffs[static_cast<std::size_t>(flag.learner)];
        if (cutoff.isEmpty())
            cutoff = toIsoDate(learner(flag.learner).cutoff).toUtf8();
        details.add("score", flag.score)
            .add("as_of", std::string_view(asOfSpec.constData(), static_cast<std::size_t>(asOfSpec.size())))
            .add("cutoff", std::string_view(cutoff.constData(), static_cast<std::size_t>(cutoff.size())));
        flag.details = details.take();
        out.flags.push_back(std::move(flag));
    }
    QByteArray asOfSpec;
    std::vector<QByteArray> cutoffs;

    /// The learner's rated points in a competency, before the cutoff (sorted by day). The rules
    /// ask in learner order: each competency keeps where its last answer began and steps on from
    /// there, and searches only when asked for an earlier learner.
    std::span<const RatedPoint> points(qint32 l, qint32 c)
    {
        const auto all = data.ratings(c);
        if (pointCursors.empty())
            pointCursors.assign(data.competencies().size(), {-1, 0});
        auto &[lastLearner, at] = pointCursors[static_cast<std::size_t>(c)];
        if (l < lastLearner) {
            const auto first = std::lower_bound(all.begin(), all.end(), l,
                                                [](const RatedPoint &p, qint32 v) { return p.learner < v; });
            at = static_cast<std::size_t>(first - all.begin());
        } else {
            while (at < all.size() && all[at].learner < l)
                ++at;
        }
        lastLearner = l;
        std::size_t end = at;
        while (end < all.size() && all[end].learner == l)
            ++end;
        return all.subspan(at, end - at);
    }
    std::vector<std::pair<qint32, std::size_t>> pointCursors; ///< by competency: last learner asked, where it began
};

// Least-squares slope (per year) of the points in [from, to) days, with their count and span.
struct WindowTrend {
    int n = 0;
    int spanDays = 0;
    double slopePerYear = 0;
    double first = 0;
    double last = 0;
};

// The observations of the points in [from, to) days: the evidence of a flag on the trend.
inline std::vector<qint64> windowIds(std::span<const RatedPoint> points, qint32 from, qint32 to)
{
    std::vector<qint64> ids;
    for (const RatedPoint &p : points) {
        if (p.day >= from && p.day < to)
            ids.push_back(p.observationId);
    }
    return ids;
}

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

// Every in-training learner's value per (program, competency of the program's list), in
// learner order; nothing when stored norms replace the peers.
template<typename ValueOf>
std::unordered_map<PeerKey, std::vector<double>, PeerKeyHash>
peerValues(const Context &ctx, std::unordered_map<qint64, std::vector<qint32>> &programCompetencies, ValueOf valueOf)
{
    std::unordered_map<PeerKey, std::vector<double>, PeerKeyHash> peers;
    if (ctx.norms)
        return peers;
    std::unordered_map<qint64, std::vector<std::vector<double>>> byProgram;
    const auto &learners = ctx.data.learners();
    for (std::size_t l = 0; l < learners.size(); ++l) {
        if (!learners[l].inTraining)
            continue;
        const std::vector<qint32> &list = programCompetencies[learners[l].programId];
        auto &values = byProgram[learners[l].programId];
        values.resize(list.size());
        for (std::size_t i = 0; i < list.size(); ++i)
            values[i].push_back(valueOf(static_cast<qint32>(l), list[i]));
    }
    for (auto &[program, values] : byProgram) {
        const std::vector<qint32> &list = programCompetencies[program];
        for (std::size_t i = 0; i < list.size(); ++i)
            peers[{program, list[i]}] = std::move(values[i]);
    }
    return peers;
}

// A program's peer medians in the order of its competencies (a median not known reads 0).
class ProgramMedians {
public:
    explicit ProgramMedians(std::unordered_map<PeerKey, double, PeerKeyHash> &medians)
        : m_medians(medians)
    {
    }

    const std::vector<double> &of(qint64 program, const std::vector<qint32> &competencies)
    {
        std::vector<double> &list = m_programs[program];
        if (list.size() != competencies.size()) {
            list.clear();
            for (qint32 c : competencies)
                list.push_back(m_medians[{program, c}]);
        }
        return list;
    }

private:
    std::unordered_map<PeerKey, double, PeerKeyHash> &m_medians;
    std::unordered_map<qint64, std::vector<double>> m_programs;
};

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
