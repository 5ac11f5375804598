// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "../workspace/WorkspaceTestStore.h"
#include "analytics/AnalyticsEngine.h"
#include "analytics/AnalyticsQueries.h"
#include "domain/Dates.h"
#include "goals/CoachingNotes.h"
#include "goals/GoalPlanQueries.h"
#include "goals/GoalPlanService.h"
#include "goals/GoalSuggestion.h"
#include "governance/AuditLog.h"
#include "sync/ProfileRegistry.h"
#include "sync/SyncJob.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace pme;
using namespace pme::core::goals;

namespace {

#define VERIFY_OK(expr)                                                                                                \
    do {                                                                                                               \
        const auto &result_ = (expr);                                                                                  \
        QVERIFY2(result_.ok(), qPrintable(result_.ok() ? QString() : result_.error().message));                        \
    } while (false)

} // namespace

class TestGoalPlans : public QObject {
    Q_OBJECT

private:
    tests::WorkspaceTestStore m_demo;
    qint64 m_learner = 0;
    qint64 m_competency = 0;

    core::ActingUser learner() { return m_demo.user(tests::WorkspaceTestStore::flaggedLearnerAccount()); }
    core::ActingUser coach() { return m_demo.user(QStringLiteral("demo-coach")); }
    core::ActingUser director() { return m_demo.user(QStringLiteral("demo-director")); }
    core::ActingUser ccc() { return m_demo.user(QStringLiteral("demo-ccc")); }
    core::ActingUser admin() { return m_demo.user(QStringLiteral("demo-admin")); }
    core::ActingUser otherLearner() { return m_demo.user(QStringLiteral("demo-learner")); }
    QList<core::ActingUser> summative() { return {director(), ccc(), admin()}; }
    QList<core::ActingUser> outsiders() { return {director(), ccc(), admin(), otherLearner()}; }
    static QDate inMonths(int months) { return QDate::currentDate().addMonths(months); }

    qint64 count(const char *sql, qint64 bind) { return m_demo.scalar(sql, bind); }

    GoalDraft levelGoal(double level, const QDate &target)
    {
        GoalDraft g;
        g.statement = QStringLiteral("Lead the handover on every call day");
        g.competencyId = m_competency;
        g.measure.kind = GoalMeasure::Kind::CompetencyLevel;
        g.measure.target = level;
        g.targetDate = target;
        g.supportRequested = QStringLiteral("Direct observation by the coach once a month");
        g.actions
            = {GoalAction{0, QStringLiteral("Ask for feedback after each handover"), QStringLiteral("learner"),
                          target.addMonths(-1), std::nullopt},
               GoalAction{0, QStringLiteral("Observe one handover"), QStringLiteral("coach"), target, std::nullopt}};
        return g;
    }

    /// A plan with one goal, drafted by the learner.
    qint64 draftPlan(const QString &title, const GoalDraft &goal, qint64 *goalId = nullptr)
    {
        auto plan = GoalPlanService::createPlan(
            m_demo.db(), m_demo.audit(), learner(), m_learner,
            PlanHeader{title, QStringLiteral("Block 4"), QDate(2026, 1, 1), QDate(2026, 12, 31)});
        if (!plan)
            qFatal("create: %s", qPrintable(plan.error().message));
        auto id = GoalPlanService::addGoal(m_demo.db(), m_demo.audit(), learner(), *plan, goal);
        if (!id)
            qFatal("goal: %s", qPrintable(id.error().message));
        if (goalId)
            *goalId = *id;
        return *plan;
    }

    GoalPlan read(qint64 planId, const core::ActingUser &user)
    {
        auto plan = GoalPlanQueries::plan(m_demo.db(), m_demo.audit(), user, planId);
        if (!plan)
            qFatal("read: %s", qPrintable(plan.error().message));
        return *plan;
    }

    core::Result<bool> sign(qint64 planId, const core::ActingUser &user)
    {
        return GoalPlanService::sign(m_demo.db(), m_demo.audit(), user, planId, read(planId, user).versionHash);
    }

    void agree(qint64 planId)
    {
        VERIFY_OK(sign(planId, learner()));
        VERIFY_OK(sign(planId, coach()));
        QVERIFY(read(planId, coach()).isAgreed());
    }

    /// Syncs a CSV through the real path (SyncJob, then the analytics refresh after a sync).
    void syncCsv(const QString &name, const QByteArray &content)
    {
        const QString path = QDir(QDir::tempPath()).filePath(QStringLiteral("tst_goalplans-%1.csv").arg(name));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content);
        file.close();
        auto profiles = core::ProfileRegistry::load(QString());
        QVERIFY(profiles);
        const core::ActingUser manager = director();
        core::SyncJob job(m_demo.db(), *profiles);
        core::SyncRequest request;
        request.path = path;
        request.user = &manager;
        request.audit = &m_demo.audit();
        const core::SyncReport report = job.run(request);
        QFile::remove(path);
        QVERIFY2(report.status == QLatin1String("ok"), qPrintable(report.message));
        QVERIFY(report.inserted > 0);
        auto refreshed = core::analytics::AnalyticsEngine::refreshAfterSync(m_demo.db(), {report.batchId},
                                                                            &m_demo.audit(), &manager);
        VERIFY_OK(refreshed);
    }

    QString learnerExternalId()
    {
        core::Statement select(m_demo.db(),
                               "SELECT external_id FROM learner_identities WHERE learner_id = ? "
                               "ORDER BY id LIMIT 1");
        select.bind(1, m_learner);
        auto row = select.step();
        return row && *row ? select.columnText(0) : QString();
    }

    std::optional<core::analytics::FlagView> overdueFlag()
    {
        auto recompute = core::analytics::AnalyticsEngine::recompute(m_demo.db(), {});
        if (!recompute)
            qFatal("recompute: %s", qPrintable(recompute.error().message));
        core::analytics::AnalyticsQueries::FlagFilter filter;
        filter.learnerId = m_learner;
        filter.states = {QStringLiteral("open")};
        auto flags = core::analytics::AnalyticsQueries::flags(m_demo.db(), coach(), filter);
        if (!flags)
            qFatal("flags: %s", qPrintable(flags.error().message));
        for (const auto &f : *flags) {
            if (f.rule == QLatin1String("goals_overdue"))
                return f;
        }
        return std::nullopt;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_demo.build());
        m_learner = m_demo.flaggedLearner();
        // A competency the learner has assessments and an estimate in.
        m_competency = m_demo.scalar("SELECT e.competency_id FROM learner_estimates e WHERE e.learner_id = ? "
                                     "AND EXISTS (SELECT 1 FROM observations o WHERE o.learner_id = e.learner_id "
                                     "AND o.competency_id = e.competency_id AND o.kind = 'assessment') "
                                     "ORDER BY e.competency_id LIMIT 1",
                                     m_learner);
        QVERIFY(m_competency > 0);
    }

    void signing_agreesOnlyWhenLearnerAndCoachSignTheSameVersion()
    {
        const qint64 planId = draftPlan(QStringLiteral("Signing"), levelGoal(3.5, inMonths(6)));
        GoalPlan plan = read(planId, learner());
        QCOMPARE(plan.summary.status, QStringLiteral("draft"));
        QCOMPARE(plan.summary.version, 2); // drafted, then the goal proposed
        QCOMPARE(plan.versionHash.size(), 32);
        QVERIFY(plan.maySign);

        // A stale hash is refused: a signature is for the version the signer read.
        const QByteArray seen = plan.versionHash;
        auto stale = GoalPlanService::sign(m_demo.db(), m_demo.audit(), learner(), planId, QByteArray(32, 'x'));
        QVERIFY(!stale);
        QCOMPARE(stale.error().kind, core::ErrorKind::Conflict);

        auto first = GoalPlanService::sign(m_demo.db(), m_demo.audit(), learner(), planId, seen);
        VERIFY_OK(first);
        QVERIFY(!*first);
        QCOMPARE(read(planId, coach()).summary.status, QStringLiteral("draft"));
        auto twice = GoalPlanService::sign(m_demo.db(), m_demo.audit(), learner(), planId, seen);
        QVERIFY(!twice);
        QCOMPARE(twice.error().kind, core::ErrorKind::Conflict);

        // Nobody outside the pair signs, even one who may read a shared plan.
        for (const core::ActingUser &other : outsiders()) {
            auto refused = GoalPlanService::sign(m_demo.db(), m_demo.audit(), other, planId, seen);
            QVERIFY(!refused);
            QCOMPARE(refused.error().kind, core::ErrorKind::Denied);
        }

        VERIFY_OK(GoalPlanService::comment(m_demo.db(), m_demo.audit(), coach(), planId,
                                           QStringLiteral("Agreed: the target is realistic.")));
        auto second = GoalPlanService::sign(m_demo.db(), m_demo.audit(), coach(), planId, seen);
        VERIFY_OK(second);
        QVERIFY(*second);
        plan = read(planId, learner());
        QVERIFY(plan.isAgreed());
        QVERIFY(plan.signedByLearner && plan.signedByCoach);
        QCOMPARE(plan.signatures.size(), 2);
        for (const PlanSignature &s : plan.signatures) {
            QCOMPARE(s.versionHash, seen);
            QCOMPARE(s.planVersion, 2);
        }
        QVERIFY(!plan.maySign);
        QStringList kinds;
        for (const PlanEvent &e : plan.history)
            kinds << e.kind;
        QCOMPARE(kinds,
                 (QStringList{QStringLiteral("drafted"), QStringLiteral("proposed"), QStringLiteral("signed"),
                              QStringLiteral("commented"), QStringLiteral("signed")}));
        QCOMPARE(count("SELECT count(*) FROM audit_entries WHERE action = 'plan_signed' AND entity_id = ?", planId), 2);
    }

    void editAfterSigning_reopensAgreement()
    {
        qint64 goalId = 0;
        const qint64 planId = draftPlan(QStringLiteral("Reopen"), levelGoal(3.5, inMonths(6)), &goalId);
        agree(planId);
        const GoalPlan agreed = read(planId, coach());

        GoalDraft changed = agreed.goal(goalId)->draft;
        changed.targetDate = inMonths(8);
        VERIFY_OK(GoalPlanService::updateGoal(m_demo.db(), m_demo.audit(), coach(), goalId, changed));
        GoalPlan plan = read(planId, learner());
        QCOMPARE(plan.summary.status, QStringLiteral("draft"));
        QCOMPARE(plan.summary.version, agreed.summary.version + 1);
        QVERIFY(plan.versionHash != agreed.versionHash);
        QVERIFY(plan.signatures.isEmpty());
        QVERIFY(plan.maySign);
        QCOMPARE(plan.history.at(plan.history.size() - 2).kind, QStringLiteral("agreement_reopened"));
        const PlanEvent &revised = plan.history.last();
        QCOMPARE(revised.kind, QStringLiteral("revised"));
        QCOMPARE(revised.authorId, coach().id());
        const QJsonObject change = revised.body.value(QStringLiteral("changes")).toArray().first().toObject();
        QCOMPARE(change.value(QStringLiteral("field")).toString(), QStringLiteral("target_date"));
        QCOMPARE(change.value(QStringLiteral("from")).toString(), core::toIsoDate(inMonths(6)));
        QCOMPARE(change.value(QStringLiteral("to")).toString(), core::toIsoDate(inMonths(8)));

        // The old version's signatures do not count: one new signature is not agreement.
        VERIFY_OK(sign(planId, learner()));
        QCOMPARE(read(planId, coach()).summary.status, QStringLiteral("draft"));
        // An edit after a single signature reopens as well; saving the same content is no edit.
        VERIFY_OK(GoalPlanService::updateGoal(m_demo.db(), m_demo.audit(), learner(), goalId, changed));
        QCOMPARE(read(planId, coach()).summary.version, plan.summary.version);
        VERIFY_OK(GoalPlanService::updateHeader(
            m_demo.db(), m_demo.audit(), learner(), planId,
            PlanHeader{QStringLiteral("Reopened"), QStringLiteral("Block 5"), QDate(2026, 1, 1), inMonths(10)}));
        plan = read(planId, coach());
        QVERIFY(plan.signatures.isEmpty());
        QCOMPARE(plan.history.at(plan.history.size() - 2).kind, QStringLiteral("agreement_reopened"));
        agree(planId);
        QCOMPARE(read(planId, learner()).summary.header.title, QStringLiteral("Reopened"));
    }

    void badInput_isRefusedAndWritesNothing()
    {
        const qint64 planId = draftPlan(QStringLiteral("Bad input"), levelGoal(3.5, inMonths(6)));
        const int version = read(planId, learner()).summary.version;
        const qint64 events = count("SELECT count(*) FROM goal_plan_events WHERE plan_id = ?", planId);
        GoalDraft offScale = levelGoal(42, inMonths(6));
        GoalDraft noStatement = levelGoal(3, inMonths(6));
        noStatement.statement = QStringLiteral("  ");
        GoalDraft noOwner = levelGoal(3, inMonths(6));
        noOwner.actions.first().owner = QStringLiteral("someone");
        GoalDraft percentile;
        percentile.statement = QStringLiteral("Exam");
        percentile.measure.kind = GoalMeasure::Kind::ExamPercentile;
        percentile.measure.target = 140;
        for (const GoalDraft &bad : {offScale, noStatement, noOwner, percentile}) {
            auto r = GoalPlanService::addGoal(m_demo.db(), m_demo.audit(), learner(), planId, bad);
            QVERIFY(!r);
            QCOMPARE(r.error().kind, core::ErrorKind::BadInput);
            QVERIFY(!r.error().message.isEmpty());
        }
        QCOMPARE(read(planId, learner()).summary.version, version);
        QCOMPARE(count("SELECT count(*) FROM goal_plan_events WHERE plan_id = ?", planId), events);
        QCOMPARE(count("SELECT count(*) FROM goals WHERE plan_id = ?", planId), 1);
    }

    void firewall_summativeRolesCannotReadPrivateContentThroughAnyPath()
    {
        // An unshared draft made from a flag, a private session note and a private reflection.
        const qint64 flagId = m_demo.scalar("SELECT id FROM flags WHERE learner_id = ? ORDER BY id LIMIT 1", m_learner);
        QVERIFY(flagId > 0);
        auto suggested = GoalSuggestion::fromFlag(m_demo.db(), coach(), flagId, QDate::currentDate());
        VERIFY_OK(suggested);
        QCOMPARE(suggested->fromFlagId, flagId);
        const qint64 planId = draftPlan(QStringLiteral("Private draft"), *suggested);
        NoteDraft session;
        session.sessionDate = QDate(2026, 6, 20);
        session.attendees = QStringLiteral("Learner, coach");
        session.body = QStringLiteral("Talked about night shifts.");
        session.nextSteps = QStringLiteral("Plan the next block.");
        auto noteId = CoachingNotes::write(m_demo.db(), m_demo.audit(), coach(), m_learner, session);
        VERIFY_OK(noteId);
        NoteDraft reflection;
        reflection.kind = QStringLiteral("reflection");
        reflection.body = QStringLiteral("I felt rushed on nights.");
        auto reflectionId = CoachingNotes::write(m_demo.db(), m_demo.audit(), learner(), m_learner, reflection);
        VERIFY_OK(reflectionId);
        // A reflection is the learner's to write, and theirs alone to read while private.
        QCOMPARE(CoachingNotes::write(m_demo.db(), m_demo.audit(), coach(), m_learner, reflection).error().kind,
                 core::ErrorKind::Denied);
        auto coachNotes = CoachingNotes::list(m_demo.db(), coach(), m_learner);
        VERIFY_OK(coachNotes);
        for (const CoachingNote &n : *coachNotes)
            QVERIFY(n.id != *reflectionId);

        const auto privateReachable = [&](const core::ActingUser &user) {
            bool seen = false;
            if (auto plans = GoalPlanQueries::plans(m_demo.db(), user, m_learner)) {
                for (const PlanSummary &p : *plans)
                    seen |= p.id == planId;
            }
            seen |= GoalPlanQueries::plan(m_demo.db(), m_demo.audit(), user, planId).ok();
            if (auto links = GoalPlanQueries::goalsFromFlag(m_demo.db(), user, flagId))
                seen |= !links->isEmpty();
            if (auto notes = CoachingNotes::list(m_demo.db(), user, m_learner)) {
                for (const CoachingNote &n : *notes)
                    seen |= n.id == *noteId || n.id == *reflectionId;
            }
            return seen;
        };
        for (const core::ActingUser &user : outsiders())
            QVERIFY2(!privateReachable(user), qPrintable(user.username()));
        QVERIFY(privateReachable(coach()));
        QCOMPARE(GoalPlanQueries::plan(m_demo.db(), m_demo.audit(), director(), planId).error().kind,
                 core::ErrorKind::Denied);
        auto links = GoalPlanQueries::goalsFromFlag(m_demo.db(), learner(), flagId);
        VERIFY_OK(links);
        QCOMPARE(links->size(), 1);
        // The goal remembers its flag, in words too.
        const GoalPlan fromFlag = read(planId, coach());
        QCOMPARE(fromFlag.goals.first().draft.fromFlagId, flagId);
        QVERIFY(!fromFlag.goals.first().fromFlag.isEmpty());

        // Only the learner shares; then the program reads, and each crossing is logged.
        QCOMPARE(GoalPlanService::setShared(m_demo.db(), m_demo.audit(), coach(), planId, true).error().kind,
                 core::ErrorKind::Denied);
        QCOMPARE(CoachingNotes::setShared(m_demo.db(), m_demo.audit(), coach(), *noteId, true).error().kind,
                 core::ErrorKind::Denied);
        VERIFY_OK(GoalPlanService::setShared(m_demo.db(), m_demo.audit(), learner(), planId, true));
        VERIFY_OK(CoachingNotes::setShared(m_demo.db(), m_demo.audit(), learner(), *noteId, true));
        QCOMPARE(count("SELECT count(*) FROM audit_entries WHERE action = 'plan_shared' AND entity_id = ?", planId), 1);
        QCOMPARE(count("SELECT count(*) FROM audit_entries WHERE action = 'note_shared' AND entity_id = ?", *noteId),
                 1);
        const qint64 viewsBefore = count("SELECT count(*) FROM audit_entries WHERE action = 'plan_viewed' AND "
                                         "entity_id = ?",
                                         planId);
        for (const core::ActingUser &user : {director(), ccc()}) {
            QVERIFY(GoalPlanQueries::plan(m_demo.db(), m_demo.audit(), user, planId).ok());
            auto notes = CoachingNotes::list(m_demo.db(), user, m_learner);
            VERIFY_OK(notes);
            QList<qint64> ids;
            for (const CoachingNote &n : *notes)
                ids << n.id;
            QVERIFY(ids.contains(*noteId));
            QVERIFY(!ids.contains(*reflectionId));
        }
        QCOMPARE(count("SELECT count(*) FROM audit_entries WHERE action = 'plan_viewed' AND entity_id = ?", planId),
                 viewsBefore + 2);
        // Administrators run accounts: no plan, shared or not.
        QVERIFY(!GoalPlanQueries::plan(m_demo.db(), m_demo.audit(), admin(), planId).ok());
        QVERIFY(!CoachingNotes::list(m_demo.db(), admin(), m_learner).ok());
        // Taken back, it is private again.
        VERIFY_OK(GoalPlanService::setShared(m_demo.db(), m_demo.audit(), learner(), planId, false));
        QVERIFY(!GoalPlanQueries::plan(m_demo.db(), m_demo.audit(), director(), planId).ok());
    }

    void progress_followsNewlySyncedEvidence()
    {
        // The window starts after the learner's newest evidence: nothing counts yet.
        const QString newest = [&] {
            core::Statement s(m_demo.db(), "SELECT max(observed_on) FROM observations WHERE learner_id = ?");
            s.bind(1, m_learner);
            return s.step() && s.columnText(0).size() ? s.columnText(0) : QString();
        }();
        const QDate since = core::parseIsoDate(newest).value().addDays(1);
        QVERIFY(since <= QDate::currentDate());
        GoalDraft count = levelGoal(3, since.addYears(1));
        count.statement = QStringLiteral("Two more observed assessments rated 4 or more");
        count.measure.kind = GoalMeasure::Kind::ObservationCount;
        count.measure.target = 2;
        count.measure.minRating = 4;
        count.measure.since = since;
        GoalDraft exam;
        exam.statement = QStringLiteral("In-training exam at the 40th percentile or more");
        exam.measure.kind = GoalMeasure::Kind::ExamPercentile;
        exam.measure.target = 40;
        exam.measure.since = since;
        qint64 countGoal = 0;
        const qint64 planId = draftPlan(QStringLiteral("Progress"), count, &countGoal);
        auto examGoal = GoalPlanService::addGoal(m_demo.db(), m_demo.audit(), coach(), planId, exam);
        VERIFY_OK(examGoal);
        auto levelGoalId
            = GoalPlanService::addGoal(m_demo.db(), m_demo.audit(), coach(), planId, levelGoal(4.5, since.addYears(1)));
        VERIFY_OK(levelGoalId);

        GoalPlan before = read(planId, learner());
        QCOMPARE(before.goal(countGoal)->progress.current.value_or(-1), 0.0);
        QVERIFY(!before.goal(countGoal)->progress.met);
        QVERIFY(!before.goal(*examGoal)->progress.current);
        const double levelBefore = before.goal(*levelGoalId)->progress.current.value_or(-1);
        QVERIFY(levelBefore > 0);

        core::Statement codes(m_demo.db(),
                              "SELECT f.code, c.code FROM competencies c JOIN frameworks f "
                              "ON f.id = c.framework_id WHERE c.id = ?");
        codes.bind(1, m_competency);
        const auto found = codes.step();
        QVERIFY(found && *found);
        const QString framework = codes.columnText(0), competency = codes.columnText(1);
        const QString id = learnerExternalId();
        QVERIFY(!id.isEmpty());
        QByteArray csv = "observation_id,learner_id,date,framework,competency,kind,rating,assessor,assessor_role,"
                         "instrument,context,narrative\n";
        for (int i = 0; i < 3; ++i)
            csv += QStringLiteral("goal-test-%1,%2,%3,%4,%5,assessment,%6,Dr Test,faculty,Mini-CEX,ward,\n")
                       .arg(i)
                       .arg(id, core::toIsoDate(since.addDays(i)), framework, competency)
                       .arg(i == 0 ? 2 : 5)
                       .toUtf8();
        syncCsv(QStringLiteral("observations"), csv);
        syncCsv(QStringLiteral("exams"),
                QStringLiteral("learner_id,date,exam,score,percentile\n%1,%2,ITE,612,57\n")
                    .arg(id, core::toIsoDate(since.addDays(1)))
                    .toUtf8());

        GoalPlan after = read(planId, learner());
        const GoalProgressValue &c = after.goal(countGoal)->progress;
        QCOMPARE(c.current.value_or(-1), 2.0); // the rating of 2 does not count
        QCOMPARE(c.fraction, 1.0);
        QVERIFY(c.met);
        const GoalProgressValue &e = after.goal(*examGoal)->progress;
        QCOMPARE(e.current.value_or(-1), 57.0);
        QVERIFY(e.met);
        // The estimate was refreshed by the sync: three new ratings move it.
        QVERIFY(std::abs(after.goal(*levelGoalId)->progress.current.value_or(-1) - levelBefore) > 1e-9);

        // Met is a suggestion: a person confirms, and that is no content change.
        VERIFY_OK(GoalPlanService::confirmAchieved(m_demo.db(), m_demo.audit(), learner(), countGoal));
        GoalPlan confirmed = read(planId, coach());
        QCOMPARE(confirmed.goal(countGoal)->status, QStringLiteral("achieved"));
        QCOMPARE(confirmed.summary.version, after.summary.version);
        QCOMPARE(confirmed.history.last().kind, QStringLiteral("achieved"));
    }

    void overdueGoal_raisesTheFlagAndAchievingClearsIt()
    {
        QVERIFY(!overdueFlag());
        qint64 goalId = 0;
        const QDate past = QDate::currentDate().addDays(-20);
        const qint64 planId = draftPlan(QStringLiteral("Overdue"), levelGoal(3, past), &goalId);
        // A draft is not yet agreed: nothing is overdue.
        QVERIFY(!overdueFlag());
        agree(planId);
        QVERIFY(read(planId, coach()).goal(goalId)->overdue);
        auto raised = overdueFlag();
        QVERIFY(raised);
        QCOMPARE(raised->details.value(QStringLiteral("most_overdue_days")).toInt(), 20);
        // The explanation never quotes a goal: the plan is private to the pair.
        QVERIFY(!raised->explanation.contains(QStringLiteral("handover")));

        // The date moves (and the plan is agreed again): the flag clears.
        GoalDraft moved = read(planId, coach()).goal(goalId)->draft;
        moved.targetDate = QDate::currentDate().addMonths(2);
        VERIFY_OK(GoalPlanService::updateGoal(m_demo.db(), m_demo.audit(), coach(), goalId, moved));
        agree(planId);
        QVERIFY(!overdueFlag());

        // Past due again, then confirmed achieved: raised, then cleared.
        moved.targetDate = past;
        VERIFY_OK(GoalPlanService::updateGoal(m_demo.db(), m_demo.audit(), learner(), goalId, moved));
        agree(planId);
        QVERIFY(overdueFlag());
        VERIFY_OK(GoalPlanService::confirmAchieved(m_demo.db(), m_demo.audit(), coach(), goalId));
        QVERIFY(!overdueFlag());
        QCOMPARE(m_demo.scalar("SELECT count(*) FROM flags WHERE rule_code = 'goals_overdue' AND state = 'resolved' "
                               "AND learner_id = ?",
                               m_learner),
                 1);
    }

    void actionDone_isProgress_agreementStays()
    {
        qint64 goalId = 0;
        const qint64 planId = draftPlan(QStringLiteral("Actions"), levelGoal(3.5, inMonths(6)), &goalId);
        agree(planId);
        const GoalPlan agreed = read(planId, coach());
        const GoalAction first = agreed.goal(goalId)->draft.actions.first();
        QVERIFY(!first.doneOn);
        const char *audited = "SELECT count(*) FROM audit_entries WHERE action = 'goal_action_done' AND entity_id = ?";
        // Shared, the director may read the plan; neither they nor any outsider marks an action.
        VERIFY_OK(GoalPlanService::setShared(m_demo.db(), m_demo.audit(), learner(), planId, true));
        for (const core::ActingUser &other : outsiders()) {
            auto refused = GoalPlanService::setActionDone(m_demo.db(), m_demo.audit(), other, first.id, true);
            QVERIFY(!refused);
            QCOMPARE(refused.error().kind, core::ErrorKind::Denied);
        }
        QVERIFY(!read(planId, coach()).goal(goalId)->draft.actions.first().doneOn);
        QCOMPARE(count(audited, planId), 0);

        // The coach marks it done: progress, so the version, the hash and the agreement stay.
        VERIFY_OK(GoalPlanService::setActionDone(m_demo.db(), m_demo.audit(), coach(), first.id, true));
        GoalPlan plan = read(planId, learner());
        QCOMPARE(plan.goal(goalId)->draft.actions.first().doneOn, std::optional<QDate>(QDate::currentDate()));
        QVERIFY(!plan.goal(goalId)->draft.actions.last().doneOn);
        QVERIFY(plan.isAgreed());
        QCOMPARE(plan.summary.version, agreed.summary.version);
        QCOMPARE(plan.versionHash, agreed.versionHash);
        QCOMPARE(plan.signatures.size(), 2);
        QCOMPARE(plan.history.last().kind, QStringLiteral("action_done"));
        QCOMPARE(plan.history.last().authorId, coach().id());
        QCOMPARE(plan.history.last().goalId, std::optional<qint64>(goalId));
        QCOMPARE(plan.history.last().body.value(QStringLiteral("action")).toString(), first.description);
        QCOMPARE(count(audited, planId), 1);
        // Done already: nothing to write.
        const qint64 events = count("SELECT count(*) FROM goal_plan_events WHERE plan_id = ?", planId);
        VERIFY_OK(GoalPlanService::setActionDone(m_demo.db(), m_demo.audit(), coach(), first.id, true));
        QCOMPARE(count("SELECT count(*) FROM goal_plan_events WHERE plan_id = ?", planId), events);

        // A revision keeps done dates as stored; a draft's own done dates are ignored.
        GoalDraft revised = plan.goal(goalId)->draft;
        revised.supportRequested = QStringLiteral("Two observed handovers");
        revised.actions.first().doneOn.reset();
        revised.actions.last().doneOn = QDate(2020, 1, 1);
        VERIFY_OK(GoalPlanService::updateGoal(m_demo.db(), m_demo.audit(), learner(), goalId, revised));
        plan = read(planId, coach());
        QCOMPARE(plan.goal(goalId)->draft.actions.first().doneOn, std::optional<QDate>(QDate::currentDate()));
        QVERIFY(!plan.goal(goalId)->draft.actions.last().doneOn);
        agree(planId);

        // The learner undoes it.
        const qint64 actionId = plan.goal(goalId)->draft.actions.first().id;
        VERIFY_OK(GoalPlanService::setActionDone(m_demo.db(), m_demo.audit(), learner(), actionId, false));
        plan = read(planId, coach());
        QVERIFY(!plan.goal(goalId)->draft.actions.first().doneOn);
        QVERIFY(plan.isAgreed());
        QCOMPARE(plan.history.last().kind, QStringLiteral("action_undone"));
        QCOMPARE(count(audited, planId), 2);
        // A closed plan no longer changes.
        VERIFY_OK(GoalPlanService::close(m_demo.db(), m_demo.audit(), coach(), planId));
        auto closed = GoalPlanService::setActionDone(m_demo.db(), m_demo.audit(), coach(), actionId, true);
        QVERIFY(!closed);
        QCOMPARE(closed.error().kind, core::ErrorKind::Conflict);
        // Closed after its agreement: both signatures still on its last version, so its agreed
        // record can be exported; a plan closed as a draft has none.
        plan = read(planId, learner());
        QCOMPARE(plan.summary.status, QStringLiteral("closed"));
        QVERIFY(!plan.isAgreed());
        QVERIFY(plan.hasAgreement());
        QCOMPARE(plan.signatures.size(), 2);
    }

    void auditChain_staysValid()
    {
        auto verified = m_demo.audit().verify(m_demo.db());
        VERIFY_OK(verified);
        QVERIFY(verified->isIntact());
    }
};

QTEST_GUILESS_MAIN(TestGoalPlans)
#include "tst_goalplans.moc"
