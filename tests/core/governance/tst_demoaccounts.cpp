// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/Learner.h"
#include "domain/Program.h"
#include "governance/AccessPolicy.h"
#include "governance/AccountService.h"
#include "governance/AuditLog.h"
#include "governance/DemoAccounts.h"
#include "governance/GovernedStore.h"
#include "governance/LearnerDirectory.h"
#include "governance/UserDirectory.h"
#include "store/LearnerRepository.h"
#include "store/ProgramRepository.h"

#include <QTemporaryDir>
#include <QTest>

using namespace pme::core;

namespace {

// Cheap limits keep the suite fast (the hashing cost is tested in tst_accounts).
const PasswordHasher::Limits kFast{1, 1024 * 1024};
const QString kAdminPassword = QStringLiteral("Real-Admin-Password-42");

GovernedStore::Options fastOptions(const QString &keyDir)
{
    GovernedStore::Options options;
    options.hasher = PasswordHasher(kFast);
    options.keyDir = keyDir;
    return options;
}

qint64 addProgram(Database &db, const char *code)
{
    Program program;
    program.code = QString::fromLatin1(code);
    program.name = program.code + QStringLiteral(" residency");
    auto id = ProgramRepository(db).add(program);
    if (!id)
        qFatal("program: %s", qPrintable(id.error().message));
    return *id;
}

qint64 addLearner(Database &db, qint64 programId, const QString &name)
{
    Learner learner;
    learner.programId = programId;
    learner.displayName = name;
    learner.startDate = QDate(2025, 7, 1);
    auto id = LearnerRepository(db).add(learner);
    if (!id)
        qFatal("learner: %s", qPrintable(id.error().message));
    return *id;
}

QList<qint64> ids(const QList<LearnerRow> &rows)
{
    QList<qint64> result;
    for (const LearnerRow &row : rows)
        result << row.learner.id;
    std::sort(result.begin(), result.end());
    return result;
}

} // namespace

/// Demo accounts, the scoped learner list, user look-ups and the governed store wiring.
class TestDemoAccounts : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        auto store = GovernedStore::open(m_dir.filePath(QStringLiteral("demo-%1.sqlite").arg(++m_counter)),
                                         fastOptions(m_dir.filePath(QStringLiteral("keys"))));
        QVERIFY2(store, store ? "" : qPrintable(store.error().message));
        m_store = std::move(store).value();
    }

    void cleanup() { m_store.reset(); }

    void create_onStoreWithLearners_makesOneMarkedAccountPerRole()
    {
        Database &db = m_store->database();
        const qint64 other = addProgram(db, "FM");
        const qint64 im = addProgram(db, "IM");
        // Ids decide: the first learner is in IM, so IM is the demo program.
        QList<qint64> imLearners;
        imLearners << addLearner(db, im, QStringLiteral("Amara Okafor"));
        addLearner(db, other, QStringLiteral("Family Medicine Resident"));
        for (const char *name : {"Ben Tran", "Chloe Dubois", "Dev Patel"})
            imLearners << addLearner(db, im, QString::fromLatin1(name));

        auto created = DemoAccounts::create(db, accounts(), ActingUser());
        QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        QCOMPARE(created->programId, im);
        QCOMPARE(created->linkedLearner, imLearners.first());
        QCOMPARE(created->coachedLearners, imLearners.mid(0, DemoAccounts::kCoachedLearners));

        auto present = DemoAccounts::present(db);
        QVERIFY(present);
        QCOMPARE(*present,
                 (QStringList{QStringLiteral("demo-admin"), QStringLiteral("demo-director"), QStringLiteral("demo-ccc"),
                              QStringLiteral("demo-coach"), QStringLiteral("demo-learner")}));
        for (const DemoAccount &demo : DemoAccounts::accounts()) {
            auto user = accounts().login(demo.username, DemoAccounts::password());
            QVERIFY2(user, qPrintable(demo.username));
            QVERIFY(user->isDemo());
            QVERIFY2(user->hasRole(demo.role), qPrintable(demo.username));
        }

        // What each demo account sees on a roster is decided by the ordinary rules.
        const auto rosterOf = [&](const char *name) {
            auto user = accounts().login(QString::fromLatin1(name), DemoAccounts::password());
            auto rows = LearnerDirectory::list(db, *user);
            return rows ? ids(*rows) : QList<qint64>{-1};
        };
        QCOMPARE(rosterOf("demo-learner"), QList<qint64>{imLearners.first()});
        QCOMPARE(rosterOf("demo-coach"), imLearners.mid(0, 3));
        QCOMPARE(rosterOf("demo-director"), imLearners);
        QCOMPARE(rosterOf("demo-admin").size(), 5);
    }

    void create_twice_isRefused()
    {
        addLearner(m_store->database(), addProgram(m_store->database(), "IM"), QStringLiteral("Amara Okafor"));
        QVERIFY(DemoAccounts::create(m_store->database(), accounts(), ActingUser()));
        auto again = DemoAccounts::create(m_store->database(), accounts(), ActingUser());
        QVERIFY(!again);
        QCOMPARE(again.error().kind, ErrorKind::Conflict);
        QVERIFY(again.error().message.contains(QStringLiteral("demo-admin")));
    }

    void create_withAnAdministrator_needsOne()
    {
        addLearner(m_store->database(), addProgram(m_store->database(), "IM"), QStringLiteral("Amara Okafor"));
        NewAccount first;
        first.username = QStringLiteral("root");
        auto admin = accounts().createFirstAdministrator(first, kAdminPassword);
        QVERIFY(admin);
        auto anonymous = DemoAccounts::create(m_store->database(), accounts(), ActingUser());
        QVERIFY(!anonymous);
        QCOMPARE(anonymous.error().kind, ErrorKind::Denied);
        // Nothing half-made: the failed attempt rolled back whole.
        QCOMPARE(DemoAccounts::present(m_store->database())->size(), 0);
        QVERIFY(DemoAccounts::create(m_store->database(), accounts(), *admin));
        QCOMPARE(DemoAccounts::present(m_store->database())->size(), 5);
    }

    void create_withoutLearners_saysWhatIsMissing()
    {
        auto created = DemoAccounts::create(m_store->database(), accounts(), ActingUser());
        QVERIFY(!created);
        QCOMPARE(created.error().kind, ErrorKind::NotFound);
        QVERIFY(created.error().message.contains(QStringLiteral("no learners")));
        QVERIFY(*accounts().needsFirstAdministrator());
    }

    void demoStore_isMarkedExplicitly()
    {
        QVERIFY(!*DemoAccounts::isDemoStore(m_store->database()));
        QVERIFY(DemoAccounts::markDemoStore(m_store->database()));
        QVERIFY(*DemoAccounts::isDemoStore(m_store->database()));
    }

    void learnerDirectory_deniesNobody_andNarrowsFurtherOnly()
    {
        Database &db = m_store->database();
        const qint64 program = addProgram(db, "IM");
        const qint64 a = addLearner(db, program, QStringLiteral("A"));
        const qint64 b = addLearner(db, program, QStringLiteral("B"));
        QCOMPARE(LearnerDirectory::list(db, ActingUser()).error().kind, ErrorKind::Denied);
        const ActingUser coach(7, QStringLiteral("c"), QStringLiteral("C"), {{Role::Coach, program}});
        QCOMPARE(LearnerDirectory::list(db, coach)->size(), 0);
        const ActingUser director(8, QStringLiteral("d"), QStringLiteral("D"), {{Role::ProgramDirector, program}});
        QCOMPARE(ids(*LearnerDirectory::list(db, director)), (QList<qint64>{a, b}));
        LearnerQuery query;
        query.onlyIds = QList<qint64>{b, 999};
        QCOMPARE(ids(*LearnerDirectory::list(db, director, query)), QList<qint64>{b});
    }

    void userDirectory_forAdministratorsAndAuditReadersOnly()
    {
        NewAccount first;
        first.username = QStringLiteral("Root");
        auto admin = accounts().createFirstAdministrator(first, kAdminPassword);
        QVERIFY(admin);
        QCOMPARE(*UserDirectory::idOf(m_store->database(), *admin, QStringLiteral("root")), admin->id());
        QCOMPARE(UserDirectory::idOf(m_store->database(), *admin, QStringLiteral("nobody")).error().kind,
                 ErrorKind::NotFound);
        const ActingUser coach(7, QStringLiteral("c"), QStringLiteral("C"), {{Role::Coach, std::nullopt}});
        QCOMPARE(UserDirectory::idOf(m_store->database(), coach, QStringLiteral("root")).error().kind,
                 ErrorKind::Denied);
    }

    void governedStore_reopened_findsItsKey()
    {
        NewAccount first;
        first.username = QStringLiteral("root");
        QVERIFY(accounts().createFirstAdministrator(first, kAdminPassword));
        const QString path = m_store->path();
        m_store.reset();
        auto again = GovernedStore::open(path, fastOptions(m_dir.filePath(QStringLiteral("keys"))));
        QVERIFY(again);
        auto log = (*again)->audit();
        QVERIFY(log);
        auto verification = (*log)->verify((*again)->database());
        QVERIFY(verification);
        QVERIFY(verification->isIntact());
        QCOMPARE(verification->entryCount, 1);
    }

private:
    AccountService &accounts()
    {
        auto service = m_store->accounts();
        if (!service)
            qFatal("accounts: %s", qPrintable(service.error().message));
        return **service;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<GovernedStore> m_store;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(TestDemoAccounts)
#include "tst_demoaccounts.moc"
