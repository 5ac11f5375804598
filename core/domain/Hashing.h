// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstdint>
#include <string_view>

namespace pme::core {

/// A stable 64-bit hash (SipHash-2-4 with a fixed, public key) for indexing and change
/// detection: source keys and mapped row contents. Not for secrets. The value is part of
/// the store format: never change the key.
qint64 stableHash64(std::string_view bytes);
qint64 stableHash64(const QString &text);

/// Incremental form for hashing several fields without building one buffer. Fields are
/// length-prefixed, so ("ab", "c") and ("a", "bc") differ.
class StableHasher final {
public:
    void add(std::string_view field);
    void add(const QString &field);
    void add(double value);
    void addNull();
    qint64 finish() const;

private:
    std::uint64_t m_state = 0x9E3779B97F4A7C15ull;
};

} // namespace pme::core
