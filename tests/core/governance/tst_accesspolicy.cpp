// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/Dates.h"
#include "governance/AccessPolicy.h"
#include "governance/ActingUser.h"
#include "store/Statement.h"
#include "store/Store.h"

#include <QDate>
#include <QTest>

using namespace pme::core;

Q_DECLARE_METATYPE(Role)
Q_DECLARE_METATYPE(DataKind)
Q_DECLARE_METATYPE(Relation)

namespace {

const QList<DataKind> kAllKinds = {DataKind::Roster,
                                   DataKind::Profile,
                                   DataKind::Observations,
                                   DataKind::Flags,
                                   DataKind::SharedGoalPlans,
                                   DataKind::PrivateGoalPlans,
                                   DataKind::SharedCoachingNotes,
                                   DataKind::PrivateCoachingNotes,
                                   DataKind::Audit};
const QList<Relation> kAllRelations
    = {Relation::Self, Relation::AssignedCoach, Relation::SameProgram, Relation::OtherProgram};

const char *name(Role role)
{
    switch (role) {
    case Role::Learner:
        return "learner";
    case Role::Coach:
        return "coach";
    case Role::CccMember:
        return "ccc_member";
    case Role::ProgramDirector:
        return "program_director";
    case Role::Admin:
        return "admin";
    }
    return "?";
}

const char *name(DataKind kind)
{
    switch (kind) {
    case DataKind::Roster:
        return "roster";
    case DataKind::Profile:
        return "profile";
    case DataKind::Observations:
        return "observations";
    case DataKind::Flags:
        return "flags";
    case DataKind::SharedGoalPlans:
        return "shared plans";
    case DataKind::PrivateGoalPlans:
        return "draft plans";
    case DataKind::SharedCoachingNotes:
        return "shared notes";
    case DataKind::PrivateCoachingNotes:
        return "private notes";
    case DataKind::Audit:
        return "audit";
    }
    return "?";
}

const char *name(Relation relation)
{
    switch (relation) {
    case Relation::Self:
        return "self";
    case Relation::AssignedCoach:
        return "assigned";
    case Relation::SameProgram:
        return "same program";
    case Relation::OtherProgram:
        return "other program";
    }
    return "?";
}

// The expected table, written out independently of AccessPolicy: what each role may read
// under each relation. Every combination not listed is denied.
QList<DataKind> expectedAllowed(Role role, Relation relation)
{
    const QList<DataKind> ownData = {DataKind::Roster,
                                     DataKind::Profile,
                                     DataKind::Observations,
                                     DataKind::Flags,
                                     DataKind::SharedGoalPlans,
                                     DataKind::PrivateGoalPlans,
                                     DataKind::SharedCoachingNotes,
                                     DataKind::PrivateCoachingNotes};
    const QList<DataKind> outsideFirewall
        = {DataKind::Roster, DataKind::Profile,         DataKind::Observations,
           DataKind::Flags,  DataKind::SharedGoalPlans, DataKind::SharedCoachingNotes};
    if (role == Role::Learner && relation == Relation::Self)
        return ownData;
    if (role == Role::Coach && relation == Relation::AssignedCoach)
        return ownData;
    if (role == Role::CccMember && relation == Relation::SameProgram)
        return outsideFirewall;
    if (role == Role::ProgramDirector && relation == Relation::SameProgram)
        return outsideFirewall + QList<DataKind>{DataKind::Audit};
    if (role == Role::Admin && relation == Relation::SameProgram)
        return {DataKind::Roster, DataKind::Audit};
    return {};
}

qint64 insert(Database &db, const char *sql, const QList<QVariant> &values)
{
    Statement st(db, sql);
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &v = values.at(i);
        if (v.isNull())
            st.bindNull(i + 1);
        else if (v.typeId() == QMetaType::QString)
            st.bind(i + 1, v.toString());
        else
            st.bind(i + 1, v.toLongLong());
    }
    const auto r = st.exec();
    if (!r)
        qFatal("%s", qPrintable(r.error().message));
    return db.lastInsertRowId();
}

} // namespace

/// The governance table, the coaching firewall, and the policy applied to a real store.
class TestAccessPolicy : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void table_data();
    void table();
    void firewall_data();
    void firewall();
    void noneAllowsAnotherProgram();
    void roleKeys_roundTrip();
    void visibilityMapsToKind();

    void mayRead_data();
    void mayRead();
    void requireRead_deniedHasMessage();
    void mayRead_unknownLearner_notFound();
    void endedAssignment_revokesCoach();
    void invalidUser_deniedEverything();
    void scope_data();
    void scope();
    void scope_filtersSqlQuery();
    void accountsAndAuditPermissions();

private:
    ActingUser user(const QString &username) const;

    std::optional<Store> m_store;
    qint64 m_programA = 0;
    qint64 m_programB = 0;
    QHash<QString, qint64> m_learners;
    QHash<QString, ActingUser> m_users;
};

void TestAccessPolicy::init()
{
    auto store = Store::openInMemory();
    QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
    m_store.emplace(std::move(store).value());
    Database &db = m_store->database();
    const QString now = nowUtcIso();
    const char *program = "INSERT INTO programs (code, name, created_at) VALUES (?, ?, ?)";
    m_programA = insert(db, program, {QStringLiteral("IM"), QStringLiteral("Internal medicine"), now});
    m_programB = insert(db, program, {QStringLiteral("SU"), QStringLiteral("Surgery"), now});
    const char *learner = "INSERT INTO learners (program_id, display_name, start_date, created_at, updated_at) "
                          "VALUES (?, ?, '2024-07-01', ?, ?)";
    m_learners[QStringLiteral("ana")] = insert(db, learner, {m_programA, QStringLiteral("Ana"), now, now});
    m_learners[QStringLiteral("ben")] = insert(db, learner, {m_programA, QStringLiteral("Ben"), now, now});
    m_learners[QStringLiteral("cy")] = insert(db, learner, {m_programB, QStringLiteral("Cy"), now, now});

    // username, role, program (0 = every program), linked learner
    struct Row {
        const char *username;
        Role role;
        qint64 program;
        const char *learner;
    };
    const Row rows[] = {
        {"ana", Role::Learner, m_programA, "ana"},
        {"ben", Role::Learner, m_programA, "ben"},
        {"coach", Role::Coach, m_programA, nullptr}, // coaches ana only
        {"ccc", Role::CccMember, m_programA, nullptr},
        {"pd", Role::ProgramDirector, m_programA, nullptr},
        {"admin", Role::Admin, 0, nullptr},
        {"cccall", Role::CccMember, 0, nullptr},
        {"pdall", Role::ProgramDirector, 0, nullptr},
        {"adminB", Role::Admin, m_programB, nullptr},
    };
    for (const Row &row : rows) {
        const QString username = QString::fromLatin1(row.username);
        const QVariant linked = row.learner ? QVariant(m_learners.value(QString::fromLatin1(row.learner))) : QVariant();
        const qint64 id = insert(db,
                                 "INSERT INTO users (username, display_name, password_hash, learner_id, created_at) "
                                 "VALUES (?, ?, 'not-a-hash', ?, ?)",
                                 {username, username, linked, now});
        insert(db, "INSERT INTO user_roles (user_id, role, program_id) VALUES (?, ?, ?)",
               {id, roleKey(row.role), row.program ? QVariant(row.program) : QVariant()});
        auto loaded = ActingUser::load(db, id);
        QVERIFY(loaded);
        m_users.insert(username, *loaded);
    }
    insert(db, "INSERT INTO coach_assignments (coach_user_id, learner_id, started_on) VALUES (?, ?, '2024-07-01')",
           {m_users.value(QStringLiteral("coach")).id(), m_learners.value(QStringLiteral("ana"))});
}

void TestAccessPolicy::cleanup()
{
    m_users.clear();
    m_learners.clear();
    m_store.reset();
}

ActingUser TestAccessPolicy::user(const QString &username) const
{
    return m_users.value(username);
}

void TestAccessPolicy::table_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<DataKind>("kind");
    QTest::addColumn<Relation>("relation");
    QTest::addColumn<bool>("allowed");
    for (Role role : kAllRoles) {
        for (Relation relation : kAllRelations) {
            const QList<DataKind> allowed = expectedAllowed(role, relation);
            for (DataKind kind : kAllKinds) {
                const bool yes = allowed.contains(kind);
                QTest::addRow("%s / %s / %s -> %s", name(role), name(kind), name(relation), yes ? "allowed" : "denied")
                    << role << kind << relation << yes;
            }
        }
    }
}

void TestAccessPolicy::table()
{
    QFETCH(Role, role);
    QFETCH(DataKind, kind);
    QFETCH(Relation, relation);
    QFETCH(bool, allowed);
    QCOMPARE(AccessPolicy::allows(role, kind, relation), allowed);
}

void TestAccessPolicy::firewall_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<DataKind>("kind");
    QTest::addColumn<Relation>("relation");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("ccc member cannot read a private coaching note")
        << Role::CccMember << DataKind::PrivateCoachingNotes << Relation::SameProgram << false;
    QTest::newRow("ccc member cannot read a draft goal plan")
        << Role::CccMember << DataKind::PrivateGoalPlans << Relation::SameProgram << false;
    QTest::newRow("program director cannot read a private coaching note")
        << Role::ProgramDirector << DataKind::PrivateCoachingNotes << Relation::SameProgram << false;
    QTest::newRow("program director cannot read a draft goal plan")
        << Role::ProgramDirector << DataKind::PrivateGoalPlans << Relation::SameProgram << false;
    QTest::newRow("admin cannot read a private coaching note")
        << Role::Admin << DataKind::PrivateCoachingNotes << Relation::SameProgram << false;
    QTest::newRow("admin cannot read a learner profile")
        << Role::Admin << DataKind::Profile << Relation::SameProgram << false;
    QTest::newRow("unassigned coach cannot read a private coaching note")
        << Role::Coach << DataKind::PrivateCoachingNotes << Relation::SameProgram << false;
    QTest::newRow("learner cannot read another learner's notes")
        << Role::Learner << DataKind::SharedCoachingNotes << Relation::SameProgram << false;
    QTest::newRow("assigned coach reads the pair's private notes")
        << Role::Coach << DataKind::PrivateCoachingNotes << Relation::AssignedCoach << true;
    QTest::newRow("assigned coach reads the draft plan")
        << Role::Coach << DataKind::PrivateGoalPlans << Relation::AssignedCoach << true;
    QTest::newRow("learner reads own private notes")
        << Role::Learner << DataKind::PrivateCoachingNotes << Relation::Self << true;
    QTest::newRow("ccc member reads a note the learner shared")
        << Role::CccMember << DataKind::SharedCoachingNotes << Relation::SameProgram << true;
    QTest::newRow("ccc member reads a shared plan")
        << Role::CccMember << DataKind::SharedGoalPlans << Relation::SameProgram << true;
}

void TestAccessPolicy::firewall()
{
    table();
}

void TestAccessPolicy::noneAllowsAnotherProgram()
{
    for (Role role : kAllRoles) {
        for (DataKind kind : kAllKinds)
            QVERIFY2(!AccessPolicy::allows(role, kind, Relation::OtherProgram), name(role));
    }
}

void TestAccessPolicy::roleKeys_roundTrip()
{
    for (Role role : kAllRoles) {
        QCOMPARE(roleFromKey(roleKey(role)), std::optional<Role>(role));
        QVERIFY(!roleDisplayName(role).isEmpty());
    }
    QCOMPARE(roleKey(Role::CccMember), QStringLiteral("ccc_member"));
    QCOMPARE(roleFromKey(u"superuser"), std::nullopt);
}

void TestAccessPolicy::visibilityMapsToKind()
{
    QCOMPARE(AccessPolicy::coachingNoteKind(u"private"), DataKind::PrivateCoachingNotes);
    QCOMPARE(AccessPolicy::coachingNoteKind(u"program"), DataKind::SharedCoachingNotes);
    QCOMPARE(AccessPolicy::goalPlanKind(u"private"), DataKind::PrivateGoalPlans);
    QCOMPARE(AccessPolicy::goalPlanKind(u"program"), DataKind::SharedGoalPlans);
    // Anything unexpected is treated as private: failing closed.
    QCOMPARE(AccessPolicy::coachingNoteKind(u"whatever"), DataKind::PrivateCoachingNotes);
}

void TestAccessPolicy::mayRead_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("learner");
    QTest::addColumn<DataKind>("kind");
    QTest::addColumn<bool>("allowed");
    const auto row = [](const char *u, const char *l, DataKind k, bool a) {
        QTest::addRow("%s reads %s of %s: %s", u, name(k), l, a ? "yes" : "no")
            << QString::fromLatin1(u) << QString::fromLatin1(l) << k << a;
    };
    row("ana", "ana", DataKind::PrivateCoachingNotes, true);
    row("ana", "ana", DataKind::Profile, true);
    row("ana", "ana", DataKind::Audit, false);
    row("ana", "ben", DataKind::Profile, false);
    row("ana", "ben", DataKind::Roster, false);
    row("coach", "ana", DataKind::PrivateCoachingNotes, true);
    row("coach", "ana", DataKind::PrivateGoalPlans, true);
    row("coach", "ben", DataKind::Profile, false);
    row("coach", "cy", DataKind::Profile, false);
    row("ccc", "ana", DataKind::Profile, true);
    row("ccc", "ana", DataKind::SharedCoachingNotes, true);
    row("ccc", "ana", DataKind::PrivateCoachingNotes, false);
    row("ccc", "ana", DataKind::PrivateGoalPlans, false);
    row("ccc", "cy", DataKind::Profile, false);
    row("pd", "ben", DataKind::Audit, true);
    row("pd", "ben", DataKind::PrivateCoachingNotes, false);
    row("pd", "cy", DataKind::Audit, false);
    row("cccall", "cy", DataKind::Flags, true);
    row("cccall", "cy", DataKind::PrivateCoachingNotes, false);
    row("pdall", "cy", DataKind::Audit, true);
    row("admin", "ana", DataKind::Roster, true);
    row("admin", "ana", DataKind::Audit, true);
    row("admin", "ana", DataKind::Profile, false);
    row("admin", "ana", DataKind::PrivateCoachingNotes, false);
    row("adminB", "ana", DataKind::Audit, false);
    row("adminB", "cy", DataKind::Audit, true);
}

void TestAccessPolicy::mayRead()
{
    QFETCH(QString, username);
    QFETCH(QString, learner);
    QFETCH(DataKind, kind);
    QFETCH(bool, allowed);
    auto result = AccessPolicy::mayRead(m_store->database(), user(username), kind, m_learners.value(learner));
    QVERIFY(result);
    QCOMPARE(*result, allowed);
    const auto required
        = AccessPolicy::requireRead(m_store->database(), user(username), kind, m_learners.value(learner));
    QCOMPARE(required.ok(), allowed);
}

void TestAccessPolicy::requireRead_deniedHasMessage()
{
    const auto r = AccessPolicy::requireRead(m_store->database(), user(QStringLiteral("ccc")),
                                             DataKind::PrivateCoachingNotes, m_learners.value(QStringLiteral("ana")));
    QVERIFY(!r);
    QCOMPARE(r.error().kind, ErrorKind::Denied);
    QVERIFY(r.error().message.contains(QLatin1String("private coaching notes")));
}

void TestAccessPolicy::mayRead_unknownLearner_notFound()
{
    const auto r = AccessPolicy::mayRead(m_store->database(), user(QStringLiteral("admin")), DataKind::Roster, 9999);
    QVERIFY(!r);
    QCOMPARE(r.error().kind, ErrorKind::NotFound);
}

void TestAccessPolicy::endedAssignment_revokesCoach()
{
    Database &db = m_store->database();
    const ActingUser coach = user(QStringLiteral("coach"));
    const qint64 ana = m_learners.value(QStringLiteral("ana"));
    QVERIFY(*AccessPolicy::mayRead(db, coach, DataKind::PrivateCoachingNotes, ana));
    // ended_on is the first day without the assignment: ending it today revokes at once.
    Statement end(db, "UPDATE coach_assignments SET ended_on = ? WHERE coach_user_id = ?");
    end.bind(1, toIsoDate(QDate::currentDate()));
    end.bind(2, coach.id());
    QVERIFY(end.exec());
    QVERIFY(!*AccessPolicy::mayRead(db, coach, DataKind::PrivateCoachingNotes, ana));
    QVERIFY(AccessPolicy::scope(db, coach, DataKind::Profile)->isEmpty());
}

void TestAccessPolicy::invalidUser_deniedEverything()
{
    for (DataKind kind : kAllKinds) {
        QVERIFY(
            !*AccessPolicy::mayRead(m_store->database(), ActingUser(), kind, m_learners.value(QStringLiteral("ana"))));
        QVERIFY(AccessPolicy::scope(m_store->database(), ActingUser(), kind)->isEmpty());
    }
}

void TestAccessPolicy::scope_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<DataKind>("kind");
    QTest::addColumn<bool>("everyone");
    QTest::addColumn<QStringList>("learners");
    const auto row = [](const char *u, DataKind k, bool all, const QStringList &l) {
        QTest::addRow("%s / %s", u, name(k)) << QString::fromLatin1(u) << k << all << l;
    };
    row("ana", DataKind::PrivateCoachingNotes, false, {QStringLiteral("ana")});
    row("ana", DataKind::Audit, false, {});
    row("coach", DataKind::PrivateCoachingNotes, false, {QStringLiteral("ana")});
    row("ccc", DataKind::Profile, false, {QStringLiteral("ana"), QStringLiteral("ben")});
    row("ccc", DataKind::PrivateCoachingNotes, false, {});
    row("pd", DataKind::Audit, false, {QStringLiteral("ana"), QStringLiteral("ben")});
    row("cccall", DataKind::Observations, true, {});
    row("cccall", DataKind::PrivateGoalPlans, false, {});
    row("admin", DataKind::Roster, true, {});
    row("admin", DataKind::Profile, false, {});
    row("adminB", DataKind::Audit, false, {QStringLiteral("cy")});
}

void TestAccessPolicy::scope()
{
    QFETCH(QString, username);
    QFETCH(DataKind, kind);
    QFETCH(bool, everyone);
    QFETCH(QStringList, learners);
    auto result = AccessPolicy::scope(m_store->database(), user(username), kind);
    QVERIFY(result);
    QCOMPARE(result->isEveryone(), everyone);
    if (!everyone) {
        QList<qint64> expected;
        for (const QString &l : learners)
            expected.append(m_learners.value(l));
        std::sort(expected.begin(), expected.end());
        QCOMPARE(result->ids(), expected);
    }
}

void TestAccessPolicy::scope_filtersSqlQuery()
{
    Database &db = m_store->database();
    const qint64 author = user(QStringLiteral("coach")).id();
    const QString now = nowUtcIso();
    const char *note = "INSERT INTO coaching_notes (learner_id, author_user_id, body, visibility, created_at, "
                       "updated_at) VALUES (?, ?, ?, ?, ?, ?)";
    const auto add = [&](const char *learner, const char *visibility) {
        const QString body = QString::fromLatin1(learner) + QLatin1Char('-') + QString::fromLatin1(visibility);
        insert(
            db, note,
            {m_learners.value(QString::fromLatin1(learner)), author, body, QString::fromLatin1(visibility), now, now});
    };
    add("ana", "private");
    add("ana", "program");
    add("ben", "private");
    add("ben", "program");
    add("cy", "program");

    // The firewall applied in SQL: shared notes through one scope, private through another.
    const auto visibleNotes = [&](const QString &username) {
        const auto shared = AccessPolicy::scope(db, user(username), DataKind::SharedCoachingNotes);
        const auto priv = AccessPolicy::scope(db, user(username), DataKind::PrivateCoachingNotes);
        Statement st(db,
                     "SELECT body FROM coaching_notes WHERE "
                     "(visibility = 'program' AND (?1 OR learner_id IN (SELECT value FROM json_each(?2)))) "
                     "OR (visibility = 'private' AND (?3 OR learner_id IN (SELECT value FROM json_each(?4)))) "
                     "ORDER BY body");
        shared->bind(st, 1, 2);
        priv->bind(st, 3, 4);
        QStringList bodies;
        while (*st.step())
            bodies << st.columnText(0);
        return bodies;
    };
    QCOMPARE(visibleNotes(QStringLiteral("ana")),
             (QStringList{QStringLiteral("ana-private"), QStringLiteral("ana-program")}));
    QCOMPARE(visibleNotes(QStringLiteral("coach")),
             (QStringList{QStringLiteral("ana-private"), QStringLiteral("ana-program")}));
    QCOMPARE(visibleNotes(QStringLiteral("ccc")),
             (QStringList{QStringLiteral("ana-program"), QStringLiteral("ben-program")}));
    QCOMPARE(visibleNotes(QStringLiteral("cccall")),
             (QStringList{QStringLiteral("ana-program"), QStringLiteral("ben-program"), QStringLiteral("cy-program")}));
    QCOMPARE(visibleNotes(QStringLiteral("admin")), QStringList());
}

void TestAccessPolicy::accountsAndAuditPermissions()
{
    QVERIFY(AccessPolicy::mayManageAccounts(user(QStringLiteral("admin"))));
    QVERIFY(!AccessPolicy::mayManageAccounts(user(QStringLiteral("pd"))));
    QVERIFY(AccessPolicy::mayViewAudit(user(QStringLiteral("pd"))));
    QVERIFY(!AccessPolicy::mayViewAudit(user(QStringLiteral("ccc"))));
    QVERIFY(!AccessPolicy::mayViewAudit(user(QStringLiteral("coach"))));
    QVERIFY(AccessPolicy::mayViewUnattributedAudit(user(QStringLiteral("admin"))));
    QVERIFY(AccessPolicy::mayViewUnattributedAudit(user(QStringLiteral("pdall"))));
    QVERIFY(!AccessPolicy::mayViewUnattributedAudit(user(QStringLiteral("pd"))));
}

QTEST_GUILESS_MAIN(TestAccessPolicy)
#include "tst_accesspolicy.moc"
