// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace pme::core {

/// One break in the audit chain, as found by AuditLog::verify().
struct AuditProblem {
    enum class Kind {
        Altered, ///< the entry's content changed after it was written (later entries still link to it)
        Forged, ///< the entry was not sealed by PME Coach and nothing links to it: inserted or rewritten
        Missing, ///< entries were deleted (a gap in the ids, or fewer entries than an anchor recorded)
        Relinked, ///< a genuine entry no longer follows the one before it
    };
    Kind kind = Kind::Altered;
    /// The broken entry; for Missing, the first missing id.
    qint64 entryId = 0;
    /// A translated sentence naming the entry and what is wrong with it.
    QString message;
};

/// The outcome of walking the audit chain. lastId and lastHash make an anchor: write them
/// down (a CCC report, a printout) and a later verify() against them also detects entries
/// removed from the end, which the chain alone cannot.
struct AuditVerification {
    qint64 entryCount = 0;
    qint64 lastId = 0;
    QByteArray lastHash;
    /// Every break, in id order; the first is the first broken entry.
    QList<AuditProblem> problems;

    bool isIntact() const { return problems.isEmpty(); }
};

/// A chain head recorded earlier (AuditVerification::lastId / lastHash).
struct AuditAnchor {
    qint64 id = 0;
    QByteArray hash;
};

} // namespace pme::core
