// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// A connection that does not checkpoint when it commits hands the checkpoint to a thread: its
// commit leaves the database file as it was, the thread copies the log into it, and every
// connection reads the same rows before and after.
#include "store/BackgroundCheckpoint.h"
#include "store/Statement.h"
#include "store/Store.h"
#include "store/Transaction.h"
#include "support/ScalarQuery.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace pme::core;
using pme::core::test::scalar;

class TestBackgroundCheckpoint : public QObject {
    Q_OBJECT

private slots:
    void commitLeavesTheFile_andTheThreadCopiesTheLogIntoIt()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("store.sqlite"));
        auto store = Store::open(path);
        QVERIFY(store.ok());
        Database &reader = store->database();
        QVERIFY(reader.execute("CREATE TABLE scratch (text TEXT NOT NULL);").ok());
        const qint64 fileBefore = QFileInfo(path).size();
        const qint64 pageSize = scalar(reader, "PRAGMA page_size");
        // Rows of 2,000 bytes for about 1,500 pages, whatever the page size: well over the
        // thousand pages at which SQLite would checkpoint in the commit.
        const int rows = static_cast<int>(1500 * pageSize / 2000);

        auto writer = Database::open(path);
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
        const qint64 pages = scalar(reader, "PRAGMA page_count");
        QVERIFY(pages > 1000);
        QCOMPARE(QFileInfo(path).size(), fileBefore);
        QCOMPARE(scalar(reader, "SELECT count(*) FROM scratch"), rows);

        BackgroundCheckpoint::start(std::move(*writer));
        QVERIFY(!writer->isOpen());
        BackgroundCheckpoint::waitForAll();
        QCOMPARE(QFileInfo(path).size(), pages * pageSize);
        QCOMPARE(scalar(reader, "SELECT count(*) FROM scratch"), rows);
        Statement check(reader, "PRAGMA quick_check");
        const auto row = check.step();
        QVERIFY(row && *row);
        QCOMPARE(check.columnText(0), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TestBackgroundCheckpoint)
#include "tst_backgroundcheckpoint.moc"
