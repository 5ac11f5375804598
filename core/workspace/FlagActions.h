// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "analytics/FlagStore.h"

#include <QCoreApplication>
#include <QString>

namespace pme::core {
class ActingUser;
class AuditLog;
class Database;
} // namespace pme::core

namespace pme::core::workspace {

/// People's decisions on flags, governed: who may act is decided here, and every action is
/// recorded in the audit log in the same transaction as the change (FlagStore does the change).
///
/// | who                                        | may                                     |
/// |--------------------------------------------|-----------------------------------------|
/// | the learner, on their own flags            | comment                                 |
/// | a coach, on an assigned learner's flags    | acknowledge, resolve, dismiss, comment  |
/// | CCC member or program director, in program | acknowledge, resolve, dismiss, comment  |
/// | administrator                              | nothing (no access to flags)            |
class FlagActions final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::workspace::FlagActions)

public:
    /// May acknowledge, resolve, dismiss (or reopen) this learner's flags.
    static Result<bool> mayDecide(Database &db, const ActingUser &user, qint64 learnerId);
    /// May comment on this learner's flags: whoever may read them.
    static Result<bool> mayComment(Database &db, const ActingUser &user, qint64 learnerId);

    /// Records a decision; dismissing needs a reason. Audited as FlagStateChanged.
    static Result<void> setState(Database &db, const AuditLog &audit, const ActingUser &user, qint64 flagId,
                                 analytics::FlagStore::State state, const QString &reason);
    /// Adds a comment. Audited as FlagCommented (the text stays in flag_events, not in the log).
    static Result<void> comment(Database &db, const AuditLog &audit, const ActingUser &user, qint64 flagId,
                                const QString &text);
};

} // namespace pme::core::workspace
