// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Database.h"
#include "store/SchemaMigrator.h"
#include "store/Statement.h"
#include "store/Store.h"
#include "store/Transaction.h"
#include "support/ScalarQuery.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <initializer_list>

using namespace pme::core;
using pme::core::test::scalar;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace

class TestStore : public QObject {
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void openNewFile_createsCurrentSchema()
    {
        const QString path = m_dir.filePath(QStringLiteral("new.sqlite"));
        auto store = Store::open(path);
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
        Database &db = store->database();
        QCOMPARE(*db.pragmaInt("user_version"), SchemaMigrator::currentVersion());
        QCOMPARE(*db.pragmaInt("application_id"), SchemaMigrator::kApplicationId);
        QCOMPARE(*db.pragmaInt("foreign_keys"), 1);
        QCOMPARE(*db.pragmaInt("synchronous"), 2);  // FULL
        QCOMPARE(*db.pragmaInt("page_size"), 16384);
        Statement mode(db, "PRAGMA journal_mode");
        QVERIFY(*mode.step());
        QCOMPARE(mode.columnText(0), QStringLiteral("wal"));
        QVERIFY(scalar(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'") > 25);
        QVERIFY(store->backupPath().isEmpty());
    }

    void existingFile_keepsItsPageSize()
    {
        // A store created with SQLite's default pages (as before 16 KiB pages) stays as it is.
        const QString path = m_dir.filePath(QStringLiteral("small-pages.sqlite"));
        sqlite3 *raw = nullptr;
        QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &raw), SQLITE_OK);
        QCOMPARE(sqlite3_exec(raw, "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL;", nullptr, nullptr, nullptr),
                 SQLITE_OK);
        sqlite3_close(raw);
        auto store = Store::open(path);
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
        QCOMPARE(*store->database().pragmaInt("page_size"), 4096);
        QCOMPARE(*store->database().pragmaInt("user_version"), SchemaMigrator::currentVersion());
        QVERIFY(store->database().execute("INSERT INTO programs (code, name, created_at) "
                                          "VALUES ('IM', 'Internal Medicine', '2026-01-01T00:00:00.000Z')").ok());
        QCOMPARE(scalar(store->database(), "SELECT count(*) FROM programs"), 1);
    }

    void migrateEmptyFile_createsSchema()
    {
        const QString path = m_dir.filePath(QStringLiteral("empty.sqlite"));
        writeFile(path, {});
        auto store = Store::open(path);
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
        QCOMPARE(*store->database().pragmaInt("user_version"), SchemaMigrator::currentVersion());
    }

    void reopen_keepsDataAndSchema()
    {
        const QString path = m_dir.filePath(QStringLiteral("reopen.sqlite"));
        {
            auto store = Store::open(path);
            QVERIFY(store.ok());
            Transaction tx(store->database());
            QVERIFY(tx.isActive());
            QVERIFY(store->database().execute("INSERT INTO programs (code, name, created_at) VALUES ('IM', 'Internal Medicine', '2026-01-01T00:00:00.000Z')").ok());
            QVERIFY(tx.commit().ok());
        }
        auto again = Store::open(path);
        QVERIFY(again.ok());
        QCOMPARE(scalar(again->database(), "SELECT count(*) FROM programs"), 1);
        QVERIFY(again->backupPath().isEmpty());
    }

    void openNewerSchema_refusesAndLeavesFileUntouched()
    {
        const QString path = m_dir.filePath(QStringLiteral("newer.sqlite"));
        {
            auto store = Store::open(path);
            QVERIFY(store.ok());
            QVERIFY(store->database().execute("PRAGMA user_version = 999;").ok());
        }
        const QByteArray before = fileHash(path);
        QVERIFY(!before.isEmpty());
        auto store = Store::open(path);
        QVERIFY(!store.ok());
        QCOMPARE(store.error().kind, ErrorKind::Refused);
        QVERIFY2(store.error().message.contains(QStringLiteral("newer")), qPrintable(store.error().message));
        QVERIFY(store.error().message.contains(QStringLiteral("999")));
        QCOMPARE(fileHash(path), before);
    }

    void openNonDatabaseFile_refusesAndLeavesFileUntouched_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("text") << QByteArray("learner_id,date,rating\n1,2026-01-01,3\n");
        QTest::newRow("binary") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
        QTest::newRow("truncated sqlite header") << QByteArray("SQLite format");
        QByteArray fakeHeader("SQLite format 3", 16);
        fakeHeader.append(QByteArray(200, '\x07'));
        QTest::newRow("garbage after sqlite magic") << fakeHeader;
    }

    void openNonDatabaseFile_refusesAndLeavesFileUntouched()
    {
        QFETCH(QByteArray, content);
        const QString path = m_dir.filePath(QStringLiteral("notadb.sqlite"));
        writeFile(path, content);
        const QByteArray before = fileHash(path);
        auto store = Store::open(path);
        QVERIFY(!store.ok());
        QCOMPARE(store.error().kind, ErrorKind::Refused);
        QVERIFY2(store.error().message.contains(QStringLiteral("not a PME Coach database")),
                 qPrintable(store.error().message));
        QCOMPARE(fileHash(path), before);
    }

    void openOtherSqliteDatabase_refuses()
    {
        const QString path = m_dir.filePath(QStringLiteral("other.sqlite"));
        {
            auto db = Database::open(path);
            QVERIFY(db.ok());
            QVERIFY(db->execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT);").ok());
        }
        const QByteArray before = fileHash(path);
        auto store = Store::open(path);
        QVERIFY(!store.ok());
        QCOMPARE(store.error().kind, ErrorKind::Refused);
        QCOMPARE(fileHash(path), before);
    }

    void missingFile_withoutCreate_isNotFound()
    {
        Store::Options options;
        options.createIfMissing = false;
        auto store = Store::open(m_dir.filePath(QStringLiteral("absent.sqlite")), options);
        QVERIFY(!store.ok());
        QCOMPARE(store.error().kind, ErrorKind::NotFound);
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("absent.sqlite"))));
    }

    void foreignKeys_areEnforced()
    {
        auto store = Store::openInMemory();
        QVERIFY(store.ok());
        auto r = store->database().execute(
            "INSERT INTO learners (program_id, display_name, start_date, created_at, updated_at) "
            "VALUES (4242, 'Nobody', '2026-07-01', 'x', 'x');");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Conflict);
        QVERIFY(r.error().message.contains(QStringLiteral("FOREIGN KEY")));
    }

    void failedTransaction_rollsBackEverything()
    {
        auto store = Store::openInMemory();
        QVERIFY(store.ok());
        Database &db = store->database();
        {
            Transaction tx(db);
            QVERIFY(tx.isActive());
            QVERIFY(db.execute("INSERT INTO programs (code, name, created_at) VALUES ('A', 'A', 'x');").ok());
            // The second insert breaks the UNIQUE(code) rule; the transaction is abandoned.
            QVERIFY(!db.execute("INSERT INTO programs (code, name, created_at) VALUES ('A', 'B', 'x');").ok());
        }
        QCOMPARE(scalar(db, "SELECT count(*) FROM programs"), 0);
    }

    void nestedTransaction_rollsBackOnlyItsPart()
    {
        auto store = Store::openInMemory();
        QVERIFY(store.ok());
        Database &db = store->database();
        Transaction outer(db);
        QVERIFY(outer.isActive());
        QVERIFY(db.execute("INSERT INTO programs (code, name, created_at) VALUES ('A', 'A', 'x');").ok());
        {
            Transaction inner(db);
            QVERIFY(inner.isActive());
            QVERIFY(db.execute("INSERT INTO programs (code, name, created_at) VALUES ('B', 'B', 'x');").ok());
        }
        QVERIFY(outer.commit().ok());
        QCOMPARE(scalar(db, "SELECT count(*) FROM programs"), 1);
    }

    void auditEntries_areAppendOnly()
    {
        auto store = Store::openInMemory();
        QVERIFY(store.ok());
        Database &db = store->database();
        QVERIFY(db.execute("INSERT INTO audit_entries (at, action, hash) VALUES ('x', 'login', x'00');").ok());
        QVERIFY(!db.execute("UPDATE audit_entries SET action = 'other';").ok());
        QVERIFY(!db.execute("DELETE FROM audit_entries;").ok());
        QCOMPARE(scalar(db, "SELECT count(*) FROM audit_entries WHERE action = 'login'"), 1);
    }

    void migrateOlderStore_makesBackupFirst_data()
    {
        QTest::addColumn<int>("pageSize");
        QTest::newRow("created by this build") << 0;
        QTest::newRow("4 KiB pages, from before 16 KiB") << 4096;
    }

    void migrateOlderStore_makesBackupFirst()
    {
        QFETCH(int, pageSize);
        // Two migration sets: v1 is this build's first migration, v2 adds a table.
        const QString v1 = m_dir.filePath(QStringLiteral("migrations-v1-%1").arg(pageSize));
        const QString v2 = m_dir.filePath(QStringLiteral("migrations-v2-%1").arg(pageSize));
        QVERIFY(QDir().mkpath(v1) && QDir().mkpath(v2));
        const QString first = QStringLiteral(":/pme/migrations/0001_initial.sql");
        QVERIFY(QFile::copy(first, v1 + QStringLiteral("/0001_initial.sql")));
        QVERIFY(QFile::copy(first, v2 + QStringLiteral("/0001_initial.sql")));
        writeFile(v2 + QStringLiteral("/0002_more.sql"), "CREATE TABLE more_things (id INTEGER PRIMARY KEY);");

        const QString path = m_dir.filePath(QStringLiteral("old-%1.sqlite").arg(pageSize));
        if (pageSize) {
            sqlite3 *raw = nullptr;
            QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &raw), SQLITE_OK);
            const QByteArray setUp = "PRAGMA page_size = " + QByteArray::number(pageSize) + "; PRAGMA journal_mode = WAL;";
            QCOMPARE(sqlite3_exec(raw, setUp.constData(), nullptr, nullptr, nullptr), SQLITE_OK);
            sqlite3_close(raw);
        }
        Store::Options options;
        options.migrationsPath = v1;
        {
            auto store = Store::open(path, options);
            QVERIFY(store.ok());
            QVERIFY(store->database().execute("INSERT INTO programs (code, name, created_at) VALUES ('IM', 'IM', 'x');").ok());
        }
        options.migrationsPath = v2;
        auto store = Store::open(path, options);
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
        QCOMPARE(*store->database().pragmaInt("user_version"), 2);
        const QString backup = store->backupPath();
        QVERIFY(!backup.isEmpty());
        QVERIFY(QFile::exists(backup));

        // The backup is a consistent copy of the store as it was before the upgrade.
        auto old = Database::open(backup, Database::Mode::ReadOnly);
        QVERIFY(old.ok());
        QCOMPARE(*old->pragmaInt("user_version"), 1);
        QCOMPARE(scalar(*old, "SELECT count(*) FROM programs"), 1);
        QCOMPARE(scalar(*old, "SELECT count(*) FROM sqlite_master WHERE name = 'more_things'"), 0);
        QCOMPARE(*old->pragmaInt("page_size"), *store->database().pragmaInt("page_size"));
        if (pageSize)
            QCOMPARE(*store->database().pragmaInt("page_size"), pageSize);
    }

    void schema3_keepsPlanEventsAndRecordsActionsDone()
    {
        // A store at schema 2 with a plan's signature, upgraded by this build's migrations.
        const QString v2 = migrationsUpTo("migrations-schema2", {"0001_initial.sql", "0002_analytics.sql"});
        QVERIFY(!v2.isEmpty());
        const QString path = m_dir.filePath(QStringLiteral("schema2.sqlite"));
        Store::Options options;
        options.migrationsPath = v2;
        {
            auto store = Store::open(path, options);
            QVERIFY(store.ok());
            Database &db = store->database();
            QVERIFY(db.execute("INSERT INTO programs (id, code, name, created_at) VALUES (1, 'IM', 'IM', 'x');"
                               "INSERT INTO learners (id, program_id, display_name, start_date, created_at, "
                               "updated_at) VALUES (1, 1, 'A', '2026-01-01', 'x', 'x');"
                               "INSERT INTO goal_plans (id, learner_id, title, created_at, updated_at) "
                               "VALUES (1, 1, 'Plan', 'x', 'x');"
                               "INSERT INTO goal_plan_events (id, plan_id, kind, at, plan_version, version_hash, "
                               "body) VALUES (7, 1, 'signed', 'x', 2, X'0102', '{}');")
                        .ok());
            QVERIFY(!db.execute("INSERT INTO goal_plan_events (plan_id, kind, at, plan_version) "
                                "VALUES (1, 'action_done', 'x', 2);")
                         .ok());
        }
        auto store = Store::open(path);
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
        Database &db = store->database();
        QVERIFY(*db.pragmaInt("user_version") >= 3);
        QCOMPARE(scalar(db, "SELECT count(*) FROM goal_plan_events WHERE id = 7 AND kind = 'signed' "
                            "AND version_hash = X'0102' AND plan_version = 2"),
                 1);
        QVERIFY(db.execute("INSERT INTO goal_plan_events (plan_id, kind, at, plan_version) VALUES "
                           "(1, 'action_done', 'y', 2), (1, 'action_undone', 'z', 2);")
                    .ok());
        QVERIFY(!db.execute("INSERT INTO goal_plan_events (plan_id, kind, at, plan_version) "
                            "VALUES (1, 'nonsense', 'x', 2);")
                     .ok());
        QCOMPARE(scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'goal_plan_events_plan'"), 1);
    }

    void schema4_addsTheExpectedEvidenceSchedule()
    {
        // A store at schema 3 with a program, upgraded by this build's migrations.
        const QString v3 = migrationsUpTo("migrations-schema3",
                                          {"0001_initial.sql", "0002_analytics.sql", "0003_goal_action_events.sql"});
        QVERIFY(!v3.isEmpty());
        const QString path = m_dir.filePath(QStringLiteral("schema3.sqlite"));
        Store::Options options;
        options.migrationsPath = v3;
        {
            auto store = Store::open(path, options);
            QVERIFY(store.ok());
            QCOMPARE(*store->database().pragmaInt("user_version"), 3);
            QVERIFY(store->database()
                        .execute("INSERT INTO programs (id, code, name, created_at) VALUES (1, 'IM', 'IM', 'x');"
                                 "INSERT INTO frameworks (id, code, name, kind, scale_min, scale_max, scale_step, "
                                 "imported_at) VALUES (1, 'f', 'F', 'epa', 1, 5, 1, 'x');"
                                 "INSERT INTO competencies (id, framework_id, code, name) VALUES (1, 1, 'E1', 'E1');")
                        .ok());
        }
        auto store = Store::open(path);
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
        Database &db = store->database();
        QVERIFY(*db.pragmaInt("user_version") >= 4);
        QCOMPARE(scalar(db, "SELECT count(*) FROM programs WHERE code = 'IM'"), 1);
        // Five observations of EPA 1 by day 180, any instrument; a second row for the same
        // key of the program, a negative day or a count of zero are refused.
        QVERIFY(db.execute("INSERT INTO expected_evidence (program_id, competency_id, title, due_day, required_count, "
                           "source_key) VALUES (1, 1, 'EPA 1', 180, 5, 'stage1:E1');")
                    .ok());
        QVERIFY(!db.execute("INSERT INTO expected_evidence (program_id, competency_id, title, due_day, source_key) "
                            "VALUES (1, 1, 'EPA 1 again', 200, 'stage1:E1');")
                     .ok());
        QVERIFY(!db.execute("INSERT INTO expected_evidence (program_id, competency_id, title, due_day, source_key) "
                            "VALUES (1, 1, 'x', -1, 'neg');")
                     .ok());
        QVERIFY(!db.execute("INSERT INTO expected_evidence (program_id, competency_id, title, due_day, required_count, "
                            "source_key) VALUES (1, 1, 'x', 1, 0, 'zero');")
                     .ok());
        QCOMPARE(scalar(db, "SELECT required_count FROM expected_evidence WHERE source_key = 'stage1:E1'"), 5);
    }

    void schema5_keepsFlagsTheirEvidenceEventsAndGoals()
    {
        // A store at schema 4 with a flag, its evidence and events, and a goal prompted by it.
        const QString v4 = migrationsUpTo("migrations-schema4",
                                          {"0001_initial.sql", "0002_analytics.sql", "0003_goal_action_events.sql",
                                           "0004_expected_evidence.sql"});
        QVERIFY(!v4.isEmpty());
        const QString path = m_dir.filePath(QStringLiteral("schema4.sqlite"));
        Store::Options options;
        options.migrationsPath = v4;
        {
            auto store = Store::open(path, options);
            QVERIFY(store.ok());
            QCOMPARE(*store->database().pragmaInt("user_version"), 4);
            QVERIFY(store->database()
                        .execute("INSERT INTO programs (id, code, name, created_at) VALUES (1, 'IM', 'IM', 'x');"
                                 "INSERT INTO learners (id, program_id, display_name, start_date, created_at, "
                                 "updated_at) VALUES (1, 1, 'A', '2026-01-01', 'x', 'x');"
                                 "INSERT INTO sources (id, code, name) VALUES (50, 'test-source', 'S');"
                                 "INSERT INTO observations (id, learner_id, kind, observed_on, source_id, source_key, "
                                 "key_hash) VALUES (5, 1, 'exam', '2026-02-01', 50, 'k', 1);"
                                 "INSERT INTO rule_sets (id, version, content, reason, created_at) "
                                 "VALUES (1, 1, '{}', 'r', 'x');"
                                 "INSERT INTO flags (id, learner_id, rule_code, rule_set_id, severity, explanation, "
                                 "state, state_reason, as_of, raised_at, updated_at) VALUES (9, 1, 'low_exam', 1, 2, "
                                 "'Why', 'dismissed', 'Known', 'latest', 'x', 'y');"
                                 "INSERT INTO flag_evidence (flag_id, observation_id) VALUES (9, 5);"
                                 "INSERT INTO flag_events (id, flag_id, kind, at, note) VALUES (3, 9, 'raised', 'x', "
                                 "NULL), (4, 9, 'dismissed', 'y', 'Known');"
                                 "INSERT INTO goal_plans (id, learner_id, title, created_at, updated_at) "
                                 "VALUES (1, 1, 'Plan', 'x', 'x');"
                                 "INSERT INTO goals (id, plan_id, statement, from_flag_id) VALUES (2, 1, 'G', 9);")
                        .ok());
        }
        auto store = Store::open(path);
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
        Database &db = store->database();
        QVERIFY(*db.pragmaInt("user_version") >= 5);
        // Rebuilding the tables cascaded nothing: the flag keeps its state, evidence, events
        // and the goal it prompted; foreign keys are on again and every reference holds.
        QCOMPARE(scalar(db, "SELECT count(*) FROM flags WHERE id = 9 AND state = 'dismissed' AND state_reason = 'Known' "
                            "AND severity = 2 AND explanation = 'Why'"),
                 1);
        QCOMPARE(scalar(db, "SELECT count(*) FROM flag_evidence WHERE flag_id = 9 AND observation_id = 5"), 1);
        QCOMPARE(scalar(db, "SELECT count(*) FROM flag_events WHERE flag_id = 9 AND ((id = 3 AND kind = 'raised') "
                            "OR (id = 4 AND kind = 'dismissed' AND note = 'Known'))"),
                 2);
        QCOMPARE(scalar(db, "SELECT from_flag_id FROM goals WHERE id = 2"), 9);
        QCOMPARE(scalar(db, "PRAGMA foreign_keys"), 1);
        QCOMPARE(scalar(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
        QCOMPARE(scalar(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('flags_learner', 'flag_events_flag')"), 2);
        // The checks still refuse what they refused, and cascades still work.
        QVERIFY(!db.execute("UPDATE flags SET state = 'closed' WHERE id = 9;").ok());
        QVERIFY(!db.execute("INSERT INTO flag_events (flag_id, kind, at) VALUES (9, 'nonsense', 'z');").ok());
        QVERIFY(!db.execute("INSERT INTO flag_events (flag_id, kind, at) VALUES (77, 'raised', 'z');").ok());
        QVERIFY(db.execute("DELETE FROM flags WHERE id = 9;").ok());
        QCOMPARE(scalar(db, "SELECT count(*) FROM flag_events"), 0);
        QCOMPARE(scalar(db, "SELECT count(*) FROM flag_evidence"), 0);
        QCOMPARE(scalar(db, "SELECT count(*) FROM goals WHERE id = 2 AND from_flag_id IS NULL"), 1);
    }

    void failedMigration_leavesPreviousVersion()
    {
        const QString v1 = m_dir.filePath(QStringLiteral("fail-v1"));
        const QString v2 = m_dir.filePath(QStringLiteral("fail-v2"));
        QVERIFY(QDir().mkpath(v1) && QDir().mkpath(v2));
        const QString first = QStringLiteral(":/pme/migrations/0001_initial.sql");
        QVERIFY(QFile::copy(first, v1 + QStringLiteral("/0001_initial.sql")));
        QVERIFY(QFile::copy(first, v2 + QStringLiteral("/0001_initial.sql")));
        writeFile(v2 + QStringLiteral("/0002_broken.sql"),
                  "CREATE TABLE half_done (id INTEGER); INSERT INTO no_such_table VALUES (1);");
        const QString path = m_dir.filePath(QStringLiteral("fail.sqlite"));
        Store::Options options;
        options.migrationsPath = v1;
        QVERIFY(Store::open(path, options).ok());
        options.migrationsPath = v2;
        auto store = Store::open(path, options);
        QVERIFY(!store.ok());
        options.migrationsPath = v1;
        auto again = Store::open(path, options);
        QVERIFY(again.ok());
        QCOMPARE(*again->database().pragmaInt("user_version"), 1);
        QCOMPARE(scalar(again->database(), "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'"), 0);
    }

    void migrationLeavingDanglingReferences_isRolledBack()
    {
        // Foreign keys are off while a migration runs; one that leaves a row pointing nowhere
        // is refused before it commits, and the store keeps its version and its rows.
        const QString v1 = m_dir.filePath(QStringLiteral("dangling-v1"));
        const QString v2 = m_dir.filePath(QStringLiteral("dangling-v2"));
        QVERIFY(QDir().mkpath(v1) && QDir().mkpath(v2));
        const QString first = QStringLiteral(":/pme/migrations/0001_initial.sql");
        QVERIFY(QFile::copy(first, v1 + QStringLiteral("/0001_initial.sql")));
        QVERIFY(QFile::copy(first, v2 + QStringLiteral("/0001_initial.sql")));
        writeFile(v2 + QStringLiteral("/0002_dangling.sql"),
                  "INSERT INTO learners (program_id, display_name, start_date, created_at, updated_at) "
                  "VALUES (999, 'Nobody', '2026-01-01', 'x', 'x');");
        const QString path = m_dir.filePath(QStringLiteral("dangling.sqlite"));
        Store::Options options;
        options.migrationsPath = v1;
        QVERIFY(Store::open(path, options).ok());
        options.migrationsPath = v2;
        auto store = Store::open(path, options);
        QVERIFY(!store.ok());
        QVERIFY2(store.error().message.contains(QStringLiteral("references")), qPrintable(store.error().message));
        options.migrationsPath = v1;
        auto again = Store::open(path, options);
        QVERIFY(again.ok());
        QCOMPARE(*again->database().pragmaInt("user_version"), 1);
        QCOMPARE(scalar(again->database(), "SELECT count(*) FROM learners"), 0);
        QCOMPARE(scalar(again->database(), "PRAGMA foreign_keys"), 1);
    }

private:
    // A folder with this build's first migrations only, to make a store at an older schema.
    QString migrationsUpTo(const char *name, std::initializer_list<const char *> files)
    {
        const QString dir = m_dir.filePath(QLatin1String(name));
        if (!QDir().mkpath(dir))
            return {};
        for (const char *file : files) {
            if (!QFile::copy(QStringLiteral(":/pme/migrations/") + QLatin1String(file),
                             dir + QLatin1Char('/') + QLatin1String(file)))
                return {};
        }
        return dir;
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
