// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SignInTask.h"

#include <QThread>

namespace pme::ui {

SignInTask::SignInTask(QString storePath, core::GovernedStore::Options options, QObject *parent)
    : QObject(parent), m_path(std::move(storePath)), m_options(std::move(options))
{
    // The worker's connection must find the store as the window left it, never make one.
    m_options.store.createIfMissing = false;
    m_options.store.backupBeforeMigration = false;
}

SignInTask::~SignInTask()
{
    if (m_thread)
        m_thread->wait();
}

void SignInTask::signIn(const QString &username, const QString &password)
{
    start([username, password](core::AccountService &accounts) { return accounts.login(username, password); }, false);
}

void SignInTask::unlock(qint64 userId, const QString &password)
{
    start(
        [userId, password](core::AccountService &accounts) -> core::Result<core::ActingUser> {
            if (auto r = accounts.verifyPassword(userId, password); !r)
                return r.error();
            return core::ActingUser();
        },
        true);
}

void SignInTask::createFirstAdministrator(const core::NewAccount &account, const QString &password)
{
    start([account,
           password](core::AccountService &accounts) { return accounts.createFirstAdministrator(account, password); },
          false);
}

core::Result<core::ActingUser> SignInTask::runOnWorker(const Job &job) const
{
    auto store = core::GovernedStore::open(m_path, m_options);
    if (!store)
        return store.error();
    auto accounts = (*store)->accounts();
    if (!accounts)
        return accounts.error();
    return job(**accounts);
}

void SignInTask::start(Job job, bool unlocking)
{
    if (m_running)
        return;
    if (m_thread)
        m_thread->wait();
    m_running = true;
    m_thread.reset(QThread::create([this, job = std::move(job), unlocking] {
        auto result = runOnWorker(job);
        // Back on the GUI thread; the destructor waits for this thread, so `this` is alive
        // while the call is posted, and Qt drops it if `this` is deleted before it runs.
        QMetaObject::invokeMethod(
            this, [this, result, unlocking] { finish(result, unlocking); }, Qt::QueuedConnection);
    }));
    m_thread->start();
}

void SignInTask::finish(const core::Result<core::ActingUser> &result, bool unlocking)
{
    m_running = false;
    if (!result) {
        emit refused(result.error().message);
        return;
    }
    if (unlocking)
        emit unlocked();
    else
        emit signedIn(*result);
}

} // namespace pme::ui
