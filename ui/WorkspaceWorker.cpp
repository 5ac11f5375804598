// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "WorkspaceWorker.h"

namespace pme::ui {

WorkspaceWorker::WorkspaceWorker(QString storePath, core::GovernedStore::Options options, QObject *parent)
    : QObject(parent), m_path(std::move(storePath)), m_options(std::move(options))
{
    // The worker's connection must find the store as the window left it, never make one.
    m_options.store.createIfMissing = false;
    m_options.store.backupBeforeMigration = false;
    m_thread.setObjectName(QStringLiteral("workspace"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

WorkspaceWorker::~WorkspaceWorker()
{
    // Tasks still queued run first (they hold no lock for long); then the thread ends.
    m_thread.quit();
    m_thread.wait();
    m_store.reset();
}

void WorkspaceWorker::post(std::function<void()> task)
{
    QMetaObject::invokeMethod(m_context, std::move(task), Qt::QueuedConnection);
}

core::Result<core::GovernedStore *> WorkspaceWorker::connection()
{
    if (!m_store) {
        auto store = core::GovernedStore::open(m_path, m_options);
        if (!store)
            return store.error();
        m_store = std::move(store).value();
    }
    return m_store.get();
}

} // namespace pme::ui
