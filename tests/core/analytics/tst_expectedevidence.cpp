// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The expected-evidence schedule and the rule on it (evidence_on_schedule), on a small
// program whose figures can be worked out by hand.
#include "analytics/AnalyticsEngine.h"
#include "store/Statement.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

using namespace pme::core;
using namespace pme::core::analytics;

namespace {

const QString kRule = QStringLiteral("evidence_on_schedule");

} // namespace

class TestExpectedEvidence : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        auto store = Store::openInMemory();
        QVERIFY(store.ok());
        m_store.emplace(std::move(*store));
        // A course scored 0-100 with two kinds of evidence. The schedule expects the written
        // assignments 1, 2 and 3 by days 10, 40 and 90, and two quizzes (any) by day 50.
        QVERIFY(db().execute(
                        "INSERT INTO sources (id, code, name) VALUES (7, 'test', 'Test');"
                        "INSERT INTO frameworks (id, code, name, kind, scale_min, scale_max, scale_step, target_level, "
                        "imported_at) VALUES (1, 'course', 'Course', 'competencies', 0, 100, 1, 40, 'x');"
                        "INSERT INTO competencies (id, framework_id, code, name) VALUES (1, 1, 'W', 'Written'),"
                        " (2, 1, 'Q', 'Quiz');"
                        "INSERT INTO programs (id, code, name, created_at) VALUES (1, 'P', 'Program', 'x'),"
                        " (2, 'NOSCHED', 'Program without a schedule', 'x');"
                        "INSERT INTO expected_evidence (program_id, competency_id, instrument, title, due_day, "
                        "required_count, source_id, source_key) VALUES"
                        " (1, 1, 'W1', 'Assignment 1', 10, 1, 7, 'w1'), (1, 1, 'W2', 'Assignment 2', 40, 1, 7, 'w2'),"
                        " (1, 1, 'W3', 'Assignment 3', 90, 1, 7, 'w3'), (1, 2, NULL, 'Two quizzes', 50, 2, 7, 'q');")
                    .ok());
        // A: everything on time at 80, both quizzes at 100, assignment 3 ahead of its date.
        // B: assignment 1 at 70, one quiz at 50, assignment 2 missing. C: nothing.
        // D: 90 everywhere, assignment 2 late (day 55). E: assignment 1 handed in unscored.
        // F: in the program without a schedule.
        addLearner(1, 1, "A", {{"W1", 1, 8, 80}, {"W2", 1, 38, 80}, {"W3", 1, 45, 80}, {"", 2, 20, 100}, {"", 2, 48, 100}});
        addLearner(2, 1, "B", {{"W1", 1, 9, 70}, {"", 2, 30, 50}});
        addLearner(3, 1, "C", {});
        addLearner(4, 1, "D", {{"W1", 1, 10, 90}, {"W2", 1, 55, 90}, {"", 2, 20, 90}, {"", 2, 21, 90}});
        addLearner(5, 1, "E", {{"W1", 1, 10, -1}, {"W2", 1, 40, 60}, {"", 2, 41, 60}, {"", 2, 42, 60}});
        addLearner(6, 2, "F", {{"W1", 1, 10, 20}});
    }

    void score_isTheShareOfPeersWithMoreOfWhatWasDue()
    {
        auto computed = recompute(AsOf::daysAfterStart(60));
        QVERIFY2(computed.ok(), qPrintable(computed.ok() ? QString() : computed.error().message));
        // Shares of what was expected (assignments 1 and 2, two quizzes; A's assignment 3 too):
        // A 4.4/5, B 1.2/4, C 0/4, D 3.6/4 (late work counts), E 1.8/4 (unscored counts as none).
        // Among five peers, ties (the learner) counting half: D 0.1, A 0.3, E 0.5, B 0.7, C 0.9.
        const std::map<QString, double> expected{{QStringLiteral("A"), 0.3}, {QStringLiteral("B"), 0.7},
                                                 {QStringLiteral("C"), 0.9}, {QStringLiteral("D"), 0.1},
                                                 {QStringLiteral("E"), 0.5}};
        for (const auto &[name, score] : expected)
            QVERIFY2(qAbs(scoreOf(*computed, name).value_or(-1) - score) < 1e-12, qPrintable(name));
        QVERIFY(!scoreOf(*computed, QStringLiteral("F")).has_value());

        // C is behind nine in ten and flagged at moderate severity, naming what is missing.
        const FlagCandidate *flag = flagOf(*computed, QStringLiteral("C"));
        QVERIFY(flag);
        QCOMPARE(flag->severity, 2);
        QCOMPARE(flag->detailsObject().value(QStringLiteral("due")).toInt(), 3);
        QCOMPARE(flag->detailsObject().value(QStringLiteral("handed_in")).toInt(), 0);
        QCOMPARE(flag->detailsObject().value(QStringLiteral("missing")).toArray().size(), 3);
        QVERIFY2(flag->explanation.contains(QLatin1String("Assignment 1")), qPrintable(flag->explanation));
        QVERIFY(flag->explanation.contains(QLatin1String("0%")));
        QVERIFY(!flagOf(*computed, QStringLiteral("B")));
    }

    void evidenceAfterTheAsOfPoint_isNotUsed_andNothingDueIsNotScored()
    {
        // Day 45: D's late assignment 2 (day 55) is not there yet. The quizzes are not due;
        // those handed in count as work ahead of its date, and so does A's assignment 3.
        // Shares: A 3.4/4, B 1.2/3, C 0/2, D 2.7/4, E 1.8/4.
        auto computed = recompute(AsOf::daysAfterStart(45));
        QVERIFY(computed.ok());
        QVERIFY(qAbs(*scoreOf(*computed, QStringLiteral("A")) - 0.1) < 1e-12);
        QVERIFY(qAbs(*scoreOf(*computed, QStringLiteral("D")) - 0.3) < 1e-12);
        QVERIFY(qAbs(*scoreOf(*computed, QStringLiteral("E")) - 0.5) < 1e-12);
        QVERIFY(qAbs(*scoreOf(*computed, QStringLiteral("B")) - 0.7) < 1e-12);
        QCOMPARE(flagOf(*computed, QStringLiteral("A")) ? 1 : 0, 0);
        const FlagCandidate *behind = flagOf(*computed, QStringLiteral("C"));
        QVERIFY(behind);
        QCOMPARE(behind->detailsObject().value(QStringLiteral("due")).toInt(), 2);
        // Day 5: nothing was due and nothing was handed in: no score for anyone.
        auto early = recompute(AsOf::daysAfterStart(5));
        QVERIFY(early.ok());
        for (const char *name : {"A", "B", "C", "D", "E"})
            QVERIFY(!scoreOf(*early, QString::fromLatin1(name)).has_value());
    }

    void singleLearnerRefresh_comparesWithTheStoredPeers()
    {
        RecomputeRequest full;
        auto all = AnalyticsEngine::recompute(db(), full);
        QVERIFY2(all.ok(), qPrintable(all.ok() ? QString() : all.error().message));
        const auto before = scoreOf(*all, QStringLiteral("B"));
        QVERIFY(before.has_value());
        RecomputeRequest one;
        one.learnerIds = {2};
        auto refreshed = AnalyticsEngine::recompute(db(), one);
        QVERIFY2(refreshed.ok(), qPrintable(refreshed.ok() ? QString() : refreshed.error().message));
        QVERIFY(refreshed->incremental);
        QCOMPARE(scoreOf(*refreshed, QStringLiteral("B")).value_or(-1), *before);
    }

private:
    struct Obs {
        const char *instrument;
        qint64 competency;
        int day;
        double rating; ///< < 0: handed in without a score
    };

    Database &db() { return m_store->database(); }

    void addLearner(qint64 id, qint64 program, const char *name, const std::vector<Obs> &observations)
    {
        Statement learner(db(), "INSERT INTO learners (id, program_id, display_name, start_date, "
                                "expected_completion_date, created_at, updated_at) "
                                "VALUES (?, ?, ?, '2025-01-01', '2025-12-31', 'x', 'x')");
        learner.bind(1, id);
        learner.bind(2, program);
        learner.bind(3, QString::fromLatin1(name));
        QVERIFY(learner.exec().ok());
        Statement insert(db(), "INSERT INTO observations (learner_id, competency_id, kind, observed_on, rating, "
                               "instrument, source_id, source_key, key_hash) VALUES (?, ?, 'assessment', ?, ?, ?, 7, ?, ?)");
        int n = 0;
        for (const Obs &o : observations) {
            insert.bind(1, id);
            insert.bind(2, o.competency);
            insert.bind(3, QDate(2025, 1, 1).addDays(o.day).toString(Qt::ISODate));
            insert.bind(4, o.rating < 0 ? std::optional<double>() : std::optional<double>(o.rating));
            insert.bind(5, *o.instrument ? std::optional<QString>(QString::fromLatin1(o.instrument)) : std::nullopt);
            insert.bind(6, QStringLiteral("%1-%2").arg(id).arg(++n));
            insert.bind(7, id * 100 + n);
            auto r = insert.exec();
            QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        }
    }

    Result<RecomputeResult> recompute(const AsOf &asOf)
    {
        RecomputeRequest request;
        request.asOf = asOf;
        request.persist = false;
        return AnalyticsEngine::recompute(db(), request);
    }

    std::optional<qint32> indexOf(const RecomputeResult &r, const QString &name)
    {
        for (std::size_t l = 0; l < r.data.learners().size(); ++l) {
            if (r.data.learners()[l].displayName == name)
                return static_cast<qint32>(l);
        }
        return std::nullopt;
    }

    std::optional<double> scoreOf(const RecomputeResult &r, const QString &name)
    {
        const auto l = indexOf(r, name);
        const auto scores = r.evaluation.scores.find(kRule);
        if (!l || scores == r.evaluation.scores.end())
            return std::nullopt;
        return scores->second[static_cast<std::size_t>(*l)];
    }

    const FlagCandidate *flagOf(const RecomputeResult &r, const QString &name)
    {
        const auto l = indexOf(r, name);
        for (const FlagCandidate &f : r.evaluation.flags) {
            if (l && f.rule == kRule && f.learner == *l)
                return &f;
        }
        return nullptr;
    }

    std::optional<Store> m_store;
};

QTEST_GUILESS_MAIN(TestExpectedEvidence)
#include "tst_expectedevidence.moc"
