// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "governance/GovernedStore.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>

namespace pme::ui {

/// Runs the workspace's reads and flag actions on a thread of its own, with a connection of
/// its own to the store file, so that the window keeps painting while a profile loads or
/// while a sync or recompute holds the write lock (an audited profile view waits for it).
/// Jobs run one at a time, in order; each result comes back on the GUI thread through a
/// queued call to `done`, dropped if `context` is gone by then.
class WorkspaceWorker final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceWorker)

public:
    WorkspaceWorker(QString storePath, core::GovernedStore::Options options, QObject *parent = nullptr);
    ~WorkspaceWorker() override;

    template<typename T>
    void run(QObject *context, std::function<core::Result<T>(core::GovernedStore &)> job,
             std::function<void(const core::Result<T> &)> done)
    {
        post([this, context = QPointer<QObject>(context), job = std::move(job), done = std::move(done)] {
            auto store = connection();
            auto result = store ? job(**store) : core::Result<T>(store.error());
            // Back through this object, which lives on the GUI thread and outlives the worker
            // thread: `context` is checked there, where it cannot be deleted meanwhile.
            QMetaObject::invokeMethod(
                this,
                [context, done, result = std::move(result)] {
                    if (context)
                        done(result);
                },
                Qt::QueuedConnection);
        });
    }

private:
    void post(std::function<void()> task);
    /// The worker's connection, opened on first use (on the worker thread).
    core::Result<core::GovernedStore *> connection();

    QString m_path;
    core::GovernedStore::Options m_options;
    QThread m_thread;
    QObject *m_context = nullptr; ///< lives in m_thread: queued tasks run there
    std::unique_ptr<core::GovernedStore> m_store;
};

} // namespace pme::ui
