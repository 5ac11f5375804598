// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/DemoModel.h"
#include "demo/DemoTextFile.h"

#include <QList>

#include <array>
#include <optional>
#include <vector>

namespace pme::core {

/// What one learner's records turned out to be; truth.json reports it beside the latent truth.
struct DemoLearnerRecords {
    std::array<double, kDemoSubcompetencies> finalLevel{}; ///< last CCC level; 0 when never rated
    QDate finalMeeting;
    qint64 observations = 0;
    int exams = 0;
    double meanExamZ = 0; ///< mean standardised exam performance
    std::optional<double> boardFailProbability; ///< for residents who completed
    std::optional<bool> boardPassed; ///< when the exam was sat before the reference date
};

/// Writes one learner's observations, CCC milestone ratings, exam scores and outcomes. Each
/// kind of record draws from its own stream of the learner, so that changing the volume of
/// observations leaves milestones, exams and outcomes as they were.
class DemoRecords final {
public:
    struct Files {
        DemoTextFile &assessments;
        DemoTextFile &milestones;
        DemoTextFile &exams;
        DemoTextFile &outcomes;
    };

    DemoRecords(const DemoCohortConfig &config, const QList<DemoAssessor> &assessors, Files files);

    DemoLearnerRecords write(const DemoLearner &learner);

private:
    struct Observation;

    void writeObservations(const DemoLearner &learner, DemoLearnerRecords &records);
    std::vector<QDate> observationDates(const DemoLearner &learner, DemoRandom &rng) const;
    void drawObservation(const DemoLearner &learner, const QDate &date, DemoRandom &rng, Observation &o) const;
    void writeObservation(const DemoLearner &learner, const QDate &date, const Observation &o);
    void writeMilestones(const DemoLearner &learner, DemoLearnerRecords &records);
    void writeExams(const DemoLearner &learner, DemoLearnerRecords &records);
    void writeOutcomes(const DemoLearner &learner, DemoLearnerRecords &records);
    const DemoAssessor &pickAssessor(DemoRole role, DemoRandom &rng) const;

    const DemoCohortConfig &m_config;
    const QList<DemoAssessor> &m_assessors;
    Files m_files;
    std::array<QList<int>, 4> m_byRole;
    double m_yearWeight = 0;
    qint64 m_nextObservation = 1;
    QByteArray m_narrative; // reused: one allocation for all comments
};

} // namespace pme::core
