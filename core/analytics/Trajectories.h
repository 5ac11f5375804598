// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/AnalyticsDataset.h"
#include "analytics/GrowthModel.h"

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <span>
#include <vector>

namespace pme::core::analytics {

/// One competency's growth model, or why there is none.
struct CompetencyModel {
    qint32 competency = 0; ///< index into the dataset's competencies
    std::optional<GrowthFit> fit;
    QString problem;       ///< why the model could not be fitted (too few learners...)
};

/// A learner's curve in one competency and what it forecasts.
struct LearnerForecast {
    qint32 learner = 0;
    qint32 competency = 0;
    int observations = 0;
    std::optional<qint32> lastDay; ///< days since start of the newest rating
    GrowthEstimate estimate;
    double yearsNow = 0;
    double levelNow = 0;
    double levelNowSd = 0;
    double cohortNow = 0;
    double cohortSpreadNow = 0;
    std::optional<double> yearsAtCompletion;
    std::optional<double> levelAtCompletion;   ///< unclamped model value
    std::optional<double> levelAtCompletionSd;
    std::optional<double> probabilityTarget;   ///< P(true level at completion ≥ the framework's target)

    /// How far below the cohort's norm the learner is now, in between-learner SDs (negative = below).
    double zNow() const { return cohortSpreadNow > 0 ? (levelNow - cohortNow) / cohortSpreadNow : 0; }
};

/// The empirical-Bayes estimate of one learner's curve under a fitted model, from that
/// learner's sufficient statistics alone: what a single learner's refresh after a sync uses,
/// with the model's variance components and fixed effects held as they were fitted.
GrowthEstimate estimateUnderFit(const GrowthFit &fit, const GrowthGroup &group);

/// Fits every competency's model on a dataset and forecasts every learner in training.
class Trajectories final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::analytics::Trajectories)

public:
    /// Fits all models (in parallel over competencies) and forecasts all learners.
    static Trajectories compute(const AnalyticsDataset &data);
    /// Uses models fitted before (e.g. loaded from the store) and forecasts only `learners`.
    static Trajectories forecastWith(const AnalyticsDataset &data, std::vector<CompetencyModel> models,
                                     std::span<const qint32> learners);

    const std::vector<CompetencyModel> &models() const { return m_models; }
    const CompetencyModel *model(qint32 competency) const;
    /// Sorted by learner, then competency.
    const std::vector<LearnerForecast> &forecasts() const { return m_forecasts; }
    std::span<const LearnerForecast> forecastsFor(qint32 learner) const;

    /// The forecast of one learner at one time in training, from a fitted model.
    static LearnerForecast forecast(const AnalyticsDataset &data, const GrowthFit &fit, qint32 learner,
                                    qint32 competency, const GrowthEstimate &estimate);

private:
    void forecastLearners(const AnalyticsDataset &data, std::span<const qint32> learners);

    std::vector<CompetencyModel> m_models;
    std::vector<LearnerForecast> m_forecasts;
    std::vector<std::size_t> m_learnerOffsets; ///< learner index -> first forecast (size learners + 1)
};

/// Standard normal CDF.
double normalCdf(double x);

} // namespace pme::core::analytics
