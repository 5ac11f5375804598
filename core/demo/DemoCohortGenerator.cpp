// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/DemoCohortGenerator.h"

#include "demo/DemoModel.h"
#include "demo/DemoNames.h"
#include "demo/DemoRecords.h"
#include "demo/DemoTextFile.h"
#include "demo/DemoTruthWriter.h"

#include <QDir>
#include <QSet>

#include <memory>

namespace pme::core {

namespace {

// Streams of one learner's generator (DemoRandom::derive); records use 2 and 4–6.
constexpr quint64 kTraitStream = 1;
constexpr quint64 kNameStream = 3;

/// The six output files, opened together and committed together.
struct Outputs {
    explicit Outputs(const QDir &dir)
        : roster(dir.filePath(QStringLiteral("roster.csv"))),
          assessments(dir.filePath(QStringLiteral("assessments.csv"))),
          milestones(dir.filePath(QStringLiteral("milestones.csv"))),
          exams(dir.filePath(QStringLiteral("exams.csv"))),
          outcomes(dir.filePath(QStringLiteral("outcomes.csv"))),
          truth(dir.filePath(QStringLiteral("truth.json")))
    {
    }

    std::array<DemoTextFile *, 6> all() { return {&roster, &assessments, &milestones, &exams, &outcomes, &truth}; }

    DemoTextFile roster;
    DemoTextFile assessments;
    DemoTextFile milestones;
    DemoTextFile exams;
    DemoTextFile outcomes;
    DemoTextFile truth;
};

void writeHeaders(Outputs &out)
{
    out.roster.header({"learner_id", "family_name", "given_name", "email", "program", "program_name", "framework",
                       "start_date", "expected_completion_date", "status", "stage"});
    out.assessments.header({"observation_id", "learner_id", "date", "framework", "competency", "kind", "rating",
                            "assessor", "assessor_role", "instrument", "context", "narrative"});
    out.milestones.header({"learner_id", "date", "period", "framework", "subcompetency", "level"});
    out.exams.header({"learner_id", "date", "exam", "score", "percentile"});
    out.outcomes.header({"learner_id", "outcome", "value", "date", "competency"});
}

DemoLearner makeLearner(const DemoCohortConfig &config, int index, int cohort, int number, int width,
                        DemoClass trajectory, QSet<QByteArray> *emails)
{
    DemoLearner l;
    l.index = index;
    l.cohort = cohort;
    l.number = number;
    l.id = "IM-" + QByteArray::number(cohort) + '-' + QByteArray::number(number).rightJustified(width, '0');
    l.trajectory = trajectory;
    l.start = QDate(cohort, 7, 1);
    l.expectedCompletion = l.start.addYears(DemoCohortGenerator::s_trainingYears).addDays(-1);

    DemoRandom names(DemoRandom::derive(config.seed, static_cast<quint64>(index), kNameStream));
    DemoNames::draw(names, &l.givenName, &l.familyName);
    l.email = DemoNames::email(l.givenName, l.familyName, emails);

    DemoRandom traits(DemoRandom::derive(config.seed, static_cast<quint64>(index), kTraitStream));
    DemoModel::drawTraits(l, traits);
    DemoModel::drawCourse(l, config, traits);
    return l;
}

void writeRosterRow(DemoTextFile &f, const DemoLearner &l, const QDate &reference)
{
    f.field(l.id);
    f.field(l.familyName);
    f.field(l.givenName);
    f.field(l.email);
    f.field("IM");
    f.field("Internal Medicine Residency");
    f.field("acgme-im-2.0");
    f.field(l.start.toString(Qt::ISODate).toLatin1());
    f.field(l.expectedCompletion.toString(Qt::ISODate).toLatin1());
    f.field(DemoModel::statusName(l.status));
    f.field(DemoModel::stage(l, reference));
    f.endRow();
}

} // namespace

Result<void> DemoCohortGenerator::validate(const DemoCohortConfig &config)
{
    if (config.learners < 1 || config.learners > s_maxLearners)
        return makeError(
            ErrorKind::BadInput,
            tr("The number of learners must be between 1 and %1 (got %2).").arg(s_maxLearners).arg(config.learners));
    if (config.years < 1 || config.years > s_maxYears)
        return makeError(
            ErrorKind::BadInput,
            tr("The number of entering cohorts must be between 1 and %1 (got %2).").arg(s_maxYears).arg(config.years));
    if (config.observationsPerYear < 0 || config.observationsPerYear > s_maxObservationsPerYear)
        return makeError(ErrorKind::BadInput,
                         tr("Observations per resident per year must be between 0 (the realistic default) and "
                            "%1 (got %2).")
                             .arg(s_maxObservationsPerYear)
                             .arg(config.observationsPerYear));
    if (!config.referenceDate.isValid() || config.referenceDate.year() < 1970 || config.referenceDate.year() > 2200)
        return makeError(ErrorKind::BadInput, tr("The reference date must be a valid date between 1970 and 2200."));
    return {};
}

QDate DemoCohortGenerator::lastEntryDate(const DemoCohortConfig &config)
{
    // The academic year that contains the reference date started on the last July 1.
    const QDate &r = config.referenceDate;
    return QDate(r.month() >= 7 ? r.year() : r.year() - 1, 7, 1);
}

QDate DemoCohortGenerator::firstEntryDate(const DemoCohortConfig &config)
{
    return lastEntryDate(config).addYears(-(config.years - 1));
}

Result<DemoCohortFiles> DemoCohortGenerator::write(const DemoCohortConfig &config, const QString &outDir,
                                                   const DemoCohortProgress &progress)
{
    if (auto valid = validate(config); !valid)
        return valid.error();
    const QDir dir(outDir);
    if (!QDir().mkpath(outDir))
        return makeError(ErrorKind::Io, tr("Could not create the folder %1.").arg(QDir::toNativeSeparators(outDir)));
    auto out = std::make_unique<Outputs>(dir);
    for (DemoTextFile *file : out->all()) {
        if (!file->open())
            return makeError(
                ErrorKind::Io,
                tr("Could not write %1: %2.").arg(QDir::toNativeSeparators(file->path()), file->errorString()));
    }
    writeHeaders(*out);

    DemoRandom master(DemoRandom::derive(config.seed, 0, 0));
    const QList<DemoAssessor> assessors = DemoModel::makeAssessors(config.learners, master);
    const QList<DemoClass> classes = DemoModel::allocateClasses(config.learners, config.years, master);
    DemoTruthWriter truth(out->truth, config);
    truth.begin(assessors);
    DemoRecords records(config, assessors, {out->assessments, out->milestones, out->exams, out->outcomes});

    QSet<QByteArray> emails;
    const int firstCohort = firstEntryDate(config).year();
    int index = 0;
    for (int c = 0; c < config.years; ++c) {
        const int size = config.learners / config.years + (c < config.learners % config.years ? 1 : 0);
        const int width = std::max(3, static_cast<int>(QByteArray::number(size).size()));
        for (int number = 1; number <= size; ++number, ++index) {
            if (progress.cancel && progress.cancel->load())
                return makeError(ErrorKind::Cancelled, tr("Generating the demo cohort was cancelled."));
            const DemoLearner learner
                = makeLearner(config, index, firstCohort + c, number, width, classes[index], &emails);
            writeRosterRow(out->roster, learner, config.referenceDate);
            truth.learner(learner, records.write(learner));
            if (progress.progress)
                progress.progress(index + 1, config.learners);
        }
    }
    truth.end();

    for (DemoTextFile *file : out->all()) {
        if (!file->commit())
            return makeError(
                ErrorKind::Io,
                tr("Could not write %1: %2.").arg(QDir::toNativeSeparators(file->path()), file->errorString()));
    }
    DemoCohortFiles files;
    files.roster = out->roster.path();
    files.assessments = out->assessments.path();
    files.milestones = out->milestones.path();
    files.exams = out->exams.path();
    files.outcomes = out->outcomes.path();
    files.truth = out->truth.path();
    files.learners = out->roster.rows();
    files.assessors = assessors.size();
    files.observations = out->assessments.rows();
    files.milestoneRatings = out->milestones.rows();
    files.examScores = out->exams.rows();
    files.outcomeRows = out->outcomes.rows();
    return files;
}

} // namespace pme::core
