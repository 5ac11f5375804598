// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/DemoModel.h"

#include <algorithm>
#include <cmath>

namespace pme::core {

namespace {

using D = DemoDomain;

// Offsets reflect what programs report: professionalism and communication are rated higher
// early and grow more slowly; systems-based practice starts lowest.
constexpr std::array<DemoSubcompetency, kDemoSubcompetencies> kSubcompetencies{{
    {"PC1", D::PatientCare, 0.10, 1.00},       {"PC2", D::PatientCare, 0.05, 1.00},
    {"PC3", D::PatientCare, -0.10, 1.00},      {"PC4", D::PatientCare, -0.05, 1.05},
    {"PC5", D::PatientCare, -0.15, 1.02},      {"PC6", D::PatientCare, 0.00, 0.97},
    {"MK1", D::Knowledge, 0.00, 0.97},         {"MK2", D::Knowledge, -0.05, 1.00},
    {"MK3", D::Knowledge, 0.00, 1.00},         {"SBP1", D::Systems, -0.20, 1.03},
    {"SBP2", D::Systems, -0.10, 1.00},         {"SBP3", D::Systems, -0.25, 1.03},
    {"PBLI1", D::Improvement, -0.05, 0.98},    {"PBLI2", D::Improvement, 0.05, 0.97},
    {"PROF1", D::Professionalism, 0.30, 0.90}, {"PROF2", D::Professionalism, 0.20, 0.92},
    {"PROF3", D::Professionalism, 0.25, 0.90}, {"PROF4", D::Professionalism, 0.15, 0.93},
    {"ICS1", D::Communication, 0.25, 0.92},    {"ICS2", D::Communication, 0.15, 0.95},
    {"ICS3", D::Communication, 0.05, 0.97},
}};

constexpr std::array<const char *, kDemoEpas> kEpas{"EPA1", "EPA2", "EPA3",  "EPA4",  "EPA5",  "EPA6", "EPA7",
                                                    "EPA8", "EPA9", "EPA10", "EPA11", "EPA12", "EPA13"};

struct ClassParameters {
    double proportion;
    double interceptShift; ///< levels at the start, relative to on track
    double slope; ///< levels per year
    double abilityMean;
    double onTimeProbability; ///< completes on the expected date
    double withdrawShare; ///< of those who do not, how many leave the program
    double lapseRate;
    int focusMin; ///< subcompetencies where this resident grows even more slowly
    int focusMax;
    double focusPenalty; ///< levels per year taken off in those
};

// Order matches DemoClass. On track grows about one level a year (half a level per CCC
// period), which is what national milestone reports show.
constexpr std::array<ClassParameters, 4> kClasses{{
    {0.70, 0.00, 1.05, 0.0, 0.985, 0.2, 0.004, 0, 0, 0.0},
    {0.12, 0.20, 1.18, 0.9, 0.995, 0.2, 0.002, 0, 0, 0.0},
    {0.12, -0.10, 0.90, -0.5, 0.90, 0.2, 0.03, 1, 3, 0.12},
    {0.06, -0.25, 0.62, -1.1, 0.55, 0.45, 0.16, 3, 6, 0.20},
}};

constexpr double kBaseIntercept = 1.45;
constexpr double kSaturationStart = 4.5;
constexpr double kAbilitySd = 0.8;

const ClassParameters &parameters(DemoClass c)
{
    return kClasses[static_cast<std::size_t>(c)];
}

// A gap of one to three months: on leave today for a few residents in training (their
// evidence stops before the reference date), an earlier gap for some others.
void drawLeave(DemoLearner &learner, const QDate &reference, DemoRandom &rng)
{
    const bool leaveToday = rng.chance(0.025);
    if (!learner.cohortFinished && leaveToday && learner.start.addDays(30) < reference.addMonths(-3)) {
        learner.status = DemoStatus::Leave;
        learner.leaveEnd = reference;
        learner.leaveStart = reference.addMonths(-rng.between(1, 3)).addDays(1);
    } else if (rng.chance(0.05)) {
        const int months = rng.between(1, 3);
        const QDate first = learner.start.addDays(30);
        const QDate last = learner.dataEnd.addMonths(-months).addDays(-30);
        if (first < last) {
            learner.leaveStart = first.addDays(rng.below(static_cast<int>(first.daysTo(last))));
            learner.leaveEnd = learner.leaveStart.addMonths(months).addDays(-1);
        }
    }
}

} // namespace

std::span<const DemoSubcompetency> DemoModel::subcompetencies()
{
    return kSubcompetencies;
}

std::span<const char *const> DemoModel::epas()
{
    return kEpas;
}

const char *DemoModel::className(DemoClass c)
{
    switch (c) {
    case DemoClass::OnTrack:
        return "on_track";
    case DemoClass::Fast:
        return "fast";
    case DemoClass::Slow:
        return "slow";
    case DemoClass::Struggling:
        return "struggling";
    }
    return "on_track";
}

const char *DemoModel::roleName(DemoRole role)
{
    switch (role) {
    case DemoRole::Attending:
        return "attending";
    case DemoRole::ChiefResident:
        return "chief resident";
    case DemoRole::Nurse:
        return "nurse";
    case DemoRole::Peer:
        return "peer";
    }
    return "attending";
}

const char *DemoModel::statusName(DemoStatus status)
{
    switch (status) {
    case DemoStatus::Active:
        return "active";
    case DemoStatus::Completed:
        return "completed";
    case DemoStatus::Withdrawn:
        return "withdrawn";
    case DemoStatus::Leave:
        return "leave";
    }
    return "active";
}

double DemoModel::classProportion(DemoClass c)
{
    return parameters(c).proportion;
}

double DemoModel::latent(const DemoTrait &trait, double years)
{
    // Linear growth, bending smoothly (same value and slope at the join) towards 5.
    const double x = trait.intercept + trait.slope * years;
    if (x <= kSaturationStart)
        return x;
    const double room = 5.0 - kSaturationStart;
    return 5.0 - room * std::exp(-(x - kSaturationStart) / room);
}

double DemoModel::expectedLevel(int subcompetency, double years)
{
    const DemoSubcompetency &s = kSubcompetencies[static_cast<std::size_t>(subcompetency)];
    return latent({kBaseIntercept + s.interceptOffset, parameters(DemoClass::OnTrack).slope * s.slopeFactor}, years);
}

double DemoModel::meanLatent(const DemoLearner &learner, double years)
{
    double sum = 0;
    for (const DemoTrait &trait : learner.traits)
        sum += latent(trait, years);
    return sum / kDemoSubcompetencies;
}

double DemoModel::expectedMeanLevel(double years)
{
    double sum = 0;
    for (int s = 0; s < kDemoSubcompetencies; ++s)
        sum += expectedLevel(s, years);
    return sum / kDemoSubcompetencies;
}

double DemoModel::entrustment(const DemoLearner &learner, int epa, double years)
{
    // Entrustment follows overall milestone standing: about 2.5 on arrival, 5 at graduation.
    const double level = 1.5 + 0.8 * meanLatent(learner, years) + learner.epaOffsets[static_cast<std::size_t>(epa)];
    return std::clamp(level, 1.0, 5.0);
}

double DemoModel::expectedEntrustment(double years)
{
    return std::clamp(1.5 + 0.8 * expectedMeanLevel(years), 1.0, 5.0);
}

QList<DemoClass> DemoModel::allocateClasses(int learners, int cohorts, DemoRandom &rng)
{
    // Largest remainder, so that a small demo still has its few struggling residents.
    std::array<int, 4> counts{};
    std::array<double, 4> remainders{};
    int assigned = 0;
    for (std::size_t c = 0; c < kClasses.size(); ++c) {
        const double exact = kClasses[c].proportion * learners;
        counts[c] = static_cast<int>(std::floor(exact));
        remainders[c] = exact - counts[c];
        assigned += counts[c];
    }
    while (assigned < learners) {
        const auto largest = std::max_element(remainders.begin(), remainders.end()) - remainders.begin();
        ++counts[static_cast<std::size_t>(largest)];
        remainders[static_cast<std::size_t>(largest)] = -1;
        ++assigned;
    }
    QList<DemoClass> sorted;
    sorted.reserve(learners);
    for (std::size_t c = 0; c < counts.size(); ++c)
        sorted.insert(sorted.size(), counts[c], static_cast<DemoClass>(c));

    // Dealt to the cohorts like cards (cohort c gets items c, c + cohorts, ... of the sorted
    // list, from a random cut), so that every cohort, and the completed ones in particular,
    // holds the published mix; then shuffled within each cohort.
    QList<DemoClass> classes;
    classes.reserve(learners);
    const int cut = rng.below(learners);
    for (int c = 0; c < cohorts; ++c) {
        const qsizetype first = classes.size();
        for (int item = c; item < learners; item += cohorts)
            classes.append(sorted[(item + cut) % learners]);
        for (qsizetype i = classes.size() - 1; i > first; --i) // Fisher–Yates
            classes.swapItemsAt(i, first + rng.below(static_cast<int>(i - first) + 1));
    }
    return classes;
}

QList<DemoAssessor> DemoModel::makeAssessors(int learners, DemoRandom &rng)
{
    // About 60 for a real program; more for the large benchmark cohorts so that no assessor
    // rates implausibly many forms.
    const int count = std::max(60, learners * 2 / 5);
    const int width = std::max(3, static_cast<int>(QByteArray::number(count).size()));
    static constexpr std::array<double, 4> kRoleWeights{0.55, 0.10, 0.20, 0.15};
    QList<DemoAssessor> assessors;
    assessors.reserve(count);
    for (int i = 0; i < count; ++i) {
        DemoAssessor a;
        a.id = "IM-A" + QByteArray::number(i + 1).rightJustified(width, '0');
        a.role = static_cast<DemoRole>(rng.weighted(kRoleWeights));
        a.leniency = rng.normal(0, 0.3);
        assessors.append(a);
    }
    // Every role must exist for the observation mix; the first four take one each.
    for (int r = 0; r < 4 && r < count; ++r)
        assessors[r].role = static_cast<DemoRole>(r);
    return assessors;
}

void DemoModel::drawTraits(DemoLearner &learner, DemoRandom &rng)
{
    const ClassParameters &p = parameters(learner.trajectory);
    learner.ability = rng.normal(p.abilityMean, kAbilitySd);
    const double deviation = learner.ability - p.abilityMean;
    const double learnerIntercept = rng.normal(0, 0.12) + 0.12 * deviation;
    const double learnerSlope = rng.normal(0, 0.06) + 0.05 * deviation;

    std::array<double, kDemoSubcompetencies> penalty{};
    const int focus = p.focusMax > 0 ? rng.between(p.focusMin, p.focusMax) : 0;
    for (int i = 0; i < focus; ++i)
        penalty[static_cast<std::size_t>(rng.below(kDemoSubcompetencies))] = p.focusPenalty;

    for (std::size_t s = 0; s < kSubcompetencies.size(); ++s) {
        DemoTrait &t = learner.traits[s];
        t.intercept = kBaseIntercept + p.interceptShift + kSubcompetencies[s].interceptOffset + learnerIntercept
            + rng.normal(0, 0.12);
        t.slope = (p.slope + learnerSlope) * kSubcompetencies[s].slopeFactor + rng.normal(0, 0.05) - penalty[s];
        t.slope = std::max(t.slope, 0.15); // nobody regresses on average
    }
    for (double &offset : learner.epaOffsets)
        offset = rng.normal(0, 0.2);
}

void DemoModel::drawCourse(DemoLearner &learner, const DemoCohortConfig &config, DemoRandom &rng)
{
    const ClassParameters &p = parameters(learner.trajectory);
    const QDate &reference = config.referenceDate;
    learner.cohortFinished = learner.expectedCompletion < reference;
    learner.dataEnd = reference;
    learner.status = DemoStatus::Active;
    if (learner.cohortFinished) {
        learner.completedOnTime = rng.chance(p.onTimeProbability);
        if (learner.completedOnTime) {
            learner.status = DemoStatus::Completed;
            learner.completion = learner.expectedCompletion;
        } else if (rng.chance(p.withdrawShare)) {
            learner.status = DemoStatus::Withdrawn;
            learner.dataEnd = learner.start.addDays(static_cast<qint64>(rng.uniform(1.0, 2.7) * 365.25));
        } else {
            // Extensions run in CCC periods so that a meeting closes them.
            learner.extensionMonths = rng.chance(0.75) ? 6 : 12;
            const QDate end = learner.expectedCompletion.addMonths(learner.extensionMonths);
            if (end < reference) {
                learner.status = DemoStatus::Completed;
                learner.completion = end;
            }
        }
        if (learner.status == DemoStatus::Completed)
            learner.dataEnd = learner.completion;
    }

    drawLeave(learner, reference, rng);

    learner.sparse = rng.chance(0.10);
    learner.observationRate = config.observationsPerYear > 0
        ? config.observationsPerYear * std::max(0.3, rng.normal(1.0, 0.15))
        : rng.uniform(35, 60);
    if (learner.sparse)
        learner.observationRate *= rng.uniform(0.2, 0.45);
    learner.lapseRate = p.lapseRate;
}

QByteArray DemoModel::stage(const DemoLearner &learner, const QDate &reference)
{
    if (learner.status == DemoStatus::Completed || learner.status == DemoStatus::Withdrawn)
        return {};
    const int year = std::clamp(static_cast<int>(std::floor(years(learner.start, reference))) + 1, 1,
                                DemoCohortGenerator::s_trainingYears);
    return "PGY" + QByteArray::number(year);
}

} // namespace pme::core
