// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/Trajectories.h"

#include "analytics/TwoThreads.h"

#include <Eigen/Dense>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

namespace pme::core::analytics {

double normalCdf(double x)
{
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

GrowthEstimate estimateUnderFit(const GrowthFit &fit, const GrowthGroup &group)
{
    GrowthEstimate e;
    e.learnerId = group.learnerId;
    if (group.n <= 0)
        return fit.prior(group.learnerId);
    Eigen::Matrix2d lambda;
    lambda << fit.theta(0), 0, fit.theta(1), fit.theta(2);
    Eigen::Matrix2d a;
    a << group.n, group.st, group.st, group.stt;
    const Eigen::Vector2d b(group.sy, group.sty);
    const Eigen::Matrix2d c = lambda.transpose() * a;
    const Eigen::Matrix2d m = c * lambda + Eigen::Matrix2d::Identity();
    const Eigen::Matrix2d mInv = m.inverse();
    const Eigen::Vector2d d = lambda.transpose() * b;
    const Eigen::Vector2d u = mInv * (d - c * fit.fixedEffects);
    const Eigen::Matrix2d &v = fit.fixedCovariance;
    const Eigen::Matrix2d covUBeta = -mInv * c * v;
    const Eigen::Matrix2d covU = fit.residualVariance * mInv + mInv * c * v * c.transpose() * mInv.transpose();
    e.randomEffects = lambda * u;
    e.coefficients = fit.fixedEffects + e.randomEffects;
    e.covariance = v + lambda * covUBeta + covUBeta.transpose() * lambda.transpose()
        + lambda * covU * lambda.transpose();
    return e;
}

Trajectories Trajectories::compute(const AnalyticsDataset &data)
{
    Trajectories t;
    const auto count = static_cast<qint32>(data.competencies().size());
    t.m_models.resize(static_cast<std::size_t>(count));
    std::atomic<qint32> next{0};
    const auto work = [&]() {
        for (qint32 c = next++; c < count; c = next++) {
            CompetencyModel &model = t.m_models[static_cast<std::size_t>(c)];
            model.competency = c;
            const std::vector<GrowthGroup> groups = data.growthGroups(c);
            if (groups.empty()) {
                model.problem = tr("No rated evidence.");
                continue;
            }
            auto fit = fitGrowthModel(groups);
            if (fit)
                model.fit = std::move(*fit);
            else
                model.problem = fit.error().message;
        }
    };
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i)
        pool.emplace_back(work);
    work();
    for (std::thread &thread : pool)
        thread.join();

    std::vector<qint32> all(data.learners().size());
    for (std::size_t i = 0; i < all.size(); ++i)
        all[i] = static_cast<qint32>(i);
    t.forecastLearners(data, all);
    return t;
}

Trajectories Trajectories::forecastWith(const AnalyticsDataset &data, std::vector<CompetencyModel> models,
                                        std::span<const qint32> learners)
{
    Trajectories t;
    t.m_models = std::move(models);
    t.forecastLearners(data, learners);
    return t;
}

const CompetencyModel *Trajectories::model(qint32 competency) const
{
    for (const CompetencyModel &m : m_models) {
        if (m.competency == competency)
            return &m;
    }
    return nullptr;
}

std::span<const LearnerForecast> Trajectories::forecastsFor(qint32 learner) const
{
    if (learner < 0 || static_cast<std::size_t>(learner) + 1 >= m_learnerOffsets.size())
        return {};
    const std::size_t begin = m_learnerOffsets[static_cast<std::size_t>(learner)];
    const std::size_t end = m_learnerOffsets[static_cast<std::size_t>(learner) + 1];
    return std::span<const LearnerForecast>(m_forecasts.data() + begin, end - begin);
}

LearnerForecast Trajectories::forecast(const AnalyticsDataset &data, const GrowthFit &fit, qint32 learner,
                                       qint32 competency, const GrowthEstimate &estimate)
{
    const LearnerRecord &l = data.learners()[static_cast<std::size_t>(learner)];
    const CompetencyRecord &c = data.competencies()[static_cast<std::size_t>(competency)];
    LearnerForecast f;
    f.learner = learner;
    f.competency = competency;
    f.estimate = estimate;
    // A learner who has finished is shown as they were at completion, not extrapolated past it.
    const bool finished = !l.inTraining && l.expectedCompletion.isValid() && l.expectedCompletion < l.cutoff;
    f.yearsNow = finished ? l.yearsAt(l.expectedCompletion) : l.yearsNow();
    f.levelNow = estimate.mean(f.yearsNow);
    f.levelNowSd = std::sqrt(std::max(0.0, estimate.variance(f.yearsNow)));
    f.cohortNow = fit.cohortMean(f.yearsNow);
    f.cohortSpreadNow = fit.cohortSpread(f.yearsNow);
    if (l.expectedCompletion.isValid()) {
        const double years = l.yearsAt(l.expectedCompletion);
        f.yearsAtCompletion = years;
        f.levelAtCompletion = estimate.mean(years);
        f.levelAtCompletionSd = std::sqrt(std::max(0.0, estimate.variance(years)));
        if (c.target) {
            const double sd = *f.levelAtCompletionSd;
            f.probabilityTarget = sd > 0 ? 1.0 - normalCdf((*c.target - *f.levelAtCompletion) / sd)
                                         : (*f.levelAtCompletion >= *c.target ? 1.0 : 0.0);
        }
    }
    return f;
}

void Trajectories::forecastLearners(const AnalyticsDataset &data, std::span<const qint32> learners)
{
    const std::size_t learnerCount = data.learners().size();
    std::vector<char> wanted(learnerCount, 0);
    for (qint32 l : learners)
        wanted[static_cast<std::size_t>(l)] = 1;
    // The fitted models in competency order, the order of each learner's forecasts.
    std::vector<const CompetencyModel *> models;
    for (const CompetencyModel &m : m_models) {
        if (m.fit)
            models.push_back(&m);
    }
    std::sort(models.begin(), models.end(),
              [](const CompetencyModel *a, const CompetencyModel *b) { return a->competency < b->competency; });
    const std::size_t modelCount = models.size();

    // A learner in training is forecast under every model, any other one under each model they
    // have ratings for. Each (learner, model) pair gets its place in the table first, so that
    // the models' forecasts can be written there on two threads.
    std::vector<char> rated(learnerCount * modelCount, 0);
    for (std::size_t m = 0; m < modelCount; ++m) {
        for (const RatedPoint &p : data.ratings(models[m]->competency))
            rated[static_cast<std::size_t>(p.learner) * modelCount + m] = 1;
    }
    std::vector<qint64> slot(learnerCount * modelCount, -1);
    m_learnerOffsets.assign(learnerCount + 1, 0);
    std::size_t total = 0;
    for (std::size_t l = 0; l < learnerCount; ++l) {
        m_learnerOffsets[l] = total;
        if (!wanted[l])
            continue;
        const bool inTraining = data.learners()[l].inTraining;
        for (std::size_t m = 0; m < modelCount; ++m) {
            if (inTraining || rated[l * modelCount + m])
                slot[l * modelCount + m] = static_cast<qint64>(total++);
        }
    }
    m_learnerOffsets[learnerCount] = total;
    m_forecasts.assign(total, LearnerForecast{});

    std::atomic<std::size_t> nextModel{0};
    const auto work = [&] {
        std::vector<GrowthGroup> groups(learnerCount);
        std::vector<int> counts(learnerCount);
        std::vector<qint32> lastDays(learnerCount);
        std::vector<const GrowthEstimate *> fitted(learnerCount);
        for (std::size_t m = nextModel++; m < modelCount; m = nextModel++) {
            const CompetencyModel &model = *models[m];
            const GrowthFit &fit = *model.fit;
            std::fill(groups.begin(), groups.end(), GrowthGroup{});
            std::fill(counts.begin(), counts.end(), 0);
            std::fill(lastDays.begin(), lastDays.end(), -1);
            std::fill(fitted.begin(), fitted.end(), nullptr);
            // The fit's estimates follow the dataset's groups when it was fitted on this
            // dataset; otherwise (a model loaded from the store) each learner is estimated
            // under the fit.
            const bool sameData = static_cast<std::size_t>(fit.groups) == fit.estimates.size();
            if (sameData) {
                for (const GrowthEstimate &e : fit.estimates) {
                    if (const auto index = data.learnerIndex(e.learnerId))
                        fitted[static_cast<std::size_t>(*index)] = &e;
                }
            }
            for (const RatedPoint &p : data.ratings(model.competency)) {
                const auto li = static_cast<std::size_t>(p.learner);
                if (!wanted[li])
                    continue;
                groups[li].learnerId = data.learners()[li].id;
                groups[li].add(p.years(), p.rating);
                ++counts[li];
                lastDays[li] = std::max(lastDays[li], p.day);
            }
            for (qint32 l : learners) {
                const auto li = static_cast<std::size_t>(l);
                const qint64 at = slot[li * modelCount + m];
                if (at < 0)
                    continue;
                const LearnerRecord &record = data.learners()[li];
                GrowthEstimate estimate;
                if (counts[li] == 0)
                    estimate = fit.prior(record.id);
                else if (sameData && fitted[li])
                    estimate = *fitted[li];
                else
                    estimate = estimateUnderFit(fit, groups[li]);
                LearnerForecast f = forecast(data, fit, l, model.competency, estimate);
                f.observations = counts[li];
                if (lastDays[li] >= 0)
                    f.lastDay = lastDays[li];
                m_forecasts[static_cast<std::size_t>(at)] = std::move(f);
            }
        }
    };
    onTwoThreads(total >= 10000, work);
}

} // namespace pme::core::analytics
