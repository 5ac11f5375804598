// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "goals/GoalTypes.h"

#include <QCoreApplication>

namespace pme::core {
class ActingUser;
class AuditLog;
class Database;
} // namespace pme::core

namespace pme::core::goals {

/// Coaching session notes and learner reflections, behind the coaching firewall.
///
/// | note                  | written by              | read by                                       |
/// |-----------------------|-------------------------|-----------------------------------------------|
/// | session, private      | the learner or coach    | the learner and their coach                   |
/// | reflection, private   | the learner             | the learner only                              |
/// | either, shared        | —                       | also the program (CCC members, directors)     |
///
/// Notes are private when written; only the learner shares one with the program, or takes it
/// back (audited NoteShared, with the time and who in the note).
class CoachingNotes final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::goals::CoachingNotes)

public:
    static Result<qint64> write(Database &db, const AuditLog &audit, const ActingUser &user, qint64 learnerId,
                                const NoteDraft &note);
    static Result<void> setShared(Database &db, const AuditLog &audit, const ActingUser &user, qint64 noteId,
                                  bool shared);
    /// The learner's notes this user may read, newest first; Denied when none could ever be.
    static Result<QList<CoachingNote>> list(Database &db, const ActingUser &user, qint64 learnerId);
};

} // namespace pme::core::goals
