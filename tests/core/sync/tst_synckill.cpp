// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// A sync killed at random moments leaves the store exactly as it was, or fully synced.
#include "store/FrameworkRepository.h"
#include "store/Statement.h"
#include "store/Store.h"
#include "support/ScalarQuery.h"
#include "sync/FrameworkLoader.h"
#include "sync/ProfileRegistry.h"
#include "sync/SyncJob.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace pme::core;
using pme::core::test::scalar;

namespace {

constexpr int kLearners = 50;
constexpr int kRows = 150000;
constexpr char kIndexCount[] = "SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                               "AND name IN ('observations_learner', 'observations_source_key')";
constexpr int kKills = 12;

QString scalarText(Database &db, const char *sql)
{
    Statement st(db, sql);
    auto row = st.step();
    return row && *row ? st.columnText(0) : QString();
}

} // namespace

class TestSyncKill : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_base = m_dir.filePath(QStringLiteral("base.sqlite"));
        QFile roster(m_dir.filePath(QStringLiteral("roster.csv")));
        QVERIFY(roster.open(QIODevice::WriteOnly));
        roster.write("learner_id,display_name,program,start_date,expected_completion_date\n");
        for (int i = 0; i < kLearners; ++i)
            roster.write(QStringLiteral("K-%1,Learner %1,IM,2024-07-01,2027-06-30\n").arg(i).toUtf8());
        roster.close();
        QFile obs(m_dir.filePath(QStringLiteral("observations.csv")));
        QVERIFY(obs.open(QIODevice::WriteOnly));
        obs.write("observation_id,learner_id,date,framework,competency,rating,narrative\n");
        static const char *const codes[] = {"PC1", "PC2", "PC3", "MK1", "ICS1", "PROF1"};
        for (int i = 0; i < kRows; ++i)
            obs.write(QStringLiteral("K%1,K-%2,2025-%3-%4,acgme-im-2.0,%5,%6,\"Observed, \"\"well\"\" done.\nNext time: more.\"\n")
                          .arg(i)
                          .arg(i % kLearners)
                          .arg(1 + i % 12, 2, 10, QLatin1Char('0'))
                          .arg(1 + i % 28, 2, 10, QLatin1Char('0'))
                          .arg(QLatin1String(codes[i % 6]))
                          .arg(1 + (i % 9) * 0.5)
                          .toUtf8());
        obs.close();

        auto store = Store::open(m_base);
        QVERIFY(store.ok());
        for (const Framework &f : *FrameworkLoader::builtIns())
            QVERIFY(FrameworkRepository(store->database()).save(f).ok());
        auto profiles = ProfileRegistry::load(QString());
        SyncJob job(store->database(), *profiles);
        SyncRequest request;
        request.path = roster.fileName();
        QCOMPARE(job.run(request).inserted, kLearners);
        m_observationsBefore = scalar(store->database(), "SELECT count(*) FROM observations");
        m_batchesBefore = scalar(store->database(), "SELECT count(*) FROM import_batches");
    }

    void killDuringSync_leavesAllOrNothing()
    {
        // How long an uninterrupted sync takes here, to spread the kills across it.
        const QString full = copyBase(QStringLiteral("full.sqlite"));
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(runChild(full, -1), 0);
        const qint64 duration = timer.elapsed();
        {
            auto store = Store::open(full);
            QCOMPARE(scalar(store->database(), "SELECT count(*) FROM observations"), m_observationsBefore + kRows);
            // The bulk path drops the indexes inside its transaction: they must be back.
            QCOMPARE(scalar(store->database(), kIndexCount), 2);
        }

        int interrupted = 0;
        int completed = 0;
        for (int i = 0; i < kKills; ++i) {
            const QString path = copyBase(QStringLiteral("kill-%1.sqlite").arg(i));
            const int delay = static_cast<int>(QRandomGenerator::global()->bounded(static_cast<quint32>(duration * 11 / 10 + 1)));
            const int exitCode = runChild(path, delay);
            auto store = Store::open(path);
            QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
            Database &db = store->database();
            QCOMPARE(scalarText(db, "PRAGMA integrity_check"), QStringLiteral("ok"));
            QCOMPARE(scalar(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
            QCOMPARE(scalar(db, kIndexCount), 2);
            const qint64 observations = scalar(db, "SELECT count(*) FROM observations");
            const qint64 batches = scalar(db, "SELECT count(*) FROM import_batches");
            if (observations == m_observationsBefore) {
                QCOMPARE(batches, m_batchesBefore);   // no trace of a half sync, not even its batch
                QCOMPARE(scalar(db, "SELECT count(*) FROM observation_revisions"), 0);
                ++interrupted;
            } else {
                QCOMPARE(observations, m_observationsBefore + kRows);
                QCOMPARE(scalarText(db, "SELECT status FROM import_batches ORDER BY id DESC LIMIT 1"), QStringLiteral("ok"));
                ++completed;
            }
            Q_UNUSED(exitCode);
        }
        qInfo("%d kills: %d before the commit (store unchanged), %d after it (store complete); sync takes %lld ms",
              kKills, interrupted, completed, static_cast<long long>(duration));
        QVERIFY2(interrupted > 0, "no kill landed during the sync: the test proved nothing");
    }

private:
    QString copyBase(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        auto base = Database::open(m_base, Database::Mode::ReadOnly);
        if (base)
            (void)base->backupTo(path);
        return path;
    }

    // Runs a sync in a child process; kills it with SIGKILL after delayMs (unless negative).
    int runChild(const QString &db, int delayMs)
    {
        QProcess child;
        child.start(QStringLiteral(PME_SYNC_CHILD), {db, m_dir.filePath(QStringLiteral("observations.csv"))});
        if (!child.waitForStarted())
            return -1;
        if (delayMs >= 0 && !child.waitForFinished(delayMs))
            child.kill();
        child.waitForFinished(-1);
        return child.exitStatus() == QProcess::CrashExit ? -9 : child.exitCode();
    }

    QTemporaryDir m_dir;
    QString m_base;
    qint64 m_observationsBefore = 0;
    qint64 m_batchesBefore = 0;
};

QTEST_GUILESS_MAIN(TestSyncKill)
#include "tst_synckill.moc"
