// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/DemoCohortGenerator.h"
#include "demo/DemoRandom.h"

#include <QByteArray>
#include <QDate>
#include <QList>

#include <array>
#include <span>

namespace pme::core {

inline constexpr int kDemoSubcompetencies = 21;
inline constexpr int kDemoEpas = 13;

/// Latent trajectory classes (docs/demo-cohort.md gives their proportions and slopes).
enum class DemoClass : quint8 { OnTrack, Fast, Slow, Struggling };
enum class DemoStatus : quint8 { Active, Completed, Withdrawn, Leave };
enum class DemoRole : quint8 { Attending, ChiefResident, Nurse, Peer };
/// What a comment talks about: the ACGME competency domain, or entrustment for an EPA.
enum class DemoDomain : quint8 {
    PatientCare,
    Knowledge,
    Systems,
    Improvement,
    Professionalism,
    Communication,
    Entrustment
};

/// A subcompetency of ACGME IM Milestones 2.0 and how it grows relative to the others.
struct DemoSubcompetency {
    const char *code;
    DemoDomain domain;
    double interceptOffset; ///< levels above the program's mean start
    double slopeFactor; ///< multiplies the learner's growth rate
};

struct DemoAssessor {
    QByteArray id;
    DemoRole role = DemoRole::Attending;
    double leniency = 0; ///< levels added to everything this assessor rates
};

/// A latent growth curve: level = saturate(intercept + slope × years since start).
struct DemoTrait {
    double intercept = 0;
    double slope = 0;
};

/// One resident: who, which class, the latent curves and how training went.
struct DemoLearner {
    int index = 0; ///< program-wide, 0-based
    int cohort = 0; ///< entering year
    int number = 0; ///< 1-based within the cohort
    QByteArray id;
    QByteArray givenName;
    QByteArray familyName;
    QByteArray email;
    DemoClass trajectory = DemoClass::OnTrack;
    double ability = 0; ///< general ability; exam scores load on it
    std::array<DemoTrait, kDemoSubcompetencies> traits{};
    std::array<double, kDemoEpas> epaOffsets{};
    QDate start;
    QDate expectedCompletion;
    QDate dataEnd; ///< last day with data: the reference date, a withdrawal or completion
    QDate completion; ///< actual completion; invalid unless status is Completed
    DemoStatus status = DemoStatus::Active;
    bool cohortFinished = false; ///< expected completion is before the reference date
    bool completedOnTime = true;
    int extensionMonths = 0;
    QDate leaveStart; ///< invalid: no leave
    QDate leaveEnd;
    bool sparse = false;
    double observationRate = 0; ///< workplace observations per year
    double lapseRate = 0; ///< chance that a comment reports a professionalism lapse

    bool onLeave(const QDate &date) const { return leaveStart.isValid() && date >= leaveStart && date <= leaveEnd; }
};

/// The statistical model behind the demo cohort; every draw comes from a DemoRandom passed in.
class DemoModel final {
public:
    static std::span<const DemoSubcompetency> subcompetencies();
    static std::span<const char *const> epas();
    static DemoDomain epaDomain() { return DemoDomain::Entrustment; }

    static const char *className(DemoClass c);
    static const char *roleName(DemoRole role);
    static const char *statusName(DemoStatus status);
    static double classProportion(DemoClass c);

    static double years(const QDate &from, const QDate &to) { return from.daysTo(to) / 365.25; }
    /// The latent level on a curve, levelling off smoothly below 5.
    static double latent(const DemoTrait &trait, double years);
    /// Where an on-track resident of average ability stands; comments are written against it.
    static double expectedLevel(int subcompetency, double years);
    static double meanLatent(const DemoLearner &learner, double years);
    static double expectedMeanLevel(double years);
    /// The latent entrustment level (1–5) for one EPA.
    static double entrustment(const DemoLearner &learner, int epa, double years);
    static double expectedEntrustment(double years);

    /// Exactly the published proportions (largest remainder), spread evenly over the cohorts:
    /// the result lists cohort by cohort, in the order learners are numbered.
    static QList<DemoClass> allocateClasses(int learners, int cohorts, DemoRandom &rng);
    static QList<DemoAssessor> makeAssessors(int learners, DemoRandom &rng);
    /// Ability and latent curves; depend only on the learner's own stream.
    static void drawTraits(DemoLearner &learner, DemoRandom &rng);
    /// Status, withdrawal or extension, leave, sparse evidence and observation rate.
    static void drawCourse(DemoLearner &learner, const DemoCohortConfig &config, DemoRandom &rng);
    /// e.g. "PGY2"; empty when the resident is no longer in training.
    static QByteArray stage(const DemoLearner &learner, const QDate &reference);
};

} // namespace pme::core
