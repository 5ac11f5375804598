// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <Eigen/Core>
#include <QCoreApplication>
#include <QtGlobal>

#include <span>
#include <vector>

namespace pme::core::analytics {

/// One learner's data for one competency, reduced to what the growth model needs: the
/// sufficient statistics of rating ~ 1 + t (t = years in training) over that learner's rows.
struct GrowthGroup {
    qint64 learnerId = 0;
    double n = 0;   ///< observations
    double st = 0;  ///< Σ t
    double stt = 0; ///< Σ t²
    double sy = 0;  ///< Σ y
    double sty = 0; ///< Σ t·y
    double syy = 0; ///< Σ y²

    void add(double t, double y)
    {
        n += 1;
        st += t;
        stt += t * t;
        sy += y;
        sty += t * y;
        syy += y * y;
    }
};

/// One learner's empirical-Bayes estimate: the conditional mode of the random effects and
/// the posterior covariance of the learner's own curve, so a learner with three
/// observations is pulled toward the cohort and shown as uncertain.
struct GrowthEstimate {
    qint64 learnerId = 0;
    Eigen::Vector2d randomEffects = Eigen::Vector2d::Zero(); ///< b_i: intercept, slope (lme4's ranef)
    Eigen::Vector2d coefficients = Eigen::Vector2d::Zero();  ///< β̂ + b_i: the learner's curve (lme4's coef)
    /// Covariance of (β + b_i) given the data at the REML estimates, including the
    /// uncertainty of β̂ (the joint mixed-model equations, not b_i alone).
    Eigen::Matrix2d covariance = Eigen::Matrix2d::Zero();

    double mean(double t) const { return coefficients(0) + coefficients(1) * t; }
    double variance(double t) const
    {
        return covariance(0, 0) + 2 * t * covariance(0, 1) + t * t * covariance(1, 1);
    }
};

/// rating ~ t + (t | learner), fitted by REML: fixed intercept and slope, random intercept and
/// slope per learner with their correlation, residual variance. The parameterisation and the
/// criterion are lme4's, so figures can be compared one to one with lmer(..., REML = TRUE).
struct GrowthFit {
    Eigen::Vector2d fixedEffects = Eigen::Vector2d::Zero();       ///< β̂: intercept, slope
    Eigen::Matrix2d fixedCovariance = Eigen::Matrix2d::Zero();    ///< vcov(β̂)
    Eigen::Matrix2d randomCovariance = Eigen::Matrix2d::Zero();   ///< G = σ² Λ Λᵀ
    double residualVariance = 0;                                  ///< σ²
    Eigen::Vector3d theta = Eigen::Vector3d::Zero();              ///< lme4's θ (lower Cholesky of G/σ², column-wise)
    double remlCriterion = 0;                                     ///< -2 × REML log-likelihood, as lme4 prints it
    qint64 observations = 0;
    qint64 groups = 0;
    int evaluations = 0;       ///< deviance evaluations the optimiser used
    bool boundary = false;     ///< a variance or the correlation ended on the edge of its range
    std::vector<GrowthEstimate> estimates; ///< one per input group, same order

    /// The cohort's mean curve (β̂) and the spread of true levels between learners at t.
    double cohortMean(double t) const { return fixedEffects(0) + fixedEffects(1) * t; }
    double cohortSpread(double t) const;
    /// The estimate for a learner without data: the cohort curve with G + vcov(β̂).
    GrowthEstimate prior(qint64 learnerId) const;
};

struct GrowthOptions {
    /// Optimiser stopping rule on the REML criterion.
    double tolerance = 1e-10;
    int maxEvaluations = 4000;
};

/// Fits the model. Refuses (ErrorKind::BadInput) data that cannot identify it: fewer than
/// three learners with data, no more observations than parameters, or no spread in t.
Result<GrowthFit> fitGrowthModel(std::span<const GrowthGroup> groups, const GrowthOptions &options = {});

/// The REML criterion (lme4's REMLcrit) at a given θ, profiled over β and σ²; +∞ where it is
/// undefined. What fitGrowthModel minimises, exposed for tests and diagnostics.
double growthRemlCriterion(std::span<const GrowthGroup> groups, const Eigen::Vector3d &theta);

} // namespace pme::core::analytics
