// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QString>

#include <cstddef>

namespace pme::core {

/// Argon2id password hashes in libsodium's self-describing string form
/// ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), so the parameters travel with each hash
/// and can be raised later: needsRehash() tells when a stored hash is weaker than ours.
///
/// Passwords are NFC-normalised first, so the same password typed through different input
/// methods verifies; the UTF-8 copy handed to libsodium is wiped after use.
class PasswordHasher final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::PasswordHasher)

public:
    /// Argon2id cost: passes over memory (opsLimit) and memory in bytes (memLimit).
    struct Limits {
        unsigned long long opsLimit = 0;
        std::size_t memLimit = 0;

        /// libsodium's INTERACTIVE: 2 passes, 64 MiB (about 0.11 s on the reference machine).
        static Limits interactive();
        /// libsodium's MODERATE: 3 passes, 256 MiB (about 0.6 s on the reference machine).
        static Limits moderate();
        /// What PME Coach uses for accounts: moderate(); see docs/governance.md.
        static Limits recommended();
        bool operator==(const Limits &) const = default;
    };

    PasswordHasher() : PasswordHasher(Limits::recommended()) { }
    explicit PasswordHasher(Limits limits) : m_limits(limits) { }

    const Limits &limits() const { return m_limits; }

    /// A new salted hash of password with this hasher's limits.
    Result<QString> hash(const QString &password) const;
    /// True when password matches storedHash (whatever limits storedHash was made with).
    bool verify(const QString &storedHash, const QString &password) const;
    /// True when storedHash was made with other limits (or another algorithm) than ours.
    bool needsRehash(const QString &storedHash) const;

private:
    Limits m_limits;
};

} // namespace pme::core
