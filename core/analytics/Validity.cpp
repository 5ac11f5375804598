// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/Validity.h"

#include "analytics/AnalyticsEngine.h"
#include "domain/Dates.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace pme::core::analytics {

namespace {

std::optional<double> ratio(double a, double b)
{
    return b > 0 ? std::optional<double>(a / b) : std::nullopt;
}

double medianOf(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

} // namespace

QString ValidityReport::bestRule() const
{
    QString best;
    double bestAuc = -1;
    for (const RuleValidity &r : rules) {
        if (r.auc && *r.auc > bestAuc) {
            bestAuc = *r.auc;
            best = r.rule;
        }
    }
    return best;
}

bool Validity::isAdverse(const QString &kind, const QString &valueText, std::optional<double> valueNumber)
{
    const QString text = valueText.trimmed().toLower();
    // Outcomes recorded as an achievement: 1 / yes is the good result.
    static const QStringList achievements{QStringLiteral("level4_at_completion"), QStringLiteral("completed_on_time"),
                                          QStringLiteral("reached_target"), QStringLiteral("passed")};
    if (achievements.contains(kind)) {
        if (valueNumber)
            return *valueNumber <= 0;
        return text == QLatin1String("0") || text == QLatin1String("no") || text == QLatin1String("false");
    }
    static const QStringList adverseWords{QStringLiteral("fail"),      QStringLiteral("failed"),
                                          QStringLiteral("withdrawn"), QStringLiteral("withdrew"),
                                          QStringLiteral("dismissed"), QStringLiteral("yes"),
                                          QStringLiteral("true"),      QStringLiteral("1")};
    if (adverseWords.contains(text))
        return true;
    if (!text.isEmpty() && !valueNumber)
        return false;
    return valueNumber && *valueNumber > 0;
}

Result<std::vector<OutcomeLabel>> Validity::outcomes(Database &db, const AnalyticsDataset &data, const QString &kind)
{
    std::vector<OutcomeLabel> labels;
    Statement select(db, "SELECT learner_id, competency_id, value_text, value_number, observed_on FROM outcomes "
                         "WHERE kind = ? ORDER BY learner_id, competency_id, id");
    select.bind(1, kind);
    auto r = select.forEachRow([&](Statement &s) {
        const auto l = data.learnerIndex(s.columnInt64(0));
        if (!l || !data.learners()[static_cast<std::size_t>(*l)].inTraining)
            return;
        OutcomeLabel label;
        label.learner = *l;
        if (!s.isNull(1)) {
            const auto c = data.competencyIndex(s.columnInt64(1));
            if (!c)
                return;
            label.competency = *c;
        }
        label.adverse = isAdverse(kind, s.columnText(2), s.columnOptionalDouble(3));
        label.date = parseIsoDate(s.columnText(4)).value_or(QDate());
        // One label per unit: the last recorded wins.
        if (!labels.empty() && labels.back().learner == label.learner && labels.back().competency == label.competency)
            labels.back() = label;
        else
            labels.push_back(label);
    });
    if (!r)
        return r.error();
    return labels;
}

std::optional<double> Validity::auc(std::span<const double> scores, std::span<const char> labels,
                                    std::span<const double> weights)
{
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
    double negBelow = 0, pos = 0, neg = 0, sum = 0;
    std::size_t i = 0;
    while (i < order.size()) {
        std::size_t j = i;
        double tiePos = 0, tieNeg = 0;
        while (j < order.size() && scores[order[j]] == scores[order[i]]) {
            const double w = weights.empty() ? 1.0 : weights[order[j]];
            (labels[order[j]] ? tiePos : tieNeg) += w;
            ++j;
        }
        sum += tiePos * (negBelow + 0.5 * tieNeg);
        negBelow += tieNeg;
        pos += tiePos;
        neg += tieNeg;
        i = j;
    }
    if (pos <= 0 || neg <= 0)
        return std::nullopt;
    return sum / (pos * neg);
}

Result<ValidityReport> Validity::evaluate(Database &db, const QString &outcomeKind, const AsOf &asOf,
                                          const Options &options)
{
    RecomputeRequest request;
    request.asOf = asOf;
    request.persist = false;
    request.ruleSetVersion = options.ruleSetVersion;
    auto computed = AnalyticsEngine::recompute(db, request);
    if (!computed)
        return computed.error();
    return evaluate(db, *computed, outcomeKind, options);
}

Result<ValidityReport> Validity::evaluate(Database &db, const RecomputeResult &computed, const QString &outcomeKind,
                                          const Options &options)
{
    const AnalyticsDataset &data = computed.data;
    auto labels = outcomes(db, data, outcomeKind);
    if (!labels)
        return labels.error();
    if (labels->empty())
        return makeError(ErrorKind::NotFound, tr("No learner in training %1 has a recorded outcome \"%2\".")
                                                  .arg(data.asOf().describe(), outcomeKind));
    ValidityReport report;
    report.outcomeKind = outcomeKind;
    report.asOf = data.asOf();
    report.ruleSetVersion = computed.rules.version();
    report.ruleSetId = computed.rules.id();
    report.perCompetency = std::any_of(labels->begin(), labels->end(), [](const OutcomeLabel &l) { return l.competency; });

    std::vector<char> y(labels->size());
    for (std::size_t i = 0; i < labels->size(); ++i)
        y[i] = (*labels)[i].adverse ? 1 : 0;
    std::mt19937_64 rng(options.seed);

    for (const QString &code : RuleSet::ruleCodes()) {
        const RuleSettings &settings = computed.rules.rule(code);
        if (!settings.enabled)
            continue;
        const auto learnerScores = computed.evaluation.scores.find(code);
        const auto pairScores = computed.evaluation.competencyScores.find(code);
        RuleValidity v;
        v.rule = code;
        v.threshold = settings.thresholds[0];
        // A unit the rule had nothing to score ranks below every scored one and is not flagged.
        std::vector<double> scores(labels->size(), -std::numeric_limits<double>::infinity());
        std::vector<char> hasScore(labels->size(), 0);
        for (std::size_t i = 0; i < labels->size(); ++i) {
            const OutcomeLabel &label = (*labels)[i];
            if (label.competency && pairScores != computed.evaluation.competencyScores.end()) {
                if (const auto score = pairScores->second.find(label.learner, *label.competency)) {
                    scores[i] = *score;
                    hasScore[i] = 1;
                }
                continue;
            }
            if (learnerScores != computed.evaluation.scores.end()) {
                const auto &s = learnerScores->second[static_cast<std::size_t>(label.learner)];
                if (s) {
                    scores[i] = *s;
                    hasScore[i] = 1;
                }
            }
        }
        v.n = static_cast<int>(labels->size());
        v.adverse = static_cast<int>(std::count(y.begin(), y.end(), 1));
        v.baseRate = v.n ? static_cast<double>(v.adverse) / v.n : 0;
        // -inf cannot be ranked with ties by value arithmetic; replace it by a value below all.
        double lowest = 0;
        for (std::size_t i = 0; i < scores.size(); ++i) {
            if (hasScore[i])
                lowest = std::min(lowest, scores[i]);
        }
        for (std::size_t i = 0; i < scores.size(); ++i) {
            if (!hasScore[i])
                scores[i] = lowest - 1;
        }
        // A rule that scored no unit (say, a program without an expected-evidence schedule) has
        // no AUC: ranking ties alone would give 0.5.
        if (std::any_of(hasScore.begin(), hasScore.end(), [](char h) { return h != 0; }))
            v.auc = auc(scores, y);
        if (v.auc && options.bootstrap > 0) {
            std::vector<double> weights(scores.size());
            std::vector<double> aucs;
            aucs.reserve(static_cast<std::size_t>(options.bootstrap));
            std::uniform_int_distribution<std::size_t> pick(0, scores.size() - 1);
            for (int b = 0; b < options.bootstrap; ++b) {
                std::fill(weights.begin(), weights.end(), 0.0);
                for (std::size_t k = 0; k < scores.size(); ++k)
                    weights[pick(rng)] += 1;
                if (const auto a = auc(scores, y, weights))
                    aucs.push_back(*a);
            }
            if (aucs.size() >= 20) {
                std::sort(aucs.begin(), aucs.end());
                v.aucLow = aucs[static_cast<std::size_t>(0.025 * static_cast<double>(aucs.size() - 1))];
                v.aucHigh = aucs[static_cast<std::size_t>(0.975 * static_cast<double>(aucs.size() - 1))];
            }
        }
        double tp = 0, fp = 0, tn = 0, fn = 0;
        std::vector<double> leads;
        for (std::size_t i = 0; i < scores.size(); ++i) {
            const bool flagged = hasScore[i] && scores[i] >= v.threshold;
            if (flagged && y[i]) {
                ++tp;
                const OutcomeLabel &label = (*labels)[i];
                if (label.date.isValid())
                    leads.push_back(static_cast<double>(
                        data.learners()[static_cast<std::size_t>(label.learner)].cutoff.daysTo(label.date)));
            } else if (flagged) {
                ++fp;
            } else if (y[i]) {
                ++fn;
            } else {
                ++tn;
            }
        }
        v.flagged = static_cast<int>(tp + fp);
        v.sensitivity = ratio(tp, tp + fn);
        v.specificity = ratio(tn, tn + fp);
        v.ppv = ratio(tp, tp + fp);
        v.npv = ratio(tn, tn + fn);
        if (!leads.empty())
            v.leadTimeDays = medianOf(leads);
        if (code == QLatin1String("low_attainment")) {
            // The score is 1 - P(reaching the target): a probability of the adverse outcome.
            double brier = 0;
            int scored = 0;
            constexpr int bins = 10;
            double predicted[bins] = {}, observed[bins] = {};
            int counts[bins] = {};
            for (std::size_t i = 0; i < scores.size(); ++i) {
                if (!hasScore[i])
                    continue;
                const double p = std::clamp(scores[i], 0.0, 1.0);
                brier += (p - y[i]) * (p - y[i]);
                ++scored;
                const int bin = std::min(bins - 1, static_cast<int>(p * bins));
                predicted[bin] += p;
                observed[bin] += y[i];
                ++counts[bin];
            }
            if (scored > 0) {
                v.brier = brier / scored;
                double ece = 0;
                for (int b = 0; b < bins; ++b) {
                    if (!counts[b])
                        continue;
                    const double mp = predicted[b] / counts[b], mo = observed[b] / counts[b];
                    ece += counts[b] * std::abs(mp - mo);
                    v.reliability.append(QJsonObject{{QStringLiteral("bin"), b},
                                                     {QStringLiteral("predicted"), mp},
                                                     {QStringLiteral("observed"), mo},
                                                     {QStringLiteral("n"), counts[b]}});
                }
                v.calibrationError = ece / scored;
            }
        }
        report.rules.push_back(std::move(v));
    }

    if (!options.store)
        return report;
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    Statement insert(db, "INSERT INTO rule_validity (rule_set_id, rule_code, outcome_kind, as_of_spec, n, base_rate, "
                         "auc, auc_low, auc_high, sensitivity, specificity, ppv, npv, brier, lead_time_days, details, "
                         "computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const QString now = nowUtcIso();
    for (const RuleValidity &v : report.rules) {
        insert.bind(1, report.ruleSetId);
        insert.bind(2, v.rule);
        insert.bind(3, outcomeKind);
        insert.bind(4, report.asOf.spec());
        insert.bind(5, v.n);
        insert.bind(6, v.baseRate);
        insert.bind(7, v.auc);
        insert.bind(8, v.aucLow);
        insert.bind(9, v.aucHigh);
        insert.bind(10, v.sensitivity);
        insert.bind(11, v.specificity);
        insert.bind(12, v.ppv);
        insert.bind(13, v.npv);
        insert.bind(14, v.brier);
        insert.bind(15, v.leadTimeDays);
        const QJsonObject details{{QStringLiteral("threshold"), v.threshold},
                                  {QStringLiteral("flagged"), v.flagged},
                                  {QStringLiteral("adverse"), v.adverse},
                                  {QStringLiteral("per_competency"), report.perCompetency},
                                  {QStringLiteral("calibration_error"),
                                   v.calibrationError ? QJsonValue(*v.calibrationError) : QJsonValue()},
                                  {QStringLiteral("reliability"), v.reliability}};
        insert.bind(16, QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)));
        insert.bind(17, now);
        if (auto r = insert.exec(); !r)
            return r.error();
    }
    if (auto r = tx.commit(); !r)
        return r.error();
    return report;
}

Result<std::optional<Validity::Stored>> Validity::latestFor(Database &db, qint64 ruleSetId, const QString &rule)
{
    Statement select(db, "SELECT outcome_kind, as_of_spec, n, ppv, auc, sensitivity, computed_at FROM rule_validity "
                         "WHERE rule_set_id = ? AND rule_code = ? ORDER BY id DESC LIMIT 1");
    select.bind(1, ruleSetId);
    select.bind(2, rule);
    std::optional<Stored> stored;
    auto r = select.forEachRow([&](Statement &s) {
        stored = Stored{s.columnText(0),
                        s.columnText(1),
                        static_cast<int>(s.columnInt64(2)),
                        s.columnOptionalDouble(3),
                        s.columnOptionalDouble(4),
                        s.columnOptionalDouble(5),
                        s.columnText(6)};
    });
    if (!r)
        return r.error();
    return stored;
}

} // namespace pme::core::analytics
