// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// What the write-ahead log of a large transaction (a full recompute's results) goes through:
// LogWriteback has the kernel write it while the transaction fills it, and the transaction
// commits as it would without; a connection that does not checkpoint when it commits hands the
// checkpoint to BackgroundCheckpoint, whose thread copies the log into the file, and every
// connection reads the same rows before and after.
#include "store/BackgroundCheckpoint.h"
#include "store/LogWriteback.h"
#include "store/Statement.h"
#include "store/Store.h"
#include "store/Transaction.h"
#include "support/ScalarQuery.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <optional>
#include <thread>

using namespace pme::core;
using pme::core::test::scalar;

class TestLargeTransactions : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.emplace().isValid());
        m_path = m_dir->filePath(QStringLiteral("store.sqlite"));
        auto store = Store::open(m_path);
        QVERIFY(store.ok());
        m_store.emplace(std::move(*store));
        QVERIFY(reader().execute("CREATE TABLE scratch (text TEXT NOT NULL);").ok());
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void logWriteback_writesWhileTheTransactionRuns_andStops()
    {
#ifndef __linux__
        QSKIP("LogWriteback does nothing outside Linux.");
#endif
        auto writer = Database::open(m_path);
        QVERIFY(writer.ok());
        LogWriteback writeback(m_path);
        const int rows = 10000; // 20 MB: far more than the page cache, so most of it spills into the log
        {
            Transaction tx(*writer);
            QVERIFY(tx.isActive());
            Statement insert(*writer, "INSERT INTO scratch (text) VALUES (printf('%.2000c', 'x'))");
            for (int i = 0; i < rows; ++i) {
                QVERIFY(insert.exec().ok());
                if (i % 1000 == 999) // give the thread its turns however fast this machine is
                    std::this_thread::sleep_for(std::chrono::milliseconds(15));
            }
            QTRY_VERIFY_WITH_TIMEOUT(writeback.writebacks() > 0, 5000);
            writeback.stop();
            QVERIFY(tx.commit().ok());
        }
        const int after = writeback.writebacks();
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        QCOMPARE(writeback.writebacks(), after);
        writeback.stop(); // a second stop returns at once

        QCOMPARE(scalar(reader(), "SELECT count(*) FROM scratch"), rows);
        verifyIntact();
    }

    void logWriteback_leavesAStoreWithoutALogAlone()
    {
        // No log file (nothing written yet): the thread keeps looking and stops when told.
        const QString missing = m_dir->filePath(QStringLiteral("missing.sqlite"));
        LogWriteback writeback(missing);
        std::this_thread::sleep_for(std::chrono::milliseconds(40));
        writeback.stop();
        QCOMPARE(writeback.writebacks(), 0);
        QVERIFY(!QFile::exists(missing + QStringLiteral("-wal")));
    }

    void backgroundCheckpoint_commitLeavesTheFile_andTheThreadCopiesTheLogIntoIt()
    {
        const qint64 fileBefore = QFileInfo(m_path).size();
        const qint64 pageSize = scalar(reader(), "PRAGMA page_size");
        // Rows of 2,000 bytes for about 1,500 pages, whatever the page size: well over the
        // thousand pages at which SQLite would checkpoint in the commit.
        const int rows = static_cast<int>(1500 * pageSize / 2000);

        auto writer = Database::open(m_path);
        QVERIFY(writer.ok());
        QVERIFY(writer->execute("PRAGMA wal_autocheckpoint = 0;").ok());
        {
            Transaction tx(*writer);
            QVERIFY(tx.isActive());
            Statement insert(*writer, "INSERT INTO scratch (text) VALUES (printf('%.2000c', 'x'))");
            for (int i = 0; i < rows; ++i)
                QVERIFY(insert.exec().ok());
            QVERIFY(tx.commit().ok());
        }
        const qint64 pages = scalar(reader(), "PRAGMA page_count");
        QVERIFY(pages > 1000);
        QCOMPARE(QFileInfo(m_path).size(), fileBefore);
        QCOMPARE(scalar(reader(), "SELECT count(*) FROM scratch"), rows);

        BackgroundCheckpoint::start(std::move(*writer));
        QVERIFY(!writer->isOpen());
        BackgroundCheckpoint::waitForAll();
        QCOMPARE(QFileInfo(m_path).size(), pages * pageSize);
        QCOMPARE(scalar(reader(), "SELECT count(*) FROM scratch"), rows);
        verifyIntact();
    }

private:
    Database &reader() { return m_store->database(); }

    void verifyIntact()
    {
        Statement check(reader(), "PRAGMA quick_check");
        const auto row = check.step();
        QVERIFY(row && *row);
        QCOMPARE(check.columnText(0), QStringLiteral("ok"));
    }

    std::optional<QTemporaryDir> m_dir;
    QString m_path;
    std::optional<Store> m_store;
};

QTEST_GUILESS_MAIN(TestLargeTransactions)
#include "tst_largetransactions.moc"
