// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "governance/ActingUser.h"
#include "governance/Role.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace pme::core {

class AccountService;
class Database;

/// One of the demo accounts: a fixed, documented name and role.
struct DemoAccount {
    QString username;
    QString displayName;
    Role role = Role::Learner;
};

/// What DemoAccounts::create() made.
struct DemoAccountsCreated {
    qint64 programId = 0;
    /// The learners the demo coach is assigned to, ascending.
    QList<qint64> coachedLearners;
    /// The learner the demo learner account belongs to.
    qint64 linkedLearner = 0;
};

/// One clearly marked demo account per role (users.is_demo = 1), for demonstrations and
/// training on a demo store (README, "Demo accounts"):
///
/// | user name     | role                                                 |
/// |---------------|------------------------------------------------------|
/// | demo-admin    | administrator, every program                         |
/// | demo-director | program director of the first learner's program      |
/// | demo-ccc      | CCC member of that program                           |
/// | demo-coach    | coach in that program, assigned to its first 3 learners |
/// | demo-learner  | learner account of the first learner                 |
///
/// "First" is by learner id. Every demo account has the same published password
/// (password()): never create them in a store with real learners.
class DemoAccounts final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::DemoAccounts)

public:
    static constexpr int kCoachedLearners = 3;

    /// The five accounts, in the order they are created.
    static QList<DemoAccount> accounts();
    /// The password of every demo account. It is published: demo accounts protect nothing.
    static QString password();

    /// Creates the demo accounts in one transaction. In a store without an administrator,
    /// demo-admin becomes the first one and actor may be invalid; otherwise actor must be an
    /// administrator. Refused (Conflict) when any demo user name is taken; NotFound when the
    /// store has no learners yet.
    static Result<DemoAccountsCreated> create(Database &db, AccountService &accounts, const ActingUser &actor);

    /// The user names of the store's active demo accounts (shown on the sign-in screen).
    static Result<QStringList> present(Database &db);

    /// A store made for demonstrations (store_meta "demo_store"). The demo cohort's builder
    /// marks its store; `pmecoach-cli users demo` creates demo accounts there without --yes.
    static Result<bool> isDemoStore(Database &db);
    static Result<void> markDemoStore(Database &db);
};

} // namespace pme::core
