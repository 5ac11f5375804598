// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "analytics/AsOf.h"
#include "analytics/GrowthModel.h"
#include "domain/Learner.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>

#include <optional>
#include <span>
#include <vector>

namespace pme::core {
class Database;
}

namespace pme::core::analytics {

/// A learner as the analytics see them at the as-of point.
struct LearnerRecord {
    qint64 id = 0;
    qint64 programId = 0;
    QString displayName;
    QDate start;
    QDate expectedCompletion;         ///< may be invalid
    Learner::Status status = Learner::Status::Active;
    std::optional<QDate> withdrawnOn; ///< from a 'withdrawn' outcome, when the export gave one
    QDate cutoff;                     ///< evidence dated on or after this day is not used
    bool inTraining = false;          ///< still training at the as-of point: rules apply

    /// Years of training at `date` (days / 365.25).
    double yearsAt(const QDate &date) const { return start.daysTo(date) / 365.25; }
    double yearsNow() const { return yearsAt(cutoff); }
};

struct CompetencyRecord {
    qint64 id = 0;
    qint64 frameworkId = 0;
    QString code;
    QString name;
    QString frameworkCode;
    double scaleMin = 0;
    double scaleMax = 1;
    std::optional<double> target;
};

/// A rated observation: what the growth models see.
struct RatedPoint {
    qint64 observationId = 0;
    qint32 learner = 0;    ///< index into learners()
    qint32 competency = 0; ///< index into competencies()
    qint32 day = 0;        ///< days since the learner's start
    double rating = 0;
    double years() const { return day / 365.25; }
};

/// An observation with a narrative comment (its text stays in the store until a rule reads it).
struct NarrativePoint {
    qint64 observationId = 0;
    qint32 learner = 0;
    qint32 day = 0;
};

/// An exam result (kind 'exam').
struct ExamPoint {
    qint64 observationId = 0;
    qint32 learner = 0;
    qint32 day = 0;
    std::optional<double> score;
    std::optional<double> percentile;
    QString instrument;
};

/// Any dated piece of evidence, rated or not, for counting recent evidence.
struct EvidencePoint {
    qint64 observationId = 0;
    qint32 learner = 0;
    qint32 competency = -1; ///< -1 when the observation names no competency
    qint32 day = 0;
};

/// Everything the analytics read from a store, as of one point in time, in memory and in
/// compact arrays: one scan of the observations (PERF-NOTES: one C++ scan beats GROUP BY).
/// Evidence dated on or after a learner's cutoff is left out, so the same code computes the
/// present and any past state.
class AnalyticsDataset final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::analytics::AnalyticsDataset)

public:
    struct Options {
        /// Load only these learners' evidence (every learner's record is still loaded); empty
        /// for everyone. A single learner's refresh after a sync reads only their rows.
        std::vector<qint64> learnerIds;
        /// The store's horizon when already known (skips a scan of every observation).
        std::optional<QDate> horizon;
        /// From this many rows a file store's observations are read by two threads, each
        /// through its own connection seeing the same state (store/SharedReadView.h).
        qint64 minRowsForParallelScan = 100000;
        /// The two threads take the rowids in chunks of about this many (2 to 16 chunks).
        qint64 rowsPerParallelChunk = 50000;
        /// Another connection of the caller holds the store's write lock (ResultWriter): the
        /// parallel read need not take it.
        bool writersLockedOut = false;
    };

    static Result<AnalyticsDataset> load(Database &db, const AsOf &asOf, const Options &options);
    static Result<AnalyticsDataset> load(Database &db, const AsOf &asOf) { return load(db, asOf, Options{}); }

    const AsOf &asOf() const { return m_asOf; }
    /// The day after the newest evidence in the store: "latest" stands for it.
    QDate horizon() const { return m_horizon; }

    const std::vector<LearnerRecord> &learners() const { return m_learners; }
    const std::vector<CompetencyRecord> &competencies() const { return m_competencies; }
    std::optional<qint32> learnerIndex(qint64 learnerId) const;
    std::optional<qint32> competencyIndex(qint64 competencyId) const;

    /// Rated points sorted by competency, then learner, then day.
    const std::vector<RatedPoint> &ratings() const { return m_ratings; }
    /// The rated points of one competency (a contiguous range of ratings()).
    std::span<const RatedPoint> ratings(qint32 competency) const;
    /// One growth group per learner with ratings in that competency, in learner order.
    std::vector<GrowthGroup> growthGroups(qint32 competency) const;

    const std::vector<ExamPoint> &exams() const { return m_exams; }
    /// Every observation before the cutoffs, in the order of their ids.
    const std::vector<EvidencePoint> &evidence() const { return m_evidence; }
    /// How many connections read the observations: 2 when two threads shared the scan.
    int scanConnections() const { return m_scanConnections; }
    /// The observations before the cutoffs that have a narrative, by learner, then day.
    const std::vector<NarrativePoint> &narratives() const { return m_narratives; }

private:
    AsOf m_asOf;
    QDate m_horizon;
    std::vector<LearnerRecord> m_learners;
    std::vector<CompetencyRecord> m_competencies;
    std::vector<RatedPoint> m_ratings;
    std::vector<qint64> m_competencyOffsets; ///< size competencies + 1
    std::vector<ExamPoint> m_exams;
    std::vector<EvidencePoint> m_evidence;
    std::vector<NarrativePoint> m_narratives;
    int m_scanConnections = 1;
    std::vector<std::pair<qint64, qint32>> m_learnerIds;    ///< sorted (id, index)
    std::vector<std::pair<qint64, qint32>> m_competencyIds; ///< sorted (id, index)
};

} // namespace pme::core::analytics
