// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/AccountService.h"

#include "domain/Dates.h"
#include "governance/AccessPolicy.h"
#include "governance/AccountRules.h"
#include "governance/AuditEntry.h"
#include "governance/AuditLog.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pme::core {

namespace {

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject grantJson(const RoleGrant &grant)
{
    return {{QStringLiteral("role"), roleKey(grant.role)},
            {QStringLiteral("program_id"), grant.programId ? QJsonValue(*grant.programId) : QJsonValue()}};
}

// Looks a row up by id; NotFound carrying message when there is none.
Result<void> requireRow(Database &db, const char *sql, qint64 id, const QString &message)
{
    Statement st(db, sql);
    st.bind(1, id);
    auto found = st.step();
    if (!found)
        return found.error();
    if (!*found)
        return makeError(ErrorKind::NotFound, message);
    return {};
}

// Reads one optional row; nullopt when there is none.
template<typename F> Result<std::optional<std::invoke_result_t<F, Statement &>>> firstRow(Statement &st, F read)
{
    auto row = st.step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<std::invoke_result_t<F, Statement &>>();
    auto value = read(st);
    st.reset();
    return std::optional(std::move(value));
}

} // namespace

AccountService::AccountService(Database &db, const AuditLog &audit, PasswordHasher hasher)
    : m_db(db), m_audit(audit), m_auth(db, audit, hasher)
{
}

QString AccountService::isoNow() const
{
    return m_auth.now().toUTC().toString(Qt::ISODateWithMs);
}

QDate AccountService::today() const
{
    return m_auth.now().toLocalTime().date();
}

Result<void> AccountService::audit(const ActingUser &actor, const QString &action, const QString &entityKind,
                                   std::optional<qint64> entityId, std::optional<qint64> learnerId,
                                   const QString &details)
{
    AuditEntry entry;
    entry.at = isoNow();
    if (actor.isValid()) {
        entry.userId = actor.id();
        entry.username = actor.username();
    }
    entry.action = action;
    entry.entityKind = entityKind;
    entry.entityId = entityId;
    entry.learnerId = learnerId;
    entry.details = details;
    auto r = m_audit.append(m_db, std::move(entry));
    if (!r)
        return r.error();
    return {};
}

template<typename Change>
auto AccountService::administer(const ActingUser &actor, Change change)
    -> std::invoke_result_t<Change, const ActingUser &>
{
    auto admin = requireAdministrator(actor);
    if (!admin)
        return admin.error();
    Transaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    auto result = change(*admin);
    if (!result)
        return result; // the transaction rolls back
    if (auto r = tx.commit(); !r)
        return r.error();
    return result;
}

Result<void> AccountService::auditUser(const ActingUser &actor, const QString &action, qint64 userId,
                                       const QString &details)
{
    return audit(actor, action, QStringLiteral("user"), userId, std::nullopt, details);
}

Result<ActingUser> AccountService::requireAdministrator(const ActingUser &actor)
{
    const auto denied = makeError(ErrorKind::Denied, tr("Only an administrator can manage accounts."));
    if (!actor.isValid())
        return denied;
    // The snapshot may predate a revoked role: decide on what the store says now.
    auto fresh = ActingUser::load(m_db, actor.id());
    if (!fresh)
        return fresh.error().kind == ErrorKind::Internal ? fresh.error() : denied;
    if (!AccessPolicy::mayManageAccounts(*fresh))
        return denied;
    return fresh;
}

Result<bool> AccountService::needsFirstAdministrator()
{
    Statement st(m_db,
                 "SELECT EXISTS (SELECT 1 FROM user_roles r JOIN users u ON u.id = r.user_id "
                 "WHERE r.role = 'admin' AND u.active = 1)");
    auto row = st.step();
    if (!row)
        return row.error();
    return st.columnInt64(0) == 0;
}

Result<void> AccountService::requireAnAdministratorLeft()
{
    auto needed = needsFirstAdministrator();
    if (!needed)
        return needed.error();
    if (*needed)
        return makeError(ErrorKind::Conflict,
                         tr("At least one active administrator must remain. Make someone else an "
                            "administrator first."));
    return {};
}

Result<ActingUser> AccountService::createFirstAdministrator(const NewAccount &account, const QString &password)
{
    if (auto r = AccountRules::checkPassword(account.username, password); !r)
        return r.error();
    // Hash before the transaction: Argon2id takes a while and the write lock should not wait.
    auto hash = m_auth.hasher().hash(password);
    if (!hash)
        return hash.error();
    Transaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    auto needed = needsFirstAdministrator();
    if (!needed)
        return needed.error();
    if (!*needed)
        return makeError(ErrorKind::Conflict,
                         tr("This database already has an administrator. Sign in as an administrator "
                            "to create more accounts."));
    NewAccount first = account;
    const RoleGrant admin{Role::Admin, std::nullopt};
    if (!first.roles.contains(admin))
        first.roles.append(admin);
    auto id = insertUser(ActingUser(), first, *hash);
    if (!id)
        return id.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return ActingUser::load(m_db, *id);
}

Result<qint64> AccountService::createUser(const ActingUser &actor, const NewAccount &account, const QString &password)
{
    auto admin = requireAdministrator(actor);
    if (!admin)
        return admin.error();
    if (auto r = AccountRules::checkPassword(account.username, password); !r)
        return r.error();
    auto hash = m_auth.hasher().hash(password);
    if (!hash)
        return hash.error();
    Transaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    auto id = insertUser(*admin, account, *hash);
    if (!id)
        return id;
    if (auto r = tx.commit(); !r)
        return r.error();
    return id;
}

Result<qint64> AccountService::insertUser(const ActingUser &actor, const NewAccount &account, const QString &hash)
{
    auto checkedName = AccountRules::checkUsername(account.username);
    if (!checkedName)
        return checkedName.error();
    const QString username = *checkedName;
    Statement exists(m_db, "SELECT 1 FROM users WHERE username = ?");
    exists.bind(1, username);
    auto taken = exists.step();
    if (!taken)
        return taken.error();
    if (*taken)
        return makeError(ErrorKind::Conflict, tr("There is already a user named %1.").arg(username));
    exists.reset();

    const QString displayName = account.displayName.trimmed().isEmpty() ? username : account.displayName.trimmed();
    Statement insert(m_db,
                     "INSERT INTO users (username, display_name, password_hash, is_demo, created_at, "
                     "password_changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)");
    insert.bind(1, username);
    insert.bind(2, displayName);
    insert.bind(3, hash);
    insert.bind(4, account.demo ? 1 : 0);
    insert.bind(5, isoNow());
    if (auto r = insert.exec(); !r)
        return r.error();
    const qint64 id = m_db.lastInsertRowId();

    // The first administrator creates themself.
    const ActingUser author = actor.isValid() ? actor : ActingUser(id, username, displayName, {});
    QJsonArray roles;
    for (const RoleGrant &grant : account.roles) {
        auto added = insertRole(id, grant);
        if (!added)
            return added.error();
        roles.append(grantJson(grant));
    }
    QJsonObject details{{QStringLiteral("username"), username}, {QStringLiteral("roles"), roles}};
    if (account.demo)
        details.insert(QStringLiteral("demo"), true);
    if (!actor.isValid())
        details.insert(QStringLiteral("first_administrator"), true);
    if (auto r = audit(author, AuditAction::UserCreated, QStringLiteral("user"), id, std::nullopt, json(details)); !r)
        return r.error();
    if (account.learnerId) {
        if (auto r = linkInTransaction(author, id, *account.learnerId); !r)
            return r.error();
    }
    return id;
}

Result<bool> AccountService::insertRole(qint64 userId, const RoleGrant &grant)
{
    if (grant.programId) {
        if (auto r = requireRow(m_db, "SELECT 1 FROM programs WHERE id = ?", *grant.programId,
                                tr("There is no program with id %1.").arg(*grant.programId));
            !r)
            return r.error();
    }
    // UNIQUE does not catch a second NULL program_id, so look first ('IS' matches NULL).
    Statement existing(m_db, "SELECT 1 FROM user_roles WHERE user_id = ? AND role = ? AND program_id IS ?");
    existing.bind(1, userId);
    existing.bind(2, roleKey(grant.role));
    existing.bind(3, grant.programId);
    auto held = existing.step();
    if (!held)
        return held.error();
    if (*held)
        return false;
    Statement insert(m_db, "INSERT INTO user_roles (user_id, role, program_id) VALUES (?, ?, ?)");
    insert.bind(1, userId);
    insert.bind(2, roleKey(grant.role));
    insert.bind(3, grant.programId);
    if (auto r = insert.exec(); !r)
        return r.error();
    return true;
}

Result<void> AccountService::setPassword(const ActingUser &actor, qint64 userId, const QString &newPassword)
{
    auto admin = requireAdministrator(actor);
    if (!admin)
        return admin.error();
    Statement user(m_db, "SELECT username FROM users WHERE id = ?");
    user.bind(1, userId);
    auto name = firstRow(user, [](Statement &st) { return st.columnText(0); });
    if (!name)
        return name.error();
    if (!*name)
        return makeError(ErrorKind::NotFound, tr("There is no user account with id %1.").arg(userId));
    if (auto r = AccountRules::checkPassword(**name, newPassword); !r)
        return r;
    auto hash = m_auth.hasher().hash(newPassword);
    if (!hash)
        return hash.error();

    Transaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    Statement update(m_db,
                     "UPDATE users SET password_hash = ?, password_changed_at = ?, failed_logins = 0, "
                     "locked_until = NULL WHERE id = ?");
    update.bind(1, *hash);
    update.bind(2, isoNow());
    update.bind(3, userId);
    if (auto r = update.exec(); !r)
        return r;
    if (auto r = auditUser(*admin, AuditAction::PasswordSet, userId); !r)
        return r;
    return tx.commit();
}

Result<void> AccountService::changeOwnPassword(const ActingUser &actor, const QString &currentPassword,
                                               const QString &newPassword)
{
    if (!actor.isValid())
        return makeError(ErrorKind::Denied, tr("Sign in to change your password."));
    if (auto r = AccountRules::checkPassword(actor.username(), newPassword); !r)
        return r;
    if (auto r = m_auth.verify(actor.id(), currentPassword, Authenticator::Purpose::Confirm); !r)
        return r;
    auto hash = m_auth.hasher().hash(newPassword);
    if (!hash)
        return hash.error();
    Transaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    Statement update(m_db, "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?");
    update.bind(1, *hash);
    update.bind(2, isoNow());
    update.bind(3, actor.id());
    if (auto r = update.exec(); !r)
        return r;
    if (auto r = auditUser(actor, AuditAction::PasswordChanged, actor.id()); !r)
        return r;
    return tx.commit();
}

Result<void> AccountService::setActive(const ActingUser &actor, qint64 userId, bool active)
{
    return administer(actor, [&](const ActingUser &admin) -> Result<void> {
        Statement update(m_db, "UPDATE users SET active = ? WHERE id = ?");
        update.bind(1, active ? 1 : 0);
        update.bind(2, userId);
        if (auto r = update.exec(); !r)
            return r;
        if (m_db.changes() == 0)
            return makeError(ErrorKind::NotFound, tr("There is no user account with id %1.").arg(userId));
        if (!active) {
            if (auto r = requireAnAdministratorLeft(); !r)
                return r;
        }
        return auditUser(admin, active ? AuditAction::UserActivated : AuditAction::UserDeactivated, userId);
    });
}

Result<void> AccountService::addRole(const ActingUser &actor, qint64 userId, const RoleGrant &grant)
{
    return administer(actor, [&](const ActingUser &admin) -> Result<void> {
        if (auto r = requireRow(m_db, "SELECT 1 FROM users WHERE id = ?", userId,
                                tr("There is no user account with id %1.").arg(userId));
            !r)
            return r;
        auto added = insertRole(userId, grant);
        if (!added)
            return added.error();
        if (!*added)
            return {}; // already held: nothing changed, nothing to record
        return auditUser(admin, AuditAction::RoleAdded, userId, json(grantJson(grant)));
    });
}

Result<void> AccountService::removeRole(const ActingUser &actor, qint64 userId, const RoleGrant &grant)
{
    return administer(actor, [&](const ActingUser &admin) -> Result<void> {
        Statement remove(m_db, "DELETE FROM user_roles WHERE user_id = ? AND role = ? AND program_id IS ?");
        remove.bind(1, userId);
        remove.bind(2, roleKey(grant.role));
        remove.bind(3, grant.programId);
        if (auto r = remove.exec(); !r)
            return r;
        if (m_db.changes() == 0)
            return makeError(ErrorKind::NotFound, tr("That account does not hold this role."));
        if (grant.role == Role::Admin) {
            if (auto r = requireAnAdministratorLeft(); !r)
                return r;
        }
        return auditUser(admin, AuditAction::RoleRemoved, userId, json(grantJson(grant)));
    });
}

Result<qint64> AccountService::assignCoach(const ActingUser &actor, qint64 coachUserId, qint64 learnerId,
                                           const QDate &startsOn)
{
    return administer(actor, [&](const ActingUser &admin) -> Result<qint64> {
        auto coach = ActingUser::load(m_db, coachUserId);
        if (!coach)
            return coach.error();
        if (!coach->hasRole(Role::Coach))
            return makeError(ErrorKind::BadInput,
                             tr("%1 is not a coach. Give the account the coach role first.").arg(coach->username()));
        if (auto r = requireRow(m_db, "SELECT 1 FROM learners WHERE id = ?", learnerId,
                                tr("There is no learner with id %1.").arg(learnerId));
            !r)
            return r.error();
        Statement current(m_db,
                          "SELECT id FROM coach_assignments WHERE coach_user_id = ? AND learner_id = ? "
                          "AND ended_on IS NULL");
        current.bind(1, coachUserId);
        current.bind(2, learnerId);
        auto existing = firstRow(current, [](Statement &st) { return st.columnInt64(0); });
        if (!existing)
            return existing.error();
        if (*existing)
            return **existing;

        const QString starts = toIsoDate(startsOn.isValid() ? startsOn : today());
        Statement insert(m_db,
                         "INSERT INTO coach_assignments (coach_user_id, learner_id, started_on) VALUES (?, ?, ?)");
        insert.bind(1, coachUserId);
        insert.bind(2, learnerId);
        insert.bind(3, starts);
        if (auto r = insert.exec(); !r)
            return r.error();
        const qint64 id = m_db.lastInsertRowId();
        const QJsonObject details{{QStringLiteral("coach_user_id"), coachUserId},
                                  {QStringLiteral("coach"), coach->username()},
                                  {QStringLiteral("starts_on"), starts}};
        if (auto r = audit(admin, AuditAction::CoachAssigned, QStringLiteral("coach_assignment"), id, learnerId,
                           json(details));
            !r)
            return r.error();
        return id;
    });
}

Result<void> AccountService::endCoachAssignment(const ActingUser &actor, qint64 coachUserId, qint64 learnerId,
                                                const QDate &endsOn)
{
    return administer(actor, [&](const ActingUser &admin) -> Result<void> {
        // Ending before the start means it never applied: close it on its first day.
        Statement update(m_db,
                         "UPDATE coach_assignments SET ended_on = max(?, started_on) "
                         "WHERE coach_user_id = ? AND learner_id = ? AND ended_on IS NULL");
        const QString ends = toIsoDate(endsOn.isValid() ? endsOn : today());
        update.bind(1, ends);
        update.bind(2, coachUserId);
        update.bind(3, learnerId);
        if (auto r = update.exec(); !r)
            return r;
        if (m_db.changes() == 0)
            return makeError(ErrorKind::NotFound, tr("That coach is not assigned to this learner."));
        const QJsonObject details{{QStringLiteral("coach_user_id"), coachUserId}, {QStringLiteral("ends_on"), ends}};
        return audit(admin, AuditAction::CoachUnassigned, QStringLiteral("coach_assignment"), std::nullopt, learnerId,
                     json(details));
    });
}

Result<void> AccountService::linkLearner(const ActingUser &actor, qint64 userId, qint64 learnerId)
{
    return administer(actor, [&](const ActingUser &admin) { return linkInTransaction(admin, userId, learnerId); });
}

Result<void> AccountService::linkInTransaction(const ActingUser &actor, qint64 userId, qint64 learnerId)
{
    Statement learner(m_db, "SELECT program_id FROM learners WHERE id = ?");
    learner.bind(1, learnerId);
    auto program = firstRow(learner, [](Statement &st) { return st.columnInt64(0); });
    if (!program)
        return program.error();
    if (!*program)
        return makeError(ErrorKind::NotFound, tr("There is no learner with id %1.").arg(learnerId));

    Statement other(m_db, "SELECT username FROM users WHERE learner_id = ? AND id <> ?");
    other.bind(1, learnerId);
    other.bind(2, userId);
    auto owner = firstRow(other, [](Statement &st) { return st.columnText(0); });
    if (!owner)
        return owner.error();
    if (*owner)
        return makeError(ErrorKind::Conflict, tr("This learner is already linked to the account %1.").arg(**owner));

    Statement update(m_db, "UPDATE users SET learner_id = ? WHERE id = ?");
    update.bind(1, learnerId);
    update.bind(2, userId);
    if (auto r = update.exec(); !r)
        return r;
    if (m_db.changes() == 0)
        return makeError(ErrorKind::NotFound, tr("There is no user account with id %1.").arg(userId));
    if (auto added = insertRole(userId, {Role::Learner, **program}); !added)
        return added.error();
    return audit(actor, AuditAction::LearnerLinked, QStringLiteral("user"), userId, learnerId, QString());
}

Result<QList<AccountSummary>> AccountService::listUsers(const ActingUser &actor)
{
    auto admin = requireAdministrator(actor);
    if (!admin)
        return admin.error();
    QHash<qint64, QList<RoleGrant>> grants;
    Statement roles(m_db, "SELECT user_id, role, program_id FROM user_roles ORDER BY id");
    while (true) {
        auto row = roles.step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        if (const auto role = roleFromKey(roles.columnText(1)))
            grants[roles.columnInt64(0)].append({*role, roles.columnOptionalInt64(2)});
    }
    QList<AccountSummary> users;
    Statement st(m_db,
                 "SELECT id, username, display_name, learner_id, is_demo, active, failed_logins, "
                 "locked_until, last_login_at FROM users ORDER BY username");
    while (true) {
        auto row = st.step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        AccountSummary user;
        user.id = st.columnInt64(0);
        user.username = st.columnText(1);
        user.displayName = st.columnText(2);
        user.roles = grants.value(user.id);
        user.learnerId = st.columnOptionalInt64(3);
        user.demo = st.columnInt64(4) != 0;
        user.active = st.columnInt64(5) != 0;
        user.failedLogins = static_cast<int>(st.columnInt64(6));
        user.lockedUntil = st.columnText(7);
        user.lastLoginAt = st.columnText(8);
        users.append(user);
    }
    return users;
}

Result<ActingUser> AccountService::login(const QString &username, const QString &password)
{
    return m_auth.login(username, password);
}

Result<void> AccountService::verifyPassword(qint64 userId, const QString &password)
{
    return m_auth.verify(userId, password, Authenticator::Purpose::Unlock);
}

} // namespace pme::core
