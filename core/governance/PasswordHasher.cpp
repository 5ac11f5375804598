// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/PasswordHasher.h"

#include "governance/Sodium.h"

#include <sodium.h>

namespace pme::core {

namespace {

// The UTF-8 bytes of a password, wiped when they go out of scope. QString keeps its own
// copies we cannot reach, but at least the buffer we hand to libsodium does not linger.
class SecretUtf8 final {
public:
    explicit SecretUtf8(const QString &password) : m_bytes(password.normalized(QString::NormalizationForm_C).toUtf8())
    {
    }
    ~SecretUtf8() { sodium_memzero(m_bytes.data(), static_cast<size_t>(m_bytes.size())); }
    SecretUtf8(const SecretUtf8 &) = delete;
    SecretUtf8 &operator=(const SecretUtf8 &) = delete;

    const char *data() const { return m_bytes.constData(); }
    unsigned long long size() const { return static_cast<unsigned long long>(m_bytes.size()); }

private:
    QByteArray m_bytes;
};

} // namespace

PasswordHasher::Limits PasswordHasher::Limits::interactive()
{
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordHasher::Limits PasswordHasher::Limits::moderate()
{
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

PasswordHasher::Limits PasswordHasher::Limits::recommended()
{
    // MODERATE rather than INTERACTIVE: the hash lives in the same unencrypted file as the
    // data, so once a laptop or a backup is lost, Argon2id's cost is all that stands between
    // an offline attacker and a password people may also use for the hospital's systems.
    // A person signs in once a session (and unlocks after idling), so ~0.6 s and a transient
    // 256 MiB are an acceptable price for 5.5 times the attacker's work per guess.
    return moderate();
}

Result<QString> PasswordHasher::hash(const QString &password) const
{
    if (!sodiumReady())
        return makeError(ErrorKind::Internal, tr("The password library could not be started."));
    const SecretUtf8 secret(password);
    char out[crypto_pwhash_STRBYTES] = {};
    if (crypto_pwhash_str(out, secret.data(), secret.size(), m_limits.opsLimit, m_limits.memLimit) != 0)
        return makeError(ErrorKind::Internal,
                         tr("There was not enough memory to protect the password. Close other "
                            "programs and try again."));
    return QString::fromLatin1(out);
}

bool PasswordHasher::verify(const QString &storedHash, const QString &password) const
{
    if (!sodiumReady())
        return false;
    const QByteArray stored = storedHash.toLatin1();
    const SecretUtf8 secret(password);
    return crypto_pwhash_str_verify(stored.constData(), secret.data(), secret.size()) == 0;
}

bool PasswordHasher::needsRehash(const QString &storedHash) const
{
    if (!sodiumReady())
        return false;
    const QByteArray stored = storedHash.toLatin1();
    // 1 = other parameters, -1 = not an Argon2id string at all: both deserve a new hash.
    return crypto_pwhash_str_needs_rehash(stored.constData(), m_limits.opsLimit, m_limits.memLimit) != 0;
}

} // namespace pme::core
