// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/Authenticator.h"

#include "Logging.h"
#include "governance/AuditEntry.h"
#include "governance/AuditLog.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace pme::core {

struct Authenticator::Account {
    qint64 id = 0;
    QString username;
    QString passwordHash;
    bool active = false;
    QDateTime lockedUntil;
};

namespace {

constexpr char kAccountColumns[] = "SELECT id, username, password_hash, active, locked_until FROM users ";

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QLatin1String successAction(Authenticator::Purpose purpose)
{
    return purpose == Authenticator::Purpose::Unlock ? AuditAction::Unlock : AuditAction::Login;
}

QLatin1String failureAction(Authenticator::Purpose purpose)
{
    return purpose == Authenticator::Purpose::Unlock ? AuditAction::UnlockFailed : AuditAction::LoginFailed;
}

} // namespace

Authenticator::Authenticator(Database &db, const AuditLog &audit, PasswordHasher hasher)
    : m_db(db), m_audit(audit), m_hasher(hasher), m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
}

Authenticator::Account Authenticator::readAccount(const Statement &st)
{
    Account account;
    account.id = st.columnInt64(0);
    account.username = st.columnText(1);
    account.passwordHash = st.columnText(2);
    account.active = st.columnInt64(3) != 0;
    if (!st.isNull(4))
        account.lockedUntil = QDateTime::fromString(st.columnText(4), Qt::ISODateWithMs);
    return account;
}

std::chrono::seconds Authenticator::lockoutAfter(int failures)
{
    if (failures < kFreeFailures)
        return std::chrono::seconds(0);
    // Doubling makes guessing hopeless (a day allows a few dozen tries) while a person who
    // mistypes three times waits only half a minute. The shift is bounded before the cap.
    const int doublings = std::min(failures - kFreeFailures, 16);
    return std::min(std::chrono::seconds(kFirstLockout.count() << doublings), kLongestLockout);
}

QString Authenticator::isoNow() const
{
    return m_clock().toUTC().toString(Qt::ISODateWithMs);
}

QString Authenticator::waitMessage(qint64 seconds) const
{
    if (seconds > 120)
        return tr("Too many failed sign-ins: this account is locked. Try again in %n minute(s).", nullptr,
                  static_cast<int>((seconds + 59) / 60));
    return tr("Too many failed sign-ins: this account is locked. Try again in %n second(s).", nullptr,
              static_cast<int>(seconds));
}

Result<ActingUser> Authenticator::login(const QString &username, const QString &password)
{
    const QByteArray sql = QByteArray(kAccountColumns) + "WHERE username = ?";
    Statement st(m_db, sql.constData());
    st.bind(1, username.trimmed());
    auto row = st.step();
    if (!row)
        return row.error();
    if (*row)
        return authenticate(readAccount(st), password, Purpose::Login);

    // Spend the same time as for a real account, so timing does not reveal which names exist.
    if (m_dummyHash.isEmpty()) {
        if (auto dummy = m_hasher.hash(QStringLiteral("pme-coach-no-such-user")); dummy)
            m_dummyHash = *dummy;
    }
    (void)m_hasher.verify(m_dummyHash, password);
    if (auto r = recordUnknownUser(); !r)
        return r.error();
    return makeError(ErrorKind::Denied, tr("The user name or password is incorrect."));
}

Result<void> Authenticator::verify(qint64 userId, const QString &password, Purpose purpose)
{
    const QByteArray sql = QByteArray(kAccountColumns) + "WHERE id = ?";
    Statement st(m_db, sql.constData());
    st.bind(1, userId);
    auto row = st.step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorKind::NotFound, tr("There is no user account with id %1.").arg(userId));
    auto user = authenticate(readAccount(st), password, purpose);
    if (!user)
        return user.error();
    return {};
}

Result<ActingUser> Authenticator::authenticate(const Account &account, const QString &password, Purpose purpose)
{
    const QDateTime now = m_clock();
    if (account.lockedUntil.isValid() && account.lockedUntil > now) {
        // Refused before the password is looked at: guesses made while locked teach nothing.
        const qint64 wait = std::max<qint64>(1, (now.msecsTo(account.lockedUntil) + 999) / 1000);
        if (auto r = recordFailure(account, purpose, QStringLiteral("locked"), -1, account.lockedUntil); !r)
            return r.error();
        return makeError(ErrorKind::Denied, waitMessage(wait));
    }

    if (!m_hasher.verify(account.passwordHash, password))
        return wrongPassword(account, purpose, now);

    if (!account.active) {
        if (auto r = recordFailure(account, purpose, QStringLiteral("deactivated"), -1, QDateTime()); !r)
            return r.error();
        return makeError(
            ErrorKind::Denied,
            tr("The account %1 is deactivated. Ask an administrator to reactivate it.").arg(account.username));
    }

    QString newHash;
    if (m_hasher.needsRehash(account.passwordHash)) {
        // The password is at hand only now, so this is the one moment a hash made with older
        // limits can be brought up to the current ones.
        auto rehashed = m_hasher.hash(password);
        if (rehashed)
            newHash = *rehashed;
        else
            qCWarning(lcGovernance) << "could not rehash the password of user" << account.id;
    }
    if (auto r = recordSuccess(account, purpose, newHash); !r)
        return r.error();
    return ActingUser::load(m_db, account.id);
}

Error Authenticator::wrongPassword(const Account &account, Purpose purpose, const QDateTime &now)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    // Read the count inside the write transaction, so two attempts at once both count.
    Statement count(m_db, "SELECT failed_logins FROM users WHERE id = ?");
    count.bind(1, account.id);
    auto row = count.step();
    if (!row)
        return row.error();
    const int failures = static_cast<int>(count.columnInt64(0)) + 1;
    count.reset();
    const auto lockout = lockoutAfter(failures);
    const QDateTime lockedUntil = lockout.count() > 0 ? now.addSecs(lockout.count()) : QDateTime();
    if (auto r = recordFailure(account, purpose, QStringLiteral("wrong_password"), failures, lockedUntil); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    QString message = tr("The user name or password is incorrect.");
    if (lockout.count() > 0)
        message += QLatin1Char(' ') + waitMessage(lockout.count());
    return makeError(ErrorKind::Denied, message);
}

Result<void> Authenticator::recordFailure(const Account &account, Purpose purpose, const QString &reason, int failures,
                                          const QDateTime &lockedUntil)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    QJsonObject details{{QStringLiteral("reason"), reason}};
    if (purpose == Purpose::Confirm)
        details.insert(QStringLiteral("purpose"), QStringLiteral("confirm_password"));
    if (failures > 0) {
        details.insert(QStringLiteral("failures"), failures);
        const QString until = lockedUntil.isValid() ? lockedUntil.toUTC().toString(Qt::ISODateWithMs) : QString();
        if (!until.isEmpty())
            details.insert(QStringLiteral("locked_until"), until);
        Statement update(m_db, "UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?");
        update.bind(1, failures);
        update.bind(2, until);
        update.bind(3, account.id);
        if (auto r = update.exec(); !r)
            return r;
    }
    AuditEntry entry;
    entry.at = isoNow();
    entry.userId = account.id;
    entry.username = account.username;
    entry.action = failureAction(purpose);
    entry.entityKind = QStringLiteral("user");
    entry.entityId = account.id;
    entry.details = json(details);
    if (auto r = m_audit.append(m_db, std::move(entry)); !r)
        return r.error();
    return tx.commit();
}

Result<void> Authenticator::recordSuccess(const Account &account, Purpose purpose, const QString &newHash)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    Statement update(m_db,
                     "UPDATE users SET failed_logins = 0, locked_until = NULL, "
                     "last_login_at = CASE WHEN ?1 THEN ?2 ELSE last_login_at END, "
                     "password_hash = coalesce(?3, password_hash) WHERE id = ?4");
    update.bind(1, purpose == Purpose::Login ? 1 : 0);
    update.bind(2, isoNow());
    update.bind(3, newHash.isEmpty() ? QString() : newHash);
    update.bind(4, account.id);
    if (auto r = update.exec(); !r)
        return r;
    if (purpose != Purpose::Confirm) {
        AuditEntry entry;
        entry.at = isoNow();
        entry.userId = account.id;
        entry.username = account.username;
        entry.action = successAction(purpose);
        entry.entityKind = QStringLiteral("user");
        entry.entityId = account.id;
        if (!newHash.isEmpty())
            entry.details = json({{QStringLiteral("password_rehashed"), true}});
        if (auto r = m_audit.append(m_db, std::move(entry)); !r)
            return r.error();
    }
    return tx.commit();
}

Result<void> Authenticator::recordUnknownUser()
{
    // The name typed is not recorded: people type their password into the name field, and
    // the audit log must never hold a password in clear.
    AuditEntry entry;
    entry.at = isoNow();
    entry.action = AuditAction::LoginFailed;
    entry.details = json({{QStringLiteral("reason"), QStringLiteral("unknown_user")}});
    auto r = m_audit.append(m_db, std::move(entry));
    if (!r)
        return r.error();
    return {};
}

} // namespace pme::core
