// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/Dates.h"
#include "governance/ActingUser.h"
#include "governance/AuditKey.h"
#include "governance/AuditLog.h"
#include "store/Statement.h"
#include "store/Store.h"
#include "store/Transaction.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace pme::core;

Q_DECLARE_METATYPE(AuditProblem::Kind)
Q_DECLARE_METATYPE(AuditFilter)

namespace {

AuditKey newKey()
{
    auto key = AuditKey::generate();
    if (!key)
        qFatal("no key");
    return *key;
}

QByteArray lastHash(Database &db)
{
    Statement st(db, "SELECT hash FROM audit_entries ORDER BY id DESC LIMIT 1");
    return *st.step() ? st.columnBlob(0) : QByteArray();
}

void dropTriggers(Database &db)
{
    QVERIFY(db.execute("DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete;"));
}

// Inserts a row the way someone with sqlite3 on the command line would: any values, a seal
// computed with a key of their own.
void insertForged(Database &db, qint64 id, const QByteArray &prevHash, const AuditKey &forgerKey)
{
    AuditEntry e;
    e.id = id;
    e.at = QStringLiteral("2026-01-01T00:00:00.000Z");
    e.userId = 1;
    e.username = QStringLiteral("admin");
    e.action = QStringLiteral("login");
    e.prevHash = prevHash;
    e.hash = AuditLog::seal(forgerKey, e);
    Statement st(db,
                 "INSERT INTO audit_entries (id, at, user_id, username, action, prev_hash, hash) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, e.id);
    st.bind(2, e.at);
    st.bind(3, *e.userId);
    st.bind(4, e.username);
    st.bind(5, e.action);
    st.bindBlob(6, e.prevHash.constData(), int(e.prevHash.size()));
    st.bindBlob(7, e.hash.constData(), int(e.hash.size()));
    QVERIFY(st.exec());
}

} // namespace

/// The hash chain: appending, the triggers, tampering detection, the key file, the view.
class TestAuditLog : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void append_chainsEntries();
    void append_rollsBackWithCallersTransaction();
    void triggers_refuseUpdateAndDelete();
    void seal_coversEveryField_data();
    void seal_coversEveryField();
    void tampering_detected_data();
    void tampering_detected();
    void wrongKey_failsFromFirstEntry();
    void anchor_detectsTruncatedTail();
    void query_accessChecked();
    void query_filters_data();
    void query_filters();
    void keyFile_createdOwnerOnlyAndReused();
    void keyFile_missingForExistingChain_refused();

private:
    void appendFive();

    std::optional<Store> m_store;
    AuditKey m_key;
    std::optional<AuditLog> m_log;
    ActingUser m_admin;
};

void TestAuditLog::init()
{
    auto store = Store::openInMemory();
    QVERIFY(store);
    m_store.emplace(std::move(store).value());
    m_key = newKey();
    m_log.emplace(m_key);
    m_admin = ActingUser(1, QStringLiteral("admin"), QStringLiteral("Admin"), {{Role::Admin, std::nullopt}});
}

void TestAuditLog::cleanup()
{
    m_log.reset();
    m_store.reset();
}

void TestAuditLog::appendFive()
{
    Database &db = m_store->database();
    for (int i = 1; i <= 5; ++i) {
        auto id = m_log->append(db, m_admin, QStringLiteral("profile_viewed"), QStringLiteral("learner"), i, i,
                                QStringLiteral("{\"n\":%1}").arg(i));
        QVERIFY(id);
        QCOMPARE(*id, qint64(i));
    }
}

void TestAuditLog::append_chainsEntries()
{
    appendFive();
    Database &db = m_store->database();
    Statement st(db, "SELECT id, prev_hash, hash FROM audit_entries ORDER BY id");
    QByteArray previous;
    while (*st.step()) {
        QCOMPARE(st.columnBlob(1), previous);
        QCOMPARE(st.columnBlob(2).size(), 32);
        previous = st.columnBlob(2);
    }
    auto report = m_log->verify(db);
    QVERIFY(report);
    QVERIFY(report->isIntact());
    QCOMPARE(report->entryCount, 5);
    QCOMPARE(report->lastId, 5);
    QCOMPARE(report->lastHash, previous);
}

void TestAuditLog::append_rollsBackWithCallersTransaction()
{
    Database &db = m_store->database();
    {
        Transaction tx(db);
        QVERIFY(tx.isActive());
        QVERIFY(m_log->append(db, m_admin, QStringLiteral("role_added")));
        // no commit: the change and its entry go together
    }
    auto report = m_log->verify(db);
    QCOMPARE(report->entryCount, 0);
    QCOMPARE(*m_log->append(db, m_admin, QStringLiteral("role_added")), 1);
    QVERIFY(m_log->verify(db)->isIntact());
}

void TestAuditLog::triggers_refuseUpdateAndDelete()
{
    appendFive();
    Database &db = m_store->database();
    auto update = db.execute("UPDATE audit_entries SET action = 'nothing' WHERE id = 2");
    QVERIFY(!update);
    QVERIFY(update.error().message.contains(QLatin1String("append-only")));
    auto remove = db.execute("DELETE FROM audit_entries WHERE id = 2");
    QVERIFY(!remove);
    QVERIFY(m_log->verify(db)->isIntact());
}

void TestAuditLog::seal_coversEveryField_data()
{
    QTest::addColumn<QString>("field");
    for (const char *f : {"id", "at", "userId", "username", "action", "entityKind", "entityId", "learnerId", "details",
                          "prevHash", "nullVsEmpty"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestAuditLog::seal_coversEveryField()
{
    QFETCH(QString, field);
    const AuditKey key = newKey();
    AuditEntry e;
    e.id = 7;
    e.at = QStringLiteral("2026-03-01T10:00:00.000Z");
    e.userId = 3;
    e.username = QStringLiteral("coach");
    e.action = QStringLiteral("profile_viewed");
    e.entityKind = QStringLiteral("learner");
    e.entityId = 11;
    e.learnerId = 11;
    e.details = QStringLiteral("{}");
    e.prevHash = QByteArray(32, 'p');
    const QByteArray original = AuditLog::seal(key, e);
    QCOMPARE(AuditLog::seal(key, e), original); // deterministic

    AuditEntry changed = e;
    if (field == QLatin1String("id"))
        changed.id = 8;
    else if (field == QLatin1String("at"))
        changed.at = QStringLiteral("2026-03-01T10:00:00.001Z");
    else if (field == QLatin1String("userId"))
        changed.userId = std::nullopt;
    else if (field == QLatin1String("username"))
        changed.username = QStringLiteral("coacH");
    else if (field == QLatin1String("action"))
        changed.action = QStringLiteral("profile_viewe");
    else if (field == QLatin1String("entityKind"))
        changed.entityKind = QStringLiteral("learnerx");
    else if (field == QLatin1String("entityId"))
        changed.entityId = 12;
    else if (field == QLatin1String("learnerId"))
        changed.learnerId = 12;
    else if (field == QLatin1String("details"))
        changed.details = QStringLiteral("{ }");
    else if (field == QLatin1String("prevHash"))
        changed.prevHash[0] = 'q';
    else if (field == QLatin1String("nullVsEmpty"))
        changed.details = QString();
    QVERIFY(AuditLog::seal(key, changed) != original);
    QVERIFY(AuditLog::seal(newKey(), e) != original);
}

void TestAuditLog::tampering_detected_data()
{
    QTest::addColumn<QString>("tamper");
    QTest::addColumn<AuditProblem::Kind>("kind");
    QTest::addColumn<qint64>("entryId");
    QTest::newRow("edited action") << QStringLiteral("edit-action") << AuditProblem::Kind::Altered << qint64(3);
    QTest::newRow("edited details") << QStringLiteral("edit-details") << AuditProblem::Kind::Altered << qint64(2);
    QTest::newRow("edited user") << QStringLiteral("edit-user") << AuditProblem::Kind::Altered << qint64(4);
    QTest::newRow("edited last entry") << QStringLiteral("edit-last") << AuditProblem::Kind::Forged << qint64(5);
    QTest::newRow("deleted middle entry") << QStringLiteral("delete-3") << AuditProblem::Kind::Missing << qint64(3);
    QTest::newRow("deleted first entry") << QStringLiteral("delete-1") << AuditProblem::Kind::Missing << qint64(1);
    QTest::newRow("deleted two entries") << QStringLiteral("delete-2-3") << AuditProblem::Kind::Missing << qint64(2);
    QTest::newRow("forged entry appended") << QStringLiteral("forge-append") << AuditProblem::Kind::Forged << qint64(6);
    QTest::newRow("forged entry after a gap")
        << QStringLiteral("forge-gap") << AuditProblem::Kind::Forged << qint64(100);
    QTest::newRow("entry replaced by a forgery")
        << QStringLiteral("forge-replace") << AuditProblem::Kind::Forged << qint64(3);
    QTest::newRow("deleted entry and renumbered the rest")
        << QStringLiteral("renumber") << AuditProblem::Kind::Altered << qint64(3);
    QTest::newRow("genuine entry spliced from another copy")
        << QStringLiteral("splice") << AuditProblem::Kind::Relinked << qint64(2);
}

void TestAuditLog::tampering_detected()
{
    QFETCH(QString, tamper);
    QFETCH(AuditProblem::Kind, kind);
    QFETCH(qint64, entryId);
    appendFive();
    Database &db = m_store->database();
    QVERIFY(m_log->verify(db)->isIntact());
    dropTriggers(db);
    const AuditKey forgerKey = newKey();

    if (tamper == QLatin1String("edit-action"))
        QVERIFY(db.execute("UPDATE audit_entries SET action = 'nothing_to_see' WHERE id = 3"));
    else if (tamper == QLatin1String("edit-details"))
        QVERIFY(db.execute("UPDATE audit_entries SET details = '{\"n\":99}' WHERE id = 2"));
    else if (tamper == QLatin1String("edit-user"))
        QVERIFY(db.execute("UPDATE audit_entries SET user_id = 42 WHERE id = 4"));
    else if (tamper == QLatin1String("edit-last"))
        QVERIFY(db.execute("UPDATE audit_entries SET learner_id = 42 WHERE id = 5"));
    else if (tamper == QLatin1String("delete-3"))
        QVERIFY(db.execute("DELETE FROM audit_entries WHERE id = 3"));
    else if (tamper == QLatin1String("delete-1"))
        QVERIFY(db.execute("DELETE FROM audit_entries WHERE id = 1"));
    else if (tamper == QLatin1String("delete-2-3"))
        QVERIFY(db.execute("DELETE FROM audit_entries WHERE id IN (2, 3)"));
    else if (tamper == QLatin1String("forge-append"))
        insertForged(db, 6, lastHash(db), forgerKey);
    else if (tamper == QLatin1String("forge-gap"))
        insertForged(db, 100, lastHash(db), forgerKey);
    else if (tamper == QLatin1String("forge-replace")) {
        Statement prev(db, "SELECT hash FROM audit_entries WHERE id = 2");
        QVERIFY(*prev.step());
        const QByteArray hash2 = prev.columnBlob(0);
        prev.reset();
        QVERIFY(db.execute("DELETE FROM audit_entries WHERE id = 3"));
        insertForged(db, 3, hash2, forgerKey);
    } else if (tamper == QLatin1String("renumber")) {
        QVERIFY(db.execute("DELETE FROM audit_entries WHERE id = 3; UPDATE audit_entries SET id = 3 WHERE id = 4; "
                           "UPDATE audit_entries SET id = 4 WHERE id = 5;"));
    } else if (tamper == QLatin1String("splice")) {
        // Sealed with the real key (as in a diverged copy of the store) but after another head.
        QVERIFY(db.execute("DELETE FROM audit_entries WHERE id = 2"));
        insertForged(db, 2, QByteArray(32, 'x'), m_key);
    }

    auto report = m_log->verify(db);
    QVERIFY(report);
    QVERIFY(!report->isIntact());
    const AuditProblem &first = report->problems.first();
    QCOMPARE(first.kind, kind);
    QCOMPARE(first.entryId, entryId);
    QVERIFY2(first.message.contains(QString::number(entryId)), qPrintable(first.message));
}

void TestAuditLog::wrongKey_failsFromFirstEntry()
{
    appendFive();
    const AuditLog other(newKey());
    auto report = other.verify(m_store->database());
    QVERIFY(report);
    QCOMPARE(report->problems.size(), 5);
    QCOMPARE(report->problems.first().entryId, 1);
}

void TestAuditLog::anchor_detectsTruncatedTail()
{
    appendFive();
    Database &db = m_store->database();
    const auto before = m_log->verify(db);
    const AuditAnchor anchor{before->lastId, before->lastHash};
    QVERIFY(m_log->verify(db, anchor)->isIntact());

    dropTriggers(db);
    QVERIFY(db.execute("DELETE FROM audit_entries WHERE id >= 4"));
    QVERIFY(m_log->verify(db)->isIntact()); // the chain alone cannot tell
    auto report = m_log->verify(db, anchor);
    QVERIFY(!report->isIntact());
    QCOMPARE(report->problems.first().kind, AuditProblem::Kind::Missing);
    QCOMPARE(report->problems.first().entryId, 4);
}

void TestAuditLog::query_accessChecked()
{
    Database &db = m_store->database();
    const QString now = nowUtcIso();
    for (const char *code : {"IM", "SU"}) {
        Statement p(db, "INSERT INTO programs (code, name, created_at) VALUES (?, ?, ?)");
        p.bind(1, QString::fromLatin1(code));
        p.bind(2, QString::fromLatin1(code));
        p.bind(3, now);
        QVERIFY(p.exec());
    }
    for (qint64 program : {1, 2}) {
        Statement l(db,
                    "INSERT INTO learners (program_id, display_name, start_date, created_at, updated_at) "
                    "VALUES (?, 'L', '2024-07-01', ?, ?)");
        l.bind(1, program);
        l.bind(2, now);
        l.bind(3, now);
        QVERIFY(l.exec());
    }
    QVERIFY(m_log->append(db, m_admin, QStringLiteral("login")));
    QVERIFY(m_log->append(db, m_admin, QStringLiteral("profile_viewed"), QStringLiteral("learner"), 1, 1));
    QVERIFY(m_log->append(db, m_admin, QStringLiteral("profile_viewed"), QStringLiteral("learner"), 2, 2));

    auto all = m_log->query(db, m_admin, {});
    QVERIFY(all);
    QCOMPARE(all->size(), 3);
    QCOMPARE(all->first().id, 3); // newest first

    const ActingUser pdIm(2, QStringLiteral("pd"), QStringLiteral("PD"), {{Role::ProgramDirector, 1}});
    auto scoped = m_log->query(db, pdIm, {});
    QVERIFY(scoped);
    QCOMPARE(scoped->size(), 1);
    QCOMPARE(scoped->first().learnerId, std::optional<qint64>(1));

    const ActingUser ccc(3, QStringLiteral("ccc"), QStringLiteral("CCC"), {{Role::CccMember, std::nullopt}});
    auto denied = m_log->query(db, ccc, {});
    QVERIFY(!denied);
    QCOMPARE(denied.error().kind, ErrorKind::Denied);
    QVERIFY(!m_log->query(db, ActingUser(), {}));
}

void TestAuditLog::query_filters_data()
{
    QTest::addColumn<AuditFilter>("filter");
    QTest::addColumn<QList<qint64>>("ids");
    AuditFilter f;
    QTest::newRow("everything") << f << QList<qint64>{5, 4, 3, 2, 1};
    f = {};
    f.userId = 7;
    QTest::newRow("by user") << f << QList<qint64>{4, 2};
    f = {};
    f.learnerId = 20;
    QTest::newRow("by learner") << f << QList<qint64>{5, 3};
    f = {};
    f.action = QStringLiteral("login");
    QTest::newRow("by action") << f << QList<qint64>{4, 1};
    f = {};
    f.from = QDate(2026, 2, 1);
    f.to = QDate(2026, 2, 28);
    QTest::newRow("by date range, inclusive") << f << QList<qint64>{4, 3, 2};
    f = {};
    f.from = QDate(2026, 3, 1);
    QTest::newRow("from a date") << f << QList<qint64>{5};
    f = {};
    f.userId = 7;
    f.action = QStringLiteral("login");
    QTest::newRow("user and action") << f << QList<qint64>{4};
    f = {};
    f.beforeId = 4;
    f.limit = 2;
    QTest::newRow("page") << f << QList<qint64>{3, 2};
}

void TestAuditLog::query_filters()
{
    QFETCH(AuditFilter, filter);
    QFETCH(QList<qint64>, ids);
    Database &db = m_store->database();
    struct Row {
        const char *at;
        qint64 user;
        const char *action;
        std::optional<qint64> learner;
    };
    const Row rows[] = {
        {"2026-01-31T23:59:59.999Z", 1, "login", std::nullopt},
        {"2026-02-01T00:00:00.000Z", 7, "profile_viewed", 10},
        {"2026-02-14T12:00:00.000Z", 1, "profile_viewed", 20},
        {"2026-02-28T23:59:59.999Z", 7, "login", std::nullopt},
        {"2026-03-01T00:00:00.000Z", 1, "flag_acknowledged", 20},
    };
    for (const Row &r : rows) {
        AuditEntry e;
        e.at = QString::fromLatin1(r.at);
        e.userId = r.user;
        e.username = QStringLiteral("u%1").arg(r.user);
        e.action = QString::fromLatin1(r.action);
        e.learnerId = r.learner;
        QVERIFY(m_log->append(db, e));
    }
    auto entries = m_log->query(db, m_admin, filter);
    QVERIFY(entries);
    QList<qint64> got;
    for (const AuditEntry &e : *entries)
        got << e.id;
    QCOMPARE(got, ids);
}

void TestAuditLog::keyFile_createdOwnerOnlyAndReused()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString keyDir = dir.filePath(QStringLiteral("keys"));
    const QString dbPath = dir.filePath(QStringLiteral("pme.sqlite"));
    QByteArray keyBytes;
    {
        auto store = Store::open(dbPath);
        QVERIFY(store);
        auto key = AuditKey::forStore(store->database(), keyDir);
        QVERIFY2(key, qPrintable(key ? QString() : key.error().message));
        keyBytes = key->bytes();
        auto storeId = AuditKey::storeId(store->database());
        QVERIFY(storeId);
        QCOMPARE(storeId->size(), 32);
        const QString keyPath = keyDir + QLatin1Char('/') + *storeId + QStringLiteral(".key");
        QVERIFY(QFile::exists(keyPath));
        QCOMPARE(QFile::permissions(keyPath) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);

        const AuditLog log(*key);
        QVERIFY(log.append(store->database(), m_admin, QStringLiteral("login")));
        auto again = AuditKey::forStore(store->database(), keyDir);
        QVERIFY(again);
        QCOMPARE(again->bytes(), keyBytes);
        QVERIFY(AuditLog(*again).verify(store->database())->isIntact());
    }
    // The key is not in the database, neither raw nor as hex.
    QByteArray bytes;
    for (const QString &path : QStringList{dbPath, dbPath + QStringLiteral("-wal")}) {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            bytes += f.readAll();
    }
    QVERIFY(bytes.contains("audit_entries")); // the search itself works
    QVERIFY(!bytes.contains(keyBytes));
    QVERIFY(!bytes.contains(keyBytes.toHex()));
}

void TestAuditLog::keyFile_missingForExistingChain_refused()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString keyDir = dir.filePath(QStringLiteral("keys"));
    auto store = Store::open(dir.filePath(QStringLiteral("pme.sqlite")));
    QVERIFY(store);
    auto key = AuditKey::forStore(store->database(), keyDir);
    QVERIFY(key);
    QVERIFY(AuditLog(*key).append(store->database(), m_admin, QStringLiteral("login")));
    QVERIFY(QDir(keyDir).removeRecursively());

    auto missing = AuditKey::forStore(store->database(), keyDir);
    QVERIFY(!missing);
    QCOMPARE(missing.error().kind, ErrorKind::Refused);
    QVERIFY(!QDir(keyDir).exists()); // no fresh key that would orphan the chain

    QFile bogus(dir.filePath(QStringLiteral("bogus.key")));
    QVERIFY(bogus.open(QIODevice::WriteOnly));
    bogus.write("not a key\n");
    bogus.close();
    QCOMPARE(AuditKey::load(bogus.fileName()).error().kind, ErrorKind::Refused);
}

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
