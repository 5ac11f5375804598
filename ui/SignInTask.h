// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "governance/AccountService.h"
#include "governance/ActingUser.h"
#include "governance/GovernedStore.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QThread;

namespace pme::ui {

/// Checks a password off the GUI thread: Argon2id takes most of a second by design, and the
/// window must keep painting meanwhile. Each check opens a connection of its own to the
/// store file (docs/governance.md) and reports back on the GUI thread with a signal.
/// One check at a time; the destructor waits for a check in progress.
class SignInTask final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInTask)

public:
    SignInTask(QString storePath, core::GovernedStore::Options options, QObject *parent = nullptr);
    ~SignInTask() override;

    bool isRunning() const { return m_running; }

    /// Signs in; signedIn() or refused().
    void signIn(const QString &username, const QString &password);
    /// The lock screen's check of userId's password; unlocked() or refused().
    void unlock(qint64 userId, const QString &password);
    /// The first run; signedIn() with the new administrator, or refused().
    void createFirstAdministrator(const core::NewAccount &account, const QString &password);

signals:
    void signedIn(const pme::core::ActingUser &user);
    void unlocked();
    /// A sentence for the person: wrong credentials, how long an account is locked, ...
    void refused(const QString &message);

private:
    using Job = std::function<core::Result<core::ActingUser>(core::AccountService &)>;

    void start(Job job, bool unlocking);
    core::Result<core::ActingUser> runOnWorker(const Job &job) const;
    void finish(const core::Result<core::ActingUser> &result, bool unlocking);

    QString m_path;
    core::GovernedStore::Options m_options;
    std::unique_ptr<QThread> m_thread;
    bool m_running = false;
};

} // namespace pme::ui
