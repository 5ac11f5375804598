// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/DemoRecords.h"

#include "demo/DemoNarratives.h"

#include <algorithm>
#include <cmath>

namespace pme::core {

namespace {

// Fewer forms in vacation months (August, December) and around the July changeover, and far
// fewer on weekends.
constexpr std::array<double, 12> kMonthWeights{0.9, 1.0, 1.0, 1.0, 0.9, 0.75, 0.8, 0.7, 1.0, 1.0, 0.95, 0.55};
constexpr double kWeekendWeight = 0.3;

constexpr double kNarrativeOnlyShare = 0.03;
constexpr double kEpaShare = 0.28;
constexpr std::array<double, 4> kAssessmentRoles{0.60, 0.12, 0.16, 0.12};
constexpr std::array<double, 4> kNarrativeRoles{0.30, 0.10, 0.35, 0.25};
constexpr std::array<double, 13> kEpaWeights{1.3, 1.2, 1.0, 1.2, 1.0, 1.2, 0.6, 1.0, 0.8, 0.9, 0.5, 0.4, 0.5};
constexpr std::array<const char *, 3> kInstruments{"mini-CEX", "Direct observation", "Case-based discussion"};
constexpr std::array<double, 3> kInstrumentWeights{0.4, 0.35, 0.25};
constexpr std::array<const char *, 5> kContexts{"inpatient ward", "ambulatory clinic", "ICU", "emergency department",
                                                "night float"};
constexpr std::array<double, 5> kContextWeights{0.45, 0.25, 0.12, 0.10, 0.08};

// Noise in levels: one workplace rating, one committee decision.
constexpr double kRatingSd = 0.45;
constexpr double kEntrustmentSd = 0.5;
constexpr double kCommitteeSd = 0.2;
constexpr double kExamLoading = 0.6;

// Indexes into DemoModel::subcompetencies().
enum Sub { PC4 = 3, PC5 = 4, SBP2 = 10, PROF1 = 14, PROF3 = 16, ICS1 = 18, ICS2 = 19, ICS3 = 20 };

double dayWeight(const QDate &date)
{
    return kMonthWeights[static_cast<std::size_t>(date.month() - 1)] * (date.dayOfWeek() >= 6 ? kWeekendWeight : 1.0);
}

QByteArray halfLevel(double level)
{
    const int twice = static_cast<int>(std::lround(std::clamp(level, 1.0, 5.0) * 2));
    return QByteArray::number(twice / 2) + (twice % 2 ? ".5" : ".0");
}

double standardNormalCdf(double x)
{
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

QDate thirdWednesdayOfOctober(int year)
{
    const QDate first(year, 10, 1);
    return first.addDays((3 - first.dayOfWeek() + 7) % 7 + 14);
}

QByteArray isoDate(const QDate &date)
{
    return date.toString(Qt::ISODate).toLatin1();
}

std::array<double, kDemoSubcompetencies> subcompetencyWeights(bool teamRater)
{
    // Nurses and peers rate what they see: communication, teamwork, reliability.
    std::array<double, kDemoSubcompetencies> weights{};
    const auto subs = DemoModel::subcompetencies();
    for (std::size_t s = 0; s < weights.size(); ++s) {
        switch (subs[s].domain) {
        case DemoDomain::PatientCare:
            weights[s] = 1.4;
            break;
        case DemoDomain::Knowledge:
            weights[s] = 1.2;
            break;
        case DemoDomain::Communication:
            weights[s] = 0.8;
            break;
        default:
            weights[s] = 0.6;
            break;
        }
        if (teamRater)
            weights[s] = 0;
    }
    if (teamRater) {
        for (int s : {SBP2, PROF1, PROF3, ICS1, ICS2, ICS3})
            weights[static_cast<std::size_t>(s)] = 1.0;
    }
    return weights;
}

const std::array<double, kDemoSubcompetencies> kFacultySubWeights = subcompetencyWeights(false);
const std::array<double, kDemoSubcompetencies> kTeamSubWeights = subcompetencyWeights(true);

} // namespace

struct DemoRecords::Observation {
    enum class Kind { Assessment, Epa, Narrative } kind = Kind::Assessment;
    int competency = 0; ///< subcompetency or EPA index
    const DemoAssessor *assessor = nullptr;
    const char *instrument = "";
    const char *context = "";
    QByteArray rating;
    bool hasNarrative = false;
    DemoTone tone = DemoTone::Solid;
    bool lapse = false;
};

DemoRecords::DemoRecords(const DemoCohortConfig &config, const QList<DemoAssessor> &assessors, Files files)
    : m_config(config), m_assessors(assessors), m_files(files)
{
    for (qsizetype i = 0; i < assessors.size(); ++i)
        m_byRole[static_cast<std::size_t>(assessors[i].role)].append(static_cast<int>(i));
    const QDate from(2021, 7, 1); // any ordinary academic year
    for (QDate d = from; d < from.addYears(1); d = d.addDays(1))
        m_yearWeight += dayWeight(d);
}

DemoLearnerRecords DemoRecords::write(const DemoLearner &learner)
{
    DemoLearnerRecords records;
    writeObservations(learner, records);
    writeMilestones(learner, records);
    writeExams(learner, records);
    writeOutcomes(learner, records);
    return records;
}

const DemoAssessor &DemoRecords::pickAssessor(DemoRole role, DemoRandom &rng) const
{
    const QList<int> &pool = m_byRole[static_cast<std::size_t>(role)];
    return m_assessors[pool[rng.below(static_cast<int>(pool.size()))]];
}

std::vector<QDate> DemoRecords::observationDates(const DemoLearner &learner, DemoRandom &rng) const
{
    std::vector<double> cumulative;
    cumulative.reserve(static_cast<std::size_t>(learner.start.daysTo(learner.dataEnd) + 1));
    double total = 0;
    for (QDate d = learner.start; d <= learner.dataEnd; d = d.addDays(1)) {
        total += learner.onLeave(d) ? 0.0 : dayWeight(d);
        cumulative.push_back(total);
    }
    const double expected = learner.observationRate * total / m_yearWeight;
    const auto count = static_cast<int>(std::lround(std::max(0.0, expected * rng.normal(1.0, 0.08))));
    std::vector<int> days;
    days.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), rng.uniform() * total);
        days.push_back(static_cast<int>(
            std::min<std::ptrdiff_t>(it - cumulative.begin(), static_cast<std::ptrdiff_t>(cumulative.size()) - 1)));
    }
    std::sort(days.begin(), days.end());
    std::vector<QDate> dates;
    dates.reserve(days.size());
    for (int day : days)
        dates.push_back(learner.start.addDays(day));
    return dates;
}

void DemoRecords::drawObservation(const DemoLearner &learner, const QDate &date, DemoRandom &rng, Observation &o) const
{
    using Kind = Observation::Kind;
    const double t = DemoModel::years(learner.start, date);
    const double u = rng.uniform();
    o.kind = u < kNarrativeOnlyShare          ? Kind::Narrative
        : u < kNarrativeOnlyShare + kEpaShare ? Kind::Epa
                                              : Kind::Assessment;
    o.context = kContexts[static_cast<std::size_t>(rng.weighted(kContextWeights))];
    double gap = 0;
    if (o.kind == Kind::Epa) {
        o.assessor = &pickAssessor(rng.chance(0.85) ? DemoRole::Attending : DemoRole::ChiefResident, rng);
        o.competency = rng.weighted(kEpaWeights);
        o.instrument = "EPA entrustment";
        const double perceived
            = DemoModel::entrustment(learner, o.competency, t) + o.assessor->leniency + rng.normal(0, kEntrustmentSd);
        o.rating = QByteArray::number(std::clamp(static_cast<int>(std::lround(perceived)), 1, 5));
        // Entrustment moves 0.8 levels per milestone level (DemoModel::entrustment).
        gap = (perceived - DemoModel::expectedEntrustment(t)) / 0.8;
        o.hasNarrative = rng.chance(0.4);
    } else if (o.kind == Kind::Narrative) {
        o.assessor = &pickAssessor(static_cast<DemoRole>(rng.weighted(kNarrativeRoles)), rng);
        static constexpr std::array<int, 4> kTopics{PROF1, PROF3, ICS1, ICS2};
        o.competency = kTopics[static_cast<std::size_t>(rng.below(4))];
        o.instrument = "Narrative comment";
        o.rating.clear();
        gap = DemoModel::meanLatent(learner, t) - DemoModel::expectedMeanLevel(t) + o.assessor->leniency
            + rng.normal(0, kRatingSd);
        o.hasNarrative = true;
    } else {
        o.assessor = &pickAssessor(static_cast<DemoRole>(rng.weighted(kAssessmentRoles)), rng);
        const bool team = o.assessor->role == DemoRole::Nurse || o.assessor->role == DemoRole::Peer;
        o.competency = rng.weighted(team ? kTeamSubWeights : kFacultySubWeights);
        o.instrument
            = team ? "Multisource feedback" : kInstruments[static_cast<std::size_t>(rng.weighted(kInstrumentWeights))];
        if (o.competency == PC5)
            o.context = "ambulatory clinic";
        else if (o.competency == PC4 && qstrcmp(o.context, "ambulatory clinic") == 0)
            o.context = "inpatient ward";
        const double perceived = DemoModel::latent(learner.traits[static_cast<std::size_t>(o.competency)], t)
            + o.assessor->leniency + rng.normal(0, kRatingSd);
        o.rating = halfLevel(perceived);
        gap = perceived - DemoModel::expectedLevel(o.competency, t);
        o.hasNarrative = rng.chance(team ? 0.7 : 0.6);
    }
    // The comment agrees with the rating: both come from what this assessor perceived.
    o.tone = DemoNarratives::tone(gap);
    o.lapse = rng.chance(o.kind == Kind::Narrative ? std::min(1.0, 3 * learner.lapseRate) : learner.lapseRate);
    o.hasNarrative = o.hasNarrative || o.lapse;
}

void DemoRecords::writeObservations(const DemoLearner &learner, DemoLearnerRecords &records)
{
    DemoRandom rng(DemoRandom::derive(m_config.seed, static_cast<quint64>(learner.index), 2));
    const std::vector<QDate> dates = observationDates(learner, rng);
    Observation o;
    for (const QDate &date : dates) {
        drawObservation(learner, date, rng, o);
        m_narrative.resize(0);
        if (o.hasNarrative) {
            const DemoDomain domain = o.kind == Observation::Kind::Epa
                ? DemoDomain::Entrustment
                : DemoModel::subcompetencies()[static_cast<std::size_t>(o.competency)].domain;
            DemoNarratives::compose(m_narrative, rng, domain, o.tone, o.lapse);
        }
        writeObservation(learner, date, o);
    }
    records.observations = static_cast<qint64>(dates.size());
}

void DemoRecords::writeObservation(const DemoLearner &learner, const QDate &date, const Observation &o)
{
    using Kind = Observation::Kind;
    DemoTextFile &f = m_files.assessments;
    f.field(QByteArray("IM-OBS-" + QByteArray::number(m_nextObservation++).rightJustified(8, '0')));
    f.field(learner.id);
    f.field(isoDate(date));
    if (o.kind == Kind::Epa) {
        f.field("aamc-core-epas");
        f.field(DemoModel::epas()[static_cast<std::size_t>(o.competency)]);
        f.field("epa");
    } else {
        f.field("acgme-im-2.0");
        f.field(DemoModel::subcompetencies()[static_cast<std::size_t>(o.competency)].code);
        f.field(o.kind == Kind::Narrative ? "narrative" : "assessment");
    }
    f.field(o.rating);
    f.field(o.assessor->id);
    f.field(DemoModel::roleName(o.assessor->role));
    f.field(o.instrument);
    f.field(o.context);
    f.field(m_narrative);
    f.endRow();
}

void DemoRecords::writeMilestones(const DemoLearner &learner, DemoLearnerRecords &records)
{
    DemoRandom rng(DemoRandom::derive(m_config.seed, static_cast<quint64>(learner.index), 4));
    std::array<double, kDemoSubcompetencies> previous{};
    const QDate last = std::min(learner.dataEnd, m_config.referenceDate);
    for (int year = learner.start.year(); year <= last.year(); ++year) {
        for (const QDate &meeting : {QDate(year, 6, 15), QDate(year, 12, 15)}) {
            if (meeting <= learner.start || meeting > last)
                continue;
            const QByteArray date = isoDate(meeting);
            const QByteArray period = QByteArray::number(year) + (meeting.month() >= 7 ? "-fall" : "-spring");
            const double t = DemoModel::years(learner.start, meeting);
            for (std::size_t s = 0; s < previous.size(); ++s) {
                double level = DemoModel::latent(learner.traits[s], t) + rng.normal(0, kCommitteeSd);
                // Committees seldom lower a rating by more than half a level.
                level = std::round(std::clamp(level, 1.0, 5.0) * 2) / 2;
                if (previous[s] > 0)
                    level = std::max(level, previous[s] - 0.5);
                previous[s] = level;
                DemoTextFile &f = m_files.milestones;
                f.field(learner.id);
                f.field(date);
                f.field(period);
                f.field("acgme-im-2.0");
                f.field(DemoModel::subcompetencies()[s].code);
                f.field(halfLevel(level));
                f.endRow();
            }
            records.finalMeeting = meeting;
        }
    }
    records.finalLevel = previous;
}

void DemoRecords::writeExams(const DemoLearner &learner, DemoLearnerRecords &records)
{
    DemoRandom rng(DemoRandom::derive(m_config.seed, static_cast<quint64>(learner.index), 5));
    const QDate last = std::min(learner.dataEnd, m_config.referenceDate);
    double sum = 0;
    for (int year = learner.start.year(); year <= last.year(); ++year) {
        const QDate date = thirdWednesdayOfOctober(year);
        const double z = kExamLoading * learner.ability + std::sqrt(1 - kExamLoading * kExamLoading) * rng.normal();
        if (date <= learner.start || date > last || learner.onLeave(date))
            continue;
        const int pgy = std::clamp(static_cast<int>(DemoModel::years(learner.start, date)) + 1, 1,
                                   DemoCohortGenerator::s_trainingYears);
        // Percent correct rises with PGY; the percentile is against the same PGY nationally.
        const double score = std::clamp(62.0 + 4.0 * (pgy - 1) + 8.0 * z, 25.0, 95.0);
        const int percentile = std::clamp(static_cast<int>(std::lround(100 * standardNormalCdf(z))), 1, 99);
        DemoTextFile &f = m_files.exams;
        f.field(learner.id);
        f.field(isoDate(date));
        f.field("IM-ITE");
        f.field(QByteArray::number(score, 'f', 1));
        f.field(percentile);
        f.endRow();
        sum += z;
        ++records.exams;
    }
    records.meanExamZ = records.exams > 0 ? sum / records.exams : 0.0;
}

void DemoRecords::writeOutcomes(const DemoLearner &learner, DemoLearnerRecords &records)
{
    if (!learner.cohortFinished)
        return;
    DemoRandom rng(DemoRandom::derive(m_config.seed, static_cast<quint64>(learner.index), 6));
    DemoTextFile &f = m_files.outcomes;
    const auto row
        = [&f, &learner](const char *outcome, const QByteArray &value, const QDate &date, const char *competency) {
              f.field(learner.id);
              f.field(outcome);
              f.field(value);
              f.field(isoDate(date));
              f.field(competency);
              f.endRow();
          };
    const QDate onTimeKnown = learner.status == DemoStatus::Withdrawn ? learner.dataEnd : learner.expectedCompletion;
    row("completed_on_time", learner.completedOnTime ? "1" : "0", onTimeKnown, "");
    if (learner.status != DemoStatus::Completed)
        return;
    for (std::size_t s = 0; s < records.finalLevel.size(); ++s)
        row("level4_at_completion", records.finalLevel[s] >= 4.0 ? "1" : "0", learner.completion,
            DemoModel::subcompetencies()[s].code);

    // Board certification: harder for slow and struggling residents and for low exam scores.
    const double logit = -2.6 + (learner.trajectory == DemoClass::Struggling ? 1.4 : 0.0)
        + (learner.trajectory == DemoClass::Slow ? 0.6 : 0.0) - 1.0 * records.meanExamZ;
    records.boardFailProbability = 1.0 / (1.0 + std::exp(-logit));
    const bool passed = !rng.chance(*records.boardFailProbability);
    const int examYear = learner.completion.month() <= 7 ? learner.completion.year() : learner.completion.year() + 1;
    const QDate boardDate(examYear, 8, 20);
    if (boardDate > m_config.referenceDate)
        return;
    records.boardPassed = passed;
    row("board_result", passed ? "pass" : "fail", boardDate, "");
}

} // namespace pme::core
