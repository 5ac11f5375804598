// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstddef>

struct evp_md_ctx_st;

namespace pme::core {

/// Incremental SHA-256 of a file being read (the fingerprint of every import batch).
///
/// Through OpenSSL's libcrypto, which uses the processor's SHA instructions: measured here,
/// QCryptographicHash's portable SHA-256 cost more than the whole parse of an export.
class Sha256 final {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void addData(const char *data, std::size_t size);
    /// Lower-case hex of the digest; the hash cannot be extended afterwards.
    QString hexResult();

private:
    evp_md_ctx_st *m_context = nullptr;
};

} // namespace pme::core
