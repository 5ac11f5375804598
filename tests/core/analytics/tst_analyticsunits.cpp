// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The analytics' small parts, without a store: as-of points, rule sets, the lexicon, the AUC.
#include "analytics/AsOf.h"
#include "analytics/NarrativeLexicon.h"
#include "analytics/RuleSet.h"
#include "analytics/Validity.h"

#include <QTest>

#include <random>

using namespace pme::core;
using namespace pme::core::analytics;

class TestAnalyticsUnits : public QObject {
    Q_OBJECT

private slots:
    void asOf_parsesWritesAndCutsOffAtTheEndOfTheDay()
    {
        const QDate start(2024, 7, 1);
        QCOMPARE(AsOf::parse(QStringLiteral("latest"))->kind(), AsOf::Kind::Latest);
        const auto date = AsOf::parse(QStringLiteral("date:2025-06-30"));
        QVERIFY(date.ok());
        QCOMPARE(date->spec(), QStringLiteral("date:2025-06-30"));
        QCOMPARE(date->cutoff(start, QDate(2026, 1, 1)), QDate(2025, 7, 1));
        const auto days = AsOf::parse(QStringLiteral("days:30"));
        QVERIFY(days.ok());
        // Day 0 is the start; "30 days after" keeps evidence of day 30 itself.
        QCOMPARE(days->cutoff(start, QDate(2026, 1, 1)), QDate(2024, 8, 1));
        QCOMPARE(AsOf::latest().cutoff(start, QDate(2026, 1, 1)), QDate(2026, 1, 1));
        QVERIFY(!AsOf::parse(QStringLiteral("date:2025-02-30")).ok());
        QVERIFY(!AsOf::parse(QStringLiteral("days:-3")).ok());
        QVERIFY(!AsOf::parse(QStringLiteral("yesterday")).ok());
    }

    void ruleSet_defaultsAreValidAndBadDocumentsAreRefused()
    {
        const RuleSet defaults = RuleSet::defaults();
        for (const QString &code : RuleSet::ruleCodes()) {
            QVERIFY2(defaults.enabled(code), qPrintable(code));
            const auto &t = defaults.rule(code).thresholds;
            QVERIFY(t[0] <= t[1] && t[1] <= t[2]);
            QVERIFY(RuleSet::ruleTitle(code) != code);
        }
        QCOMPARE(defaults.rule(QStringLiteral("low_attainment")).severityFor(0.49), 0);
        QCOMPARE(defaults.rule(QStringLiteral("low_attainment")).severityFor(0.5), 1);
        QCOMPARE(defaults.rule(QStringLiteral("low_attainment")).severityFor(0.9), 3);

        const auto unknown = RuleSet::fromJson(
            R"({"format":"pmecoach-rule-set","rules":{"astrology":{"thresholds":[1,2,3]}}})");
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().message.contains(QLatin1String("astrology")));
        const auto unordered = RuleSet::fromJson(
            R"({"format":"pmecoach-rule-set","rules":{"declining":{"thresholds":[3,2,1]}}})");
        QVERIFY(!unordered.ok());
        QVERIFY(!RuleSet::fromJson(R"({"format":"pmecoach-rule-set","rules":{"declining":{"thresholds":[1,2]}}})").ok());
        QVERIFY(!RuleSet::fromJson(
                     R"({"format":"pmecoach-rule-set","rules":{"declining":{"thresholds":[1,2,3],"window_days":"x"}}})")
                     .ok());
        QVERIFY(!RuleSet::fromJson("[]").ok());
        // A rule left out of a document is off, not silently on.
        const auto partial = RuleSet::fromJson(
            R"({"format":"pmecoach-rule-set","rules":{"declining":{"thresholds":[0.1,0.2,0.3],"window_days":120}}})");
        QVERIFY(partial.ok());
        QVERIFY(partial->enabled(QStringLiteral("declining")));
        QCOMPARE(partial->rule(QStringLiteral("declining")).parameter(QStringLiteral("window_days"), 0), 120.0);
        QVERIFY(!partial->enabled(QStringLiteral("low_exam")));
    }

    void lexicon_findsConcernsAndRespectsNegation()
    {
        auto lexicon = NarrativeLexicon::builtIn(QStringLiteral("concerning-language"));
        QVERIFY2(lexicon.ok(), qPrintable(lexicon.ok() ? QString() : lexicon.error().message));
        const auto hits = [&](const char *text) { return lexicon->scan(QString::fromUtf8(text)); };

        QCOMPARE(hits("No concerns about patient safety.").size(), std::size_t(0));
        QCOMPARE(hits("Did not have difficulty managing a busy list.").size(), std::size_t(0));
        QCOMPARE(hits("Didn't struggle with the workload.").size(), std::size_t(0));
        QCOMPARE(hits("Thorough history; excellent reasoning.").size(), std::size_t(0));

        auto found = hits("Had difficulty organizing the plan for a patient with sepsis.");
        QCOMPARE(found.size(), std::size_t(1));
        QCOMPARE(found.front().phrase, QStringLiteral("had difficulty"));
        // A phrase that carries its own negation is matched as written.
        found = hits("Did not follow up on pending results at discharge.");
        QCOMPARE(found.size(), std::size_t(1));
        QCOMPARE(found.front().category, QStringLiteral("professionalism"));
        // Negation does not reach across a clause.
        found = hits("No concerns about knowledge, but was unprofessional with nursing staff.");
        QCOMPARE(found.size(), std::size_t(1));
        QCOMPARE(found.front().phrase, QStringLiteral("unprofessional"));
        // One hit per sentence, and the sentence comes back as written for a person to read.
        found = hits("Great week.\nRequired repeated prompting; the handover omitted critical information.");
        QCOMPARE(found.size(), std::size_t(2));
        QCOMPARE(found.front().sentence, QStringLiteral("Required repeated prompting;"));
        QCOMPARE(lexicon->categoryTitle(QStringLiteral("patient_safety")), QStringLiteral("Patient safety"));
    }

    void auc_matchesPairCountingWithTiesAndWeights()
    {
        std::mt19937_64 rng(7);
        std::uniform_int_distribution<int> score(0, 9);
        std::bernoulli_distribution label(0.3);
        std::vector<double> scores(400);
        std::vector<char> labels(400);
        for (std::size_t i = 0; i < scores.size(); ++i) {
            scores[i] = score(rng);
            labels[i] = label(rng) ? 1 : 0;
        }
        double pairs = 0, wins = 0;
        for (std::size_t i = 0; i < scores.size(); ++i) {
            for (std::size_t j = 0; j < scores.size(); ++j) {
                if (!labels[i] || labels[j])
                    continue;
                ++pairs;
                wins += scores[i] > scores[j] ? 1.0 : scores[i] == scores[j] ? 0.5 : 0.0;
            }
        }
        const auto auc = Validity::auc(scores, labels);
        QVERIFY(auc.has_value());
        QVERIFY(qAbs(*auc - wins / pairs) < 1e-12);

        // Integer weights are the same as repeating the units.
        std::vector<double> weights(scores.size());
        std::vector<double> repeatedScores;
        std::vector<char> repeatedLabels;
        for (std::size_t i = 0; i < scores.size(); ++i) {
            weights[i] = static_cast<double>(i % 3);
            for (int k = 0; k < static_cast<int>(weights[i]); ++k) {
                repeatedScores.push_back(scores[i]);
                repeatedLabels.push_back(labels[i]);
            }
        }
        QVERIFY(qAbs(*Validity::auc(scores, labels, weights) - *Validity::auc(repeatedScores, repeatedLabels)) < 1e-12);
        const std::vector<char> onlyOne(scores.size(), 1);
        QVERIFY(!Validity::auc(scores, onlyOne).has_value());
    }

    void outcomes_adverseValuesAreRead()
    {
        QVERIFY(Validity::isAdverse(QStringLiteral("fail_or_withdrawn"), QStringLiteral("1"), 1.0));
        QVERIFY(!Validity::isAdverse(QStringLiteral("fail_or_withdrawn"), QStringLiteral("0"), 0.0));
        QVERIFY(Validity::isAdverse(QStringLiteral("board_result"), QStringLiteral("fail"), std::nullopt));
        QVERIFY(!Validity::isAdverse(QStringLiteral("board_result"), QStringLiteral("pass"), std::nullopt));
        QVERIFY(Validity::isAdverse(QStringLiteral("level4_at_completion"), QStringLiteral("0"), 0.0));
        QVERIFY(!Validity::isAdverse(QStringLiteral("level4_at_completion"), QStringLiteral("1"), 1.0));
        QVERIFY(Validity::isAdverse(QStringLiteral("completed_on_time"), QStringLiteral("0"), 0.0));
        QVERIFY(Validity::isAdverse(QStringLiteral("final_result"), QStringLiteral("Withdrawn"), std::nullopt));
        QVERIFY(!Validity::isAdverse(QStringLiteral("final_result"), QStringLiteral("Distinction"), std::nullopt));
    }
};

QTEST_GUILESS_MAIN(TestAnalyticsUnits)
#include "tst_analyticsunits.moc"
