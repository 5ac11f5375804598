// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Predictive validity on real data: the Open University Learning Analytics Dataset, outcome
// Fail or Withdrawn, judged 30, 60 and 90 days into each presentation on the students still
// registered, against the simple baseline the literature starts from.
#include "analytics/Validity.h"
#include "store/Store.h"
#include "sync/ProfileRegistry.h"
#include "sync/SyncJob.h"

#include <QFile>
#include <QHash>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

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
double baselineAuc(const QString &folder, int day, int *n)
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
        const double baseline = baselineAuc(m_folder, day, &baselineN);
        Validity::Options options;
        options.bootstrap = 200;
        options.store = false;
        auto report = Validity::evaluate(m_store->database(), QStringLiteral("fail_or_withdrawn"),
                                         AsOf::daysAfterStart(day), options);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        const QString best = report->bestRule();
        QVERIFY(!best.isEmpty());
        const RuleValidity *v = nullptr;
        for (const RuleValidity &r : report->rules) {
            if (r.rule == best)
                v = &r;
        }
        QVERIFY(v && v->auc);
        qInfo("day %d: %d students, base rate %.3f; best rule %s AUC %.3f [%.3f, %.3f], PPV %.3f at its threshold; "
              "baseline AUC %.3f (%d students)",
              day, v->n, v->baseRate, qPrintable(best), *v->auc, v->aucLow.value_or(0), v->aucHigh.value_or(0),
              v->ppv.value_or(0), baseline, baselineN);
        // The same students are judged: those still registered at the end of the day.
        QCOMPARE(v->n, baselineN);
        // The rules are not written for this dataset and do not know the assessment schedule
        // (which the baseline uses); docs/analytics.md reports where they stand against it.
        QVERIFY2(*v->auc >= baseline - 0.015, qPrintable(QString::number(*v->auc - baseline)));
        QVERIFY(*v->auc > 0.70);
    }

private:
    const QString m_folder = QStringLiteral(PME_SHARED_TESTDATA "/oulad");
    QTemporaryDir m_dir;
    std::optional<Store> m_store;
};

QTEST_GUILESS_MAIN(TestOuladValidity)
#include "tst_ouladvalidity.moc"
