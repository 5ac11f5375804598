// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/ImportWorker.h"

#include "analytics/AnalyticsEngine.h"
#include "sync/ProfileRegistry.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcImportWorker, "pme.ui.import")

namespace pme::ui {

ImportWorker::ImportWorker(Job job, QObject *parent) : QObject(parent), m_job(std::move(job))
{
    qRegisterMetaType<core::SyncReport>();
}

void ImportWorker::run()
{
    auto store = core::GovernedStore::open(m_job.storePath, m_job.options);
    if (!store) {
        emit failed(store.error().message);
        emit finished();
        return;
    }
    auto profiles = core::ProfileRegistry::load(m_job.profileFolder);
    if (!profiles) {
        emit failed(profiles.error().message);
        emit finished();
        return;
    }
    auto audit = (*store)->audit();
    int current = 0;
    core::SyncRequest base;
    base.user = &m_job.user;
    base.audit = audit ? *audit : nullptr;
    base.dryRun = m_job.dryRun;
    base.cancel = &m_cancel;
    base.progress = [this, &current](qint64 done, qint64 total) { emit progressed(current, done, total); };
    core::SyncPlan plan((*store)->database(), *profiles);
    std::vector<qint64> changed;
    plan.run(
        m_job.files, base,
        [this, &current](int index, const core::SyncPlanFile &) {
            current = index;
            emit fileStarted(index);
        },
        [this, &changed](int index, const core::SyncReport &report) {
            if (!report.dryRun && report.batchId > 0 && report.inserted + report.updated > 0)
                changed.push_back(report.batchId);
            emit fileFinished(index, report);
        });
    // Forecasts and flags follow the new evidence, still on this thread: the window stays
    // responsive, and the workspace reads the refreshed analytics when it reloads.
    if (!changed.empty() && !m_cancel.load()) {
        auto refreshed = core::analytics::AnalyticsEngine::refreshAfterSync((*store)->database(), changed,
                                                                            audit ? *audit : nullptr, &m_job.user);
        if (!refreshed)
            qCWarning(lcImportWorker) << "analytics refresh after the sync:" << refreshed.error().message;
    }
    emit finished();
}

} // namespace pme::ui
