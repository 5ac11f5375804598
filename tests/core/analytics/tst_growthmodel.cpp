// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/GrowthModel.h"

#include <Eigen/Dense>
#include <QTest>

#include <cmath>
#include <numbers>
#include <random>

using namespace pme::core;
using namespace pme::core::analytics;

namespace {

struct Row {
    int learner = 0;
    double t = 0;
    double y = 0;
};

struct Truth {
    Eigen::Vector2d beta{2.0, 0.8};
    double sdIntercept = 0.5;
    double sdSlope = 0.25;
    double correlation = 0.3;
    double sigma = 0.4;
};

/// Learners with uneven counts (minCount..maxCount), t uniform over three years.
std::vector<Row> simulate(int learners, int minCount, int maxCount, const Truth &truth, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> z;
    std::uniform_real_distribution<double> years(0, 3);
    std::uniform_int_distribution<int> count(minCount, maxCount);
    std::vector<Row> rows;
    for (int i = 0; i < learners; ++i) {
        const double z1 = z(rng), z2 = z(rng);
        const double b0 = truth.sdIntercept * z1;
        const double b1
            = truth.sdSlope * (truth.correlation * z1 + std::sqrt(1 - truth.correlation * truth.correlation) * z2);
        const int n = count(rng);
        for (int k = 0; k < n; ++k) {
            const double t = years(rng);
            rows.push_back({i, t, truth.beta(0) + b0 + (truth.beta(1) + b1) * t + truth.sigma * z(rng)});
        }
    }
    return rows;
}

std::vector<GrowthGroup> groupsOf(const std::vector<Row> &rows, int learners)
{
    std::vector<GrowthGroup> groups(static_cast<std::size_t>(learners));
    for (int i = 0; i < learners; ++i)
        groups[std::size_t(i)].learnerId = 100 + i;
    for (const Row &r : rows)
        groups[std::size_t(r.learner)].add(r.t, r.y);
    return groups;
}

/// Henderson's mixed-model equations solved densely, and the REML criterion from the marginal
/// covariance V = σ²(ZΛΛᵀZᵀ + I): an independent check of the sufficient-statistics algebra.
struct Dense {
    Eigen::Vector2d beta;
    Eigen::MatrixXd b; // 2 × learners
    std::vector<Eigen::Matrix2d> covariance;
    double sigma2 = 0;
    double remlMme = 0; // from log det of the MME matrix
    double remlMarginal = 0; // from V directly
};

Dense denseSolve(const std::vector<Row> &rows, int learners, const Eigen::Vector3d &theta)
{
    const int n = int(rows.size()), q = 2 * learners;
    Eigen::MatrixXd x(n, 2), z = Eigen::MatrixXd::Zero(n, q);
    Eigen::VectorXd y(n);
    for (int k = 0; k < n; ++k) {
        const Row &r = rows[std::size_t(k)];
        x.row(k) << 1, r.t;
        z(k, 2 * r.learner) = 1;
        z(k, 2 * r.learner + 1) = r.t;
        y(k) = r.y;
    }
    Eigen::Matrix2d lambda;
    lambda << theta(0), 0, theta(1), theta(2);
    Eigen::MatrixXd bigLambda = Eigen::MatrixXd::Zero(q, q);
    for (int i = 0; i < learners; ++i)
        bigLambda.block<2, 2>(2 * i, 2 * i) = lambda;
    const Eigen::MatrixXd zl = z * bigLambda;
    Eigen::MatrixXd c(2 + q, 2 + q);
    c.topLeftCorner(2, 2) = x.transpose() * x;
    c.topRightCorner(2, q) = x.transpose() * zl;
    c.bottomLeftCorner(q, 2) = zl.transpose() * x;
    c.bottomRightCorner(q, q) = zl.transpose() * zl + Eigen::MatrixXd::Identity(q, q);
    Eigen::VectorXd rhs(2 + q);
    rhs << x.transpose() * y, zl.transpose() * y;
    const Eigen::PartialPivLU<Eigen::MatrixXd> lu(c);
    const Eigen::VectorXd solution = lu.solve(rhs);
    const Eigen::MatrixXd cInverse = lu.inverse();

    Dense d;
    d.beta = solution.head<2>();
    const Eigen::VectorXd u = solution.tail(q);
    const double pwrss = (y - x * d.beta - zl * u).squaredNorm() + u.squaredNorm();
    const double dof = n - 2;
    d.sigma2 = pwrss / dof;
    d.b.resize(2, learners);
    for (int i = 0; i < learners; ++i) {
        d.b.col(i) = lambda * u.segment<2>(2 * i);
        Eigen::MatrixXd l = Eigen::MatrixXd::Zero(2, 2 + q);
        l.leftCols(2).setIdentity();
        l.block<2, 2>(0, 2 + 2 * i) = lambda;
        d.covariance.push_back(d.sigma2 * l * cInverse * l.transpose());
    }
    const double tail = dof * (1 + std::log(2 * std::numbers::pi * pwrss / dof));
    d.remlMme = std::log(std::abs(lu.determinant())) + tail;

    const Eigen::MatrixXd v0 = zl * zl.transpose() + Eigen::MatrixXd::Identity(n, n);
    const Eigen::LLT<Eigen::MatrixXd> llt(v0);
    const Eigen::MatrixXd vx = llt.solve(x);
    const Eigen::Matrix2d xvx = x.transpose() * vx;
    const Eigen::Vector2d gls = xvx.ldlt().solve(vx.transpose() * y);
    const Eigen::VectorXd residual = y - x * gls;
    const double quadratic = residual.dot(llt.solve(residual));
    const double logDetV0 = 2 * llt.matrixLLT().diagonal().array().log().sum();
    d.remlMarginal
        = logDetV0 + std::log(xvx.determinant()) + dof * (1 + std::log(2 * std::numbers::pi * quadratic / dof));
    return d;
}

double relativeDifference(double a, double b)
{
    return std::abs(a - b) / std::max(1.0, std::abs(b));
}

} // namespace

Q_DECLARE_METATYPE(std::vector<Row>)

class TestGrowthModel : public QObject {
    Q_OBJECT

private slots:
    void fit_matchesDenseMixedModelEquations()
    {
        const int learners = 25;
        const auto rows = simulate(learners, 1, 15, Truth{}, 7);
        auto groups = groupsOf(rows, learners);
        groups.push_back(GrowthGroup{999, 0, 0, 0, 0, 0, 0}); // no data: gets the prior
        const auto fit = fitGrowthModel(groups);
        QVERIFY2(fit.ok(), qPrintable(fit.ok() ? QString() : fit.error().message));
        QCOMPARE(fit->estimates.size(), groups.size());
        QCOMPARE(fit->groups, learners);
        QCOMPARE(fit->observations, qint64(rows.size()));

        const Dense dense = denseSolve(rows, learners, fit->theta);
        QVERIFY(relativeDifference(fit->remlCriterion, dense.remlMme) < 1e-10);
        QVERIFY(relativeDifference(fit->remlCriterion, dense.remlMarginal) < 1e-10);
        QVERIFY((fit->fixedEffects - dense.beta).norm() < 1e-9);
        QVERIFY(std::abs(fit->residualVariance - dense.sigma2) < 1e-10);
        for (int i = 0; i < learners; ++i) {
            const GrowthEstimate &e = fit->estimates[std::size_t(i)];
            QCOMPARE(e.learnerId, qint64(100 + i));
            QVERIFY((e.randomEffects - dense.b.col(i)).norm() < 1e-9);
            QVERIFY((e.coefficients - dense.beta - dense.b.col(i)).norm() < 1e-9);
            QVERIFY2((e.covariance - dense.covariance[std::size_t(i)]).norm() < 1e-10,
                     qPrintable(QStringLiteral("learner %1").arg(i)));
        }
        const GrowthEstimate &none = fit->estimates.back();
        QCOMPARE(none.learnerId, qint64(999));
        QVERIFY((none.coefficients - fit->fixedEffects).norm() < 1e-15);
        QVERIFY((none.covariance - fit->randomCovariance - fit->fixedCovariance).norm() < 1e-15);
        QVERIFY(std::abs(fit->cohortSpread(2)
                         - std::sqrt(fit->randomCovariance(0, 0) + 4 * fit->randomCovariance(0, 1)
                                     + 4 * fit->randomCovariance(1, 1)))
                < 1e-15);
    }

    void fit_recoversSimulatedParameters()
    {
        const Truth truth;
        const int learners = 3000;
        const auto rows = simulate(learners, 2, 20, truth, 20260101);
        const auto fit = fitGrowthModel(groupsOf(rows, learners));
        QVERIFY(fit.ok());
        const Eigen::Matrix2d &g = fit->randomCovariance;
        QVERIFY(!fit->boundary);
        QVERIFY(std::abs(fit->fixedEffects(0) - truth.beta(0)) < 0.05);
        QVERIFY(std::abs(fit->fixedEffects(1) - truth.beta(1)) < 0.03);
        QVERIFY(std::abs(std::sqrt(g(0, 0)) / truth.sdIntercept - 1) < 0.1);
        QVERIFY(std::abs(std::sqrt(g(1, 1)) / truth.sdSlope - 1) < 0.1);
        QVERIFY(std::abs(g(0, 1) / std::sqrt(g(0, 0) * g(1, 1)) - truth.correlation) < 0.15);
        QVERIFY(std::abs(std::sqrt(fit->residualVariance) / truth.sigma - 1) < 0.03);
        // The reported standard errors are of the size the data imply.
        QVERIFY(std::sqrt(fit->fixedCovariance(0, 0)) < 0.03);
        QVERIFY(std::sqrt(fit->fixedCovariance(0, 0)) > 0.003);
    }

    void fit_isAMinimumOfTheCriterion()
    {
        const int learners = 200;
        const auto rows = simulate(learners, 2, 12, Truth{}, 3);
        const auto groups = groupsOf(rows, learners);
        const auto fit = fitGrowthModel(groups);
        QVERIFY(fit.ok());
        QCOMPARE(growthRemlCriterion(groups, fit->theta), fit->remlCriterion);
        for (int i = 0; i < 3; ++i) {
            for (const double step : {1e-3, -1e-3, 1e-2, -1e-2, 0.3}) {
                Eigen::Vector3d theta = fit->theta;
                theta(i) += step;
                QVERIFY2(growthRemlCriterion(groups, theta) >= fit->remlCriterion,
                         qPrintable(QStringLiteral("θ%1 %2").arg(i + 1).arg(step)));
            }
        }
        QVERIFY(growthRemlCriterion(groups, Eigen::Vector3d(1, 0, 1)) > fit->remlCriterion);
        QVERIFY(fit->evaluations > 0);
    }

    void fit_refusesDataThatCannotIdentifyTheModel_data()
    {
        QTest::addColumn<std::vector<Row>>("rows");
        QTest::addColumn<int>("learners");
        QTest::newRow("two learners") << simulate(2, 10, 10, Truth{}, 1) << 2;
        QTest::newRow("four ratings") << std::vector<Row>{{0, 0, 1}, {0, 1, 2}, {1, 0.5, 2}, {2, 2, 3}} << 3;
        QTest::newRow("two ratings a learner") << simulate(10, 2, 2, Truth{}, 1) << 10;
        std::vector<Row> sameTime = simulate(10, 5, 5, Truth{}, 1);
        for (Row &r : sameTime)
            r.t = 1.5;
        QTest::newRow("no spread in t") << sameTime << 10;
        std::vector<Row> notANumber = simulate(10, 5, 5, Truth{}, 1);
        notANumber[3].y = std::nan("");
        QTest::newRow("not a number") << notANumber << 10;
        QTest::newRow("nothing") << std::vector<Row>{} << 5;
    }

    void fit_refusesDataThatCannotIdentifyTheModel()
    {
        QFETCH(std::vector<Row>, rows);
        QFETCH(int, learners);
        const auto fit = fitGrowthModel(groupsOf(rows, learners));
        QVERIFY(!fit.ok());
        QCOMPARE(fit.error().kind, ErrorKind::BadInput);
        QVERIFY(!fit.error().message.isEmpty());
    }

    void fewObservations_areShrunkAndUncertain()
    {
        Truth truth;
        const int learners = 300;
        auto rows = simulate(learners, 5, 15, truth, 11);
        // Two extra learners, both 1.5 above the cohort: one rated 3 times, one 30 times.
        std::mt19937_64 rng(5);
        std::normal_distribution<double> noise(0, truth.sigma);
        const auto add = [&](int learner, int count) {
            for (int k = 0; k < count; ++k) {
                const double t = 3.0 * (k + 0.5) / count;
                rows.push_back({learner, t, truth.beta(0) + 1.5 + truth.beta(1) * t + noise(rng)});
            }
        };
        add(learners, 3);
        add(learners + 1, 30);
        const auto fit = fitGrowthModel(groupsOf(rows, learners + 2));
        QVERIFY(fit.ok());
        const GrowthEstimate &few = fit->estimates[std::size_t(learners)];
        const GrowthEstimate &many = fit->estimates[std::size_t(learners + 1)];
        // Shrinkage: the share of the learner's own deviation from the cohort that the estimate
        // keeps is smaller with 3 ratings than with 30.
        const auto ownMean = [&](std::size_t from, int count) {
            double sum = 0;
            for (std::size_t k = from; k < from + std::size_t(count); ++k)
                sum += rows[k].y - truth.beta(1) * (rows[k].t - 1.5);
            return sum / count;
        };
        const double cohort = fit->cohortMean(1.5);
        const double keptFew = (few.mean(1.5) - cohort) / (ownMean(rows.size() - 33, 3) - cohort);
        const double keptMany = (many.mean(1.5) - cohort) / (ownMean(rows.size() - 30, 30) - cohort);
        QVERIFY2(keptFew > 0 && keptFew < keptMany && keptMany < 1,
                 qPrintable(QStringLiteral("kept %1 vs %2").arg(keptFew).arg(keptMany)));
        for (const double t : {0.0, 1.5, 3.0})
            QVERIFY(few.variance(t) > many.variance(t));
        const GrowthEstimate prior = fit->prior(1);
        QVERIFY(prior.variance(1.5) > few.variance(1.5));
    }

    void noSlopeVariance_endsOnTheBoundary()
    {
        // Every learner's residuals are orthogonal to 1 and t, so each learner's own slope is the
        // cohort's exactly: the slope variance estimate must be zero.
        std::mt19937_64 rng(99);
        std::normal_distribution<double> z;
        std::vector<Row> rows;
        const int learners = 60;
        for (int i = 0; i < learners; ++i) {
            const double level = 2 + 0.6 * z(rng), a = 0.4 * z(rng), shift = 0.1 * i / learners;
            const double pattern[] = {1, -1, -1, 1};
            for (int k = 0; k < 4; ++k)
                rows.push_back({i, shift + k * 0.75, level + 0.5 * (shift + k * 0.75) + a * pattern[k]});
        }
        const auto fit = fitGrowthModel(groupsOf(rows, learners));
        QVERIFY2(fit.ok(), qPrintable(fit.ok() ? QString() : fit.error().message));
        QVERIFY(fit->boundary);
        QVERIFY(fit->theta(2) < 1e-4);
        QVERIFY(fit->randomCovariance(1, 1) < 1e-6);
        QVERIFY2(std::abs(fit->fixedEffects(1) - 0.5) < 0.05, qPrintable(QString::number(fit->fixedEffects(1))));
        QVERIFY(std::sqrt(fit->randomCovariance(0, 0)) > 0.3);
        for (const GrowthEstimate &e : fit->estimates) {
            QVERIFY(e.coefficients.allFinite());
            QVERIFY(e.covariance.allFinite());
            QVERIFY(e.variance(1) > 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestGrowthModel)
#include "tst_growthmodel.moc"
