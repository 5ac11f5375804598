// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "governance/ActingUser.h"
#include "governance/GovernedStore.h"
#include "sync/SyncPlan.h"

#include <QList>
#include <QObject>

#include <atomic>

namespace pme::ui {

/// Runs a sync plan (or its dry run) on a worker thread, with a store connection of its own
/// opened on the same file. Lives in the worker thread; only cancel() is called across.
class ImportWorker final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportWorker)

public:
    struct Job {
        QString storePath;
        core::GovernedStore::Options options;
        QString profileFolder;
        core::ActingUser user;
        QList<core::SyncPlanFile> files;
        bool dryRun = false;
    };

    explicit ImportWorker(Job job, QObject *parent = nullptr);

    /// Asks the sync to stop; safe from any thread.
    void cancel() { m_cancel.store(true); }
    void run();

signals:
    void fileStarted(int index);
    void progressed(int index, qint64 done, qint64 total);
    void fileFinished(int index, const pme::core::SyncReport &report);
    void finished();
    /// The store or the profiles could not be opened: nothing was synced.
    void failed(const QString &message);

private:
    Job m_job;
    std::atomic<bool> m_cancel{false};
};

} // namespace pme::ui
