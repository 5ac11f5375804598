// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/OuladImporter.h"

#include "domain/Dates.h"
#include "domain/Hashing.h"
#include "governance/ActingUser.h"
#include "governance/AuditLog.h"
#include "store/Database.h"
#include "store/FrameworkRepository.h"
#include "store/ImportBatchRepository.h"
#include "store/LearnerRepository.h"
#include "store/ObservationBulkWriter.h"
#include "store/RosterWriter.h"
#include "store/SourceRepository.h"
#include "store/Statement.h"
#include "store/Transaction.h"
#include "sync/CsvReader.h"
#include "sync/SyncLookups.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

#include <fstream>
#include <functional>

namespace pme::core {

namespace {

const QString kFrameworkCode = QStringLiteral("oulad-assessments");

// Reads one file of the folder, handing each data row over as name → value.
Result<qint64> readTable(const QString &path, const std::function<bool(const QHash<QString, QString> &, qint64)> &onRow)
{
    std::ifstream in(QFile::encodeName(path).constData(), std::ios::binary);
    if (!in)
        return makeError(ErrorKind::Io, OuladImporter::tr("Cannot read %1.").arg(QDir::toNativeSeparators(path)));
    QStringList header;
    qint64 rows = 0;
    CsvReader reader;
    const CsvSummary summary = reader.read(in, [&](const CsvRecord &record) {
        if (record.isHeader()) {
            for (std::string_view name : record.fields())
                header << QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
            return true;
        }
        QHash<QString, QString> row;
        for (qsizetype i = 0; i < header.size(); ++i) {
            const std::string_view value = record.value(static_cast<std::size_t>(i));
            row.insert(header.at(i), QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size())));
        }
        ++rows;
        return onRow(row, record.number());
    });
    if (summary.fatal)
        return makeError(ErrorKind::BadInput, OuladImporter::tr("%1 cannot be read: %2")
                                                  .arg(QDir(path).dirName(), QString::fromStdString(summary.fatal->message)));
    return rows;
}

Framework ouladFramework()
{
    Framework f;
    f.code = kFrameworkCode;
    f.name = QStringLiteral("Open University assessments");
    f.kind = Framework::Kind::Competencies;
    f.description = QStringLiteral("Assessment types of the Open University Learning Analytics Dataset, scored 0–100.");
    f.scaleMin = 0;
    f.scaleMax = 100;
    f.scaleStep = 1;
    f.targetLevel = 40;  // the OU pass mark
    f.source = QStringLiteral("OULAD (Kuzilek, Hlosta, Zdrahal, Sci. Data 4:170171, 2017)");
    f.competencies = {
        {0, 0, QStringLiteral("TMA"), QStringLiteral("Tutor-marked assessment"), {}, {}, {}, {}, {}, 1},
        {0, 0, QStringLiteral("CMA"), QStringLiteral("Computer-marked assessment"), {}, {}, {}, {}, {}, 2},
        {0, 0, QStringLiteral("Exam"), QStringLiteral("Final exam"), {}, {}, {}, {}, {}, 3},
    };
    return f;
}

} // namespace

struct OuladImporter::State {
    QDir folder;
    qint64 sourceId = 0;
    qint64 batchId = 0;
    QHash<QString, QDate> starts;        ///< "AAA-2013J" → presentation start
    QHash<QString, int> lengths;         ///< "AAA-2013J" → length in days
    std::optional<RosterWriter> writer;
};

bool OuladImporter::recognises(const QString &folder)
{
    const QDir dir(folder);
    for (const char *name : {"courses.csv", "assessments.csv", "studentInfo.csv", "studentAssessment.csv"}) {
        if (!dir.exists(QLatin1String(name)))
            return false;
    }
    return true;
}

QDate OuladImporter::presentationStart(const QString &presentation)
{
    bool ok = false;
    const int year = presentation.left(4).toInt(&ok);
    if (!ok || presentation.size() != 5)
        return {};
    if (presentation.at(4) == QLatin1Char('B'))
        return QDate(year, 2, 1);
    if (presentation.at(4) == QLatin1Char('J'))
        return QDate(year, 10, 1);
    return {};
}

SyncReport OuladImporter::run(const SyncRequest &request)
{
    SyncReport report;
    report.file = QDir(request.path).dirName();
    report.profile = QStringLiteral("oulad");
    report.dryRun = request.dryRun;
    if (!recognises(request.path)) {
        report.status = QStringLiteral("refused");
        report.message = tr("%1 is not an OULAD folder (it needs courses.csv, assessments.csv, studentInfo.csv "
                            "and studentAssessment.csv).")
                             .arg(QDir::toNativeSeparators(request.path));
        return report;
    }
    Transaction tx(m_db);
    State state;
    state.folder = QDir(request.path);
    Result<void> ran = tx.isActive() ? importAll(state, request, report) : Result<void>(tx.error());
    if (!ran || request.dryRun) {
        tx.rollback();
        if (!ran) {
            report.status = ran.error().kind == ErrorKind::Cancelled ? QStringLiteral("cancelled") : QStringLiteral("refused");
            report.message = ran.error().message;
            report.inserted = report.updated = report.unchanged = 0;
        }
        return report;
    }
    if (auto r = tx.commit(); !r) {
        report.status = QStringLiteral("refused");
        report.message = r.error().message;
    }
    return report;
}

Result<void> OuladImporter::importAll(State &state, const SyncRequest &request, SyncReport &report)
{
    auto source = SourceRepository(m_db).ensure(QStringLiteral("oulad"), QStringLiteral("Open University (OULAD)"));
    if (!source)
        return source.error();
    state.sourceId = *source;
    if (auto r = FrameworkRepository(m_db).save(ouladFramework()); !r)
        return r.error();
    auto batch = ImportBatchRepository(m_db).begin(state.sourceId, report.file, report.profile,
                                                    request.user ? std::optional<qint64>(request.user->id()) : std::nullopt);
    if (!batch)
        return batch.error();
    state.batchId = *batch;
    state.writer.emplace(m_db, state.sourceId, state.batchId);
    QList<SyncReject> rejects;
    if (auto r = importCourses(state, report); !r)
        return r;
    if (auto r = importStudents(state, report, rejects); !r)
        return r;
    if (auto r = importSubmissions(state, request, report, rejects); !r)
        return r;
    if (auto r = importSchedule(state); !r)
        return r;
    report.batchId = state.batchId;
    report.rejected = report.rejectsTotal = rejects.size();
    report.rejects = rejects.mid(0, SyncReport::kMaxReportedRejects);
    report.status = rejects.isEmpty() ? QStringLiteral("ok") : QStringLiteral("partial");
    if (auto r = ImportBatchRepository(m_db).finish(state.batchId, report, rejects); !r)
        return r;
    if (request.audit && request.user) {
        const QJsonObject details{{QStringLiteral("folder"), report.file}, {QStringLiteral("inserted"), report.inserted},
                                  {QStringLiteral("rejected"), report.rejected}};
        if (auto r = request.audit->append(m_db, *request.user, QStringLiteral("sync"), QStringLiteral("import_batch"),
                                           state.batchId, std::nullopt,
                                           QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)));
            !r)
            return r.error();
    }
    return {};
}

// Each module presentation (AAA 2013J) becomes a program of its own.
Result<void> OuladImporter::importCourses(State &state, SyncReport &report)
{
    auto rows = readTable(state.folder.filePath(QStringLiteral("courses.csv")),
                          [&](const QHash<QString, QString> &row, qint64) {
                              const QString key = row.value(QStringLiteral("code_module")) + QLatin1Char('-')
                                  + row.value(QStringLiteral("code_presentation"));
                              state.starts.insert(key, presentationStart(row.value(QStringLiteral("code_presentation"))));
                              state.lengths.insert(key, row.value(QStringLiteral("module_presentation_length")).toInt());
                              return true;
                          });
    if (!rows)
        return rows.error();
    report.rowsRead += *rows;
    return {};
}

// A student's registration on a presentation is a learner of that program.
Result<void> OuladImporter::importStudents(State &state, SyncReport &report, QList<SyncReject> &rejects)
{
    QHash<QString, QString> unregistered;
    auto registrations = readTable(state.folder.filePath(QStringLiteral("studentRegistration.csv")),
                                   [&](const QHash<QString, QString> &row, qint64) {
                                       unregistered.insert(row.value(QStringLiteral("code_module")) + QLatin1Char('-')
                                                               + row.value(QStringLiteral("code_presentation"))
                                                               + QLatin1Char('-') + row.value(QStringLiteral("id_student")),
                                                           row.value(QStringLiteral("date_unregistration")));
                                       return true;
                                   });
    if (!registrations && registrations.error().kind != ErrorKind::Io)
        return registrations.error();
    report.rowsRead += registrations ? *registrations : 0;

    std::optional<Error> failure;
    auto students = readTable(state.folder.filePath(QStringLiteral("studentInfo.csv")),
                              [&](const QHash<QString, QString> &row, qint64 number) {
        const QString program = row.value(QStringLiteral("code_module")) + QLatin1Char('-')
            + row.value(QStringLiteral("code_presentation"));
        const QDate start = state.starts.value(program);
        if (!start.isValid()) {
            rejects.append({number, 0, QStringLiteral("code_presentation"),
                            tr("The presentation %1 is not in courses.csv.").arg(program)});
            return true;
        }
        RosterRow learner;
        learner.row = number;
        learner.externalId = program + QLatin1Char('-') + row.value(QStringLiteral("id_student"));
        learner.displayName = tr("Student %1 (%2)").arg(row.value(QStringLiteral("id_student")), program);
        learner.programCode = QStringLiteral("OU-") + program;
        learner.programName = tr("Open University %1").arg(program);
        learner.startDate = start;
        learner.expectedCompletionDate = start.addDays(state.lengths.value(program));
        const QString result = row.value(QStringLiteral("final_result"));
        const bool withdrew = result == QLatin1String("Withdrawn") || !unregistered.value(learner.externalId).isEmpty();
        learner.status = withdrew ? Learner::Status::Withdrawn : Learner::Status::Completed;
        auto written = state.writer->writeLearner(learner);
        if (!written) {
            failure = written.error();
            return false;
        }
        ++(*written == RosterWriter::Outcome::Inserted ? report.inserted
           : *written == RosterWriter::Outcome::Updated ? report.updated
                                                        : report.unchanged);
        // The day a student unregistered (days from the presentation's start, possibly before
        // it) is when they left: early-warning rules are judged only on students still there.
        bool leftOk = false;
        const int leftDay = unregistered.value(learner.externalId).toInt(&leftOk);
        const std::optional<QDate> left = leftOk ? std::optional<QDate>(start.addDays(leftDay)) : std::nullopt;
        if (auto r = writeOutcomes(state, learner.externalId, result, learner.expectedCompletionDate, left, report);
            !r) {
            failure = r.error();
            return false;
        }
        return true;
    });
    if (failure)
        return *failure;
    if (!students)
        return students.error();
    report.rowsRead += *students;
    return {};
}

// final_result as it is, and as the binary outcome early-warning rules are judged against.
Result<void> OuladImporter::writeOutcomes(State &state, const QString &externalId, const QString &result,
                                          const QDate &date, const std::optional<QDate> &left, SyncReport &report)
{
    auto learner = LearnerRepository(m_db).learnerForIdentity(state.sourceId, externalId);
    if (!learner)
        return learner.error();
    if (!learner->has_value())
        return makeError(ErrorKind::Internal, tr("The learner %1 was not recorded.").arg(externalId));
    const bool failed = result == QLatin1String("Fail") || result == QLatin1String("Withdrawn");
    std::vector<OutcomeRow> rows{
        {0, **learner, QStringLiteral("final_result"), result, std::nullopt, date, 0,
         QStringLiteral("oulad:final_result:") + externalId},
        {0, **learner, QStringLiteral("fail_or_withdrawn"), failed ? QStringLiteral("1") : QStringLiteral("0"),
         failed ? 1.0 : 0.0, date, 0, QStringLiteral("oulad:fail_or_withdrawn:") + externalId},
    };
    if (left)
        rows.push_back({0, **learner, QStringLiteral("withdrawn"), QStringLiteral("1"), 1.0, *left, 0,
                        QStringLiteral("oulad:withdrawn:") + externalId});
    for (const OutcomeRow &row : rows) {
        auto written = state.writer->writeOutcome(row);
        if (!written)
            return written.error();
        ++(*written == RosterWriter::Outcome::Inserted ? report.inserted
           : *written == RosterWriter::Outcome::Updated ? report.updated
                                                        : report.unchanged);
    }
    return {};
}

// Each dated assessment is evidence the presentation's students are expected to hand in by
// that day: the program's expected-evidence schedule (docs/store.md, schema 4). An assessment
// without a date (most exams) is not scheduled. Not counted in the report: it describes the
// program, not a learner.
Result<void> OuladImporter::importSchedule(State &state)
{
    Statement program(m_db, "SELECT id FROM programs WHERE code = ?");
    Statement competency(m_db, "SELECT c.id FROM competencies c JOIN frameworks f ON f.id = c.framework_id "
                               "WHERE f.code = ? AND c.code = ?");
    Statement upsert(m_db, "INSERT INTO expected_evidence (program_id, competency_id, instrument, title, due_day, "
                           "required_count, source_id, source_key) VALUES (?, ?, ?, ?, ?, 1, ?, ?) "
                           "ON CONFLICT (program_id, source_key) DO UPDATE SET competency_id = excluded.competency_id, "
                           "instrument = excluded.instrument, title = excluded.title, due_day = excluded.due_day, "
                           "required_count = excluded.required_count, source_id = excluded.source_id");
    const auto lookup = [](Statement &s) -> Result<std::optional<qint64>> {
        auto row = s.step();
        std::optional<qint64> id;
        if (row && *row)
            id = s.columnInt64(0);
        s.reset();
        if (!row)
            return row.error();
        return id;
    };
    std::optional<Error> failure;
    auto read = readTable(state.folder.filePath(QStringLiteral("assessments.csv")),
                          [&](const QHash<QString, QString> &row, qint64) {
        bool dayOk = false;
        const int due = row.value(QStringLiteral("date")).toInt(&dayOk);
        if (!dayOk || due < 0)
            return true;
        program.bind(1, QStringLiteral("OU-") + row.value(QStringLiteral("code_module")) + QLatin1Char('-')
                            + row.value(QStringLiteral("code_presentation")));
        competency.bind(1, kFrameworkCode);
        competency.bind(2, row.value(QStringLiteral("assessment_type")));
        auto programId = lookup(program);
        auto competencyId = programId ? lookup(competency) : Result<std::optional<qint64>>(programId.error());
        if (!competencyId) {
            failure = competencyId.error();
            return false;
        }
        if (!*programId || !*competencyId)
            return true; // a presentation without students, or a type the framework does not have
        const QString id = row.value(QStringLiteral("id_assessment"));
        const QString instrument = row.value(QStringLiteral("assessment_type")) + QLatin1Char(' ') + id;
        upsert.bind(1, **programId);
        upsert.bind(2, **competencyId);
        upsert.bind(3, instrument);
        upsert.bind(4, instrument);
        upsert.bind(5, due);
        upsert.bind(6, state.sourceId);
        upsert.bind(7, QStringLiteral("oulad:assessment:") + id);
        if (auto r = upsert.exec(); !r) {
            failure = r.error();
            return false;
        }
        return true;
    });
    if (failure)
        return *failure;
    if (!read)
        return read.error();
    return {};
}

// Each submission is a scored observation on the day it was submitted, counted from the
// presentation's start. A submission without a score is kept, unrated ("no score").
Result<void> OuladImporter::importSubmissions(State &state, const SyncRequest &request, SyncReport &report,
                                              QList<SyncReject> &rejects)
{
    struct Assessment {
        QString program;
        QString type;
        QString weight;
    };
    QHash<QString, Assessment> assessments;
    auto read = readTable(state.folder.filePath(QStringLiteral("assessments.csv")),
                          [&](const QHash<QString, QString> &row, qint64) {
                              assessments.insert(row.value(QStringLiteral("id_assessment")),
                                                 {row.value(QStringLiteral("code_module")) + QLatin1Char('-')
                                                      + row.value(QStringLiteral("code_presentation")),
                                                  row.value(QStringLiteral("assessment_type")),
                                                  row.value(QStringLiteral("weight"))});
                              return true;
                          });
    if (!read)
        return read.error();
    report.rowsRead += *read;
    auto lookups = SyncLookups::load(m_db, state.sourceId);
    if (!lookups)
        return lookups.error();
    ObservationBulkWriter writer(m_db, state.sourceId, state.batchId);
    if (auto r = writer.loadExisting(); !r)
        return r;

    std::optional<Error> failure;
    std::vector<ObservationRow> pending;
    pending.reserve(1024);
    const auto flush = [&]() -> Result<void> {
        for (const ObservationRow &row : pending) {
            qint64 firstRow = 0;
            auto outcome = writer.write(row, &firstRow);
            if (!outcome)
                return outcome.error();
            if (*outcome == ObservationBulkWriter::Outcome::Inserted)
                ++report.inserted;
            else if (*outcome == ObservationBulkWriter::Outcome::Unchanged)
                ++report.unchanged;
            else if (*outcome == ObservationBulkWriter::Outcome::Updated)
                ++report.updated;
            else
                rejects.append({row.row, 0, QString(), tr("The submission repeats row %1.").arg(firstRow)});
        }
        auto collisions = writer.flush();
        if (!collisions)
            return collisions.error();
        pending.clear();
        return {};
    };
    auto submissions = readTable(state.folder.filePath(QStringLiteral("studentAssessment.csv")),
                                 [&](const QHash<QString, QString> &row, qint64 number) {
        if (request.cancel && request.cancel->load()) {
            failure = makeError(ErrorKind::Cancelled, tr("The import was cancelled; nothing was changed."));
            return false;
        }
        const Assessment assessment = assessments.value(row.value(QStringLiteral("id_assessment")));
        const auto competency = lookups->competency(kFrameworkCode.toStdString(), assessment.type.toStdString());
        const std::string external
            = QString(assessment.program + QLatin1Char('-') + row.value(QStringLiteral("id_student"))).toStdString();
        auto learner = lookups->identities.find(external);
        bool dayOk = false;
        const int day = row.value(QStringLiteral("date_submitted")).toInt(&dayOk);
        if (assessment.program.isEmpty() || !competency || learner == lookups->identities.end() || learner->second == 0
            || !dayOk) {
            rejects.append({number, 0, QString(),
                            tr("The submission names an assessment, student or day that the other files do not have.")});
            return true;
        }
        ObservationRow o;
        o.row = number;
        o.learnerId = learner->second;
        o.competencyId = competency->id;
        o.date = toIsoDate(state.starts.value(assessment.program).addDays(day)).toStdString();
        bool scoreOk = false;
        const double score = row.value(QStringLiteral("score")).toDouble(&scoreOk);
        if (scoreOk && (score < 0 || score > 100)) {
            rejects.append({number, 0, QStringLiteral("score"), tr("The score %1 is not between 0 and 100.").arg(score)});
            return true;
        }
        if (scoreOk)
            o.rating = score;
        o.ratingText = scoreOk ? row.value(QStringLiteral("score")).toStdString() : std::string("no score");
        o.instrument = QString(assessment.type + QLatin1Char(' ') + row.value(QStringLiteral("id_assessment"))).toStdString();
        o.context = tr("weight %1%").arg(assessment.weight).toStdString();
        o.sourceKey = "oulad:" + row.value(QStringLiteral("id_assessment")).toStdString() + ':'
            + row.value(QStringLiteral("id_student")).toStdString();
        o.keyHash = stableHash64(o.sourceKey);
        o.contentHash = stableHash64(o.date + '|' + o.ratingText + '|' + o.instrument + '|' + o.context + '|'
                                     + std::to_string(o.learnerId) + '|' + std::to_string(o.competencyId));
        pending.push_back(std::move(o));
        if (pending.size() >= 1024) {
            if (auto r = flush(); !r) {
                failure = r.error();
                return false;
            }
        }
        return true;
    });
    if (failure)
        return *failure;
    if (!submissions)
        return submissions.error();
    report.rowsRead += *submissions;
    return flush();
}

} // namespace pme::core

