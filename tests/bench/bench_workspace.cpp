// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The coaching workspace's responsiveness on a large store:
//   bench_workspace [--learners N] [--per-year N] [--dir DIR] [--switches N]
// 1. builds (or reuses, in DIR) a demo store through the real import path, 2,000 learners at
//    220 workplace observations a year (about a million observations), and computes the analytics;
// 2. times the cohort view from opening the window to its table loaded and painted (target < 1 s);
// 3. times switching between learner profiles, request to redrawn chart (target < 150 ms);
// 4. runs a full recompute on a worker thread (its own connection) while the GUI thread keeps
//    a 10 ms timer and opens profiles, and prints the longest stall of the event loop.
// It prints figures and never fails on time: these machines are shared and noisy.
#include "BenchStore.h"
#include "MainWindow.h"
#include "analytics/AnalyticsEngine.h"
#include "charts/TrajectoryPlot.h"
#include "demo/DemoStoreBuilder.h"
#include "governance/ActingUser.h"
#include "governance/GovernedStore.h"
#include "models/CohortTableModel.h"
#include "store/Statement.h"
#include "views/CohortView.h"
#include "views/LearnerProfileView.h"
#include "workspace/CohortQueries.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTableView>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <vector>

using namespace pme;
using bench::ensureStore;
using bench::say;
using bench::userNamed;
using bench::waitFor;

namespace {

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, std::size_t(p * (values.size() - 1) + 0.5))];
}

std::unique_ptr<ui::MainWindow> openWindow(const QString &path)
{
    auto store = core::GovernedStore::open(path);
    if (!store)
        qFatal("open: %s", qPrintable(store.error().message));
    const core::ActingUser director = userNamed((*store)->database(), QStringLiteral("demo-director"));
    auto window = std::make_unique<ui::MainWindow>(std::move(store).value(), director);
    window->resize(1600, 1000);
    window->showPage(ui::MainWindow::CohortPage);
    window->show();
    return window;
}

void benchCohort(const QString &path)
{
    {
        auto store = core::GovernedStore::open(path);
        const core::ActingUser director = userNamed((*store)->database(), QStringLiteral("demo-director"));
        QElapsedTimer query;
        query.start();
        auto overview = core::workspace::CohortQueries::loadRows((*store)->database(), director);
        const qint64 rows = query.elapsed();
        query.restart();
        auto evidence = core::workspace::CohortQueries::loadEvidence((*store)->database(), director);
        say(QStringLiteral("cohort queries (core, %1 rows): rows from the stored analytics %2 ms, evidence scan %3 ms")
                .arg(overview ? overview->rows.size() : -1)
                .arg(rows)
                .arg(query.elapsed()));
    }
    QElapsedTimer clock;
    clock.start();
    auto window = openWindow(path);
    ui::CohortView *cohort = window->cohortView();
    waitFor([cohort] { return cohort->isLoaded(); });
    const qint64 loaded = clock.elapsed();
    cohort->table()->viewport()->repaint();
    window->repaint();
    const qint64 painted = clock.elapsed();
    waitFor([cohort] { return cohort->hasEvidence(); });
    const qint64 evidence = clock.elapsed();
    say(QStringLiteral("cohort view: window to rows loaded %1 ms, table painted and usable %2 ms (target < 1000); "
                       "evidence columns and month chart filled in at %3 ms")
            .arg(loaded)
            .arg(painted)
            .arg(evidence));
}

void benchSwitching(const QString &path, int switches)
{
    auto window = openWindow(path);
    ui::CohortView *cohort = window->cohortView();
    waitFor([cohort] { return cohort->isLoaded(); });
    std::vector<qint64> learners;
    for (const auto &row : cohort->model()->rows()) {
        if (row.inTraining())
            learners.push_back(row.learnerId);
    }
    ui::LearnerProfileView *profile = window->profileView();
    window->showPage(ui::MainWindow::LearnerPage);
    std::vector<double> times, loads;
    for (int i = 0; i < switches && i < int(learners.size()); ++i) {
        const qint64 id = learners[std::size_t(i) * 37 % learners.size()];
        QElapsedTimer clock;
        clock.start();
        profile->openLearner(id);
        waitFor([profile, id] { return profile->learnerId() == id; });
        profile->plot()->replot(QCustomPlot::rpImmediateRefresh);
        profile->repaint();
        if (i > 0) { // the first one warms the caches
            times.push_back(double(clock.nsecsElapsed()) / 1e6);
            loads.push_back(double(profile->lastLoadMilliseconds()));
        }
    }
    say(QStringLiteral("profile switch (request to redrawn, %1 switches): median %2 ms, p90 %3 ms, max %4 ms "
                       "(target < 150)")
            .arg(times.size())
            .arg(percentile(times, 0.5), 0, 'f', 1)
            .arg(percentile(times, 0.9), 0, 'f', 1)
            .arg(percentile(times, 1.0), 0, 'f', 1));
    say(QStringLiteral("  of which reading the profile on the worker (ProfileQueries::open, audited): median %1 ms")
            .arg(percentile(loads, 0.5), 0, 'f', 1));
}

void benchStall(const QString &path)
{
    auto window = openWindow(path);
    ui::CohortView *cohort = window->cohortView();
    waitFor([cohort] { return cohort->isLoaded(); });
    std::vector<qint64> learners;
    for (const auto &row : cohort->model()->rows()) {
        if (row.inTraining())
            learners.push_back(row.learnerId);
    }
    std::atomic<bool> done{false};
    qint64 recomputeMs = 0;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        auto store = core::GovernedStore::open(path);
        QElapsedTimer clock;
        clock.start();
        if (store) {
            auto run = core::analytics::AnalyticsEngine::recompute((*store)->database(), {});
            if (!run)
                say(QStringLiteral("recompute: %1").arg(run.error().message));
        }
        recomputeMs = clock.elapsed();
        done = true;
    }));
    std::vector<double> gaps;
    QElapsedTimer since;
    since.start();
    QTimer tick;
    tick.setInterval(10);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        gaps.push_back(double(since.nsecsElapsed()) / 1e6);
        since.restart();
    });
    int opened = 0;
    QTimer opener;
    opener.setInterval(300);
    QObject::connect(&opener, &QTimer::timeout,
                     [&] { window->openLearner(learners[std::size_t(opened++) * 53 % learners.size()]); });
    worker->start();
    tick.start();
    opener.start();
    waitFor([&] { return done.load(); });
    tick.stop();
    opener.stop();
    worker->wait();
    say(QStringLiteral("GUI event loop during a full recompute on a worker (%1 ms, %2 profiles opened meanwhile): "
                       "timer 10 ms, longest gap %3 ms, p99 %4 ms")
            .arg(recomputeMs)
            .arg(opened)
            .arg(percentile(gaps, 1.0), 0, 'f', 1)
            .arg(percentile(gaps, 0.99), 0, 'f', 1));
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("pmecoach-bench"));
    QApplication::setApplicationName(QStringLiteral("bench_workspace"));
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption learnersOption(QStringLiteral("learners"), QStringLiteral("Learners (2000)."),
                                            QStringLiteral("N"), QStringLiteral("2000"));
    const QCommandLineOption perYearOption(QStringLiteral("per-year"),
                                           QStringLiteral("Observations per learner per year (220)."),
                                           QStringLiteral("N"), QStringLiteral("220"));
    const QCommandLineOption dirOption(QStringLiteral("dir"), QStringLiteral("Folder for the store (kept)."),
                                       QStringLiteral("DIR"), QStringLiteral("bench-workspace"));
    const QCommandLineOption switchesOption(QStringLiteral("switches"), QStringLiteral("Profile switches (30)."),
                                            QStringLiteral("N"), QStringLiteral("30"));
    parser.addOptions({learnersOption, perYearOption, dirOption, switchesOption});
    parser.process(app);
    const int learners = parser.value(learnersOption).toInt();
    const int perYear = parser.value(perYearOption).toInt();
    QDir().mkpath(parser.value(dirOption));
    const QString path = QDir(parser.value(dirOption))
                             .absoluteFilePath(QStringLiteral("workspace-%1-%2.sqlite").arg(learners).arg(perYear));
    if (!ensureStore(path, learners, perYear))
        return 1;
    {
        auto store = core::GovernedStore::open(path);
        core::Statement count((*store)->database(),
                              "SELECT (SELECT count(*) FROM learners), "
                              "(SELECT count(*) FROM observations)");
        if (count.step().value())
            say(QStringLiteral("store: %1 learners, %2 observations (%3)")
                    .arg(count.columnInt64(0))
                    .arg(count.columnInt64(1))
                    .arg(path));
    }
    benchCohort(path);
    benchSwitching(path, parser.value(switchesOption).toInt());
    benchStall(path);
    return 0;
}
