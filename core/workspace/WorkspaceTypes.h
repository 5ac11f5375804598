// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/AnalyticsQueries.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace pme::core::workspace {

/// Months in a cohort row's sparkline and in the evidence-volume chart.
inline constexpr int kSparklineMonths = 12;
/// "Recent" evidence: the days before the store's horizon that a cohort row counts.
inline constexpr int kRecentDays = 90;

/// One learner in the cohort table.
struct CohortRow {
    qint64 learnerId = 0;
    QString name;
    qint64 programId = 0;
    QString programCode;
    QString stage; ///< current stage (stage_history without an end), empty once training is over
    QString status; ///< learners.status
    QDate start;
    QDate expectedCompletion;
    /// Open flags by severity: [0] low, [1] moderate, [2] high.
    int openFlags[3] = {0, 0, 0};
    QStringList openFlagRules; ///< rule codes of the open flags (no duplicates)
    std::optional<double> lowestProbability; ///< lowest P(reaching target) over competencies
    QString lowestCompetency; ///< the competency code it belongs to
    int recentEvidence = 0; ///< observations in the kRecentDays before the horizon
    QDate latestEvidence;
    /// Observations per calendar month, oldest first, the last being the horizon's month.
    QList<int> monthlyEvidence;

    int openFlagTotal() const { return openFlags[0] + openFlags[1] + openFlags[2]; }
    /// Sorts by severity first: a high flag outweighs any number of lower ones.
    int flagWeight() const { return openFlags[2] * 10000 + openFlags[1] * 100 + openFlags[0]; }
    bool inTraining() const { return status == QLatin1String("active") || status == QLatin1String("leave"); }
};

/// One bar of a summary chart.
struct CohortBar {
    QString key; ///< a rule code, a bin's lower bound ("0.2"), a month ("2026-05")
    QString label; ///< what the bar is called for people
    int count = 0;
};

/// The cohort's summary charts, over the rows the user may see.
struct CohortSummary {
    QList<CohortBar> flagsByRule; ///< open flags per rule, largest first
    QList<CohortBar> probabilityBins; ///< learners in training by lowest P(target), 10 bins of 0.1
    QList<CohortBar> evidenceByMonth; ///< observations per month, kSparklineMonths months
};

struct CohortOverview {
    QList<CohortRow> rows;
    CohortSummary summary;
    QDate horizon; ///< the day after the newest evidence
    bool hasAnalytics = false; ///< a recompute has stored estimates and flags
    bool hasEvidence = false; ///< the evidence columns and month chart are filled in
};

/// One learner's evidence figures for the cohort table.
struct CohortRowEvidence {
    int recent = 0;
    QDate latest;
    QList<int> monthly;
};

/// What the scan of every observation adds to a cohort overview (CohortQueries::loadEvidence).
struct CohortEvidence {
    QDate horizon;
    QList<CohortBar> evidenceByMonth;
    QHash<qint64, CohortRowEvidence> learners;
};

/// The learner profile's header.
struct ProfileHeader {
    qint64 learnerId = 0;
    QString name;
    qint64 programId = 0;
    QString programCode;
    QString programName;
    QString stage;
    QString status;
    QDate start;
    QDate expectedCompletion;
    QStringList coaches; ///< display names of the current coaches
};

/// A learner's current standing in one competency against the cohort at the same point.
struct CompetencyStanding {
    qint64 competencyId = 0;
    QString code;
    QString name;
    QString frameworkCode;
    double scaleMin = 0;
    double scaleMax = 5;
    std::optional<double> target;
    int observations = 0;
    double levelNow = 0;
    double levelNowSd = 0;
    double cohortNow = 0;
    double cohortSpreadNow = 0;
    std::optional<double> levelAtCompletion;
    std::optional<double> probabilityTarget;

    enum class Band { Below, Within, Above };
    /// Below / above: more than one between-learner SD from the cohort's norm.
    Band band() const;
    double z() const { return cohortSpreadNow > 0 ? (levelNow - cohortNow) / cohortSpreadNow : 0; }
};

/// One observation as the profile shows it.
struct ObservationRow {
    qint64 id = 0;
    QDate date;
    QString kind; ///< assessment, epa, milestone, exam, narrative, ccc_decision
    std::optional<qint64> competencyId;
    QString competencyCode;
    QString competencyName;
    QString instrument;
    QString assessor;
    QString assessorRole;
    QString context;
    std::optional<double> rating;
    QString ratingText;
    std::optional<double> score;
    std::optional<double> percentile;
    QString narrative;

    /// A committee's decision (a CCC milestone rating) rather than a workplace observation.
    bool isCommitteeDecision() const
    {
        return kind == QLatin1String("milestone") || kind == QLatin1String("ccc_decision");
    }
};

/// Narrows a learner's observations; every criterion is optional.
struct ObservationFilter {
    std::optional<qint64> competencyId;
    QString instrument;
    QString kind;
    QDate from; ///< inclusive
    QDate to; ///< inclusive
};

/// The cohort's growth model of one competency (aggregates only: what a learner may see of others).
struct CohortNorm {
    qint64 competencyId = 0;
    double intercept = 0, slope = 0;
    double varI = 0, covIS = 0, varS = 0; ///< between-learner covariance G
};

/// Everything a learner profile shows, read once when it opens.
struct LearnerProfile {
    ProfileHeader header;
    QList<CompetencyStanding> competencies;
    QList<ObservationRow> observations; ///< every observation, oldest first (exams included)
    QList<analytics::FlagView> flags;
    QList<analytics::ForecastView> forecasts;
    QList<CohortNorm> norms;
    QDate horizon;
    /// Flag actions this user may take on this learner.
    bool mayDecideFlags = false;
    bool mayCommentFlags = false;

    QList<ObservationRow> exams() const;
    const analytics::ForecastView *forecast(qint64 competencyId) const;
    const CohortNorm *norm(qint64 competencyId) const;
};

/// A point of a trajectory chart.
struct TrajectoryPoint {
    qint64 observationId = 0;
    QDate date;
    double rating = 0;
    QString instrument;
    QString assessor;
    QString narrative;
};

/// What the trajectory chart of one learner and competency draws; computed in core, drawn in ui.
struct TrajectorySeries {
    qint64 competencyId = 0;
    QString code;
    QString name;
    double scaleMin = 0;
    double scaleMax = 5;
    std::optional<double> target;
    QDate start;
    QDate expectedCompletion;
    QDate asOf;
    QList<TrajectoryPoint> points; ///< workplace ratings, oldest first
    QList<TrajectoryPoint> decisions; ///< CCC decisions, oldest first
    /// The curve grid: dates with the learner's fitted level and its 95% band, and the
    /// cohort's norm with the band that holds 95% of learners. Empty when not fitted.
    QList<QDate> curveDates;
    QList<double> fit, fitLow, fitHigh;
    QList<double> norm, normLow, normHigh;
    QStringList instruments; ///< the distinct instruments of points, in order of first use
};

} // namespace pme::core::workspace
