// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace/WorkspaceTypes.h"

namespace pme::core::workspace {

/// The series of a trajectory chart, from a profile already read: the learner's ratings and
/// CCC decisions in one competency, their empirical-Bayes curve intercept + slope·t with its
/// 95% band ±1.96·sqrt(cov_ii + 2t·cov_is + t²·cov_ss), and the cohort's norm (the fixed
/// effects) with the band that holds 95% of learners, ±1.96·sqrt(G00 + 2t·G01 + t²·G11).
/// t is years in training (days / 365.25), as in the growth model.
class TrajectoryBuilder final {
public:
    /// Curve points from the start to the later of the expected completion and the horizon.
    static constexpr int kCurvePoints = 72;

    static TrajectorySeries build(const LearnerProfile &profile, qint64 competencyId);
    /// The competencies the profile can chart: those with an estimate, then any other rated.
    static QList<qint64> chartableCompetencies(const LearnerProfile &profile);
};

} // namespace pme::core::workspace
