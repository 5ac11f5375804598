// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/Hashing.h"

#include <sodium.h>

#include <cstring>

namespace pme::core {

namespace {

// Public and fixed on purpose: the hashes are stored, so every build must agree.
constexpr unsigned char kKey[crypto_shorthash_KEYBYTES] = {'P', 'M', 'E', ' ', 'C', 'o', 'a', 'c',
                                                           'h', ' ', 'k', 'e', 'y', 's', ' ', '1'};

std::uint64_t siphash(const void *data, std::size_t size)
{
    // libsodium asks for sodium_init() before use; it is idempotent and thread-safe.
    [[maybe_unused]] static const int s_sodiumReady = sodium_init();
    unsigned char out[crypto_shorthash_BYTES];
    crypto_shorthash(out, static_cast<const unsigned char *>(data), size, kKey);
    std::uint64_t value = 0;
    std::memcpy(&value, out, sizeof value);
    return value;
}

} // namespace

qint64 stableHash64(std::string_view bytes)
{
    return static_cast<qint64>(siphash(bytes.data(), bytes.size()));
}

qint64 stableHash64(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return stableHash64(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
}

void StableHasher::add(std::string_view field)
{
    // Chain: state' = H(state || length || field). One SipHash call per field keeps this
    // allocation-free for the short fields of an export row.
    unsigned char buffer[256];
    const std::uint64_t length = field.size();
    if (field.size() + 16 <= sizeof buffer) {
        std::memcpy(buffer, &m_state, 8);
        std::memcpy(buffer + 8, &length, 8);
        std::memcpy(buffer + 16, field.data(), field.size());
        m_state = siphash(buffer, field.size() + 16);
    } else {
        const std::uint64_t inner = siphash(field.data(), field.size());
        std::uint64_t parts[3] = {m_state, length, inner};
        m_state = siphash(parts, sizeof parts);
    }
}

void StableHasher::add(const QString &field)
{
    const QByteArray utf8 = field.toUtf8();
    add(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
}

void StableHasher::add(double value)
{
    char bytes[sizeof value];
    std::memcpy(bytes, &value, sizeof value);
    add(std::string_view(bytes, sizeof bytes));
}

void StableHasher::addNull()
{
    std::uint64_t parts[2] = {m_state, ~0ull};
    m_state = siphash(parts, sizeof parts);
}

qint64 StableHasher::finish() const
{
    return static_cast<qint64>(m_state);
}

} // namespace pme::core
