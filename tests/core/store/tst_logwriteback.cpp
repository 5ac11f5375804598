// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// While a large transaction fills the write-ahead log, LogWriteback has the kernel start
// writing it; the transaction commits as it would without it, and the thread stops when told.
#include "store/LogWriteback.h"
#include "store/Statement.h"
#include "store/Store.h"
#include "store/Transaction.h"
#include "support/ScalarQuery.h"

#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <thread>

using namespace pme::core;
using pme::core::test::scalar;

class TestLogWriteback : public QObject {
    Q_OBJECT

private slots:
    void writesBackWhileTheTransactionRuns_andStops()
    {
#ifndef __linux__
        QSKIP("LogWriteback does nothing outside Linux.");
#endif
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("store.sqlite"));
        auto store = Store::open(path);
        QVERIFY(store.ok());
        Database &reader = store->database();
        QVERIFY(reader.execute("CREATE TABLE scratch (text TEXT NOT NULL);").ok());

        auto writer = Database::open(path);
        QVERIFY(writer.ok());
        LogWriteback writeback(path);
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

        QCOMPARE(scalar(reader, "SELECT count(*) FROM scratch"), rows);
        Statement check(reader, "PRAGMA quick_check");
        const auto row = check.step();
        QVERIFY(row && *row);
        QCOMPARE(check.columnText(0), QStringLiteral("ok"));
    }

    void aStoreWithoutALog_isLeftAlone()
    {
        // No log file yet (nothing written): the thread keeps looking and stops when told.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        LogWriteback writeback(dir.filePath(QStringLiteral("missing.sqlite")));
        std::this_thread::sleep_for(std::chrono::milliseconds(40));
        writeback.stop();
        QCOMPARE(writeback.writebacks(), 0);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("missing.sqlite-wal"))));
    }
};

QTEST_GUILESS_MAIN(TestLogWriteback)
#include "tst_logwriteback.moc"
