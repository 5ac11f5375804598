// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "governance/AuditEntry.h"
#include "governance/AuditKey.h"
#include "governance/AuditVerification.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace pme::core {

class ActingUser;
class Database;

/// The append-only, hash-chained audit log (DESIGN.md, Governance).
///
/// Each entry is sealed with a keyed BLAKE2b-256 (libsodium crypto_generichash) over the
/// previous entry's seal and a canonical encoding of its own fields, ids included. The
/// database's triggers refuse UPDATE and DELETE; the seals make what gets past them
/// (a dropped trigger, a hex editor) visible to verify(). The key is an AuditKey, kept
/// outside the database, so the chain cannot be recomputed from the database alone.
class AuditLog final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::AuditLog)

public:
    explicit AuditLog(AuditKey key) : m_key(std::move(key)) { }

    /// Appends an entry by actor (an invalid ActingUser records no user) inside the caller's
    /// transaction, or in its own when there is none. Returns the new entry's id.
    Result<qint64> append(Database &db, const ActingUser &actor, const QString &action,
                          const QString &entityKind = QString(), std::optional<qint64> entityId = std::nullopt,
                          std::optional<qint64> learnerId = std::nullopt, const QString &detailsJson = QString()) const;
    /// Appends entry as given; id, prevHash and hash are assigned, at defaults to now.
    Result<qint64> append(Database &db, AuditEntry entry) const;

    /// Walks the whole chain and reports every break (see AuditProblem), optionally also
    /// checking that it still contains an anchor recorded earlier.
    Result<AuditVerification> verify(Database &db, const std::optional<AuditAnchor> &anchor = std::nullopt) const;

    /// The audit view: entries matching filter that viewer may see (program directors:
    /// entries about their programs' learners; administrators and program directors of
    /// every program: all). Denied for everyone else.
    Result<QList<AuditEntry>> query(Database &db, const ActingUser &viewer, const AuditFilter &filter) const;

    /// The seal of entry after prevHash with key: exposed for tests and tools.
    static QByteArray seal(const AuditKey &key, const AuditEntry &entry);

private:
    AuditKey m_key;
};

} // namespace pme::core
