// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the GUI benchmarks share: printing a figure, waiting on the event loop, signing a demo
// account in without a password, and the large demo store they all measure on.
#include "analytics/AnalyticsEngine.h"
#include "demo/DemoStoreBuilder.h"
#include "governance/ActingUser.h"
#include "governance/GovernedStore.h"
#include "store/Statement.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QString>

#include <cstdio>
#include <functional>

namespace pme::bench {

inline void say(const QString &text)
{
    std::fprintf(stdout, "%s\n", qPrintable(text));
    std::fflush(stdout);
}

inline bool waitFor(const std::function<bool()> &done, int ms = 600000)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > ms)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

inline core::ActingUser userNamed(core::Database &db, const QString &name)
{
    core::Statement select(db, "SELECT id FROM users WHERE username = ?");
    select.bind(1, name);
    auto row = select.step();
    if (!row || !*row)
        qFatal("no user %s", qPrintable(name));
    return *core::ActingUser::load(db, select.columnInt64(0));
}

/// Builds the demo store at path through the real import path and computes its analytics,
/// unless a store is there already (the benchmarks reuse one between runs).
inline bool ensureStore(const QString &path, int learners, int perYear)
{
    if (QFileInfo::exists(path))
        return true;
    core::DemoCohortConfig config;
    config.learners = learners;
    config.observationsPerYear = perYear;
    QElapsedTimer clock;
    clock.start();
    auto built = core::DemoStoreBuilder::build(config, QFileInfo(path).absolutePath() + QStringLiteral("/files"), path);
    if (!built) {
        say(QStringLiteral("demo store: %1").arg(built.error().message));
        return false;
    }
    say(QStringLiteral("built the store in %1 s").arg(clock.elapsed() / 1000.0, 0, 'f', 1));
    auto store = core::GovernedStore::open(path);
    if (!store)
        return false;
    clock.restart();
    auto run = core::analytics::AnalyticsEngine::recompute((*store)->database(), {});
    if (!run) {
        say(QStringLiteral("recompute: %1").arg(run.error().message));
        return false;
    }
    say(QStringLiteral("computed the analytics in %1 s").arg(clock.elapsed() / 1000.0, 0, 'f', 1));
    return true;
}

} // namespace pme::bench
