// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/ActingUser.h"
#include "governance/GovernedStore.h"
#include "store/FrameworkRepository.h"
#include "store/ImportBatchRepository.h"
#include "store/LearnerRepository.h"
#include "store/Store.h"
#include "sync/FrameworkLoader.h"
#include "sync/ProfileRegistry.h"
#include "sync/SyncData.h"
#include "sync/SyncPlan.h"
#include "sync/SyncPreview.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>
#include <optional>

using namespace pme::core;

namespace {

QString testData(const char *name)
{
    return QStringLiteral(PME_TEST_DATA "/sync/") + QLatin1String(name);
}

} // namespace

/// Preview and dry run: what the import wizard shows before anything is written.
class TestSyncPreview : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        GovernedStore::Options options;
        options.hasher = PasswordHasher(PasswordHasher::Limits{1, 1024 * 1024});
        options.keyDir = m_dir.filePath(QStringLiteral("keys"));
        auto store = GovernedStore::open(m_dir.filePath(QStringLiteral("preview-%1.sqlite").arg(++m_counter)), options);
        QVERIFY(store.ok());
        m_store = std::move(store).value();
        NewAccount account;
        account.username = QStringLiteral("root");
        auto accounts = m_store->accounts();
        QVERIFY(accounts.ok());
        auto admin = (*accounts)->createFirstAdministrator(account, QStringLiteral("Correct-Horse-7391-battery"));
        QVERIFY(admin.ok());
        m_admin = *admin;
        auto frameworks = FrameworkLoader::builtIns();
        QVERIFY(frameworks.ok());
        for (const Framework &f : *frameworks)
            QVERIFY(FrameworkRepository(db()).save(f).ok());
        auto profiles = ProfileRegistry::load(QString());
        QVERIFY(profiles.ok());
        m_profiles.emplace(std::move(profiles).value());
    }

    void roster_previewShowsFormatProfileAndMappedValues()
    {
        auto result = SyncPreview(db(), *m_profiles).preview(testData("roster.csv"));
        QVERIFY2(result.ok(), qPrintable(result ? QString() : result.error().message));
        QVERIFY(!result->xapi);
        QCOMPARE(result->delimiter, ',');
        QCOMPARE(result->suggestedProfile, QStringLiteral("pmecoach-roster"));
        QCOMPARE(result->profile, QStringLiteral("pmecoach-roster"));
        QVERIFY(result->problem.isEmpty());
        QCOMPARE(result->header.first(), QStringLiteral("learner_id"));
        QCOMPARE(result->rows.size(), 3);
        const int learner = int(result->fields.indexOf(QStringLiteral("learner")));
        const int family = int(result->fields.indexOf(QStringLiteral("family_name")));
        QVERIFY(learner >= 0 && family >= 0);
        QCOMPARE(result->rows.first().values.at(learner), QStringLiteral("IM-001"));
        QCOMPARE(result->rows.first().values.at(family), QStringLiteral("Okafor"));
        QCOMPARE(result->rows.first().row, 2);
        QVERIFY(result->rows.first().accepted);
        QVERIFY(result->formatText().contains(QStringLiteral("comma")));
    }

    void assessments_beforeRoster_rejectsUnknownLearnersAndWritesNothing()
    {
        auto result = SyncPreview(db(), *m_profiles).preview(testData("assessments.csv"), {}, 5);
        QVERIFY(result.ok());
        QCOMPARE(result->profile, QStringLiteral("pmecoach-observations"));
        QCOMPARE(result->rows.size(), 5);
        QVERIFY(!result->rows.first().accepted);
        QVERIFY(result->rows.first().rejectReason.contains(QStringLiteral("IM-001")));
        QVERIFY(LearnerRepository(db()).unlinkedIdentities()->isEmpty());
        QVERIFY(ImportBatchRepository(db()).list()->isEmpty());
    }

    void assessments_afterRoster_showsRejectReasons()
    {
        const ActingUser &user = m_admin;
        SyncRequest base;
        base.user = &user;
        SyncPlan(db(), *m_profiles).run({{testData("roster.csv"), {}}}, base);
        auto result = SyncPreview(db(), *m_profiles).preview(testData("assessments.csv"));
        QVERIFY(result.ok());
        QCOMPARE(result->rows.size(), 11);
        QVERIFY(result->rows.at(0).accepted);
        const int competency = int(result->fields.indexOf(QStringLiteral("competency")));
        QCOMPARE(result->rows.at(0).values.at(competency), QStringLiteral("PC1"));
        QVERIFY(!result->rows.at(3).accepted); // A4: unknown code PC9
        QVERIFY(result->rows.at(3).rejectReason.contains(QStringLiteral("PC9")));
        QVERIFY(!result->rows.at(4).accepted); // A5: 30 February
    }

    void unknownFile_hasNoProfileButAHeader()
    {
        QFile file(m_dir.filePath(QStringLiteral("odd.csv")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Who;When;What\nx;2025-01-01;y\n");
        file.close();
        auto result = SyncPreview(db(), *m_profiles).preview(file.fileName());
        QVERIFY(result.ok());
        QCOMPARE(result->delimiter, ';');
        QVERIFY(result->suggestedProfile.isEmpty());
        QVERIFY(!result->problem.isEmpty());
        QCOMPARE(result->header, QStringList({QStringLiteral("Who"), QStringLiteral("When"), QStringLiteral("What")}));
    }

    void dryRunPlan_ordersRosterFirst_givesExactCounts_andWritesNothing()
    {
        const ActingUser &user = m_admin;
        SyncPlan plan(db(), *m_profiles);
        const auto files = plan.ordered({{testData("assessments.csv"), {}}, {testData("roster.csv"), {}}});
        QVERIFY(files.first().path.endsWith(QStringLiteral("roster.csv")));
        SyncRequest base;
        base.user = &user;
        base.dryRun = true;
        const QList<SyncReport> dry = plan.run(files, base);
        QCOMPARE(dry.size(), 2);
        QVERIFY(dry.at(1).dryRun);
        QCOMPARE(dry.at(0).inserted, 3);
        QVERIFY(LearnerRepository(db()).list()->isEmpty());
        QVERIFY(ImportBatchRepository(db()).list()->isEmpty());

        base.dryRun = false;
        const QList<SyncReport> real = plan.run(files, base);
        QCOMPARE(real.at(1).inserted, dry.at(1).inserted);
        QCOMPARE(real.at(1).rejected, dry.at(1).rejected);
        QVERIFY(real.at(1).inserted > 0);
        QCOMPARE(ImportBatchRepository(db()).list()->size(), 2);
    }

    void planAndData_refuseAUserWhoMayNotSync()
    {
        const ActingUser coach(2, QStringLiteral("c"), QStringLiteral("C"), {RoleGrant{Role::Coach, std::nullopt}});
        SyncRequest base;
        base.user = &coach;
        const auto reports = SyncPlan(db(), *m_profiles).run({{testData("roster.csv"), {}}}, base);
        QCOMPARE(reports.first().status, QStringLiteral("refused"));
        QVERIFY(LearnerRepository(db()).list()->isEmpty());
        QCOMPARE(SyncData(db(), coach).batches().error().kind, ErrorKind::Denied);
        QVERIFY(SyncData(db(), m_admin).batches().ok());
    }

    void cancelledPlan_writesNothing()
    {
        std::atomic<bool> cancel{true};
        SyncRequest base;
        base.user = &m_admin;
        base.cancel = &cancel;
        const auto reports = SyncPlan(db(), *m_profiles).run({{testData("roster.csv"), {}}}, base);
        QCOMPARE(reports.first().status, QStringLiteral("cancelled"));
        QVERIFY(LearnerRepository(db()).list()->isEmpty());
    }

    void rejectsCsv_quotesFields()
    {
        const QString path = m_dir.filePath(QStringLiteral("rejects.csv"));
        QVERIFY(SyncData::writeRejectsCsv(path, {{4, 0, QStringLiteral("date"), QStringLiteral("Bad, \"very\"")}}));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("row,column,reason\r\n4,date,\"Bad, \"\"very\"\"\"\r\n"));
    }

private:
    Database &db() { return m_store->database(); }

    QTemporaryDir m_dir;
    int m_counter = 0;
    std::unique_ptr<GovernedStore> m_store;
    ActingUser m_admin;
    std::optional<ProfileRegistry> m_profiles;
};

QTEST_GUILESS_MAIN(TestSyncPreview)
#include "tst_syncpreview.moc"
