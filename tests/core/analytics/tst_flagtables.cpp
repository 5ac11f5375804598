// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The flag rules' working tables: flat per-competency scores, the learner × competency table
// (flat, or a map per learner when the dataset is too large), a rule's learner scores.
#include "analytics/FlagRuleTables.h"

#include <QTest>

using namespace pme::core::analytics;
using namespace pme::core::analytics::flagrules;

class TestFlagTables : public QObject {
    Q_OBJECT

private slots:
    void competencyScores_findAfterFinish_lastAddedStands()
    {
        CompetencyScores scores;
        scores.add(7, 3, 0.5);
        scores.add(2, 9, 1.5);
        scores.add(7, 1, -2.0);
        scores.add(2, 9, 2.5); // the same pair again: this one stands
        scores.add(0, 0, 0.0);
        scores.finish();
        QCOMPARE(scores.size(), std::size_t(4));
        QCOMPARE(scores.find(2, 9), std::optional<double>(2.5));
        QCOMPARE(scores.find(7, 1), std::optional<double>(-2.0));
        QCOMPARE(scores.find(7, 3), std::optional<double>(0.5));
        QCOMPARE(scores.find(0, 0), std::optional<double>(0.0));
        QVERIFY(!scores.find(7, 2));
        QVERIFY(!scores.find(3, 9));
        QVERIFY(!scores.find(8, 0));
        const auto &e = scores.entries();
        for (std::size_t i = 1; i < e.size(); ++i)
            QVERIFY(std::pair(e[i - 1].learner, e[i - 1].competency) < std::pair(e[i].learner, e[i].competency));
        QVERIFY(!CompetencyScores().find(0, 0));
    }

    void learnerCompetencyTable_flatAndMapAgree()
    {
        // 30,000 learners × 600 competencies (18 M cells) is kept as a map per learner.
        LearnerCompetencyTable<double> large(30000, 600);
        LearnerCompetencyTable<double> small(100, 20);
        for (auto *table : {&large, &small}) {
            QCOMPARE(table->value(5, 7), 0.0);
            table->at(5, 7) += 1.25;
            table->at(5, 7) += 2.0;
            table->at(99, 19) = -3.0;
            table->at(0, 0) += 0.5;
            QCOMPARE(table->value(5, 7), 3.25);
            QCOMPARE(table->value(99, 19), -3.0);
            QCOMPARE(table->value(0, 0), 0.5);
            QCOMPARE(table->value(5, 8), 0.0);
            QCOMPARE(table->value(6, 7), 0.0);
        }
        LearnerCompetencyTable<int> counts(30000, 600);
        ++counts.at(29999, 599);
        QCOMPARE(counts.value(29999, 599), 1);
        QCOMPARE(counts.value(29999, 598), 0);
    }

    void programCompetencies_keepFirstAppearanceOrder()
    {
        ProgramCompetencies seen(10);
        seen.note(1, 4);
        seen.note(1, 2);
        seen.note(2, 2);
        seen.note(1, 4);
        seen.note(2, 9);
        seen.note(1, 0);
        seen.note(2, 2);
        auto lists = seen.take();
        QCOMPARE(lists.size(), std::size_t(2));
        QCOMPARE(lists[1], (std::vector<qint32>{4, 2, 0}));
        QCOMPARE(lists[2], (std::vector<qint32>{2, 9}));
    }

    void ruleScores_highestPerLearner_meanForAttainment()
    {
        FlagEvaluation out;
        RuleScores below(out, QStringLiteral("below_expected"), 3);
        RuleScores attain(out, QStringLiteral("low_attainment"), 3);
        RuleScores exam(out, QStringLiteral("low_exam"), 3);
        QVERIFY(out.scores.empty()); // a rule that scores nothing leaves no entry
        below.add(1, 0, 0.5);
        below.add(1, 1, 2.0);
        below.add(1, 2, 1.0);
        attain.add(2, 0, 0.2);
        attain.add(2, 1, 0.6);
        exam.add(0, 40.0);
        QCOMPARE(out.scores.at(QStringLiteral("below_expected"))[1], std::optional<double>(2.0));
        QVERIFY(!out.scores.at(QStringLiteral("below_expected"))[0]);
        QCOMPARE(*out.scores.at(QStringLiteral("low_attainment"))[2], (0.2 + 0.6) / 2);
        QCOMPARE(out.scores.at(QStringLiteral("low_exam"))[0], std::optional<double>(40.0));
        // Per-competency scores only for the rules that score per competency.
        QVERIFY(!out.competencyScores.count(QStringLiteral("low_exam")));
        auto &pairs = out.competencyScores.at(QStringLiteral("below_expected"));
        pairs.finish();
        QCOMPARE(pairs.find(1, 1), std::optional<double>(2.0));
    }
};

QTEST_GUILESS_MAIN(TestFlagTables)
#include "tst_flagtables.moc"
