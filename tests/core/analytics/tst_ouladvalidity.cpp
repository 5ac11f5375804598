// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Predictive validity on real data: the Open University Learning Analytics Dataset, outcome
// Fail or Withdrawn, judged 30, 60 and 90 days into each presentation on the students still
// registered, against the simple baseline the literature starts from.
#include "analytics/AnalyticsEngine.h"
#include "analytics/Validity.h"
#include "store/Statement.h"
#include "store/Store.h"
#include "sync/ProfileRegistry.h"
#include "sync/SyncJob.h"

#include <QFile>
#include <QHash>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <random>

using namespace pme::core;
using namespace pme::core::analytics;

namespace {

QList<QHash<QString, QString>> readCsv(const QString &path)
{
    QFile file(path);
    QList<QHash<QString, QString>> rows;
    if (!file.open(QIODevice::ReadOnly))
        return rows;
    QStringList header;
    while (!file.atEnd()) {
        QString line = QString::fromUtf8(file.readLine()).trimmed();
        QStringList fields = line.split(QLatin1Char(','));
        for (QString &f : fields)
            f.remove(QLatin1Char('"'));
        if (header.isEmpty()) {
            header = fields;
            continue;
        }
        QHash<QString, QString> row;
        for (qsizetype i = 0; i < header.size() && i < fields.size(); ++i)
            row.insert(header.at(i), fields.at(i));
        rows.append(row);
    }
    return rows;
}

// 100 minus the mean score of the non-exam assessments due by day N, unsubmitted ones (or
// ones submitted after day N) counted as 0; students unregistered by day N left out.
// `perStudent` receives each student's value under the importer's key ("AAA-2013J-11391").
double baselineAuc(const QString &folder, int day, int *n, QHash<QString, double> *perStudent)
{
    const auto assessments = readCsv(folder + QStringLiteral("/assessments.csv"));
    const auto submissions = readCsv(folder + QStringLiteral("/studentAssessment.csv"));
    const auto students = readCsv(folder + QStringLiteral("/studentInfo.csv"));
    const auto registrations = readCsv(folder + QStringLiteral("/studentRegistration.csv"));
    QHash<QString, QString> left;
    for (const auto &r : registrations)
        left.insert(r.value(QStringLiteral("code_module")) + r.value(QStringLiteral("code_presentation"))
                        + r.value(QStringLiteral("id_student")),
                    r.value(QStringLiteral("date_unregistration")));
    QHash<QString, QList<QString>> due; // presentation -> assessment ids due by the day
    for (const auto &a : assessments) {
        bool ok = false;
        const int date = a.value(QStringLiteral("date")).toInt(&ok);
        if (ok && date <= day && a.value(QStringLiteral("assessment_type")) != QLatin1String("Exam"))
            due[a.value(QStringLiteral("code_module")) + a.value(QStringLiteral("code_presentation"))].append(
                a.value(QStringLiteral("id_assessment")));
    }
    QHash<QString, double> scores; // assessment + student -> score submitted by the day
    for (const auto &s : submissions) {
        bool ok = false;
        const double score = s.value(QStringLiteral("score")).toDouble(&ok);
        if (ok && s.value(QStringLiteral("date_submitted")).toInt() <= day)
            scores.insert(s.value(QStringLiteral("id_assessment")) + QLatin1Char(':') + s.value(QStringLiteral("id_student")),
                          score);
    }
    std::vector<double> values;
    std::vector<char> labels;
    for (const auto &s : students) {
        const QString presentation = s.value(QStringLiteral("code_module")) + s.value(QStringLiteral("code_presentation"));
        const QString student = s.value(QStringLiteral("id_student"));
        bool ok = false;
        const int unregistered = left.value(presentation + student).toInt(&ok);
        if (ok && unregistered <= day)
            continue;
        const QList<QString> ids = due.value(presentation);
        double total = 0;
        for (const QString &id : ids)
            total += scores.value(id + QLatin1Char(':') + student, 0.0);
        values.push_back(ids.isEmpty() ? 100.0 : 100.0 - total / static_cast<double>(ids.size()));
        perStudent->insert(s.value(QStringLiteral("code_module")) + QLatin1Char('-')
                               + s.value(QStringLiteral("code_presentation")) + QLatin1Char('-') + student,
                           values.back());
        const QString result = s.value(QStringLiteral("final_result"));
        labels.push_back(result == QLatin1String("Fail") || result == QLatin1String("Withdrawn") ? 1 : 0);
    }
    *n = static_cast<int>(values.size());
    return Validity::auc(values, labels).value_or(0);
}

} // namespace

class TestOuladValidity : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        auto store = Store::open(m_dir.filePath(QStringLiteral("oulad.sqlite")));
        QVERIFY(store.ok());
        m_store.emplace(std::move(*store));
        auto profiles = ProfileRegistry::load(QString());
        QVERIFY(profiles.ok());
        SyncJob job(m_store->database(), *profiles);
        SyncRequest request;
        request.path = m_folder;
        const SyncReport report = job.run(request);
        QVERIFY2(report.status == QLatin1String("ok"), qPrintable(report.message));
        // Every dated assessment is an item of its presentation's expected-evidence schedule,
        // due on its day, fulfilled by the submissions of that assessment.
        int dated = 0;
        for (const auto &a : readCsv(m_folder + QStringLiteral("/assessments.csv"))) {
            bool ok = false;
            dated += a.value(QStringLiteral("date")).toInt(&ok) >= 0 && ok ? 1 : 0;
        }
        Statement count(m_store->database(), "SELECT count(*), sum(e.due_day = 19 AND e.instrument = 'TMA 1752' "
                                             "AND p.code = 'OU-AAA-2013J') FROM expected_evidence e "
                                             "JOIN programs p ON p.id = e.program_id");
        QVERIFY(*count.step());
        QCOMPARE(count.columnInt64(0), static_cast<qint64>(dated));
        QCOMPARE(count.columnInt64(1), 1);
    }

    void earlyWarning_againstTheBaseline_data()
    {
        QTest::addColumn<int>("day");
        QTest::newRow("30 days") << 30;
        QTest::newRow("60 days") << 60;
        QTest::newRow("90 days") << 90;
    }

    void earlyWarning_againstTheBaseline()
    {
        QFETCH(int, day);
        int baselineN = 0;
        QHash<QString, double> baselineOf;
        const double baseline = baselineAuc(m_folder, day, &baselineN, &baselineOf);
        RecomputeRequest request;
        request.asOf = AsOf::daysAfterStart(day);
        request.persist = false;
        auto computed = AnalyticsEngine::recompute(m_store->database(), request);
        QVERIFY(computed.ok());
        Validity::Options options;
        options.bootstrap = 200;
        options.store = false;
        auto report = Validity::evaluate(m_store->database(), *computed, QStringLiteral("fail_or_withdrawn"), options);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        const QString best = report->bestRule();
        const RuleValidity *v = nullptr;
        for (const RuleValidity &r : report->rules) {
            if (r.rule == best)
                v = &r;
        }
        QVERIFY(v && v->auc);
        // The same students are judged: those still registered at the end of the day.
        QCOMPARE(v->n, baselineN);
        // The rule on the program's expected-evidence schedule, which the importer fills from
        // the assessments' due dates, is the best of the rules.
        QCOMPARE(best, QStringLiteral("evidence_on_schedule"));

        // Paired on the same students: the rule's AUC minus the baseline's, with a bootstrap
        // interval over students (both scores resampled together).
        auto labels = Validity::outcomes(m_store->database(), computed->data, QStringLiteral("fail_or_withdrawn"));
        QVERIFY(labels.ok());
        QHash<qint64, QString> external;
        Statement ids(m_store->database(), "SELECT learner_id, external_id FROM learner_identities");
        QVERIFY(ids.forEachRow([&](Statement &s) { external.insert(s.columnInt64(0), s.columnText(1)); }).ok());
        const auto &ruleScores = computed->evaluation.scores.at(best);
        std::vector<double> rule, base;
        std::vector<char> y;
        for (const OutcomeLabel &label : *labels) {
            const qint64 id = computed->data.learners()[static_cast<std::size_t>(label.learner)].id;
            const auto b = baselineOf.constFind(external.value(id));
            QVERIFY(b != baselineOf.constEnd());
            const auto &score = ruleScores[static_cast<std::size_t>(label.learner)];
            rule.push_back(score.value_or(-1)); // unscored ranks below every scored student
            base.push_back(*b);
            y.push_back(label.adverse ? 1 : 0);
        }
        const double gain = *Validity::auc(rule, y) - *Validity::auc(base, y);
        QVERIFY(qAbs(*Validity::auc(rule, y) - *v->auc) < 1e-12);
        QVERIFY(qAbs(*Validity::auc(base, y) - baseline) < 1e-12);
        std::mt19937_64 rng(20261127);
        std::uniform_int_distribution<std::size_t> pick(0, y.size() - 1);
        std::vector<double> weights(y.size()), gains;
        for (int b = 0; b < 200; ++b) {
            std::fill(weights.begin(), weights.end(), 0.0);
            for (std::size_t k = 0; k < y.size(); ++k)
                weights[pick(rng)] += 1;
            gains.push_back(*Validity::auc(rule, y, weights) - *Validity::auc(base, y, weights));
        }
        std::sort(gains.begin(), gains.end());
        const double gainLow = gains[4], gainHigh = gains[194];
        qInfo("day %d: %d students, base rate %.3f; best rule %s AUC %.3f [%.3f, %.3f], PPV %.3f at its threshold "
              "(%d flagged); baseline AUC %.3f; paired difference %+.4f [%+.4f, %+.4f]",
              day, v->n, v->baseRate, qPrintable(best), *v->auc, v->aucLow.value_or(0), v->aucHigh.value_or(0),
              v->ppv.value_or(0), v->flagged, baseline, gain, gainLow, gainHigh);
        // The rule beats the baseline, by more than the resampling noise of the difference.
        QVERIFY2(gainLow > 0, qPrintable(QString::number(gainLow)));
        QVERIFY(*v->auc > 0.70);
    }

private:
    const QString m_folder = QStringLiteral(PME_SHARED_TESTDATA "/oulad");
    QTemporaryDir m_dir;
    std::optional<Store> m_store;
};

QTEST_GUILESS_MAIN(TestOuladValidity)
#include "tst_ouladvalidity.moc"
