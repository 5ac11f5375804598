// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "analytics/AsOf.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonArray>
#include <QString>

#include <optional>
#include <span>
#include <vector>

namespace pme::core {
class Database;
}

namespace pme::core::analytics {

class AnalyticsDataset;
struct RecomputeResult;

/// How well one rule's score predicted one outcome, from one as-of point.
struct RuleValidity {
    QString rule;
    int n = 0;                 ///< learners (or learner-competency pairs) with an outcome
    int adverse = 0;           ///< of which had the adverse outcome
    double baseRate = 0;
    std::optional<double> auc; ///< of the underlying score
    std::optional<double> aucLow, aucHigh; ///< bootstrap 95% interval
    double threshold = 0;      ///< the rule's first (low-severity) threshold
    int flagged = 0;
    std::optional<double> sensitivity, specificity, ppv, npv;
    std::optional<double> brier; ///< for rules whose score is a probability (low_attainment)
    std::optional<double> calibrationError; ///< expected calibration error over the reliability bins
    QJsonArray reliability;      ///< [{bin, predicted, observed, n}]
    std::optional<double> leadTimeDays; ///< median days from the as-of point to the outcome, flagged adverse ones
};

struct ValidityReport {
    QString outcomeKind;
    AsOf asOf;
    int ruleSetVersion = 0;
    qint64 ruleSetId = 0;
    bool perCompetency = false; ///< the outcome is recorded per competency
    std::vector<RuleValidity> rules;
    /// The rule with the highest AUC.
    QString bestRule() const;
};

/// One learner's (or learner-competency pair's) outcome.
struct OutcomeLabel {
    qint32 learner = 0;
    std::optional<qint32> competency;
    bool adverse = false;
    QDate date;
};

/// Strategy 4 of precision medical education: the predictive linkage between each rule and
/// the outcomes that followed, on the program's own data, with the base rate and n.
class Validity final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::analytics::Validity)

public:
    struct Options {
        int bootstrap = 1000;       ///< resamples for the AUC interval (0: none)
        quint64 seed = 20261127;
        bool store = true;          ///< record the figures in rule_validity
        std::optional<int> ruleSetVersion;
    };

    /// Whether an outcome value is the adverse one: failing, withdrawing, not reaching a level,
    /// not completing on time (docs/analytics.md lists the kinds).
    static bool isAdverse(const QString &kind, const QString &valueText, std::optional<double> valueNumber);
    /// The outcomes of a kind for the dataset's learners who were still in training at its
    /// as-of point.
    static Result<std::vector<OutcomeLabel>> outcomes(Database &db, const AnalyticsDataset &data, const QString &kind);

    /// Computes the analytics as of `asOf` (nothing is stored but the figures) and measures
    /// every enabled rule against the outcome.
    static Result<ValidityReport> evaluate(Database &db, const QString &outcomeKind, const AsOf &asOf,
                                           const Options &options);
    /// The same on a computation already made.
    static Result<ValidityReport> evaluate(Database &db, const RecomputeResult &computed, const QString &outcomeKind,
                                           const Options &options);

    /// Area under the ROC curve of `scores` for `labels` (ties count half), with optional weights.
    static std::optional<double> auc(std::span<const double> scores, std::span<const char> labels,
                                     std::span<const double> weights = {});

    /// The most recent stored figures of a rule under a rule-set version: what a flag shows.
    struct Stored {
        QString outcomeKind;
        QString asOfSpec;
        int n = 0;
        std::optional<double> ppv, auc, sensitivity;
        QString computedAt;
    };
    static Result<std::optional<Stored>> latestFor(Database &db, qint64 ruleSetId, const QString &rule);
};

} // namespace pme::core::analytics
