// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/GrowthModel.h"
#include "Logging.h"

#include <Eigen/Eigenvalues>
#include <Eigen/LU>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>

namespace pme::core::analytics {

namespace {

constexpr double kFixed = 2; // p: intercept and slope
constexpr double kSingularTolerance = 1e-4; // lme4's isSingular() default
constexpr double kInfinity = std::numeric_limits<double>::infinity();

QString tr(const char *text)
{
    return QCoreApplication::translate("pme::core::analytics::GrowthModel", text);
}

/// G̃ = ΛΛᵀ = G/σ² for lme4's θ, Λ = [[θ1, 0], [θ2, θ3]].
struct Relative {
    double g00 = 0, g01 = 0, g11 = 0;
    explicit Relative(const Eigen::Vector3d &theta)
        : g00(theta(0) * theta(0)), g01(theta(0) * theta(1)), g11(theta(1) * theta(1) + theta(2) * theta(2))
    {
    }
    Eigen::Matrix2d matrix() const { return (Eigen::Matrix2d() << g00, g01, g01, g11).finished(); }
};

/// Everything the profiled criterion yields at one θ.
struct Profile {
    double deviance = kInfinity;
    Eigen::Matrix2d s = Eigen::Matrix2d::Zero(); ///< RX'RX: XᵀX − Σ CᵢᵀMᵢ⁻¹Cᵢ
    Eigen::Vector2d beta = Eigen::Vector2d::Zero();
    double pwrss = 0;
};

/// The REML criterion profiled over β and σ², evaluated from the groups' sufficient statistics.
///
/// lme4 writes it with Mᵢ = ΛᵀAᵢΛ + I; we use the equivalent forms with Nᵢ = I + G̃Aᵢ
/// (det Nᵢ = det Mᵢ by Sylvester, Aᵢ − AᵢΛMᵢ⁻¹ΛᵀAᵢ = AᵢNᵢ⁻¹ and bᵢ − AᵢΛMᵢ⁻¹Λᵀbᵢ = Nᵢ⁻ᵀbᵢ by
/// Woodbury), which need only G̃ = ΛΛᵀ, do not cancel for large θ, and are a few dozen flops a
/// learner with no allocation.
class Criterion {
public:
    explicit Criterion(std::span<const GrowthGroup> groups)
    {
        for (const GrowthGroup &g : groups) {
            if (g.n <= 0)
                continue; // Aᵢ = 0: Mᵢ = I, no contribution
            m_n.push_back(g.n);
            m_st.push_back(g.st);
            m_stt.push_back(g.stt);
            m_sy.push_back(g.sy);
            m_sty.push_back(g.sty);
            m_observations += g.n;
            m_yty += g.syy;
        }
    }

    qsizetype groupsWithData() const { return qsizetype(m_n.size()); }
    double observations() const { return m_observations; }
    int evaluations() const { return m_evaluations; }

    double operator()(const Eigen::Vector3d &theta) { return profile(theta).deviance; }

    Profile profile(const Eigen::Vector3d &theta)
    {
        ++m_evaluations;
        const Relative g(theta);
        double s00 = 0, s01 = 0, s11 = 0, r0 = 0, r1 = 0, q = 0, logDet = 0, detProduct = 1;
        const std::size_t count = m_n.size();
        for (std::size_t i = 0; i < count; ++i) {
            const double n = m_n[i], s = m_st[i], t2 = m_stt[i], b0 = m_sy[i], b1 = m_sty[i];
            const double n00 = 1 + g.g00 * n + g.g01 * s, n01 = g.g00 * s + g.g01 * t2;
            const double n10 = g.g01 * n + g.g11 * s, n11 = 1 + g.g01 * s + g.g11 * t2;
            const double det = n00 * n11 - n01 * n10;
            const double inv = 1 / det;
            // Σ Aᵢ Nᵢ⁻¹
            s00 += (n * n11 - s * n10) * inv;
            s01 += (s * n00 - n * n01) * inv;
            s11 += (t2 * n00 - s * n01) * inv;
            // v = Nᵢ⁻ᵀ bᵢ; Σ v and Σ bᵢᵀ G̃ v (= Σ dᵢᵀ Mᵢ⁻¹ dᵢ)
            const double v0 = (n11 * b0 - n10 * b1) * inv, v1 = (n00 * b1 - n01 * b0) * inv;
            r0 += v0;
            r1 += v1;
            q += b0 * (g.g00 * v0 + g.g01 * v1) + b1 * (g.g01 * v0 + g.g11 * v1);
            // One log per batch of determinants instead of one per learner (each det ≥ 1).
            if (det > 1e100) {
                logDet += std::log(det);
            } else {
                detProduct *= det;
                if (detProduct > 1e200) {
                    logDet += std::log(detProduct);
                    detProduct = 1;
                }
            }
        }
        logDet += std::log(detProduct);

        Profile p;
        p.s << s00, s01, s01, s11;
        const double detS = s00 * s11 - s01 * s01;
        if (!(detS > 0) || !std::isfinite(logDet))
            return p;
        p.beta = Eigen::Vector2d(s11 * r0 - s01 * r1, s00 * r1 - s01 * r0) / detS;
        p.pwrss = m_yty - q - (r0 * p.beta(0) + r1 * p.beta(1));
        if (!(p.pwrss > 0))
            return p;
        const double dof = m_observations - kFixed;
        p.deviance = logDet + std::log(detS) + dof * (1 + std::log(2 * std::numbers::pi * p.pwrss / dof));
        if (!std::isfinite(p.deviance))
            p.deviance = kInfinity;
        return p;
    }

private:
    std::vector<double> m_n, m_st, m_stt, m_sy, m_sty;
    double m_observations = 0;
    double m_yty = 0;
    int m_evaluations = 0;
};

struct Point {
    Eigen::Vector3d x;
    double f = kInfinity;
};

/// Nelder–Mead, unconstrained: the criterion depends on θ only through ΛΛᵀ, which is even in
/// θ3 and in (θ1, θ2) together, so lme4's bounds θ1, θ3 ≥ 0 are met afterwards by flipping
/// signs (canonicalTheta) rather than by constraining the simplex.
Point nelderMead(Criterion &f, const Eigen::Vector3d &start, double step, double tolerance, int maxEvaluations)
{
    std::array<Point, 4> s;
    for (int i = 0; i < 4; ++i) {
        s[i].x = start;
        if (i > 0)
            s[i].x(i - 1) += step;
        s[i].f = f(s[i].x);
    }
    const auto byValue = [](const Point &a, const Point &b) { return a.f < b.f; };
    while (f.evaluations() < maxEvaluations) {
        std::sort(s.begin(), s.end(), byValue);
        double size = 0;
        for (int i = 1; i < 4; ++i)
            size = std::max(size, (s[i].x - s[0].x).lpNorm<Eigen::Infinity>());
        if (s[3].f - s[0].f <= tolerance * (1 + std::abs(s[0].f)) && size < 1e-3)
            break;
        const Eigen::Vector3d centroid = (s[0].x + s[1].x + s[2].x) / 3;
        const auto at = [&](double coefficient) {
            Point p{centroid + coefficient * (s[3].x - centroid), 0};
            p.f = f(p.x);
            return p;
        };
        const Point reflected = at(-1);
        if (reflected.f < s[0].f) {
            const Point expanded = at(-2);
            s[3] = expanded.f < reflected.f ? expanded : reflected;
        } else if (reflected.f < s[2].f) {
            s[3] = reflected;
        } else {
            const bool outside = reflected.f < s[3].f;
            const Point contracted = at(outside ? -0.5 : 0.5);
            if (contracted.f < (outside ? reflected.f : s[3].f)) {
                s[3] = contracted;
            } else {
                for (int i = 1; i < 4; ++i) {
                    s[i].x = s[0].x + 0.5 * (s[i].x - s[0].x);
                    s[i].f = f(s[i].x);
                }
            }
        }
    }
    return *std::min_element(s.begin(), s.end(), byValue);
}

/// Newton steps with a central finite-difference gradient and Hessian (19 evaluations a step),
/// the Hessian's eigenvalues floored so every step goes downhill, and a backtracking line search.
/// Tightens Nelder–Mead's answer to the precision the criterion's rounding allows.
Point newtonPolish(Criterion &f, Point at, double tolerance, int maxEvaluations)
{
    for (int iteration = 0; iteration < 25 && f.evaluations() + 19 < maxEvaluations; ++iteration) {
        Eigen::Vector3d h;
        for (int i = 0; i < 3; ++i)
            h(i) = 1e-4 * std::max(1.0, std::abs(at.x(i)));
        Eigen::Vector3d gradient;
        Eigen::Matrix3d hessian;
        std::array<double, 3> plus{}, minus{};
        for (int i = 0; i < 3; ++i) {
            Eigen::Vector3d e = Eigen::Vector3d::Zero();
            e(i) = h(i);
            plus[i] = f(at.x + e);
            minus[i] = f(at.x - e);
            gradient(i) = (plus[i] - minus[i]) / (2 * h(i));
            hessian(i, i) = (plus[i] - 2 * at.f + minus[i]) / (h(i) * h(i));
        }
        for (int i = 0; i < 3; ++i) {
            for (int j = i + 1; j < 3; ++j) {
                Eigen::Vector3d ei = Eigen::Vector3d::Zero(), ej = Eigen::Vector3d::Zero();
                ei(i) = h(i);
                ej(j) = h(j);
                const double value = (f(at.x + ei + ej) - f(at.x + ei - ej) - f(at.x - ei + ej) + f(at.x - ei - ej))
                    / (4 * h(i) * h(j));
                hessian(i, j) = hessian(j, i) = value;
            }
        }
        if (!gradient.allFinite() || !hessian.allFinite())
            break;
        const Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eigen(hessian);
        const double largest = eigen.eigenvalues().cwiseAbs().maxCoeff();
        const Eigen::Vector3d floored = eigen.eigenvalues().cwiseAbs().cwiseMax(std::max(largest * 1e-10, 1e-12));
        const Eigen::Vector3d direction
            = -(eigen.eigenvectors() * floored.cwiseInverse().asDiagonal() * eigen.eigenvectors().transpose())
            * gradient;
        const double predicted = -0.5 * gradient.dot(direction);
        // Below this the finite differences are mostly rounding noise.
        if (!(predicted > tolerance * 1e-5 * (1 + std::abs(at.f))) || direction.norm() < 1e-12)
            break;
        bool improved = false;
        for (double alpha = 1; alpha > 1e-6; alpha /= 4) {
            const Point trial{at.x + alpha * direction, f(at.x + alpha * direction)};
            if (trial.f < at.f) {
                at = trial;
                improved = true;
                break;
            }
        }
        if (!improved)
            break;
    }
    return at;
}

Eigen::Vector3d canonicalTheta(Eigen::Vector3d theta)
{
    if (theta(0) < 0) {
        theta(0) = -theta(0);
        theta(1) = -theta(1);
    }
    theta(2) = std::abs(theta(2));
    return theta;
}

std::optional<Error> refusal(std::span<const GrowthGroup> groups)
{
    double n = 0, st = 0, stt = 0;
    qsizetype withData = 0;
    for (const GrowthGroup &g : groups) {
        const bool finite = std::isfinite(g.n) && std::isfinite(g.st) && std::isfinite(g.stt) && std::isfinite(g.sy)
            && std::isfinite(g.sty) && std::isfinite(g.syy);
        if (!finite || g.n < 0)
            return makeError(ErrorKind::BadInput,
                             tr("The growth model received a rating or a time that is not a number."));
        if (g.n > 0)
            ++withData;
        n += g.n;
        st += g.st;
        stt += g.stt;
    }
    if (withData < 3)
        return makeError(
            ErrorKind::BadInput,
            tr("A growth curve needs ratings from at least three learners; this competency has %1.").arg(withData));
    if (n <= 4)
        return makeError(ErrorKind::BadInput,
                         tr("A growth curve needs more than four ratings; this competency has %1.").arg(qint64(n)));
    if (n <= 2.0 * double(withData))
        return makeError(ErrorKind::BadInput,
                         tr("A growth curve with a level and a slope per learner needs more ratings than twice the "
                            "number of learners (%1 ratings, %2 learners).")
                             .arg(qint64(n))
                             .arg(withData));
    const double spread = stt - st * st / n; // n × variance of t
    if (!(spread > 1e-12 * std::max(1.0, stt)))
        return makeError(ErrorKind::BadInput,
                         tr("All ratings were made at the same point of training, so no growth can be estimated."));
    return std::nullopt;
}

} // namespace

double GrowthFit::cohortSpread(double t) const
{
    const double v = randomCovariance(0, 0) + 2 * t * randomCovariance(0, 1) + t * t * randomCovariance(1, 1);
    return std::sqrt(std::max(0.0, v));
}

GrowthEstimate GrowthFit::prior(qint64 learnerId) const
{
    GrowthEstimate e;
    e.learnerId = learnerId;
    e.coefficients = fixedEffects;
    e.covariance = randomCovariance + fixedCovariance;
    return e;
}

double growthRemlCriterion(std::span<const GrowthGroup> groups, const Eigen::Vector3d &theta)
{
    Criterion criterion(groups);
    return criterion(theta);
}

Result<GrowthFit> fitGrowthModel(std::span<const GrowthGroup> groups, const GrowthOptions &options)
{
    if (auto error = refusal(groups))
        return *error;
    Criterion criterion(groups);
    // lme4's start, θ = (1, 0, 1), then polish the simplex's best vertex.
    Point best = nelderMead(criterion, Eigen::Vector3d(1, 0, 1), 0.5, std::max(options.tolerance, 1e-12) * 1e2,
                            options.maxEvaluations);
    best = newtonPolish(criterion, best, options.tolerance, options.maxEvaluations);
    if (!std::isfinite(best.f))
        return makeError(ErrorKind::BadInput,
                         tr("The growth model could not be fitted: the ratings leave no residual variation."));
    if (criterion.evaluations() >= options.maxEvaluations)
        qCWarning(lcAnalytics) << "growth model: optimiser stopped at the evaluation limit" << options.maxEvaluations;

    GrowthFit fit;
    fit.theta = canonicalTheta(best.x);
    fit.evaluations = criterion.evaluations();
    const Profile p = criterion.profile(fit.theta);
    const double dof = criterion.observations() - kFixed;
    const Relative relative(fit.theta);
    const Eigen::Matrix2d gTilde = relative.matrix();
    const Eigen::Matrix2d sInverse = p.s.inverse();
    fit.remlCriterion = p.deviance;
    fit.fixedEffects = p.beta;
    fit.residualVariance = p.pwrss / dof;
    fit.randomCovariance = fit.residualVariance * gTilde;
    fit.fixedCovariance = fit.residualVariance * sInverse;
    fit.observations = qint64(std::llround(criterion.observations()));
    fit.groups = criterion.groupsWithData();
    fit.boundary = fit.theta(0) < kSingularTolerance || fit.theta(2) < kSingularTolerance;

    // Per learner, with Nᵢ = I + G̃Aᵢ: bᵢ = Λûᵢ = G̃Nᵢ⁻ᵀ(Xᵢᵀyᵢ − Aᵢβ̂), and the joint inverse of the
    // mixed-model equations gives Cov(β + bᵢ) = σ²(Nᵢ⁻¹ S⁻¹ Nᵢ⁻ᵀ + Nᵢ⁻¹G̃)
    // (I − ΛMᵢ⁻¹ΛᵀAᵢ = Nᵢ⁻¹ and ΛMᵢ⁻¹Λᵀ = Nᵢ⁻¹G̃; see docs/analytics-model.md).
    fit.estimates.reserve(groups.size());
    for (const GrowthGroup &g : groups) {
        if (g.n <= 0) {
            fit.estimates.push_back(fit.prior(g.learnerId));
            continue;
        }
        const Eigen::Matrix2d a = (Eigen::Matrix2d() << g.n, g.st, g.st, g.stt).finished();
        const Eigen::Vector2d b(g.sy, g.sty);
        const Eigen::Matrix2d nInverse = (Eigen::Matrix2d::Identity() + gTilde * a).inverse();
        GrowthEstimate e;
        e.learnerId = g.learnerId;
        e.randomEffects = gTilde * nInverse.transpose() * (b - a * p.beta);
        e.coefficients = p.beta + e.randomEffects;
        const Eigen::Matrix2d cov = nInverse * sInverse * nInverse.transpose() + nInverse * gTilde;
        e.covariance = fit.residualVariance * 0.5 * (cov + cov.transpose());
        fit.estimates.push_back(e);
    }
    return fit;
}

} // namespace pme::core::analytics
