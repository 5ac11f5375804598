// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace pme::core {

class Database;

/// The secret that seals the audit chain (AuditLog), kept outside the database.
///
/// If the key lived in the store, whoever edits the store could recompute every seal after
/// their edit. So each store gets a random id (store_meta.store_id, not secret) and its key
/// lives in a file named after that id, by default in the user's configuration folder
/// (<config>/pmecoach/audit-keys/<store id>.key, folder 0700, file 0600). A copy of the
/// database alone (a backup, a file sent by e-mail) therefore carries no key. See
/// docs/governance.md for what this does and does not protect against.
class AuditKey final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::AuditKey)

public:
    static constexpr qsizetype kSize = 32;

    AuditKey() = default;
    ~AuditKey();
    AuditKey(const AuditKey &) = default;
    AuditKey &operator=(const AuditKey &) = default;
    AuditKey(AuditKey &&) noexcept = default;
    AuditKey &operator=(AuditKey &&) noexcept = default;

    /// A new random key (for in-memory stores and tests nothing else is needed).
    static Result<AuditKey> generate();
    static Result<AuditKey> fromBytes(const QByteArray &bytes);

    /// The key of the store behind db, read from keyDir (defaultKeyDir() when empty). A
    /// store without audit entries gets a new key file; a store whose entries were sealed
    /// with a key that is now missing is refused rather than given a new key that would
    /// make its whole history look forged. An in-memory store gets a key of its own.
    static Result<AuditKey> forStore(Database &db, const QString &keyDir = QString());
    /// <the user's config folder>/audit-keys.
    static QString defaultKeyDir();
    /// The store's random id, created on first use.
    static Result<QString> storeId(Database &db);

    /// Reads a key file written by save().
    static Result<AuditKey> load(const QString &path);
    /// Writes a new key file readable by its owner only; refuses to overwrite one.
    Result<void> save(const QString &path) const;

    bool isValid() const { return m_bytes.size() == kSize; }
    const QByteArray &bytes() const { return m_bytes; }

private:
    QByteArray m_bytes;
};

} // namespace pme::core
