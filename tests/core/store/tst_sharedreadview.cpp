// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// A second connection that sees what the first sees: when there is one, that nobody can commit
// while it lives, and that it gives way at once to a busy store instead of waiting.
#include "store/SharedReadView.h"
#include "store/Statement.h"
#include "store/Store.h"
#include "store/Transaction.h"
#include "support/ScalarQuery.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace pme::core;
using pme::core::test::scalar;

class TestSharedReadView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("view.sqlite"));
        auto store = Store::open(m_path);
        QVERIFY(store.ok());
        QVERIFY(store->database()
                    .execute("INSERT INTO programs (code, name, created_at) VALUES ('A', 'A', 'x'), ('B', 'B', 'x');")
                    .ok());
    }

    void secondConnection_seesTheSameRows_andNobodyCommitsMeanwhile()
    {
        auto first = Database::open(m_path);
        auto other = Database::open(m_path);
        QVERIFY(first.ok() && other.ok());
        sqlite3_busy_timeout(other->handle(), 0);
        {
            auto view = SharedReadView::open(*first);
            QVERIFY(view.has_value());
            QCOMPARE(scalar(view->second(), "SELECT count(*) FROM programs"), 2);
            QCOMPARE(scalar(*first, "SELECT count(*) FROM programs"), 2);
            // Another writer is refused while the view lives; the second connection only reads.
            QVERIFY(!other->execute("INSERT INTO programs (code, name, created_at) VALUES ('C', 'C', 'x');").ok());
            QVERIFY(!view->second().execute("INSERT INTO programs (code, name, created_at) VALUES ('D', 'D', 'x');").ok());
        }
        // Gone: the lock is released, nothing was written, and writes work again.
        QCOMPARE(sqlite3_get_autocommit(first->handle()), 1);
        QVERIFY(other->execute("INSERT INTO programs (code, name, created_at) VALUES ('C', 'C', 'x');").ok());
        QCOMPARE(scalar(*first, "SELECT count(*) FROM programs"), 3);
        QVERIFY(other->execute("DELETE FROM programs WHERE code = 'C';").ok());
    }

    void busyStore_givesNoViewAtOnce()
    {
        auto first = Database::open(m_path);
        auto writer = Database::open(m_path);
        QVERIFY(first.ok() && writer.ok());
        Transaction busy(*writer);
        QVERIFY(busy.isActive());
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!SharedReadView::open(*first).has_value());
        // Not the connection's 10-second busy wait: the caller reads alone instead.
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(scalar(*first, "SELECT count(*) FROM programs"), 2);
    }

    void noViewInsideATransaction_norInMemory_norReadOnly()
    {
        auto first = Database::open(m_path);
        QVERIFY(first.ok());
        {
            Transaction tx(*first);
            QVERIFY(tx.isActive());
            QVERIFY(!SharedReadView::open(*first).has_value());
        }
        auto memory = Database::open(QStringLiteral(":memory:"));
        QVERIFY(memory.ok());
        QVERIFY(!SharedReadView::open(*memory).has_value());
        auto readOnly = Database::open(m_path, Database::Mode::ReadOnly);
        QVERIFY(readOnly.ok());
        QVERIFY(!SharedReadView::open(*readOnly).has_value());
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_GUILESS_MAIN(TestSharedReadView)
#include "tst_sharedreadview.moc"
