// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "governance/ActingUser.h"
#include "governance/PasswordHasher.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <chrono>
#include <functional>

namespace pme::core {

class AuditLog;
class Database;
class Statement;

/// Checks passwords against the store: sign-in, the lock screen, confirming a password.
///
/// Every attempt is audited in the same transaction as its effect on the account. After
/// kFreeFailures consecutive failures the account is locked for a time that doubles with
/// each further failure (lockoutAfter()); while locked, attempts are refused without even
/// checking the password, and the message says how long to wait. A successful check resets
/// the count and, when the stored hash was made with other Argon2id limits than the current
/// ones, replaces it. Messages never tell an unknown user name from a wrong password.
class Authenticator final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::Authenticator)

public:
    /// What the password is checked for; decides the audit actions.
    enum class Purpose {
        Login, ///< sign-in: "login" / "login_failed"
        Unlock, ///< the idle lock screen: "unlock" / "unlock_failed"
        Confirm, ///< re-entering the current password before changing it: failures only
    };
    using Clock = std::function<QDateTime()>;

    static constexpr int kFreeFailures = 3;
    static constexpr std::chrono::seconds kFirstLockout{30};
    static constexpr std::chrono::seconds kLongestLockout{3600};

    Authenticator(Database &db, const AuditLog &audit, PasswordHasher hasher);

    /// Replaces the wall clock (tests step through lockouts with it).
    void setClock(Clock clock) { m_clock = std::move(clock); }
    QDateTime now() const { return m_clock(); }
    const PasswordHasher &hasher() const { return m_hasher; }

    /// Signs in by user name (case-insensitive); Denied with a readable reason on failure.
    Result<ActingUser> login(const QString &username, const QString &password);
    /// Checks the password of userId, with the same counting, lockout and audit as login.
    Result<void> verify(qint64 userId, const QString &password, Purpose purpose);

    /// How long an account stays locked after its n-th consecutive failure (0 below
    /// kFreeFailures, then 30 s, 60 s, 120 s ... up to an hour).
    static std::chrono::seconds lockoutAfter(int failures);

private:
    struct Account;

    static Account readAccount(const Statement &st);

    Result<ActingUser> authenticate(const Account &account, const QString &password, Purpose purpose);
    /// Counts a wrong password, locks when due; the error to return to the caller.
    Error wrongPassword(const Account &account, Purpose purpose, const QDateTime &now);
    Result<void> recordFailure(const Account &account, Purpose purpose, const QString &reason, int failures,
                               const QDateTime &lockedUntil);
    Result<void> recordSuccess(const Account &account, Purpose purpose, const QString &newHash);
    Result<void> recordUnknownUser();
    QString isoNow() const;
    QString waitMessage(qint64 seconds) const;

    Database &m_db;
    const AuditLog &m_audit;
    PasswordHasher m_hasher;
    Clock m_clock;
    QString m_dummyHash;
};

} // namespace pme::core
