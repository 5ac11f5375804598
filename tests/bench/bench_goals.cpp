// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Goal plans on the demo store:
//   bench_goals [--learners N] [--goals N] [--rounds N]
// 1. builds a demo store (the real import path, the demo accounts and plans);
// 2. gives the demo learner a plan of N goals (levels, counts and exam percentiles);
// 3. times reading the whole plan with its progress evaluated from the store (what the Goals
//    page does after every change), a revision that reopens agreement, and the two signatures
//    that agree it again; and the coaching notes list.
// It prints figures (median and slowest) and never fails on time.
#include "demo/DemoStoreBuilder.h"
#include "goals/CoachingNotes.h"
#include "goals/GoalPlanQueries.h"
#include "goals/GoalPlanService.h"
#include "governance/AccountService.h"
#include "governance/DemoAccounts.h"
#include "governance/GovernedStore.h"
#include "store/Statement.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace pme;
using namespace pme::core::goals;

namespace {

void say(const QString &text)
{
    std::fprintf(stdout, "%s\n", qPrintable(text));
    std::fflush(stdout);
}

/// Runs fn `rounds` times; prints the median and the slowest in milliseconds.
void time(const QString &what, int rounds, const std::function<bool()> &fn)
{
    std::vector<double> ms;
    for (int i = 0; i < rounds; ++i) {
        QElapsedTimer clock;
        clock.start();
        if (!fn()) {
            say(QStringLiteral("%1: FAILED").arg(what));
            return;
        }
        ms.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    say(QStringLiteral("%1: median %2 ms, slowest %3 ms (%4 rounds)")
            .arg(what)
            .arg(ms[ms.size() / 2], 0, 'f', 2)
            .arg(ms.back(), 0, 'f', 2)
            .arg(rounds));
}

QList<qint64> competencies(core::Database &db, qint64 learnerId)
{
    core::Statement select(db,
                           "SELECT competency_id FROM learner_estimates WHERE learner_id = ? ORDER BY competency_id");
    select.bind(1, learnerId);
    QList<qint64> ids;
    (void)select.forEachRow([&](core::Statement &s) { ids << s.columnInt64(0); });
    return ids;
}

GoalDraft goal(int i, qint64 competencyId)
{
    GoalDraft g;
    g.statement = QStringLiteral("Goal %1").arg(i);
    g.competencyId = competencyId;
    g.targetDate = QDate::currentDate().addMonths(6);
    g.measure.kind = i % 3 == 0 ? GoalMeasure::Kind::CompetencyLevel
        : i % 3 == 1            ? GoalMeasure::Kind::ObservationCount
                                : GoalMeasure::Kind::ExamPercentile;
    g.measure.target = i % 3 == 0 ? 3.5 : i % 3 == 1 ? 6 : 40;
    g.actions = {GoalAction{0, QStringLiteral("Action"), QStringLiteral("learner"), QDate::currentDate().addMonths(1),
                            std::nullopt}};
    return g;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption learnersOption(QStringLiteral("learners"), QStringLiteral("Demo learners."),
                                            QStringLiteral("N"), QStringLiteral("150"));
    const QCommandLineOption goalsOption(QStringLiteral("goals"), QStringLiteral("Goals in the plan."),
                                         QStringLiteral("N"), QStringLiteral("12"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"), QStringLiteral("Timed rounds."),
                                          QStringLiteral("N"), QStringLiteral("50"));
    parser.addOptions({learnersOption, goalsOption, roundsOption});
    parser.process(app);
    const int rounds = std::max(1, parser.value(roundsOption).toInt());

    QTemporaryDir dir;
    core::DemoCohortConfig config;
    config.learners = parser.value(learnersOption).toInt();
    QElapsedTimer clock;
    clock.start();
    auto built = core::DemoStoreBuilder::build(config, dir.filePath(QStringLiteral("files")),
                                               dir.filePath(QStringLiteral("demo.sqlite")));
    if (!built) {
        say(built.error().message);
        return 1;
    }
    say(QStringLiteral("demo store: %1 learners in %2 s")
            .arg(config.learners)
            .arg(clock.elapsed() / 1000.0, 0, 'f', 1));
    auto store = core::GovernedStore::open(dir.filePath(QStringLiteral("demo.sqlite")));
    if (!store)
        return 1;
    auto accounts = (*store)->accounts();
    auto log = (*store)->audit();
    if (!accounts || !log)
        return 1;
    const core::AuditLog &audit = **log;
    core::Database &db = (*store)->database();
    auto learner = (*accounts)->login(QStringLiteral("demo-learner"), core::DemoAccounts::password());
    auto coach = (*accounts)->login(QStringLiteral("demo-coach"), core::DemoAccounts::password());
    if (!learner || !coach || !learner->learnerId())
        return 1;
    const qint64 learnerId = *learner->learnerId();

    auto planId = GoalPlanService::createPlan(
        db, audit, *learner, learnerId,
        PlanHeader{QStringLiteral("Bench"), QString(), QDate::currentDate(), QDate::currentDate().addYears(1)});
    const QList<qint64> comps = competencies(db, learnerId);
    const int goals = parser.value(goalsOption).toInt();
    QList<qint64> goalIds;
    for (int i = 0; i < goals && planId; ++i) {
        auto id = GoalPlanService::addGoal(db, audit, *learner, *planId, goal(i, comps.at(i % comps.size())));
        if (!id) {
            say(id.error().message);
            return 1;
        }
        goalIds << *id;
    }
    say(QStringLiteral("plan: %1 goals, %2 competencies with estimates").arg(goals).arg(comps.size()));

    time(QStringLiteral("read the plan with progress (coach)"), rounds,
         [&] { return GoalPlanQueries::plan(db, audit, *coach, *planId).ok(); });
    int round = 0;
    time(QStringLiteral("revise a goal, then both sign (agreed again)"), rounds, [&] {
        GoalDraft g = goal(round, comps.first());
        g.targetDate = QDate::currentDate().addDays(100 + round++);
        if (!GoalPlanService::updateGoal(db, audit, *coach, goalIds.first(), g))
            return false;
        for (const core::ActingUser *who : {&*learner, &*coach}) {
            auto plan = GoalPlanQueries::plan(db, audit, *who, *planId);
            if (!plan || !GoalPlanService::sign(db, audit, *who, *planId, plan->versionHash))
                return false;
        }
        return true;
    });
    time(QStringLiteral("list the coaching notes (learner)"), rounds,
         [&] { return CoachingNotes::list(db, *learner, learnerId).ok(); });
    auto plan = GoalPlanQueries::plan(db, audit, *coach, *planId);
    say(QStringLiteral("history after the run: %1 events, status %2")
            .arg(plan->history.size())
            .arg(plan->summary.status));
    return 0;
}
