// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "WorkspaceTestStore.h"
#include "governance/AuditLog.h"
#include "workspace/CohortQueries.h"
#include "workspace/FlagActions.h"
#include "workspace/ProfileQueries.h"
#include "workspace/TrajectoryBuilder.h"

#include <QTest>

#include <cmath>

using namespace pme;
using namespace pme::core::workspace;
using core::analytics::FlagStore;

class TestWorkspaceQueries : public QObject {
    Q_OBJECT

private:
    tests::WorkspaceTestStore m_demo;

    qint64 count(const char *action)
    {
        core::Statement select(m_demo.db(), "SELECT count(*) FROM audit_entries WHERE action = ?");
        select.bind(1, QString::fromLatin1(action));
        auto row = select.step();
        return row && *row ? select.columnInt64(0) : -1;
    }
    qint64 firstLearner() { return m_demo.scalar("SELECT min(id) FROM learners"); }
    qint64 otherLearner() { return m_demo.scalar("SELECT max(id) FROM learners"); }
    /// A flag of a learner, with evidence when there is one.
    qint64 flagOf(qint64 learnerId)
    {
        return m_demo.scalar("SELECT f.id FROM flags f WHERE f.learner_id = ? ORDER BY "
                             "(SELECT count(*) FROM flag_evidence e WHERE e.flag_id = f.id) DESC, f.id LIMIT 1",
                             learnerId);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_demo.build());
        QVERIFY(m_demo.scalar("SELECT count(*) FROM flags") > 0);
    }

    void cohort_directorSeesTheProgramWithAnalytics()
    {
        auto overview = CohortQueries::load(m_demo.db(), m_demo.user(QStringLiteral("demo-director")));
        QVERIFY2(overview, qPrintable(overview ? QString() : overview.error().message));
        QCOMPARE(overview->rows.size(), m_demo.scalar("SELECT count(*) FROM learners"));
        QVERIFY(overview->hasAnalytics);
        int withProbability = 0, flagged = 0, recent = 0;
        for (const CohortRow &row : overview->rows) {
            withProbability += row.lowestProbability.has_value();
            flagged += row.openFlagTotal() > 0;
            recent += row.recentEvidence;
            QCOMPARE(row.monthlyEvidence.size(), kSparklineMonths);
            if (row.inTraining())
                QVERIFY(!row.stage.isEmpty());
        }
        QVERIFY(withProbability > 0);
        QVERIFY(flagged > 0);
        QVERIFY(recent > 0);
        QCOMPARE(overview->summary.probabilityBins.size(), 10);
        QCOMPARE(overview->summary.evidenceByMonth.size(), kSparklineMonths);
        int flagsInChart = 0;
        for (const CohortBar &bar : overview->summary.flagsByRule)
            flagsInChart += bar.count;
        QCOMPARE(flagsInChart, m_demo.scalar("SELECT count(*) FROM flags WHERE state = 'open'"));
    }

    void cohort_isNarrowedByRole()
    {
        auto coach = CohortQueries::load(m_demo.db(), m_demo.user(QStringLiteral("demo-coach")));
        QVERIFY(coach);
        QCOMPARE(coach->rows.size(), 4); // the demo coach's three, and the flagged learner
        auto learner = CohortQueries::load(m_demo.db(), m_demo.user(QStringLiteral("demo-learner")));
        QVERIFY(learner);
        QCOMPARE(learner->rows.size(), 1);
        QCOMPARE(learner->rows.first().learnerId, firstLearner());
        // Administrators read rosters only: no profiles, so no cohort rows.
        auto admin = CohortQueries::load(m_demo.db(), m_demo.user(QStringLiteral("demo-admin")));
        QVERIFY(admin);
        QVERIFY(admin->rows.isEmpty());
        QVERIFY(!CohortQueries::load(m_demo.db(), core::ActingUser()));
    }

    void profile_openIsAuditedAndComplete()
    {
        const qint64 before = count("profile_viewed");
        auto profile = ProfileQueries::open(m_demo.db(), m_demo.audit(), m_demo.user(QStringLiteral("demo-coach")),
                                            firstLearner());
        QVERIFY2(profile, qPrintable(profile ? QString() : profile.error().message));
        QCOMPARE(count("profile_viewed"), before + 1);
        QCOMPARE(m_demo.scalar("SELECT learner_id FROM audit_entries ORDER BY id DESC LIMIT 1"), firstLearner());
        QVERIFY(!profile->header.name.isEmpty());
        QCOMPARE(profile->header.coaches.size(), 1);
        QVERIFY(profile->header.start.isValid());
        QVERIFY(!profile->competencies.isEmpty());
        QVERIFY(!profile->observations.isEmpty());
        QVERIFY(!profile->norms.isEmpty());
        QVERIFY(profile->horizon.isValid());
        QVERIFY(profile->mayDecideFlags);
        QVERIFY(profile->mayCommentFlags);
        for (int i = 1; i < profile->observations.size(); ++i)
            QVERIFY(profile->observations.at(i - 1).date <= profile->observations.at(i).date);
    }

    void profile_learnerCannotOpenAnother()
    {
        const core::ActingUser learner = m_demo.user(QStringLiteral("demo-learner"));
        const qint64 before = count("profile_viewed");
        auto other = ProfileQueries::open(m_demo.db(), m_demo.audit(), learner, otherLearner());
        QVERIFY(!other);
        QCOMPARE(other.error().kind, core::ErrorKind::Denied);
        QCOMPARE(count("profile_viewed"), before); // a refused view is not a view
        QVERIFY(!ProfileQueries::observations(m_demo.db(), learner, otherLearner()));
        auto own = ProfileQueries::open(m_demo.db(), m_demo.audit(), learner, firstLearner());
        QVERIFY(own);
        QVERIFY(!own->mayDecideFlags);
        QVERIFY(own->mayCommentFlags);
        // A coach is refused a learner they are not assigned to.
        QVERIFY(!ProfileQueries::open(m_demo.db(), m_demo.audit(), m_demo.user(QStringLiteral("demo-coach")),
                                      otherLearner()));
    }

    void observations_filterByCompetencyAndDate()
    {
        const core::ActingUser director = m_demo.user(QStringLiteral("demo-director"));
        auto all = ProfileQueries::observations(m_demo.db(), director, firstLearner());
        QVERIFY(all && !all->isEmpty());
        const ObservationRow sample = all->at(all->size() / 2);
        QVERIFY(sample.competencyId);
        ObservationFilter filter;
        filter.competencyId = sample.competencyId;
        filter.from = sample.date;
        auto some = ProfileQueries::observations(m_demo.db(), director, firstLearner(), filter);
        QVERIFY(some && !some->isEmpty());
        QVERIFY(some->size() < all->size());
        for (const ObservationRow &row : *some) {
            QCOMPARE(row.competencyId, sample.competencyId);
            QVERIFY(row.date >= sample.date);
        }
    }

    void trajectory_bandsFollowTheModel()
    {
        auto profile = ProfileQueries::open(m_demo.db(), m_demo.audit(), m_demo.user(QStringLiteral("demo-director")),
                                            m_demo.flaggedLearner());
        QVERIFY(profile);
        // A competency the CCC has rated, so the chart has decisions too (any, if none is).
        std::optional<CompetencyStanding> standing;
        bool rated = false;
        for (const CompetencyStanding &c : profile->competencies) {
            for (const ObservationRow &o : profile->observations) {
                if (o.isCommitteeDecision() && o.competencyId == c.competencyId) {
                    standing = c;
                    rated = true;
                }
            }
        }
        if (!standing && !profile->competencies.isEmpty())
            standing = profile->competencies.first();
        QVERIFY(standing);
        const TrajectorySeries s = TrajectoryBuilder::build(*profile, standing->competencyId);
        QCOMPARE(s.curveDates.size(), TrajectoryBuilder::kCurvePoints);
        QCOMPARE(s.fit.size(), s.curveDates.size());
        QCOMPARE(s.norm.size(), s.curveDates.size());
        QVERIFY(!s.points.isEmpty());
        QCOMPARE(!s.decisions.isEmpty(), rated); // the CCC's milestone ratings are markers, not points
        QVERIFY(s.target.has_value());
        const auto *f = profile->forecast(standing->competencyId);
        const auto *n = profile->norm(standing->competencyId);
        QVERIFY(f && n);
        const int i = TrajectoryBuilder::kCurvePoints / 2;
        const double t = s.start.daysTo(s.curveDates.at(i)) / 365.25;
        QVERIFY(std::abs(s.fit.at(i) - (f->intercept + f->slope * t)) < 1e-9);
        const double w = 1.959964 * std::sqrt(f->covII + 2 * t * f->covIS + t * t * f->covSS);
        QVERIFY(std::abs((s.fitHigh.at(i) - s.fit.at(i)) - w) < 1e-6);
        const double wn = 1.959964 * std::sqrt(n->varI + 2 * t * n->covIS + t * t * n->varS);
        QVERIFY(std::abs((s.normHigh.at(i) - s.norm.at(i)) - wn) < 1e-6);
        for (const TrajectoryPoint &p : s.points)
            QVERIFY(s.instruments.contains(p.instrument));
    }

    void flags_learnerMayOnlyComment()
    {
        const core::ActingUser learner = m_demo.user(tests::WorkspaceTestStore::flaggedLearnerAccount());
        const qint64 flag = flagOf(m_demo.flaggedLearner());
        QVERIFY(flag > 0);
        auto denied = FlagActions::setState(m_demo.db(), m_demo.audit(), learner, flag, FlagStore::State::Dismissed,
                                            QStringLiteral("I disagree"));
        QVERIFY(!denied);
        QCOMPARE(denied.error().kind, core::ErrorKind::Denied);
        const qint64 before = count("flag_commented");
        QVERIFY(FlagActions::comment(m_demo.db(), m_demo.audit(), learner, flag, QStringLiteral("I was on leave.")));
        QCOMPARE(count("flag_commented"), before + 1);
        QCOMPARE(m_demo.scalar("SELECT count(*) FROM flag_events WHERE flag_id = ? AND kind = 'commented'", flag), 1);
        // Not on someone else's flag.
        const qint64 others
            = flagOf(m_demo.scalar("SELECT max(learner_id) FROM flags WHERE learner_id <> ?", m_demo.flaggedLearner()));
        if (others > 0)
            QVERIFY(!FlagActions::comment(m_demo.db(), m_demo.audit(), learner, others, QStringLiteral("hi")));
    }

    void flags_coachDecidesForAssignedLearnersOnly()
    {
        const core::ActingUser coach = m_demo.user(QStringLiteral("demo-coach"));
        const qint64 flag = flagOf(m_demo.flaggedLearner());
        QVERIFY(flag > 0);
        const qint64 before = count("flag_state_changed");
        // A dismissal without a reason changes nothing and records nothing.
        QVERIFY(!FlagActions::setState(m_demo.db(), m_demo.audit(), coach, flag, FlagStore::State::Dismissed, {}));
        QCOMPARE(count("flag_state_changed"), before);
        QVERIFY(FlagActions::setState(m_demo.db(), m_demo.audit(), coach, flag, FlagStore::State::Acknowledged,
                                      QStringLiteral("Discussed in our session")));
        QCOMPARE(count("flag_state_changed"), before + 1);
        QCOMPARE(m_demo.scalar("SELECT count(*) FROM flags WHERE id = ? AND state = 'acknowledged'", flag), 1);
        const qint64 others
            = flagOf(m_demo.scalar("SELECT max(learner_id) FROM flags WHERE learner_id <> ?", m_demo.flaggedLearner()));
        if (others > 0) {
            auto refused
                = FlagActions::setState(m_demo.db(), m_demo.audit(), coach, others, FlagStore::State::Resolved, {});
            QVERIFY(!refused);
            QCOMPARE(refused.error().kind, core::ErrorKind::Denied);
        }
        // A CCC member decides in the program.
        QVERIFY(FlagActions::setState(m_demo.db(), m_demo.audit(), m_demo.user(QStringLiteral("demo-ccc")), flag,
                                      FlagStore::State::Resolved, QStringLiteral("Caught up")));
        QVERIFY(!FlagActions::mayDecide(m_demo.db(), m_demo.user(QStringLiteral("demo-admin")), m_demo.flaggedLearner())
                     .value());
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceQueries)
#include "tst_workspacequeries.moc"
