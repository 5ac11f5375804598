// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/Hashing.h"
#include "store/FrameworkRepository.h"
#include "store/ImportBatchRepository.h"
#include "store/LearnerRepository.h"
#include "store/ObservationBulkWriter.h"
#include "store/SourceRepository.h"
#include "store/Statement.h"
#include "store/Store.h"
#include "sync/FrameworkLoader.h"
#include "sync/ProfileRegistry.h"
#include "sync/SyncJob.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace pme::core;

namespace {

QString testData(const char *name)
{
    return QStringLiteral(PME_TEST_DATA "/sync/") + QLatin1String(name);
}

} // namespace

class TestSync : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        auto store = Store::open(m_dir.filePath(QStringLiteral("sync-%1.sqlite").arg(++m_counter)));
        QVERIFY(store.ok());
        m_store.emplace(std::move(store).value());
        auto frameworks = FrameworkLoader::builtIns();
        QVERIFY(frameworks.ok());
        for (const Framework &f : *frameworks)
            QVERIFY(FrameworkRepository(db()).save(f).ok());
        auto profiles = ProfileRegistry::load(QString());
        QVERIFY(profiles.ok());
        m_profiles.emplace(std::move(profiles).value());
    }

    void roster_createsLearnersAndProgram()
    {
        const SyncReport report = sync(testData("roster.csv"));
        QCOMPARE(report.status, QStringLiteral("ok"));
        QCOMPARE(report.profile, QStringLiteral("pmecoach-roster"));
        QCOMPARE(report.rowsRead, 3);
        QCOMPARE(report.inserted, 3);
        auto learners = LearnerRepository(db()).list();
        QCOMPARE(learners->size(), 3);
        QCOMPARE(learners->first().learner.displayName, QStringLiteral("Amara Okafor"));
        QCOMPARE(learners->first().programCode, QStringLiteral("IM"));
        QCOMPARE(count("SELECT count(*) FROM stage_history"), 3);
        QCOMPARE(count("SELECT count(*) FROM program_frameworks"), 1);
        // Syncing the roster again changes nothing.
        const SyncReport again = sync(testData("roster.csv"));
        QCOMPARE(again.unchanged, 3);
        QCOMPARE(again.inserted + again.updated, 0);
    }

    void observations_keepGoodRowsAndExplainEveryBadOne()
    {
        QCOMPARE(sync(testData("roster.csv")).status, QStringLiteral("ok"));
        const SyncReport report = sync(testData("assessments.csv"));
        QCOMPARE(report.status, QStringLiteral("partial"));
        QCOMPARE(report.profile, QStringLiteral("pmecoach-observations"));
        QCOMPARE(report.rowsRead, 11);
        QCOMPARE(report.inserted, 5);
        QCOMPARE(report.rejected, 6);
        QCOMPARE(count("SELECT count(*) FROM observations"), 5);

        const auto reasonFor = [&](qint64 row) -> QString {
            for (const SyncReject &reject : report.rejects) {
                if (reject.row == row)
                    return reject.column + QLatin1Char('|') + reject.reason;
            }
            return QString();
        };
        QVERIFY2(reasonFor(5).contains(QStringLiteral("'PC9' is not a competency")), qPrintable(reasonFor(5)));
        QVERIFY2(reasonFor(6).contains(QStringLiteral("'2025-02-30' is not a valid date")), qPrintable(reasonFor(6)));
        QVERIFY2(reasonFor(7).contains(QStringLiteral("outside the scale")), qPrintable(reasonFor(7)));
        QVERIFY2(reasonFor(8).contains(QStringLiteral("IM-999")), qPrintable(reasonFor(8)));
        QVERIFY2(reasonFor(9).contains(QStringLiteral("fields")), qPrintable(reasonFor(9)));
        QVERIFY2(reasonFor(11).contains(QStringLiteral("repeats the id of row 2")), qPrintable(reasonFor(11)));
        QVERIFY(reasonFor(5).startsWith(QStringLiteral("competency|")));
        QCOMPARE(report.unlinkedIdentities, QStringList{QStringLiteral("IM-999")});

        // The quoted narrative with a comma, doubled quotes and a line break survives whole.
        Statement narrative(db(), "SELECT narrative FROM observations WHERE source_key LIKE '%:A2'");
        QVERIFY(*narrative.step());
        QCOMPARE(narrative.columnText(0), QStringLiteral("Good reasoning.\r\nNext: broaden the differential."));
        // Rejects are stored with the batch.
        auto rejects = ImportBatchRepository(db()).rejects(report.batchId);
        QCOMPARE(rejects->size(), 6);
        auto batches = ImportBatchRepository(db()).list();
        QCOMPARE(batches->first().status, QStringLiteral("partial"));
        QCOMPARE(batches->first().inserted, 5);
        QCOMPARE(batches->first().sha256.size(), 64);
    }

    void resync_sameFile_changesNothing()
    {
        sync(testData("roster.csv"));
        sync(testData("assessments.csv"));
        const SyncReport again = sync(testData("assessments.csv"));
        QCOMPARE(again.inserted, 0);
        QCOMPARE(again.updated, 0);
        QCOMPARE(again.unchanged, 5);
        QCOMPARE(count("SELECT count(*) FROM observations"), 5);
        QCOMPARE(count("SELECT count(*) FROM observation_revisions"), 0);
    }

    void changedRow_updatesAndKeepsPreviousVersion()
    {
        sync(testData("roster.csv"));
        sync(testData("assessments.csv"));
        QFile original(testData("assessments.csv"));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QByteArray content = original.readAll();
        content.replace("Solid foundations.", "Solid foundations; reads widely.");
        const QString changed = writeFile("assessments-changed.csv", content);
        const SyncReport report = sync(changed);
        QCOMPARE(report.updated, 1);
        QCOMPARE(report.unchanged, 4);
        Statement revision(db(), "SELECT r.revision, r.previous, o.revision, o.narrative FROM observation_revisions r "
                                 "JOIN observations o ON o.id = r.observation_id");
        QVERIFY(*revision.step());
        QCOMPARE(revision.columnInt64(0), 1);
        QVERIFY(revision.columnText(1).contains(QStringLiteral("Solid foundations.")));
        QCOMPARE(revision.columnInt64(2), 2);
        QCOMPARE(revision.columnText(3), QStringLiteral("Solid foundations; reads widely."));
    }

    void linkingAnIdentity_letsTheNextSyncTakeItsRows()
    {
        sync(testData("roster.csv"));
        sync(testData("assessments.csv"));
        LearnerRepository learners(db());
        auto unlinked = learners.unlinkedIdentities();
        QCOMPARE(unlinked->size(), 1);
        QCOMPARE(unlinked->first().externalId, QStringLiteral("IM-999"));
        QVERIFY(learners.linkIdentity(QStringLiteral("program"), QStringLiteral("IM-999"), 1).ok());
        const SyncReport again = sync(testData("assessments.csv"));
        QCOMPARE(again.inserted, 1);
        QCOMPARE(again.unchanged, 5);
        QVERIFY(learners.unlinkedIdentities()->isEmpty());
    }

    void dryRun_writesNothing()
    {
        sync(testData("roster.csv"));
        const qint64 batches = count("SELECT count(*) FROM import_batches");
        const SyncReport report = sync(testData("assessments.csv"), {}, true);
        QCOMPARE(report.inserted, 5);
        QVERIFY(report.dryRun);
        QCOMPARE(count("SELECT count(*) FROM observations"), 0);
        QCOMPARE(count("SELECT count(*) FROM import_batches"), batches);
        QCOMPARE(count("SELECT count(*) FROM learner_identities WHERE learner_id IS NULL"), 0);
    }

    void badFiles_areRefusedAndNothingIsWritten_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("binary") << QByteArray("PK\x03\x04\x14\0\x06\0\0\0\0\0observation_id", 27)
                                << QStringLiteral("cannot be read");
        QTest::newRow("unknown columns") << QByteArray("a,b,c\n1,2,3\n") << QStringLiteral("No mapping profile");
        QByteArray huge("observation_id,learner_id,date,framework,competency,rating,narrative\nA1,IM-001,2025-01-01,"
                        "acgme-im-2.0,PC1,3,\"");
        huge.append(QByteArray(3 * 1024 * 1024, 'x'));
        huge.append("\"\n");
        QTest::newRow("huge field") << huge << QStringLiteral("cannot be read as CSV");
    }

    void badFiles_areRefusedAndNothingIsWritten()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        sync(testData("roster.csv"));
        const SyncReport report = sync(writeFile("bad.csv", content));
        QCOMPARE(report.status, QStringLiteral("refused"));
        QVERIFY2(report.message.contains(message, Qt::CaseInsensitive), qPrintable(report.message));
        QCOMPARE(count("SELECT count(*) FROM observations"), 0);
        // The refusal itself is on record.
        QCOMPARE(ImportBatchRepository(db()).list()->first().status, QStringLiteral("refused"));
    }

    void unterminatedQuoteAndInvalidUtf8_rejectTheirRowsOnly()
    {
        sync(testData("roster.csv"));
        const QByteArray content("observation_id,learner_id,date,framework,competency,rating,narrative\n"
                                 "A1,IM-001,2025-01-01,acgme-im-2.0,PC1,3,fine\n"
                                 "A2,IM-001,2025-01-02,acgme-im-2.0,PC1,3,\"caf\xC3\xA9 ok\"\n"
                                 "A3,IM-001,2025-01-03,acgme-im-2.0,PC1,3,bad \xFF\xFE bytes\n"
                                 "A4,IM-001,2025-01-04,acgme-im-2.0,PC1,3,\"never closed\n");
        const SyncReport report = sync(writeFile("mixed.csv", content), QStringLiteral("pmecoach-observations"));
        QVERIFY2(report.status != QLatin1String("refused"), qPrintable(report.message));
        QCOMPARE(report.inserted, 2);
        QCOMPARE(report.rejected, 2);
    }

    void usaskExport_importsEveryObservationOfTenResidents()
    {
        FrameworkFileOptions options;
        options.code = QStringLiteral("rcpsc-cbd");
        options.name = QStringLiteral("Royal College CBD EPAs");
        auto rc = FrameworkLoader::loadFile(QStringLiteral(PME_SHARED_TESTDATA
                                                           "/meded/royal-college-cbd-epas-usask/rcpsc_cbd_epas_by_program.csv"),
                                            options);
        QVERIFY(rc.ok());
        for (const Framework &f : *rc)
            QVERIFY(FrameworkRepository(db()).save(f).ok());
        const QString file = QStringLiteral(PME_SHARED_TESTDATA "/meded/usask-cbd-em-sample/epa_observations.csv");
        // No roster knows these residents yet: every row waits for its learner to be linked.
        const SyncReport first = sync(file);
        QCOMPARE(first.profile, QStringLiteral("usask-cbd-observations"));
        QCOMPARE(first.rowsRead, 4448);
        QCOMPARE(first.inserted, 0);
        QCOMPARE(first.unlinkedIdentities.size(), 10);
        // A coordinator adds the residents and links their usernames.
        QByteArray roster("learner_id,display_name,program,program_name,start_date,expected_completion_date\n");
        for (int i = 0; i < 10; ++i)
            roster.append(QStringLiteral("EM-%1,Resident %1,EM,Emergency Medicine,2017-07-01,2022-06-30\n").arg(i).toUtf8());
        QCOMPARE(sync(writeFile("em-roster.csv", roster)).inserted, 10);
        LearnerRepository learners(db());
        for (int i = 0; i < 10; ++i) {
            auto rows = learners.list({std::nullopt, std::nullopt, QStringLiteral("Resident %1").arg(i), std::nullopt});
            QCOMPARE(rows->size(), 1);
            QVERIFY(learners.linkIdentity(QStringLiteral("usask-cbd"), QStringLiteral("resident-dummy-%1").arg(i),
                                          rows->first().learner.id)
                        .ok());
        }
        const SyncReport report = sync(file);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(report.inserted, 4448);
        QCOMPARE(count("SELECT count(*) FROM observations"), 4448);
        QCOMPARE(count("SELECT count(DISTINCT learner_id) FROM observations"), 10);
        // The 421 expired forms are kept, unrated, as the profile says.
        QCOMPARE(count("SELECT count(*) FROM observations WHERE rating IS NULL AND rating_text = 'expired'"), 421);
        QCOMPARE(count("SELECT count(*) FROM observations WHERE rating BETWEEN 1 AND 5"), 4027);
        const SyncReport again = sync(file);
        QCOMPARE(again.unchanged, 4448);
        QCOMPARE(again.inserted + again.updated, 0);
    }

    void ouladFolder_importsEveryRegistrationSubmissionAndResult()
    {
        const QString folder = QStringLiteral(PME_SHARED_TESTDATA "/oulad");
        const SyncReport report = sync(folder);
        QVERIFY2(report.status == QLatin1String("ok"), qPrintable(report.message));
        QCOMPARE(report.profile, QStringLiteral("oulad"));
        // The files' own counts: 22 presentations... of 4 modules here, 19,363 registrations,
        // 95,985 submissions (116 of them without a score), one final result each.
        QCOMPARE(count("SELECT count(*) FROM programs WHERE code LIKE 'OU-%'"), 12);
        QCOMPARE(count("SELECT count(*) FROM learners"), 19363);
        QCOMPARE(count("SELECT count(*) FROM observations"), 95985);
        QCOMPARE(count("SELECT count(*) FROM observations WHERE rating IS NULL"), 116);
        QCOMPARE(count("SELECT count(*) FROM outcomes WHERE kind = 'final_result'"), 19363);
        QCOMPARE(count("SELECT count(*) FROM outcomes WHERE kind = 'fail_or_withdrawn' AND value_number = 1"),
                 4051 + 6739);
        QCOMPARE(count("SELECT count(*) FROM learners WHERE status = 'withdrawn'") >= 6739, true);
        // Each unregistration is dated (days from the presentation's start, some before it).
        QCOMPARE(count("SELECT count(*) FROM outcomes WHERE kind = 'withdrawn' AND observed_on IS NOT NULL"), 6685);
        // Dates come from the presentation start: AAA 2013J starts on 2013-10-01, and student
        // 11391 submitted assessment 1752 on day 18.
        Statement dated(db(), "SELECT observed_on, rating FROM observations WHERE source_key = 'oulad:1752:11391'");
        QVERIFY(*dated.step());
        QCOMPARE(dated.columnText(0), QStringLiteral("2013-10-19"));
        QCOMPARE(dated.columnDouble(1), 78.0);
        const SyncReport again = sync(folder);
        QCOMPARE(again.inserted, 0);
        QCOMPARE(again.updated, 0);
    }

    void xapiStatements_syncLikeAnyExport()
    {
        sync(testData("roster.csv"));
        const QByteArray statement1(
            R"({"id":"6a8c2b1e-3f7a-4c1e-9d2b-1a2b3c4d5e01","actor":{"account":{"homePage":"https://lms.example.org","name":"IM-001"}},)"
            R"("verb":{"id":"http://adlnet.gov/expapi/verbs/scored","display":{"en-US":"scored"}},)"
            R"("object":{"id":"https://pmecoach.example/competency/acgme-im-2.0/PC3","objectType":"Activity"},)"
            R"("result":{"score":{"raw":3.5,"min":1,"max":5},"response":"Clear reasoning."},)"
            R"("timestamp":"2025-03-04T10:00:00-05:00"})");
        const QByteArray statement2(
            R"({"id":"6a8c2b1e-3f7a-4c1e-9d2b-1a2b3c4d5e02","actor":{"account":{"homePage":"https://lms.example.org","name":"IM-404"}},)"
            R"("verb":{"id":"http://adlnet.gov/expapi/verbs/scored","display":{"en-US":"scored"}},)"
            R"("object":{"id":"https://pmecoach.example/competency/acgme-im-2.0/PC1","objectType":"Activity"},)"
            R"("result":{"score":{"raw":2}},"timestamp":"2025-03-05T10:00:00Z"})");
        const QByteArray broken(R"({"actor":{"mbox":"not-an-email"},"verb":{"id":"scored"},"object":{"id":"x"}})");
        // The roster's ids are the program's; the LRS knows its learners by account name.
        const QString file = writeFile("statements.jsonl", statement1 + '\n' + statement2 + '\n' + broken + '\n');
        const SyncReport first = sync(file);
        QCOMPARE(first.profile, QStringLiteral("xapi-observations"));
        QCOMPARE(first.rowsRead, 3);
        QCOMPARE(first.inserted, 0);
        QCOMPARE(first.rejected, 3);
        QCOMPARE(first.unlinkedIdentities, QStringList({QStringLiteral("IM-001"), QStringLiteral("IM-404")}));
        QVERIFY(LearnerRepository(db()).linkIdentity(QStringLiteral("xapi"), QStringLiteral("IM-001"), 1).ok());
        const SyncReport second = sync(file);
        QCOMPARE(second.inserted, 1);
        QCOMPARE(second.rejected, 2);
        Statement stored(db(), "SELECT o.observed_on, o.rating, o.narrative, c.code FROM observations o "
                               "JOIN competencies c ON c.id = o.competency_id");
        QVERIFY(*stored.step());
        QCOMPARE(stored.columnText(0), QStringLiteral("2025-03-04"));   // the statement's own day
        QCOMPARE(stored.columnDouble(1), 3.5);
        QCOMPARE(stored.columnText(2), QStringLiteral("Clear reasoning."));
        QCOMPARE(stored.columnText(3), QStringLiteral("PC3"));
        stored.reset();
        // A voiding statement withdraws the one it names.
        const QByteArray voiding(
            R"({"id":"6a8c2b1e-3f7a-4c1e-9d2b-1a2b3c4d5e03","actor":{"mbox":"mailto:registrar@example.org"},)"
            R"("verb":{"id":"http://adlnet.gov/expapi/verbs/voided","display":{"en-US":"voided"}},)"
            R"("object":{"objectType":"StatementRef","id":"6a8c2b1e-3f7a-4c1e-9d2b-1a2b3c4d5e01"},)"
            R"("timestamp":"2025-03-06T10:00:00Z"})");
        sync(writeFile("voiding.jsonl", voiding + '\n'));
        QCOMPARE(count("SELECT count(*) FROM observations"), 0);
    }

    void outcomes_needKnownLearners()
    {
        sync(testData("roster.csv"));
        const SyncReport report = sync(writeFile("outcomes.csv", "learner_id,outcome,value,date,competency\n"
                                                                  "IM-001,board_result,pass,2027-08-01,\n"
                                                                  "IM-001,level4_at_completion,1,2027-06-30,PC3\n"
                                                                  "IM-404,board_result,fail,2027-08-01,\n"));
        QCOMPARE(report.profile, QStringLiteral("pmecoach-outcomes"));
        QCOMPARE(report.inserted, 2);
        QCOMPARE(report.rejected, 1);
        QCOMPARE(count("SELECT count(*) FROM outcomes WHERE value_number = 1 AND competency_id IS NOT NULL"), 1);
        QCOMPARE(sync(writeFile("outcomes2.csv", "learner_id,outcome,value,date,competency\n"
                                                 "IM-001,board_result,pass,2027-08-01,\n"))
                     .unchanged,
                 1);
    }

    // The table has no index on batch rows' keys: the writer's key table keeps them unique,
    // and voiding finds its rows by key in one pass.
    void bulkWriter_keepsKeysUniqueAndRemovesByKey()
    {
        QCOMPARE(sync(testData("roster.csv")).status, QStringLiteral("ok"));
        const qint64 learner = count("SELECT min(id) FROM learners");
        const qint64 source = *SourceRepository(db()).ensure(QStringLiteral("bench"), QStringLiteral("Bench"));
        const auto batch = [&] {
            return *ImportBatchRepository(db()).begin(source, QStringLiteral("f"), QStringLiteral("p"), std::nullopt);
        };
        const auto row = [&](qint64 number, const char *key, const char *narrative) {
            ObservationRow r;
            r.row = number;
            r.learnerId = learner;
            r.kind = Observation::Kind::Narrative;
            r.date = "2025-01-02";
            r.narrative = narrative;
            r.sourceKey = key;
            r.keyHash = stableHash64(r.sourceKey);
            r.contentHash = stableHash64(r.narrative);
            return r;
        };
        const ObservationRow a = row(2, "p:A", "first"), b = row(3, "p:B", "second"), again = row(4, "p:A", "x");
        {
            ObservationBulkWriter writer(db(), source, batch());
            QVERIFY(writer.loadExisting().ok());
            qint64 firstRow = 0;
            QCOMPARE(*writer.write(a, &firstRow), ObservationBulkWriter::Outcome::Inserted);
            QCOMPARE(*writer.write(b, &firstRow), ObservationBulkWriter::Outcome::Inserted);
            QCOMPARE(*writer.write(again, &firstRow), ObservationBulkWriter::Outcome::Duplicate);
            QCOMPARE(firstRow, 2);
            QVERIFY(writer.flush()->empty());
        }
        QCOMPARE(count("SELECT count(*) FROM observations"), 2);
        ObservationBulkWriter writer(db(), source, batch());
        QVERIFY(writer.loadExisting().ok());
        QCOMPARE(writer.existingCount(), 2);
        qint64 firstRow = 0;
        QCOMPARE(*writer.write(b, &firstRow), ObservationBulkWriter::Outcome::Unchanged);
        QCOMPARE(*writer.write(again, &firstRow), ObservationBulkWriter::Outcome::Updated);
        QVERIFY(writer.remove({QStringLiteral("p:B"), QStringLiteral("p:missing")}).ok());
        QCOMPARE(count("SELECT count(*) FROM observations"), 1);
        QCOMPARE(
            count("SELECT count(*) FROM observations WHERE source_key = 'p:A' AND narrative = 'x' AND revision = 2"),
            1);
        QCOMPARE(count("SELECT count(*) FROM observation_revisions"), 1);
    }

    void observationRow_resetIsAFreshRowThatKeepsItsBuffers()
    {
        ObservationRow row;
        row.row = 7;
        row.learnerId = 3;
        row.competencyId = 4;
        row.kind = Observation::Kind::Exam;
        row.date = "2025-01-02";
        row.rating = 2;
        row.score = 71;
        row.percentile = 40;
        row.ratingText = "2";
        row.assessor = "dr-a";
        row.assessorRole = "attending";
        row.instrument = "mini-CEX";
        row.context = "ward";
        row.narrative = std::string(200, 'n');
        row.sourceKey = std::string(40, 'k');
        row.keyHash = 11;
        row.contentHash = 12;
        const std::size_t capacity = row.narrative.capacity();
        row.reset();
        QVERIFY(row == ObservationRow());
        QCOMPARE(row.narrative.capacity(), capacity);
    }

    void observations_manyBatches_keepFileOrder_data()
    {
        QTest::addColumn<qint64>("maxKeys");
        QTest::newRow("one pass") << qint64{0};
        QTest::newRow("passes over key ranges") << qint64{3000};
    }

    // Thousands of rows go through several batches and mapping threads, and (with little
    // memory for keys) several passes over ranges of key hashes: the outcome must be the same
    // as one row after another, with rejects named by their rows in file order and a repeated
    // id pointing at the first row that had it; a re-sync changes nothing, a changed row is
    // updated.
    void observations_manyBatches_keepFileOrder()
    {
        QFETCH(qint64, maxKeys);
        QCOMPARE(sync(testData("roster.csv")).status, QStringLiteral("ok"));
        const QString path = m_dir.filePath(QStringLiteral("many.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray text = "observation_id,learner_id,date,framework,competency,rating,narrative\n";
        constexpr int kRows = 20000;
        for (int i = 1; i <= kRows; ++i) {
            const int row = i + 1; // the header is row 1
            QByteArray competency = "PC" + QByteArray::number(1 + i % 6);
            if (i % 5003 == 0)
                competency = "PC99"; // unknown: rejected
            const QByteArray id = i == kRows ? QByteArray("R1") : "R" + QByteArray::number(i);
            text += id + ",IM-00" + QByteArray::number(1 + i % 3) + ",2025-01-" + QByteArray::number(10 + i % 18) +
                ",acgme-im-2.0," + competency + "," + QByteArray::number(1 + (i % 9) / 2.0) + ",\"row " +
                QByteArray::number(row) + "\nsecond line\"\n";
        }
        file.write(text);
        file.close();

        const auto syncMany = [&] {
            SyncJob job(db(), *m_profiles);
            SyncRequest request;
            request.path = path;
            request.maxKeysInMemory = maxKeys;
            return job.run(request);
        };
        const SyncReport report = syncMany();
        QCOMPARE(report.status, QStringLiteral("partial"));
        QCOMPARE(report.rowsRead, kRows);
        const QList<qint64> unknown{5004, 10007, 15010};
        QCOMPARE(report.rejected, unknown.size() + 1);
        QCOMPARE(report.inserted, kRows - unknown.size() - 1);
        QList<qint64> rows;
        for (const SyncReject &reject : report.rejects)
            rows << reject.row;
        QCOMPARE(rows, (QList<qint64>{5004, 10007, 15010, kRows + 1}));
        QVERIFY(report.rejects.last().reason.contains(QStringLiteral("repeats the id of row 2")));
        // Every narrative stored is its own row's.
        QCOMPARE(count("SELECT count(*) FROM observations WHERE narrative = 'row ' || (CAST(substr(source_key, "
                       "instr(source_key, ':R') + 2) AS INTEGER) + 1) || char(10) || 'second line'"),
                 kRows - unknown.size() - 1);
        // The table's own checks are on again for everything written after the rows.
        QCOMPARE(count("PRAGMA ignore_check_constraints"), 0);

        const SyncReport again = syncMany();
        QCOMPARE(again.unchanged, report.inserted);
        QCOMPARE(again.inserted + again.updated, 0);
        QCOMPARE(again.rejected, report.rejected);
        QByteArray changed = text;
        changed.replace("\"row 9000\n", "\"row 9000, amended\n");
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(changed);
        file.close();
        const SyncReport amended = syncMany();
        QCOMPARE(amended.updated, 1);
        QCOMPARE(amended.unchanged, report.inserted - 1);
        QCOMPARE(count("SELECT count(*) FROM observations WHERE narrative LIKE 'row 9000, amended%' AND revision = 2"), 1);
        QCOMPARE(count("SELECT count(*) FROM observations"), report.inserted);
    }

private:
    Database &db() { return m_store->database(); }

    qint64 count(const char *sql)
    {
        Statement st(db(), sql);
        auto row = st.step();
        return row && *row ? st.columnInt64(0) : -1;
    }

    QString writeFile(const char *name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(QLatin1String(name));
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(content);
        return path;
    }

    SyncReport sync(const QString &path, const QString &profile = {}, bool dryRun = false)
    {
        SyncJob job(db(), *m_profiles);
        SyncRequest request;
        request.path = path;
        request.profileName = profile;
        request.dryRun = dryRun;
        return job.run(request);
    }

    QTemporaryDir m_dir;
    std::optional<Store> m_store;
    std::optional<ProfileRegistry> m_profiles;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
