// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/AnalyticsEngine.h"
#include "demo/DemoStoreBuilder.h"
#include "governance/AccountService.h"
#include "governance/ActingUser.h"
#include "governance/GovernedStore.h"
#include "store/Statement.h"

#include <QStandardPaths>
#include <QTemporaryDir>

#include <memory>

namespace pme::tests {

/// A small demo store (the real import path, the demo accounts) with the analytics computed,
/// in a temporary folder: the workspace's core and widget tests read it. The audit key goes
/// to the test-mode config folder, so call QStandardPaths::setTestModeEnabled(true) first.
class WorkspaceTestStore {
public:
    bool build(int learners = 40)
    {
        if (!m_dir.isValid())
            return false;
        core::DemoCohortConfig config;
        config.learners = learners;
        config.years = 4;
        auto built = core::DemoStoreBuilder::build(config, m_dir.filePath(QStringLiteral("files")), path());
        if (!built) {
            qWarning("demo store: %s", qPrintable(built.error().message));
            return false;
        }
        auto store = core::GovernedStore::open(path());
        if (!store)
            return false;
        m_store = std::move(store).value();
        auto run = core::analytics::AnalyticsEngine::recompute(m_store->database(), {});
        if (!run) {
            qWarning("recompute: %s", qPrintable(run.error().message));
            return false;
        }
        return addFlaggedPair();
    }

    /// The learner in training with the most open flags: the demo coach is assigned to them
    /// too, and they have an account of their own, "flagged-learner" (the demo accounts'
    /// first learners may have finished training and carry no flags).
    qint64 flaggedLearner() { return m_flagged; }
    static QString flaggedLearnerAccount() { return QStringLiteral("flagged-learner"); }

    QString path() const { return m_dir.filePath(QStringLiteral("demo.sqlite")); }
    core::GovernedStore &store() { return *m_store; }
    core::Database &db() { return m_store->database(); }
    const core::AuditLog &audit()
    {
        auto log = m_store->audit();
        if (!log)
            qFatal("audit: %s", qPrintable(log.error().message));
        return **log;
    }

    core::ActingUser user(const QString &username)
    {
        core::Statement select(db(), "SELECT id FROM users WHERE username = ?");
        select.bind(1, username);
        auto row = select.step();
        if (!row || !*row)
            qFatal("no user %s", qPrintable(username));
        auto user = core::ActingUser::load(db(), select.columnInt64(0));
        if (!user)
            qFatal("user: %s", qPrintable(user.error().message));
        return *user;
    }

    qint64 scalar(const char *sql, std::optional<qint64> bind = std::nullopt)
    {
        core::Statement select(db(), sql);
        if (bind)
            select.bind(1, *bind);
        auto row = select.step();
        return row && *row ? select.columnInt64(0) : -1;
    }

private:
    bool addFlaggedPair()
    {
        m_flagged = scalar("SELECT learner_id FROM flags WHERE state = 'open' GROUP BY learner_id "
                           "ORDER BY count(*) DESC, learner_id LIMIT 1");
        if (m_flagged <= 0)
            return false;
        auto accounts = m_store->accounts();
        if (!accounts)
            return false;
        const core::ActingUser admin = user(QStringLiteral("demo-admin"));
        if (!(*accounts)->assignCoach(admin, user(QStringLiteral("demo-coach")).id(), m_flagged))
            return false;
        core::NewAccount account;
        account.username = flaggedLearnerAccount();
        account.roles = {core::RoleGrant{core::Role::Learner, std::nullopt}};
        account.learnerId = m_flagged;
        auto id = (*accounts)->createUser(admin, account, QStringLiteral("Flagged-learner-password-1"));
        if (!id)
            qWarning("flagged learner: %s", qPrintable(id.error().message));
        return id.ok();
    }

    qint64 m_flagged = 0;
    QTemporaryDir m_dir;
    std::unique_ptr<core::GovernedStore> m_store;
};

} // namespace pme::tests
