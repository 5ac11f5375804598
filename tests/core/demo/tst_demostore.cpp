// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/DemoStoreBuilder.h"
#include "governance/DemoAccounts.h"
#include "store/ImportBatchRepository.h"
#include "store/Statement.h"
#include "store/Store.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace pme::core;

class TestDemoStore : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void build_syncsEveryFileThroughTheImportPath()
    {
        QTemporaryDir dir;
        DemoCohortConfig config;
        config.learners = 24;
        config.years = 4;
        const QString store = dir.filePath(QStringLiteral("demo.sqlite"));
        auto built = DemoStoreBuilder::build(config, dir.filePath(QStringLiteral("files")), store);
        QVERIFY2(built.ok(), qPrintable(built.ok() ? QString() : built.error().message));
        QCOMPARE(built->syncs.size(), 5);
        for (const SyncReport &report : built->syncs)
            QVERIFY2(report.status == QLatin1String("ok"), qPrintable(report.file + QLatin1Char(' ') + report.message));

        auto opened = Store::open(store);
        QVERIFY(opened.ok());
        Database &db = opened->database();
        const auto count = [&](const char *sql) {
            Statement st(db, sql);
            return *st.step() ? st.columnInt64(0) : -1;
        };
        QCOMPARE(count("SELECT count(*) FROM learners"), built->files.learners);
        QCOMPARE(count("SELECT count(*) FROM observations"),
                 built->files.observations + built->files.milestoneRatings + built->files.examScores);
        QCOMPARE(count("SELECT count(*) FROM outcomes"), built->files.outcomeRows);
        QCOMPARE(count("SELECT count(*) FROM import_batches WHERE status = 'ok'"), 5);
        QCOMPARE(*DemoAccounts::isDemoStore(db), true);
        QCOMPARE(DemoAccounts::present(db)->size(), 5);
    }

    void build_neverOverwritesAStore()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("existing.sqlite"));
        QVERIFY(Store::open(store).ok());
        auto built = DemoStoreBuilder::build(DemoCohortConfig{}, dir.filePath(QStringLiteral("files")), store);
        QVERIFY(!built.ok());
        QCOMPARE(built.error().kind, ErrorKind::Conflict);
    }
};

QTEST_GUILESS_MAIN(TestDemoStore)
#include "tst_demostore.moc"
