// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/Dates.h"
#include "governance/AccountService.h"
#include "governance/AuditKey.h"
#include "governance/AuditLog.h"
#include "governance/PasswordHasher.h"
#include "store/Statement.h"
#include "store/Store.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>

using namespace pme::core;
using namespace std::chrono_literals;

namespace {

// Cheap limits keep the suite fast (tst_passwordhasher checks the recommended ones).
const PasswordHasher::Limits kFast{1, 1024 * 1024};
const PasswordHasher::Limits kStronger{2, 2 * 1024 * 1024};

const QString kAdminPassword = QStringLiteral("Correct-Horse-7391-battery");
const QString kCoachPassword = QStringLiteral("Tr0ub4dor&3-staple-Q");
const QString kWrongPassword = QStringLiteral("Wrong-Guess-5521-zebra");

AuditKey newKey()
{
    auto key = AuditKey::generate();
    if (!key)
        qFatal("no key");
    return *key;
}

NewAccount account(const char *username, QList<RoleGrant> roles = {})
{
    NewAccount a;
    a.username = QString::fromLatin1(username);
    a.displayName = a.username.toUpper();
    a.roles = std::move(roles);
    return a;
}

struct AuditRow {
    std::optional<qint64> userId;
    QString username;
    QString action;
    QJsonObject details;
};

QList<AuditRow> auditRows(Database &db)
{
    QList<AuditRow> rows;
    Statement st(db, "SELECT user_id, username, action, details FROM audit_entries ORDER BY id");
    while (*st.step())
        rows.append({st.columnOptionalInt64(0), st.columnText(1), st.columnText(2),
                     QJsonDocument::fromJson(st.columnText(3).toUtf8()).object()});
    return rows;
}

QString storedHash(Database &db, qint64 userId)
{
    Statement st(db, "SELECT password_hash FROM users WHERE id = ?");
    st.bind(1, userId);
    return *st.step() ? st.columnText(0) : QString();
}

qint64 addLearner(Database &db, qint64 programId)
{
    const QString now = nowUtcIso();
    Statement st(db,
                 "INSERT INTO learners (program_id, display_name, start_date, created_at, updated_at) "
                 "VALUES (?, 'Ana', '2024-07-01', ?, ?)");
    st.bind(1, programId);
    st.bind(2, now);
    st.bind(3, now);
    if (!st.exec())
        qFatal("learner");
    return db.lastInsertRowId();
}

qint64 addProgram(Database &db)
{
    Statement st(db, "INSERT INTO programs (code, name, created_at) VALUES ('IM', 'Internal medicine', ?)");
    st.bind(1, nowUtcIso());
    if (!st.exec())
        qFatal("program");
    return db.lastInsertRowId();
}

} // namespace

/// Password hashing, accounts, sign-in with lockout and its audit, and no clear passwords.
class TestAccounts : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void firstAdministrator_onlyOnce();
    void createUser_validatesInput_data();
    void createUser_validatesInput();
    void management_deniedToNonAdministrators();
    void lastAdministrator_cannotBeRemoved();
    void rolesAssignmentsAndLinks_areAudited();
    void listUsers_showsAccounts();

    void login_succeeds_andIsAudited();
    void login_wrongPassword_countsAndIsAudited();
    void login_unknownUser_sameMessageAndNameNotRecorded();
    void login_rehashesWhenLimitsChanged();
    void lockoutAfter_data();
    void lockoutAfter();
    void login_backsOffAfterFailures();
    void login_deactivatedAccount_refused();
    void verifyPassword_forLockScreen();
    void changeOwnPassword_needsCurrentPassword();
    void setPassword_clearsLockout();

    void passwords_neverStoredInClear();

private:
    AccountService &service() { return *m_service; }
    ActingUser makeAdmin();
    qint64 makeCoach(const ActingUser &admin);
    void advance(std::chrono::seconds by) { m_now = m_now.addSecs(by.count()); }

    std::optional<Store> m_store;
    std::optional<AuditLog> m_audit;
    std::optional<AccountService> m_service;
    QDateTime m_now;
};

void TestAccounts::init()
{
    auto store = Store::openInMemory();
    QVERIFY(store);
    m_store.emplace(std::move(store).value());
    m_audit.emplace(newKey());
    m_service.emplace(m_store->database(), *m_audit, PasswordHasher(kFast));
    m_now = QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
    m_service->setClock([this] { return m_now; });
}

void TestAccounts::cleanup()
{
    m_service.reset();
    m_audit.reset();
    m_store.reset();
}

ActingUser TestAccounts::makeAdmin()
{
    auto admin = service().createFirstAdministrator(account("admin"), kAdminPassword);
    if (!admin)
        qFatal("%s", qPrintable(admin.error().message));
    return *admin;
}

qint64 TestAccounts::makeCoach(const ActingUser &admin)
{
    auto id = service().createUser(admin, account("coach", {{Role::Coach, std::nullopt}}), kCoachPassword);
    if (!id)
        qFatal("%s", qPrintable(id.error().message));
    return *id;
}

void TestAccounts::firstAdministrator_onlyOnce()
{
    QCOMPARE(*service().needsFirstAdministrator(), true);
    const ActingUser admin = makeAdmin();
    QVERIFY(admin.isValid());
    QVERIFY(admin.hasGlobalRole(Role::Admin));
    QCOMPARE(admin.displayName(), QStringLiteral("ADMIN"));
    QCOMPARE(*service().needsFirstAdministrator(), false);

    auto second = service().createFirstAdministrator(account("mallory"), kCoachPassword);
    QVERIFY(!second);
    QCOMPARE(second.error().kind, ErrorKind::Conflict);

    const auto rows = auditRows(m_store->database());
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().action, QStringLiteral("user_created"));
    QCOMPARE(rows.first().userId, std::optional<qint64>(admin.id()));
    QCOMPARE(rows.first().details.value(QStringLiteral("first_administrator")).toBool(), true);
}

void TestAccounts::createUser_validatesInput_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("kind");
    QTest::newRow("short password") << QStringLiteral("coach") << QStringLiteral("short") << int(ErrorKind::BadInput);
    QTest::newRow("password is the user name")
        << QStringLiteral("coach.longname") << QStringLiteral("Coach.LongName") << int(ErrorKind::BadInput);
    QTest::newRow("space in user name") << QStringLiteral("co ach") << kCoachPassword << int(ErrorKind::BadInput);
    QTest::newRow("empty user name") << QString() << kCoachPassword << int(ErrorKind::BadInput);
    QTest::newRow("taken, other case") << QStringLiteral("ADMIN") << kCoachPassword << int(ErrorKind::Conflict);
}

void TestAccounts::createUser_validatesInput()
{
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(int, kind);
    const ActingUser admin = makeAdmin();
    NewAccount a;
    a.username = username;
    auto r = service().createUser(admin, a, password);
    QVERIFY(!r);
    QCOMPARE(int(r.error().kind), kind);
    QVERIFY(!r.error().message.isEmpty());
}

void TestAccounts::management_deniedToNonAdministrators()
{
    const ActingUser admin = makeAdmin();
    const qint64 coachId = makeCoach(admin);
    auto coach = service().login(QStringLiteral("coach"), kCoachPassword);
    QVERIFY(coach);
    QCOMPARE(service().createUser(*coach, account("x1"), kCoachPassword).error().kind, ErrorKind::Denied);
    QCOMPARE(service().addRole(*coach, coachId, {Role::Admin, std::nullopt}).error().kind, ErrorKind::Denied);
    QCOMPARE(service().setPassword(*coach, admin.id(), kWrongPassword).error().kind, ErrorKind::Denied);
    QCOMPARE(service().listUsers(*coach).error().kind, ErrorKind::Denied);
    QCOMPARE(service().listUsers(ActingUser()).error().kind, ErrorKind::Denied);

    // A stale snapshot does not keep powers the store has taken away.
    const qint64 second
        = *service().createUser(admin, account("admin2", {{Role::Admin, std::nullopt}}), kCoachPassword);
    auto admin2 = ActingUser::load(m_store->database(), second);
    QVERIFY(service().removeRole(admin, second, {Role::Admin, std::nullopt}));
    QVERIFY(admin2->hasRole(Role::Admin));
    QCOMPARE(service().listUsers(*admin2).error().kind, ErrorKind::Denied);
}

void TestAccounts::lastAdministrator_cannotBeRemoved()
{
    const ActingUser admin = makeAdmin();
    auto removed = service().removeRole(admin, admin.id(), {Role::Admin, std::nullopt});
    QVERIFY(!removed);
    QCOMPARE(removed.error().kind, ErrorKind::Conflict);
    auto deactivated = service().setActive(admin, admin.id(), false);
    QVERIFY(!deactivated);
    QCOMPARE(deactivated.error().kind, ErrorKind::Conflict);
    QVERIFY(ActingUser::load(m_store->database(), admin.id())->hasGlobalRole(Role::Admin));
    QCOMPARE(*service().needsFirstAdministrator(), false);
}

void TestAccounts::rolesAssignmentsAndLinks_areAudited()
{
    Database &db = m_store->database();
    const ActingUser admin = makeAdmin();
    const qint64 program = addProgram(db);
    const qint64 learner = addLearner(db, program);
    const qint64 coachId = makeCoach(admin);
    const qint64 anaId = *service().createUser(admin, account("ana"), kCoachPassword);

    QVERIFY(service().addRole(admin, coachId, {Role::CccMember, program}));
    QVERIFY(service().addRole(admin, coachId, {Role::CccMember, program})); // idempotent, not audited twice
    QCOMPARE(service().addRole(admin, coachId, {Role::CccMember, 999}).error().kind, ErrorKind::NotFound);
    QVERIFY(service().removeRole(admin, coachId, {Role::CccMember, program}));
    QCOMPARE(service().removeRole(admin, coachId, {Role::CccMember, program}).error().kind, ErrorKind::NotFound);

    auto assignment = service().assignCoach(admin, coachId, learner);
    QVERIFY(assignment);
    QCOMPARE(*service().assignCoach(admin, coachId, learner), *assignment); // already assigned
    QCOMPARE(service().assignCoach(admin, anaId, learner).error().kind, ErrorKind::BadInput); // not a coach
    QVERIFY(service().linkLearner(admin, anaId, learner));
    QCOMPARE(service().linkLearner(admin, coachId, learner).error().kind, ErrorKind::Conflict);
    auto ana = ActingUser::load(db, anaId);
    QCOMPARE(ana->learnerId(), std::optional<qint64>(learner));
    QVERIFY(ana->hasRole(Role::Learner, program));
    QVERIFY(service().endCoachAssignment(admin, coachId, learner));
    QCOMPARE(service().endCoachAssignment(admin, coachId, learner).error().kind, ErrorKind::NotFound);

    QStringList actions;
    for (const AuditRow &row : auditRows(db))
        actions << row.action;
    QCOMPARE(
        actions,
        (QStringList{QStringLiteral("user_created"), QStringLiteral("user_created"), QStringLiteral("user_created"),
                     QStringLiteral("role_added"), QStringLiteral("role_removed"), QStringLiteral("coach_assigned"),
                     QStringLiteral("learner_linked"), QStringLiteral("coach_unassigned")}));
    QVERIFY(m_audit->verify(db)->isIntact());
}

void TestAccounts::listUsers_showsAccounts()
{
    const ActingUser admin = makeAdmin();
    makeCoach(admin);
    NewAccount demo = account("demo.learner");
    demo.demo = true;
    QVERIFY(service().createUser(admin, demo, kCoachPassword));
    auto users = service().listUsers(admin);
    QVERIFY(users);
    QCOMPARE(users->size(), 3);
    QCOMPARE(users->at(0).username, QStringLiteral("admin"));
    QCOMPARE(users->at(0).roles, (QList<RoleGrant>{{Role::Admin, std::nullopt}}));
    QCOMPARE(users->at(1).username, QStringLiteral("coach"));
    QCOMPARE(users->at(2).demo, true);
}

void TestAccounts::login_succeeds_andIsAudited()
{
    const ActingUser admin = makeAdmin();
    const qint64 coachId = makeCoach(admin);
    auto coach = service().login(QStringLiteral("  Coach "), kCoachPassword); // trimmed, any case
    QVERIFY2(coach, qPrintable(coach ? QString() : coach.error().message));
    QCOMPARE(coach->id(), coachId);
    QCOMPARE(coach->username(), QStringLiteral("coach"));
    QVERIFY(coach->hasRole(Role::Coach));
    QVERIFY(!coach->isDemo());

    const AuditRow last = auditRows(m_store->database()).last();
    QCOMPARE(last.action, QStringLiteral("login"));
    QCOMPARE(last.userId, std::optional<qint64>(coachId));
    QCOMPARE(last.username, QStringLiteral("coach"));
    auto users = service().listUsers(admin);
    QCOMPARE(users->at(1).lastLoginAt, QStringLiteral("2026-03-02T09:00:00.000Z"));
}

void TestAccounts::login_wrongPassword_countsAndIsAudited()
{
    const ActingUser admin = makeAdmin();
    const qint64 coachId = makeCoach(admin);
    auto r = service().login(QStringLiteral("coach"), kWrongPassword);
    QVERIFY(!r);
    QCOMPARE(r.error().kind, ErrorKind::Denied);
    QCOMPARE(r.error().message, QStringLiteral("The user name or password is incorrect."));
    const AuditRow last = auditRows(m_store->database()).last();
    QCOMPARE(last.action, QStringLiteral("login_failed"));
    QCOMPARE(last.userId, std::optional<qint64>(coachId));
    QCOMPARE(last.details.value(QStringLiteral("reason")).toString(), QStringLiteral("wrong_password"));
    QCOMPARE(last.details.value(QStringLiteral("failures")).toInt(), 1);
    QCOMPARE(service().listUsers(admin)->at(1).failedLogins, 1);

    QVERIFY(service().login(QStringLiteral("coach"), kCoachPassword));
    QCOMPARE(service().listUsers(admin)->at(1).failedLogins, 0);
}

void TestAccounts::login_unknownUser_sameMessageAndNameNotRecorded()
{
    makeAdmin();
    // A password typed into the user name field must not end up in the audit log.
    auto r = service().login(kCoachPassword, kWrongPassword);
    QVERIFY(!r);
    QCOMPARE(r.error().kind, ErrorKind::Denied);
    QCOMPARE(r.error().message, QStringLiteral("The user name or password is incorrect."));
    const AuditRow last = auditRows(m_store->database()).last();
    QCOMPARE(last.action, QStringLiteral("login_failed"));
    QCOMPARE(last.userId, std::nullopt);
    QVERIFY(last.username.isEmpty());
    QCOMPARE(last.details.value(QStringLiteral("reason")).toString(), QStringLiteral("unknown_user"));
    Statement st(m_store->database(),
                 "SELECT count(*) FROM audit_entries WHERE instr(coalesce(details, '') || "
                 "coalesce(username, ''), ?) > 0");
    st.bind(1, kCoachPassword);
    QVERIFY(*st.step());
    QCOMPARE(st.columnInt64(0), 0);
}

void TestAccounts::login_rehashesWhenLimitsChanged()
{
    Database &db = m_store->database();
    const ActingUser admin = makeAdmin();
    const qint64 coachId = makeCoach(admin);
    const QString before = storedHash(db, coachId);
    QVERIFY(before.contains(QLatin1String("m=1024,t=1")));

    // The same store, opened by a build with stronger limits.
    AccountService stronger(db, *m_audit, PasswordHasher(kStronger));
    QVERIFY(!stronger.login(QStringLiteral("coach"), kWrongPassword));
    QCOMPARE(storedHash(db, coachId), before); // a failed sign-in never rehashes
    QVERIFY(stronger.login(QStringLiteral("coach"), kCoachPassword));
    const QString after = storedHash(db, coachId);
    QVERIFY2(after.contains(QLatin1String("m=2048,t=2")), qPrintable(after));
    QVERIFY(PasswordHasher(kStronger).verify(after, kCoachPassword));
    QCOMPARE(auditRows(db).last().details.value(QStringLiteral("password_rehashed")).toBool(), true);

    QVERIFY(stronger.login(QStringLiteral("coach"), kCoachPassword));
    QCOMPARE(storedHash(db, coachId), after); // no needless rehash
}

void TestAccounts::lockoutAfter_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<qint64>("seconds");
    QTest::newRow("1") << 1 << qint64(0);
    QTest::newRow("2") << 2 << qint64(0);
    QTest::newRow("3") << 3 << qint64(30);
    QTest::newRow("4") << 4 << qint64(60);
    QTest::newRow("5") << 5 << qint64(120);
    QTest::newRow("9") << 9 << qint64(1920);
    QTest::newRow("10 (capped)") << 10 << qint64(3600);
    QTest::newRow("1000 (capped)") << 1000 << qint64(3600);
}

void TestAccounts::lockoutAfter()
{
    QFETCH(int, failures);
    QFETCH(qint64, seconds);
    QCOMPARE(qint64(Authenticator::lockoutAfter(failures).count()), seconds);
}

void TestAccounts::login_backsOffAfterFailures()
{
    const ActingUser admin = makeAdmin();
    makeCoach(admin);
    const QString coach = QStringLiteral("coach");
    QVERIFY(!service().login(coach, kWrongPassword));
    QVERIFY(!service().login(coach, kWrongPassword));
    auto third = service().login(coach, kWrongPassword);
    QVERIFY(third.error().message.contains(QLatin1String("in 30 second")));

    // Locked: even the right password is refused, and the wait is reported.
    advance(10s);
    auto locked = service().login(coach, kCoachPassword);
    QVERIFY(!locked);
    QCOMPARE(locked.error().kind, ErrorKind::Denied);
    QVERIFY2(locked.error().message.contains(QLatin1String("in 20 second")), qPrintable(locked.error().message));
    QCOMPARE(auditRows(m_store->database()).last().details.value(QStringLiteral("reason")).toString(),
             QStringLiteral("locked"));

    // After the wait, a fourth failure doubles the lockout.
    advance(21s);
    auto fourth = service().login(coach, kWrongPassword);
    QVERIFY2(fourth.error().message.contains(QLatin1String("in 60 second")), qPrintable(fourth.error().message));
    QCOMPARE(auditRows(m_store->database()).last().details.value(QStringLiteral("locked_until")).toString(),
             QStringLiteral("2026-03-02T09:01:31.000Z"));
    advance(61s);
    QVERIFY(!service().login(coach, kWrongPassword)); // fifth: 2 minutes
    advance(121s);
    auto sixth = service().login(coach, kWrongPassword); // sixth: 4 minutes
    QVERIFY2(sixth.error().message.contains(QLatin1String("in 4 minute")), qPrintable(sixth.error().message));

    advance(241s);
    QVERIFY(service().login(coach, kCoachPassword));
    QCOMPARE(service().listUsers(admin)->at(1).failedLogins, 0);
    QVERIFY(service().listUsers(admin)->at(1).lockedUntil.isEmpty());
}

void TestAccounts::login_deactivatedAccount_refused()
{
    const ActingUser admin = makeAdmin();
    const qint64 coachId = makeCoach(admin);
    QVERIFY(service().setActive(admin, coachId, false));
    auto r = service().login(QStringLiteral("coach"), kCoachPassword);
    QVERIFY(!r);
    QCOMPARE(r.error().kind, ErrorKind::Denied);
    QVERIFY(r.error().message.contains(QLatin1String("deactivated")));
    QCOMPARE(auditRows(m_store->database()).last().details.value(QStringLiteral("reason")).toString(),
             QStringLiteral("deactivated"));
    QVERIFY(service().setActive(admin, coachId, true));
    QVERIFY(service().login(QStringLiteral("coach"), kCoachPassword));
}

void TestAccounts::verifyPassword_forLockScreen()
{
    const ActingUser admin = makeAdmin();
    QVERIFY(service().verifyPassword(admin.id(), kAdminPassword));
    QCOMPARE(auditRows(m_store->database()).last().action, QStringLiteral("unlock"));
    auto wrong = service().verifyPassword(admin.id(), kWrongPassword);
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().kind, ErrorKind::Denied);
    QCOMPARE(auditRows(m_store->database()).last().action, QStringLiteral("unlock_failed"));
    QCOMPARE(service().verifyPassword(999, kAdminPassword).error().kind, ErrorKind::NotFound);
}

void TestAccounts::changeOwnPassword_needsCurrentPassword()
{
    const ActingUser admin = makeAdmin();
    const QString next = QStringLiteral("A-new-and-longer-pass-88");
    auto wrong = service().changeOwnPassword(admin, kWrongPassword, next);
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().kind, ErrorKind::Denied);
    QVERIFY(service().changeOwnPassword(admin, kAdminPassword, next));
    QVERIFY(!service().login(QStringLiteral("admin"), kAdminPassword));
    QVERIFY(service().login(QStringLiteral("admin"), next));
    QStringList actions;
    for (const AuditRow &row : auditRows(m_store->database()))
        actions << row.action;
    QVERIFY(actions.contains(QStringLiteral("password_changed")));
}

void TestAccounts::setPassword_clearsLockout()
{
    const ActingUser admin = makeAdmin();
    const qint64 coachId = makeCoach(admin);
    for (int i = 0; i < 3; ++i)
        QVERIFY(!service().login(QStringLiteral("coach"), kWrongPassword));
    const QString reset = QStringLiteral("Reset-by-admin-2026");
    QVERIFY(service().setPassword(admin, coachId, reset));
    QVERIFY(service().login(QStringLiteral("coach"), reset));
    QCOMPARE(auditRows(m_store->database()).at(auditRows(m_store->database()).size() - 2).action,
             QStringLiteral("password_set"));
}

void TestAccounts::passwords_neverStoredInClear()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dbPath = dir.filePath(QStringLiteral("pme.sqlite"));
    const QString reset = QStringLiteral("Reset-by-admin-2026");
    const QStringList secrets = {kAdminPassword, kCoachPassword, kWrongPassword, reset};
    QByteArray bytes;
    {
        auto store = Store::open(dbPath);
        QVERIFY(store);
        Database &db = store->database();
        auto key = AuditKey::forStore(db, dir.filePath(QStringLiteral("keys")));
        QVERIFY(key);
        const AuditLog audit(*key);
        AccountService accounts(db, audit, PasswordHasher(kFast));
        auto admin = accounts.createFirstAdministrator(account("admin"), kAdminPassword);
        QVERIFY(admin);
        auto coachId = accounts.createUser(*admin, account("coach", {{Role::Coach, std::nullopt}}), kCoachPassword);
        QVERIFY(coachId);
        QVERIFY(accounts.login(QStringLiteral("coach"), kCoachPassword));
        QVERIFY(!accounts.login(QStringLiteral("coach"), kWrongPassword));
        QVERIFY(!accounts.login(kWrongPassword, kCoachPassword)); // a password in the name field
        QVERIFY(accounts.verifyPassword(admin->id(), kAdminPassword));
        QVERIFY(accounts.setPassword(*admin, *coachId, reset));
        QVERIFY(accounts.login(QStringLiteral("coach"), reset));

        // Read while open, so the write-ahead log still holds the recent pages.
        for (const QString &path : QStringList{dbPath, dbPath + QStringLiteral("-wal")}) {
            QFile f(path);
            if (f.open(QIODevice::ReadOnly))
                bytes += f.readAll();
        }
    }
    // And after closing, when the log has been checkpointed into the database file.
    QFile closed(dbPath);
    QVERIFY(closed.open(QIODevice::ReadOnly));
    bytes += closed.readAll();
    QVERIFY(bytes.size() > 4096);
    QVERIFY(bytes.contains("coach")); // the search finds what is there
    QVERIFY(bytes.contains("$argon2id$"));
    for (const QString &secret : secrets) {
        QVERIFY2(!bytes.contains(secret.toUtf8()), qPrintable(secret));
        const QByteArray utf16(reinterpret_cast<const char *>(secret.utf16()), secret.size() * 2);
        QVERIFY2(!bytes.contains(utf16), qPrintable(secret));
        QVERIFY2(!bytes.contains(secret.toUtf8().toHex()), qPrintable(secret));
        QVERIFY2(!bytes.contains(secret.toUtf8().toBase64()), qPrintable(secret));
    }
}

QTEST_GUILESS_MAIN(TestAccounts)
#include "tst_accounts.moc"
