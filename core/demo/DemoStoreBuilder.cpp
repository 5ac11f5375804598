// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/DemoStoreBuilder.h"

#include "demo/DemoGoalPlans.h"
#include "governance/ActingUser.h"
#include "governance/DemoAccounts.h"
#include "governance/GovernedStore.h"
#include "store/FrameworkRepository.h"
#include "store/Transaction.h"
#include "sync/FrameworkLoader.h"
#include "sync/ProfileRegistry.h"
#include "analytics/AnalyticsEngine.h"
#include "analytics/Validity.h"
#include "sync/SyncJob.h"

#include <QDir>
#include <QFileInfo>

namespace pme::core {

Result<DemoStoreBuilt> DemoStoreBuilder::build(const DemoCohortConfig &config, const QString &filesDir,
                                               const QString &storePath)
{
    if (QFileInfo::exists(storePath))
        return makeError(ErrorKind::Conflict,
                         tr("%1 already exists; the demo store is only ever built new.").arg(QDir::toNativeSeparators(storePath)));
    DemoStoreBuilt built;
    auto files = DemoCohortGenerator::write(config, filesDir);
    if (!files)
        return files.error();
    built.files = *files;

    auto store = GovernedStore::open(storePath);
    if (!store)
        return store.error();
    Database &db = (*store)->database();
    auto frameworks = FrameworkLoader::builtIns();
    if (!frameworks)
        return frameworks.error();
    {
        Transaction tx(db);
        if (!tx.isActive())
            return tx.error();
        for (const Framework &framework : *frameworks) {
            if (auto r = FrameworkRepository(db).save(framework); !r)
                return r.error();
        }
        if (auto r = DemoAccounts::markDemoStore(db); !r)
            return r.error();
        if (auto r = tx.commit(); !r)
            return r.error();
    }

    // The files go through the same sync as any program's exports. The store has no accounts
    // yet, so these first syncs are the store's setup; each is still recorded as a batch.
    auto profiles = ProfileRegistry::load(QString());
    if (!profiles)
        return profiles.error();
    SyncJob job(db, *profiles);
    for (const QString &file : {built.files.roster, built.files.assessments, built.files.milestones,
                                built.files.exams, built.files.outcomes}) {
        SyncRequest request;
        request.path = file;
        SyncReport report = job.run(request);
        if (report.status != QLatin1String("ok") && report.status != QLatin1String("partial"))
            return makeError(ErrorKind::BadInput, tr("The demo file %1 did not sync: %2").arg(report.file, report.message));
        built.syncs.append(std::move(report));
    }

    // The analytics as a program would have them after its syncs: models, forecasts and
    // flags, and how the rules did on the cohorts that have finished (outcome: reaching
    // level 4 in each subcompetency, judged a year before the expected completion).
    auto computed = analytics::AnalyticsEngine::recompute(db, {});
    if (!computed)
        return computed.error();
    built.flagsOpen = computed->merge.open;
    analytics::Validity::Options validity;
    validity.bootstrap = 200;
    // A small demo may have no finished cohort yet: then there is nothing to measure.
    if (auto r = analytics::Validity::evaluate(db, QStringLiteral("level4_at_completion"),
                                               analytics::AsOf::daysAfterStart(2 * 365), validity);
        !r && r.error().kind != ErrorKind::NotFound)
        return r.error();

    auto accounts = (*store)->accounts();
    if (!accounts)
        return accounts.error();
    auto created = DemoAccounts::create(db, **accounts, ActingUser());
    if (!created)
        return created.error();
    // The demo learner's plans and notes, written as the demo learner and coach would.
    auto audit = (*store)->audit();
    if (!audit)
        return audit.error();
    if (auto r = DemoGoalPlans::create(db, **audit, *created); !r)
        return r.error();
    return built;
}

} // namespace pme::core
