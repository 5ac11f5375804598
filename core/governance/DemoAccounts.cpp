// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/DemoAccounts.h"

#include "governance/AccountService.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"

namespace pme::core {

namespace {

constexpr char kDemoStoreKey[] = "demo_store";

struct Cohort {
    qint64 programId = 0;
    QList<qint64> learners; ///< the program's first learners by id
};

// The first learner by id decides the program; the coach gets that program's first learners.
Result<Cohort> pickLearners(Database &db)
{
    Statement first(db, "SELECT program_id FROM learners ORDER BY id LIMIT 1");
    auto row = first.step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorKind::NotFound,
                         DemoAccounts::tr("The database has no learners yet. Demo accounts need some: import "
                                          "a roster (or build the demo cohort) first."));
    Cohort cohort;
    cohort.programId = first.columnInt64(0);
    Statement st(db, "SELECT id FROM learners WHERE program_id = ? ORDER BY id LIMIT ?");
    st.bind(1, cohort.programId);
    st.bind(2, DemoAccounts::kCoachedLearners);
    if (auto r = st.forEachRow([&](const Statement &s) { cohort.learners.append(s.columnInt64(0)); }); !r)
        return r.error();
    return cohort;
}

Result<void> requireNamesFree(Database &db)
{
    Statement st(db, "SELECT username FROM users WHERE username = ?");
    QStringList taken;
    for (const DemoAccount &account : DemoAccounts::accounts()) {
        st.bind(1, account.username);
        auto row = st.step();
        if (!row)
            return row.error();
        if (*row)
            taken << st.columnText(0);
        st.reset();
    }
    if (!taken.isEmpty())
        return makeError(
            ErrorKind::Conflict,
            DemoAccounts::tr("This database already has demo accounts (%1).").arg(taken.join(QStringLiteral(", "))));
    return {};
}

NewAccount newAccount(const DemoAccount &demo, std::optional<qint64> programId)
{
    NewAccount account;
    account.username = demo.username;
    account.displayName = demo.displayName;
    account.demo = true;
    // The learner role comes with the link to the learner (AccountService::linkLearner).
    if (demo.role != Role::Learner)
        account.roles = {RoleGrant{demo.role, demo.role == Role::Admin ? std::nullopt : programId}};
    return account;
}

} // namespace

QList<DemoAccount> DemoAccounts::accounts()
{
    return {
        {QStringLiteral("demo-admin"), tr("Demo Administrator"), Role::Admin},
        {QStringLiteral("demo-director"), tr("Demo Program Director"), Role::ProgramDirector},
        {QStringLiteral("demo-ccc"), tr("Demo CCC Member"), Role::CccMember},
        {QStringLiteral("demo-coach"), tr("Demo Coach"), Role::Coach},
        {QStringLiteral("demo-learner"), tr("Demo Learner"), Role::Learner},
    };
}

QString DemoAccounts::password()
{
    return QStringLiteral("pmecoach-demo");
}

Result<DemoAccountsCreated> DemoAccounts::create(Database &db, AccountService &service, const ActingUser &actor)
{
    auto cohort = pickLearners(db);
    if (!cohort)
        return cohort.error();
    // One transaction: a failure half-way leaves no half set of demo accounts behind.
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    if (auto r = requireNamesFree(db); !r)
        return r.error();
    auto firstRun = service.needsFirstAdministrator();
    if (!firstRun)
        return firstRun.error();

    ActingUser admin = actor;
    DemoAccountsCreated created;
    created.programId = cohort->programId;
    created.linkedLearner = cohort->learners.first();
    qint64 coachId = 0;
    for (const DemoAccount &demo : accounts()) {
        NewAccount account = newAccount(demo, cohort->programId);
        if (demo.role == Role::Learner)
            account.learnerId = created.linkedLearner;
        if (demo.role == Role::Admin && *firstRun) {
            auto first = service.createFirstAdministrator(account, password());
            if (!first)
                return first.error();
            admin = *first;
            continue;
        }
        auto id = service.createUser(admin, account, password());
        if (!id)
            return id.error();
        if (demo.role == Role::Coach)
            coachId = *id;
    }
    for (qint64 learnerId : std::as_const(cohort->learners)) {
        if (auto r = service.assignCoach(admin, coachId, learnerId); !r)
            return r.error();
        created.coachedLearners.append(learnerId);
    }
    if (auto r = tx.commit(); !r)
        return r.error();
    return created;
}

Result<QStringList> DemoAccounts::present(Database &db)
{
    QStringList names;
    Statement st(db, "SELECT username FROM users WHERE is_demo = 1 AND active = 1 ORDER BY id");
    if (auto r = st.forEachRow([&](const Statement &s) { names << s.columnText(0); }); !r)
        return r.error();
    return names;
}

Result<bool> DemoAccounts::isDemoStore(Database &db)
{
    Statement st(db, "SELECT value FROM store_meta WHERE key = ?");
    st.bind(1, QString::fromLatin1(kDemoStoreKey));
    auto row = st.step();
    if (!row)
        return row.error();
    return *row && st.columnText(0) == QLatin1String("1");
}

Result<void> DemoAccounts::markDemoStore(Database &db)
{
    Statement st(db, "INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, '1')");
    st.bind(1, QString::fromLatin1(kDemoStoreKey));
    return st.exec();
}

} // namespace pme::core
