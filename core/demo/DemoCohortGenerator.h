// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>

#include <atomic>
#include <functional>

namespace pme::core {

/// What to generate. The same configuration always yields byte-identical files.
struct DemoCohortConfig {
    quint64 seed = 42;
    int learners = 150; ///< residents across all cohorts, split evenly
    int years = 6; ///< entering cohorts, the last in the academic year of referenceDate
    QDate referenceDate{2026, 6, 30}; ///< "today" for the demo: nothing is dated after it
    int observationsPerYear = 0; ///< mean workplace observations per resident per year;
                                 ///< 0: the realistic spread of 35–60
};

/// Where the files went and how many rows each holds (headers not counted).
struct DemoCohortFiles {
    QString roster;
    QString assessments;
    QString milestones;
    QString exams;
    QString outcomes;
    QString truth;
    qint64 learners = 0;
    qint64 assessors = 0;
    qint64 observations = 0;
    qint64 milestoneRatings = 0;
    qint64 examScores = 0;
    qint64 outcomeRows = 0;
};

/// Optional hooks for a long generation. Progress counts learners.
struct DemoCohortProgress {
    std::function<void(qint64 done, qint64 total)> progress;
    const std::atomic<bool> *cancel = nullptr; ///< when set, the job stops with ErrorKind::Cancelled
};

/// A seeded, deterministic generator of a synthetic internal-medicine residency (program IM on
/// ACGME IM Milestones 2.0 and the AAMC Core EPAs). It writes PME Coach's own export files
/// (docs/import-formats.md) — roster, assessments, milestones, exams and outcomes — plus
/// truth.json, the latent traits behind them, which only tests should read. The model and the
/// shapes it reproduces are described in docs/demo-cohort.md.
class DemoCohortGenerator final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::DemoCohortGenerator)

public:
    /// Bumped whenever the same seed would produce different files.
    static constexpr int s_version = 1;
    static constexpr int s_maxLearners = 20000;
    static constexpr int s_maxYears = 20;
    static constexpr int s_maxObservationsPerYear = 5000;
    static constexpr int s_trainingYears = 3;

    static QString programCode() { return QStringLiteral("IM"); }
    static QString programName() { return QStringLiteral("Internal Medicine Residency"); }
    static QString milestoneFramework() { return QStringLiteral("acgme-im-2.0"); }
    static QString epaFramework() { return QStringLiteral("aamc-core-epas"); }

    /// Checks the configuration; the message says which value is wrong and what is allowed.
    static Result<void> validate(const DemoCohortConfig &config);
    /// July 1 of the first and last entering cohorts.
    static QDate firstEntryDate(const DemoCohortConfig &config);
    static QDate lastEntryDate(const DemoCohortConfig &config);

    /// Writes roster.csv, assessments.csv, milestones.csv, exams.csv, outcomes.csv and
    /// truth.json into outDir (created if missing). Each file is replaced whole or not at all.
    static Result<DemoCohortFiles> write(const DemoCohortConfig &config, const QString &outDir,
                                         const DemoCohortProgress &progress = {});
};

} // namespace pme::core
